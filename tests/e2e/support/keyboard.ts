// Driving a surface by keyboard alone: what has the focus inside a surface's frame and whether it
// shows, and Tab until a given control has it. Every stop on the way is kept, so a test can check
// that each one showed its focus.
import type { FrameLocator, Page } from 'playwright-core';

export interface Focused {
  /** `button:<text>`, `input[type]:<label>`, `tab:<text>`, …; `outside` when the focus is not in the surface. */
  what: string;
  /** :focus-visible matches, and the element or a box around it draws an outline, a ring or a border in the focus colour. */
  visible: boolean;
}

/** What has the focus inside a surface's frame; `outside` too when it is not within the element `inside` selects. */
export async function focused(frame: FrameLocator, inside?: string): Promise<Focused> {
  return frame.locator('body').evaluate((_, within) => {
    const el = document.activeElement as HTMLElement | null;
    if (!document.hasFocus() || !el || el === document.body) return { what: 'outside', visible: false };
    if (within && !el.closest(within)) return { what: 'outside', visible: false };
    const labelledBy = el
      .getAttribute('aria-labelledby')
      ?.split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ');
    const label = (el.getAttribute('aria-label') || labelledBy || (el as HTMLInputElement).labels?.[0]?.innerText || el.innerText || '')
      .replace(/\s+/g, ' ')
      .slice(0, 60);
    const role = el.getAttribute('role');
    const what =
      el.tagName === 'INPUT' ? `input[${(el as HTMLInputElement).type}]:${label.trim()}` : `${role ?? el.tagName.toLowerCase()}:${label.trim()}`;
    // The design system's focus colour, as the browser computes it (Atlaskit's toggle shows focus as a border in it).
    const probe = document.body.appendChild(document.createElement('span'));
    probe.style.color = 'var(--ds-border-focused, #4688ec)';
    const focusColour = getComputedStyle(probe).color;
    probe.remove();
    const drawn = (node: Element) => {
      const style = getComputedStyle(node);
      const border = style.borderTopStyle !== 'none' && parseFloat(style.borderTopWidth) > 0 && style.borderTopColor === focusColour;
      return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none' || border;
    };
    let ring = false;
    for (let node: Element | null = el, depth = 0; node && depth < 4 && !ring; node = node.parentElement, depth++) ring = drawn(node);
    return { what, visible: el.matches(':focus-visible') && ring };
  }, inside);
}

/** Tab (or Shift+Tab) through a page, keeping every stop inside the surfaces it was asked about. */
export function keyboardWalker(page: () => Page) {
  const stops: Focused[] = [];
  /**
   * Presses Tab until `what` has the focus (at most `max` times), within the element `inside` selects
   * when given; the control must show its focus.
   */
  async function tabTo(frame: FrameLocator, what: RegExp, { max = 120, inside }: { max?: number; inside?: string } = {}): Promise<void> {
    for (let i = 0; i < max; i++) {
      await page().keyboard.press('Tab');
      const now = await focused(frame);
      if (now.what !== 'outside') stops.push(now);
      if (what.test(now.what) && (!inside || (await focused(frame, inside)).what !== 'outside')) {
        expect(now).toEqual({ what: now.what, visible: true });
        return;
      }
    }
    throw new Error(
      `${what} never got the focus; the stops were: ${stops
        .slice(-30)
        .map((s) => s.what)
        .join(' → ')}`,
    );
  }
  return { stops, tabTo };
}

/** The open dialog in `frame` has the focus, keeps it through a few presses of Tab, and shows it at each. */
export async function expectDialogKeepsFocus(page: Page, frame: FrameLocator): Promise<void> {
  await frame.getByRole('dialog').waitFor();
  const inDialog = () => frame.locator('[role="dialog"] :focus').count();
  const until = Date.now() + 20_000;
  while ((await inDialog()) !== 1) {
    if (Date.now() > until) throw new Error('The focus never moved into the dialog');
    await page.waitForTimeout(100);
  }
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await inDialog()).toBe(1);
    expect((await focused(frame)).visible).toBe(true);
  }
}
