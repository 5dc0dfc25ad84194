/** CLI: `npx tsx emulators/jira/main.ts` (PORT, JIRA_LATENCY_MS, JIRA_FAULTS, JIRA_RETRY_AFTER, JIRA_RANDOM_SEED, and the limits of limitsFromEnv). */
import { demoJiraSeed } from '../../runtime/demoData';
import { limitsFromEnv, startJiraEmulator } from './index';

async function main(): Promise<void> {
  const env = process.env;
  const emu = await startJiraEmulator({
    port: env.PORT ? Number(env.PORT) : 0,
    latencyMs: env.JIRA_LATENCY_MS ? Number(env.JIRA_LATENCY_MS) : 0,
    faults: env.JIRA_FAULTS ?? '',
    retryAfterSeconds: env.JIRA_RETRY_AFTER ? Number(env.JIRA_RETRY_AFTER) : undefined,
    randomSeed: env.JIRA_RANDOM_SEED ? Number(env.JIRA_RANDOM_SEED) : undefined,
    seed: demoJiraSeed(),
    limits: limitsFromEnv(env),
  });
  console.log(`Jira emulator listening on ${emu.url}`);
  const stop = () => void emu.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
