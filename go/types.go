package metafinops

import (
	"encoding/json"
	"net/url"
	"strconv"
)

func itoa(n int) string { return strconv.Itoa(n) }

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// DateRange is the inclusive period a figure covers ("YYYY-MM-DD").
type DateRange struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// Health is GET /v1/health.
type Health struct {
	Status   string `json:"status"`
	Version  string `json:"version"`
	Database string `json:"database"`
}

// PeriodParams: Start and End are inclusive days ("YYYY-MM-DD"); each defaults to the current month's.
type PeriodParams struct {
	Start string
	End   string
}

func (p *PeriodParams) values() url.Values {
	v := url.Values{}
	if p == nil {
		return v
	}
	if p.Start != "" {
		v.Set("start", p.Start)
	}
	if p.End != "" {
		v.Set("end", p.End)
	}
	return v
}

// SummaryParams narrows a cost summary to a period and, optionally, one service, account or provider.
type SummaryParams struct {
	Start    string
	End      string
	Service  string
	Account  string
	Provider string
}

func (p *SummaryParams) values() url.Values {
	if p == nil {
		return url.Values{}
	}
	v := (&PeriodParams{p.Start, p.End}).values()
	for name, value := range map[string]string{"service": p.Service, "account": p.Account, "provider": p.Provider} {
		if value != "" {
			v.Set(name, value)
		}
	}
	return v
}

// ServiceCost is one service's cost in a summary.
type ServiceCost struct {
	Service string  `json:"service"`
	Cost    float64 `json:"cost"`
}

// CostSummary is GET /v1/costs/summary: total spend over a period, by service.
type CostSummary struct {
	Total    float64       `json:"total_cost"`
	Currency string        `json:"currency"`
	Period   DateRange     `json:"period"`
	Services []ServiceCost `json:"services"`
}

// ServiceCostShare is one service's cost and share of the total.
type ServiceCostShare struct {
	Service  string  `json:"service"`
	Provider *string `json:"provider"`
	Cost     float64 `json:"cost"`
	Percent  float64 `json:"percent"`
}

// CostsByService is GET /v1/costs/by-service.
type CostsByService struct {
	Currency string             `json:"currency"`
	Period   DateRange          `json:"period"`
	Services []ServiceCostShare `json:"services"`
}

// GPUInstanceUtilization is one GPU instance over a period.
type GPUInstanceUtilization struct {
	InstanceID         string   `json:"instance_id"`
	GPUModel           *string  `json:"gpu_model"`
	AverageUtilization float64  `json:"average_utilization"`
	AverageMemory      *float64 `json:"average_memory"`
	Hours              float64  `json:"hours"`
	Cost               float64  `json:"cost"`
}

// GPUUtilization is GET /v1/gpu/utilization.
type GPUUtilization struct {
	Period             DateRange                `json:"period"`
	AverageUtilization float64                  `json:"average_utilization"`
	Instances          []GPUInstanceUtilization `json:"instances"`
}

// GPUIdleParams: utilization below ThresholdPercent (server default 10) for at least
// MinMinutes (server default 60) over a period (default: the last 7 days).
type GPUIdleParams struct {
	ThresholdPercent float64
	MinMinutes       int
	Start            string
	End              string
}

func (p *GPUIdleParams) values() url.Values {
	if p == nil {
		return url.Values{}
	}
	v := (&PeriodParams{p.Start, p.End}).values()
	if p.ThresholdPercent > 0 {
		v.Set("threshold_percent", ftoa(p.ThresholdPercent))
	}
	if p.MinMinutes > 0 {
		v.Set("min_minutes", itoa(p.MinMinutes))
	}
	return v
}

// IdleGPUInstance is one idle GPU instance.
type IdleGPUInstance struct {
	InstanceID         string  `json:"instance_id"`
	GPUModel           *string `json:"gpu_model"`
	AverageUtilization float64 `json:"average_utilization"`
	IdleMinutes        float64 `json:"idle_minutes"`
	WastedCost         float64 `json:"wasted_cost"`
}

// GPUIdleReport is GET /v1/gpu/idle.
type GPUIdleReport struct {
	ThresholdPercent float64           `json:"threshold_percent"`
	MinMinutes       float64           `json:"min_minutes"`
	TotalWastedCost  float64           `json:"total_wasted_cost"`
	Currency         string            `json:"currency"`
	Instances        []IdleGPUInstance `json:"instances"`
}

// ModelTokenUsage is one model's token use.
type ModelTokenUsage struct {
	Provider     string `json:"provider"`
	Model        string `json:"model"`
	InputTokens  int64  `json:"input_tokens"`
	OutputTokens int64  `json:"output_tokens"`
	Requests     int64  `json:"requests"`
}

// TokenUsage is GET /v1/tokens/usage.
type TokenUsage struct {
	Period            DateRange         `json:"period"`
	TotalInputTokens  int64             `json:"total_input_tokens"`
	TotalOutputTokens int64             `json:"total_output_tokens"`
	Models            []ModelTokenUsage `json:"models"`
}

// ModelTokenCost is one model's token cost.
type ModelTokenCost struct {
	Provider        string   `json:"provider"`
	Model           string   `json:"model"`
	Cost            float64  `json:"cost"`
	CostPer1kTokens *float64 `json:"cost_per_1k_tokens"`
}

// TokenCost is GET /v1/tokens/cost.
type TokenCost struct {
	Period    DateRange        `json:"period"`
	Currency  string           `json:"currency"`
	TotalCost float64          `json:"total_cost"`
	Models    []ModelTokenCost `json:"models"`
}

// BudgetFilters say which spend counts against a budget.
type BudgetFilters struct {
	Services  []string          `json:"services,omitempty"`
	Accounts  []string          `json:"accounts,omitempty"`
	Providers []string          `json:"providers,omitempty"`
	Models    []string          `json:"models,omitempty"`
	Tags      map[string]string `json:"tags,omitempty"`
}

// BudgetThreshold alerts when spend ("actual") or the forecast ("forecasted") reaches Percent.
type BudgetThreshold struct {
	Percent float64 `json:"percent"`
	Basis   string  `json:"basis,omitempty"`
}

// Budget is a spending limit over a period (bud_…).
type Budget struct {
	ID         string            `json:"id"`
	Name       string            `json:"name"`
	Amount     float64           `json:"amount"`
	Currency   string            `json:"currency"`
	Period     string            `json:"period"`
	StartDate  *string           `json:"start_date"`
	Filters    *BudgetFilters    `json:"filters"`
	Thresholds []BudgetThreshold `json:"thresholds"`
	CreatedAt  string            `json:"created_at"`
	UpdatedAt  *string           `json:"updated_at"`
}

// BudgetCreateParams: Period is "monthly", "quarterly" or "annual"; Currency (ISO 4217,
// default USD) cannot change later; StartDate defaults to the first day of the current period.
type BudgetCreateParams struct {
	Name       string            `json:"name"`
	Amount     float64           `json:"amount"`
	Period     string            `json:"period"`
	Currency   string            `json:"currency,omitempty"`
	StartDate  string            `json:"start_date,omitempty"`
	Filters    *BudgetFilters    `json:"filters,omitempty"`
	Thresholds []BudgetThreshold `json:"thresholds,omitempty"`
}

// BudgetUpdateParams: nil fields stay as they are; Clear lists optional fields to set to null
// (e.g. "filters", "thresholds", "start_date"), as None does in Python and null in TypeScript.
type BudgetUpdateParams struct {
	Clear      []string           `json:"-"`
	Name       *string            `json:"name,omitempty"`
	Amount     *float64           `json:"amount,omitempty"`
	Period     *string            `json:"period,omitempty"`
	StartDate  *string            `json:"start_date,omitempty"`
	Filters    *BudgetFilters     `json:"filters,omitempty"`
	Thresholds *[]BudgetThreshold `json:"thresholds,omitempty"`
}

// BudgetAlert is a threshold a budget crossed (alr_…), once per rule per period.
type BudgetAlert struct {
	ID               string   `json:"id"`
	BudgetID         string   `json:"budget_id"`
	ThresholdPercent float64  `json:"threshold_percent"`
	Basis            string   `json:"basis"`
	PeriodStart      string   `json:"period_start"`
	PeriodEnd        string   `json:"period_end"`
	Spend            float64  `json:"spend"`
	Forecast         *float64 `json:"forecast"`
	Amount           float64  `json:"amount"`
	Currency         string   `json:"currency"`
	TriggeredAt      string   `json:"triggered_at"`
}

// AlertPolicyConditions: only those that fit the policy's type.
type AlertPolicyConditions struct {
	MinSeverity             *string  `json:"min_severity,omitempty"`
	MinImpact               *float64 `json:"min_impact,omitempty"`
	Services                []string `json:"services,omitempty"`
	Accounts                []string `json:"accounts,omitempty"`
	BudgetIDs               []string `json:"budget_ids,omitempty"`
	UtilizationBelowPercent *float64 `json:"utilization_below_percent,omitempty"`
	IdleMinutes             *int     `json:"idle_minutes,omitempty"`
	MaxDailyTokenCost       *float64 `json:"max_daily_token_cost,omitempty"`
}

// AlertPolicy is a detection rule (apol_…) and where it sends what it finds.
type AlertPolicy struct {
	ID                     string                `json:"id"`
	Name                   string                `json:"name"`
	Type                   string                `json:"type"`
	Enabled                bool                  `json:"enabled"`
	CooldownMinutes        int                   `json:"cooldown_minutes"`
	Conditions             AlertPolicyConditions `json:"conditions"`
	WebhookSubscriptionIDs []string              `json:"webhook_subscription_ids"`
	Emails                 []string              `json:"emails"`
	CreatedAt              string                `json:"created_at"`
	UpdatedAt              *string               `json:"updated_at"`
}

// AlertPolicyCreateParams: Type is cost_anomaly, gpu_idle, budget or token_spend (cannot change).
type AlertPolicyCreateParams struct {
	Name                   string                 `json:"name"`
	Type                   string                 `json:"type"`
	Enabled                *bool                  `json:"enabled,omitempty"`
	CooldownMinutes        *int                   `json:"cooldown_minutes,omitempty"`
	Conditions             *AlertPolicyConditions `json:"conditions,omitempty"`
	WebhookSubscriptionIDs []string               `json:"webhook_subscription_ids,omitempty"`
	Emails                 []string               `json:"emails,omitempty"`
}

// AlertPolicyUpdateParams: nil fields stay as they are; Clear lists optional fields to set to null
// (e.g. "conditions", "emails"), as None does in Python and null in TypeScript.
type AlertPolicyUpdateParams struct {
	Clear                  []string               `json:"-"`
	Name                   *string                `json:"name,omitempty"`
	Enabled                *bool                  `json:"enabled,omitempty"`
	CooldownMinutes        *int                   `json:"cooldown_minutes,omitempty"`
	Conditions             *AlertPolicyConditions `json:"conditions,omitempty"`
	WebhookSubscriptionIDs *[]string              `json:"webhook_subscription_ids,omitempty"`
	Emails                 *[]string              `json:"emails,omitempty"`
}

// WebhookSubscription is an endpoint that receives signed deliveries (whk_…). Secret is set
// only on the answers to Create and RotateSecret.
type WebhookSubscription struct {
	ID            string   `json:"id"`
	URL           string   `json:"url"`
	Events        []string `json:"events"`
	Description   *string  `json:"description"`
	Enabled       bool     `json:"enabled"`
	SecretVersion int      `json:"secret_version"`
	Secret        string   `json:"secret,omitempty"`
	CreatedAt     string   `json:"created_at"`
	UpdatedAt     *string  `json:"updated_at"`
}

// WebhookCreateParams: URL https (http only to loopback); Secret (>= 24 chars) generated when empty.
type WebhookCreateParams struct {
	URL         string   `json:"url"`
	Events      []string `json:"events"`
	Description *string  `json:"description,omitempty"`
	Enabled     *bool    `json:"enabled,omitempty"`
	Secret      string   `json:"secret,omitempty"`
}

// WebhookUpdateParams: nil fields stay as they are; Clear lists optional fields to set to null
// (e.g. "description"), as None does in Python and null in TypeScript.
type WebhookUpdateParams struct {
	Clear       []string  `json:"-"`
	URL         *string   `json:"url,omitempty"`
	Events      *[]string `json:"events,omitempty"`
	Description *string   `json:"description,omitempty"`
	Enabled     *bool     `json:"enabled,omitempty"`
}

// RotateSecretParams: OverlapSeconds the old secret keeps signing (server default 86400).
type RotateSecretParams struct {
	Secret         string `json:"secret,omitempty"`
	OverlapSeconds *int   `json:"overlap_seconds,omitempty"`
}

// DeliveryAttempt is one attempt of a webhook delivery.
type DeliveryAttempt struct {
	Number         int     `json:"number"`
	StartedAt      string  `json:"started_at"`
	DurationMS     *int    `json:"duration_ms"`
	ResponseStatus *int    `json:"response_status"`
	Error          *string `json:"error"`
}

// WebhookDelivery is one event sent (or being sent) to a subscription (dlv_…).
type WebhookDelivery struct {
	ID             string            `json:"id"`
	EventID        string            `json:"event_id"`
	Event          string            `json:"event"`
	Status         string            `json:"status"`
	Attempts       int               `json:"attempts"`
	ResponseStatus *int              `json:"response_status"`
	LastError      *string           `json:"last_error"`
	NextAttemptAt  *string           `json:"next_attempt_at"`
	CreatedAt      string            `json:"created_at"`
	DeliveredAt    *string           `json:"delivered_at"`
	AttemptLog     []DeliveryAttempt `json:"attempt_log"`
}

// Anomaly is a day on which a service cost markedly more than expected (ano_…).
type Anomaly struct {
	ID           string  `json:"id"`
	Date         string  `json:"date"`
	Service      string  `json:"service"`
	Account      *string `json:"account"`
	ExpectedCost float64 `json:"expected_cost"`
	ActualCost   float64 `json:"actual_cost"`
	Impact       float64 `json:"impact"`
	Severity     string  `json:"severity"`
	Method       *string `json:"method"`
}

// AnomalyListParams: a period (default: this month), MinSeverity, and paging.
type AnomalyListParams struct {
	Start         string
	End           string
	MinSeverity   string
	Limit         int
	StartingAfter string
}

func (p *AnomalyListParams) values() url.Values {
	if p == nil {
		return url.Values{}
	}
	v := (&ListParams{p.Limit, p.StartingAfter}).values()
	for name, values := range (&PeriodParams{p.Start, p.End}).values() {
		v[name] = values
	}
	if p.MinSeverity != "" {
		v.Set("min_severity", p.MinSeverity)
	}
	return v
}

// CarbonFootprint is GET /v1/carbon/footprint (kg CO2e).
type CarbonFootprint struct {
	Period      DateRange `json:"period"`
	TotalKgCO2e float64   `json:"total_kgco2e"`
	Services    []struct {
		Service string  `json:"service"`
		KgCO2e  float64 `json:"kgco2e"`
	} `json:"services"`
	Regions []struct {
		Region string  `json:"region"`
		KgCO2e float64 `json:"kgco2e"`
	} `json:"regions"`
}

// Recommendation is a way to save money (rec_…).
type Recommendation struct {
	ID                      string  `json:"id"`
	Type                    string  `json:"type"`
	Resource                *string `json:"resource"`
	Description             string  `json:"description"`
	EstimatedMonthlySavings float64 `json:"estimated_monthly_savings"`
	Currency                string  `json:"currency"`
}

// ReportGenerateParams: Format "json" (default) or "csv".
type ReportGenerateParams struct {
	Start  string `json:"start"`
	End    string `json:"end"`
	Format string `json:"format,omitempty"`
}

// Report is a generated cost report (rep_…).
type Report struct {
	ID          string    `json:"id"`
	Status      string    `json:"status"`
	Format      string    `json:"format"`
	Period      DateRange `json:"period"`
	DownloadURL string    `json:"download_url"`
	CreatedAt   string    `json:"created_at"`
}

// CostRecord is a FOCUS-style cost row to ingest.
type CostRecord struct {
	ChargePeriodStart string            `json:"charge_period_start"`
	ChargePeriodEnd   string            `json:"charge_period_end"`
	BilledCost        float64           `json:"billed_cost"`
	EffectiveCost     *float64          `json:"effective_cost,omitempty"`
	Currency          string            `json:"currency,omitempty"`
	Provider          string            `json:"provider"`
	Service           string            `json:"service"`
	SubAccount        string            `json:"sub_account"`
	Region            string            `json:"region"`
	ResourceID        string            `json:"resource_id,omitempty"`
	Tags              map[string]string `json:"tags,omitempty"`
}

// GPUMetricRecord is a GPU sample to ingest.
type GPUMetricRecord struct {
	InstanceID         string   `json:"instance_id"`
	GPUModel           string   `json:"gpu_model"`
	Account            string   `json:"account,omitempty"`
	Timestamp          string   `json:"timestamp"`
	UtilizationPercent float64  `json:"utilization_percent"`
	MemoryPercent      *float64 `json:"memory_percent,omitempty"`
	HourlyCost         float64  `json:"hourly_cost"`
}

// TokenUsageRecord is LLM token usage to ingest.
type TokenUsageRecord struct {
	Timestamp    string  `json:"timestamp"`
	Provider     string  `json:"provider"`
	Model        string  `json:"model"`
	InputTokens  int64   `json:"input_tokens"`
	OutputTokens int64   `json:"output_tokens"`
	Requests     int64   `json:"requests,omitempty"`
	Cost         float64 `json:"cost"`
}

// IngestResult is what one ingestion call stored.
type IngestResult struct {
	Ingested       int     `json:"ingested"`
	FirstTimestamp *string `json:"first_timestamp"`
	LastTimestamp  *string `json:"last_timestamp"`
}

// Deleted is the answer to a delete.
type Deleted struct {
	ID      string `json:"id"`
	Deleted bool   `json:"deleted"`
}

// MarshalJSON adds a null for each field named in Clear.
func (p BudgetUpdateParams) MarshalJSON() ([]byte, error) {
	type plain BudgetUpdateParams
	return withNulls(plain(p), p.Clear)
}

// MarshalJSON adds a null for each field named in Clear.
func (p AlertPolicyUpdateParams) MarshalJSON() ([]byte, error) {
	type plain AlertPolicyUpdateParams
	return withNulls(plain(p), p.Clear)
}

// MarshalJSON adds a null for each field named in Clear.
func (p WebhookUpdateParams) MarshalJSON() ([]byte, error) {
	type plain WebhookUpdateParams
	return withNulls(plain(p), p.Clear)
}

func withNulls(value any, clear []string) ([]byte, error) {
	raw, err := json.Marshal(value)
	if err != nil || len(clear) == 0 {
		return raw, err
	}
	fields := map[string]json.RawMessage{}
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, err
	}
	for _, name := range clear {
		fields[name] = json.RawMessage("null")
	}
	return json.Marshal(fields)
}
