import { startJiraEmulator, type JiraEmulator } from '../../emulators/jira';
import { call, testSeed } from '../../emulators/jira/testkit';

let emu: JiraEmulator;

beforeAll(async () => {
  emu = await startJiraEmulator({ port: 0, seed: testSeed() });
});
afterAll(() => emu.close());

describe('GET issue', () => {
  it('returns only the requested fields with status category', async () => {
    const r = await call(emu.url, 'alice', 'GET', '/rest/api/3/issue/PROJ-2?fields=summary,status,project');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body.fields).sort()).toEqual(['project', 'status', 'summary']);
    expect(r.body).toMatchObject({ key: 'PROJ-2', id: expect.stringMatching(/^\d+$/), self: expect.stringContaining('/rest/api/3/issue/') });
    expect(r.body.fields.status).toMatchObject({ name: 'In Progress', statusCategory: { key: 'indeterminate', colorName: 'yellow' } });
    expect(r.body.fields.project).toMatchObject({ key: 'PROJ', id: '10100', name: 'Project' });
    const todo = await call(emu.url, 'alice', 'GET', '/rest/api/3/issue/PROJ-1?fields=status');
    expect(todo.body.fields.status.statusCategory).toMatchObject({ key: 'new', colorName: 'blue-gray' });
    const done = await call(emu.url, 'alice', 'GET', '/rest/api/3/issue/PROJ-3?fields=status&fields=summary');
    expect(done.body.fields.status.statusCategory).toMatchObject({ key: 'done', colorName: 'green' });
    expect(done.body.fields.summary).toBe('Quarterly report <draft> & notes');
  });

  it('accepts the numeric id and lowercase keys; 404 when hidden or missing', async () => {
    const byKey = await call(emu.url, 'alice', 'GET', '/rest/api/3/issue/PROJ-1?fields=summary');
    expect((await call(emu.url, 'alice', 'GET', `/rest/api/3/issue/${byKey.body.id}?fields=summary`)).body.key).toBe('PROJ-1');
    expect((await call(emu.url, 'alice', 'GET', '/rest/api/3/issue/proj-1?fields=summary')).body.key).toBe('PROJ-1');
    const hidden = await call(emu.url, 'alice', 'GET', '/rest/api/3/issue/SEC-1');
    expect(hidden.status).toBe(404);
    expect(hidden.body.errorMessages).toEqual(['Issue does not exist or you do not have permission to see it.']);
    expect((await call(emu.url, 'alice', 'GET', '/rest/api/3/issue/PROJ-999')).status).toBe(404);
    expect((await call(emu.url, 'app', 'GET', '/rest/api/3/issue/SEC-1?fields=summary')).status).toBe(200);
  });

  it('a moved issue answers under its old key with its current key', async () => {
    emu.seed({ issues: [{ key: 'PROJ-20', summary: 'Will move', status: 'To Do', projectKey: 'PROJ' }] });
    const wl = await call(emu.url, 'alice', 'POST', '/rest/api/3/issue/PROJ-20/worklog', {
      started: '2026-01-01T10:00:00.000+0000',
      timeSpentSeconds: 600,
    });
    emu.moveIssue('PROJ-20', 'OPEN-20');
    const r = await call(emu.url, 'alice', 'GET', '/rest/api/3/issue/PROJ-20?fields=summary,project');
    expect(r.status).toBe(200);
    expect(r.body.key).toBe('OPEN-20');
    expect(r.body.fields.project.key).toBe('OPEN');
    expect(emu.worklogs('OPEN-20').map((w) => w.id)).toEqual([wl.body.id]);
    expect((await call(emu.url, 'alice', 'GET', `/rest/api/3/issue/PROJ-20/worklog/${wl.body.id}`)).status).toBe(200);
  });
});

describe('issue picker', () => {
  const pick = (as: string, q: string) => call(emu.url, as, 'GET', `/rest/api/3/issue/picker?${q}`);

  it('returns History Search and Current Search sections with highlighted summaries', async () => {
    emu.seed({
      users: [{ accountId: 'erin', displayName: 'Erin', timeZone: 'UTC', locale: 'en_US' }],
      projects: [{ id: '10100', key: 'PROJ', name: 'Project', permissions: { erin: ['BROWSE_PROJECTS'] } }],
    });
    const keysOf = (s: { issues: { key: string }[] }) => s.issues.map((i) => i.key);
    const r = await pick('erin', 'query=login');
    expect(r.status).toBe(200);
    expect(r.body.sections.map((s: { id: string; label: string }) => [s.id, s.label])).toEqual([
      ['hs', 'History Search'],
      ['cs', 'Current Search'],
    ]);
    expect(keysOf(r.body.sections[0])).toEqual([]);
    expect(keysOf(r.body.sections[1]).sort()).toEqual(['PROJ-1', 'PROJ-2']);
    const fix = r.body.sections[1].issues.find((i: { key: string }) => i.key === 'PROJ-2');
    expect(fix).toMatchObject({
      summary: 'Fix <b>login</b> timeout',
      summaryText: 'Fix login timeout',
      id: expect.any(Number),
      img: expect.any(String),
    });
    // viewing an issue moves it to History Search (and out of Current Search)
    await call(emu.url, 'erin', 'GET', '/rest/api/3/issue/PROJ-2?fields=summary');
    const again = await pick('erin', 'query=login');
    expect(keysOf(again.body.sections[0])).toEqual(['PROJ-2']);
    expect(keysOf(again.body.sections[1])).toEqual(['PROJ-1']);
  });

  it('matches key prefixes and escapes HTML', async () => {
    const r = await pick('carol', 'query=PROJ-3');
    expect(r.body.sections[1].issues.map((i: { key: string }) => i.key)).toEqual(['PROJ-3']);
    expect(r.body.sections[1].issues[0].summary).toBe('Quarterly report &lt;draft&gt; &amp; notes');
    const report = await pick('carol', 'query=rep');
    expect(report.body.sections[1].issues[0].summary).toBe('Quarterly <b>rep</b>ort &lt;draft&gt; &amp; notes');
  });

  it('only shows visible issues and honours showSubTasks and currentJQL', async () => {
    expect((await pick('alice', 'query=secret')).body.sections[1].issues).toEqual([]);
    expect((await pick('carol', 'query=secret')).body.sections[1].issues.map((i: { key: string }) => i.key)).toEqual(['SEC-1']);
    expect((await pick('alice', 'query=database')).body.sections[1].issues).toHaveLength(1);
    expect((await pick('alice', 'query=database&showSubTasks=false')).body.sections[1].issues).toHaveLength(0);
    const jql = encodeURIComponent('project = OPEN');
    expect((await pick('alice', `query=o&currentJQL=${jql}`)).body.sections[1].issues.map((i: { key: string }) => i.key)).toEqual(['OPEN-1']);
  });

  it('puts issues the user recently viewed or worked on into History Search', async () => {
    await call(emu.url, 'bob', 'GET', '/rest/api/3/issue/PROJ-5?fields=summary');
    await call(emu.url, 'bob', 'POST', '/rest/api/3/issue/OPEN-1/worklog', { started: '2026-01-01T10:00:00.000+0000', timeSpentSeconds: 600 });
    const all = await pick('bob', 'query=');
    expect(all.body.sections[0].issues.map((i: { key: string }) => i.key)).toEqual(['OPEN-1', 'PROJ-5']);
    const filtered = await pick('bob', 'query=release');
    expect(filtered.body.sections[0].issues.map((i: { key: string }) => i.key)).toEqual(['PROJ-5']);
    expect(filtered.body.sections[1].issues.map((i: { key: string }) => i.key)).not.toContain('PROJ-5');
    expect((await pick('alice', 'query=')).body.sections[0].issues.map((i: { key: string }) => i.key)).not.toContain('OPEN-1');
  });
});

describe('search/jql', () => {
  const get = (as: string, q: string) => call(emu.url, as, 'GET', `/rest/api/3/search/jql?${q}`);
  const jql = (s: string) => `jql=${encodeURIComponent(s)}`;

  it('requires a bounded jql', async () => {
    for (const q of ['', 'jql=', jql('ORDER BY created DESC')]) {
      const r = await get('alice', q);
      expect(r.status).toBe(400);
      expect(r.body.errorMessages).toEqual(['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
    }
    expect((await call(emu.url, 'alice', 'POST', '/rest/api/3/search/jql', { maxResults: 5 })).status).toBe(400);
  });

  it('returns only ids by default, requested fields otherwise', async () => {
    const r = await get('alice', jql('project = PROJ'));
    expect(r.status).toBe(200);
    expect(r.body.isLast).toBe(true);
    expect(r.body.issues.length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(r.body.issues[0])).toEqual(['id']);
    expect(r.body.total).toBeUndefined();
    const f = await get('alice', `${jql('key = PROJ-2')}&fields=summary,status`);
    expect(f.body.issues).toHaveLength(1);
    expect(f.body.issues[0]).toMatchObject({ key: 'PROJ-2', fields: { summary: 'Fix login timeout', status: { name: 'In Progress' } } });
    expect(Object.keys(f.body.issues[0].fields).sort()).toEqual(['status', 'summary']);
  });

  it('supports key in, issuekey in, text ~, AND, ORDER BY', async () => {
    const keys = async (q: string, as = 'carol') => (await get(as, `${jql(q)}&fields=summary`)).body.issues.map((i: { key: string }) => i.key);
    expect(await keys('key in (PROJ-1, PROJ-3) ORDER BY key ASC')).toEqual(['PROJ-1', 'PROJ-3']);
    expect(await keys('issuekey in (PROJ-3, PROJ-1) ORDER BY key DESC')).toEqual(['PROJ-3', 'PROJ-1']);
    expect(await keys('text ~ "login" AND project = PROJ ORDER BY key')).toEqual(['PROJ-1', 'PROJ-2']);
    expect(await keys('text ~ "login" ORDER BY key', 'alice')).toEqual(['PROJ-1', 'PROJ-2']);
    expect(await keys('project = PROJ AND status = "Done"')).toEqual(['PROJ-3']);
    expect(await keys('project in (PROJ, OPEN) AND statusCategory != Done AND summary ~ "open"')).toEqual(['OPEN-1']);
  });

  it('rejects unknown fields, hidden projects and missing issue keys', async () => {
    expect((await get('alice', jql('project = SEC'))).body.errorMessages).toEqual(["The value 'SEC' does not exist for the field 'project'."]);
    expect((await get('alice', jql('key = SEC-1'))).status).toBe(400);
    expect((await get('alice', jql('key in (PROJ-1, PROJ-404)'))).body.errorMessages).toEqual([
      "An issue with key 'PROJ-404' does not exist for field 'key'.",
    ]);
    expect((await get('alice', jql('foo = bar'))).status).toBe(400);
    expect((await get('alice', jql('project = PROJ AND'))).status).toBe(400);
  });

  it('pages with nextPageToken until isLast (GET and POST)', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    for (let i = 0; i < 10; i++) {
      const r = await call(emu.url, 'carol', 'POST', '/rest/api/3/search/jql', {
        jql: 'project = PROJ ORDER BY key ASC',
        maxResults: 2,
        fields: ['summary'],
        ...(token ? { nextPageToken: token } : {}),
      });
      expect(r.status).toBe(200);
      seen.push(...r.body.issues.map((x: { key: string }) => x.key));
      if (r.body.isLast) {
        expect(r.body.nextPageToken).toBeUndefined();
        break;
      }
      token = r.body.nextPageToken;
    }
    expect(seen.slice(0, 5)).toEqual(['PROJ-1', 'PROJ-2', 'PROJ-3', 'PROJ-4', 'PROJ-5']);
    const page1 = await get('carol', `${jql('project = PROJ')}&maxResults=2`);
    const page2 = await get('carol', `${jql('project = PROJ')}&maxResults=2&nextPageToken=${page1.body.nextPageToken}`);
    expect(page2.status).toBe(200);
    expect(page2.body.issues[0].id).not.toBe(page1.body.issues[0].id);
    expect((await get('carol', `${jql('project = PROJ')}&nextPageToken=bogus`)).status).toBe(400);
    expect((await call(emu.url, 'carol', 'POST', '/rest/api/3/search/jql', { jql: 'project = PROJ', startAt: 2 })).status).toBe(400);
  });

  it('the removed search endpoints answer 410', async () => {
    for (const [m, p] of [
      ['GET', '/rest/api/3/search?jql=project%3DPROJ'],
      ['POST', '/rest/api/3/search'],
      ['GET', '/rest/api/2/search'],
      ['POST', '/rest/api/2/search'],
    ]) {
      const r = await call(emu.url, 'alice', m, p, m === 'POST' ? { jql: 'project = PROJ' } : undefined);
      expect(r.status).toBe(410);
      expect(r.body.errorMessages[0]).toMatch(/removed.*\/rest\/api\/3\/search\/jql/);
    }
  });
});
