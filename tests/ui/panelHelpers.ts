// Finders for the issue panel's record list (src/frontend/issue-panel/RecordsList.tsx): a row per
// record (role listitem, testId `record-<id>`), its parts by testId, its details opened on demand.
import { textOf, type ForgeDoc, type Screen } from '../support/forgeBridge';
import { messages } from '../../src/frontend/common/messages';

type RowPart = 'when' | 'duration' | 'will-log' | 'status' | 'notes' | 'link';

/** A record's row in the panel's list. */
export const row = (screen: Screen, id: number): ForgeDoc => screen.get((n) => n.props.testId === `record-${id}`, `row of record ${id}`);

/** One part of a row (notes and link only once its details are open). */
export const part = (screen: Screen, id: number, name: RowPart): string =>
  textOf(screen.get((n) => n.props.testId === `record-${id}-${name}`, `${name} of record ${id}`));

/** The text of a row's status lozenge. */
export const lozenge = (screen: Screen, id: number): string => textOf(screen.get((n) => n.type === 'Lozenge', `lozenge of ${id}`, row(screen, id)));

/** Opens a row's details (notes, link, the status in words, secondary actions) unless open. */
export async function openDetails(screen: Screen, id: number): Promise<void> {
  const toggle = screen.buttons(messages.panel.details, row(screen, id));
  if (toggle.length > 0) await screen.click(toggle[0]);
}

/** Every action button of a row, primary first, with its details open. */
export async function rowButtons(screen: Screen, id: number): Promise<ForgeDoc[]> {
  await openDetails(screen, id);
  return screen.all((n) => n.type === 'LoadingButton', row(screen, id));
}

/** A row's action button by its label, opening the details when it is a secondary action. */
export async function rowAction(screen: Screen, id: number, label: string): Promise<ForgeDoc> {
  if (screen.buttons(label, row(screen, id)).length === 0) await openDetails(screen, id);
  return screen.button(label, row(screen, id));
}

/** The panel's list of records, if it is shown. */
export const recordList = (screen: Screen): ForgeDoc | undefined => screen.find((n) => n.props.role === 'list');
