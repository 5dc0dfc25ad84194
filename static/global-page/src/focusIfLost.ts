// A control that goes away once it is used (a choice's buttons, a row, a note that changes) leaves
// the keyboard focus on the page's body. Custom UI owns the focus: it goes back to a place near
// where the person was, but only when nothing else has it (a poll or a reload never takes it).

/** True when the focus is nowhere the person could go on from: the body, or an element no longer in the page. */
export function focusIsLost(): boolean {
  const active = document.activeElement;
  return !active || active === document.body || !active.isConnected;
}

/** Focuses the first of `targets` that is in the page, if the focus is lost; says whether it did. */
export function focusIfLost(...targets: (HTMLElement | null | undefined)[]): boolean {
  if (!focusIsLost()) return false;
  const target = targets.find((t) => t?.isConnected);
  target?.focus();
  return target != null;
}
