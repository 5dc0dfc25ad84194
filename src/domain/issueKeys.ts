import { ISSUE_KEY_PATTERN, type LinkSource } from '../shared/contract';

// docs/jira-facts.md: the boundaries reject `foo_ABC-1` and `ABC-12x`.
const KEY_IN_TEXT = /(?<![A-Za-z0-9_])([A-Z][A-Z0-9_]{1,9})-([1-9][0-9]*)(?![A-Za-z0-9])/g;

/** `ABC-12` from a key typed by hand (` abc-12 `), or null when it is not an issue key. */
export function normalizeIssueKey(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const key = raw.trim().toUpperCase();
  return ISSUE_KEY_PATTERN.test(key) ? key : null;
}

/** Only the start of a long text is looked at for issue keys (notes can be a megabyte). */
export const MAX_SCANNED_TEXT = 10_000;
/** At most this many issue keys are taken from one text, and offered as suggestions for one record. */
export const MAX_SUGGESTIONS = 10;

/**
 * Upper-case issue keys mentioned in free text, unique, in order of appearance: at most
 * MAX_SUGGESTIONS, from its first MAX_SCANNED_TEXT characters. Lower-case look-alikes (`abc-1`)
 * are ordinary words in notes, not keys.
 */
export function findIssueKeysInText(text: string | null | undefined): string[] {
  if (typeof text !== 'string') return [];
  const keys = new Set<string>();
  const scanned = text.slice(0, MAX_SCANNED_TEXT);
  const cut = scanned.length < text.length;
  for (const match of scanned.matchAll(KEY_IN_TEXT)) {
    // A key touching the cut may be the start of a longer one (`AB-12` of `AB-123`).
    if (cut && match.index + match[0].length >= scanned.length) break;
    keys.add(match[0]);
    if (keys.size >= MAX_SUGGESTIONS) break;
  }
  return [...keys];
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The issue a Jira URL points at: `selectedIssue=`, then `/browse/KEY`, then `/issues/KEY`. */
export function issueKeyFromUrl(url: string | null | undefined): string | null {
  if (typeof url !== 'string' || url.trim() === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim(), 'https://relative.invalid');
  } catch {
    return null;
  }
  const selected = normalizeIssueKey(parsed.searchParams.get('selectedIssue'));
  if (selected) return selected;
  for (const pattern of [/\/browse\/([^/]+)/, /\/issues\/([^/]+)/]) {
    const match = pattern.exec(parsed.pathname);
    const key = match ? normalizeIssueKey(safeDecode(match[1])) : null;
    if (key) return key;
  }
  return null;
}

export interface LinkInput {
  /** The link made in Jira and stored by the app; '' means explicitly unlinked in Jira. */
  jiraLink: string | null;
  /** `jira_issue_key` from the timecard. */
  timecardKey: string | null;
  notes: string | null;
  externalLink: string | null;
}

export interface ResolvedLink {
  issueKey: string | null;
  linkSource: LinkSource | null;
  /** Candidate keys from the external link and notes, other than the chosen one. */
  suggestions: string[];
}

function candidateKeys(externalLink: string | null, notes: string | null): string[] {
  const candidates = [issueKeyFromUrl(externalLink), ...findIssueKeysInText(externalLink), ...findIssueKeysInText(notes)];
  return [...new Set(candidates.filter((key): key is string => key !== null))];
}

/** Which issue a record belongs to: a link made in Jira beats the timecard's key, which beats a guess. */
export function resolveLink(input: LinkInput): ResolvedLink {
  const candidates = candidateKeys(input.externalLink, input.notes);
  const choose = (issueKey: string | null, linkSource: LinkSource | null): ResolvedLink => ({
    issueKey,
    linkSource,
    suggestions: candidates.filter((key) => key !== issueKey).slice(0, MAX_SUGGESTIONS),
  });

  if (input.jiraLink === '') return choose(null, null);
  const jiraKey = normalizeIssueKey(input.jiraLink);
  if (jiraKey) return choose(jiraKey, 'jira');
  // People sometimes paste the issue's URL into the timecard's key field.
  const timecardKey = normalizeIssueKey(input.timecardKey) ?? issueKeyFromUrl(input.timecardKey);
  if (timecardKey) return choose(timecardKey, 'timecard');
  return candidates.length > 0 ? choose(candidates[0], 'suggested') : choose(null, null);
}
