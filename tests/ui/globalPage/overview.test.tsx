/** @jest-environment jsdom */
import './bridgeShim';
import { screen, waitFor, within } from '@testing-library/react';
import { FakeBackend } from './fakeBackend';
import { checkBackendAfterEach, renderApp, text, waitForRecords } from './helpers';

let backend: FakeBackend;
checkBackendAfterEach();

test('charts time tracked vs logged per day of the chosen range (plain SVG)', async () => {
  backend = new FakeBackend();
  const { user } = renderApp(backend);
  await waitForRecords();
  await user.click(screen.getByRole('tab', { name: 'Overview' }));
  const chart = await screen.findByRole('img', { name: /Time tracked and logged per day/ });
  expect(chart.tagName.toLowerCase()).toBe('svg');

  const table = screen.getByRole('table', { name: 'Tracked and logged per day' });
  const rows = within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => [...r.children].map((c) => text(c)).join(' | '));
  expect(rows).toEqual([
    '2026-11-23 | 2h 30m | 1h',
    '2026-11-24 | 4h | 1h',
    '2026-11-25 | 1h 30m | 0m',
    '2026-11-26 | 0m | 0m',
    '2026-11-27 | 0m | 0m',
    '2026-11-28 | 0m | 0m',
    '2026-11-29 | 0m | 0m',
  ]);
  const totals = within(screen.getByRole('list', { name: 'Totals' }))
    .getAllByRole('listitem')
    .map((li) => text(li));
  expect(totals).toEqual(['8h tracked', '2h logged to Jira', '6h not logged']);
  // two bars a day, each with a tooltip title
  const titles = [...chart.querySelectorAll('rect > title')].map((t) => t.textContent);
  expect(titles).toHaveLength(14);
  expect(titles.slice(0, 2)).toEqual(['Monday 23 November: 2h 30m tracked', 'Monday 23 November: 1h logged']);
  // Not by colour alone: the logged bars (and their legend swatch) are hatched, the tracked ones solid.
  const logged = [...chart.querySelectorAll('rect.tc-bar-logged')];
  expect(logged).toHaveLength(7);
  expect(new Set(logged.map((r) => r.getAttribute('fill')))).toEqual(new Set(['url(#tc-logged-hatch)']));
  expect(chart.querySelector('pattern#tc-logged-hatch line')).not.toBeNull();
  expect([...chart.querySelectorAll('rect.tc-bar-tracked')].every((r) => r.getAttribute('fill') === null)).toBe(true);

  // the range picker here is the same as on Records
  await user.click(screen.getByRole('button', { name: 'This month' }));
  await waitFor(() => expect(within(screen.getByRole('table', { name: 'Tracked and logged per day' })).getAllByRole('row')).toHaveLength(31));
  expect(backend.callsOf('listRecords').at(-1)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
});
