// The global page under the Content-Security-Policy Forge serves Custom UI with (@forge/csp, from
// the manifest's permissions): the sandbox sends it, the page works under it without a violation,
// and a violation would be seen (the other browser tests fail on any).
import { globalPage, settle, useSandboxPage } from './support/browser';

const opened = useSandboxPage();

test("the global page is served with Forge's production CSP: inline styles only (the date picker's), no inline script", async () => {
  const response = await fetch(`${opened.sandbox.url}/surface/timecard-sync-page/`);
  const csp = response.headers.get('content-security-policy') ?? '';
  const directive = (name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `)) ?? '';
  expect(directive('script-src')).toMatch(/^script-src 'self' https:\/\/forge\.cdn\.prod\.atlassian-dev\.net /);
  expect(directive('style-src')).toMatch(/^style-src 'self' /);
  expect(directive('style-src')).toContain("'unsafe-inline'");
  expect(directive('script-src')).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(directive('frame-ancestors')).toContain('*.atlassian.net');
  expect(directive('report-uri')).toBe('report-uri /api/sandbox/csp-report');
  // Only the page itself: the frame and the UI Kit host are the sandbox's, not Forge's Custom UI.
  expect((await fetch(`${opened.sandbox.url}/browse/DEMO-1`)).headers.get('content-security-policy')).toBeNull();
});

test('the page connects, lists records and shows the history with no CSP violation', async () => {
  const { page, problems, sandbox } = opened;
  await page.goto('/?as=demo-alice');
  await page.getByTestId('nav-global-page').click();
  const gp = globalPage(page);
  await gp.getByLabel('Timecard username').fill(sandbox.demo.username);
  await gp.getByLabel('Password').fill(sandbox.demo.password);
  await gp.getByRole('button', { name: 'Connect', exact: true }).click();
  await gp.getByRole('tab', { name: 'Records' }).waitFor();
  await gp.getByRole('tab', { name: 'History' }).click();
  await settle(page);
  expect(problems).toEqual([]);
});

test('an inline script on the page is refused and reported as a problem', async () => {
  const { page, problems } = opened;
  const frame = page.frames().find((f) => f.url().includes('/surface/timecard-sync-page/'))!;
  await frame.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'document.body.dataset.injected = "yes";';
    document.head.appendChild(script);
  });
  await page.waitForTimeout(200);
  expect(problems).toEqual([expect.stringMatching(/^csp: .*script-src/)]);
  expect(await frame.evaluate(() => document.body.dataset.injected)).toBeUndefined();
  problems.length = 0;
});
