/** Fault injection: seeded random faults, scripted failNext, counters. */
import type { Counts, FailNextMatcher, FaultSpec } from './types';

/** mulberry32: small, fast, reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Parses "429:0.2,503:0.05,500:0.02,drop:0.01" (or an object) into ordered [kind, p] pairs. */
export function parseFaultSpec(spec: string | FaultSpec | undefined | null): [string, number][] {
  if (spec === undefined || spec === null || spec === '') return [];
  const entries: [string, number][] =
    typeof spec === 'string'
      ? spec
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .map((s) => {
            const [k, p] = s.split(':').map((x) => x.trim());
            return [k, Number(p)];
          })
      : Object.entries(spec).map(([k, p]) => [k, Number(p)]);
  for (const [k, p] of entries) {
    if (k !== 'drop' && !/^[45]\d\d$/.test(k)) throw new Error(`fault spec: unknown fault "${k}" (use an HTTP status 4xx/5xx or "drop")`);
    if (!(p >= 0 && p <= 1)) throw new Error(`fault spec: probability for ${k} must be within 0..1`);
  }
  const total = entries.reduce((s, [, p]) => s + p, 0);
  if (total > 1 + 1e-9) throw new Error('fault spec: probabilities add up to more than 1');
  return entries;
}

export type FaultDecision = { kind: 'none' } | { kind: 'drop' } | { kind: 'status'; status: number; headers: Record<string, string>; body: unknown };

const FAULT_BODIES: Record<number, string> = {
  429: 'Rate limit exceeded.',
  500: 'Internal server error.',
  502: 'Bad gateway.',
  503: 'Service Unavailable.',
  504: 'Gateway timeout.',
};

export function faultBody(status: number): unknown {
  return { errorMessages: [FAULT_BODIES[status] ?? `Injected fault ${status}.`], errors: {} };
}

export class Faults {
  private rand: () => number;
  private spec: [string, number][] = [];
  private count429 = 0;
  private scripted: { remaining: number; skip: number; m: FailNextMatcher }[] = [];
  retryAfterSeconds = 1;
  latencyMs = 0;

  constructor(private seed: number) {
    this.rand = prng(seed);
  }

  setSpec(spec: string | FaultSpec | undefined | null, randomSeed?: number): void {
    this.spec = parseFaultSpec(spec);
    if (randomSeed !== undefined) {
      this.seed = randomSeed;
      this.rand = prng(randomSeed);
    }
  }

  specString(): string {
    return this.spec.map(([k, p]) => `${k}:${p}`).join(',');
  }

  failNext(n: number, m: FailNextMatcher): void {
    this.scripted.push({ remaining: n, skip: m.skip ?? 0, m });
  }

  /** First scripted failure matching this request (consumes one use). */
  takeScripted(method: string, path: string): FailNextMatcher | null {
    for (const s of this.scripted) {
      if (s.remaining <= 0) continue;
      if (s.m.method && s.m.method.toUpperCase() !== method) continue;
      if (s.m.pathIncludes && !path.includes(s.m.pathIncludes)) continue;
      if (s.skip > 0) {
        s.skip--;
        continue;
      }
      s.remaining--;
      this.scripted = this.scripted.filter((x) => x.remaining > 0);
      return s.m;
    }
    return null;
  }

  /** Headers for a 429: Retry-After on three of every four (the 2nd, 6th, 10th... lack it). */
  rateLimitHeaders(): Record<string, string> {
    const n = this.count429++;
    const h: Record<string, string> = { 'RateLimit-Reason': 'jira-burst-based' };
    if (n % 4 !== 1) h['Retry-After'] = String(this.retryAfterSeconds);
    return h;
  }

  /** Random fault for one /rest/ request (one PRNG draw per request). */
  decide(): FaultDecision {
    if (this.spec.length === 0) return { kind: 'none' };
    const r = this.rand();
    let acc = 0;
    for (const [k, p] of this.spec) {
      acc += p;
      if (r < acc) {
        if (k === 'drop') return { kind: 'drop' };
        const status = Number(k);
        const headers = status === 429 ? this.rateLimitHeaders() : {};
        return { kind: 'status', status, headers, body: faultBody(status) };
      }
    }
    return { kind: 'none' };
  }
}

export class Counter {
  private c: Counts = { total: 0, byRoute: {}, byAccount: {}, writes: 0 };

  record(routeKey: string, account: string, write: boolean): void {
    this.c.total++;
    this.c.byRoute[routeKey] = (this.c.byRoute[routeKey] ?? 0) + 1;
    this.c.byAccount[account] = (this.c.byAccount[account] ?? 0) + 1;
    if (write) this.c.writes++;
  }

  snapshot(): Counts {
    return { total: this.c.total, byRoute: { ...this.c.byRoute }, byAccount: { ...this.c.byAccount }, writes: this.c.writes };
  }

  reset(): void {
    this.c = { total: 0, byRoute: {}, byAccount: {}, writes: 0 };
  }
}
