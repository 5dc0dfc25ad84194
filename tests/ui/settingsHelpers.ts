// What both settings test files read off a rendered settings form.
import { textOf, type Screen } from '../support/forgeBridge';

/** The inline error shown under the field with this label, if any. */
export function fieldError(screen: Screen, label: string): string | undefined {
  const field = screen.field(label);
  const box = screen.find((n) => n.children.includes(field));
  const error = box && screen.find((n) => n.type === 'ErrorMessage', box);
  return error ? textOf(error) : undefined;
}
