package metafinops

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Error is anything this SDK returns on purpose (e.g. no API key).
type Error struct{ Message string }

func (e *Error) Error() string { return e.Message }

// ErrorDetail is one field at fault: {"field": "thresholds.0.percent", "message": "…"}.
type ErrorDetail struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// APIError is an HTTP error answer (4xx/5xx). Every kind (*NotFoundError …) unwraps to it.
type APIError struct {
	StatusCode int
	Code       string // "validation_error", "not_found" …
	Message    string // the server's own message
	Details    []ErrorDetail
	RequestID  string // quote it to support
	Header     http.Header
	Body       []byte
}

func (e *APIError) Error() string {
	head := fmt.Sprintf("HTTP %d", e.StatusCode)
	if e.Code != "" {
		head = fmt.Sprintf("%d %s", e.StatusCode, e.Code)
	}
	text := head + ": " + e.Message
	var fields []string
	for _, d := range e.Details {
		item := d.Message
		if d.Field != "" && d.Message != "" {
			item = d.Field + ": " + d.Message
		} else if item == "" {
			item = d.Field
		}
		if item != "" && !strings.Contains(e.Message, item) {
			fields = append(fields, item)
		}
	}
	if len(fields) > 0 {
		text = strings.TrimSuffix(text, ".") + ". " + strings.Join(fields, "; ")
	}
	if e.RequestID != "" {
		text += " (request_id: " + e.RequestID + ")"
	}
	return text
}

// The kinds of API error, one per class; use errors.As(err, &target).
type (
	BadRequestError          struct{ *APIError } // 400 invalid_request
	AuthenticationError      struct{ *APIError } // 401 unauthorized
	PermissionDeniedError    struct{ *APIError } // 403 forbidden
	NotFoundError            struct{ *APIError } // 404 not_found
	ConflictError            struct{ *APIError } // 409 conflict, idempotency_in_progress
	UnprocessableEntityError struct{ *APIError } // 422 validation_error, idempotency_key_reused
	RateLimitError           struct{ *APIError } // 429 rate_limited
	InternalServerError      struct{ *APIError } // 500 and above
)

func (e *BadRequestError) Unwrap() error          { return e.APIError }
func (e *AuthenticationError) Unwrap() error      { return e.APIError }
func (e *PermissionDeniedError) Unwrap() error    { return e.APIError }
func (e *NotFoundError) Unwrap() error            { return e.APIError }
func (e *ConflictError) Unwrap() error            { return e.APIError }
func (e *UnprocessableEntityError) Unwrap() error { return e.APIError }
func (e *RateLimitError) Unwrap() error           { return e.APIError }
func (e *InternalServerError) Unwrap() error      { return e.APIError }

// RetryAfter is how long the server asked to wait (false if it did not say).
func (e *RateLimitError) RetryAfter() (time.Duration, bool) {
	return ParseRetryAfter(e.Header.Get("Retry-After"), time.Now())
}

// ConnectionError: no HTTP answer (DNS, refused connection, reset …).
type ConnectionError struct {
	Message string
	Err     error
}

func (e *ConnectionError) Error() string { return e.Message }
func (e *ConnectionError) Unwrap() error { return e.Err }

// TimeoutError: no answer within the timeout. It unwraps to *ConnectionError.
type TimeoutError struct{ *ConnectionError }

func (e *TimeoutError) Unwrap() error { return e.ConnectionError }

// ResponseValidationError: an answer that is not the v1 envelope this SDK expects.
type ResponseValidationError struct {
	Message   string
	RequestID string
}

func (e *ResponseValidationError) Error() string {
	if e.RequestID != "" {
		return e.Message + " (request_id: " + e.RequestID + ")"
	}
	return e.Message
}

// WebhookVerificationError: a webhook delivery whose signature or timestamp is wrong.
type WebhookVerificationError struct{ Message string }

func (e *WebhookVerificationError) Error() string { return e.Message }

const redacted = "[redacted]"
const maxRawText = 200

// StatusError builds the typed error for an error answer; secrets sent in the request are
// redacted wherever the server echoed them.
func StatusError(status int, header http.Header, body []byte, secrets ...string) error {
	text := string(body)
	for _, secret := range secrets {
		if secret == "" {
			continue
		}
		quoted, _ := json.Marshal(secret)
		text = strings.ReplaceAll(text, secret, redacted)
		text = strings.ReplaceAll(text, string(quoted[1:len(quoted)-1]), redacted)
	}
	base := &APIError{StatusCode: status, Header: header, Body: []byte(text)}
	var envelope struct {
		Error *struct {
			Code    string            `json:"code"`
			Message string            `json:"message"`
			Details []json.RawMessage `json:"details"`
		} `json:"error"`
		Meta struct {
			RequestID string `json:"request_id"`
		} `json:"meta"`
	}
	if json.Unmarshal([]byte(text), &envelope) == nil && envelope.Error != nil {
		base.Code = envelope.Error.Code
		base.Message = envelope.Error.Message
		for _, raw := range envelope.Error.Details {
			var detail ErrorDetail
			if json.Unmarshal(raw, &detail) == nil {
				base.Details = append(base.Details, detail)
			}
		}
		base.RequestID = envelope.Meta.RequestID
	} else {
		base.Message = strings.TrimSpace(text)
		if len(base.Message) > maxRawText {
			base.Message = base.Message[:maxRawText]
		}
	}
	if base.Message == "" {
		base.Message = http.StatusText(status)
	}
	if base.Details == nil {
		base.Details = []ErrorDetail{}
	}
	if base.RequestID == "" {
		base.RequestID = header.Get("X-Request-Id")
	}
	switch {
	case status == 400:
		return &BadRequestError{base}
	case status == 401:
		return &AuthenticationError{base}
	case status == 403:
		return &PermissionDeniedError{base}
	case status == 404:
		return &NotFoundError{base}
	case status == 409:
		return &ConflictError{base}
	case status == 422:
		return &UnprocessableEntityError{base}
	case status == 429:
		return &RateLimitError{base}
	case status >= 500:
		return &InternalServerError{base}
	}
	return base
}
