package metafinops

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Webhook delivery headers.
const (
	SignatureHeader = "X-MetaFinOps-Signature"
	TimestampHeader = "X-MetaFinOps-Timestamp"
	EventIDHeader   = "X-MetaFinOps-Event-Id"
	// DefaultWebhookTolerance is how far a delivery's timestamp may be from our clock.
	DefaultWebhookTolerance = 300 * time.Second
)

var signatureSeparators = regexp.MustCompile(`[,\s]+`)

// SignWebhook is the signature of body under secret: lowercase hex HMAC-SHA256 of the raw bytes.
func SignWebhook(body []byte, secret string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

// VerifyOptions are optional checks of VerifyWebhook.
type VerifyOptions struct {
	// Timestamp is the X-MetaFinOps-Timestamp header (unix seconds); when set, a delivery
	// further than Tolerance from Now is refused.
	Timestamp string
	Tolerance time.Duration // default DefaultWebhookTolerance
	Now       time.Time     // default time.Now()
}

// VerifyWebhook returns a *WebhookVerificationError unless body was signed with secret.
// signature is the X-MetaFinOps-Signature header: during a secret rotation it holds several
// signatures (comma separated), any one matching is enough. Comparisons are constant-time.
func VerifyWebhook(body []byte, signature, secret string, opts *VerifyOptions) error {
	if secret == "" {
		return &WebhookVerificationError{"No webhook secret given to verify the signature with."}
	}
	if opts != nil && opts.Timestamp != "" {
		if err := checkTimestamp(opts); err != nil {
			return err
		}
	}
	var candidates []string
	for _, candidate := range signatureSeparators.Split(signature, -1) {
		if candidate != "" {
			candidates = append(candidates, candidate)
		}
	}
	if len(candidates) == 0 {
		return &WebhookVerificationError{"The delivery has no signature (header " + SignatureHeader + " is missing or empty)."}
	}
	expected := []byte(SignWebhook(body, secret))
	matched := false
	for _, candidate := range candidates { // every one, without stopping early
		if hmac.Equal(expected, []byte(strings.ToLower(candidate))) {
			matched = true
		}
	}
	if !matched {
		return &WebhookVerificationError{"The webhook signature does not match: check the secret, and that the body is the raw request bytes, not re-serialized JSON."}
	}
	return nil
}

func checkTimestamp(opts *VerifyOptions) error {
	sentAt, err := strconv.ParseInt(strings.TrimSpace(opts.Timestamp), 10, 64)
	if err != nil {
		shown := opts.Timestamp
		if len(shown) > 40 {
			shown = shown[:40]
		}
		return &WebhookVerificationError{fmt.Sprintf("The delivery's %s is not unix seconds: %q", TimestampHeader, shown)}
	}
	tolerance := opts.Tolerance
	if tolerance == 0 {
		tolerance = DefaultWebhookTolerance
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	skew := float64(now.Unix() - sentAt)
	if math.Abs(skew) > tolerance.Seconds() {
		when := "old"
		if skew < 0 {
			when = "in the future"
		}
		return &WebhookVerificationError{fmt.Sprintf("The delivery's timestamp is %.0f s %s (tolerance %.0f s): a replayed delivery, or a wrong clock.", math.Abs(skew), when, tolerance.Seconds())}
	}
	return nil
}
