// The two Forge platform services a bundle reaches through `__forge_fetch__` besides Jira, served
// locally so bundled code runs unchanged: Forge KVS (@forge/kvs's StorageApi: POST /api/v1/... with
// JSON bodies, errors as `{ code, message }` with an HTTP status, a missing key as 404
// KEY_NOT_FOUND) over any client with KVS semantics, and the async-events publish endpoint
// (@forge/events's Queue.push: POST /webhook/queue/publish/..., 201 when accepted).
import type { KvsClient } from '../src/adapters/store';

/** The JSON bodies @forge/kvs's StorageApi posts (batch calls post an array of `{ key }`). */
interface KvsRequest {
  key: string;
  value?: unknown;
  options?: Parameters<KvsClient['set']>[2];
  where?: { property: string; condition: 'BEGINS_WITH'; values: [string] }[];
  limit?: number;
  after?: string;
  /** `/api/v1/transaction`: what TransactionBuilder.execute() posts. */
  set?: { key: string; value: unknown }[];
  delete?: { key: string }[];
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const empty = () => new Response(null, { status: 204 });

function errorResponse(error: unknown): Response {
  const e = error as { code?: unknown; message?: unknown; responseDetails?: { status?: number } };
  if (typeof e?.code !== 'string') throw error;
  return json(e.responseDetails?.status ?? 500, { code: e.code, message: String(e.message ?? e.code) });
}

const found = (key: string, value: unknown) =>
  value === undefined ? json(404, { code: 'KEY_NOT_FOUND', message: `Key ${key} not found` }) : json(200, { key, value });

async function answer(client: KvsClient, path: string, body: KvsRequest): Promise<Response> {
  switch (path) {
    case '/api/v1/get':
      return found(body.key, await client.get(body.key));
    case '/api/v1/secret/get':
      return found(body.key, await client.getSecret(body.key));
    case '/api/v1/set':
      await client.set(body.key, body.value, body.options);
      return empty();
    case '/api/v1/secret/set':
      await client.setSecret(body.key, body.value, body.options as Parameters<KvsClient['setSecret']>[2]);
      return empty();
    case '/api/v1/delete':
      await client.delete(body.key);
      return empty();
    case '/api/v1/secret/delete':
      await client.deleteSecret(body.key);
      return empty();
    case '/api/v1/transaction': {
      let transaction = client.transact();
      for (const item of body.set ?? []) transaction = transaction.set(item.key, item.value);
      for (const item of body.delete ?? []) transaction = transaction.delete(item.key);
      await transaction.execute();
      return empty();
    }
    case '/api/v1/batch/get':
      return json(200, await client.batchGet(body as unknown as { key: string }[]));
    case '/api/v1/query': {
      const where = (body.where ?? []).find((w) => w.property === 'key');
      let query = client.query();
      if (where) query = query.where('key', { condition: where.condition, values: where.values });
      if (body.limit !== undefined) query = query.limit(body.limit);
      if (body.after) query = query.cursor(body.after);
      const page = await query.getMany();
      return json(200, { data: page.results, ...(page.nextCursor ? { cursor: page.nextCursor } : {}) });
    }
    default:
      return json(404, { code: 'NOT_FOUND', message: `The local KVS does not serve ${path}` });
  }
}

/** Answers @forge/kvs's requests from `client` (e.g. an in-memory KVS). */
export function serveKvs(client: KvsClient) {
  return async (path: string, init: RequestInit = {}): Promise<Response> => {
    const body = (typeof init.body === 'string' && init.body ? JSON.parse(init.body) : {}) as KvsRequest;
    try {
      return await answer(client, path, body);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** One `Queue.push` as Forge's queue receives it. */
export interface PublishedEvents {
  queueName: string;
  jobId: string;
  payload: { body: Record<string, unknown>; delayInSeconds?: number }[];
}

export const QUEUE_PUBLISH_PATH = /^\/webhook\/queue\/publish\//;

/** Accepts @forge/events pushes and hands each to `onPublish` (e.g. to deliver them to the consumer). */
export function serveQueuePublish(onPublish: (push: PublishedEvents) => void) {
  return async (path: string, init: RequestInit = {}): Promise<Response> => {
    if (!QUEUE_PUBLISH_PATH.test(path)) return json(404, { message: `The local queue does not serve ${path}` });
    onPublish(JSON.parse(String(init.body)) as PublishedEvents);
    return json(201, {});
  };
}
