// `npm run package`: builds what `forge deploy` uploads, offline, with Forge's own bundlers
// (@forge/bundler as @forge/cli 13.3.0 runs it): one bundle per function module of the manifest
// (node runtime bundler, with the local runtime wrapper), one per UI Kit resource
// (NativeUIBundler), plus the built Custom UI page and the static assets. Prints every bundle's
// raw and gzip size and what fills it. Exits non-zero on any bundling error.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getEntryPoints, getNodeBundler, LocalWrapperProvider, NativeUIBundler } from '@forge/bundler';
import {
  ConfigFile,
  dependencyFileNames,
  FileSystemReader,
  FileSystemWriter,
  I18nResourceBundlingService,
  listFilesInI18nResourceBundle,
  shouldBundleResource,
  type I18nResourceBundle,
  type Logger,
} from '@forge/cli-shared';
import { firstLoadScripts, formatSize, kb, measureBundle } from './sizes';

const APP_DIR = path.resolve(__dirname, '..');
/** The folder this command writes (named on its last line). */
const PACKAGE_DIR = path.join(APP_DIR, 'build', 'forge-package');
const LOCAL_WRAPPER_DIR = path.join(__dirname, 'local-runtime');
/** @forge/i18n's I18N_BUNDLE_FOLDER_NAME. */
const LOCALES_FOLDER = '__LOCALES__';
/** The global page's first load must stay under this much gzipped JS. */
const FIRST_LOAD_BUDGET_GZIP = 300 * 1024;

const logger: Logger = {
  traceEnabled: false,
  debugEnabled: false,
  trace() {},
  debug() {},
  info: (message) => console.log(message),
  warn: (message) => console.warn(`warning: ${message}`),
  error: (error) => console.error(error),
};

/** The CLI asks Statsig (its feature flags) only whether the EAP TypeScript bundler is on; offline, it is not. */
const offlineFeatureFlags = { isTypescriptBundlerEnabled: async () => false } as never;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

async function bundleFunctions(config: ConfigFile, outDir: string, i18nResourceBundle: I18nResourceBundle) {
  const handlers = await config.getAppHandlers();
  const reader = new FileSystemReader();
  const bundler = getNodeBundler(logger, new LocalWrapperProvider(reader, LOCAL_WRAPPER_DIR), config, offlineFeatureFlags);
  // As @forge/cli's RuntimeBundler: the bundler's output folder, its additional outputs (the
  // runtime wrapper), the manifest as JSON and the dependency files.
  const { outputDir, additionalOutputs } = await bundler.bundle({ appDirectory: APP_DIR, entryPoints: getEntryPoints(handlers), i18nResourceBundle });
  cpSync(outputDir, outDir, { recursive: true });
  for (const [name, content] of additionalOutputs ?? []) {
    mkdirSync(path.dirname(path.join(outDir, name)), { recursive: true });
    if (typeof content === 'string') cpSync(content, path.join(outDir, name));
    else writeFileSync(path.join(outDir, name), content);
  }
  writeFileSync(path.join(outDir, 'manifest.yml'), JSON.stringify(await config.readConfig()));
  for (const name of dependencyFileNames) if (existsSync(path.join(APP_DIR, name))) cpSync(path.join(APP_DIR, name), path.join(outDir, name));
  return handlers;
}

/** The manifest's translations as the CLI bundles them: the locale files and i18n-info.json (module titles per locale). */
async function bundleTranslations(config: ConfigFile): Promise<I18nResourceBundle> {
  const manifest = await config.readConfig();
  return new I18nResourceBundlingService().bundle(manifest.modules, manifest.translations);
}

/** Beside every resource, as Forge serves it: `__LOCALES__/`, which @forge/bridge's i18n fetches relative to the surface. */
function addTranslations(resourceDir: string, bundle: I18nResourceBundle) {
  for (const [name, file] of listFilesInI18nResourceBundle(bundle)) {
    mkdirSync(path.join(resourceDir, LOCALES_FOLDER), { recursive: true });
    cpSync(file, path.join(resourceDir, LOCALES_FOLDER, name));
  }
}

async function bundleResources(config: ConfigFile, outDir: string, i18nResourceBundle: I18nResourceBundle) {
  const resources = await config.getResources();
  const [uiKit, prebuilt] = [resources.filter(shouldBundleResource), resources.filter((r) => !shouldBundleResource(r))];
  const { nativeUiBundlesDetails } = await new NativeUIBundler(logger).bundleResources(uiKit);
  for (const bundle of nativeUiBundlesDetails) cpSync(bundle.path, path.join(outDir, bundle.key), { recursive: true });
  for (const resource of prebuilt) {
    const source = path.join(APP_DIR, resource.path);
    if (!existsSync(source)) throw new Error(`Resource ${resource.key} has no folder ${resource.path}: run \`npm run build\` first.`);
    cpSync(source, path.join(outDir, resource.key), { recursive: true });
  }
  for (const resource of resources) if (resource.key !== 'assets') addTranslations(path.join(outDir, resource.key), i18nResourceBundle);
  return resources;
}

function report(dir: string) {
  const bundles = filesUnder(dir).filter((f) => /\.(c?js)$/.test(f) && !f.endsWith('.map'));
  console.log('\nBundle sizes (raw, gzip, largest parts by generated bytes):');
  for (const file of bundles.sort()) console.log(`  ${formatSize(measureBundle(file), dir)}`);
}

function checkFirstLoad(pageDir: string) {
  const scripts = firstLoadScripts(pageDir).map((file) => measureBundle(file, 0));
  const total = scripts.reduce((sum, s) => sum + s.gzip, 0);
  console.log(`\nGlobal page first load: ${scripts.length} scripts, ${kb(total)} gzip JS (budget ${kb(FIRST_LOAD_BUDGET_GZIP)})`);
  if (total >= FIRST_LOAD_BUDGET_GZIP)
    throw new Error(`The global page's first load is ${kb(total)} gzip JS, over the ${kb(FIRST_LOAD_BUDGET_GZIP)} budget.`);
}

export async function buildPackage() {
  process.chdir(APP_DIR); // the CLI runs in the app folder: manifest.yml and src/ are read from there
  const config = new ConfigFile(new FileSystemReader(), new FileSystemWriter());
  rmSync(PACKAGE_DIR, { recursive: true, force: true });
  const started = Date.now();
  const translations = await bundleTranslations(config);
  const handlers = await bundleFunctions(config, path.join(PACKAGE_DIR, 'functions'), translations);
  const resources = await bundleResources(config, path.join(PACKAGE_DIR, 'resources'), translations);
  console.log(
    `Bundled ${handlers.length} function modules (${handlers.map((h) => `${h.module}.${h.func}`).join(', ')}) and ${resources.length} resources (${resources.map((r) => `${r.key}: ${r.resourceType}`).join(', ')}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  report(PACKAGE_DIR);
  checkFirstLoad(path.join(PACKAGE_DIR, 'resources', 'global-page'));
  console.log(`\nPackage written to ${path.relative(process.cwd(), PACKAGE_DIR)}/`);
}
