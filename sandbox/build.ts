// Builds what the sandbox serves, when it is missing or older than its sources:
// - the Custom UI page, exactly as `npm run build` builds it (the manifest's resource folder);
// - the app's own UI Kit entry files (the manifest's resources), bundled for the browser with @forge/react;
// - the sandbox's host code: the Jira-like frame, the UI Kit host (bridge + ForgeDoc renderer) and
//   the Custom UI bridge shim.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { FEATURE_GATE_CLIENT, NO_FEATURE_GATES_SOURCE } from '../static/global-page/noFeatureGates';
import type { Surface } from './manifest';

export interface BuildOptions {
  root: string;
  surfaces: Surface[];
  /** Rebuild even when outputs look fresh. */
  force?: boolean;
  log?: (line: string) => void;
}

export interface BuildReport {
  /** Custom UI resources that could not be built and have no earlier build (key → reason). */
  missing: Record<string, string>;
  built: string[];
}

export const OUT_DIR = 'sandbox/public/build';

/** Newest modification time (ms) under the given files and folders; 0 when none exist. */
export function newestMtime(paths: string[], ignore: (p: string) => boolean = () => false): number {
  let newest = 0;
  const visit = (p: string) => {
    if (ignore(p) || !existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p)) if (entry !== 'node_modules') visit(path.join(p, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

function mtimeOf(p: string): number {
  return existsSync(p) ? statSync(p).mtimeMs : 0;
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    // NODE_ENV as `npm run build` has it: a sandbox started from a test runner (NODE_ENV=test) still serves the production page.
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production', FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (error) => resolve({ code: 1, output: `${output}\n${error.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** App code outside a surface's own folder that both frontends import (contract, pure domain, shared UI words and rules). */
const SHARED_SOURCES = ['src/shared', 'src/domain', 'src/frontend/common'];

/** The Custom UI page's sources: the folder holding the build folder (index.html, src/, vite config) and the app code it imports. */
function customUiInputs(root: string, surface: Surface): string[] {
  const project = path.dirname(surface.resourcePath);
  return [project, ...SHARED_SOURCES.map((p) => path.join(root, p)), path.join(root, 'package-lock.json')];
}

async function buildCustomUi(root: string, surface: Surface, force: boolean, log: (l: string) => void, report: BuildReport) {
  const index = path.join(surface.resourcePath, 'index.html');
  const project = path.dirname(surface.resourcePath);
  const built = mtimeOf(index);
  const sources = newestMtime(customUiInputs(root, surface), (p) => p === surface.resourcePath);
  if (!force && built > 0 && built >= sources) return;
  const config = ['vite.config.ts', 'vite.config.mts', 'vite.config.js'].map((f) => path.join(project, f)).find(existsSync);
  if (!config) {
    if (!built) report.missing[surface.key] = `no ${surface.resource}/index.html and no vite config in ${path.relative(root, project)}`;
    return;
  }
  log(`Building ${surface.title} (${surface.resource}) with vite…`);
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const result = await run(process.execPath, [vite, 'build', '--config', path.relative(root, config)], root);
  if (result.code === 0 && existsSync(index)) {
    report.built.push(surface.resource);
    return;
  }
  const tail = result.output.trim().split('\n').slice(-12).join('\n');
  if (existsSync(index)) log(`Warning: building ${surface.resource} failed; serving the previous build.\n${tail}`);
  else report.missing[surface.key] = `vite build failed:\n${tail}`;
}

/** Atlaskit asks the (never initialised) Statsig client for flags: the same stand-in as the Custom UI build. */
function noFeatureGates(): Plugin {
  const filter = new RegExp(`^${FEATURE_GATE_CLIENT.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
  return {
    name: 'no-feature-gates',
    setup(build) {
      build.onResolve({ filter }, () => ({ path: 'no-feature-gates', namespace: 'sandbox-stub' }));
      build.onLoad({ filter: /.*/, namespace: 'sandbox-stub' }, () => ({ contents: NO_FEATURE_GATES_SOURCE, loader: 'js' }));
    },
  };
}

async function buildBrowserBundles(root: string, surfaces: Surface[], force: boolean, log: (l: string) => void, report: BuildReport) {
  const out = path.join(root, OUT_DIR);
  const stamp = path.join(out, '.stamp');
  const uiKit = surfaces.filter((s) => s.render === 'native');
  const inputs = [
    path.join(root, 'sandbox/browser'),
    path.join(root, 'sandbox/build.ts'),
    path.join(root, 'static/global-page/noFeatureGates.ts'),
    // The UI Kit surfaces import the contract and the pure domain (durations, totals, time zones).
    path.join(root, 'src/frontend'),
    path.join(root, 'src/shared'),
    path.join(root, 'src/domain'),
    path.join(root, 'manifest.yml'),
    path.join(root, 'package-lock.json'),
    ...uiKit.map((s) => s.resourcePath),
  ];
  if (!force && mtimeOf(stamp) > 0 && mtimeOf(stamp) >= newestMtime(inputs)) return;
  log('Building the sandbox pages and the UI Kit surfaces with esbuild…');
  const esbuild = await import('esbuild');
  const common = {
    bundle: true,
    platform: 'browser' as const,
    target: 'es2020',
    jsx: 'automatic' as const,
    loader: { '.svg': 'file' as const, '.png': 'file' as const, '.woff2': 'file' as const },
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    sourcemap: 'linked' as const,
    logLevel: 'silent' as const,
    legalComments: 'none' as const,
    plugins: [noFeatureGates()],
    absWorkingDir: root,
  };
  mkdirSync(out, { recursive: true });
  const host = Promise.all([
    // The host side: the Jira-like frame and the UI Kit host (its own React, as Jira renders UI Kit with its own).
    esbuild.build({
      ...common,
      entryPoints: { frame: 'sandbox/browser/frame/main.tsx', 'uikit-host': 'sandbox/browser/uikit/host.tsx' },
      outdir: path.join(out, 'host'),
      format: 'esm',
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      minify: true,
    }),
    // The bridge shim injected into the Custom UI page before its own scripts.
    esbuild.build({
      ...common,
      entryPoints: { 'customui-bridge': 'sandbox/browser/customui/bridge.ts' },
      outdir: out,
      format: 'iife',
      minify: true,
    }),
  ]);
  // The app: each UI Kit resource of the manifest, unchanged, with @forge/react and @forge/bridge.
  // One build per surface, so a surface that does not compile does not take the others down.
  const apps = uiKit.map(async (surface) => {
    try {
      await esbuild.build({
        ...common,
        entryPoints: { [surface.resourceKey]: surface.resource },
        outdir: path.join(out, 'apps'),
        format: 'esm',
      });
      return true;
    } catch (error) {
      report.missing[surface.key] = `esbuild could not bundle ${surface.resource}:\n${formatEsbuildError(error)}`;
      return false;
    }
  });
  try {
    await host;
  } catch (error) {
    throw new Error(`The sandbox's own browser code does not build:\n${formatEsbuildError(error)}`, { cause: error });
  }
  const ok = await Promise.all(apps);
  // A failed surface leaves the stamp old, so the next start tries again.
  if (ok.every(Boolean)) writeFileSync(stamp, new Date().toISOString());
  report.built.push(OUT_DIR);
}

function formatEsbuildError(error: unknown): string {
  const errors = (error as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors;
  if (!errors?.length) return error instanceof Error ? error.message : String(error);
  return errors
    .slice(0, 8)
    .map((e) => (e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ${e.text}` : e.text))
    .join('\n');
}

export async function buildSandbox(options: BuildOptions): Promise<BuildReport> {
  const log = options.log ?? (() => undefined);
  const force = options.force ?? false;
  const report: BuildReport = { missing: {}, built: [] };
  for (const surface of options.surfaces.filter((s) => s.render === 'custom')) {
    await buildCustomUi(options.root, surface, force, log, report);
  }
  await buildBrowserBundles(options.root, options.surfaces, force, log, report);
  return report;
}
