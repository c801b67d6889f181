"""The retry arithmetic on its own: Retry-After parsing, backoff, jitter, caps, what is retried."""

from __future__ import annotations

import email.utils

import pytest

from metafinops._retry import (
    DEFAULT_MAX_RETRIES,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_AFTER,
    MAX_RETRY_DELAY,
    RETRY_JITTER,
    backoff_delay,
    is_retryable_status,
    parse_retry_after,
    retry_delay,
)

NOW = 1_774_951_200.0  # 2026-03-31T10:00:00Z


def test_constants_are_the_documented_ones() -> None:
    assert (DEFAULT_MAX_RETRIES, INITIAL_RETRY_DELAY, MAX_RETRY_DELAY, RETRY_JITTER) == (2, 0.5, 8.0, 0.25)
    assert MAX_RETRY_AFTER == 60.0


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("3", 3.0), ("0", 0.0), ("1.5", 1.5), (" 7 ", 7.0), ("-4", 0.0), ("120", 120.0)],
)
def test_retry_after_in_seconds(header: str, seconds: float) -> None:
    assert parse_retry_after(header, now=NOW) == seconds


def test_retry_after_as_an_http_date() -> None:
    in_ten_seconds = email.utils.formatdate(NOW + 10, usegmt=True)  # "Tue, 31 Mar 2026 10:00:10 GMT"
    assert parse_retry_after(in_ten_seconds, now=NOW) == pytest.approx(10.0)
    assert parse_retry_after("Tue, 31 Mar 2026 10:00:10 GMT", now=NOW) == pytest.approx(10.0)
    assert parse_retry_after(email.utils.formatdate(NOW - 30, usegmt=True), now=NOW) == 0.0  # in the past


@pytest.mark.parametrize("header", [None, "", "  ", "soon", "nan", "Tue, 99 Foo 2026"])
def test_retry_after_unusable(header: str | None) -> None:
    assert parse_retry_after(header, now=NOW) is None


def test_backoff_doubles_from_half_a_second_up_to_eight() -> None:
    no_jitter = [backoff_delay(n, random_fraction=lambda: 0.0) for n in range(7)]
    assert no_jitter == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]


@pytest.mark.parametrize("retries_taken", range(6))
def test_jitter_takes_off_at_most_a_quarter(retries_taken: int) -> None:
    full = min(0.5 * 2**retries_taken, 8.0)
    assert backoff_delay(retries_taken, random_fraction=lambda: 0.0) == full
    assert backoff_delay(retries_taken, random_fraction=lambda: 1.0) == pytest.approx(full * 0.75)
    for _ in range(200):  # the real random source stays within the bounds
        assert full * 0.75 <= backoff_delay(retries_taken) <= full


def test_retry_after_wins_over_backoff_and_is_capped() -> None:
    assert retry_delay(0, "2", now=NOW) == 2.0
    assert retry_delay(5, "2", now=NOW) == 2.0  # the server's word, not the backoff
    assert retry_delay(0, "3600", now=NOW) == MAX_RETRY_AFTER
    assert retry_delay(0, email.utils.formatdate(NOW + 600, usegmt=True), now=NOW) == MAX_RETRY_AFTER
    assert retry_delay(1, "garbage", now=NOW, random_fraction=lambda: 0.0) == 1.0  # falls back to backoff
    assert retry_delay(2, None, random_fraction=lambda: 0.5) == pytest.approx(2.0 * (1 - 0.25 * 0.5))


@pytest.mark.parametrize(
    ("status", "code", "retried"),
    [
        (408, None, True),
        (429, "rate_limited", True),
        (500, "internal_error", True),
        (502, None, True),
        (503, None, True),
        (504, None, True),
        (409, "idempotency_in_progress", True),
        (409, "conflict", False),
        (409, None, False),
        (400, "invalid_request", False),
        (401, "unauthorized", False),
        (403, "forbidden", False),
        (404, "not_found", False),
        (422, "validation_error", False),
        (422, "idempotency_key_reused", False),
    ],
)
def test_which_answers_are_retried(status: int, code: str | None, retried: bool) -> None:
    assert is_retryable_status(status, code) is retried
