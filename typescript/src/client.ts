import { ClientCore, type ClientOptions } from "./core.js";
import {
  AlertPolicies,
  Anomalies,
  Budgets,
  Carbon,
  Costs,
  Gpu,
  Health,
  Ingest,
  Recommendations,
  Reports,
  Tokens,
  Webhooks,
} from "./resources.js";

/**
 * The MetaFinOps API.
 *
 *     import { MetaFinOps } from "@metafinops/sdk";
 *     const client = new MetaFinOps("YOUR_API_KEY"); // or METAFINOPS_API_KEY; base URL from METAFINOPS_BASE_URL
 *     const costs = await client.costs.summary({ start: "2026-03-01", end: "2026-03-31" });
 *     console.log(costs.total);
 */
export class MetaFinOps extends ClientCore {
  health!: Health;
  /** Spend over a period: `summary`, `byService`. */
  costs!: Costs;
  /** GPU `utilization` and `idle` instances. */
  gpu!: Gpu;
  /** LLM token `usage` and `cost`. */
  tokens!: Tokens;
  /** Budgets: create, retrieve, list, update, delete, alerts. */
  budgets!: Budgets;
  /** Alert policies: create, retrieve, list, update, delete. */
  alertPolicies!: AlertPolicies;
  /** Webhook subscriptions: create, retrieve, list, update, delete, rotateSecret, deliveries. */
  webhooks!: Webhooks;
  /** Detected cost anomalies. */
  anomalies!: Anomalies;
  /** Cost reports: generate, download. */
  reports!: Reports;
  /** Carbon `footprint`. */
  carbon!: Carbon;
  /** Cost optimization recommendations. */
  recommendations!: Recommendations;
  /** Add data: `costs`, `gpuMetrics`, `tokenUsage`. */
  ingest!: Ingest;

  constructor(apiKey?: string, options?: ClientOptions);
  constructor(options?: ClientOptions);
  constructor(apiKeyOrOptions?: string | ClientOptions, options: ClientOptions = {}) {
    super(apiKeyOrOptions, options);
    this.attach();
  }

  /** A client like this one with other options (timeout, maxRetries, defaultHeaders …). */
  withOptions(options: Omit<ClientOptions, "apiKey" | "baseURL">): MetaFinOps {
    const copy = this.cloneWith(options);
    copy.attach();
    return copy;
  }

  private attach(): void {
    this.health = new Health(this);
    this.costs = new Costs(this);
    this.gpu = new Gpu(this);
    this.tokens = new Tokens(this);
    this.budgets = new Budgets(this);
    this.alertPolicies = new AlertPolicies(this);
    this.webhooks = new Webhooks(this);
    this.anomalies = new Anomalies(this);
    this.reports = new Reports(this);
    this.carbon = new Carbon(this);
    this.recommendations = new Recommendations(this);
    this.ingest = new Ingest(this);
  }
}

export default MetaFinOps;
