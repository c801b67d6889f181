"""The SVG charts on their own: scales people can read, and text that cannot become markup."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

from metafinops.server.dashboard.charts import BarItem, ThresholdMark, budget_gauge, daily_bars, ranked_bars

SVG = "{http://www.w3.org/2000/svg}"


def _bars(svg: str) -> list[ET.Element]:
    return [el for el in ET.fromstring(svg).iter(f"{SVG}rect") if "bar" in (el.get("class") or "").split()]


def test_daily_bars_are_proportional_and_flag_anomaly_days() -> None:
    days = [(date(2026, 11, 1) + timedelta(days=n), float(n)) for n in range(10)]
    svg = str(daily_bars("d", "Cost by day", days, "USD", marked=[date(2026, 11, 5)]))
    bars = _bars(svg)
    heights = [float(bar.get("height") or 0) for bar in bars]
    assert len(bars) == 10 and heights[0] == 0 and heights == sorted(heights)
    assert abs(heights[9] / heights[3] - 3.0) < 1e-6
    flagged = [bar for bar in bars if "alert" in (bar.get("class") or "")]
    assert len(flagged) == 1 and "2026-11-05" in (flagged[0].findtext(f"{SVG}title") or "")
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.findtext(f"{SVG}title") == "Cost by day"
    assert "1 day(s) with cost anomalies" in (root.findtext(f"{SVG}desc") or "")


def test_axis_top_is_a_round_number_close_above_the_peak() -> None:
    svg = str(daily_bars("d", "t", [(date(2026, 11, 1), 5200.0)], "USD"))
    labels = [el.text for el in ET.fromstring(svg).iter(f"{SVG}text") if el.get("text-anchor") == "end"]
    assert labels[-1] == "6,000"


def test_labels_are_escaped() -> None:
    hostile = '<script>alert(1)</script>"&'
    svg = str(ranked_bars("r", hostile, [BarItem(hostile, 10.0)], "USD"))
    assert "<script>" not in svg
    root = ET.fromstring(svg)  # still well-formed XML
    assert root.findtext(f"{SVG}title") == hostile


def test_budget_gauge_keeps_thresholds_readable_when_spend_is_far_over() -> None:
    svg = str(
        budget_gauge(
            "g",
            "Budget",
            spend=73_000.0,
            forecast=80_000.0,
            amount=1_000.0,
            currency="USD",
            thresholds=[ThresholdMark(50.0, "actual", True), ThresholdMark(120.0, "forecasted", False)],
        )
    )
    root = ET.fromstring(svg)
    ticks = [float(el.get("x1") or 0) for el in root.iter(f"{SVG}line") if "threshold" in (el.get("class") or "")]
    assert len(ticks) == 2 and ticks[1] - ticks[0] > 200, "the two thresholds are far apart on the scale"
    assert any("off the scale: 8000%" in (el.text or "") for el in root.iter(f"{SVG}text"))
