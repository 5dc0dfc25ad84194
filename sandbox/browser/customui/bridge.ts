// Injected into the Custom UI page (served as built) before its own scripts: defines
// window.__bridge for @forge/bridge and keeps the frame informed of the page's height.
import { createBridge, readContext, reportSize } from '../bridge';

window.__bridge = createBridge(readContext());
reportSize(() => {
  const body = document.body;
  if (!body) return 0;
  // The page's own content height (not the iframe's), so the frame can both grow and shrink it.
  let bottom = 0;
  for (const child of Array.from(body.children)) {
    const rect = child.getBoundingClientRect();
    bottom = Math.max(bottom, rect.bottom + window.scrollY);
  }
  const style = getComputedStyle(body);
  return bottom + parseFloat(style.marginBottom || '0') + parseFloat(style.paddingBottom || '0');
});
