/** @jest-environment jsdom */
import './bridgeShim';
import { screen, waitFor, within } from '@testing-library/react';
import { FakeBackend, rec, weekRecords } from './fakeBackend';
import { checkBackendAfterEach, renderApp, rowOf, selectedIds, text, waitForRecords } from './helpers';

let backend: FakeBackend;
beforeEach(() => {
  backend = new FakeBackend();
});
checkBackendAfterEach();

function optionKeys(): string[] {
  return within(screen.getByRole('listbox', { name: 'Issues' }))
    .getAllByRole('option')
    .map((o) => o.querySelector('.tc-picker-key')?.textContent ?? '');
}

test('links a record through the debounced issue search: suggestions, then recent issues first', async () => {
  const { user } = renderApp(backend, { searchDebounceMs: 250 });
  await waitForRecords();
  await user.click(within(rowOf(5)).getByRole('button', { name: 'Link issue' }));

  // empty query: Jira's recent issues, right away; the key the notes mention comes first
  const search = screen.getByRole('combobox', { name: 'Search issues' });
  await waitFor(() => expect(optionKeys()).toEqual(['DEMO-2', 'DEMO-3', 'DEMO-5']));
  expect(backend.callsOf('searchIssues')).toEqual([{ query: '' }]);

  // typing fast asks once, with the whole query, after the pause
  await user.type(search, 'demo');
  await waitFor(() => expect(backend.callsOf('searchIssues')).toEqual([{ query: '' }, { query: 'demo' }]));
  await waitFor(() => expect(optionKeys()).toEqual(['DEMO-2', 'DEMO-3', 'DEMO-5', 'DEMO-1', 'DEMO-4']));
  const groups = [...document.querySelectorAll('.tc-picker-group')].map((g) => g.textContent);
  expect(groups).toEqual(['Suggested', 'Recent', 'Matches']);
  await new Promise((r) => setTimeout(r, 300));
  expect(backend.callsOf('searchIssues')).toHaveLength(2);

  await user.click(screen.getByRole('option', { name: /DEMO-3/ }));
  await waitFor(() => expect(backend.callsOf('linkRecord')).toEqual([{ recordId: 5, issueKey: 'DEMO-3' }]));
  await waitFor(() => expect(within(rowOf(5)).getByRole('link', { name: 'DEMO-3' })).toBeTruthy());
  expect(text(rowOf(5))).toContain('Done');
  expect(screen.queryByRole('combobox', { name: 'Search issues' })).toBeNull();

  // unlink
  await user.click(within(rowOf(5)).getByRole('button', { name: 'Unlink' }));
  await waitFor(() => expect(backend.callsOf('linkRecord').at(-1)).toEqual({ recordId: 5, issueKey: null }));
  await waitFor(() => expect(within(rowOf(5)).getByRole('button', { name: 'Link issue' })).toBeTruthy());
});

test('relinks with the keyboard and shows why a link was refused', async () => {
  const { user } = renderApp(backend, { searchDebounceMs: 100 });
  await waitForRecords();
  await user.click(within(rowOf(1)).getByRole('button', { name: 'Change' }));
  const search = screen.getByRole('combobox', { name: 'Search issues' });
  await user.type(search, 'planning');
  await waitFor(() => expect(optionKeys()).toEqual(['DEMO-2']));
  await user.keyboard('{Enter}');
  await waitFor(() => expect(backend.callsOf('linkRecord')).toEqual([{ recordId: 1, issueKey: 'DEMO-2' }]));
  await waitFor(() => expect(within(rowOf(1)).getByRole('link', { name: 'DEMO-2' })).toBeTruthy());

  // a key typed in full is offered even when the search does not know it; the server refuses it
  await user.click(within(rowOf(1)).getByRole('button', { name: 'Change' }));
  await user.type(screen.getByRole('combobox', { name: 'Search issues' }), 'zzz-9');
  await waitFor(() => expect(optionKeys()).toEqual(['ZZZ-9']));
  await user.keyboard('{Enter}');
  const alert = await within(rowOf(1)).findByRole('alert');
  expect(text(alert)).toBe('Issue ZZZ-9 does not exist or you cannot see it.');
  expect(within(rowOf(1)).getByRole('combobox', { name: 'Search issues' })).toBeTruthy();

  // Escape closes the search and keeps the link
  await user.keyboard('{Escape}');
  expect(screen.queryByRole('combobox', { name: 'Search issues' })).toBeNull();
  expect(within(rowOf(1)).getByRole('link', { name: 'DEMO-2' })).toBeTruthy();
});

test('Unlink is offered only while the record has no worklog (the server refuses it otherwise)', async () => {
  renderApp(backend);
  await waitForRecords();
  // 1 not synced: Change and Unlink; 2 synced, 4 changed: Change only
  expect(within(rowOf(1)).getByRole('button', { name: 'Unlink' })).toBeTruthy();
  for (const id of [2, 4]) {
    expect(within(rowOf(id)).getByRole('button', { name: 'Change' })).toBeTruthy();
    expect(within(rowOf(id)).queryByRole('button', { name: 'Unlink' })).toBeNull();
  }
});

test('a suggested issue: left out of "All not synced", selectable by hand, and Accept links it', async () => {
  const records = weekRecords();
  records.push(rec(9, 25, '09:00', '10:00', { issueKey: 'DEMO-2', linkSource: 'suggested', notes: 'Talked about DEMO-2' }));
  backend = new FakeBackend({ records });
  const { user } = renderApp(backend);
  await waitForRecords();
  expect(text(rowOf(9))).toContain('suggested');

  // the guess is not picked in bulk ...
  await user.click(screen.getByRole('button', { name: 'All not synced (4)' }));
  expect(selectedIds()).toEqual([1, 4, 8, 7]);
  // ... but the person can tick it themselves
  await user.click(within(rowOf(9)).getByRole('checkbox'));
  expect(selectedIds()).toEqual([1, 4, 8, 7, 9]);

  // Accept links the record to the suggested issue; then it counts as not synced
  await user.click(within(rowOf(9)).getByRole('button', { name: 'Accept' }));
  await waitFor(() => expect(backend.callsOf('linkRecord')).toEqual([{ recordId: 9, issueKey: 'DEMO-2' }]));
  await waitFor(() => expect(within(rowOf(9)).queryByRole('button', { name: 'Accept' })).toBeNull());
  expect(text(rowOf(9))).not.toContain('suggested');
  expect(within(rowOf(9)).getByRole('link', { name: 'DEMO-2' })).toBeTruthy();
  await screen.findByRole('button', { name: 'All not synced (5)' });
});

test('the focus goes back to the row after choosing an issue or pressing Escape in the search', async () => {
  const { user } = renderApp(backend, { searchDebounceMs: 50 });
  await waitForRecords();
  const link = within(rowOf(5)).getByRole('button', { name: 'Link issue' });
  link.focus();
  await user.keyboard('{Enter}');
  const search = await screen.findByRole('combobox', { name: 'Search issues' });
  expect(document.activeElement).toBe(search);
  await user.keyboard('{Escape}');
  await waitFor(() => expect(screen.queryByRole('combobox', { name: 'Search issues' })).toBeNull());
  expect(document.activeElement).toBe(within(rowOf(5)).getByRole('button', { name: 'Link issue' }));

  await user.keyboard('{Enter}');
  await screen.findByRole('combobox', { name: 'Search issues' });
  await waitFor(() => expect(optionKeys()[0]).toBe('DEMO-2'));
  await user.keyboard('{Enter}');
  await waitFor(() => expect(within(rowOf(5)).getByRole('link', { name: 'DEMO-2' })).toBeTruthy());
  await waitFor(() => expect(document.activeElement).toBe(within(rowOf(5)).getByRole('button', { name: 'Change' })));
});
