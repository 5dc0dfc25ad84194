// Writing links back to the timecard, as both frontends show it.
import type { LinkWriteBack } from '../../shared/contract';

/** Outcomes the person should act on (the link is kept in Jira either way). */
export function writeBackNeedsAttention(outcome: LinkWriteBack['outcome']): boolean {
  return outcome === 'not-written' || outcome === 'failed' || outcome === 'check';
}
