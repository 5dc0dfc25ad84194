import { startWorld } from '../support/world';
test('explore', async () => {
  const w = await startWorld();
  try {
    const list = await w.invoke('listRecords', { from: new Date(Date.now()-20*864e5).toISOString().slice(0,10), to: new Date(Date.now()+2*864e5).toISOString().slice(0,10) }); 
    console.log(JSON.stringify(list.records.map((r: any) => [r.id, r.issueKey, r.linkSource, r.status, r.durationSeconds, r.message]), null, 0));
    console.log(JSON.stringify(list.warnings), w.demo.records);
    const panel = await w.invoke('getIssuePanel', {}, w.issueContext('DEMO-1'));
    console.log(JSON.stringify(panel.records.map((r: any) => [r.id, r.issueKey, r.linkSource, r.status])), panel.totals, panel.warnings);
    w.jira.resetCounts();
    const s = await w.invoke('syncRecords', { recordIds: [w.demo.records['DEMO-2 day 1']] });
    console.log(JSON.stringify(s.results.map((r:any)=>({...r, record: undefined}))), JSON.stringify(w.jira.counts()));
    console.log(JSON.stringify(w.jira.worklogs('DEMO-2')));
    console.log(Object.keys(w.app.store.dump()));
  } finally { await w.close(); }
});
