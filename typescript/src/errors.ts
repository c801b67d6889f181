/**
 * The errors the SDK throws (the same tree as the Python and Go SDKs):
 *
 *     MetaFinOpsError                   anything this SDK throws on purpose (e.g. no API key)
 *     ├── APIError                      something went wrong talking to the API
 *     │   ├── APIStatusError            the API answered with an HTTP error status
 *     │   │   ├── BadRequestError           400 invalid_request
 *     │   │   ├── AuthenticationError       401 unauthorized
 *     │   │   ├── PermissionDeniedError     403 forbidden
 *     │   │   ├── NotFoundError             404 not_found
 *     │   │   ├── ConflictError             409 conflict, idempotency_in_progress
 *     │   │   ├── UnprocessableEntityError  422 validation_error, idempotency_key_reused
 *     │   │   ├── RateLimitError            429 rate_limited
 *     │   │   └── InternalServerError       500 and above
 *     │   ├── APIConnectionError        no answer: DNS, refused connection, reset, …
 *     │   │   └── APITimeoutError       no answer in time
 *     │   └── APIResponseValidationError  an answer that is not the v1 envelope
 *     └── WebhookVerificationError      a webhook delivery whose signature or timestamp is wrong
 */

import { parseRetryAfter } from "./retry.js";

/** One field at fault in a 4xx answer: `{"field": "thresholds.0.percent", "message": "…"}`. */
export interface ErrorDetail {
  field?: string | null;
  message?: string | null;
  [key: string]: unknown;
}

export class MetaFinOpsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class APIError extends MetaFinOpsError {}

export class APIResponseValidationError extends APIError {
  readonly requestId: string | null;
  constructor(message: string, requestId: string | null) {
    super(requestId ? `${message} (request_id: ${requestId})` : message);
    this.requestId = requestId;
  }
}

export class APIConnectionError extends APIError {
  constructor(message = "Connection error.", options?: { cause?: unknown }) {
    super(message);
    if (options && "cause" in options) (this as { cause?: unknown }).cause = options.cause;
  }
}

export class APITimeoutError extends APIConnectionError {
  constructor(message = "Request timed out.", options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The API answered with an HTTP error status (4xx/5xx). */
export class APIStatusError extends APIError {
  /** The HTTP status. */
  readonly status: number;
  /** The API's `error.code`: `"validation_error"`, `"not_found"` … */
  readonly code: string | null;
  /** The server's own message (`message` is the full text with status, fields and request id). */
  readonly apiMessage: string;
  /** The fields at fault. */
  readonly details: ErrorDetail[];
  /** The `req_…` id of the answer: quote it to support. */
  readonly requestId: string | null;
  /** The answer's headers. */
  readonly headers: Headers;
  /** The parsed JSON body, if it was JSON. */
  readonly body: unknown;

  constructor(init: {
    status: number;
    code: string | null;
    message: string;
    details: ErrorDetail[];
    requestId: string | null;
    headers: Headers;
    body: unknown;
  }) {
    super(describe(init));
    this.status = init.status;
    this.code = init.code;
    this.apiMessage = init.message;
    this.details = init.details;
    this.requestId = init.requestId;
    this.headers = init.headers;
    this.body = init.body;
  }
}

export class BadRequestError extends APIStatusError {}
export class AuthenticationError extends APIStatusError {}
export class PermissionDeniedError extends APIStatusError {}
export class NotFoundError extends APIStatusError {}
export class ConflictError extends APIStatusError {}
export class UnprocessableEntityError extends APIStatusError {}
export class RateLimitError extends APIStatusError {
  /** Seconds the server asked to wait (`Retry-After`), or null. */
  get retryAfter(): number | null {
    return parseRetryAfter(this.headers.get("retry-after"));
  }
}
export class InternalServerError extends APIStatusError {}

export class WebhookVerificationError extends MetaFinOpsError {}

const ERRORS_BY_STATUS: Record<number, typeof APIStatusError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

const REDACTED = "[redacted]";
const MAX_RAW_TEXT = 200;

/** The error for an error answer; `secrets` (sent in the request) are redacted wherever echoed. */
export function statusErrorFromResponse(
  status: number,
  headers: Headers,
  text: string,
  secrets: readonly string[] = [],
): APIStatusError {
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) {
      text = text.split(form).join(REDACTED);
    }
  }
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const record = isRecord(body) ? body : null;
  const error = record && isRecord(record.error) ? record.error : null;
  let code: string | null = null;
  let message: string;
  let details: ErrorDetail[] = [];
  if (error) {
    code = typeof error.code === "string" ? error.code : null;
    message = String(error.message || `HTTP ${status}`);
    details = Array.isArray(error.details) ? (error.details.filter(isRecord) as ErrorDetail[]) : [];
  } else {
    message = text.trim().slice(0, MAX_RAW_TEXT) || `HTTP ${status}`;
  }
  const meta = record && isRecord(record.meta) ? record.meta : null;
  const requestId =
    (meta && typeof meta.request_id === "string" ? meta.request_id : null) ?? headers.get("x-request-id");
  const ErrorClass = ERRORS_BY_STATUS[status] ?? (status >= 500 ? InternalServerError : APIStatusError);
  return new ErrorClass({ status, code, message, details, requestId, headers, body });
}

function describe(init: { status: number; code: string | null; message: string; details: ErrorDetail[]; requestId: string | null }): string {
  const head = init.code ? `${init.status} ${init.code}` : `HTTP ${init.status}`;
  let text = `${head}: ${init.message}`;
  const fields = init.details
    .map((d) => (d.field && d.message ? `${d.field}: ${d.message}` : String(d.message ?? d.field ?? "")))
    .filter((d) => d && !init.message.includes(d))
    .join("; ");
  if (fields) text = `${text.replace(/\.$/, "")}. ${fields}`;
  if (init.requestId) text = `${text} (request_id: ${init.requestId})`;
  return text;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
