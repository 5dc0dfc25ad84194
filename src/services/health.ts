// Whether the configured timecard server answers, for the admin page.
import type { ServerHealth } from '../shared/contract';
import type { Deps } from './ports';

export async function checkTimecardServer(deps: Deps): Promise<ServerHealth> {
  if (!deps.timecard) {
    return {
      url: '',
      configured: false,
      reachable: false,
      latencyMs: null,
      message: 'No timecard server is configured. Set it with: forge variables set TIMECARD_URL https://your-timecard-server',
    };
  }
  const ping = await deps.timecard.ping();
  return { url: deps.timecard.baseUrl, configured: true, ...ping };
}
