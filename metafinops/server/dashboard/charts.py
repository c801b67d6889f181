"""Charts as SVG, rendered on the server.

No JavaScript and no chart library: a page is complete as it arrives, works without network,
prints, and a screen reader reads each chart's ``<title>``/``<desc>`` (every chart also has its
numbers in a table beside it). Colours come from ``dashboard.css`` through class names, so the
charts follow the page's contrast choices and the Content-Security-Policy needs no inline style.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from markupsafe import Markup

__all__ = ["BarItem", "ThresholdMark", "budget_gauge", "daily_bars", "money", "ranked_bars"]


def money(value: float, currency: str) -> str:
    """``1,234.56 USD``."""
    return f"{value:,.2f} {currency}"


def _nice_ceiling(value: float) -> float:
    """The smallest round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) at or above ``value``."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1.0
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * magnitude >= value:
            return float(step * magnitude)
    return float(10 * magnitude)


def _svg(width: int, height: int, chart_id: str, title: str, description: str, body: Iterable[str]) -> Markup:
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def daily_bars(
    chart_id: str, title: str, costs: Sequence[tuple[date, float]], currency: str, marked: Iterable[date] = ()
) -> Markup:
    """One bar per day; days in ``marked`` (anomalies) are drawn in the alert colour."""
    width, height, left, bottom, top = 720, 240, 64, 28, 12
    plot_w, plot_h = width - left - 8, height - top - bottom
    flagged = set(marked)
    peak = _nice_ceiling(max((cost for _, cost in costs), default=0.0))
    total = sum(cost for _, cost in costs)
    description = (
        f"{len(costs)} days, total {money(total, currency)}, highest day "
        f"{money(max((c for _, c in costs), default=0.0), currency)}"
        + (f"; {len(flagged & {d for d, _ in costs})} day(s) with cost anomalies highlighted." if flagged else ".")
    )
    parts: list[str] = []
    for fraction in (0.0, 0.5, 1.0):
        y = top + plot_h * (1 - fraction)
        parts.append(f'<line class="grid" x1="{left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(
            f'<text class="axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{peak * fraction:,.0f}</text>'
        )
    slot = plot_w / max(len(costs), 1)
    for index, (day, cost) in enumerate(costs):
        bar_h = plot_h * max(cost, 0.0) / peak
        x = left + index * slot + slot * 0.15
        kind = "bar alert" if day in flagged else "bar"
        label = f"{day.isoformat()}: {money(cost, currency)}" + (" (anomaly)" if day in flagged else "")
        parts.append(
            f'<rect class="{kind}" x="{x:.1f}" y="{top + plot_h - bar_h:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{bar_h:.1f}"><title>{escape(label)}</title></rect>'
        )
        last = index == len(costs) - 1
        if index % 7 == 0 or (last and index % 7 >= 4):  # weekly labels, the last day if there is room
            parts.append(
                f'<text class="axis" x="{x + slot * 0.35:.1f}" y="{height - 8}" text-anchor="middle">'
                f"{day.strftime('%b %d')}</text>"
            )
    return _svg(width, height, chart_id, title, description, parts)


@dataclass(frozen=True)
class BarItem:
    """One labelled value of a ranked bar chart."""

    label: str
    value: float


def ranked_bars(chart_id: str, title: str, items: Sequence[BarItem], currency: str) -> Markup:
    """Horizontal bars, largest first, each labelled with its name and amount."""
    row, label_w, width = 26, 170, 720
    height = max(len(items), 1) * row + 8
    peak = max((item.value for item in items), default=0.0) or 1.0
    plot_w = width - label_w - 150
    parts: list[str] = []
    for index, item in enumerate(items):
        y = 4 + index * row
        bar_w = plot_w * max(item.value, 0.0) / peak
        name = item.label if len(item.label) <= 24 else item.label[:23] + "…"
        parts.append(f'<text class="label" x="{label_w - 8}" y="{y + 17}" text-anchor="end">{escape(name)}</text>')
        parts.append(
            f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{bar_w:.1f}" height="{row - 8}">'
            f"<title>{escape(item.label)}: {escape(money(item.value, currency))}</title></rect>"
        )
        parts.append(
            f'<text class="value" x="{label_w + bar_w + 6:.1f}" y="{y + 17}">'
            f"{escape(money(item.value, currency))}</text>"
        )
    description = ", ".join(f"{item.label} {money(item.value, currency)}" for item in items) or "No costs."
    return _svg(width, height, chart_id, title, description, parts)


@dataclass(frozen=True)
class ThresholdMark:
    """A budget threshold rule drawn on the gauge."""

    percent: float
    basis: str
    reached: bool


def budget_gauge(
    chart_id: str,
    title: str,
    *,
    spend: float,
    forecast: float,
    amount: float,
    currency: str,
    thresholds: Sequence[ThresholdMark],
) -> Markup:
    """Spend (solid) and forecast (hatched) against the amount, with a tick per threshold."""
    width, height, left, bar_top, bar_h = 720, 64, 8, 18, 22
    plot_w = width - 2 * left
    # The scale shows the amount and every threshold with room to spare; spend or a forecast far
    # beyond that is drawn to the edge and said in words, so the thresholds stay readable.
    scale_top = max(amount * 1.25, *(amount * t.percent / 100 * 1.1 for t in thresholds)) or 1.0

    def x_of(value: float) -> float:
        return left + plot_w * min(max(value, 0.0), scale_top) / scale_top

    amount_x = x_of(amount)
    anchor = "end" if amount_x > width / 2 else "start"
    parts = [
        f'<rect class="track" x="{left}" y="{bar_top}" width="{plot_w}" height="{bar_h}"/>',
        f'<rect class="forecast" x="{left}" y="{bar_top}" width="{x_of(forecast) - left:.1f}" height="{bar_h}">'
        f"<title>Forecast {escape(money(forecast, currency))}</title></rect>",
        f'<rect class="{"bar alert" if spend >= amount else "bar"}" x="{left}" y="{bar_top}" '
        f'width="{x_of(spend) - left:.1f}" height="{bar_h}">'
        f"<title>Spend {escape(money(spend, currency))}</title></rect>",
        f'<line class="amount" x1="{amount_x:.1f}" x2="{amount_x:.1f}" y1="{bar_top - 6}" y2="{bar_top + bar_h + 6}"/>',
        f'<text class="axis" x="{amount_x + (-4 if anchor == "end" else 4):.1f}" y="{bar_top - 6}" '
        f'text-anchor="{anchor}">budget {escape(money(amount, currency))}</text>',
    ]
    if max(spend, forecast) > scale_top:
        parts.append(
            f'<text class="axis" x="{width - left}" y="{bar_top - 6}" text-anchor="end">'
            f"off the scale: {100 * max(spend, forecast) / amount:.0f}%</text>"
        )
    for mark in thresholds:
        x = x_of(amount * mark.percent / 100)
        kind = "threshold reached" if mark.reached else "threshold"
        parts.append(
            f'<line class="{kind}" x1="{x:.1f}" x2="{x:.1f}" y1="{bar_top}" y2="{bar_top + bar_h}">'
            f"<title>{mark.percent:g}% {escape(mark.basis)}</title></line>"
        )
        parts.append(
            f'<text class="axis" x="{x:.1f}" y="{bar_top + bar_h + 16}" text-anchor="middle">{mark.percent:g}%</text>'
        )
    percent = 100 * spend / amount if amount else 0.0
    description = (
        f"Spent {money(spend, currency)} of {money(amount, currency)} ({percent:.0f}%); "
        f"forecast {money(forecast, currency)} by the end of the period."
    )
    return _svg(width, height, chart_id, title, description, parts)
