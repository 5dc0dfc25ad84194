// Waiting in browser tests: for a condition, a count or a text, with what was seen last when it times out.
import type { Locator } from 'playwright-core';

export async function waitUntil(test: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await test().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

export async function expectCount(locator: Locator, count: number, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let seen = -1;
  while (Date.now() < until) {
    seen = await locator.count();
    if (seen === count) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Expected ${count} matches, saw ${seen}`);
}

export async function expectText(locator: Locator, pattern: RegExp, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let seen = '';
  while (Date.now() < until) {
    seen = (await locator.innerText().catch(() => '')).replace(/\s+/g, ' ');
    if (pattern.test(seen)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Expected text ${pattern}, saw "${seen}"`);
}

/** Types a date into an Atlaskit DatePicker and confirms it. */
export async function chooseDate(input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}
