/**
 * Check that a webhook delivery comes from MetaFinOps. `X-MetaFinOps-Signature` is the lowercase
 * hex HMAC-SHA256 of the raw request body under the subscription's secret; during a secret
 * rotation it holds two signatures, comma separated, and any one matching is enough.
 *
 *     import { webhooks } from "@metafinops/sdk";
 *     webhooks.verify(rawBody, req.headers["x-metafinops-signature"], secret,
 *                     { timestamp: req.headers["x-metafinops-timestamp"] });
 */

import { createHmac, timingSafeEqual } from "node:crypto";
import { WebhookVerificationError } from "./errors.js";

export const SIGNATURE_HEADER = "X-MetaFinOps-Signature";
export const TIMESTAMP_HEADER = "X-MetaFinOps-Timestamp";
export const EVENT_ID_HEADER = "X-MetaFinOps-Event-Id";
/** Seconds a delivery's timestamp may differ from our clock. */
export const DEFAULT_TOLERANCE = 300;

export type Body = string | Uint8Array;

/** The signature of `body` under `secret`: lowercase hex HMAC-SHA256 of the raw bytes. */
export function sign(body: Body, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

export interface VerifyOptions {
  /** The `X-MetaFinOps-Timestamp` header (unix seconds); when given, old or future deliveries are refused. */
  timestamp?: string | number | null;
  /** Seconds allowed between the timestamp and now (default 300). */
  tolerance?: number;
  /** Unix seconds to compare with (default: now). */
  now?: number;
}

/** Throws {@link WebhookVerificationError} unless `body` was signed with `secret`. Constant-time. */
export function verify(
  body: Body,
  signature: string | null | undefined,
  secret: string,
  options: VerifyOptions = {},
): void {
  if (!secret) throw new WebhookVerificationError("No webhook secret given to verify the signature with.");
  if (options.timestamp != null) checkTimestamp(options.timestamp, options.tolerance ?? DEFAULT_TOLERANCE, options.now);
  const candidates = (signature ?? "").split(/[,\s]+/).filter(Boolean);
  if (candidates.length === 0) {
    throw new WebhookVerificationError(`The delivery has no signature (header ${SIGNATURE_HEADER} is missing or empty).`);
  }
  const expected = Buffer.from(sign(body, secret), "utf8");
  let matched = false;
  for (const candidate of candidates) {
    const given = Buffer.from(candidate.toLowerCase(), "utf8");
    // compare every candidate, without stopping early; lengths differ only for malformed input
    const same = given.length === expected.length && timingSafeEqual(given, expected);
    matched = matched || same;
  }
  if (!matched) {
    throw new WebhookVerificationError(
      "The webhook signature does not match: check the secret, and that the body is the raw request bytes, not re-serialized JSON.",
    );
  }
}

function checkTimestamp(timestamp: string | number, tolerance: number, now?: number): void {
  const text = String(timestamp).trim();
  if (!/^-?\d+$/.test(text)) {
    throw new WebhookVerificationError(`The delivery's ${TIMESTAMP_HEADER} is not unix seconds: ${JSON.stringify(text.slice(0, 40))}`);
  }
  const skew = (now ?? Date.now() / 1000) - Number(text);
  if (Math.abs(skew) > tolerance) {
    const when = skew > 0 ? "old" : "in the future";
    throw new WebhookVerificationError(
      `The delivery's timestamp is ${Math.abs(skew).toFixed(0)} s ${when} (tolerance ${tolerance} s): a replayed delivery, or a wrong clock.`,
    );
  }
}
