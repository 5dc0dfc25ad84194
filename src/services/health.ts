// Whether the configured timecard server answers, for Jira admins only (docs/security.md): the
// answer is kept for a little while and pings are rationed, so no page load or click can make the
// app hammer the server.
import { localizedError } from '../domain/errors';
import { stored } from '../domain/localizedText';
import type { ServerHealth } from '../shared/contract';
import type { Session } from './context';
import type { Deps } from './ports';
import { isJiraAdmin } from './settings';

/** A health answer is reused this long by page loads (getSiteSettings). */
export const HEALTH_CACHE_SECONDS = 30;
/** At most this many pings a minute for the whole site, however many admins click "Check again". */
export const PINGS_PER_MINUTE = 6;

const CACHE_KEY = 'health:timecard';
const pingSlotKey = (minute: number, slot: number) => `healthping:${minute}:${slot}`;

const NOT_CONFIGURED: ServerHealth = {
  url: '',
  configured: false,
  reachable: false,
  latencyMs: null,
  ...stored({ key: 'admin.health.notConfigured' }),
};

export async function requireJiraAdmin(session: Session): Promise<void> {
  if (!(await isJiraAdmin(session))) throw localizedError('no-permission', { key: 'errors.settings.healthAdminsOnly' });
}

/** `checkTimecardServer`: a fresh ping when the ration allows, else the last answer. Admins only. */
export async function checkTimecardServer(session: Session): Promise<ServerHealth> {
  await requireJiraAdmin(session);
  return serverHealth(session.deps, { fresh: true });
}

/** The health for the admin page: the cached answer when it is recent (or `fresh` is not allowed), else a ping. */
export async function serverHealth(deps: Deps, options: { fresh?: boolean } = {}): Promise<ServerHealth> {
  if (!deps.timecard) return NOT_CONFIGURED;
  const url = deps.timecard.baseUrl;
  const cached = await deps.store.get<ServerHealth & { checkedAt: string }>(CACHE_KEY);
  const usable = cached && cached.url === url ? cached : undefined;
  if (usable && !options.fresh) return usable;
  if (!(await takePingSlot(deps))) {
    return (
      usable ?? {
        url,
        configured: true,
        reachable: false,
        latencyMs: null,
        ...stored({ key: 'admin.health.rationed' }),
      }
    );
  }
  const ping = await deps.timecard.ping();
  const health = { url, configured: true, ...ping, checkedAt: deps.clock.now().toISOString() };
  await deps.store.set(CACHE_KEY, health, { ttlSeconds: HEALTH_CACHE_SECONDS });
  return health;
}

async function takePingSlot(deps: Deps): Promise<boolean> {
  const minute = Math.floor(deps.clock.now().getTime() / 60_000);
  for (let slot = 0; slot < PINGS_PER_MINUTE; slot++) {
    if (await deps.store.setIfAbsent(pingSlotKey(minute, slot), true, { ttlSeconds: 120 })) return true;
  }
  return false;
}
