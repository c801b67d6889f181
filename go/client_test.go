package metafinops_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	mfo "github.com/metafinops/go-sdk"
)

// A local stand-in for the API (httptest, loopback) that fails the first attempts: what the
// retry logic does with them. The real server is in contract_test.go.
func TestRetriesReuseTheIdempotencyKeyAndHonourRetryAfter(t *testing.T) {
	var mu sync.Mutex
	var keys []string
	attempts := 0
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		attempts++
		keys = append(keys, r.Header.Get("Idempotency-Key"))
		w.Header().Set("X-RateLimit-Limit", "60")
		w.Header().Set("X-RateLimit-Remaining", "59")
		w.Header().Set("X-RateLimit-Reset", "30")
		switch attempts {
		case 1:
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(503)
			w.Write([]byte(`{"status":"error","error":{"code":"unavailable","message":"down","details":[]},"meta":{"request_id":"req_a"}}`))
		case 2:
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(409)
			w.Write([]byte(`{"status":"error","error":{"code":"idempotency_in_progress","message":"busy","details":[]},"meta":{"request_id":"req_b"}}`))
		default:
			w.WriteHeader(201)
			w.Write([]byte(`{"status":"success","data":{"id":"bud_1","name":"n","amount":1,"currency":"USD","period":"monthly","thresholds":[],"created_at":"2026-03-01T00:00:00Z"},"meta":{"request_id":"req_c"}}`))
		}
	}))
	defer server.Close()
	client := mfo.NewClient("mfo_secret_key", mfo.WithBaseURL(server.URL+"/v1"))
	budget, err := client.Budgets.Create(&mfo.BudgetCreateParams{Name: "n", Amount: 1, Period: "monthly"})
	if err != nil {
		t.Fatal(err)
	}
	if budget.ID != "bud_1" || attempts != 3 || keys[0] == "" || keys[0] != keys[1] || keys[1] != keys[2] {
		t.Fatalf("budget %+v, attempts %d, keys %v", budget, attempts, keys)
	}
	if rl := client.RateLimit(); rl == nil || rl.Limit != 60 || rl.Remaining != 59 || rl.Reset != 30 {
		t.Fatalf("rate limit %+v", rl)
	}
	attempts = 0
	_, err = client.Budgets.Create(&mfo.BudgetCreateParams{Name: "n", Amount: 1, Period: "monthly"}, mfo.WithRequestMaxRetries(0), mfo.WithIdempotencyKey("mine"))
	var serverErr *mfo.InternalServerError
	if !errors.As(err, &serverErr) || serverErr.RequestID != "req_a" || keys[len(keys)-1] != "mine" {
		t.Fatalf("%v %v", err, keys)
	}
}

func TestTimeoutsAndContexts(t *testing.T) {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond)
	}))
	defer server.Close()
	client := mfo.NewClient("k", mfo.WithBaseURL(server.URL+"/v1"), mfo.WithMaxRetries(0))
	_, err := client.Costs.Summary(nil, mfo.WithRequestTimeout(20*time.Millisecond))
	var timeout *mfo.TimeoutError
	var connErr *mfo.ConnectionError
	if !errors.As(err, &timeout) || !errors.As(err, &connErr) {
		t.Fatalf("%T %v", err, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := client.Costs.SummaryContext(ctx, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("%v", err)
	}
}

func TestDebugLogNeverPrintsTheKey(t *testing.T) {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", "req_log")
		w.Write([]byte(`{"status":"success","data":{"status":"ok","version":"1","database":"ok"},"meta":{"request_id":"req_log"}}`))
	}))
	defer server.Close()
	t.Setenv("METAFINOPS_LOG", "debug")
	var buffer bytes.Buffer
	client := mfo.NewClient("mfo_do_not_log_me", mfo.WithBaseURL(server.URL+"/v1"), mfo.WithLogger(log.New(&buffer, "", 0)))
	if _, err := client.Health.Check(); err != nil {
		t.Fatal(err)
	}
	logged := buffer.String()
	if !strings.Contains(logged, "DEBUG GET /v1/health -> 200 (request_id=req_log)") || strings.Contains(logged, "mfo_do_not_log_me") {
		t.Fatalf("log: %q", logged)
	}
}

func TestNoKeyIsAnError(t *testing.T) {
	t.Setenv("METAFINOPS_API_KEY", "")
	_, err := mfo.NewClient("", mfo.WithBaseURL("http://127.0.0.1:9/v1")).Health.Check()
	var configErr *mfo.Error
	if !errors.As(err, &configErr) || !strings.Contains(err.Error(), "METAFINOPS_API_KEY") {
		t.Fatalf("no key: %v", err)
	}
}

func TestAnEmptyIDFailsBeforeAnyRequest(t *testing.T) {
	client := mfo.NewClient("k", mfo.WithBaseURL("http://127.0.0.1:9/v1"), mfo.WithMaxRetries(0))
	_, err := client.Budgets.Get("")
	var sdkErr *mfo.Error
	if !errors.As(err, &sdkErr) {
		t.Fatalf("%T %v", err, err)
	}
	if _, err := client.Webhooks.Deliveries("", nil); !errors.As(err, &sdkErr) {
		t.Fatalf("%T %v", err, err)
	}
}

func TestClearSendsNull(t *testing.T) {
	amount := 5.0
	body, err := json.Marshal(&mfo.BudgetUpdateParams{Amount: &amount, Clear: []string{"filters", "start_date"}})
	if err != nil || string(body) != `{"amount":5,"filters":null,"start_date":null}` {
		t.Fatalf("%s %v", body, err)
	}
	body, _ = json.Marshal(&mfo.WebhookUpdateParams{})
	if string(body) != `{}` {
		t.Fatalf("%s", body)
	}
}
