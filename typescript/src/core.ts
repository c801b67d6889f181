/**
 * What every call shares: configuration, building the request (one `Idempotency-Key` per logical
 * write, reused by its retries), retries with backoff, unwrapping the envelope, rate-limit
 * figures, errors, and the debug log (`METAFINOPS_LOG=debug`, never the API key).
 */

import {
  APIConnectionError,
  APIResponseValidationError,
  APITimeoutError,
  MetaFinOpsError,
  isRecord,
  statusErrorFromResponse,
} from "./errors.js";
import { DEFAULT_MAX_RETRIES, isRetryableStatus, retryDelay } from "./retry.js";
import type { DateLike } from "./types.js";
import { VERSION } from "./version.js";

export const API_KEY_ENV = "METAFINOPS_API_KEY";
export const BASE_URL_ENV = "METAFINOPS_BASE_URL";
export const LOG_ENV = "METAFINOPS_LOG";
export const DEFAULT_BASE_URL = "https://api.metafinops.com/v1";
/** Milliseconds per attempt. */
export const DEFAULT_TIMEOUT = 30_000;
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface ClientOptions {
  /** Default: `process.env.METAFINOPS_API_KEY`. */
  apiKey?: string;
  /** Default: `process.env.METAFINOPS_BASE_URL`, else `https://api.metafinops.com/v1`. */
  baseURL?: string;
  /** Milliseconds per attempt (default 30 000). */
  timeout?: number;
  /** How many times a failed request may be sent again (default 2; 0 disables retries). */
  maxRetries?: number;
  /** Sent with every request. */
  defaultHeaders?: Record<string, string>;
  /** Your own `fetch` (default: the global one, Node >= 18). */
  fetch?: typeof fetch;
  /** `"debug"` logs every request and retry to stderr (default: `process.env.METAFINOPS_LOG`). */
  logLevel?: "debug" | "info" | "off";
}

/** Options for one call. */
export interface RequestOptions {
  /** Milliseconds per attempt. */
  timeout?: number;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
  /** For a write: the `Idempotency-Key` (default: a new uuid for this call, reused by its retries). */
  idempotencyKey?: string;
  maxRetries?: number;
  /** Cancels the call (and its retries). */
  signal?: AbortSignal;
}

/** The API key's rate limit as of the latest response (`X-RateLimit-*` headers). */
export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  /** Requests left in the current window. */
  remaining: number;
  /** Seconds until the window resets. */
  reset: number;
}

/** A successful answer, unwrapped. */
export interface Envelope {
  data: unknown;
  requestId: string | null;
  pagination: { has_more?: boolean; next_cursor?: string | null; limit?: number } | null;
  status: number;
  headers: Headers;
}

export interface Operation {
  method: string;
  path: string;
  query?: Record<string, unknown> | undefined;
  body?: unknown;
  /** Body values to redact from anything the server echoes back. */
  secrets?: string[];
  /** False for a file download: `data` is the raw body text. */
  enveloped?: boolean;
}

interface Config {
  apiKey: string;
  baseURL: string;
  timeout: number;
  maxRetries: number;
  defaultHeaders: Record<string, string>;
  fetch: typeof fetch;
  logLevel: "debug" | "info" | "off";
}

function env(name: string): string | undefined {
  return typeof process !== "undefined" ? process.env?.[name] : undefined;
}

export class ClientCore {
  readonly apiKey: string;
  readonly baseURL: string;
  readonly timeout: number;
  readonly maxRetries: number;
  protected readonly config: Config;
  private shared: { rateLimit: RateLimit | null };

  constructor(apiKeyOrOptions?: string | ClientOptions, options: ClientOptions = {}) {
    const opts: ClientOptions =
      typeof apiKeyOrOptions === "string" ? { ...options, apiKey: apiKeyOrOptions } : { ...(apiKeyOrOptions ?? options) };
    const apiKey = (opts.apiKey ?? env(API_KEY_ENV) ?? "").trim();
    if (!apiKey) {
      throw new MetaFinOpsError(`No API key: pass one to the client or set the ${API_KEY_ENV} environment variable.`);
    }
    const baseURL = (opts.baseURL || env(BASE_URL_ENV)?.trim() || DEFAULT_BASE_URL).replace(/\/+$/, "");
    if (!/^https?:\/\//.test(baseURL)) {
      throw new MetaFinOpsError(`baseURL must be an http(s) URL like "${DEFAULT_BASE_URL}", not "${baseURL}"`);
    }
    const maxRetries = opts.maxRetries ?? DEFAULT_MAX_RETRIES;
    if (!(maxRetries >= 0)) throw new MetaFinOpsError(`maxRetries must be 0 or more, not ${maxRetries}`);
    const envLevel = (env(LOG_ENV) ?? "").trim().toLowerCase();
    const fetchImpl = opts.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== "function") throw new MetaFinOpsError("No fetch: use Node >= 18 or pass options.fetch.");
    this.config = {
      apiKey,
      baseURL,
      timeout: opts.timeout ?? DEFAULT_TIMEOUT,
      maxRetries,
      defaultHeaders: { ...(opts.defaultHeaders ?? {}) },
      fetch: fetchImpl,
      logLevel: opts.logLevel ?? (envLevel === "debug" || envLevel === "info" ? envLevel : "off"),
    };
    this.apiKey = apiKey;
    this.baseURL = baseURL;
    this.timeout = this.config.timeout;
    this.maxRetries = maxRetries;
    this.shared = { rateLimit: null };
  }

  /** The rate limit reported by the most recent response (null before the first). */
  get rateLimit(): RateLimit | null {
    return this.shared.rateLimit;
  }

  toString(): string {
    return `MetaFinOps(baseURL=${this.baseURL})`;
  }

  /** Call any endpoint and get the unwrapped `data`; `path` is relative to `baseURL` (`"/budgets"`). */
  request<T = unknown>(
    method: string,
    path: string,
    init: { query?: Record<string, unknown>; body?: unknown } & RequestOptions = {},
  ): Promise<T> {
    const { query, body, ...options } = init;
    const operation: Operation = { method: method.toUpperCase(), path: "/" + path.replace(/^\/+/, ""), query, body };
    return this.send(operation, options).then((envelope) => envelope.data as T);
  }

  /** Carry out an operation: retries, idempotency, envelope; throws the matching error. */
  async send(operation: Operation, options: RequestOptions = {}): Promise<Envelope> {
    const method = operation.method.toUpperCase();
    const url = new URL(this.config.baseURL + operation.path);
    for (const [name, value] of Object.entries(operation.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(name, String(jsonable(value)));
    }
    const headers: Record<string, string> = {
      Accept: "application/json",
      "User-Agent": `metafinops-node/${VERSION}`,
      ...this.config.defaultHeaders,
      ...(options.headers ?? {}),
      Authorization: `Bearer ${this.config.apiKey}`,
    };
    let payload: string | undefined;
    if (operation.body !== undefined) {
      payload = JSON.stringify(jsonable(operation.body));
      headers["Content-Type"] = "application/json";
    }
    if (WRITE_METHODS.has(method)) {
      // one key per logical write, reused by every retry: the server applies it once
      headers["Idempotency-Key"] = options.idempotencyKey ?? globalThis.crypto.randomUUID();
    }
    const maxRetries = options.maxRetries ?? this.config.maxRetries;
    const timeout = options.timeout ?? this.config.timeout;
    this.log("debug", `${method} ${url.pathname}${headers["Idempotency-Key"] ? ` (Idempotency-Key ${headers["Idempotency-Key"]})` : ""}`);
    for (let retriesTaken = 0; ; retriesTaken++) {
      let response: Response;
      let text: string;
      const attempt = new AbortController();
      const timer = setTimeout(() => attempt.abort(new APITimeoutError()), timeout);
      const onAbort = () => attempt.abort(options.signal?.reason);
      options.signal?.addEventListener("abort", onAbort, { once: true });
      try {
        response = await this.config.fetch(url, {
          method,
          headers,
          ...(payload === undefined ? {} : { body: payload }),
          signal: attempt.signal,
        });
        text = await response.text();
      } catch (cause) {
        if (options.signal?.aborted) throw options.signal.reason ?? cause;
        const timedOut = attempt.signal.aborted;
        if (retriesTaken < maxRetries) {
          const delay = retryDelay(retriesTaken);
          this.log("info", `Retrying ${method} ${url.pathname} in ${delay.toFixed(2)} s after ${timedOut ? "a timeout" : "a connection error"} (retry ${retriesTaken + 1} of ${maxRetries})`);
          await sleep(delay, options.signal);
          continue;
        }
        if (timedOut) throw new APITimeoutError(`No answer from ${this.config.baseURL} within ${timeout} ms.`, { cause });
        throw new APIConnectionError(`Could not reach ${this.config.baseURL}: ${describeCause(cause)}`, { cause });
      } finally {
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
      }
      this.noteRateLimit(response.headers);
      const headerRequestId = response.headers.get("x-request-id");
      this.log("debug", `${method} ${url.pathname} -> ${response.status} (request_id=${headerRequestId})`);
      if (response.ok) return unwrap(response, text, operation.enveloped !== false);
      const error = statusErrorFromResponse(response.status, response.headers, text, operation.secrets ?? []);
      if (retriesTaken < maxRetries && isRetryableStatus(error.status, error.code)) {
        const delay = retryDelay(retriesTaken, response.headers.get("retry-after"));
        this.log("info", `Retrying ${method} ${url.pathname} in ${delay.toFixed(2)} s after HTTP ${error.status} ${error.code ?? ""} (retry ${retriesTaken + 1} of ${maxRetries})`);
        await sleep(delay, options.signal);
        continue;
      }
      throw error;
    }
  }

  private noteRateLimit(headers: Headers): void {
    const limit = headers.get("x-ratelimit-limit");
    const remaining = headers.get("x-ratelimit-remaining");
    const reset = headers.get("x-ratelimit-reset");
    if (limit === null || remaining === null || reset === null) return;
    const figures = { limit: Number(limit), remaining: Number(remaining), reset: Math.trunc(Number(reset)) };
    if (Object.values(figures).every(Number.isFinite)) this.shared.rateLimit = figures;
  }

  protected log(level: "debug" | "info", message: string): void {
    const configured = this.config.logLevel;
    if (configured === "off" || (configured === "info" && level === "debug")) return;
    process.stderr.write(`[metafinops] ${level.toUpperCase()} ${message}\n`);
  }

  /** A copy with other options sharing this one's rate-limit figures (see `MetaFinOps.withOptions`). */
  protected cloneWith<T extends ClientCore>(this: T, options: ClientOptions): T {
    const copy = Object.create(Object.getPrototypeOf(this)) as T;
    const config = { ...this.config, ...options, defaultHeaders: { ...this.config.defaultHeaders, ...(options.defaultHeaders ?? {}) } };
    Object.assign(copy, this, { config, timeout: config.timeout, maxRetries: config.maxRetries });
    return copy;
  }
}

function unwrap(response: Response, text: string, enveloped: boolean): Envelope {
  const headerRequestId = response.headers.get("x-request-id");
  const base = { status: response.status, headers: response.headers, pagination: null };
  if (!enveloped) return { ...base, data: text, requestId: headerRequestId };
  if (!text) return { ...base, data: null, requestId: headerRequestId };
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    throw new APIResponseValidationError(`The API answered HTTP ${response.status} with a body that is not JSON.`, headerRequestId);
  }
  if (!isRecord(payload) || payload.status !== "success" || !("data" in payload)) {
    throw new APIResponseValidationError(
      'The API\'s answer is not the v1 envelope {"status": "success", "data": …, "meta": …}; is baseURL right (it ends with /v1)?',
      headerRequestId,
    );
  }
  const meta = isRecord(payload.meta) ? payload.meta : {};
  const requestId = typeof meta.request_id === "string" ? meta.request_id : headerRequestId;
  const pagination = isRecord(meta.pagination) ? (meta.pagination as Envelope["pagination"]) : null;
  return { ...base, data: payload.data, requestId, pagination };
}

/** Dates become `YYYY-MM-DD`; everything else as JSON has it. */
export function jsonable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(jsonable);
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, jsonable(v)]));
  }
  return value;
}

export function pathParam(name: string, value: string): string {
  if (typeof value !== "string" || !value.trim()) {
    throw new MetaFinOpsError(`Expected a non-empty value for \`${name}\` but received ${JSON.stringify(value)}`);
  }
  return encodeURIComponent(value);
}

export function dateParam(value: DateLike | undefined): string | undefined {
  return value === undefined ? undefined : (jsonable(value) as string);
}

function sleep(seconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, seconds * 1000);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause;
    return inner instanceof Error ? `${cause.message} (${inner.message})` : cause.message;
  }
  return String(cause);
}
