"""``/v1/budgets``: CRUD, validation, pagination."""

from __future__ import annotations

from datetime import UTC, datetime

from .helpers import budget_body, error, fields, ok


def test_budget_crud(api_server) -> None:
    body = budget_body(
        name="Prod",
        currency="EUR",
        start_date="2026-11-01",
        filters={"services": ["aws-ec2"], "tags": {"env": "prod"}},
        thresholds=[{"percent": 80}, {"percent": 100, "basis": "forecasted"}],
    )
    with api_server.client() as client:
        created = ok(client.post("/budgets", json=body), 201)
        assert created["id"].startswith("bud_")
        assert created == {
            "id": created["id"],
            "name": "Prod",
            "amount": 5000.0,
            "currency": "EUR",
            "period": "monthly",
            "start_date": "2026-11-01",
            "filters": {
                "services": ["aws-ec2"],
                "accounts": [],
                "providers": [],
                "models": [],
                "tags": {"env": "prod"},
            },
            "thresholds": [{"percent": 80.0, "basis": "actual"}, {"percent": 100.0, "basis": "forecasted"}],
            "created_at": created["created_at"],
            "updated_at": created["updated_at"],
        }
        url = f"/budgets/{created['id']}"
        assert ok(client.get(url)) == created

        updated = ok(client.patch(url, json={"amount": 7500.5, "filters": None, "thresholds": []}))
        assert (updated["amount"], updated["filters"], updated["thresholds"]) == (7500.5, None, [])
        assert updated["currency"] == "EUR" and updated["start_date"] == "2026-11-01"
        assert ok(client.patch(url, json={"currency": "EUR"}))["currency"] == "EUR"  # unchanged is fine

        assert ok(client.get(f"{url}/alerts")) == []
        assert ok(client.delete(url)) == {"id": created["id"], "deleted": True}
        error(client.get(url), 404, "not_found")
        error(client.delete(url), 404, "not_found")
        error(client.get(f"{url}/alerts"), 404, "not_found")


def test_start_date_defaults_to_start_of_current_period(api_server) -> None:
    today = datetime.now(UTC).date()
    quarter_month = (today.month - 1) // 3 * 3 + 1
    expected = {
        "monthly": today.replace(day=1),
        "quarterly": today.replace(month=quarter_month, day=1),
        "annual": today.replace(month=1, day=1),
    }
    with api_server.client() as client:
        for period, start in expected.items():
            created = ok(client.post("/budgets", json=budget_body(period=period)), 201)
            assert created["start_date"] == start.isoformat()
            assert created["currency"] == "USD"
            assert created["filters"] is None and created["thresholds"] == []
            # a later PATCH keeps it (no diff for Terraform)
            assert ok(client.patch(f"/budgets/{created['id']}", json={"name": "x"}))["start_date"] == start.isoformat()


def test_budget_validation_names_fields(api_server) -> None:
    with api_server.client() as client:
        err = error(
            client.post(
                "/budgets",
                json=budget_body(amount=0, currency="XYZ", period="weekly", thresholds=[{"percent": 1001}]),
            ),
            422,
            "validation_error",
        )
        assert fields(err) == {"amount", "currency", "period", "thresholds.0.percent"}

        err = error(client.post("/budgets", json=budget_body(amount=True, name="")), 422, "validation_error")
        assert fields(err) == {"amount", "name"}  # a boolean is not a number, a name is not empty

        err = error(client.post("/budgets", json={"amount": 10}), 422, "validation_error")
        assert fields(err) == {"name", "period"}

        err = error(
            client.post("/budgets", json=budget_body(start_date="2026-02-30", surprise=1)), 422, "validation_error"
        )
        assert fields(err) == {"start_date", "surprise"}

        duplicate = [{"percent": 80}, {"percent": 90}, {"percent": 80, "basis": "actual"}]
        err = error(client.post("/budgets", json=budget_body(thresholds=duplicate)), 422, "validation_error")
        assert fields(err) == {"thresholds.2"}

        err = error(client.post("/budgets", json=budget_body(filters={"tags": {"env": 1}})), 422, "validation_error")
        assert fields(err) == {"filters.tags.env"}

        created = ok(client.post("/budgets", json=budget_body()), 201)
        url = f"/budgets/{created['id']}"
        assert fields(error(client.patch(url, json={"currency": "EUR"}), 422, "validation_error")) == {"currency"}
        assert fields(error(client.patch(url, json={"name": None}), 422, "validation_error")) == {"name"}
        assert fields(error(client.patch(url, json={"amount": -1}), 422, "validation_error")) == {"amount"}


def test_pagination_walks_every_page_in_creation_order(api_server) -> None:
    with api_server.client() as client:
        mine = [ok(client.post("/budgets", json=budget_body(name=f"page-{i}")), 201)["id"] for i in range(7)]
        seen: list[str] = []
        cursor = None
        for _ in range(100):  # bounded walk
            params: dict[str, str | int] = {"limit": 3}
            if cursor:
                params["starting_after"] = cursor
            response = client.get("/budgets", params=params)
            page = ok(response)
            pagination = response.json()["meta"]["pagination"]
            assert len(page) <= 3 and pagination["limit"] == 3
            seen += [item["id"] for item in page]
            if not pagination["has_more"]:
                assert pagination["next_cursor"] is None
                break
            cursor = pagination["next_cursor"]
            assert cursor == page[-1]["id"]
        assert seen == sorted(seen) and len(seen) == len(set(seen))
        assert [i for i in seen if i in mine] == mine

        start = mine[2]
        after = ok(client.get("/budgets", params={"starting_after": start, "limit": 2}))
        assert [item["id"] for item in after] == mine[3:5]

        error(client.get("/budgets", params={"limit": 0}), 400, "invalid_request")
        error(client.get("/budgets", params={"limit": 101}), 400, "invalid_request")
        error(client.get("/budgets", params={"starting_after": "whk_x"}), 400, "invalid_request")


def test_a_patch_changes_only_the_fields_it_sends(api_server) -> None:
    """PATCH applies exactly the fields present (``exclude_unset``): null clears an optional one,
    a refused change leaves the budget as it was, and a null ``start_date`` follows the new period."""
    body = budget_body(start_date="2026-11-15", filters={"services": ["aws-ec2"]}, thresholds=[{"percent": 50}])
    with api_server.client() as client:
        created = ok(client.post("/budgets", json=body), 201)
        url = f"/budgets/{created['id']}"
        error(client.patch(url, json={"name": "renamed", "currency": "EUR"}), 422, "validation_error")
        assert ok(client.get(url)) == created

        updated = ok(client.patch(url, json={"period": "annual", "start_date": None}))
        today = datetime.now(UTC).date()
        assert (updated["period"], updated["start_date"]) == ("annual", today.replace(month=1, day=1).isoformat())
        unchanged = {k: v for k, v in updated.items() if k not in ("period", "start_date", "updated_at")}
        assert unchanged == {k: v for k, v in created.items() if k not in ("period", "start_date", "updated_at")}

        cleared = ok(client.patch(url, json={"filters": None}))
        assert cleared["filters"] is None and cleared["thresholds"] == created["thresholds"]
