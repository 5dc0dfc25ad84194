import { bridge, issuePanelContext, render, setupBridge, textOf } from '../support/forgeBridge';
import React from 'react';
import { App } from '../../src/frontend/issue-panel/App';
import { panel, record } from './stubs';

describe('issue panel (stubbed resolver)', () => {
  test('first paint: spinner, then one getIssuePanel call and the records', async () => {
    const invoke = jest.fn(async (key: string) => {
      if (key === 'getIssuePanel') return panel([record({ id: 1 }), record({ id: 2, status: 'synced', loggedSeconds: 5400, worklogId: '100' })]);
      throw new Error(`unexpected ${key}`);
    });
    setupBridge({ context: issuePanelContext(), invoke });
    const screen = await render(<React.StrictMode><App /></React.StrictMode>);
    await screen.waitFor(() => screen.byType('DynamicTable').length === 1, { what: 'table' });
    expect(bridge.invokesOf('getIssuePanel')).toHaveLength(1);
    console.log(screen.headers(), screen.rows().map((r) => r.cells.map(textOf)));
  });
});
