/**
 * HS256 JWTs as flask-jwt-extended 4.x (on PyJWT 2.x) mints and checks them, with
 * the same claims, checks, check order, status codes and messages.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

export type TokenType = 'access' | 'refresh';

export type AuthResult = { ok: true; sub: unknown; claims: Record<string, unknown> } | { ok: false; status: 401 | 422 | 500; msg: string };

function fail(status: 401 | 422 | 500, msg: string): AuthResult {
  return { ok: false, status, msg };
}

function hs256(secret: string, input: string): Buffer {
  return createHmac('sha256', secret).update(input, 'latin1').digest();
}

/** PyJWT encode: header {"alg","typ"} sorted, payload compact, ASCII-escaped. */
export function signJwt(payload: Record<string, unknown>, secret: string): string {
  const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
  const json = JSON.stringify(payload).replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  const body = Buffer.from(json).toString('base64url');
  const sig = hs256(secret, `${header}.${body}`).toString('base64url');
  return `${header}.${body}.${sig}`;
}

/** PyJWT base64url_decode (non-strict: stray characters are dropped). */
function b64decode(segment: string): Buffer | null {
  const data = segment
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .replace(/[^A-Za-z0-9+/]/g, '');
  if (data.length % 4 === 1) return null;
  return Buffer.from(data, 'base64');
}

/** json.loads on bytes, with an approximation of Python's error text. */
function pyLoads(bytes: Buffer): { value: unknown } | { error: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: "'utf-8' codec can't decode bytes: invalid start byte" };
  }
  try {
    return { value: JSON.parse(text) };
  } catch {
    const first = text.search(/\S/);
    if (first < 0 || !/[{["\-0-9tfn]/.test(text[first])) {
      const pos = first < 0 ? text.length : first;
      return { error: `Expecting value: line 1 column ${pos + 1} (char ${pos})` };
    }
    return { error: 'Expecting value: line 1 column 1 (char 0)' };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Python int(x) for a claim value: a number, or 'value' (ValueError) / 'type' (TypeError). */
function pyIntClaim(v: unknown): number | 'value' | 'type' {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'string') {
    return /^\s*[+-]?\d+(_\d+)*\s*$/.test(v) ? parseInt(v.replace(/_/g, ''), 10) : 'value';
  }
  return 'type';
}

/** jwt.decode(token, secret, algorithms=['HS256']) + flask-jwt-extended's decode_token. */
export function decodeJwt(token: string, secret: string, nowSec: number): AuthResult {
  const last = token.lastIndexOf('.');
  const signingInput = last < 0 ? '' : token.slice(0, last);
  const firstDot = signingInput.indexOf('.');
  if (last < 0 || firstDot < 0) return fail(422, 'Not enough segments');
  const headerBytes = b64decode(signingInput.slice(0, firstDot));
  if (!headerBytes) return fail(422, 'Invalid header padding');
  const header = pyLoads(headerBytes);
  if ('error' in header) return fail(422, `Invalid header string: ${header.error}`);
  if (!isObject(header.value)) return fail(422, 'Invalid header string: must be a json object');
  const payloadBytes = b64decode(signingInput.slice(firstDot + 1));
  if (!payloadBytes) return fail(422, 'Invalid payload padding');
  const signature = b64decode(token.slice(last + 1));
  if (!signature) return fail(422, 'Invalid crypto padding');
  if (!('alg' in header.value)) return fail(422, 'Algorithm not specified');
  if (header.value.alg !== 'HS256') return fail(422, 'The specified alg value is not allowed');
  const expected = hs256(secret, signingInput);
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
    return fail(422, 'Signature verification failed');
  }
  const payload = pyLoads(payloadBytes);
  if ('error' in payload) return fail(422, `Invalid payload string: ${payload.error}`);
  if (!isObject(payload.value)) return fail(422, 'Invalid payload string: must be a json object');
  const claims = payload.value;

  if ('iat' in claims) {
    const iat = pyIntClaim(claims.iat);
    if (iat === 'type') return fail(500, 'TypeError in iat');
    if (iat === 'value') return fail(422, 'Issued At claim (iat) must be an integer.');
    if (iat > nowSec) return fail(422, 'The token is not yet valid (iat)');
  }
  if ('nbf' in claims) {
    const nbf = pyIntClaim(claims.nbf);
    if (nbf === 'type') return fail(500, 'TypeError in nbf');
    if (nbf === 'value') return fail(422, 'Not Before claim (nbf) must be an integer.');
    if (nbf > nowSec) return fail(422, 'The token is not yet valid (nbf)');
  }
  if ('exp' in claims) {
    const exp = pyIntClaim(claims.exp);
    if (exp === 'type') return fail(500, 'TypeError in exp');
    if (exp === 'value') return fail(422, 'Expiration Time claim (exp) must be an integer.');
    if (exp <= nowSec) return fail(401, 'Token has expired');
  }
  if ('jti' in claims && typeof claims.jti !== 'string') return fail(422, 'JWT ID must be a string');
  if (!('sub' in claims)) return fail(422, 'Missing claim: sub');
  return { ok: true, sub: claims.sub, claims };
}

/**
 * flask-jwt-extended's `_decode_jwt_from_headers`: the token out of the
 * Authorization header, or the error flask-jwt-extended answers with.
 */
export function bearerToken(header: string | undefined): { token: string } | AuthResult {
  const value = (header ?? '').trim().replace(/^,+|,+$/g, '');
  if (!value) return fail(401, 'Missing Authorization Header');
  const fields = value.split(/,\s*/);
  if (fields.some((f) => f.trim() === '')) return fail(500, 'IndexError: list index out of range');
  const matching = fields.filter((f) => f.trim().split(/\s+/)[0] === 'Bearer');
  if (matching.length !== 1) {
    return fail(401, "Missing 'Bearer' type in 'Authorization' header. Expected 'Authorization: Bearer <JWT>'");
  }
  const parts = matching[0].trim().split(/\s+/);
  if (parts.length !== 2) return fail(422, "Bad Authorization header. Expected 'Authorization: Bearer <JWT>'");
  return { token: parts[1] };
}

export interface TokenIssuerOptions {
  secret: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  now: () => number;
}

/** Mints tokens like create_access_token / create_refresh_token and guards routes like @jwt_required. */
export class TokenIssuer {
  private readonly issued: Record<TokenType, Set<string>> = { access: new Set(), refresh: new Set() };
  private readonly forcedExpired = new Set<string>();

  constructor(private readonly opts: TokenIssuerOptions) {}

  private nowSec(): number {
    return this.opts.now() / 1000;
  }

  issue(type: TokenType, sub: unknown): string {
    const now = Math.floor(this.nowSec());
    const jti = randomUUID();
    const ttl = type === 'access' ? this.opts.accessTtlSeconds : this.opts.refreshTtlSeconds;
    this.issued[type].add(jti);
    // Claim order as flask-jwt-extended builds them (JWT_ENCODE_NBF defaults to True).
    return signJwt({ fresh: false, iat: now, jti, type, sub, nbf: now, exp: now + ttl }, this.opts.secret);
  }

  /** Every token of this type issued so far now answers "Token has expired". */
  expireAll(type: TokenType): void {
    for (const jti of this.issued[type]) this.forcedExpired.add(jti);
    this.issued[type].clear();
  }

  /** @jwt_required() (refresh=false) or @jwt_required(refresh=True). */
  authenticate(authorization: string | undefined, refresh: boolean): AuthResult {
    const bearer = bearerToken(authorization);
    if (!('token' in bearer)) return bearer;
    const decoded = decodeJwt(bearer.token, this.opts.secret, this.nowSec());
    if (!decoded.ok) return decoded;
    const { claims } = decoded;
    if (typeof claims.jti === 'string' && this.forcedExpired.has(claims.jti)) return fail(401, 'Token has expired');
    const type = 'type' in claims ? claims.type : 'access';
    if (!refresh && type === 'refresh') return fail(422, 'Only non-refresh tokens are allowed');
    if (refresh && type !== 'refresh') return fail(422, 'Only refresh tokens are allowed');
    return decoded;
  }
}
