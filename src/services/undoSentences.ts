// What an undo says about a record it left in place or could not undo: kept by key beside the
// English (a bulk job stores its undo failures), said in the reader's language (docs/decisions/0026).
import { AppError, sentenceOf } from '../domain/errors';
import { stored, type LocalizedText } from '../domain/localizedText';

export interface RecordSentence {
  recordId: number;
  message: string;
  messageText?: LocalizedText;
}

const KEPT_UPDATED = stored({ key: 'sync.undo.keptUpdated' });
const KEPT_SYNCED_AGAIN = stored({ key: 'errors.records.syncedAgain' });
const COULD_NOT_DELETE = stored({ key: 'sync.undo.couldNotDelete' });

/** Its worklog existed before the sync (only updated by it), so the undo leaves it. */
export const keptUpdated = (recordId: number): RecordSentence => ({ recordId, ...KEPT_UPDATED });

/** Synced again since the run: its current worklog is not the run's, so the undo leaves it. */
export const keptSyncedAgain = (recordId: number): RecordSentence => ({ recordId, ...KEPT_SYNCED_AGAIN });

/** Why the record's worklog could not be deleted. */
export const undoFailure = (recordId: number, error: unknown): RecordSentence => ({
  recordId,
  ...(error instanceof AppError ? sentenceOf(error) : COULD_NOT_DELETE),
});
