// The person's timecard connection: sign-in once, keep only the refresh token (as a secret),
// cache the short-lived access token, refresh it once when it expires mid-use.
import { AppError, isAppError } from '../domain/errors';
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
const ACCESS_TOKEN_CACHE_SECONDS = 14 * 60;

export function requireTimecard(session: Session): TimecardPort {
  const { timecard } = session.deps;
  if (!timecard) {
    throw new AppError('not-configured', 'The timecard server is not configured yet. Ask your Jira admin to set TIMECARD_URL for this app.');
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
  await store.setSecret(keys.accessToken(accountId), tokens.accessToken, { ttlSeconds: ACCESS_TOKEN_CACHE_SECONDS });
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
  await store.deleteSecret(keys.refreshToken(accountId));
  await store.deleteSecret(keys.accessToken(accountId));
  await store.delete(keys.connection(accountId));
  return { connected: false };
}

/** The signed-in person's record scope, or `not-connected`. */
export async function requireScope(session: Session): Promise<RecordScope> {
  const timecard = requireTimecard(session);
  const stored = await session.deps.store.get<StoredConnection>(keys.connection(session.actor.accountId));
  if (!stored || stored.serverUrl !== timecard.baseUrl) {
    throw new AppError('not-connected', 'Connect your timecard account first (Apps → Timecard sync).');
  }
  return { server: serverId(timecard.baseUrl), user: stored.timecardUserId };
}

/** Runs `call` with a valid access token: cached, else refreshed; refreshed once more if it expires mid-call. */
export async function withAccessToken<T>(session: Session, call: (accessToken: string, timecard: TimecardPort) => Promise<T>): Promise<T> {
  const timecard = requireTimecard(session);
  const { store } = session.deps;
  const { accountId } = session.actor;
  const cached = await store.getSecret<string>(keys.accessToken(accountId));
  const token = cached ?? (await refreshAccessToken(session, timecard));
  try {
    return await call(token, timecard);
  } catch (error) {
    if (!isAppError(error, 'token-expired')) throw error;
    return call(await refreshAccessToken(session, timecard), timecard);
  }
}

async function refreshAccessToken(session: Session, timecard: TimecardPort): Promise<string> {
  const { store } = session.deps;
  const { accountId } = session.actor;
  const refreshToken = await store.getSecret<string>(keys.refreshToken(accountId));
  if (!refreshToken) throw new AppError('not-connected', 'Connect your timecard account first (Apps → Timecard sync).');
  const accessToken = await timecard.refresh(refreshToken);
  await store.setSecret(keys.accessToken(accountId), accessToken, { ttlSeconds: ACCESS_TOKEN_CACHE_SECONDS });
  return accessToken;
}
