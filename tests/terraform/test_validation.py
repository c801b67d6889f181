"""Every invalid input the catalog knows fails before anything is created, on its attribute.

One configuration per resource kind holds one resource per invalid input; ``terraform
validate -json`` must report an error for each, pointing (by source range) at the line of
the offending attribute and naming it. ``terraform apply`` of the same configuration must
fail and leave nothing behind on the server.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from ._tf import Workspace


@dataclass(frozen=True)
class Case:
    label: str
    attribute: str
    """The attribute the diagnostic must name (the leaf for nested ones)."""
    lines: tuple[str, ...]
    at: str = ""
    """The top-level attribute whose line the error must point at (default: ``attribute``)."""


BUDGET = 'name = "{name}"', "amount = 100", 'period = "monthly"'
POLICY = 'name = "{name}"', 'type = "budget"'
WEBHOOK = 'url = "https://hooks.metafinops.invalid/{name}"', 'events = ["report.generated"]'


def _with(base: tuple[str, ...], **replace: str) -> tuple[str, ...]:
    lines = [line for line in base if line.split(" =")[0] not in replace]
    return (*lines, *(f"{k} = {v}" for k, v in replace.items()))


BUDGET_CASES = [
    Case("empty_name", "name", _with(BUDGET, name='""')),
    Case("zero_amount", "amount", _with(BUDGET, amount="0")),
    Case("negative_amount", "amount", _with(BUDGET, amount="-5")),
    Case("lowercase_currency", "currency", (*BUDGET, 'currency = "usd"')),
    Case("unknown_currency", "currency", (*BUDGET, 'currency = "XYZ"')),
    Case("weekly_period", "period", _with(BUDGET, period='"weekly"')),
    Case("impossible_start", "start_date", (*BUDGET, 'start_date = "2026-02-30"')),
    Case("us_start", "start_date", (*BUDGET, 'start_date = "02/01/2026"')),
    Case("zero_percent", "percent", (*BUDGET, "thresholds = [", "  { percent = 0 },", "]"), "thresholds"),
    Case("huge_percent", "percent", (*BUDGET, "thresholds = [", "  { percent = 1001 },", "]"), "thresholds"),
    Case(
        "bad_basis",
        "basis",
        (*BUDGET, "thresholds = [", '  { percent = 50, basis = "budgeted" },', "]"),
        "thresholds",
    ),
    Case("set_id", "id", (*BUDGET, 'id = "bud_123"')),
]

POLICY_CASES = [
    Case("empty_name", "name", _with(POLICY, name='""')),
    Case("cpu_type", "type", _with(POLICY, type='"cpu_idle"')),
    Case("negative_cooldown", "cooldown_minutes", (*POLICY, "cooldown_minutes = -1")),
    Case("fractional_cooldown", "cooldown_minutes", (*POLICY, "cooldown_minutes = 1.5")),
    Case(
        "urgent_severity",
        "min_severity",
        (*_with(POLICY, type='"cost_anomaly"'), "conditions = {", '  min_severity = "urgent"', "}"),
        "conditions",
    ),
    Case(
        "negative_impact",
        "min_impact",
        (*_with(POLICY, type='"cost_anomaly"'), "conditions = {", "  min_impact = -1", "}"),
        "conditions",
    ),
    Case(
        "utilization_over_100",
        "utilization_below_percent",
        (*_with(POLICY, type='"gpu_idle"'), "conditions = {", "  utilization_below_percent = 101", "}"),
        "conditions",
    ),
    Case(
        "zero_idle_minutes",
        "idle_minutes",
        (*_with(POLICY, type='"gpu_idle"'), "conditions = {", "  idle_minutes = 0", "}"),
        "conditions",
    ),
    Case(
        "fractional_idle_minutes",
        "idle_minutes",
        (*_with(POLICY, type='"gpu_idle"'), "conditions = {", "  idle_minutes = 2.5", "}"),
        "conditions",
    ),
    Case(
        "negative_token_cost",
        "max_daily_token_cost",
        (*_with(POLICY, type='"token_spend"'), "conditions = {", "  max_daily_token_cost = -10", "}"),
        "conditions",
    ),
    Case(
        "condition_of_other_type",
        "min_severity",
        (*POLICY, "conditions = {", '  min_severity = "high"', "}"),
        "conditions",
    ),
    Case("bad_email", "emails", (*POLICY, 'emails = ["finops at corp.test"]')),
]

WEBHOOK_CASES = [
    Case("http_remote_url", "url", _with(WEBHOOK, url='"http://hooks.metafinops.invalid/x"')),
    Case("ftp_url", "url", _with(WEBHOOK, url='"ftp://hooks.metafinops.invalid/x"')),
    Case("no_events", "events", _with(WEBHOOK, events="[]")),
    Case("unknown_event", "events", _with(WEBHOOK, events='["budget.exceeded"]')),
    Case("long_description", "description", (*WEBHOOK, f'description = "{"d" * 501}"')),
    Case("short_secret", "secret_wo", (*WEBHOOK, 'secret_wo = "too-short"', "secret_wo_version = 1")),
    Case("negative_version", "secret_wo_version", (*WEBHOOK, "secret_wo_version = -1")),
    Case("fractional_version", "secret_wo_version", (*WEBHOOK, "secret_wo_version = 1.5")),
    Case("set_secret", "secret", (*WEBHOOK, 'secret = "whsec_0123456789abcdefghijklmnop"')),
]

DATA_SOURCE_CASES = [
    ("metafinops_cost_summary", Case("impossible_start", "start", ('start = "2026-02-30"',))),
    ("metafinops_costs_by_service", Case("bad_end", "end", ('end = "tomorrow"',))),
    ("metafinops_anomalies", Case("urgent_severity", "min_severity", ('min_severity = "urgent"',))),
    ("metafinops_gpu_idle", Case("threshold_over_100", "threshold_percent", ("threshold_percent = 150",))),
    ("metafinops_recommendations", Case("cheaper_type", "type", ('type = "cheaper"',))),
    ("metafinops_budget_alerts", Case("missing_budget", "budget_id", ())),
]


def _render(kind: str, type_name: str, cases: list[Case], name: str) -> tuple[str, dict[str, int]]:
    """The configuration and, per case label, the line its error must point at."""
    lines: list[str] = []
    expected: dict[str, int] = {}
    for case in cases:
        lines.append(f'{kind} "{type_name}" "{case.label}" {{')
        target = None
        for body in case.lines:
            lines.append("  " + body.replace("{name}", f"{name}-{case.label}"))
            if target is None and body.split("=")[0].strip() == (case.at or case.attribute):
                target = len(lines)
        expected[case.label] = target if target is not None else len(lines) - len(case.lines)
        lines.append("}")
        lines.append("")
    return "\n".join(lines), expected


def _errors_by_block(result: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for diagnostic in result["diagnostics"]:
        assert diagnostic["severity"] == "error", diagnostic
        context = diagnostic.get("snippet", {}).get("context") or ""
        yield context, diagnostic


def _assert_reported(
    result: dict[str, Any], kind: str, type_name: str, cases: list[Case], lines: dict[str, int]
) -> None:
    assert result["valid"] is False
    errors = list(_errors_by_block(result))
    for case in cases:
        header = f'{kind} "{type_name}" "{case.label}"'
        matching = [d for context, d in errors if context.startswith(header)]
        assert matching, f"no diagnostic for {header}: {errors}"
        text = " ".join(f"{d['summary']} {d.get('detail', '')}" for d in matching)
        assert case.attribute in text, f"{header}: diagnostics do not name {case.attribute}: {text}"
        assert any(d["range"]["start"]["line"] == lines[case.label] for d in matching), (
            f"{header}: expected an error at line {lines[case.label]}, got "
            f"{[(d['summary'], d['range']['start']['line']) for d in matching]}"
        )


def _names(api: httpx.Client, path: str) -> set[str]:
    names: set[str] = set()
    cursor = None
    for _ in range(1000):
        params: dict[str, Any] = {"limit": 100}
        if cursor:
            params["starting_after"] = cursor
        body = api.get(path, params=params).json()
        names |= {item.get("name") or item.get("description") or "" for item in body["data"]}
        cursor = body["meta"]["pagination"]["next_cursor"]
        if not body["meta"]["pagination"]["has_more"]:
            return names
    raise AssertionError("pagination did not end")


@pytest.mark.parametrize(
    ("type_name", "cases", "path"),
    [
        ("metafinops_budget", BUDGET_CASES, "/budgets"),
        ("metafinops_alert_policy", POLICY_CASES, "/alert-policies"),
        ("metafinops_webhook_subscription", WEBHOOK_CASES, "/webhooks"),
    ],
)
def test_invalid_resources_fail_on_their_attribute_and_create_nothing(
    workspace: Callable[[str], Workspace], api: httpx.Client, unique: str, type_name: str, cases: list[Case], path: str
) -> None:
    ws = workspace("invalid")
    name = f"tf-invalid-{unique}"
    config, lines = _render("resource", type_name, cases, name)
    valid_one = (
        f'resource "metafinops_budget" "valid" {{\n  name   = "{name}-valid"\n  amount = 1\n  period = "annual"\n}}\n'
    )
    ws.write(config + valid_one)
    _assert_reported(ws.validate_json(), "resource", type_name, cases, lines)

    apply = ws.run("apply", "-auto-approve", ok_codes=(1,))
    assert "Error" in apply.stderr
    assert ws.state() == {}
    created = {n for n in _names(api, "/budgets") | _names(api, path) if n.startswith(name)}
    assert created == set()


def test_invalid_data_source_arguments(workspace: Callable[[str], Workspace]) -> None:
    ws = workspace("invalid-data")
    configs, all_lines = [], {}
    offset = 0
    for type_name, case in DATA_SOURCE_CASES:
        config, lines = _render("data", type_name, [case], "x")
        configs.append(config)
        all_lines[case.label] = lines[case.label] + offset
        offset += config.count("\n") + 1
    ws.write("\n".join(configs))
    result = ws.validate_json()
    for type_name, case in DATA_SOURCE_CASES:
        _assert_reported(result, "data", type_name, [case], {case.label: all_lines[case.label]})


def test_values_known_only_at_plan_are_checked_at_plan(
    workspace: Callable[[str], Workspace], api: httpx.Client, unique: str
) -> None:
    ws = workspace("plan-time")
    name = f"tf-plantime-{unique}"
    ws.write(
        'variable "amount" {\n  type    = number\n  default = -5\n}\n'
        f'resource "metafinops_budget" "b" {{\n  name   = "{name}"\n  amount = var.amount\n  period = "monthly"\n}}\n'
    )
    assert ws.validate_json()["valid"] is True  # variables are unknown to validate
    plan = ws.run("plan", ok_codes=(1,))
    assert "Invalid value for amount" in plan.stderr and "main.tf line 7" in plan.stderr, plan.stderr
    assert name not in _names(api, "/budgets")


def test_invalid_provider_configuration(workspace: Callable[[str], Workspace]) -> None:
    ws = workspace("invalid-provider")
    ws.write(
        'provider "metafinops" {\n'
        "  api_key     = var.metafinops_api_key\n"
        "  base_url    = var.metafinops_base_url\n"
        "  max_retries = -1\n"
        "  timeout     = 0\n"
        "}\n",
        "provider.tf",
    )
    ws.write(
        'terraform {\n  required_providers {\n    metafinops = { source = "metafinops/metafinops" }\n  }\n}\n'
        'variable "metafinops_api_key" {\n  type      = string\n  sensitive = true\n}\n'
        'variable "metafinops_base_url" {\n  type = string\n}\n'
        'data "metafinops_recommendations" "r" {}\n'
    )
    result = ws.validate_json()
    assert result["valid"] is False
    summaries = {(d["summary"], d["range"]["start"]["line"]) for d in result["diagnostics"]}
    assert ("Invalid value for max_retries", 4) in summaries, summaries
    assert ("Invalid value for timeout", 5) in summaries, summaries


def test_missing_api_key_is_reported_on_the_attribute(workspace: Callable[[str], Workspace]) -> None:
    ws = workspace("no-key")
    ws.write(
        'terraform {\n  required_providers {\n    metafinops = { source = "metafinops/metafinops" }\n  }\n}\n'
        'provider "metafinops" {\n  base_url = "http://127.0.0.1:9/v1"\n}\n'
        'data "metafinops_recommendations" "r" {}\n',
        "provider.tf",
    )
    plan = ws.run("plan", ok_codes=(1,))
    assert "Missing MetaFinOps API key" in plan.stderr, plan.stderr
    assert "METAFINOPS_API_KEY" in plan.stderr


def test_import_of_an_unknown_id_says_so(workspace: Callable[[str], Workspace]) -> None:
    ws = workspace("import-unknown")
    ws.write('resource "metafinops_budget" "b" {\n  name   = "x"\n  amount = 1\n  period = "monthly"\n}\n')
    result = ws.run("import", "metafinops_budget.b", "bud_doesnotexist0000000000", ok_codes=(1,))
    assert "Cannot import: no metafinops_budget with id bud_doesnotexist0000000000" in result.stderr, result.stderr
    assert ws.state() == {}
