// Package metafinops is the MetaFinOps API for Go (standard library only).
//
//	import mfo "github.com/metafinops/go-sdk"
//
//	client := mfo.NewClient("YOUR_API_KEY") // "" reads METAFINOPS_API_KEY; base URL from METAFINOPS_BASE_URL
//	costs, err := client.Costs.Summary(&mfo.SummaryParams{
//		Start: "2026-03-01",
//		End:   "2026-03-31",
//	})
//
// Every call has a variant taking a [context.Context] first (SummaryContext, ListContext …)
// and accepts [RequestOption]s (timeout, headers, idempotency key). Errors are typed for
// [errors.As]: *NotFoundError, *UnprocessableEntityError (with Details), *RateLimitError, …,
// each unwrapping to *APIError with StatusCode, Code and RequestID; *ConnectionError and
// *TimeoutError when there was no answer. Retries (408, 409 idempotency_in_progress, 429, 5xx,
// connection errors) back off with jitter and honour Retry-After; one Idempotency-Key per
// logical write is reused on every retry. METAFINOPS_LOG=debug logs each request to stderr,
// never the key.
package metafinops
