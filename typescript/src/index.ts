/** The MetaFinOps API for Node.js (>= 18): `new MetaFinOps("YOUR_API_KEY")`. */

export { MetaFinOps, MetaFinOps as default } from "./client.js";
export {
  API_KEY_ENV,
  BASE_URL_ENV,
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT,
  LOG_ENV,
  type ClientOptions,
  type RateLimit,
  type RequestOptions,
} from "./core.js";
export {
  APIConnectionError,
  APIError,
  APIResponseValidationError,
  APIStatusError,
  APITimeoutError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  type ErrorDetail,
  InternalServerError,
  MetaFinOpsError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  WebhookVerificationError,
} from "./errors.js";
export { Page, PagePromise } from "./pagination.js";
export * as retry from "./retry.js";
export type * from "./types.js";
export { VERSION } from "./version.js";
export * as webhooks from "./webhooks.js";
