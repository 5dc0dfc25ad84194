// The planner's table: every action a sync can take, and the condition that leads to it.
import { needsJiraScan, planSync, type PlanInput, type PlanPolicy, type SyncAction } from '../../../src/domain/syncPlan';
import type { SyncState } from '../../../src/domain/status';

interface W {
  id: string;
}

const single: PlanPolicy = { overwriteJiraEdits: true, relogDeleted: true };
const bulk: PlanPolicy = { overwriteJiraEdits: false, relogDeleted: false };

const synced: SyncState = {
  recordId: 7,
  state: 'synced',
  attemptId: 'a1',
  issueKey: 'DEMO-1',
  worklogId: 'w1',
  hash: 'h-sent',
  recordHash: 'r-sent',
  sentSeconds: 3600,
  sentStarted: '2026-11-02T09:00:00.000Z',
  sentCommentHash: 'c-sent',
  updatedAt: '2026-11-02T10:00:00.000Z',
};
const asSent = { timeSpentSeconds: 3600, started: '2026-11-02T09:00:00.000Z', commentHash: 'c-sent' };

function input(change: Partial<PlanInput<W>> = {}): PlanInput<W> {
  return {
    check: { kind: 'ok', durationSeconds: 3600 },
    issueKey: 'DEMO-1',
    linkSource: 'jira',
    settings: { enabled: true, minimumSeconds: 60 },
    planned: { hash: 'h-sent', recordHash: 'r-sent' },
    tooShort: false,
    timein: '2026-11-02T09:00:00Z',
    observed: undefined,
    ...change,
  };
}

const withState = (state: Partial<SyncState>, change: Partial<PlanInput<W>> = {}) =>
  input({ state: { ...synced, ...state }, observed: asSent, ...change });
// A skip keeps its sentence by resource key too, said in the reader's language when read (docs/decisions/0026).
const skip = (message: RegExp) => ({
  kind: 'skip',
  message: expect.stringMatching(message),
  messageText: expect.objectContaining({ key: expect.stringMatching(/^sync\.skip\./) }),
});

const table: [string, PlanInput<W>, PlanPolicy, SyncAction<W> | ReturnType<typeof skip>][] = [
  ['running', input({ check: { kind: 'running' } }), single, skip(/Still running/)],
  ['invalid', input({ check: { kind: 'invalid', reason: 'Ends before it starts.' } }), single, { kind: 'skip', message: 'Ends before it starts.' }],
  ['not linked', input({ issueKey: null, planned: null }), single, skip(/Not linked/)],
  ['project turned off', input({ settings: { enabled: false, minimumSeconds: 60 } }), single, skip(/turned off for project DEMO/)],
  [
    'claim on another issue',
    input({ claim: { issueKey: 'DEMO-9', verdict: 'adoptable', worklog: { id: 't1' } } }),
    single,
    skip(/link it back to DEMO-9/),
  ],
  [
    'claim, the person’s worklog',
    input({ claim: { issueKey: 'DEMO-1', verdict: 'adoptable', worklog: { id: 't1' } } }),
    bulk,
    { kind: 'adopt', worklog: { id: 't1' }, current: false },
  ],
  ['claim, worklog gone, single sync', input({ claim: { issueKey: 'DEMO-1', verdict: 'gone' } }), single, { kind: 'create' }],
  ['claim, worklog gone, bulk', input({ claim: { issueKey: 'DEMO-1', verdict: 'gone' } }), bulk, skip(/was deleted in Jira/)],
  ['claim, another person’s worklog', input({ claim: { issueKey: 'DEMO-1', verdict: 'someone-else' } }), single, skip(/another person's worklog/)],
  ['too short', input({ tooShort: true }), single, skip(/minimum of 1m/)],
  ['suggestion not accepted', input({ linkSource: 'suggested' }), single, skip(/Only suggested for DEMO-1/)],
  ['an earlier attempt left state', input({ state: { ...synced, state: 'failed', worklogId: undefined } }), single, { kind: 'adopt-or-create' }],
  [
    'no state, Jira could not be asked',
    input({ scan: { failure: { code: 'jira-error', message: 'Jira failed.' } } }),
    single,
    { kind: 'fail', code: 'jira-error', message: 'Jira failed.' },
  ],
  [
    'no state, Jira holds it as planned',
    input({ scan: { found: { worklog: { id: 'w9' }, hash: 'h-sent' } } }),
    single,
    { kind: 'adopt', worklog: { id: 'w9' }, current: true },
  ],
  [
    'no state, Jira holds an older one',
    input({ scan: { found: { worklog: { id: 'w9' }, hash: 'h-old' } } }),
    single,
    { kind: 'adopt', worklog: { id: 'w9' }, current: false },
  ],
  ['no state', input({ scan: {} }), single, { kind: 'create' }],
  ['linked to another issue now', withState({}, { issueKey: 'DEMO-2' }), single, { kind: 'move', fromIssueKey: 'DEMO-1', worklogId: 'w1' }],
  ['pending', withState({ state: 'pending' }), single, { kind: 'adopt-or-create' }],
  ['deleted in Jira, single sync', withState({}, { observed: 'missing' }), single, { kind: 'create' }],
  ['deleted in Jira, bulk', withState({}, { observed: 'missing' }), bulk, skip(/deleted in Jira/)],
  ['edited in Jira, bulk', withState({}, { observed: { ...asSent, timeSpentSeconds: 60 } }), bulk, skip(/edited in Jira/)],
  ['edited in Jira, single sync', withState({}, { observed: { ...asSent, commentHash: 'c-other' } }), single, { kind: 'update', worklogId: 'w1' }],
  ['settings changed, bulk', withState({}, { planned: { hash: 'h-new', recordHash: 'r-sent' } }), bulk, skip(/earlier settings/)],
  ['settings changed, single sync', withState({}, { planned: { hash: 'h-new', recordHash: 'r-sent' } }), single, { kind: 'update', worklogId: 'w1' }],
  ['record changed, bulk', withState({}, { planned: { hash: 'h-new', recordHash: 'r-new' } }), bulk, { kind: 'update', worklogId: 'w1' }],
  [
    'changed, logged before record hashes were kept',
    withState({ recordHash: undefined }, { planned: { hash: 'h-new', recordHash: 'r-sent' } }),
    bulk,
    { kind: 'update', worklogId: 'w1' },
  ],
  ['synced, unchanged', withState({}), bulk, { kind: 'unchanged', worklogId: 'w1' }],
  ['synced, Jira not asked', withState({}, { observed: undefined }), bulk, { kind: 'unchanged', worklogId: 'w1' }],
  ['failed update of an unchanged record', withState({ state: 'failed' }), bulk, { kind: 'update', worklogId: 'w1' }],
];

describe('planSync', () => {
  test.each(table)('%s', (_name, given, policy, expected) => {
    expect(planSync(given, policy)).toEqual(expected);
  });

  test('the table reaches every action', () => {
    const kinds = new Set(table.map(([, given, policy]) => planSync(given, policy).kind));
    expect([...kinds].sort()).toEqual(['adopt', 'adopt-or-create', 'create', 'fail', 'move', 'skip', 'unchanged', 'update']);
  });
});

describe('needsJiraScan', () => {
  const since = Date.parse('2026-11-10T00:00:00Z');
  test('only a first log of a record older than the stored state is looked for in Jira', () => {
    expect(needsJiraScan(input(), since)).toBe(true);
    expect(needsJiraScan(input({ timein: '2026-11-12T09:00:00Z' }), since)).toBe(false);
    expect(needsJiraScan(input({ timein: '2026-11-12T09:00:00Z' }), null)).toBe(true);
    expect(needsJiraScan(withState({}), since)).toBe(false);
    expect(needsJiraScan(input({ tooShort: true }), since)).toBe(false);
    expect(needsJiraScan(input({ linkSource: 'suggested' }), since)).toBe(false);
    expect(needsJiraScan(input({ check: { kind: 'running' } }), since)).toBe(false);
    expect(needsJiraScan(input({ claim: { issueKey: 'DEMO-1', verdict: 'gone' } }), since)).toBe(false);
  });
});
