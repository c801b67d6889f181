"""Idle GPU detection over utilization samples.

Each sample stands for the time until the instance's next sample. When the next one comes
more than :data:`MAX_SAMPLE_GAP_FACTOR` times the instance's usual (median) interval later,
the data has a gap — not time the GPU was seen idle — and the sample stands for one usual
interval, as the last sample does.

An *idle episode* is a run of consecutive samples below the utilization threshold lasting at
least ``min_minutes``; its wasted cost is the hourly cost of the instance over the episode.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

__all__ = [
    "DEFAULT_IDLE_MINUTES",
    "DEFAULT_IDLE_THRESHOLD",
    "GpuSample",
    "IdleEpisode",
    "IdleInstance",
    "find_idle_instances",
    "sample_minutes",
]

DEFAULT_IDLE_THRESHOLD = 10.0  # percent utilization
DEFAULT_IDLE_MINUTES = 60
MAX_SAMPLE_GAP_FACTOR = 2.0
LONE_SAMPLE_MINUTES = 60.0  # an instance seen once stands for an hour (as in /gpu/utilization)


@dataclass(frozen=True)
class GpuSample:
    """One utilization sample (the fields of a ``gpu_samples`` row that detection uses)."""

    instance_id: str
    gpu_model: str
    account: str
    timestamp: datetime
    utilization_percent: float
    memory_percent: float
    hourly_cost: float


@dataclass(frozen=True)
class IdleEpisode:
    """A stretch of time an instance stayed below the threshold."""

    start: datetime
    end: datetime  # the end of the last idle sample's interval
    minutes: float
    average_utilization: float
    wasted_cost: float


@dataclass(frozen=True)
class IdleInstance:
    """An instance with at least one idle episode in the samples looked at."""

    instance_id: str
    gpu_model: str
    account: str
    average_utilization: float  # over all its samples, idle or not
    observed_minutes: float
    hourly_cost: float  # of its latest sample
    episodes: tuple[IdleEpisode, ...]

    @property
    def idle_minutes(self) -> float:
        return sum(episode.minutes for episode in self.episodes)

    @property
    def wasted_cost(self) -> float:
        return sum(episode.wasted_cost for episode in self.episodes)

    @property
    def idle_fraction(self) -> float:
        """Share of the observed time spent idle (0-1)."""
        return min(1.0, self.idle_minutes / self.observed_minutes) if self.observed_minutes else 0.0


def sample_minutes(samples: Sequence[GpuSample]) -> list[float]:
    """Minutes each sample of one instance (sorted by time) stands for."""
    if len(samples) == 1:
        return [LONE_SAMPLE_MINUTES]
    gaps = [(b.timestamp - a.timestamp).total_seconds() / 60.0 for a, b in pairwise(samples)]
    usual = statistics.median(gaps) or LONE_SAMPLE_MINUTES
    cap = usual * MAX_SAMPLE_GAP_FACTOR
    return [gap if gap <= cap else usual for gap in gaps] + [usual]


def _episodes(
    samples: Sequence[GpuSample], minutes: Sequence[float], threshold: float, min_minutes: float
) -> list[IdleEpisode]:
    episodes: list[IdleEpisode] = []
    run: list[int] = []

    def close_run() -> None:
        total = sum(minutes[i] for i in run)
        if run and total >= min_minutes:
            first, last = samples[run[0]], samples[run[-1]]
            episodes.append(
                IdleEpisode(
                    start=first.timestamp,
                    end=last.timestamp + timedelta(minutes=minutes[run[-1]]),
                    minutes=total,
                    average_utilization=sum(samples[i].utilization_percent for i in run) / len(run),
                    wasted_cost=sum(samples[i].hourly_cost * minutes[i] / 60.0 for i in run),
                )
            )
        run.clear()

    for index, sample in enumerate(samples):
        if sample.utilization_percent < threshold:
            if run and (sample.timestamp - samples[run[-1]].timestamp).total_seconds() / 60.0 > minutes[run[-1]] + 1e-9:
                close_run()  # a gap in the data ends the run
            run.append(index)
        else:
            close_run()
    close_run()
    return episodes


def find_idle_instances(
    samples: Iterable[GpuSample],
    *,
    threshold_percent: float = DEFAULT_IDLE_THRESHOLD,
    min_minutes: float = DEFAULT_IDLE_MINUTES,
) -> list[IdleInstance]:
    """Instances whose utilization stayed below ``threshold_percent`` for ``min_minutes`` or more.

    Sorted by wasted cost, largest first (then by instance id).
    """
    by_instance: dict[str, list[GpuSample]] = {}
    for sample in samples:
        by_instance.setdefault(sample.instance_id, []).append(sample)
    found = []
    for instance_id, rows in by_instance.items():
        rows.sort(key=lambda s: s.timestamp)
        minutes = sample_minutes(rows)
        episodes = _episodes(rows, minutes, threshold_percent, min_minutes)
        if not episodes:
            continue
        latest = rows[-1]
        found.append(
            IdleInstance(
                instance_id=instance_id,
                gpu_model=latest.gpu_model,
                account=latest.account,
                average_utilization=sum(s.utilization_percent for s in rows) / len(rows),
                observed_minutes=sum(minutes),
                hourly_cost=latest.hourly_cost,
                episodes=tuple(episodes),
            )
        )
    found.sort(key=lambda item: (-item.wasted_cost, item.instance_id))
    return found
