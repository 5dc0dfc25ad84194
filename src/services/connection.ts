// The person's timecard connection: sign-in once, keep only the refresh token (as a secret),
// cache the short-lived access token in memory only, refresh it once when it expires mid-use.
import { isAppError, localizedError } from '../domain/errors';
import { hashOf } from '../domain/hash';
import type { Result } from '../shared/contract';
import type { Session } from './context';
import { keys, serverId, type RecordScope } from './keys';
import type { TimecardPort } from './ports';

interface StoredConnection {
  username: string;
  serverUrl: string;
  timecardUserId: string;
  connectedAt: string;
}

// Access tokens live 15 minutes on the timecard server; keep ours a little shorter.
const ACCESS_TOKEN_CACHE_MS = 14 * 60 * 1000;
const ACCESS_TOKEN_CACHE_MAX = 500;

/**
 * Access tokens are never persisted: they live only in this module, which a warm Forge
 * container reuses between invocations. An entry is keyed by a hash of the timecard server and
 * the person's current refresh token, so a reconnect (a new refresh token, maybe another
 * timecard user) never reuses an old access token, and a disconnect (refresh token deleted)
 * leaves nothing that can reach one. Oldest first (Map insertion order); at most
 * ACCESS_TOKEN_CACHE_MAX entries.
 */
const accessTokens = new Map<string, { token: string; expiresAt: number }>();
/** Refreshes in flight, so concurrent calls on a cold cache share one. */
const refreshing = new Map<string, Promise<string>>();

const cacheKeyOf = (timecard: TimecardPort, refreshToken: string): string => hashOf({ server: timecard.baseUrl, refreshToken });

function cachedAccessToken(key: string, nowMs: number): string | undefined {
  const entry = accessTokens.get(key);
  if (!entry) return undefined;
  if (entry.expiresAt > nowMs) return entry.token;
  accessTokens.delete(key);
  return undefined;
}

function cacheAccessToken(key: string, token: string, nowMs: number): void {
  accessTokens.delete(key); // re-inserted as the newest
  accessTokens.set(key, { token, expiresAt: nowMs + ACCESS_TOKEN_CACHE_MS });
  for (const [oldest, entry] of accessTokens) {
    if (accessTokens.size <= ACCESS_TOKEN_CACHE_MAX && entry.expiresAt > nowMs) break;
    accessTokens.delete(oldest);
  }
}

export function requireTimecard(session: Session): TimecardPort {
  const { timecard } = session.deps;
  if (!timecard) {
    throw localizedError('not-configured', { key: 'errors.connection.notConfigured' });
  }
  return timecard;
}

export async function getConnection(session: Session): Promise<Result<'getConnection'>> {
  return (await readConnection(session)).connection;
}

/** The connection as getConnection answers it, and the record scope when connected: one storage read. */
export async function readConnection(session: Session): Promise<{ connection: Result<'getConnection'>; scope: RecordScope | null }> {
  const { deps, actor } = session;
  const serverUrl = deps.timecard?.baseUrl ?? '';
  const stored = await deps.store.get<StoredConnection>(keys.connection(actor.accountId));
  const connected = Boolean(deps.timecard && stored && stored.serverUrl === serverUrl);
  const connection = { connected, configured: deps.timecard !== null, serverUrl, ...(connected && stored ? { username: stored.username } : {}) };
  return { connection, scope: connected && stored ? { server: serverId(serverUrl), user: stored.timecardUserId } : null };
}

export async function connectTimecard(session: Session, username: string, password: string): Promise<Result<'connectTimecard'>> {
  const timecard = requireTimecard(session);
  const { store } = session.deps;
  const { accountId } = session.actor;
  const tokens = await timecard.login(username, password);
  await store.setSecret(keys.refreshToken(accountId), tokens.refreshToken);
  cacheAccessToken(cacheKeyOf(timecard, tokens.refreshToken), tokens.accessToken, session.deps.clock.now().getTime());
  const connection: StoredConnection = {
    username,
    serverUrl: timecard.baseUrl,
    timecardUserId: timecard.userIdOf(tokens.accessToken),
    connectedAt: session.deps.clock.now().toISOString(),
  };
  await store.set(keys.connection(accountId), connection);
  // Kept across reconnects; gone with the rest of the storage (an uninstall), and then set anew.
  const scope = { server: serverId(timecard.baseUrl), user: connection.timecardUserId };
  await store.setIfAbsent(keys.scopeSince(scope), connection.connectedAt);
  return { connected: true, username };
}

export async function disconnectTimecard(session: Session): Promise<Result<'disconnectTimecard'>> {
  const { store } = session.deps;
  const { accountId } = session.actor;
  const refreshToken = await store.getSecret<string>(keys.refreshToken(accountId));
  const timecard = session.deps.timecard;
  if (refreshToken && timecard) accessTokens.delete(cacheKeyOf(timecard, refreshToken));
  await store.deleteSecret(keys.refreshToken(accountId));
  await store.delete(keys.connection(accountId));
  return { connected: false };
}

/** The signed-in person's record scope, or `not-connected`. */
export async function requireScope(session: Session): Promise<RecordScope> {
  const timecard = requireTimecard(session);
  const stored = await session.deps.store.get<StoredConnection>(keys.connection(session.actor.accountId));
  if (!stored || stored.serverUrl !== timecard.baseUrl) {
    throw localizedError('not-connected', { key: 'errors.connection.notConnected' });
  }
  return { server: serverId(timecard.baseUrl), user: stored.timecardUserId };
}

/** Runs `call` with a valid access token: cached in memory, else refreshed; refreshed once more if it expires mid-call. */
export async function withAccessToken<T>(session: Session, call: (accessToken: string, timecard: TimecardPort) => Promise<T>): Promise<T> {
  const timecard = requireTimecard(session);
  const { deps, actor } = session;
  const refreshToken = await deps.store.getSecret<string>(keys.refreshToken(actor.accountId));
  if (!refreshToken) throw localizedError('not-connected', { key: 'errors.connection.notConnected' });
  const key = cacheKeyOf(timecard, refreshToken);
  const token = cachedAccessToken(key, deps.clock.now().getTime()) ?? (await sharedRefresh(session, timecard, refreshToken, key));
  try {
    return await call(token, timecard);
  } catch (error) {
    if (!isAppError(error, 'token-expired')) throw error;
    if (accessTokens.get(key)?.token === token) accessTokens.delete(key);
    return call(await refreshAccessToken(session, timecard, refreshToken, key), timecard);
  }
}

/** A refresh for a cold cache: joins one already in flight for the same refresh token. */
function sharedRefresh(session: Session, timecard: TimecardPort, refreshToken: string, key: string): Promise<string> {
  const pending = refreshing.get(key);
  if (pending) return pending;
  const started = refreshAccessToken(session, timecard, refreshToken, key).finally(() => refreshing.delete(key));
  refreshing.set(key, started);
  return started;
}

async function refreshAccessToken(session: Session, timecard: TimecardPort, refreshToken: string, key: string): Promise<string> {
  const accessToken = await timecard.refresh(refreshToken);
  cacheAccessToken(key, accessToken, session.deps.clock.now().getTime());
  return accessToken;
}
