// The retry logic, timeouts and the debug log, against a loopback node:http stand-in that
// fails the first attempts. The real server is in contract.test.mjs.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { test } from "node:test";

import {
  APIConnectionError,
  APITimeoutError,
  InternalServerError,
  MetaFinOps,
  MetaFinOpsError,
} from "../dist/esm/index.js";

async function serve(handler) {
  const server = createServer(handler);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}/v1`, close: () => new Promise((r) => server.close(r)) };
}

const budget = { id: "bud_1", name: "n", amount: 1, currency: "USD", period: "monthly", thresholds: [], created_at: "2026-03-01T00:00:00Z" };
const failure = (code) => JSON.stringify({ status: "error", error: { code, message: code, details: [] }, meta: { request_id: `req_${code}` } });

test("retries reuse the idempotency key and honour Retry-After", async () => {
  const keys = [];
  let attempts = 0;
  const server = await serve((req, res) => {
    attempts++;
    keys.push(req.headers["idempotency-key"]);
    res.setHeader("X-RateLimit-Limit", "60");
    res.setHeader("X-RateLimit-Remaining", "59");
    res.setHeader("X-RateLimit-Reset", "30");
    if (attempts === 1) res.writeHead(503, { "Retry-After": "0" }).end(failure("unavailable"));
    else if (attempts === 2) res.writeHead(409, { "Retry-After": "0" }).end(failure("idempotency_in_progress"));
    else res.writeHead(201).end(JSON.stringify({ status: "success", data: budget, meta: { request_id: "req_ok" } }));
  });
  try {
    const client = new MetaFinOps("mfo_secret", { baseURL: server.url });
    assert.deepEqual(await client.budgets.create({ name: "n", amount: 1, period: "monthly" }), budget);
    assert.equal(attempts, 3);
    assert.ok(keys[0] && keys.every((k) => k === keys[0]), keys.join());
    assert.deepEqual(client.rateLimit, { limit: 60, remaining: 59, reset: 30 });
    attempts = 0;
    const error = await client
      .withOptions({ maxRetries: 0 })
      .budgets.create({ name: "n", amount: 1, period: "monthly" }, { idempotencyKey: "mine" })
      .catch((e) => e);
    assert.ok(error instanceof InternalServerError);
    assert.equal(error.requestId, "req_unavailable");
    assert.equal(keys.at(-1), "mine");
  } finally {
    await server.close();
  }
});

test("timeouts and connection errors", async () => {
  const server = await serve((req, res) => setTimeout(() => res.end("{}"), 300));
  try {
    const client = new MetaFinOps("k", { baseURL: server.url, maxRetries: 0 });
    const error = await client.costs.summary({}, { timeout: 20 }).catch((e) => e);
    assert.ok(error instanceof APITimeoutError && error instanceof APIConnectionError, String(error));
  } finally {
    await server.close();
  }
  const refused = await new MetaFinOps("k", { baseURL: server.url, maxRetries: 0 }).health.check().catch((e) => e);
  assert.ok(refused instanceof APIConnectionError && !(refused instanceof APITimeoutError), String(refused));
});

test("debug log names each request and never the key", async () => {
  const server = await serve((req, res) =>
    res.writeHead(200, { "X-Request-Id": "req_log" }).end(JSON.stringify({ status: "success", data: { status: "ok" }, meta: { request_id: "req_log" } })),
  );
  const written = [];
  const original = process.stderr.write;
  process.stderr.write = (chunk, ...rest) => (written.push(String(chunk)), true);
  const before = process.env.METAFINOPS_LOG;
  try {
    process.env.METAFINOPS_LOG = "debug";
    await new MetaFinOps("mfo_do_not_log_me", { baseURL: server.url }).health.check();
  } finally {
    process.stderr.write = original;
    if (before === undefined) delete process.env.METAFINOPS_LOG;
    else process.env.METAFINOPS_LOG = before;
    await server.close();
  }
  const log = written.join("");
  assert.match(log, /DEBUG GET \/v1\/health -> 200 \(request_id=req_log\)/);
  assert.ok(!log.includes("mfo_do_not_log_me"));
});

test("the key comes from METAFINOPS_API_KEY, else it is an error", () => {
  const before = { ...process.env };
  try {
    process.env.METAFINOPS_API_KEY = "mfo_env";
    process.env.METAFINOPS_BASE_URL = "http://127.0.0.1:9/v1/";
    const client = new MetaFinOps();
    assert.equal(client.apiKey, "mfo_env");
    assert.equal(client.baseURL, "http://127.0.0.1:9/v1");
    delete process.env.METAFINOPS_API_KEY;
    assert.throws(() => new MetaFinOps(), MetaFinOpsError);
  } finally {
    process.env = before;
  }
});
