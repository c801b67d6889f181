// The contract scenarios in Node: the same names as contract/test_python.py and go/contract_test.go
// (the list is `scenarios` in contract/vectors.json). Server scenarios need the servers that
// contract/conftest.py starts (./scripts/test runs this file through pytest); run alone, they
// skip, unless METAFINOPS_CONTRACT=required, when they fail.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import {
  APIStatusError,
  MetaFinOps,
  NotFoundError,
  RateLimitError,
  UnprocessableEntityError,
  WebhookVerificationError,
  retry,
  webhooks,
} from "../dist/esm/index.js";
import { statusErrorFromResponse } from "../dist/esm/errors.js";

const here = dirname(fileURLToPath(import.meta.url));
const env = process.env;
const vectors = JSON.parse(
  readFileSync(env.METAFINOPS_CONTRACT_VECTORS || join(here, "..", "..", "contract", "vectors.json"), "utf8"),
);
const required = env.METAFINOPS_CONTRACT === "required";
const haveServers = Boolean(env.METAFINOPS_CONTRACT_LIMITED_URL && env.METAFINOPS_BASE_URL);
if (required && !haveServers) throw new Error("METAFINOPS_CONTRACT=required but the contract servers are not in the environment");
const serverTest = (name, fn) =>
  test(name, { skip: haveServers ? false : "needs the contract servers: run ./scripts/test (contract/)" }, fn);

const unique = (prefix) => `contract-node-${prefix}-${Math.random().toString(16).slice(2, 12)}`;
const client = () => new MetaFinOps(env.METAFINOPS_API_KEY, { baseURL: env.METAFINOPS_BASE_URL });

serverTest("budget_crud", async () => {
  const sdk = client();
  const created = await sdk.budgets.create({
    name: unique("crud"),
    amount: 5000,
    period: "monthly",
    filters: { services: ["aws-ec2"], tags: { env: "prod" } },
    thresholds: [{ percent: 80 }, { percent: 100, basis: "forecasted" }],
  });
  assert.match(created.id, /^bud_/);
  assert.equal(created.currency, "USD");
  assert.deepEqual(created.thresholds.map((t) => [t.percent, t.basis]), [[80, "actual"], [100, "forecasted"]]);
  assert.deepEqual(await sdk.budgets.retrieve(created.id), created);
  const updated = await sdk.budgets.update(created.id, { amount: 6500.5 });
  assert.equal(updated.amount, 6500.5);
  assert.equal((await sdk.budgets.retrieve(created.id)).amount, 6500.5);
  assert.deepEqual(await sdk.budgets.delete(created.id), { id: created.id, deleted: true });
  await assert.rejects(sdk.budgets.retrieve(created.id), NotFoundError);
});

serverTest("budget_pagination", async () => {
  const sdk = client();
  const prefix = unique("page");
  const ids = [];
  for (let n = 0; n < 5; n++) ids.push((await sdk.budgets.create({ name: `${prefix}-${n}`, amount: 10 + n, period: "monthly" })).id);
  let pages = 0;
  for await (const page of (await sdk.budgets.list({ limit: 2 })).iterPages()) {
    assert.ok(page.data.length <= 2);
    pages++;
  }
  assert.ok(pages > 1);
  const walked = [];
  for await (const budget of sdk.budgets.list({ limit: 2 })) if (budget.name.startsWith(prefix)) walked.push(budget.id);
  assert.deepEqual(walked, ids);
});

serverTest("not_found", async () => {
  const error = await client().budgets.retrieve("bud_doesnotexist000000000000").catch((e) => e);
  assert.ok(error instanceof NotFoundError && error instanceof APIStatusError);
  assert.equal(error.status, 404);
  assert.equal(error.code, "not_found");
  assert.match(error.requestId, /^req_/);
});

serverTest("validation_error_details", async () => {
  const error = await client()
    .budgets.create({ name: unique("bad"), amount: 0, period: "monthly", thresholds: [{ percent: 2000 }] })
    .catch((e) => e);
  assert.ok(error instanceof UnprocessableEntityError);
  assert.equal(error.status, 422);
  assert.equal(error.code, "validation_error");
  const fields = new Set(error.details.map((d) => d.field));
  assert.ok(fields.has("amount") && fields.has("thresholds.0.percent"), [...fields].join(","));
  assert.match(error.requestId, /^req_/);
});

serverTest("rate_limit_retry_after", async () => {
  const url = env.METAFINOPS_CONTRACT_LIMITED_URL;
  const key = env.METAFINOPS_CONTRACT_LIMITED_KEY;
  const limit = Number(env.METAFINOPS_CONTRACT_LIMIT);
  const impatient = new MetaFinOps(key, { baseURL: url, maxRetries: 0 });
  let error;
  for (let n = 0; n < limit + 2 && !error; n++) error = await impatient.budgets.list({ limit: 1 }).then(() => undefined, (e) => e);
  assert.ok(error instanceof RateLimitError, String(error));
  assert.equal(error.status, 429);
  assert.equal(error.code, "rate_limited");
  assert.ok(error.retryAfter > 0 && error.retryAfter <= Number(env.METAFINOPS_CONTRACT_WINDOW));
  const statuses = [];
  const counting = async (input, init) => {
    const response = await fetch(input, init);
    statuses.push(response.status);
    return response;
  };
  const patient = new MetaFinOps(key, { baseURL: url, fetch: counting });
  for (let n = 0; n < limit + 1; n++) await patient.budgets.list({ limit: 1 });
  assert.equal(patient.rateLimit.limit, limit);
  assert.ok(statuses.includes(429), statuses.join(","));
  assert.equal(statuses.filter((s) => s === 200).length, limit + 1);
});

serverTest("idempotent_create_lost_response", async () => {
  const name = unique("idem");
  const keys = [];
  const recording = async (input, init) => {
    keys.push(new Headers(init.headers).get("idempotency-key"));
    return fetch(input, init);
  };
  const throughProxy = new MetaFinOps(env.METAFINOPS_API_KEY, { baseURL: env.METAFINOPS_CONTRACT_LOSSY_URL, fetch: recording });
  const created = await throughProxy.budgets.create({ name, amount: 42, period: "monthly" });
  assert.ok(keys.length >= 2 && new Set(keys).size === 1, `one key reused on the retry: ${keys}`);
  const sameName = [];
  for await (const budget of client().budgets.list({ limit: 100 })) if (budget.name === name) sameName.push(budget.id);
  assert.deepEqual(sameName, [created.id]);
});

serverTest("cost_summary", async () => {
  const { start, end } = vectors.cost_summary;
  const costs = await client().costs.summary({ start, end });
  assert.ok(costs.total > 0);
  assert.equal(costs.total, costs.total_cost);
  assert.equal(costs.currency, "USD");
  assert.deepEqual(costs.period, { start, end });
  assert.ok(Math.abs(costs.services.reduce((sum, s) => sum + s.cost, 0) - costs.total) < 0.05);
});

test("webhook_vectors", () => {
  for (const vector of vectors.webhooks) {
    const options = {};
    if ("timestamp_offset" in vector) {
      options.timestamp = String(Math.trunc(Date.now() / 1000) + vector.timestamp_offset);
      options.tolerance = vector.tolerance;
    }
    let valid = true;
    try {
      webhooks.verify(Buffer.from(vector.body, "utf8"), vector.header, vector.secret, options);
    } catch (error) {
      assert.ok(error instanceof WebhookVerificationError, vector.name);
      valid = false;
    }
    assert.equal(valid, vector.valid, vector.name);
    if (vector.valid && !vector.header.includes(",") && vector.header === vector.header.toLowerCase()) {
      assert.equal(webhooks.sign(vector.body, vector.secret), vector.header, vector.name);
    }
  }
});

test("error_envelopes", () => {
  for (const vector of vectors.errors) {
    const error = statusErrorFromResponse(vector.status, new Headers(vector.headers), vector.body);
    assert.equal(error.constructor.name, vector.kind, vector.name);
    assert.equal(error.status, vector.status, vector.name);
    assert.equal(error.code, vector.code, vector.name);
    assert.equal(error.requestId, vector.request_id, vector.name);
    assert.deepEqual(error.details.map((d) => d.field), vector.fields, vector.name);
    assert.equal(retry.isRetryableStatus(error.status, error.code), vector.retryable, vector.name);
    if ("retry_after" in vector) assert.equal(error.retryAfter, vector.retry_after, vector.name);
  }
  for (const c of vectors.retry_after) assert.equal(retry.retryDelay(c.retries_taken, c.header), c.seconds, c.header);
});

serverTest("openapi_coverage", async () => {
  const operations = await openapiOperations(env.METAFINOPS_BASE_URL);
  const seen = [];
  const recording = async (input, init) => {
    seen.push([init.method, new URL(input).pathname.replace(/^\/v1/, "")]);
    throw new Error("recorded");
  };
  const sdk = new MetaFinOps("key", { baseURL: "http://sdk.test/v1", fetch: recording, maxRetries: 0 });
  const calls = [
    () => sdk.health.check(),
    () => sdk.costs.summary(),
    () => sdk.costs.byService(),
    () => sdk.gpu.utilization(),
    () => sdk.gpu.idle(),
    () => sdk.tokens.usage(),
    () => sdk.tokens.cost(),
    () => sdk.budgets.create({ name: "n", amount: 1, period: "monthly" }),
    () => sdk.budgets.list(),
    () => sdk.budgets.retrieve("bud_x"),
    () => sdk.budgets.update("bud_x", { name: "n" }),
    () => sdk.budgets.delete("bud_x"),
    () => sdk.budgets.alerts("bud_x"),
    () => sdk.alertPolicies.create({ name: "n", type: "budget" }),
    () => sdk.alertPolicies.list(),
    () => sdk.alertPolicies.retrieve("apol_x"),
    () => sdk.alertPolicies.update("apol_x", { name: "n" }),
    () => sdk.alertPolicies.delete("apol_x"),
    () => sdk.webhooks.create({ url: "https://hooks.test/x", events: ["report.generated"] }),
    () => sdk.webhooks.list(),
    () => sdk.webhooks.retrieve("whk_x"),
    () => sdk.webhooks.update("whk_x", { enabled: false }),
    () => sdk.webhooks.delete("whk_x"),
    () => sdk.webhooks.rotateSecret("whk_x"),
    () => sdk.webhooks.deliveries("whk_x"),
    () => sdk.anomalies.list(),
    () => sdk.carbon.footprint(),
    () => sdk.recommendations.list(),
    () => sdk.reports.generate({ start: "2026-03-01", end: "2026-03-31" }),
    () => sdk.reports.download("rep_x"),
    () => sdk.ingest.costs([]),
    () => sdk.ingest.gpuMetrics([]),
    () => sdk.ingest.tokenUsage([]),
  ];
  for (const call of calls) await assert.rejects(Promise.resolve(call()));
  const missing = operations.filter(([method, template]) => {
    const pattern = new RegExp("^" + template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^/]+?\}/g, "[^/]+") + "$");
    return !seen.some(([m, path]) => m === method && pattern.test(path));
  });
  assert.deepEqual(missing, [], "operations in /v1/openapi.json the Node SDK does not call");
});

/** [method, path relative to /v1] of every operation, with or without `servers: [{url: "/v1"}]`. */
async function openapiOperations(baseURL) {
  const document = await (await fetch(`${baseURL}/openapi.json`)).json();
  const server = document.servers?.[0]?.url ?? "";
  const prefix = new URL(server, "http://base.test").pathname.replace(/\/+$/, "");
  const operations = [];
  for (const [path, item] of Object.entries(document.paths)) {
    const full = (prefix + path).replace(/^\/v1/, "");
    for (const method of ["get", "put", "post", "patch", "delete"]) if (item[method]) operations.push([method.toUpperCase(), full]);
  }
  return operations;
}
