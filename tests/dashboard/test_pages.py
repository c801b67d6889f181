"""The dashboard in a real browser against a real ``serve --demo``: sign-in, overview, API keys,
budgets, webhooks (test event, delivery log, secret rotation)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from metafinops import webhooks

from ._helpers import ServerHandle, running_receiver, wait_until
from .conftest import Tab


def test_demo_prints_the_dashboard_address_on_stderr(dashboard_server: ServerHandle) -> None:
    stdout = dashboard_server.stdout_path.read_text().splitlines()
    assert [line.split("=")[0] for line in stdout] == ["export METAFINOPS_BASE_URL", "export METAFINOPS_API_KEY"]
    stderr = dashboard_server.stderr_path.read_text()
    address = dashboard_server.base_url.removesuffix("/v1") + "/"
    assert f"Dashboard on {address} : sign in with the METAFINOPS_API_KEY above" in stderr
    assert dashboard_server.api_key not in stderr


def test_overview_shows_costs_and_a_non_empty_chart(tab: Tab, dashboard_server: ServerHandle) -> None:
    tab.sign_in(dashboard_server.api_key)
    page = tab.page
    chart = page.locator("#daily-chart svg[role=img]")
    assert chart.get_attribute("aria-labelledby")
    heights = [
        float(h or 0) for h in chart.locator("rect.bar").evaluate_all("els => els.map(e => e.getAttribute('height'))")
    ]
    assert len(heights) == 30 and sum(1 for h in heights if h > 0) >= 20, heights
    assert page.locator("#service-chart svg rect.bar").count() >= 3
    with dashboard_server.client() as api:
        today = datetime.now(UTC).date()
        month = {"start": today.replace(day=1).isoformat(), "end": today.isoformat()}
        summary = api.get("/costs/summary", params=month).json()["data"]
        window = {"start": (today - timedelta(days=29)).isoformat(), "end": today.isoformat(), "limit": 100}
        anomaly_days = {item["date"] for item in api.get("/anomalies", params=window).json()["data"]}
    shown = page.locator("#month-to-date").inner_text()
    assert shown == f"{summary['total_cost']:,.2f} {summary['currency']}", "the same number as the API"
    flagged = chart.locator("rect.bar.alert title").all_text_contents()
    assert anomaly_days, "the demo data has an anomaly in the last 30 days"
    assert {text.split(":")[0] for text in flagged} == anomaly_days, "the anomaly days the API lists"
    assert page.get_by_role("heading", name="Top recommendations").is_visible()
    tab.screenshot("overview")
    tab.screenshot("overview-top", full_page=False)  # what README.md shows (docs/dashboard-overview.png)


def test_key_created_in_the_browser_works_until_revoked(tab: Tab, dashboard_server: ServerHandle) -> None:
    tab.sign_in(dashboard_server.api_key)
    page = tab.open("/settings/api-keys")
    page.get_by_label("Name").fill("browser-made")
    page.get_by_label("Plan").select_option("team")
    page.get_by_role("button", name="Create key").click()
    page.wait_for_url(tab.base + "/settings/api-keys")
    key = page.locator("#new-secret").inner_text().strip()
    assert key.startswith("mfo_")
    page.get_by_role("button", name="Copy").click()
    page.locator(".copy-status").filter(has_text=re.compile(r"\S")).wait_for()
    tab.screenshot("api-keys-created")

    with httpx.Client(base_url=dashboard_server.base_url, headers={"Authorization": f"Bearer {key}"}) as api:
        assert api.get("/budgets").status_code == 200
        page.reload()
        assert key not in page.content(), "a secret is rendered once only"
        row = page.locator("tr", has_text="browser-made")
        assert re.search(r"\d{4}-\d\d-\d\dT", row.locator("td").nth(4).inner_text()), "last used is shown"
        row.get_by_role("button", name=re.compile("Revoke")).click()
        page.wait_for_url(tab.base + "/settings/api-keys")
        assert "revoked" in page.locator("tr", has_text="browser-made").inner_text()
        tab.screenshot("api-keys-revoked")
        response = api.get("/budgets")
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthorized"


def test_budgets_page_shows_spend_against_thresholds(tab: Tab, dashboard_server: ServerHandle) -> None:
    with dashboard_server.client() as api:
        created = api.post(
            "/budgets",
            json={
                "name": "Dashboard EC2",
                "amount": 100000.0,
                "period": "monthly",
                "filters": {"services": ["aws-ec2"]},
                "thresholds": [{"percent": 50}, {"percent": 120, "basis": "forecasted"}],
            },
        )
        assert created.status_code == 201, created.text
        budget_id = created.json()["data"]["id"]
        wait_until(lambda: api.get(f"/budgets/{budget_id}/alerts").json()["data"])
    tab.sign_in(dashboard_server.api_key)
    page = tab.open("/budgets")
    section = page.locator("section.budget", has=page.get_by_role("heading", name=re.compile("Dashboard EC2")))
    assert section.locator("svg[role=img] rect.bar").count() == 1
    assert section.locator("svg line.threshold").count() == 2
    assert "50.0% actual" in section.locator("table").inner_text(), "the alert history lists the crossed rule"
    tab.screenshot("budgets")


def test_webhook_delivery_log_after_a_test_event_and_rotation(
    tab: Tab, dashboard_server: ServerHandle, tmp_path: Path
) -> None:
    # the receiver fails the first attempt: the log must show both attempts
    with running_receiver(tmp_path, script="500") as receiver, dashboard_server.client() as api:
        created = api.post(
            "/webhooks",
            json={"url": receiver.url, "events": ["report.generated"], "description": "dashboard test hook"},
        )
        assert created.status_code == 201, created.text
        webhook_id, secret = created.json()["data"]["id"], created.json()["data"]["secret"]

        tab.sign_in(dashboard_server.api_key)
        page = tab.open("/webhooks")
        page.get_by_role("link", name="dashboard test hook").click()
        page.wait_for_url(f"{tab.base}/webhooks/{webhook_id}")
        page.get_by_role("button", name="Send test event").click()
        page.wait_for_url(f"{tab.base}/webhooks/{webhook_id}")
        first, retry = receiver.wait_for(2)[:2]
        assert retry.body == first.body
        sent = first.json()
        assert sent["event"] == "report.generated" and sent["data"]["test"] is True
        assert set(sent["data"]) >= {"report_id", "format", "period", "download_url"}, "shaped like the real event"
        webhooks.verify(first.body, first.header("X-MetaFinOps-Signature"), secret)  # raises if not

        def delivered() -> bool:
            page.reload()
            return page.locator("tr.delivery[data-status=succeeded]").count() == 1

        wait_until(delivered)
        row = page.locator("tr.delivery").first
        assert first.header("X-MetaFinOps-Delivery-Id") in row.inner_text()
        attempts = row.locator("ol.attempts li").all_inner_texts()
        assert len(attempts) == 2, attempts
        assert re.fullmatch(r"#1 \S+Z · HTTP 500 · \d+ ms( · .+)?", attempts[0]), attempts
        assert re.fullmatch(r"#2 \S+Z · HTTP 200 · \d+ ms", attempts[1]), attempts
        tab.screenshot("webhook-delivery-log")

        page.get_by_role("button", name="Rotate secret").click()
        page.wait_for_url(f"{tab.base}/webhooks/{webhook_id}")
        new_secret = page.locator("#new-secret").inner_text().strip()
        assert new_secret.startswith("whsec_") and new_secret != secret
        tab.screenshot("webhook-rotated")
        page.reload()
        assert new_secret not in page.content(), "a secret is rendered once only"
        page.get_by_role("button", name="Send test event").click()
        second = receiver.wait_for(3)[2]
        signatures = second.header("X-MetaFinOps-Signature")
        webhooks.verify(second.body, signatures, new_secret)
    page = tab.open("/webhooks")
    tab.screenshot("webhooks")


def test_keyboard_alone_signs_in_and_reaches_every_page(tab: Tab, dashboard_server: ServerHandle) -> None:
    page = tab.open("/sign-in")
    tab.screenshot("sign-in")
    page.keyboard.type(dashboard_server.api_key)  # the key field has the focus
    page.keyboard.press("Enter")
    page.wait_for_url(tab.base + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    for name, path in (
        ("Budgets", "/budgets"),
        ("Webhooks", "/webhooks"),
        ("Settings → API Keys", "/settings/api-keys"),
    ):
        for _ in range(10):  # bounded: the navigation comes right after the skip link
            if page.evaluate("document.activeElement.textContent") == name:
                break
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_url(tab.base + path)
        assert page.get_by_role("link", name=name).get_attribute("aria-current") == "page"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link moves the focus to the content
    assert page.evaluate("document.activeElement.id") == "main"


def test_a_javascript_error_on_a_page_is_caught(tab: Tab, dashboard_server: ServerHandle) -> None:
    """The guard every other test relies on: an uncaught exception lands in ``tab.errors``."""
    page = tab.open("/sign-in")
    with page.expect_event("pageerror"):
        page.evaluate("setTimeout(() => { throw new Error('deliberate') }, 0)")
    assert "deliberate" in tab.errors[0]
    tab.errors.clear()  # this one was wanted
