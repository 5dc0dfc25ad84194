// The app's surfaces as manifest.yml declares them: the sandbox hosts exactly these modules,
// with the resources the manifest points at (no separate copy of the UI).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export type SurfaceType = 'jira:issuePanel' | 'jira:globalPage' | 'jira:projectSettingsPage' | 'jira:adminPage';

export interface Surface {
  type: SurfaceType;
  key: string;
  title: string;
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
  modules?: Record<string, { key: string; resource: string; render?: string; title?: string }[]>;
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
  const surfaces: Surface[] = [];
  for (const type of SURFACE_TYPES) {
    for (const module of manifest.modules?.[type] ?? []) {
      const resource = resources.get(module.resource);
      if (!resource) throw new Error(`manifest.yml: module ${module.key} names resource "${module.resource}", which is not declared`);
      surfaces.push({
        type,
        key: module.key,
        title: module.title ?? module.key,
        render: module.render === 'native' ? 'native' : 'custom',
        resourceKey: module.resource,
        resource,
        resourcePath: path.join(root, resource),
      });
    }
  }
  return surfaces;
}
