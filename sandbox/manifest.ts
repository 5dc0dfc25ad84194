// The app's surfaces as manifest.yml declares them: the sandbox hosts exactly these modules,
// with the resources the manifest points at (no separate copy of the UI).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { readLocaleFiles } from '../runtime/forgeLocales';

export type SurfaceType = 'jira:issuePanel' | 'jira:globalPage' | 'jira:projectSettingsPage' | 'jira:adminPage';

export interface Surface {
  type: SurfaceType;
  key: string;
  /** The title in the default locale; `titles` has it in every locale of the translations. */
  title: string;
  titles: Record<string, string>;
  /** 'native' = UI Kit (a .tsx entry), 'custom' = Custom UI (a built folder with index.html). */
  render: 'native' | 'custom';
  resourceKey: string;
  /** Absolute path of the resource (entry file or folder). */
  resourcePath: string;
  /** Path of the resource relative to the repo root, as in the manifest. */
  resource: string;
}

const SURFACE_TYPES: SurfaceType[] = ['jira:issuePanel', 'jira:globalPage', 'jira:projectSettingsPage', 'jira:adminPage'];

interface ManifestFile {
  modules?: Record<string, { key: string; resource: string; render?: string; title?: string | { i18n: string } }[]>;
  resources?: { key: string; path: string }[];
}

function readManifest(root: string): ManifestFile {
  return parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as ManifestFile;
}

/** Resource key → absolute path, for every resource of the manifest. */
export function readResources(root: string): Record<string, string> {
  return Object.fromEntries((readManifest(root).resources ?? []).map((r) => [r.key, path.join(root, r.path)]));
}

export function readSurfaces(root: string): Surface[] {
  const manifest = readManifest(root);
  const resources = new Map((manifest.resources ?? []).map((r) => [r.key, r.path]));
  const locales = readLocaleFiles(root);
  const surfaces: Surface[] = [];
  for (const type of SURFACE_TYPES) {
    for (const module of manifest.modules?.[type] ?? []) {
      const resource = resources.get(module.resource);
      if (!resource) throw new Error(`manifest.yml: module ${module.key} names resource "${module.resource}", which is not declared`);
      const titles = titlesOf(module.title, locales);
      surfaces.push({
        type,
        key: module.key,
        title: (locales && titles[locales.defaultLocale]) ?? (typeof module.title === 'string' ? module.title : module.key),
        titles,
        render: module.render === 'native' ? 'native' : 'custom',
        resourceKey: module.resource,
        resource,
        resourcePath: path.join(root, resource),
      });
    }
  }
  return surfaces;
}

/** A module title (plain, or an i18n key of the translations) in every locale that has it. */
function titlesOf(title: string | { i18n: string } | undefined, locales: ReturnType<typeof readLocaleFiles>): Record<string, string> {
  if (typeof title !== 'object' || !locales) return {};
  return Object.fromEntries(
    [...locales.files.keys()].flatMap((file) => {
      const locale = file.replace(/\.json$/, '');
      const text = locales.translate(title.i18n, locale);
      return file === 'i18n-info.json' || !text ? [] : [[locale, text]];
    }),
  );
}
