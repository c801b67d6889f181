/**
 * When to send a request again, and how long to wait first (the same numbers in all three SDKs):
 * retried are HTTP 408, 429, 5xx, 409 whose code is `idempotency_in_progress`, connection errors
 * and timeouts, at most `maxRetries` times (default 2). The wait is the server's `Retry-After`
 * (seconds or an HTTP date) capped at 60 s, else `min(0.5 · 2ⁿ, 8)` seconds shortened by up to
 * 25 % at random, `n` being the number of retries already taken.
 */

export const DEFAULT_MAX_RETRIES = 2;
export const INITIAL_RETRY_DELAY = 0.5;
export const MAX_RETRY_DELAY = 8;
export const RETRY_JITTER = 0.25;
export const MAX_RETRY_AFTER = 60;

export function isRetryableStatus(status: number, code: string | null): boolean {
  if (status === 409) return code === "idempotency_in_progress";
  return status === 408 || status === 429 || status >= 500;
}

/** Seconds to wait from a `Retry-After` header (delta-seconds or HTTP date); null if absent or bad. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value == null || !value.trim()) return null;
  const trimmed = value.trim();
  let seconds: number;
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(trimmed)) {
    seconds = Number(trimmed);
  } else {
    const when = Date.parse(trimmed);
    if (Number.isNaN(when)) return null;
    seconds = (when - now) / 1000;
  }
  if (!Number.isFinite(seconds)) return null;
  return Math.max(seconds, 0);
}

export function backoffDelay(retriesTaken: number, randomFraction: () => number = Math.random): number {
  const delay = Math.min(INITIAL_RETRY_DELAY * 2 ** retriesTaken, MAX_RETRY_DELAY);
  return delay * (1 - RETRY_JITTER * randomFraction());
}

/** Seconds to wait before retry number `retriesTaken + 1`. */
export function retryDelay(
  retriesTaken: number,
  retryAfter?: string | null,
  now?: number,
  randomFraction: () => number = Math.random,
): number {
  const seconds = parseRetryAfter(retryAfter, now);
  if (seconds !== null) return Math.min(seconds, MAX_RETRY_AFTER);
  return backoffDelay(retriesTaken, randomFraction);
}
