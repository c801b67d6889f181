"""The webhook delivery worker: at-least-once, signed, retried with backoff, logged.

A delivery row is written (``pending``) in the same transaction as its event, before any
attempt. The worker thread claims due rows with a lease — a conditional UPDATE, so two
processes on one database never send the same delivery at once — sends them from a small
thread pool and records each attempt. If the process dies mid-attempt, the lease runs out and
the delivery is sent again (receivers drop duplicates by ``X-MetaFinOps-Event-Id``).

Outcome of an attempt:

- 2xx: ``succeeded``.
- 408, 429, 5xx, a timeout or a connection error: retried after
  ``min(backoff_base * 2**(attempt-1), backoff_max)``, scaled by a random factor in
  [0.5, 1] (jitter), or after ``Retry-After`` (seconds or an HTTP date, capped at
  ``backoff_max``) when the receiver sent one; ``failed`` after ``max_attempts``.
- 410 Gone: ``failed``, and the subscription is disabled.
- any other status (redirects are not followed): ``failed`` — retrying will not change it.
- a destination that is not allowed (see :mod:`.destinations`): ``failed``.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import httpx
from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from metafinops.server.db.models import Delivery, DeliveryAttempt, WebhookSubscription
from metafinops.server.events.destinations import BlockedDestination, resolve_destination
from metafinops.server.events.signing import delivery_headers, signing_secrets
from metafinops.server.timeutil import utcnow

__all__ = ["DeliveryPolicy", "DeliveryWorker", "backoff_delay", "parse_retry_after"]

log = logging.getLogger("metafinops.webhooks")

RETRYABLE_STATUSES = frozenset({408, 429})
MAX_RESPONSE_BYTES = 64 * 1024
LEASE_MARGIN = timedelta(seconds=5)
MAX_ERROR_LENGTH = 1000


@dataclass(frozen=True)
class DeliveryPolicy:
    """Timeouts and retry arithmetic (``METAFINOPS_WEBHOOK_*`` settings)."""

    timeout: float = 10.0
    max_attempts: int = 8
    backoff_base: float = 30.0
    backoff_max: float = 3600.0
    local_mode: bool = True
    poll_interval: float = 1.0
    concurrency: int = 4

    @property
    def lease(self) -> timedelta:
        """How long a claimed delivery is reserved: one attempt and a margin."""
        return timedelta(seconds=self.timeout) + LEASE_MARGIN


def backoff_delay(attempt: int, policy: DeliveryPolicy, rng: random.Random | None = None) -> float:
    """Seconds to wait after failed attempt number ``attempt`` (1-based), with jitter."""
    ceiling = min(policy.backoff_base * 2 ** (attempt - 1), policy.backoff_max)
    return float(ceiling * (0.5 + 0.5 * (rng or random).random()))


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date); None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is not None:
        when = when.replace(tzinfo=None) - (when.utcoffset() or timedelta())
    return max(0.0, (when - now).total_seconds())


@dataclass(frozen=True)
class _Outcome:
    status: str  # succeeded | retry | failed
    response_status: int | None = None
    error: str | None = None
    retry_after: float | None = None
    disable: bool = False


def _classify(response: httpx.Response, now: datetime) -> _Outcome:
    code = response.status_code
    if 200 <= code < 300:
        return _Outcome("succeeded", code)
    if code == 410:
        return _Outcome("failed", code, "the receiver answered 410 Gone: the subscription is disabled", disable=True)
    if code in RETRYABLE_STATUSES or code >= 500:
        return _Outcome(
            "retry", code, f"the receiver answered {code}", parse_retry_after(response.headers.get("Retry-After"), now)
        )
    if 300 <= code < 400:
        return _Outcome("failed", code, f"the receiver answered {code}; redirects are not followed")
    return _Outcome("failed", code, f"the receiver answered {code}")


class DeliveryWorker:
    """Sends due deliveries from a background thread until :meth:`stop`."""

    def __init__(self, sessions: sessionmaker[Session], policy: DeliveryPolicy) -> None:
        self._sessions = sessions
        self.policy = policy
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._client = httpx.Client(timeout=policy.timeout, follow_redirects=False, trust_env=False)
        self._rng = random.Random()
        # Told the outcome of every recorded attempt ("succeeded", "retry", "failed"): metrics.
        self.on_attempt: Callable[[str], None] = lambda _outcome: None

    def start(self) -> None:
        """Start the worker thread (once)."""
        if self._thread is not None:
            return
        self._pool = ThreadPoolExecutor(max_workers=self.policy.concurrency, thread_name_prefix="mfo-delivery")
        self._thread = threading.Thread(target=self._run, name="mfo-delivery-worker", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Look for due deliveries now (new events were recorded)."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop claiming, let attempts in flight finish (up to ``timeout``), close the client."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._client.close()

    def _run(self) -> None:
        in_flight: set[Future[None]] = set()
        while not self._stopping.is_set():
            in_flight = {f for f in in_flight if not f.done()}
            free = self.policy.concurrency - len(in_flight)
            claimed: list[str] = []
            if free > 0:
                try:
                    claimed = self.claim_due(free)
                except Exception:  # a database hiccup must not kill the worker
                    log.exception("claiming due webhook deliveries failed")
            assert self._pool is not None
            for delivery_id in claimed:
                in_flight.add(self._pool.submit(self._attempt_logged, delivery_id))
            if free <= 0 or len(claimed) < free:  # nothing more due now, or no free hands
                self._wake.wait(self.policy.poll_interval)
                self._wake.clear()

    def claim_due(self, limit: int) -> list[str]:
        """Lease up to ``limit`` due deliveries to this process; their ids.

        One ``UPDATE … RETURNING`` statement: the claim is atomic, and a rival process (or a
        second worker on PostgreSQL, which re-checks the conditions on locked rows) gets others.
        """
        now = utcnow()
        claimable = (
            Delivery.status == "pending",
            Delivery.next_attempt_at <= now,
            or_(Delivery.lease_until.is_(None), Delivery.lease_until < now),
        )
        due = select(Delivery.id).where(*claimable).order_by(Delivery.next_attempt_at, Delivery.id).limit(limit)
        with self._sessions() as session:
            claimed = session.scalars(
                update(Delivery)
                .where(Delivery.id.in_(due), *claimable)
                .values(lease_until=now + self.policy.lease)
                .returning(Delivery.id)
                .execution_options(synchronize_session=False)
            ).all()
            session.commit()
        return list(claimed)

    def _attempt_logged(self, delivery_id: str) -> None:
        try:
            self.attempt(delivery_id)
        except Exception:
            log.exception("webhook delivery %s: attempt failed unexpectedly", delivery_id)
        finally:
            self._wake.set()  # a hand is free again

    def attempt(self, delivery_id: str) -> None:
        """Make one attempt of a claimed delivery and record it."""
        with self._sessions() as session:
            delivery = session.get(Delivery, delivery_id, options=[selectinload(Delivery.event)])
            if delivery is None or delivery.status != "pending":
                return
            webhook = session.get(
                WebhookSubscription, delivery.webhook_id, options=[selectinload(WebhookSubscription.secrets)]
            )
            body = delivery.event.payload.encode("utf-8")
            event_id = delivery.event_id
            attempt_number = delivery.attempts + 1
            started = utcnow()
            enabled = webhook is not None and webhook.enabled
            url = webhook.url if webhook is not None else ""
            secrets = signing_secrets(webhook.secrets, started) if webhook is not None else []
            session.rollback()  # no transaction stays open during the request
            if enabled:
                outcome = self._post(url, body, secrets, event_id, delivery_id, started)
            else:
                outcome = _Outcome("failed", error="the subscription is disabled")
            self._record(session, delivery_id, attempt_number, started, outcome)

    def _post(
        self, url: str, body: bytes, secrets: list[str], event_id: str, delivery_id: str, started: datetime
    ) -> _Outcome:
        if not secrets:
            return _Outcome("failed", error="the subscription has no signing secret")
        try:
            destination = resolve_destination(url, local_mode=self.policy.local_mode)
        except BlockedDestination as exc:
            return _Outcome("failed", error=str(exc))
        except ConnectionError as exc:
            return _Outcome("retry", error=str(exc))
        headers = delivery_headers(body, secrets, event_id=event_id, delivery_id=delivery_id, now=started)
        headers["Host"] = destination.host_header
        try:
            with self._client.stream(
                "POST", destination.url, content=body, headers=headers, extensions=destination.extensions
            ) as response:
                received = 0
                for chunk in response.iter_bytes():
                    received += len(chunk)
                    if received >= MAX_RESPONSE_BYTES:
                        break
                return _classify(response, utcnow())
        except httpx.TimeoutException:
            return _Outcome("retry", error=f"no answer within {self.policy.timeout:g} s")
        except httpx.TransportError as exc:
            return _Outcome(
                "retry", error=f"connection failed: {exc}" if str(exc) else f"connection failed: {type(exc).__name__}"
            )

    def _record(self, session: Session, delivery_id: str, number: int, started: datetime, outcome: _Outcome) -> None:
        finished = utcnow()
        error = outcome.error[:MAX_ERROR_LENGTH] if outcome.error else None
        # Write before reading: the transaction then holds SQLite's write lock from its first
        # statement (a WAL read snapshot cannot be upgraded once another writer committed).
        try:
            session.add(
                DeliveryAttempt(
                    delivery_id=delivery_id,
                    number=number,
                    started_at=started,
                    duration_ms=int((finished - started).total_seconds() * 1000),
                    response_status=outcome.response_status,
                    error=error,
                )
            )
            session.flush()
        except IntegrityError:  # the subscription, and with it the delivery, was deleted meanwhile
            session.rollback()
            return
        delivery = session.get(Delivery, delivery_id)
        if delivery is None:
            return
        delivery.attempts = number
        delivery.response_status = outcome.response_status
        delivery.last_error = error
        delivery.lease_until = None
        status = outcome.status
        if status == "retry" and number >= self.policy.max_attempts:
            status = "failed"
            delivery.last_error = f"gave up after {number} attempts; last: {error}"[:MAX_ERROR_LENGTH]
        self.on_attempt(status)
        if status == "retry":
            delay = backoff_delay(number, self.policy, self._rng)
            if outcome.retry_after is not None:
                delay = min(outcome.retry_after, self.policy.backoff_max)
            delivery.next_attempt_at = finished + timedelta(seconds=delay)
        else:
            delivery.status = status
            delivery.next_attempt_at = None
            if status == "succeeded":
                delivery.delivered_at = finished
                delivery.last_error = None
        if outcome.disable:
            webhook = session.get(WebhookSubscription, delivery.webhook_id)
            if webhook is not None and webhook.enabled:
                webhook.enabled = False
                webhook.updated_at = finished
                log.warning("webhook %s answered 410 Gone: subscription disabled", webhook.id)
        session.commit()
        if status == "retry":
            self._wake_at(delivery.next_attempt_at)

    def _wake_at(self, moment: datetime | None) -> None:
        """Make sure the worker looks again when a retry falls due (before the next poll)."""
        if moment is None:
            return
        delay = (moment - utcnow()).total_seconds()
        if delay < self.policy.poll_interval:
            timer = threading.Timer(max(delay, 0.0), self._wake.set)
            timer.daemon = True
            timer.start()
