"""The event engine: evaluate budgets and alert policies, record events, wake the deliverer.

:func:`evaluate` runs after every ingestion and on a periodic tick. It is idempotent: what it
finds a second time is already recorded (unique budget alerts and event keys), so running it
often only costs time. :class:`EventRuntime` owns the tick thread and the
:class:`~.delivery.DeliveryWorker` for one app; the app starts and stops it with its lifespan.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from metafinops.server.events.budgets import evaluate_budgets
from metafinops.server.events.delivery import DeliveryPolicy, DeliveryWorker
from metafinops.server.events.detectors import emit_gpu_idle_events, emit_token_spend_events, refresh_anomalies
from metafinops.server.events.outbox import emit_event
from metafinops.server.events.routing import load_routing
from metafinops.server.timeutil import utcnow

__all__ = ["Evaluation", "EventRuntime", "emit_report_generated", "evaluate"]

log = logging.getLogger("metafinops.events")

STARTUP_DELAY = 1.0  # seconds after start-up before the first tick
COALESCE_SECONDS = 1.0
"""After a change asks for an evaluation, wait this long so a burst of writes (an apply of
200 budgets) is evaluated a few times, not once per write."""
EVALUATION_ATTEMPTS = 3  # a concurrent writer can make one evaluation lose a race; it is run again


@dataclass(frozen=True)
class Evaluation:
    """What one evaluation recorded."""

    budget_alerts: int = 0
    new_anomalies: int = 0
    gpu_idle_events: int = 0
    token_spend_events: int = 0


def _evaluate_once(session: Session, now: datetime, lookback_days: int) -> Evaluation:
    routing = load_routing(session)
    result = Evaluation(
        budget_alerts=evaluate_budgets(session, routing, now),
        new_anomalies=refresh_anomalies(session, routing, now, lookback_days),
        gpu_idle_events=emit_gpu_idle_events(session, routing, now, lookback_days),
        token_spend_events=emit_token_spend_events(session, routing, now, lookback_days),
    )
    session.commit()
    return result


def evaluate(sessions: sessionmaker[Session], *, lookback_days: int, now: datetime | None = None) -> Evaluation:
    """Evaluate everything once, in one transaction (retried if a concurrent writer got in the way)."""
    for attempt in range(1, EVALUATION_ATTEMPTS + 1):
        with sessions() as session:
            try:
                return _evaluate_once(session, now or utcnow(), lookback_days)
            except (IntegrityError, OperationalError):
                session.rollback()
                if attempt == EVALUATION_ATTEMPTS:
                    raise
                time.sleep(0.05 * attempt)
    raise AssertionError("unreachable")  # pragma: no cover


def emit_report_generated(session: Session, *, report_id: str, data: dict[str, Any], now: datetime) -> None:
    """Record ``report.generated`` for every subscription that lists it (in the caller's transaction)."""
    routing = load_routing(session)
    emit_event(
        session,
        event_type="report.generated",
        data=data,
        dedupe_key=f"report:{report_id}",
        recipients=routing.default_recipients("report.generated"),
        now=now,
    )


class EventRuntime:
    """The engine's background work for one app: the evaluation tick and the delivery worker."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        delivery: DeliveryPolicy,
        *,
        evaluation_interval: float,
        lookback_days: int,
    ) -> None:
        self._sessions = sessions
        self.worker = DeliveryWorker(sessions, delivery)
        self.evaluation_interval = evaluation_interval
        self.lookback_days = lookback_days
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._due = threading.Event()
        self._ticker: threading.Thread | None = None

    def start(self) -> None:
        """Start delivering and ticking."""
        self.worker.start()
        self._ticker = threading.Thread(target=self._tick, name="mfo-evaluation-tick", daemon=True)
        self._ticker.start()

    def stop(self) -> None:
        """Stop ticking; let deliveries in flight finish."""
        self._stopping.set()
        self._due.set()
        if self._ticker is not None:
            self._ticker.join(timeout=30)
        self.worker.stop()

    def evaluate(self, now: datetime | None = None) -> Evaluation:
        """Evaluate now (one evaluation at a time in this process) and wake the worker."""
        with self._lock:
            result = evaluate(self._sessions, lookback_days=self.lookback_days, now=now)
        self.worker.wake()
        return result

    def evaluate_quietly(self) -> Evaluation | None:
        """:meth:`evaluate`, logging instead of raising: the caller's own work is already done."""
        try:
            return self.evaluate()
        except Exception:
            log.exception("evaluating budgets and alert policies failed")
            return None

    def evaluate_soon(self) -> None:
        """Have the tick thread evaluate now instead of at its next interval (returns at once)."""
        self._due.set()

    def _tick(self) -> None:
        # the first evaluation comes shortly after start-up: periods roll over and forecasts
        # move while a server is down
        self._due.wait(STARTUP_DELAY)
        while not self._stopping.is_set():
            self._due.clear()
            self.evaluate_quietly()
            if self._due.wait(self.evaluation_interval) and not self._stopping.is_set():
                self._stopping.wait(COALESCE_SECONDS)  # let a burst of changes settle first
