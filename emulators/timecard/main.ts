/**
 * CLI: `PORT=5000 npx tsx emulators/timecard/main.ts [--demo]`
 * (PORT unset = 5000, Flask's default; PORT=0 = a free port).
 * --demo (or TIMECARD_DEMO=1) seeds user demo / demo with a few records.
 */
import { startTimecardEmulator, type TimecardEmulator } from './index';

function seedDemo(em: TimecardEmulator): void {
  const user = em.addUser('demo', 'demo');
  const domain = em.addAttribute(user, { name: 'Work', level_num: 1, color: '#0052cc' });
  const category = em.addAttribute(user, { name: 'Payments', level_num: 2, parent_id: domain });
  const title = em.addAttribute(user, { name: 'Development', level_num: 3, parent_id: category });
  const ids = { domain_id: domain, category_id: category, title_id: title };
  const day = (offset: number, hm: string) => {
    const d = new Date(Date.now() - offset * 86_400_000);
    return `${d.toISOString().slice(0, 10)}T${hm}:00Z`;
  };
  em.addRecord(user, {
    ...ids,
    timein: day(2, '08:30'),
    timeout: day(2, '10:05'),
    notes: 'Fixed PAY-12 rounding; reviewed PAY-15',
    jira_issue_key: 'PAY-12',
  });
  em.addRecord(user, { ...ids, timein: day(1, '13:00'), timeout: day(1, '14:30'), notes: 'Sprint planning' });
  em.addRecord(user, { ...ids, timein: day(0, '09:00'), timeout: null, notes: 'Working on pay-15', jira_issue_key: ' pay-15 ' });
}

async function main(): Promise<void> {
  const port = process.env.PORT === undefined ? 5000 : Number(process.env.PORT);
  const em = await startTimecardEmulator({ port });
  if (process.argv.includes('--demo') || process.env.TIMECARD_DEMO === '1') seedDemo(em);
  console.log(`Timecard emulator listening on ${em.url}`);
  const stop = () => {
    em.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
