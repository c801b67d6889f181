package metafinops

import (
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The same retry numbers as the Python and TypeScript SDKs.
const (
	DefaultMaxRetries = 2
	InitialRetryDelay = 500 * time.Millisecond // before the first retry
	MaxRetryDelay     = 8 * time.Second        // backoff never waits longer
	RetryJitter       = 0.25                   // a backoff wait is shortened by up to this fraction
	MaxRetryAfter     = 60 * time.Second       // a server's Retry-After is honoured up to this
)

// IsRetryableStatus says whether an error answer is worth sending again (same idempotency key).
func IsRetryableStatus(status int, code string) bool {
	if status == http.StatusConflict {
		return code == "idempotency_in_progress"
	}
	return status == http.StatusRequestTimeout || status == http.StatusTooManyRequests || status >= 500
}

// ParseRetryAfter reads a Retry-After header: delta-seconds or an HTTP date; ok is false if absent or bad.
func ParseRetryAfter(value string, now time.Time) (time.Duration, bool) {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0, false
	}
	if seconds, err := strconv.ParseFloat(value, 64); err == nil {
		if math.IsNaN(seconds) || math.IsInf(seconds, 0) {
			return 0, false
		}
		return max(time.Duration(seconds*float64(time.Second)), 0), true
	}
	when, err := http.ParseTime(value)
	if err != nil {
		return 0, false
	}
	return max(when.Sub(now), 0), true
}

// BackoffDelay is min(0.5 s · 2ⁿ, 8 s) shortened by up to 25 % (randomFraction in [0, 1)).
func BackoffDelay(retriesTaken int, randomFraction float64) time.Duration {
	delay := min(float64(InitialRetryDelay)*math.Pow(2, float64(retriesTaken)), float64(MaxRetryDelay))
	return time.Duration(delay * (1 - RetryJitter*randomFraction))
}

// RetryDelay is how long to wait before retry number retriesTaken+1.
func RetryDelay(retriesTaken int, retryAfter string, now time.Time) time.Duration {
	if wait, ok := ParseRetryAfter(retryAfter, now); ok {
		return min(wait, MaxRetryAfter)
	}
	return BackoffDelay(retriesTaken, rand.Float64())
}
