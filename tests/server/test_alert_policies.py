"""``/v1/alert-policies``: CRUD, per-type conditions, references."""

from __future__ import annotations

from typing import Any

from .helpers import budget_body, error, fields, list_all, ok

NULL_CONDITIONS = {
    "min_severity": None,
    "min_impact": None,
    "services": None,
    "accounts": None,
    "budget_ids": None,
    "utilization_below_percent": None,
    "idle_minutes": None,
    "max_daily_token_cost": None,
}


def _webhook(client: Any) -> str:
    body = {"url": "https://hooks.corp.test/finops", "events": ["gpu.idle.detected"]}
    return str(ok(client.post("/webhooks", json=body), 201)["id"])


def test_alert_policy_crud(api_server) -> None:
    with api_server.client() as client:
        webhook_id = _webhook(client)
        body = {
            "name": "GPU idle",
            "type": "gpu_idle",
            "conditions": {"utilization_below_percent": 5, "idle_minutes": 60},
            "webhook_subscription_ids": [webhook_id],
            "emails": ["oncall@corp.test"],
        }
        created = ok(client.post("/alert-policies", json=body), 201)
        assert created["id"].startswith("apol_")
        assert created == {
            "id": created["id"],
            "name": "GPU idle",
            "type": "gpu_idle",
            "enabled": True,
            "cooldown_minutes": 60,
            "conditions": {**NULL_CONDITIONS, "utilization_below_percent": 5.0, "idle_minutes": 60},
            "webhook_subscription_ids": [webhook_id],
            "emails": ["oncall@corp.test"],
            "created_at": created["created_at"],
            "updated_at": created["updated_at"],
        }
        url = f"/alert-policies/{created['id']}"
        assert ok(client.get(url)) == created
        assert created in list_all(client, "/alert-policies")

        updated = ok(
            client.patch(url, json={"enabled": False, "cooldown_minutes": 0, "emails": None, "type": "gpu_idle"})
        )
        assert (updated["enabled"], updated["cooldown_minutes"], updated["emails"]) == (False, 0, [])
        assert updated["conditions"] == created["conditions"]

        assert ok(client.delete(url)) == {"id": created["id"], "deleted": True}
        error(client.get(url), 404, "not_found")


def test_conditions_must_fit_the_type(api_server) -> None:
    with api_server.client() as client:
        err = error(
            client.post(
                "/alert-policies",
                json={"name": "x", "type": "cost_anomaly", "conditions": {"min_severity": "high", "idle_minutes": 5}},
            ),
            422,
            "validation_error",
        )
        assert fields(err) == {"conditions.idle_minutes"}

        ok_body = {
            "name": "x",
            "type": "token_spend",
            "conditions": {"max_daily_token_cost": 50, "services": ["openai"]},
        }
        created = ok(client.post("/alert-policies", json=ok_body), 201)
        err = error(
            client.patch(f"/alert-policies/{created['id']}", json={"conditions": {"budget_ids": []}}),
            422,
            "validation_error",
        )
        assert fields(err) == {"conditions.budget_ids"}
        err = error(client.patch(f"/alert-policies/{created['id']}", json={"type": "budget"}), 422, "validation_error")
        assert fields(err) == {"type"}

        err = error(
            client.post(
                "/alert-policies",
                json={
                    "name": "x",
                    "type": "gpu_idle",
                    "conditions": {"utilization_below_percent": 101, "idle_minutes": 0},
                    "emails": ["not-an-address"],
                    "cooldown_minutes": -1,
                },
            ),
            422,
            "validation_error",
        )
        assert fields(err) == {
            "conditions.utilization_below_percent",
            "conditions.idle_minutes",
            "emails.0",
            "cooldown_minutes",
        }


def test_referenced_ids_must_exist(api_server) -> None:
    with api_server.client() as client:
        webhook_id = _webhook(client)
        body = {"name": "x", "type": "budget", "webhook_subscription_ids": [webhook_id, "whk_missing"]}
        err = error(client.post("/alert-policies", json=body), 422, "validation_error")
        assert fields(err) == {"webhook_subscription_ids.1"}

        body = {"name": "x", "type": "budget", "conditions": {"budget_ids": ["bud_missing"]}}
        err = error(client.post("/alert-policies", json=body), 422, "validation_error")
        assert fields(err) == {"conditions.budget_ids.0"}


def test_deleting_a_referenced_webhook_or_budget_detaches_it(api_server) -> None:
    with api_server.client() as client:
        keep, gone = _webhook(client), _webhook(client)
        budget_keep = ok(client.post("/budgets", json=budget_body()), 201)["id"]
        budget_gone = ok(client.post("/budgets", json=budget_body()), 201)["id"]
        body = {
            "name": "budget watch",
            "type": "budget",
            "conditions": {"budget_ids": [budget_keep, budget_gone]},
            "webhook_subscription_ids": [keep, gone],
        }
        policy = ok(client.post("/alert-policies", json=body), 201)

        ok(client.delete(f"/webhooks/{gone}"))
        ok(client.delete(f"/budgets/{budget_gone}"))

        after = ok(client.get(f"/alert-policies/{policy['id']}"))
        assert after["webhook_subscription_ids"] == [keep]
        assert after["conditions"]["budget_ids"] == [budget_keep]
