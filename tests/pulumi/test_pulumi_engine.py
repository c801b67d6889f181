"""``examples/pulumi`` under the real Pulumi engine: the CLI built from Pulumi's Go modules,
the real plugin found on PATH, the real server; state in a local file backend with passphrase
secrets. Operations go through ``pulumi.automation`` (which runs the CLI) and the CLI itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _pulumi_cli import (
    EXAMPLE_DIR,
    PROJECT,
    PulumiWorkspace,
    program_from_file,
    program_from_source,
    pulumi_workspace,
)

EXAMPLE = EXAMPLE_DIR / "__main__.py"
RECEIVER = "http://127.0.0.1:8787/metafinops/events"
BUDGET = "metafinops:index:Budget"
WEBHOOK = "metafinops:index:WebhookSubscription"
POLICY = "metafinops:index:AlertPolicy"


@pytest.fixture
def workspace(pulumi_bin: Path, tmp_path: Path) -> Iterator[PulumiWorkspace]:
    with pulumi_workspace(pulumi_bin, tmp_path) as ws:
        yield ws


def configure(stack: Any, api_server: Any) -> None:
    from pulumi import automation as auto

    stack.set_config("metafinops:apiKey", auto.ConfigValue(api_server.api_key, secret=True))
    stack.set_config("metafinops:baseUrl", auto.ConfigValue(api_server.base_url))
    stack.set_config(f"{PROJECT}:receiverUrl", auto.ConfigValue(RECEIVER))


def server_ids(api: Any) -> set[str]:
    """Every budget, webhook subscription and alert policy id on the server."""
    ids: set[str] = set()
    for listing in (api.budgets.list, api.webhooks.list, api.alert_policies.list):
        ids |= {item.id for item in listing(limit=100)}
    return ids


def resources(export: dict[str, Any], token: str) -> list[dict[str, Any]]:
    return [r for r in export["deployment"].get("resources", []) if r["type"] == token]


def export_stack(ws: PulumiWorkspace, stack: str) -> tuple[str, dict[str, Any]]:
    text = ws.run("stack", "export", "--stack", stack).stdout
    return text, json.loads(text)


def test_version_answers(pulumi_bin: Path, tmp_path: Path) -> None:
    """The bootstrap's CLI is the release the wrapper module requires."""
    engine_mod = (Path(__file__).resolve().parents[2] / "pulumi-engine" / "go.mod").read_text(encoding="utf-8")
    env = {"PATH": str(pulumi_bin), "PULUMI_HOME": str(tmp_path), "PULUMI_SKIP_UPDATE_CHECK": "1"}
    out = subprocess.run([str(pulumi_bin / "pulumi"), "version"], capture_output=True, text=True, check=True, env=env)
    assert f"github.com/pulumi/pulumi/pkg/v3 {out.stdout.strip()}" in engine_mod


def test_quickstart_lifecycle(workspace: PulumiWorkspace, api_server: Any, api: Any) -> None:
    """preview → up → no-change preview → drift refreshed and restored → replace → destroy."""
    from metafinops import NotFoundError

    stack = workspace.stack("dev", program_from_file(EXAMPLE))
    configure(stack, api_server)

    before = server_ids(api)
    preview = workspace.record(stack.preview())
    assert preview.change_summary.get("create") == 4, preview.change_summary  # the stack and three objects
    assert server_ids(api) == before, "preview wrote to the API"
    _, state = export_stack(workspace, "dev")
    assert not resources(state, BUDGET)

    up = workspace.record(stack.up())
    assert up.summary.result == "succeeded"
    assert up.summary.resource_changes.get("create") == 4
    # The engine took the plugin from PATH, as it says, and installed nothing into this Pulumi home.
    assert "using pulumi-resource-metafinops from $PATH" in up.stdout, up.stdout
    outputs = up.outputs
    budget = api.budgets.get(outputs["budget_id"].value)
    assert (budget.name, budget.amount, budget.currency) == ("Platform (monthly)", 5000, "USD")
    assert [(t.percent, t.basis) for t in budget.thresholds] == [(80, "actual"), (100, "forecasted")]
    webhook = api.webhooks.get(outputs["webhook_id"].value)
    assert webhook.url == RECEIVER
    policy = api.alert_policies.get(outputs["idle_gpu_policy_id"].value)
    assert policy.webhook_subscription_ids == [webhook.id]
    assert outputs["webhook_secret"].secret and outputs["webhook_secret"].value.startswith("whsec_")
    webhook_secret = outputs["webhook_secret"].value

    assert "metafinops" not in workspace.run("plugin", "ls").stdout

    workspace.record(stack.preview(expect_no_changes=True))

    # Drift: an out-of-band change shows in refresh, and the next `up` puts the program's value back.
    api.budgets.update(budget.id, amount=1234)
    refresh = workspace.record(stack.refresh())
    assert refresh.summary.resource_changes.get("update") == 1, refresh.summary.resource_changes
    _, state = export_stack(workspace, "dev")
    (budget_state,) = resources(state, BUDGET)
    assert budget_state["outputs"]["amount"] == 1234
    restored = workspace.record(stack.up())
    assert restored.summary.resource_changes.get("update") == 1
    assert api.budgets.get(budget.id).amount == 5000

    # Secrets: encrypted in the state file, never printed, never logged.
    text, state = export_stack(workspace, "dev")
    assert api_server.api_key not in text and webhook_secret not in text
    (webhook_state,) = resources(state, WEBHOOK)
    assert webhook_state["outputs"]["secret"]["4dabf18193072939515e22adb298388d"] == "1b47061264138c4ac30d75fd1eb44270"
    assert "ciphertext" in webhook_state["outputs"]["secret"]
    verbose = workspace.record(
        stack.preview(log_verbosity=9, log_to_std_err=True, log_flow=True, debug=True, diff=True)
    )
    # The -v=9 log carries the provider's configuration (the base URL is in it), so a leaked key would show.
    assert api_server.base_url in verbose.stderr, "the verbose log holds no configuration: the check proves nothing"
    seen = workspace.text_seen()
    assert api_server.api_key not in seen
    assert webhook_secret not in seen

    # Changing the currency (immutable) replaces the budget: a new one, the old one gone.
    eur = program_from_file(EXAMPLE, {'currency="USD"': 'currency="EUR"'})
    up_eur = workspace.record(stack.up(program=eur))
    assert up_eur.summary.resource_changes.get("replace") == 1, up_eur.summary.resource_changes
    new_budget = api.budgets.get(up_eur.outputs["budget_id"].value)
    assert new_budget.id != budget.id and new_budget.currency == "EUR"
    with pytest.raises(NotFoundError):
        api.budgets.get(budget.id)

    destroy = workspace.record(stack.destroy())
    assert destroy.summary.result == "succeeded"
    for get, object_id in (
        (api.budgets.get, new_budget.id),
        (api.webhooks.get, webhook.id),
        (api.alert_policies.get, policy.id),
    ):
        with pytest.raises(NotFoundError):
            get(object_id)
    _, state = export_stack(workspace, "dev")
    assert not [r for r in state["deployment"].get("resources", []) if r["type"].startswith("metafinops:index:")]
    assert api_server.api_key not in workspace.text_seen()


IMPORTED_PROGRAM = """
import pulumi
import pulumi_metafinops as metafinops

metafinops.Budget(
    "imported",
    name="Imported budget",
    amount=750,
    currency="EUR",
    period="quarterly",
    start_date="2026-01-01",
    thresholds=[metafinops.BudgetThresholdArgs(percent=90, basis="actual")],
    opts=pulumi.ResourceOptions(import_=IMPORT_ID),
)
"""


def test_import_then_preview_is_empty(workspace: PulumiWorkspace, api_server: Any, api: Any) -> None:
    """An existing budget adopted by the engine's import (the `import` resource option: `pulumi
    import` itself needs the Python language host, see DEVELOPING.md), then the program without
    the option previews with no changes; destroy deletes it on the server."""
    from metafinops import NotFoundError

    existing = api.budgets.create(
        name="Imported budget",
        amount=750,
        currency="EUR",
        period="quarterly",
        start_date="2026-01-01",
        thresholds=[{"percent": 90, "basis": "actual"}],
    )
    stack = workspace.stack("imports", program_from_source(IMPORTED_PROGRAM.replace("IMPORT_ID", repr(existing.id))))
    configure(stack, api_server)
    imported_run = workspace.record(stack.up())
    assert imported_run.summary.resource_changes.get("import") == 1, imported_run.summary.resource_changes
    _, state = export_stack(workspace, "imports")
    (imported,) = resources(state, BUDGET)
    assert imported["id"] == existing.id and imported["outputs"]["amount"] == 750
    assert api.budgets.get(existing.id).updated_at == existing.updated_at, "import wrote to the API"

    adopted = program_from_source(IMPORTED_PROGRAM.replace("    opts=pulumi.ResourceOptions(import_=IMPORT_ID),\n", ""))
    workspace.record(stack.preview(program=adopted, expect_no_changes=True))
    workspace.record(stack.destroy())
    with pytest.raises(NotFoundError):
        api.budgets.get(existing.id)


def test_plugin_off_path_then_installed_with_plugin_install(pulumi_bin: Path, tmp_path: Path, api_server: Any) -> None:
    """Without `pulumi-resource-metafinops` on PATH and nothing installed, the engine has no
    plugin (so the lifecycle test's PATH lookup was real); `pulumi plugin install resource
    metafinops 1.0.0 --file …` puts it where the engine looks for the version the SDK asks for."""
    from pulumi import automation as auto

    with pulumi_workspace(pulumi_bin, tmp_path, plugin_on_path=False) as ws:
        stack = ws.stack("noplugin", program_from_file(EXAMPLE))
        configure(stack, api_server)
        with pytest.raises(auto.CommandError) as failure:
            stack.preview()
        assert "metafinops" in str(failure.value)
        assert api_server.api_key not in str(failure.value)

        plugin = Path(sys.executable).with_name("pulumi-resource-metafinops")
        ws.run("plugin", "install", "resource", "metafinops", "1.0.0", "--file", str(plugin))
        assert "metafinops" in ws.run("plugin", "ls").stdout
        preview = ws.record(stack.preview())
        assert preview.change_summary.get("create") == 4, preview.change_summary
        assert "from $PATH" not in preview.stdout
