// Layout checks run inside a surface's document: nothing wider than its frame, no word broken
// across two lines. A finding names the element (tag, test id, text) so a failure says where.
import type { Frame, Page } from 'playwright-core';

interface LayoutProblems {
  /** Elements whose content is wider than their box (scrollWidth > clientWidth), or that stick out of the document. */
  overflowing: string[];
  /** Words a line break split in two ("Lin" / "ked"). */
  splitWords: string[];
}

/** Sets the width of the iframe that hosts a surface (as Jira's narrow and wide issue layouts do). */
export async function setSurfaceWidth(page: Page, surfaceType: string, width: number): Promise<void> {
  await page.evaluate(
    ([type, px]) => {
      const frame = document.querySelector<HTMLIFrameElement>(`iframe[data-surface-type="${type}"]`);
      if (!frame) throw new Error(`no iframe for ${type}`);
      frame.style.width = `${px}px`;
      frame.style.maxWidth = `${px}px`;
      frame.style.minWidth = `${px}px`;
      // The panel's card around the frame narrows with it, as the issue view's column would.
      const card = frame.closest<HTMLElement>('.forge-panel');
      if (card) card.style.width = 'fit-content';
    },
    [surfaceType, width] as const,
  );
}

/** The document inside a surface's iframe. */
export async function surfaceFrame(page: Page, surfaceType: string): Promise<Frame> {
  const handle = await page.locator(`iframe[data-surface-type="${surfaceType}"]`).elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error(`no frame for ${surfaceType}`);
  return frame;
}

/** Checks the whole document of `frame`: every element, and every word of every text. */
export async function layoutProblems(frame: Frame): Promise<LayoutProblems> {
  return frame.evaluate(() => {
    const describe = (el: Element) => {
      const id = el.getAttribute('data-testid');
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
      return `<${el.tagName.toLowerCase()}${id ? ` data-testid="${id}"` : ''}> "${text}"`;
    };
    const overflowing: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) overflowing.push(`the document (${root.scrollWidth} > ${root.clientWidth})`);
    const limit = root.clientWidth;
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const html = el as HTMLElement;
      if (html.offsetParent === null && getComputedStyle(html).position !== 'fixed') continue; // not shown
      if (html.closest('[role="dialog"]')) continue; // modals are laid out over the page
      if (html.scrollWidth > html.clientWidth + 1 && html.clientWidth > 0) {
        overflowing.push(`${describe(el)} (content ${html.scrollWidth}px in ${html.clientWidth}px)`);
      }
      const box = html.getBoundingClientRect();
      if (box.width > 0 && (box.right > limit + 1 || box.left < -1))
        overflowing.push(`${describe(el)} (sticks out: ${Math.round(box.left)}–${Math.round(box.right)} of ${limit})`);
    }
    const splitWords: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const parent = node.parentElement;
      if (!parent || parent.offsetParent === null || parent.closest('[role="dialog"]')) continue;
      // A break after a hyphen, dash or slash is where a line may end; anything else inside a word is a split.
      for (const match of text.matchAll(/[^\s\-‐–—/]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index!);
        range.setEnd(node, match.index! + match[0].length);
        const tops = new Set(
          Array.from(range.getClientRects())
            .filter((r) => r.width > 0)
            .map((r) => Math.round(r.top)),
        );
        if (tops.size > 1) splitWords.push(`"${match[0]}" in ${describe(parent)}`);
      }
    }
    return { overflowing, splitWords };
  });
}
