package metafinops

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Configuration defaults and environment variables (the same in all three SDKs).
const (
	APIKeyEnv      = "METAFINOPS_API_KEY"
	BaseURLEnv     = "METAFINOPS_BASE_URL"
	LogEnv         = "METAFINOPS_LOG" // "debug" or "info": log each request to stderr
	DefaultBaseURL = "https://api.metafinops.com/v1"
	DefaultTimeout = 30 * time.Second // per attempt
	Version        = "1.0.0"
)

// RateLimit is the API key's rate limit as of the latest response (X-RateLimit-* headers).
type RateLimit struct {
	Limit     int // requests allowed per window
	Remaining int // requests left in the current window
	Reset     int // seconds until the window resets
}

// Client is the MetaFinOps API. Its services are safe for concurrent use.
type Client struct {
	apiKey         string
	baseURL        string
	httpClient     *http.Client
	timeout        time.Duration
	maxRetries     int
	defaultHeaders http.Header
	logger         *log.Logger
	logLevel       string
	configErr      error

	mu        sync.Mutex
	rateLimit *RateLimit

	Health          *HealthService
	Costs           *CostsService
	GPU             *GPUService
	Tokens          *TokensService
	Budgets         *BudgetsService
	AlertPolicies   *AlertPoliciesService
	Webhooks        *WebhooksService
	Anomalies       *AnomaliesService
	Reports         *ReportsService
	Carbon          *CarbonService
	Recommendations *RecommendationsService
	Ingest          *IngestService
}

// Option configures a Client.
type Option func(*Client)

// WithBaseURL overrides METAFINOPS_BASE_URL and the default https://api.metafinops.com/v1.
func WithBaseURL(baseURL string) Option { return func(c *Client) { c.baseURL = baseURL } }

// WithHTTPClient uses your own *http.Client (proxies, transports).
func WithHTTPClient(h *http.Client) Option { return func(c *Client) { c.httpClient = h } }

// WithTimeout sets the time allowed per attempt (default 30 s).
func WithTimeout(d time.Duration) Option { return func(c *Client) { c.timeout = d } }

// WithMaxRetries sets how many times a failed request may be sent again (default 2; 0 disables).
func WithMaxRetries(n int) Option { return func(c *Client) { c.maxRetries = n } }

// WithDefaultHeader adds a header to every request.
func WithDefaultHeader(name, value string) Option {
	return func(c *Client) { c.defaultHeaders.Set(name, value) }
}

// WithLogger sends the debug log (METAFINOPS_LOG=debug) to logger instead of stderr.
func WithLogger(logger *log.Logger) Option { return func(c *Client) { c.logger = logger } }

// NewClient connects to MetaFinOps. An empty apiKey reads METAFINOPS_API_KEY; when there is
// none, every call returns an *Error saying so.
func NewClient(apiKey string, opts ...Option) *Client {
	c := &Client{
		apiKey:         strings.TrimSpace(apiKey),
		baseURL:        strings.TrimSpace(os.Getenv(BaseURLEnv)),
		httpClient:     http.DefaultClient,
		timeout:        DefaultTimeout,
		maxRetries:     DefaultMaxRetries,
		defaultHeaders: http.Header{},
		logLevel:       strings.ToLower(strings.TrimSpace(os.Getenv(LogEnv))),
	}
	if c.apiKey == "" {
		c.apiKey = strings.TrimSpace(os.Getenv(APIKeyEnv))
	}
	for _, opt := range opts {
		opt(c)
	}
	if c.baseURL == "" {
		c.baseURL = DefaultBaseURL
	}
	c.baseURL = strings.TrimRight(c.baseURL, "/")
	switch {
	case c.apiKey == "":
		c.configErr = &Error{"No API key: pass one to NewClient or set the " + APIKeyEnv + " environment variable."}
	case !strings.HasPrefix(c.baseURL, "http://") && !strings.HasPrefix(c.baseURL, "https://"):
		c.configErr = &Error{fmt.Sprintf("base URL must be an http(s) URL like %q, not %q", DefaultBaseURL, c.baseURL)}
	case c.maxRetries < 0:
		c.configErr = &Error{fmt.Sprintf("max retries must be 0 or more, not %d", c.maxRetries)}
	}
	if c.logger == nil && (c.logLevel == "debug" || c.logLevel == "info") {
		c.logger = log.New(os.Stderr, "[metafinops] ", log.LstdFlags)
	}
	if c.logger != nil && c.logLevel != "info" {
		c.logLevel = "debug"
	}
	c.Health = &HealthService{c}
	c.Costs = &CostsService{c}
	c.GPU = &GPUService{c}
	c.Tokens = &TokensService{c}
	c.Budgets = &BudgetsService{c}
	c.AlertPolicies = &AlertPoliciesService{c}
	c.Webhooks = &WebhooksService{c}
	c.Anomalies = &AnomaliesService{c}
	c.Reports = &ReportsService{c}
	c.Carbon = &CarbonService{c}
	c.Recommendations = &RecommendationsService{c}
	c.Ingest = &IngestService{c}
	return c
}

// BaseURL is the URL every path is relative to (it ends in /v1).
func (c *Client) BaseURL() string { return c.baseURL }

// RateLimit is the rate limit reported by the most recent response (nil before the first).
func (c *Client) RateLimit() *RateLimit {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.rateLimit == nil {
		return nil
	}
	copied := *c.rateLimit
	return &copied
}

// RequestOption changes one call.
type RequestOption func(*requestConfig)

type requestConfig struct {
	timeout        time.Duration
	maxRetries     int
	headers        http.Header
	idempotencyKey string
	response       **http.Response
}

// WithRequestTimeout sets the time allowed per attempt of this call.
func WithRequestTimeout(d time.Duration) RequestOption {
	return func(r *requestConfig) { r.timeout = d }
}

// WithRequestMaxRetries sets the retries of this call.
func WithRequestMaxRetries(n int) RequestOption {
	return func(r *requestConfig) { r.maxRetries = n }
}

// WithHeader adds a header to this call.
func WithHeader(name, value string) RequestOption {
	return func(r *requestConfig) { r.headers.Set(name, value) }
}

// WithIdempotencyKey sets the Idempotency-Key of a write (default: a new uuid per call, reused by its retries).
func WithIdempotencyKey(key string) RequestOption {
	return func(r *requestConfig) { r.idempotencyKey = key }
}

// WithResponse stores the call's final *http.Response (its body already read) in *target,
// for its headers (X-RateLimit-*, Idempotent-Replayed …).
func WithResponse(target **http.Response) RequestOption {
	return func(r *requestConfig) { r.response = target }
}

type operation struct {
	method    string
	path      string
	query     url.Values
	body      any
	secrets   []string
	enveloped bool
}

type envelope struct {
	Status string          `json:"status"`
	Data   json.RawMessage `json:"data"`
	Meta   struct {
		RequestID  string `json:"request_id"`
		Pagination *struct {
			HasMore    bool    `json:"has_more"`
			NextCursor *string `json:"next_cursor"`
		} `json:"pagination"`
	} `json:"meta"`
}

// answer is a successful call, unwrapped.
type answer struct {
	data       []byte
	requestID  string
	hasMore    bool
	nextCursor string
}

func isWrite(method string) bool {
	switch method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		return true
	}
	return false
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// logPath is the request's URL path as logged ("/v1/budgets"): never the query, never a header.
func (c *Client) logPath(path string) string {
	if base, err := url.Parse(c.baseURL); err == nil {
		return base.Path + path
	}
	return path
}

func (c *Client) logf(level, format string, args ...any) {
	if c.logger == nil || (level == "debug" && c.logLevel != "debug") {
		return
	}
	c.logger.Printf(strings.ToUpper(level)+" "+format, args...)
}

// send carries out one logical call: retries, idempotency, envelope; the typed error otherwise.
func (c *Client) send(ctx context.Context, op operation, opts []RequestOption) (*answer, error) {
	if c.configErr != nil {
		return nil, c.configErr
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if strings.HasSuffix(op.path, "/") || strings.Contains(op.path, "//") {
		return nil, &Error{fmt.Sprintf("an id in %s %s is empty: pass the object's id", op.method, op.path)}
	}
	cfg := requestConfig{timeout: c.timeout, maxRetries: c.maxRetries, headers: http.Header{}}
	for _, opt := range opts {
		opt(&cfg)
	}
	target := c.baseURL + op.path
	if len(op.query) > 0 {
		target += "?" + op.query.Encode()
	}
	var payload []byte
	if op.body != nil {
		var err error
		if payload, err = json.Marshal(op.body); err != nil {
			return nil, &Error{"cannot encode the request body: " + err.Error()}
		}
	}
	headers := http.Header{}
	headers.Set("Accept", "application/json")
	headers.Set("User-Agent", "metafinops-go/"+Version)
	for name, values := range c.defaultHeaders {
		headers[name] = values
	}
	for name, values := range cfg.headers {
		headers[name] = values
	}
	headers.Set("Authorization", "Bearer "+c.apiKey)
	if payload != nil {
		headers.Set("Content-Type", "application/json")
	}
	if isWrite(op.method) {
		// one key per logical write, reused by every retry: the server applies it once
		key := cfg.idempotencyKey
		if key == "" {
			key = newUUID()
		}
		headers.Set("Idempotency-Key", key)
		c.logf("debug", "%s %s (Idempotency-Key %s)", op.method, c.logPath(op.path), key)
	} else {
		c.logf("debug", "%s %s", op.method, c.logPath(op.path))
	}
	for retriesTaken := 0; ; retriesTaken++ {
		response, body, err := c.attempt(ctx, op.method, target, headers, payload, cfg.timeout)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if retriesTaken < cfg.maxRetries {
				delay := RetryDelay(retriesTaken, "", time.Now())
				c.logf("info", "Retrying %s %s in %.2f s after %v (retry %d of %d)", op.method, op.path, delay.Seconds(), err, retriesTaken+1, cfg.maxRetries)
				if err := sleep(ctx, delay); err != nil {
					return nil, err
				}
				continue
			}
			connErr := &ConnectionError{Message: fmt.Sprintf("Could not reach %s: %v", c.baseURL, err), Err: err}
			var netErr interface{ Timeout() bool }
			if errors.As(err, &netErr) && netErr.Timeout() {
				connErr.Message = fmt.Sprintf("No answer from %s within %s.", c.baseURL, cfg.timeout)
				return nil, &TimeoutError{connErr}
			}
			return nil, connErr
		}
		c.noteRateLimit(response.Header)
		c.logf("debug", "%s %s -> %d (request_id=%s)", op.method, c.logPath(op.path), response.StatusCode, response.Header.Get("X-Request-Id"))
		if cfg.response != nil {
			*cfg.response = response
		}
		if response.StatusCode >= 200 && response.StatusCode < 300 {
			return unwrap(response, body, op.enveloped)
		}
		apiErr := StatusError(response.StatusCode, response.Header, body, op.secrets...)
		code := ""
		var base *APIError
		if errors.As(apiErr, &base) {
			code = base.Code
		}
		if retriesTaken < cfg.maxRetries && IsRetryableStatus(response.StatusCode, code) {
			delay := RetryDelay(retriesTaken, response.Header.Get("Retry-After"), time.Now())
			c.logf("info", "Retrying %s %s in %.2f s after HTTP %d %s (retry %d of %d)", op.method, op.path, delay.Seconds(), response.StatusCode, code, retriesTaken+1, cfg.maxRetries)
			if err := sleep(ctx, delay); err != nil {
				return nil, err
			}
			continue
		}
		return nil, apiErr
	}
}

func (c *Client) attempt(ctx context.Context, method, target string, headers http.Header, payload []byte, timeout time.Duration) (*http.Response, []byte, error) {
	attemptCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var reader io.Reader
	if payload != nil {
		reader = bytes.NewReader(payload)
	}
	request, err := http.NewRequestWithContext(attemptCtx, method, target, reader)
	if err != nil {
		return nil, nil, err
	}
	request.Header = headers.Clone()
	response, err := c.httpClient.Do(request)
	if err != nil {
		return nil, nil, err
	}
	defer response.Body.Close()
	body, err := io.ReadAll(response.Body)
	if err != nil {
		return nil, nil, err
	}
	return response, body, nil
}

func (c *Client) noteRateLimit(header http.Header) {
	limit, err1 := strconv.Atoi(header.Get("X-RateLimit-Limit"))
	remaining, err2 := strconv.Atoi(header.Get("X-RateLimit-Remaining"))
	reset, err3 := strconv.ParseFloat(header.Get("X-RateLimit-Reset"), 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return
	}
	c.mu.Lock()
	c.rateLimit = &RateLimit{Limit: limit, Remaining: remaining, Reset: int(reset)}
	c.mu.Unlock()
}

func unwrap(response *http.Response, body []byte, enveloped bool) (*answer, error) {
	headerRequestID := response.Header.Get("X-Request-Id")
	if !enveloped {
		return &answer{data: body, requestID: headerRequestID}, nil
	}
	if len(body) == 0 {
		return &answer{requestID: headerRequestID}, nil
	}
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, &ResponseValidationError{fmt.Sprintf("The API answered HTTP %d with a body that is not JSON.", response.StatusCode), headerRequestID}
	}
	if env.Status != "success" || env.Data == nil {
		return nil, &ResponseValidationError{`The API's answer is not the v1 envelope {"status": "success", "data": …, "meta": …}; is the base URL right (it ends with /v1)?`, headerRequestID}
	}
	result := &answer{data: env.Data, requestID: env.Meta.RequestID}
	if result.requestID == "" {
		result.requestID = headerRequestID
	}
	if p := env.Meta.Pagination; p != nil && p.NextCursor != nil {
		result.hasMore, result.nextCursor = p.HasMore, *p.NextCursor
	}
	return result, nil
}

func sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// call sends op and decodes its data into a new T.
func call[T any](ctx context.Context, c *Client, op operation, opts []RequestOption) (*T, error) {
	op.enveloped = true
	result, err := c.send(ctx, op, opts)
	if err != nil {
		return nil, err
	}
	value := new(T)
	if err := json.Unmarshal(result.data, value); err != nil {
		return nil, &ResponseValidationError{"The API's answer does not fit: " + err.Error(), result.requestID}
	}
	return value, nil
}

// Request calls any endpoint (path relative to the base URL, like "/budgets") and decodes
// the unwrapped data into out (may be nil).
func (c *Client) Request(ctx context.Context, method, path string, query url.Values, body, out any, opts ...RequestOption) error {
	result, err := c.send(ctx, operation{method: strings.ToUpper(method), path: "/" + strings.TrimLeft(path, "/"), query: query, body: body, enveloped: true}, opts)
	if err != nil || out == nil {
		return err
	}
	return json.Unmarshal(result.data, out)
}
