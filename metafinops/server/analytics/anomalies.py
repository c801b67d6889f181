"""Cost anomaly detection: a robust z-score against the same weekday in earlier weeks.

For each (service, account) the daily cost ``x`` of a day is compared with the costs of the
same weekday in the previous :data:`HISTORY_WEEKS` weeks (so weekday/weekend rhythm is not an
anomaly). With ``m`` their median and ``MAD`` their median absolute deviation, the score is the
modified z-score of Iglewicz and Hoaglin::

    z = (x - m) / (1.4826 * MAD)        # 1.4826 * MAD estimates the standard deviation

The median and MAD ignore earlier spikes, which a mean and standard deviation would not. The
spread is floored at :data:`RELATIVE_SPREAD_FLOOR` of ``m`` so a perfectly flat history does not
make a cent's change infinitely surprising. A day is an anomaly when ``z >= Z_THRESHOLD``
(3.5, Iglewicz & Hoaglin's recommendation) and it costs at least :data:`MIN_IMPACT` more than
expected; only increases are reported — unusual *spend*.

Severity weighs how surprising, how large in relative terms and how large in money the day is,
and is the *lowest* of three levels (so one small dimension keeps it low):

- relative impact ``x / m``: below 1.5 times low, below 2.5 times medium, below 5 times high, else critical
  (an expected cost of zero or less counts as critical on this axis);
- absolute impact ``x - m`` in the data's currency: below 10 low, below 100 medium, below
  1,000 high, else critical;
- statistical score ``z``: below 2 times :data:`Z_THRESHOLD` (7) at most medium, else no cap.

So a $1 day against an expected $0 is low (tiny impact), a $450 day against $100 is high, and a
$50,000 day against $10,000 is critical.
"""

from __future__ import annotations

import logging
import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from metafinops._contract import SEVERITIES as SEVERITIES
from metafinops._contract import Severity

__all__ = [
    "HISTORY_WEEKS",
    "MAX_JUDGED_DAYS",
    "METHOD",
    "MIN_HISTORY",
    "SEVERITIES",
    "Z_THRESHOLD",
    "Anomaly",
    "detect_anomalies",
    "severity_at_least",
    "severity_for",
    "severity_for_ratio",
]

logger = logging.getLogger(__name__)


METHOD = "robust_zscore_same_weekday"  # the value of each anomaly's ``method`` field
HISTORY_WEEKS = 8
MIN_HISTORY = 3  # weeks of history a day needs before it can be judged
Z_THRESHOLD = 3.5
MAD_TO_SIGMA = 1.4826
RELATIVE_SPREAD_FLOOR = 0.05
MIN_IMPACT = 1.0  # currency units
MAX_JUDGED_DAYS = 400  # per series, counted back from its last day: a bound on the work per series
# severity by actual / expected: below 1.5x low, below 2.5x medium, below 5x high, else critical
_SEVERITY_RATIOS: tuple[tuple[float, Severity], ...] = ((1.5, "low"), (2.5, "medium"), (5.0, "high"))
# severity by actual - expected (currency units)
_SEVERITY_IMPACTS: tuple[tuple[float, Severity], ...] = ((10.0, "low"), (100.0, "medium"), (1000.0, "high"))
_WEAK_SCORE = 2 * Z_THRESHOLD
_WEAK_SCORE_CAP: Severity = "medium"

SeriesKey = tuple[str, str]  # (service, account)


@dataclass(frozen=True)
class Anomaly:
    """One day of one service in one account that cost much more than usual."""

    day: date
    service: str
    account: str
    expected_cost: float
    actual_cost: float
    score: float
    severity: Severity

    @property
    def impact(self) -> float:
        """How much more than expected the day cost."""
        return self.actual_cost - self.expected_cost


def severity_for_ratio(actual: float, expected: float) -> Severity:
    """Severity of a cost ``actual`` where ``expected`` was usual."""
    if expected <= 0:
        return "critical"
    ratio = actual / expected
    for limit, severity in _SEVERITY_RATIOS:
        if ratio < limit:
            return severity
    return "critical"


def _by_impact(impact: float) -> Severity:
    for limit, severity in _SEVERITY_IMPACTS:
        if impact < limit:
            return severity
    return "critical"


def severity_for(actual: float, expected: float, score: float | None = None) -> Severity:
    """Severity of a cost ``actual`` where ``expected`` was usual: the lowest of its relative,
    absolute and (when given) statistical levels — see the module docstring."""
    levels = [severity_for_ratio(actual, expected), _by_impact(actual - expected)]
    if score is not None and score < _WEAK_SCORE:
        levels.append(_WEAK_SCORE_CAP)
    return min(levels, key=SEVERITIES.index)


def severity_at_least(severity: str, minimum: str | None) -> bool:
    """Whether ``severity`` is ``minimum`` or worse (any severity passes a None minimum)."""
    if minimum is None:
        return True
    return SEVERITIES.index(severity) >= SEVERITIES.index(minimum)


def _series_anomalies(key: SeriesKey, costs: Mapping[date, float], since: date | None) -> list[Anomaly]:
    first, last = min(costs), max(costs)
    found = []
    day = max(first + timedelta(weeks=MIN_HISTORY), since or first, last - timedelta(days=MAX_JUDGED_DAYS - 1))
    while day <= last:
        history = [
            costs.get(day - timedelta(weeks=week), 0.0)
            for week in range(1, HISTORY_WEEKS + 1)
            if day - timedelta(weeks=week) >= first
        ]
        actual = costs.get(day, 0.0)
        expected = statistics.median(history)
        mad = statistics.median(abs(cost - expected) for cost in history)
        spread = max(MAD_TO_SIGMA * mad, RELATIVE_SPREAD_FLOOR * abs(expected), 0.01)
        score = (actual - expected) / spread
        if score >= Z_THRESHOLD and actual - expected >= MIN_IMPACT:
            found.append(
                Anomaly(
                    day=day,
                    service=key[0],
                    account=key[1],
                    expected_cost=round(expected, 2),
                    actual_cost=round(actual, 2),
                    score=round(score, 2),
                    severity=severity_for(actual, expected, score),
                )
            )
        day += timedelta(days=1)
    return found


def detect_anomalies(
    daily_costs: Mapping[SeriesKey, Mapping[date, float]], *, since: date | None = None
) -> list[Anomaly]:
    """Anomalies of every (service, account) daily cost series, judged from ``since`` on.

    Days missing inside a series count as zero cost. Only the last :data:`MAX_JUDGED_DAYS` days
    of each series are judged, so the work per series is bounded whatever dates it spans; a
    series whose detection fails is logged and skipped. Sorted by day, then service and account.
    """
    found: list[Anomaly] = []
    for key, costs in daily_costs.items():
        if not costs:
            continue
        try:
            found.extend(_series_anomalies(key, costs, since))
        except Exception:  # one broken series must not stop the detection of the others
            logger.exception("anomaly detection failed for service %r, account %r", *key)
    found.sort(key=lambda a: (a.day, a.service, a.account))
    return found
