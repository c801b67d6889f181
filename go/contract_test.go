// The contract scenarios in Go: the same names as contract/test_python.py and
// typescript/test/contract.test.mjs (the list is "scenarios" in contract/vectors.json). Server
// scenarios need the servers contract/conftest.py starts (./scripts/test runs this through
// pytest); run alone they skip, unless METAFINOPS_CONTRACT=required, when they fail.
package metafinops_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	mfo "github.com/metafinops/go-sdk"
)

type webhookVector struct {
	Name            string `json:"name"`
	Body            string `json:"body"`
	Secret          string `json:"secret"`
	Header          string `json:"header"`
	Valid           bool   `json:"valid"`
	TimestampOffset *int64 `json:"timestamp_offset"`
	Tolerance       int    `json:"tolerance"`
}

type errorVector struct {
	Name       string            `json:"name"`
	Status     int               `json:"status"`
	Headers    map[string]string `json:"headers"`
	Body       string            `json:"body"`
	Kind       string            `json:"kind"`
	Code       *string           `json:"code"`
	RequestID  string            `json:"request_id"`
	Fields     []string          `json:"fields"`
	Retryable  bool              `json:"retryable"`
	RetryAfter *float64          `json:"retry_after"`
}

type vectorFile struct {
	Scenarios  []string        `json:"scenarios"`
	Webhooks   []webhookVector `json:"webhooks"`
	Errors     []errorVector   `json:"errors"`
	RetryAfter []struct {
		Header       string  `json:"header"`
		RetriesTaken int     `json:"retries_taken"`
		Seconds      float64 `json:"seconds"`
	} `json:"retry_after"`
	CostSummary struct {
		Start string `json:"start"`
		End   string `json:"end"`
	} `json:"cost_summary"`
}

func loadVectors(t *testing.T) vectorFile {
	t.Helper()
	path := os.Getenv("METAFINOPS_CONTRACT_VECTORS")
	if path == "" {
		path = filepath.Join("..", "contract", "vectors.json")
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var vectors vectorFile
	if err := json.Unmarshal(raw, &vectors); err != nil {
		t.Fatal(err)
	}
	return vectors
}

func needServers(t *testing.T) {
	t.Helper()
	if os.Getenv("METAFINOPS_CONTRACT_LIMITED_URL") != "" && os.Getenv("METAFINOPS_BASE_URL") != "" {
		return
	}
	if os.Getenv("METAFINOPS_CONTRACT") == "required" {
		t.Fatal("METAFINOPS_CONTRACT=required but the contract servers are not in the environment")
	}
	t.Skip("needs the contract servers: run ./scripts/test (contract/)")
}

func client() *mfo.Client {
	return mfo.NewClient(os.Getenv("METAFINOPS_API_KEY"), mfo.WithBaseURL(os.Getenv("METAFINOPS_BASE_URL")))
}

func unique(prefix string) string {
	return fmt.Sprintf("contract-go-%s-%010x", prefix, rand.Uint64()&0xffffffffff)
}

// countingTransport records each answer's status and each request's Idempotency-Key.
type countingTransport struct {
	mu       sync.Mutex
	statuses []int
	keys     []string
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.keys = append(c.keys, r.Header.Get("Idempotency-Key"))
	c.mu.Unlock()
	response, err := http.DefaultTransport.RoundTrip(r)
	if err == nil {
		c.mu.Lock()
		c.statuses = append(c.statuses, response.StatusCode)
		c.mu.Unlock()
	}
	return response, err
}

func TestContract(t *testing.T) {
	vectors := loadVectors(t)
	ctx := context.Background()

	t.Run("budget_crud", func(t *testing.T) {
		needServers(t)
		sdk := client()
		created, err := sdk.Budgets.CreateContext(ctx, &mfo.BudgetCreateParams{
			Name: unique("crud"), Amount: 5000, Period: "monthly",
			Filters:    &mfo.BudgetFilters{Services: []string{"aws-ec2"}, Tags: map[string]string{"env": "prod"}},
			Thresholds: []mfo.BudgetThreshold{{Percent: 80}, {Percent: 100, Basis: "forecasted"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(created.ID, "bud_") || created.Currency != "USD" || len(created.Thresholds) != 2 ||
			created.Thresholds[0].Basis != "actual" || created.Thresholds[1].Basis != "forecasted" {
			t.Fatalf("created %+v", created)
		}
		got, err := sdk.Budgets.Get(created.ID)
		if err != nil || got.Name != created.Name || got.Amount != 5000 {
			t.Fatalf("get %+v %v", got, err)
		}
		amount := 6500.5
		updated, err := sdk.Budgets.Update(created.ID, &mfo.BudgetUpdateParams{Amount: &amount})
		if err != nil || updated.Amount != amount {
			t.Fatalf("update %+v %v", updated, err)
		}
		if again, err := sdk.Budgets.Get(created.ID); err != nil || again.Amount != amount || again.Filters == nil {
			t.Fatalf("get after update %+v %v", again, err)
		}
		if cleared, err := sdk.Budgets.Update(created.ID, &mfo.BudgetUpdateParams{Clear: []string{"filters"}}); err != nil || cleared.Filters != nil {
			t.Fatalf("clear filters %+v %v", cleared, err)
		}
		deleted, err := sdk.Budgets.Delete(created.ID)
		if err != nil || !deleted.Deleted || deleted.ID != created.ID {
			t.Fatalf("delete %+v %v", deleted, err)
		}
		var notFound *mfo.NotFoundError
		if _, err := sdk.Budgets.Get(created.ID); !errors.As(err, &notFound) {
			t.Fatalf("after delete: %v", err)
		}
	})

	t.Run("budget_pagination", func(t *testing.T) {
		needServers(t)
		sdk := client()
		prefix := unique("page")
		var ids []string
		for n := range 5 {
			b, err := sdk.Budgets.Create(&mfo.BudgetCreateParams{Name: fmt.Sprintf("%s-%d", prefix, n), Amount: float64(10 + n), Period: "monthly"})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, b.ID)
		}
		pages := 0
		for page, err := sdk.Budgets.List(&mfo.ListParams{Limit: 2}); page != nil; page, err = page.Next(ctx) {
			if err != nil {
				t.Fatal(err)
			}
			if len(page.Data) > 2 {
				t.Fatalf("page of %d", len(page.Data))
			}
			pages++
		}
		if pages < 2 {
			t.Fatalf("%d pages", pages)
		}
		var walked []string
		for budget, err := range sdk.Budgets.ListAll(ctx, &mfo.ListParams{Limit: 2}) {
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(budget.Name, prefix) {
				walked = append(walked, budget.ID)
			}
		}
		if fmt.Sprint(walked) != fmt.Sprint(ids) {
			t.Fatalf("walked %v, created %v", walked, ids)
		}
	})

	t.Run("not_found", func(t *testing.T) {
		needServers(t)
		_, err := client().Budgets.GetContext(ctx, "bud_doesnotexist000000000000")
		var notFound *mfo.NotFoundError
		var apiErr *mfo.APIError
		if !errors.As(err, &notFound) || !errors.As(err, &apiErr) {
			t.Fatalf("%T %v", err, err)
		}
		if apiErr.StatusCode != 404 || apiErr.Code != "not_found" || !strings.HasPrefix(apiErr.RequestID, "req_") {
			t.Fatalf("%+v", apiErr)
		}
	})

	t.Run("validation_error_details", func(t *testing.T) {
		needServers(t)
		_, err := client().Budgets.Create(&mfo.BudgetCreateParams{
			Name: unique("bad"), Amount: 0, Period: "monthly", Thresholds: []mfo.BudgetThreshold{{Percent: 2000}},
		})
		var invalid *mfo.UnprocessableEntityError
		if !errors.As(err, &invalid) {
			t.Fatalf("%T %v", err, err)
		}
		fields := map[string]bool{}
		for _, d := range invalid.Details {
			fields[d.Field] = true
		}
		if invalid.StatusCode != 422 || invalid.Code != "validation_error" || !fields["amount"] || !fields["thresholds.0.percent"] ||
			!strings.HasPrefix(invalid.RequestID, "req_") {
			t.Fatalf("%+v", invalid.APIError)
		}
	})

	t.Run("rate_limit_retry_after", func(t *testing.T) {
		needServers(t)
		url, key := os.Getenv("METAFINOPS_CONTRACT_LIMITED_URL"), os.Getenv("METAFINOPS_CONTRACT_LIMITED_KEY")
		limit, _ := strconv.Atoi(os.Getenv("METAFINOPS_CONTRACT_LIMIT"))
		window, _ := strconv.Atoi(os.Getenv("METAFINOPS_CONTRACT_WINDOW"))
		impatient := mfo.NewClient(key, mfo.WithBaseURL(url), mfo.WithMaxRetries(0))
		var limited *mfo.RateLimitError
		for n := 0; n < limit+2 && limited == nil; n++ {
			if _, err := impatient.Budgets.List(&mfo.ListParams{Limit: 1}); err != nil && !errors.As(err, &limited) {
				t.Fatal(err)
			}
		}
		if limited == nil || limited.StatusCode != 429 || limited.Code != "rate_limited" {
			t.Fatalf("no 429: %v", limited)
		}
		if wait, ok := limited.RetryAfter(); !ok || wait <= 0 || wait > time.Duration(window)*time.Second {
			t.Fatalf("Retry-After %v %v", wait, ok)
		}
		counter := &countingTransport{}
		patient := mfo.NewClient(key, mfo.WithBaseURL(url), mfo.WithHTTPClient(&http.Client{Transport: counter}))
		for range limit + 1 {
			if _, err := patient.Budgets.List(&mfo.ListParams{Limit: 1}); err != nil {
				t.Fatal(err)
			}
		}
		ok := 0
		saw429 := false
		for _, s := range counter.statuses {
			ok += map[bool]int{true: 1}[s == 200]
			saw429 = saw429 || s == 429
		}
		if !saw429 || ok != limit+1 || patient.RateLimit().Limit != limit {
			t.Fatalf("statuses %v, rate limit %+v", counter.statuses, patient.RateLimit())
		}
	})

	t.Run("idempotent_create_lost_response", func(t *testing.T) {
		needServers(t)
		name := unique("idem")
		counter := &countingTransport{}
		proxied := mfo.NewClient(os.Getenv("METAFINOPS_API_KEY"),
			mfo.WithBaseURL(os.Getenv("METAFINOPS_CONTRACT_LOSSY_URL")), mfo.WithHTTPClient(&http.Client{Transport: counter}))
		var response *http.Response
		created, err := proxied.Budgets.Create(&mfo.BudgetCreateParams{Name: name, Amount: 42, Period: "monthly"}, mfo.WithResponse(&response))
		if err != nil {
			t.Fatal(err)
		}
		if response.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("not a replay: %v (keys %v)", response.Header, counter.keys)
		}
		var same []string
		for budget, err := range client().Budgets.ListAll(ctx, &mfo.ListParams{Limit: 100}) {
			if err != nil {
				t.Fatal(err)
			}
			if budget.Name == name {
				same = append(same, budget.ID)
			}
		}
		if len(same) != 1 || same[0] != created.ID {
			t.Fatalf("budgets named %s: %v, created %s", name, same, created.ID)
		}
	})

	t.Run("cost_summary", func(t *testing.T) {
		needServers(t)
		period := vectors.CostSummary
		costs, err := client().Costs.Summary(&mfo.SummaryParams{Start: period.Start, End: period.End})
		if err != nil {
			t.Fatal(err)
		}
		sum := 0.0
		for _, s := range costs.Services {
			sum += s.Cost
		}
		if costs.Total <= 0 || costs.Currency != "USD" || costs.Period.Start != period.Start || costs.Period.End != period.End ||
			math.Abs(sum-costs.Total) >= 0.05 {
			t.Fatalf("%+v", costs)
		}
	})

	t.Run("webhook_vectors", func(t *testing.T) {
		for _, v := range vectors.Webhooks {
			var opts *mfo.VerifyOptions
			if v.TimestampOffset != nil {
				opts = &mfo.VerifyOptions{
					Timestamp: strconv.FormatInt(time.Now().Unix()+*v.TimestampOffset, 10),
					Tolerance: time.Duration(v.Tolerance) * time.Second,
				}
			}
			err := mfo.VerifyWebhook([]byte(v.Body), v.Header, v.Secret, opts)
			var verr *mfo.WebhookVerificationError
			if (err == nil) != v.Valid || (err != nil && !errors.As(err, &verr)) {
				t.Errorf("%s: %v", v.Name, err)
			}
			if v.Valid && !strings.Contains(v.Header, ",") && v.Header == strings.ToLower(v.Header) {
				if got := mfo.SignWebhook([]byte(v.Body), v.Secret); got != v.Header {
					t.Errorf("%s: signed %s", v.Name, got)
				}
			}
		}
	})

	t.Run("error_envelopes", func(t *testing.T) {
		for _, v := range vectors.Errors {
			header := http.Header{}
			for name, value := range v.Headers {
				header.Set(name, value)
			}
			err := mfo.StatusError(v.Status, header, []byte(v.Body))
			kind := strings.TrimPrefix(fmt.Sprintf("%T", err), "*metafinops.")
			if kind == "APIError" {
				kind = "APIStatusError" // no kind of its own: the base type
			}
			var apiErr *mfo.APIError
			if kind != v.Kind || !errors.As(err, &apiErr) {
				t.Errorf("%s: %T", v.Name, err)
				continue
			}
			code := ""
			if v.Code != nil {
				code = *v.Code
			}
			var fields []string
			for _, d := range apiErr.Details {
				fields = append(fields, d.Field)
			}
			if apiErr.StatusCode != v.Status || apiErr.Code != code || apiErr.RequestID != v.RequestID ||
				fmt.Sprint(fields) != fmt.Sprint(v.Fields) || mfo.IsRetryableStatus(apiErr.StatusCode, apiErr.Code) != v.Retryable {
				t.Errorf("%s: %+v", v.Name, apiErr)
			}
			var limited *mfo.RateLimitError
			if v.RetryAfter != nil {
				wait, ok := time.Duration(0), false
				if errors.As(err, &limited) {
					wait, ok = limited.RetryAfter()
				}
				if !ok || wait.Seconds() != *v.RetryAfter {
					t.Errorf("%s: retry after %v", v.Name, wait)
				}
			}
		}
		for _, c := range vectors.RetryAfter {
			if got := mfo.RetryDelay(c.RetriesTaken, c.Header, time.Now()).Seconds(); got != c.Seconds {
				t.Errorf("Retry-After %q: %v s, want %v", c.Header, got, c.Seconds)
			}
		}
	})

	t.Run("openapi_coverage", func(t *testing.T) {
		needServers(t)
		operations := openapiOperations(t, os.Getenv("METAFINOPS_BASE_URL"))
		recorder := &recordingTransport{}
		sdk := mfo.NewClient("key", mfo.WithBaseURL("http://sdk.test/v1"), mfo.WithMaxRetries(0),
			mfo.WithHTTPClient(&http.Client{Transport: recorder}))
		list := &mfo.ListParams{}
		name := "n"
		calls := []func() error{
			func() error { _, err := sdk.Health.Check(); return err },
			func() error { _, err := sdk.Costs.Summary(nil); return err },
			func() error { _, err := sdk.Costs.ByService(nil); return err },
			func() error { _, err := sdk.GPU.Utilization(nil); return err },
			func() error { _, err := sdk.GPU.Idle(nil); return err },
			func() error { _, err := sdk.Tokens.Usage(nil); return err },
			func() error { _, err := sdk.Tokens.Cost(nil); return err },
			func() error {
				_, err := sdk.Budgets.Create(&mfo.BudgetCreateParams{Name: "n", Amount: 1, Period: "monthly"})
				return err
			},
			func() error { _, err := sdk.Budgets.List(list); return err },
			func() error { _, err := sdk.Budgets.Get("bud_x"); return err },
			func() error { _, err := sdk.Budgets.Update("bud_x", &mfo.BudgetUpdateParams{Name: &name}); return err },
			func() error { _, err := sdk.Budgets.Delete("bud_x"); return err },
			func() error { _, err := sdk.Budgets.Alerts("bud_x", list); return err },
			func() error {
				_, err := sdk.AlertPolicies.Create(&mfo.AlertPolicyCreateParams{Name: "n", Type: "budget"})
				return err
			},
			func() error { _, err := sdk.AlertPolicies.List(list); return err },
			func() error { _, err := sdk.AlertPolicies.Get("apol_x"); return err },
			func() error {
				_, err := sdk.AlertPolicies.Update("apol_x", &mfo.AlertPolicyUpdateParams{Name: &name})
				return err
			},
			func() error { _, err := sdk.AlertPolicies.Delete("apol_x"); return err },
			func() error {
				_, err := sdk.Webhooks.Create(&mfo.WebhookCreateParams{URL: "https://hooks.test/x", Events: []string{"report.generated"}})
				return err
			},
			func() error { _, err := sdk.Webhooks.List(list); return err },
			func() error { _, err := sdk.Webhooks.Get("whk_x"); return err },
			func() error {
				enabled := false
				_, err := sdk.Webhooks.Update("whk_x", &mfo.WebhookUpdateParams{Enabled: &enabled})
				return err
			},
			func() error { _, err := sdk.Webhooks.Delete("whk_x"); return err },
			func() error { _, err := sdk.Webhooks.RotateSecret("whk_x", nil); return err },
			func() error { _, err := sdk.Webhooks.Deliveries("whk_x", list); return err },
			func() error { _, err := sdk.Anomalies.List(nil); return err },
			func() error { _, err := sdk.Carbon.Footprint(nil); return err },
			func() error { _, err := sdk.Recommendations.List(list); return err },
			func() error {
				_, err := sdk.Reports.Generate(&mfo.ReportGenerateParams{Start: "2026-03-01", End: "2026-03-31"})
				return err
			},
			func() error { _, err := sdk.Reports.Download("rep_x"); return err },
			func() error { _, err := sdk.Ingest.Costs(nil); return err },
			func() error { _, err := sdk.Ingest.GPUMetrics(nil); return err },
			func() error { _, err := sdk.Ingest.TokenUsage(nil); return err },
		}
		for _, call := range calls {
			var connErr *mfo.ConnectionError
			if err := call(); !errors.As(err, &connErr) {
				t.Fatalf("expected the recording transport's error, got %v", err)
			}
		}
		var missing []string
		for _, op := range operations {
			pattern := regexp.MustCompile("^" + regexp.MustCompile(`\\\{[^/]+?\\\}`).ReplaceAllString(regexp.QuoteMeta(op[1]), "[^/]+") + "$")
			found := false
			for _, seen := range recorder.seen {
				found = found || (seen[0] == op[0] && pattern.MatchString(seen[1]))
			}
			if !found {
				missing = append(missing, op[0]+" "+op[1])
			}
		}
		if len(missing) > 0 {
			t.Fatalf("operations in /v1/openapi.json the Go SDK does not call: %v", missing)
		}
	})
}

type recordingTransport struct{ seen [][2]string }

func (r *recordingTransport) RoundTrip(request *http.Request) (*http.Response, error) {
	r.seen = append(r.seen, [2]string{request.Method, strings.TrimPrefix(request.URL.Path, "/v1")})
	return nil, errors.New("recorded")
}

// openapiOperations lists [method, path relative to /v1], with or without servers: [{url: "/v1"}].
func openapiOperations(t *testing.T, baseURL string) [][2]string {
	t.Helper()
	response, err := http.Get(baseURL + "/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer response.Body.Close()
	var document struct {
		Servers []struct {
			URL string `json:"url"`
		} `json:"servers"`
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.NewDecoder(response.Body).Decode(&document); err != nil {
		t.Fatal(err)
	}
	prefix := ""
	if len(document.Servers) > 0 {
		if parsed, err := url.Parse(document.Servers[0].URL); err == nil {
			prefix = strings.TrimRight(parsed.Path, "/")
		}
	}
	var operations [][2]string
	for path, item := range document.Paths {
		full := strings.TrimPrefix(prefix+path, "/v1")
		for _, method := range []string{"get", "put", "post", "patch", "delete"} {
			if _, ok := item[method]; ok {
				operations = append(operations, [2]string{strings.ToUpper(method), full})
			}
		}
	}
	return operations
}
