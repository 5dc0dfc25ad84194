// The ForgeDoc tree @forge/react's reconciler hands to the bridge on every commit: component types
// are plain strings ('Button', 'DynamicTable' …), text is a 'String' node, event handlers stay live
// functions on `props`. The tree is one object mutated in place, so it is re-read on every render.

export interface ForgeDoc {
  type: string;
  props: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  children: ForgeDoc[];
  key: string;
  forgeReactMajorVersion?: number;
}

export function isForgeDoc(value: unknown): value is ForgeDoc {
  return typeof value === 'object' && value !== null && typeof (value as ForgeDoc).type === 'string' && Array.isArray((value as ForgeDoc).children);
}

/** Depth-first: does any node satisfy `test`? */
export function someNode(node: ForgeDoc | null, test: (node: ForgeDoc) => boolean): boolean {
  if (!node) return false;
  if (test(node)) return true;
  return node.children.some((child) => someNode(child, test));
}

/** The concatenated text below a node (for labels and tooltips). */
export function textOf(node: ForgeDoc): string {
  if (node.type === 'String') return String(node.props.text ?? '');
  return node.children.map(textOf).join('');
}
