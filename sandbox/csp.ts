// The Content-Security-Policy Forge serves a Custom UI resource with, computed as Forge computes it
// with @forge/csp: CSPProcessingService reads the page (inline script hashes) and the manifest's
// `permissions` (content.scripts/styles, external.*), CSPInjectionService adds Forge's own hosts for
// production. Only the report-uri differs: violations are reported to the sandbox, not to Atlassian.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { CSPInjectionService, CSPProcessingService } from '@forge/csp';
import { parse } from 'yaml';

export const CSP_REPORT_PATH = '/api/sandbox/csp-report';

type Permissions = Parameters<CSPProcessingService['getCspDetails']>[1];

export function manifestPermissions(root: string): Permissions {
  const manifest = parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as { permissions?: Permissions };
  return manifest.permissions ?? {};
}

/** The header value for `html` (the resource's index.html as built), served from `origin`. */
export function customUiCsp(html: string, permissions: Permissions, origin: string): string {
  const quiet = { info: () => undefined };
  const details = new CSPProcessingService(quiet, load).getCspDetails(html, permissions);
  const directives = new CSPInjectionService().getInjectableCSP({ existingCSPDetails: details, microsEnv: 'prod', hostname: origin });
  return directives.map((d) => (d.startsWith('report-uri ') ? `report-uri ${CSP_REPORT_PATH}` : d)).join('; ');
}
