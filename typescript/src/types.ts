/** The API's objects and request parameters. Field names are the API's (snake_case). */

/** A calendar day, `"YYYY-MM-DD"` (or a `Date`, sent as its UTC day). */
export type DateLike = string | Date;

export type BudgetPeriod = "monthly" | "quarterly" | "annual";
export type ThresholdBasis = "actual" | "forecasted";
export type AlertPolicyType = "cost_anomaly" | "gpu_idle" | "budget" | "token_spend";
export type Severity = "low" | "medium" | "high" | "critical";
export type EventType = "cost.anomaly.detected" | "budget.threshold.reached" | "gpu.idle.detected" | "report.generated";

/** The inclusive period a figure covers. */
export interface DateRange {
  start: string;
  end: string;
}

export interface Health {
  status: string;
  version: string;
  database: string;
}

// --- costs ------------------------------------------------------------------------------

export interface ServiceCost {
  service: string;
  cost: number;
}

/** `GET /v1/costs/summary`: total spend over a period, by service. */
export interface CostSummary {
  total_cost: number;
  /** The same as `total_cost`. */
  total: number;
  currency: string;
  period: DateRange;
  services: ServiceCost[];
}

export interface ServiceCostShare {
  service: string;
  provider: string | null;
  cost: number;
  percent: number;
}

export interface CostsByService {
  currency: string;
  period: DateRange;
  services: ServiceCostShare[];
}

/** Start and end days (inclusive); each defaults to the current month's. */
export interface PeriodParams {
  start?: DateLike;
  end?: DateLike;
}

export interface SummaryParams extends PeriodParams {
  service?: string;
  account?: string;
  provider?: string;
}

// --- GPU --------------------------------------------------------------------------------

export interface GpuInstanceUtilization {
  instance_id: string;
  gpu_model: string | null;
  average_utilization: number;
  average_memory: number | null;
  hours: number;
  cost: number;
}

export interface GpuUtilization {
  period: DateRange;
  average_utilization: number;
  instances: GpuInstanceUtilization[];
}

export interface IdleGpuInstance {
  instance_id: string;
  gpu_model: string | null;
  average_utilization: number;
  idle_minutes: number;
  wasted_cost: number;
}

export interface GpuIdleReport {
  threshold_percent: number;
  min_minutes: number;
  total_wasted_cost: number;
  currency: string;
  instances: IdleGpuInstance[];
}

export interface GpuIdleParams extends PeriodParams {
  /** Utilization below this percent counts as idle (server default 10). */
  threshold_percent?: number;
  /** Minimum idle run (server default 60). */
  min_minutes?: number;
}

// --- tokens -----------------------------------------------------------------------------

export interface ModelTokenUsage {
  provider: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  requests: number;
}

export interface TokenUsage {
  period: DateRange;
  total_input_tokens: number;
  total_output_tokens: number;
  models: ModelTokenUsage[];
}

export interface ModelTokenCost {
  provider: string;
  model: string;
  cost: number;
  cost_per_1k_tokens: number | null;
}

export interface TokenCost {
  period: DateRange;
  currency: string;
  total_cost: number;
  models: ModelTokenCost[];
}

// --- budgets ----------------------------------------------------------------------------

export interface BudgetFilters {
  services: string[];
  accounts: string[];
  providers: string[];
  models: string[];
  tags: Record<string, string>;
}

export interface BudgetThreshold {
  percent: number;
  basis: ThresholdBasis;
}

/** A spending limit over a period (`bud_…`). */
export interface Budget {
  id: string;
  name: string;
  amount: number;
  currency: string;
  period: BudgetPeriod;
  start_date: string | null;
  filters: BudgetFilters | null;
  thresholds: BudgetThreshold[];
  created_at: string;
  updated_at: string | null;
}

export interface BudgetFiltersParam {
  services?: string[];
  accounts?: string[];
  providers?: string[];
  models?: string[];
  tags?: Record<string, string>;
}

export interface BudgetThresholdParam {
  percent: number;
  basis?: ThresholdBasis;
}

export interface BudgetCreateParams {
  name: string;
  /** > 0, in `currency`. */
  amount: number;
  period: BudgetPeriod;
  /** ISO 4217, default `"USD"`; cannot change later. */
  currency?: string;
  /** Default: the first day of the current period. */
  start_date?: DateLike | null;
  filters?: BudgetFiltersParam | null;
  thresholds?: BudgetThresholdParam[] | null;
}

/** Fields left out stay as they are; `null` clears an optional one. */
export interface BudgetUpdateParams {
  name?: string;
  amount?: number;
  period?: BudgetPeriod;
  start_date?: DateLike | null;
  filters?: BudgetFiltersParam | null;
  thresholds?: BudgetThresholdParam[] | null;
}

/** A threshold a budget crossed (`alr_…`), once per rule per period. */
export interface BudgetAlert {
  id: string;
  budget_id: string;
  threshold_percent: number;
  basis: ThresholdBasis;
  period_start: string;
  period_end: string;
  spend: number;
  forecast: number | null;
  amount: number;
  currency: string;
  triggered_at: string;
}

// --- alert policies ---------------------------------------------------------------------

export interface AlertPolicyConditions {
  min_severity: Severity | null;
  min_impact: number | null;
  services: string[] | null;
  accounts: string[] | null;
  budget_ids: string[] | null;
  utilization_below_percent: number | null;
  idle_minutes: number | null;
  max_daily_token_cost: number | null;
}

/** A detection rule (`apol_…`) and where it sends what it finds. */
export interface AlertPolicy {
  id: string;
  name: string;
  type: AlertPolicyType;
  enabled: boolean;
  cooldown_minutes: number;
  conditions: AlertPolicyConditions;
  webhook_subscription_ids: string[];
  emails: string[];
  created_at: string;
  updated_at: string | null;
}

/** Only the conditions that fit the policy's type. */
export type AlertPolicyConditionsParam = Partial<AlertPolicyConditions>;

export interface AlertPolicyCreateParams {
  name: string;
  /** Cannot change later. */
  type: AlertPolicyType;
  enabled?: boolean;
  cooldown_minutes?: number;
  conditions?: AlertPolicyConditionsParam | null;
  webhook_subscription_ids?: string[] | null;
  emails?: string[] | null;
}

export interface AlertPolicyUpdateParams {
  name?: string;
  enabled?: boolean;
  cooldown_minutes?: number;
  conditions?: AlertPolicyConditionsParam | null;
  webhook_subscription_ids?: string[] | null;
  emails?: string[] | null;
}

// --- webhooks ---------------------------------------------------------------------------

/** An endpoint that receives signed event deliveries (`whk_…`). */
export interface WebhookSubscription {
  id: string;
  url: string;
  events: EventType[];
  description: string | null;
  enabled: boolean;
  secret_version: number;
  /** Only on the answers to `create` and `rotateSecret`: store it then. */
  secret?: string;
  created_at: string;
  updated_at: string | null;
}

export interface WebhookCreateParams {
  /** https; http only to loopback. */
  url: string;
  events: EventType[];
  description?: string | null;
  enabled?: boolean;
  /** At least 24 characters; generated (`whsec_…`) when left out. */
  secret?: string;
}

export interface WebhookUpdateParams {
  url?: string;
  events?: EventType[];
  description?: string | null;
  enabled?: boolean;
}

export interface RotateSecretParams {
  secret?: string;
  /** Seconds the old secret keeps signing (server default 86400). */
  overlap_seconds?: number;
}

export interface DeliveryAttempt {
  number: number;
  started_at: string;
  duration_ms: number | null;
  response_status: number | null;
  error: string | null;
}

/** One event sent (or being sent) to a subscription (`dlv_…`). */
export interface WebhookDelivery {
  id: string;
  event_id: string;
  event: EventType;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  response_status: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  created_at: string;
  delivered_at: string | null;
  attempt_log: DeliveryAttempt[];
}

// --- anomalies, carbon, recommendations, reports -----------------------------------------

/** A day on which a service cost markedly more than expected (`ano_…`). */
export interface Anomaly {
  id: string;
  date: string;
  service: string;
  account: string | null;
  expected_cost: number;
  actual_cost: number;
  impact: number;
  severity: Severity;
  method: string | null;
}

export interface AnomalyListParams extends PeriodParams, ListParams {
  min_severity?: Severity;
}

export interface CarbonFootprint {
  period: DateRange;
  total_kgco2e: number;
  services: { service: string; kgco2e: number }[];
  regions: { region: string; kgco2e: number }[];
}

export interface Recommendation {
  id: string;
  type: "idle_gpu" | "rightsizing" | "model_switch";
  resource: string | null;
  description: string;
  estimated_monthly_savings: number;
  currency: string;
}

export interface ReportGenerateParams {
  start: DateLike;
  end: DateLike;
  format?: "json" | "csv";
}

/** A generated cost report (`rep_…`). */
export interface Report {
  id: string;
  status: string;
  format: "json" | "csv";
  period: DateRange;
  download_url: string;
  created_at: string;
}

// --- ingestion --------------------------------------------------------------------------

export interface CostRecord {
  charge_period_start: string;
  charge_period_end: string;
  billed_cost: number;
  effective_cost?: number;
  currency?: string;
  provider: string;
  service: string;
  sub_account: string;
  region: string;
  resource_id?: string | null;
  tags?: Record<string, string> | null;
}

export interface GpuMetricRecord {
  instance_id: string;
  gpu_model: string;
  account?: string;
  timestamp: string;
  utilization_percent: number;
  memory_percent?: number;
  hourly_cost: number;
}

export interface TokenUsageRecord {
  timestamp: string;
  provider: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  requests?: number;
  cost: number;
}

export interface IngestResult {
  ingested: number;
  first_timestamp: string | null;
  last_timestamp: string | null;
}

// --- lists ------------------------------------------------------------------------------

export interface ListParams {
  /** 1–100 per page (server default 20). */
  limit?: number;
  /** The id after which the page starts (the previous page's `next_cursor`). */
  starting_after?: string;
}

export interface Deleted {
  id: string;
  deleted: boolean;
}
