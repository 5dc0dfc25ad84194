import { findIssueKeysInText, issueKeyFromUrl, normalizeIssueKey, resolveLink, type LinkInput } from '../../../src/domain/issueKeys';

describe('normalizeIssueKey', () => {
  it.each([
    ['PAY-12', 'PAY-12'],
    [' pay-12 ', 'PAY-12'],
    ['\tAb_1-7\n', 'AB_1-7'],
    ['ABCDEFGHIJ-1', 'ABCDEFGHIJ-1'], // 10-character project key
    ['ABCDEFGHIJK-1', null], // 11 characters
    ['A-1', null], // project keys have at least two characters
    ['ABC-0', null],
    ['ABC-01', null],
    ['1AB-2', null],
    ['_AB-2', null],
    ['ABC-12x', null],
    ['ABC 12', null],
    ['ABC-', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%p → %p', (raw, expected) => {
    expect(normalizeIssueKey(raw)).toBe(expected);
  });
});

describe('findIssueKeysInText', () => {
  it.each([
    ['Fixed PAY-12 rounding; reviewed PAY-15', ['PAY-12', 'PAY-15']],
    ['PAY-12 again PAY-12, then OPS-3', ['PAY-12', 'OPS-3']],
    ['foo_ABC-1', []],
    ['ABC-12x', []],
    ['abc-1 is lower case', []],
    ['Abc-1 mixed case', []],
    ['ABC-0', []],
    ['ABC-01', []],
    ['ABCDEFGHIJK-1', []],
    ['ABCDEFGHIJ-1', ['ABCDEFGHIJ-1']],
    ['x1ABC-1', []],
    ['(ABC-1), [DEF-2]. GHI-3: "JKL-4"', ['ABC-1', 'DEF-2', 'GHI-3', 'JKL-4']],
    ['ABC-12-3', ['ABC-12']],
    ['https://acme.atlassian.net/browse/PAY-12', ['PAY-12']],
    ['?selectedIssue=PAY-7&x=1', ['PAY-7']],
    ['PAY-12.', ['PAY-12']],
    ['MY_PROJ-9', ['MY_PROJ-9']],
    ['UTF-8 and ISO-8601', ['UTF-8', 'ISO-8601']], // look-alikes are still keys; the person picks
    ['', []],
    [null, []],
  ])('%p → %p', (text, expected) => {
    expect(findIssueKeysInText(text)).toEqual(expected);
  });

  it('is not confused by a previous global match', () => {
    expect(findIssueKeysInText('PAY-1')).toEqual(['PAY-1']);
    expect(findIssueKeysInText('PAY-1')).toEqual(['PAY-1']);
  });
});

describe('issueKeyFromUrl', () => {
  it.each([
    ['https://acme.atlassian.net/browse/PAY-12', 'PAY-12'],
    ['https://acme.atlassian.net/browse/pay-12?focusedCommentId=1', 'PAY-12'],
    ['https://acme.atlassian.net/jira/software/projects/PAY/boards/1?selectedIssue=PAY-34', 'PAY-34'],
    ['https://acme.atlassian.net/browse/PAY-12?selectedIssue=PAY-34', 'PAY-34'], // selectedIssue first
    ['https://acme.atlassian.net/jira/software/projects/PAY/issues/PAY-56', 'PAY-56'],
    ['https://acme.atlassian.net/jira/software/projects/PAY/issues/PAY-56?filter=all', 'PAY-56'],
    ['https://acme.atlassian.net/browse/PAY-12/', 'PAY-12'],
    ['/browse/PAY-12', 'PAY-12'],
    ['https://acme.atlassian.net/jira/software/projects/PAY/issues', null],
    ['https://acme.atlassian.net/browse/PAY', null],
    ['https://acme.atlassian.net/browse/ABC-0', null],
    ['https://acme.atlassian.net/browse/%E0%A4%A', null],
    ['https://github.com/acme/pay/pull/12', null],
    ['not a url at all', null],
    ['http://[::1', null],
    ['', null],
    [null, null],
  ])('%p → %p', (url, expected) => {
    expect(issueKeyFromUrl(url)).toBe(expected);
  });
});

describe('resolveLink', () => {
  const none: LinkInput = { jiraLink: null, timecardKey: null, notes: null, externalLink: null };

  it.each<[string, LinkInput, string | null, string | null, string[]]>([
    ['nothing', none, null, null, []],
    [
      'link made in Jira wins',
      { jiraLink: 'OPS-1', timecardKey: 'PAY-12', notes: 'PAY-15', externalLink: 'https://x.atlassian.net/browse/PAY-20' },
      'OPS-1',
      'jira',
      ['PAY-20', 'PAY-15'],
    ],
    ['timecard key next, normalized', { ...none, timecardKey: ' pay-12 ', notes: 'PAY-12 and PAY-15' }, 'PAY-12', 'timecard', ['PAY-15']],
    ['timecard key pasted as a URL', { ...none, timecardKey: 'https://x.atlassian.net/browse/PAY-12' }, 'PAY-12', 'timecard', []],
    ['bad timecard key falls through', { ...none, timecardKey: 'soon', notes: 'PAY-15' }, 'PAY-15', 'suggested', []],
    [
      'external link before notes',
      { ...none, notes: 'PAY-15', externalLink: 'https://x.atlassian.net/browse/PAY-20' },
      'PAY-20',
      'suggested',
      ['PAY-15'],
    ],
    [
      'selectedIssue in the link',
      { ...none, externalLink: 'https://x.atlassian.net/browse/PAY-1?selectedIssue=PAY-2' },
      'PAY-2',
      'suggested',
      ['PAY-1'],
    ],
    ['keys in notes in order', { ...none, notes: 'Fixed PAY-12 rounding; reviewed PAY-15' }, 'PAY-12', 'suggested', ['PAY-15']],
    ['lower-case notes are not suggestions', { ...none, notes: 'see pay-12' }, null, null, []],
    [
      'explicitly unlinked in Jira',
      { jiraLink: '', timecardKey: 'PAY-12', notes: 'PAY-15', externalLink: 'https://x.atlassian.net/browse/PAY-20' },
      null,
      null,
      ['PAY-20', 'PAY-15'],
    ],
    ['unreadable stored link is ignored', { ...none, jiraLink: 'junk', timecardKey: 'PAY-12' }, 'PAY-12', 'timecard', []],
    [
      'no duplicates between link and notes',
      { ...none, notes: 'PAY-20 PAY-21', externalLink: 'https://x.atlassian.net/browse/PAY-20' },
      'PAY-20',
      'suggested',
      ['PAY-21'],
    ],
  ])('%s', (_name, input, issueKey, linkSource, suggestions) => {
    expect(resolveLink(input)).toEqual({ issueKey, linkSource, suggestions });
  });
});
