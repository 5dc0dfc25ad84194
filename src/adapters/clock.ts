import { randomUUID } from 'node:crypto';
import type { Clock } from '../services/ports';

export const systemClock: Clock = { now: () => new Date() };

export function newId(): string {
  return randomUUID();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
