/** The client's resource namespaces: `client.budgets`, `client.costs` … one class each. */

import { type ClientCore, type Operation, type RequestOptions, dateParam, pathParam } from "./core.js";
import { PagePromise } from "./pagination.js";
import type * as T from "./types.js";

abstract class Resource {
  constructor(protected readonly client: ClientCore) {}

  protected async call<R>(operation: Operation, options?: RequestOptions): Promise<R> {
    return (await this.client.send(operation, options ?? {})).data as R;
  }

  protected page<R>(path: string, query: object | undefined, options?: RequestOptions): PagePromise<R> {
    return new PagePromise<R>(this.client, { method: "GET", path, query: periodQuery(query) }, options ?? {});
  }
}

function periodQuery(params: object | undefined): Record<string, unknown> {
  const query: Record<string, unknown> = { ...(params ?? {}) };
  for (const key of ["start", "end"]) {
    if (key in query) query[key] = dateParam(query[key] as T.DateLike | undefined);
  }
  return query;
}

function get(path: string, params?: object): Operation {
  return { method: "GET", path, query: periodQuery(params) };
}

export class Health extends Resource {
  /** Is the server up and its database reachable? */
  check(options?: RequestOptions): Promise<T.Health> {
    return this.call(get("/health"), options);
  }
}

/** Spend from ingested cost data; `start`/`end` are inclusive days, default the current month. */
export class Costs extends Resource {
  /** Total cost over a period, by service; narrowed to one service, account or provider if given. */
  async summary(params: T.SummaryParams = {}, options?: RequestOptions): Promise<T.CostSummary> {
    const data = await this.call<Omit<T.CostSummary, "total">>(get("/costs/summary", params), options);
    return { ...data, total: data.total_cost };
  }

  /** Each service's cost and share of the total over a period. */
  byService(params: T.PeriodParams = {}, options?: RequestOptions): Promise<T.CostsByService> {
    return this.call(get("/costs/by-service", params), options);
  }
}

export class Gpu extends Resource {
  /** Average utilization, memory, hours and cost per GPU instance over a period. */
  utilization(params: T.PeriodParams = {}, options?: RequestOptions): Promise<T.GpuUtilization> {
    return this.call(get("/gpu/utilization", params), options);
  }

  /** Instances idle below `threshold_percent` for at least `min_minutes`, and what they cost. */
  idle(params: T.GpuIdleParams = {}, options?: RequestOptions): Promise<T.GpuIdleReport> {
    return this.call(get("/gpu/idle", params), options);
  }
}

export class Tokens extends Resource {
  /** Input and output tokens and requests per model and provider. */
  usage(params: T.PeriodParams = {}, options?: RequestOptions): Promise<T.TokenUsage> {
    return this.call(get("/tokens/usage", params), options);
  }

  /** Token cost per model and provider, with the cost per 1,000 tokens. */
  cost(params: T.PeriodParams = {}, options?: RequestOptions): Promise<T.TokenCost> {
    return this.call(get("/tokens/cost", params), options);
  }
}

/** Spending limits over a period, with threshold alerts (`bud_…`). */
export class Budgets extends Resource {
  create(params: T.BudgetCreateParams, options?: RequestOptions): Promise<T.Budget> {
    return this.call({ method: "POST", path: "/budgets", body: params }, options);
  }

  retrieve(budgetId: string, options?: RequestOptions): Promise<T.Budget> {
    return this.call(get(`/budgets/${pathParam("budgetId", budgetId)}`), options);
  }

  /** All budgets, oldest first: `for await (const b of client.budgets.list())`. */
  list(params: T.ListParams = {}, options?: RequestOptions): PagePromise<T.Budget> {
    return this.page("/budgets", params, options);
  }

  update(budgetId: string, params: T.BudgetUpdateParams, options?: RequestOptions): Promise<T.Budget> {
    return this.call({ method: "PATCH", path: `/budgets/${pathParam("budgetId", budgetId)}`, body: params }, options);
  }

  delete(budgetId: string, options?: RequestOptions): Promise<T.Deleted> {
    return this.call({ method: "DELETE", path: `/budgets/${pathParam("budgetId", budgetId)}` }, options);
  }

  /** The thresholds this budget has crossed, oldest first. */
  alerts(budgetId: string, params: T.ListParams = {}, options?: RequestOptions): PagePromise<T.BudgetAlert> {
    return this.page(`/budgets/${pathParam("budgetId", budgetId)}/alerts`, params, options);
  }
}

/** Detection rules and where they route what they find (`apol_…`). */
export class AlertPolicies extends Resource {
  create(params: T.AlertPolicyCreateParams, options?: RequestOptions): Promise<T.AlertPolicy> {
    return this.call({ method: "POST", path: "/alert-policies", body: params }, options);
  }

  retrieve(policyId: string, options?: RequestOptions): Promise<T.AlertPolicy> {
    return this.call(get(`/alert-policies/${pathParam("policyId", policyId)}`), options);
  }

  list(params: T.ListParams = {}, options?: RequestOptions): PagePromise<T.AlertPolicy> {
    return this.page("/alert-policies", params, options);
  }

  update(policyId: string, params: T.AlertPolicyUpdateParams, options?: RequestOptions): Promise<T.AlertPolicy> {
    return this.call({ method: "PATCH", path: `/alert-policies/${pathParam("policyId", policyId)}`, body: params }, options);
  }

  delete(policyId: string, options?: RequestOptions): Promise<T.Deleted> {
    return this.call({ method: "DELETE", path: `/alert-policies/${pathParam("policyId", policyId)}` }, options);
  }
}

/** Webhook subscriptions (`whk_…`); to check a delivery's signature see `webhooks.verify`. */
export class Webhooks extends Resource {
  /** The answer alone carries the signing `secret`: store it now. */
  create(params: T.WebhookCreateParams, options?: RequestOptions): Promise<T.WebhookSubscription> {
    return this.call({ method: "POST", path: "/webhooks", body: params, secrets: secretOf(params) }, options);
  }

  retrieve(webhookId: string, options?: RequestOptions): Promise<T.WebhookSubscription> {
    return this.call(get(`/webhooks/${pathParam("webhookId", webhookId)}`), options);
  }

  list(params: T.ListParams = {}, options?: RequestOptions): PagePromise<T.WebhookSubscription> {
    return this.page("/webhooks", params, options);
  }

  update(webhookId: string, params: T.WebhookUpdateParams, options?: RequestOptions): Promise<T.WebhookSubscription> {
    return this.call({ method: "PATCH", path: `/webhooks/${pathParam("webhookId", webhookId)}`, body: params }, options);
  }

  delete(webhookId: string, options?: RequestOptions): Promise<T.Deleted> {
    return this.call({ method: "DELETE", path: `/webhooks/${pathParam("webhookId", webhookId)}` }, options);
  }

  /** Switch to a new signing secret; the old one keeps signing for `overlap_seconds`. */
  rotateSecret(webhookId: string, params: T.RotateSecretParams = {}, options?: RequestOptions): Promise<T.WebhookSubscription> {
    const path = `/webhooks/${pathParam("webhookId", webhookId)}/rotate-secret`;
    return this.call({ method: "POST", path, body: params, secrets: secretOf(params) }, options);
  }

  /** This subscription's deliveries, oldest first. */
  deliveries(webhookId: string, params: T.ListParams = {}, options?: RequestOptions): PagePromise<T.WebhookDelivery> {
    return this.page(`/webhooks/${pathParam("webhookId", webhookId)}/deliveries`, params, options);
  }
}

function secretOf(params: { secret?: string }): string[] {
  return params.secret ? [params.secret] : [];
}

export class Anomalies extends Resource {
  /** Anomalies over a period (default: this month) of at least `min_severity`. */
  list(params: T.AnomalyListParams = {}, options?: RequestOptions): PagePromise<T.Anomaly> {
    return this.page("/anomalies", params, options);
  }
}

export class Carbon extends Resource {
  /** kg CO2e in total, by service and by region, over a period. */
  footprint(params: T.PeriodParams = {}, options?: RequestOptions): Promise<T.CarbonFootprint> {
    return this.call(get("/carbon/footprint", params), options);
  }
}

export class Recommendations extends Resource {
  /** Every current recommendation, largest saving first. */
  list(params: T.ListParams = {}, options?: RequestOptions): PagePromise<T.Recommendation> {
    return this.page("/recommendations", params, options);
  }
}

export class Reports extends Resource {
  /** Generate a report of the period; fetch it with `download`. */
  generate(params: T.ReportGenerateParams, options?: RequestOptions): Promise<T.Report> {
    const body = { ...params, start: dateParam(params.start), end: dateParam(params.end) };
    return this.call({ method: "POST", path: "/reports/generate", body }, options);
  }

  /** The report's file (JSON or CSV text), as rendered when generated. */
  download(reportId: string, options?: RequestOptions): Promise<string> {
    return this.call({ method: "GET", path: `/reports/${pathParam("reportId", reportId)}/download`, enveloped: false }, options);
  }
}

/** Add data; a call's records (up to 10,000) are stored all together or not at all. */
export class Ingest extends Resource {
  costs(records: T.CostRecord[], options?: RequestOptions): Promise<T.IngestResult> {
    return this.call({ method: "POST", path: "/ingest/costs", body: { records } }, options);
  }

  gpuMetrics(records: T.GpuMetricRecord[], options?: RequestOptions): Promise<T.IngestResult> {
    return this.call({ method: "POST", path: "/ingest/gpu-metrics", body: { records } }, options);
  }

  tokenUsage(records: T.TokenUsageRecord[], options?: RequestOptions): Promise<T.IngestResult> {
    return this.call({ method: "POST", path: "/ingest/token-usage", body: { records } }, options);
  }
}
