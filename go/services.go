// The API's endpoints: each is a method, a ...Context variant taking a context first, and
// for lists an ...All iterator over every page. The contract suite checks they cover the OpenAPI.

package metafinops

import (
	"context"
	"iter"
	"net/url"
)

// HealthService: Whether the API is up.
type HealthService struct{ client *Client }

// Check — The server's status, version and database reachability.
func (s *HealthService) Check(opts ...RequestOption) (*Health, error) {
	return s.CheckContext(context.Background(), opts...)
}

// CheckContext is Check with a context.
func (s *HealthService) CheckContext(ctx context.Context, opts ...RequestOption) (*Health, error) {
	return call[Health](ctx, s.client, operation{method: "GET", path: "/health"}, opts)
}

// CostsService: Spend from ingested cost data.
type CostsService struct{ client *Client }

// Summary — Total cost over a period, by service; narrowed to one service, account or provider if given.
func (s *CostsService) Summary(params *SummaryParams, opts ...RequestOption) (*CostSummary, error) {
	return s.SummaryContext(context.Background(), params, opts...)
}

// SummaryContext is Summary with a context.
func (s *CostsService) SummaryContext(ctx context.Context, params *SummaryParams, opts ...RequestOption) (*CostSummary, error) {
	return call[CostSummary](ctx, s.client, operation{method: "GET", path: "/costs/summary", query: params.values()}, opts)
}

// ByService — Each service's cost and share of the total over a period.
func (s *CostsService) ByService(params *PeriodParams, opts ...RequestOption) (*CostsByService, error) {
	return s.ByServiceContext(context.Background(), params, opts...)
}

// ByServiceContext is ByService with a context.
func (s *CostsService) ByServiceContext(ctx context.Context, params *PeriodParams, opts ...RequestOption) (*CostsByService, error) {
	return call[CostsByService](ctx, s.client, operation{method: "GET", path: "/costs/by-service", query: params.values()}, opts)
}

// GPUService: GPU metrics from ingested samples.
type GPUService struct{ client *Client }

// Utilization — Average utilization, memory, hours and cost per GPU instance over a period.
func (s *GPUService) Utilization(params *PeriodParams, opts ...RequestOption) (*GPUUtilization, error) {
	return s.UtilizationContext(context.Background(), params, opts...)
}

// UtilizationContext is Utilization with a context.
func (s *GPUService) UtilizationContext(ctx context.Context, params *PeriodParams, opts ...RequestOption) (*GPUUtilization, error) {
	return call[GPUUtilization](ctx, s.client, operation{method: "GET", path: "/gpu/utilization", query: params.values()}, opts)
}

// Idle — Instances idle below a utilization threshold for a while, and what they cost.
func (s *GPUService) Idle(params *GPUIdleParams, opts ...RequestOption) (*GPUIdleReport, error) {
	return s.IdleContext(context.Background(), params, opts...)
}

// IdleContext is Idle with a context.
func (s *GPUService) IdleContext(ctx context.Context, params *GPUIdleParams, opts ...RequestOption) (*GPUIdleReport, error) {
	return call[GPUIdleReport](ctx, s.client, operation{method: "GET", path: "/gpu/idle", query: params.values()}, opts)
}

// TokensService: LLM token analytics.
type TokensService struct{ client *Client }

// Usage — Input and output tokens and requests per model and provider.
func (s *TokensService) Usage(params *PeriodParams, opts ...RequestOption) (*TokenUsage, error) {
	return s.UsageContext(context.Background(), params, opts...)
}

// UsageContext is Usage with a context.
func (s *TokensService) UsageContext(ctx context.Context, params *PeriodParams, opts ...RequestOption) (*TokenUsage, error) {
	return call[TokenUsage](ctx, s.client, operation{method: "GET", path: "/tokens/usage", query: params.values()}, opts)
}

// Cost — Token cost per model and provider.
func (s *TokensService) Cost(params *PeriodParams, opts ...RequestOption) (*TokenCost, error) {
	return s.CostContext(context.Background(), params, opts...)
}

// CostContext is Cost with a context.
func (s *TokensService) CostContext(ctx context.Context, params *PeriodParams, opts ...RequestOption) (*TokenCost, error) {
	return call[TokenCost](ctx, s.client, operation{method: "GET", path: "/tokens/cost", query: params.values()}, opts)
}

// BudgetsService: Spending limits over a period, with threshold alerts (bud_…).
type BudgetsService struct{ client *Client }

// Create — Create a budget.
func (s *BudgetsService) Create(params *BudgetCreateParams, opts ...RequestOption) (*Budget, error) {
	return s.CreateContext(context.Background(), params, opts...)
}

// CreateContext is Create with a context.
func (s *BudgetsService) CreateContext(ctx context.Context, params *BudgetCreateParams, opts ...RequestOption) (*Budget, error) {
	return call[Budget](ctx, s.client, operation{method: "POST", path: "/budgets", body: params}, opts)
}

// Get — The budget with this id; *NotFoundError if there is none.
func (s *BudgetsService) Get(budgetID string, opts ...RequestOption) (*Budget, error) {
	return s.GetContext(context.Background(), budgetID, opts...)
}

// GetContext is Get with a context.
func (s *BudgetsService) GetContext(ctx context.Context, budgetID string, opts ...RequestOption) (*Budget, error) {
	return call[Budget](ctx, s.client, operation{method: "GET", path: "/budgets/" + url.PathEscape(budgetID)}, opts)
}

// List — The first page of budgets, oldest first.
func (s *BudgetsService) List(params *ListParams, opts ...RequestOption) (*Page[Budget], error) {
	return s.ListContext(context.Background(), params, opts...)
}

// ListContext is List with a context.
func (s *BudgetsService) ListContext(ctx context.Context, params *ListParams, opts ...RequestOption) (*Page[Budget], error) {
	return listPage[Budget](ctx, s.client, operation{method: "GET", path: "/budgets", query: params.values()}, opts)
}

// ListAll walks every item of every page: for item, err := range s.ListAll(ctx, …).
func (s *BudgetsService) ListAll(ctx context.Context, params *ListParams, opts ...RequestOption) iter.Seq2[Budget, error] {
	return iterate[Budget](ctx, s.client, operation{method: "GET", path: "/budgets", query: params.values()}, opts)
}

// Update — Change a budget: nil fields stay as they are.
func (s *BudgetsService) Update(budgetID string, params *BudgetUpdateParams, opts ...RequestOption) (*Budget, error) {
	return s.UpdateContext(context.Background(), budgetID, params, opts...)
}

// UpdateContext is Update with a context.
func (s *BudgetsService) UpdateContext(ctx context.Context, budgetID string, params *BudgetUpdateParams, opts ...RequestOption) (*Budget, error) {
	return call[Budget](ctx, s.client, operation{method: "PATCH", path: "/budgets/" + url.PathEscape(budgetID), body: params}, opts)
}

// Delete — Delete a budget.
func (s *BudgetsService) Delete(budgetID string, opts ...RequestOption) (*Deleted, error) {
	return s.DeleteContext(context.Background(), budgetID, opts...)
}

// DeleteContext is Delete with a context.
func (s *BudgetsService) DeleteContext(ctx context.Context, budgetID string, opts ...RequestOption) (*Deleted, error) {
	return call[Deleted](ctx, s.client, operation{method: "DELETE", path: "/budgets/" + url.PathEscape(budgetID)}, opts)
}

// Alerts — The thresholds this budget has crossed, oldest first.
func (s *BudgetsService) Alerts(budgetID string, params *ListParams, opts ...RequestOption) (*Page[BudgetAlert], error) {
	return s.AlertsContext(context.Background(), budgetID, params, opts...)
}

// AlertsContext is Alerts with a context.
func (s *BudgetsService) AlertsContext(ctx context.Context, budgetID string, params *ListParams, opts ...RequestOption) (*Page[BudgetAlert], error) {
	return listPage[BudgetAlert](ctx, s.client, operation{method: "GET", path: "/budgets/" + url.PathEscape(budgetID) + "/alerts", query: params.values()}, opts)
}

// AlertsAll walks every item of every page: for item, err := range s.AlertsAll(ctx, …).
func (s *BudgetsService) AlertsAll(ctx context.Context, budgetID string, params *ListParams, opts ...RequestOption) iter.Seq2[BudgetAlert, error] {
	return iterate[BudgetAlert](ctx, s.client, operation{method: "GET", path: "/budgets/" + url.PathEscape(budgetID) + "/alerts", query: params.values()}, opts)
}

// AlertPoliciesService: Detection rules and where they route what they find (apol_…).
type AlertPoliciesService struct{ client *Client }

// Create — Create an alert policy.
func (s *AlertPoliciesService) Create(params *AlertPolicyCreateParams, opts ...RequestOption) (*AlertPolicy, error) {
	return s.CreateContext(context.Background(), params, opts...)
}

// CreateContext is Create with a context.
func (s *AlertPoliciesService) CreateContext(ctx context.Context, params *AlertPolicyCreateParams, opts ...RequestOption) (*AlertPolicy, error) {
	return call[AlertPolicy](ctx, s.client, operation{method: "POST", path: "/alert-policies", body: params}, opts)
}

// Get — The alert policy with this id.
func (s *AlertPoliciesService) Get(policyID string, opts ...RequestOption) (*AlertPolicy, error) {
	return s.GetContext(context.Background(), policyID, opts...)
}

// GetContext is Get with a context.
func (s *AlertPoliciesService) GetContext(ctx context.Context, policyID string, opts ...RequestOption) (*AlertPolicy, error) {
	return call[AlertPolicy](ctx, s.client, operation{method: "GET", path: "/alert-policies/" + url.PathEscape(policyID)}, opts)
}

// List — The first page of alert policies, oldest first.
func (s *AlertPoliciesService) List(params *ListParams, opts ...RequestOption) (*Page[AlertPolicy], error) {
	return s.ListContext(context.Background(), params, opts...)
}

// ListContext is List with a context.
func (s *AlertPoliciesService) ListContext(ctx context.Context, params *ListParams, opts ...RequestOption) (*Page[AlertPolicy], error) {
	return listPage[AlertPolicy](ctx, s.client, operation{method: "GET", path: "/alert-policies", query: params.values()}, opts)
}

// ListAll walks every item of every page: for item, err := range s.ListAll(ctx, …).
func (s *AlertPoliciesService) ListAll(ctx context.Context, params *ListParams, opts ...RequestOption) iter.Seq2[AlertPolicy, error] {
	return iterate[AlertPolicy](ctx, s.client, operation{method: "GET", path: "/alert-policies", query: params.values()}, opts)
}

// Update — Change an alert policy: nil fields stay as they are.
func (s *AlertPoliciesService) Update(policyID string, params *AlertPolicyUpdateParams, opts ...RequestOption) (*AlertPolicy, error) {
	return s.UpdateContext(context.Background(), policyID, params, opts...)
}

// UpdateContext is Update with a context.
func (s *AlertPoliciesService) UpdateContext(ctx context.Context, policyID string, params *AlertPolicyUpdateParams, opts ...RequestOption) (*AlertPolicy, error) {
	return call[AlertPolicy](ctx, s.client, operation{method: "PATCH", path: "/alert-policies/" + url.PathEscape(policyID), body: params}, opts)
}

// Delete — Delete an alert policy.
func (s *AlertPoliciesService) Delete(policyID string, opts ...RequestOption) (*Deleted, error) {
	return s.DeleteContext(context.Background(), policyID, opts...)
}

// DeleteContext is Delete with a context.
func (s *AlertPoliciesService) DeleteContext(ctx context.Context, policyID string, opts ...RequestOption) (*Deleted, error) {
	return call[Deleted](ctx, s.client, operation{method: "DELETE", path: "/alert-policies/" + url.PathEscape(policyID)}, opts)
}

// WebhooksService: Webhook subscriptions (whk_…); VerifyWebhook checks a delivery.
type WebhooksService struct{ client *Client }

// Create — Subscribe a URL to events; the answer alone carries the signing Secret.
func (s *WebhooksService) Create(params *WebhookCreateParams, opts ...RequestOption) (*WebhookSubscription, error) {
	return s.CreateContext(context.Background(), params, opts...)
}

// CreateContext is Create with a context.
func (s *WebhooksService) CreateContext(ctx context.Context, params *WebhookCreateParams, opts ...RequestOption) (*WebhookSubscription, error) {
	return call[WebhookSubscription](ctx, s.client, operation{method: "POST", path: "/webhooks", body: params, secrets: []string{params.Secret}}, opts)
}

// Get — The subscription with this id (without its secret).
func (s *WebhooksService) Get(webhookID string, opts ...RequestOption) (*WebhookSubscription, error) {
	return s.GetContext(context.Background(), webhookID, opts...)
}

// GetContext is Get with a context.
func (s *WebhooksService) GetContext(ctx context.Context, webhookID string, opts ...RequestOption) (*WebhookSubscription, error) {
	return call[WebhookSubscription](ctx, s.client, operation{method: "GET", path: "/webhooks/" + url.PathEscape(webhookID)}, opts)
}

// List — The first page of subscriptions, oldest first.
func (s *WebhooksService) List(params *ListParams, opts ...RequestOption) (*Page[WebhookSubscription], error) {
	return s.ListContext(context.Background(), params, opts...)
}

// ListContext is List with a context.
func (s *WebhooksService) ListContext(ctx context.Context, params *ListParams, opts ...RequestOption) (*Page[WebhookSubscription], error) {
	return listPage[WebhookSubscription](ctx, s.client, operation{method: "GET", path: "/webhooks", query: params.values()}, opts)
}

// ListAll walks every item of every page: for item, err := range s.ListAll(ctx, …).
func (s *WebhooksService) ListAll(ctx context.Context, params *ListParams, opts ...RequestOption) iter.Seq2[WebhookSubscription, error] {
	return iterate[WebhookSubscription](ctx, s.client, operation{method: "GET", path: "/webhooks", query: params.values()}, opts)
}

// Update — Change a subscription: nil fields stay as they are.
func (s *WebhooksService) Update(webhookID string, params *WebhookUpdateParams, opts ...RequestOption) (*WebhookSubscription, error) {
	return s.UpdateContext(context.Background(), webhookID, params, opts...)
}

// UpdateContext is Update with a context.
func (s *WebhooksService) UpdateContext(ctx context.Context, webhookID string, params *WebhookUpdateParams, opts ...RequestOption) (*WebhookSubscription, error) {
	return call[WebhookSubscription](ctx, s.client, operation{method: "PATCH", path: "/webhooks/" + url.PathEscape(webhookID), body: params}, opts)
}

// Delete — Delete a subscription.
func (s *WebhooksService) Delete(webhookID string, opts ...RequestOption) (*Deleted, error) {
	return s.DeleteContext(context.Background(), webhookID, opts...)
}

// DeleteContext is Delete with a context.
func (s *WebhooksService) DeleteContext(ctx context.Context, webhookID string, opts ...RequestOption) (*Deleted, error) {
	return call[Deleted](ctx, s.client, operation{method: "DELETE", path: "/webhooks/" + url.PathEscape(webhookID)}, opts)
}

// RotateSecret — Switch to a new signing secret; the old one keeps signing for the overlap.
func (s *WebhooksService) RotateSecret(webhookID string, params *RotateSecretParams, opts ...RequestOption) (*WebhookSubscription, error) {
	return s.RotateSecretContext(context.Background(), webhookID, params, opts...)
}

// RotateSecretContext is RotateSecret with a context.
func (s *WebhooksService) RotateSecretContext(ctx context.Context, webhookID string, params *RotateSecretParams, opts ...RequestOption) (*WebhookSubscription, error) {
	return call[WebhookSubscription](ctx, s.client, operation{method: "POST", path: "/webhooks/" + url.PathEscape(webhookID) + "/rotate-secret", body: orEmpty(params), secrets: []string{secretOf(params)}}, opts)
}

// Deliveries — This subscription's deliveries, oldest first.
func (s *WebhooksService) Deliveries(webhookID string, params *ListParams, opts ...RequestOption) (*Page[WebhookDelivery], error) {
	return s.DeliveriesContext(context.Background(), webhookID, params, opts...)
}

// DeliveriesContext is Deliveries with a context.
func (s *WebhooksService) DeliveriesContext(ctx context.Context, webhookID string, params *ListParams, opts ...RequestOption) (*Page[WebhookDelivery], error) {
	return listPage[WebhookDelivery](ctx, s.client, operation{method: "GET", path: "/webhooks/" + url.PathEscape(webhookID) + "/deliveries", query: params.values()}, opts)
}

// DeliveriesAll walks every item of every page: for item, err := range s.DeliveriesAll(ctx, …).
func (s *WebhooksService) DeliveriesAll(ctx context.Context, webhookID string, params *ListParams, opts ...RequestOption) iter.Seq2[WebhookDelivery, error] {
	return iterate[WebhookDelivery](ctx, s.client, operation{method: "GET", path: "/webhooks/" + url.PathEscape(webhookID) + "/deliveries", query: params.values()}, opts)
}

// AnomaliesService: Days on which a service cost markedly more than expected.
type AnomaliesService struct{ client *Client }

// List — Anomalies over a period (default: this month).
func (s *AnomaliesService) List(params *AnomalyListParams, opts ...RequestOption) (*Page[Anomaly], error) {
	return s.ListContext(context.Background(), params, opts...)
}

// ListContext is List with a context.
func (s *AnomaliesService) ListContext(ctx context.Context, params *AnomalyListParams, opts ...RequestOption) (*Page[Anomaly], error) {
	return listPage[Anomaly](ctx, s.client, operation{method: "GET", path: "/anomalies", query: params.values()}, opts)
}

// ListAll walks every item of every page: for item, err := range s.ListAll(ctx, …).
func (s *AnomaliesService) ListAll(ctx context.Context, params *AnomalyListParams, opts ...RequestOption) iter.Seq2[Anomaly, error] {
	return iterate[Anomaly](ctx, s.client, operation{method: "GET", path: "/anomalies", query: params.values()}, opts)
}

// ReportsService: Cost reports to download.
type ReportsService struct{ client *Client }

// Generate — Generate a report of a period.
func (s *ReportsService) Generate(params *ReportGenerateParams, opts ...RequestOption) (*Report, error) {
	return s.GenerateContext(context.Background(), params, opts...)
}

// GenerateContext is Generate with a context.
func (s *ReportsService) GenerateContext(ctx context.Context, params *ReportGenerateParams, opts ...RequestOption) (*Report, error) {
	return call[Report](ctx, s.client, operation{method: "POST", path: "/reports/generate", body: params}, opts)
}

// Download — The report's file (JSON or CSV), as rendered when generated.
func (s *ReportsService) Download(reportID string, opts ...RequestOption) ([]byte, error) {
	return s.DownloadContext(context.Background(), reportID, opts...)
}

// DownloadContext is Download with a context.
func (s *ReportsService) DownloadContext(ctx context.Context, reportID string, opts ...RequestOption) ([]byte, error) {
	op := operation{method: "GET", path: "/reports/" + url.PathEscape(reportID) + "/download"}
	result, err := s.client.send(ctx, op, opts)
	if err != nil {
		return nil, err
	}
	return result.data, nil
}

// CarbonService: Estimated emissions of the spend.
type CarbonService struct{ client *Client }

// Footprint — kg CO2e in total, by service and by region, over a period.
func (s *CarbonService) Footprint(params *PeriodParams, opts ...RequestOption) (*CarbonFootprint, error) {
	return s.FootprintContext(context.Background(), params, opts...)
}

// FootprintContext is Footprint with a context.
func (s *CarbonService) FootprintContext(ctx context.Context, params *PeriodParams, opts ...RequestOption) (*CarbonFootprint, error) {
	return call[CarbonFootprint](ctx, s.client, operation{method: "GET", path: "/carbon/footprint", query: params.values()}, opts)
}

// RecommendationsService: Ways to save money.
type RecommendationsService struct{ client *Client }

// List — Current recommendations, largest saving first.
func (s *RecommendationsService) List(params *ListParams, opts ...RequestOption) (*Page[Recommendation], error) {
	return s.ListContext(context.Background(), params, opts...)
}

// ListContext is List with a context.
func (s *RecommendationsService) ListContext(ctx context.Context, params *ListParams, opts ...RequestOption) (*Page[Recommendation], error) {
	return listPage[Recommendation](ctx, s.client, operation{method: "GET", path: "/recommendations", query: params.values()}, opts)
}

// ListAll walks every item of every page: for item, err := range s.ListAll(ctx, …).
func (s *RecommendationsService) ListAll(ctx context.Context, params *ListParams, opts ...RequestOption) iter.Seq2[Recommendation, error] {
	return iterate[Recommendation](ctx, s.client, operation{method: "GET", path: "/recommendations", query: params.values()}, opts)
}

// IngestService: Add data; a call's records (up to 10,000) are stored all together or not at all.
type IngestService struct{ client *Client }

// Costs — Ingest FOCUS-style cost rows.
func (s *IngestService) Costs(records []CostRecord, opts ...RequestOption) (*IngestResult, error) {
	return s.CostsContext(context.Background(), records, opts...)
}

// CostsContext is Costs with a context.
func (s *IngestService) CostsContext(ctx context.Context, records []CostRecord, opts ...RequestOption) (*IngestResult, error) {
	return call[IngestResult](ctx, s.client, operation{method: "POST", path: "/ingest/costs", body: map[string]any{"records": records}}, opts)
}

// GPUMetrics — Ingest GPU samples.
func (s *IngestService) GPUMetrics(records []GPUMetricRecord, opts ...RequestOption) (*IngestResult, error) {
	return s.GPUMetricsContext(context.Background(), records, opts...)
}

// GPUMetricsContext is GPUMetrics with a context.
func (s *IngestService) GPUMetricsContext(ctx context.Context, records []GPUMetricRecord, opts ...RequestOption) (*IngestResult, error) {
	return call[IngestResult](ctx, s.client, operation{method: "POST", path: "/ingest/gpu-metrics", body: map[string]any{"records": records}}, opts)
}

// TokenUsage — Ingest LLM token usage.
func (s *IngestService) TokenUsage(records []TokenUsageRecord, opts ...RequestOption) (*IngestResult, error) {
	return s.TokenUsageContext(context.Background(), records, opts...)
}

// TokenUsageContext is TokenUsage with a context.
func (s *IngestService) TokenUsageContext(ctx context.Context, records []TokenUsageRecord, opts ...RequestOption) (*IngestResult, error) {
	return call[IngestResult](ctx, s.client, operation{method: "POST", path: "/ingest/token-usage", body: map[string]any{"records": records}}, opts)
}

func orEmpty(params *RotateSecretParams) *RotateSecretParams {
	if params == nil {
		return &RotateSecretParams{}
	}
	return params
}

func secretOf(params *RotateSecretParams) string {
	if params == nil {
		return ""
	}
	return params.Secret
}
