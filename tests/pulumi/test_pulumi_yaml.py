"""The Pulumi CLI on its own, no Automation API: a YAML program, run by the YAML language host
that ``scripts/build-pulumi`` builds (the Python one is not served, see DEVELOPING.md). This is
where the ``pulumi import`` command, ``pulumi preview --expect-no-changes`` and ``pulumi up``
/ ``destroy`` run as a user types them, and where the language host asks the engine for the
package's schema (the plugin's ``GetSchema``) to check the program's types."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from _pulumi_cli import pulumi_workspace

BUDGET = "metafinops:index:Budget"

PROJECT = """\
name: metafinops-yaml
runtime: yaml
resources:
  imported:
    type: metafinops:index:Budget
    properties:
      name: Imported budget (YAML)
      amount: AMOUNT
      currency: EUR
      period: quarterly
      startDate: "2026-01-01"
      thresholds:
        - percent: 90
          basis: actual
outputs:
  budgetId: ${imported.id}
"""


def test_pulumi_import_then_preview_up_destroy(pulumi_bin: Path, tmp_path: Path, api_server: Any, api: Any) -> None:
    from metafinops import NotFoundError

    existing = api.budgets.create(
        name="Imported budget (YAML)",
        amount=750,
        currency="EUR",
        period="quarterly",
        start_date="2026-01-01",
        thresholds=[{"percent": 90, "basis": "actual"}],
    )
    with pulumi_workspace(pulumi_bin, tmp_path, project=PROJECT.replace("AMOUNT", "750")) as ws:
        ws.run("stack", "init", "dev")
        ws.run("config", "set", "--secret", "metafinops:apiKey", stdin=api_server.api_key)
        ws.run("config", "set", "metafinops:baseUrl", api_server.base_url)

        ws.run("import", BUDGET, "imported", existing.id, "--yes", "--generate-code=false")
        state = json.loads(ws.run("stack", "export").stdout)
        (imported,) = [r for r in state["deployment"]["resources"] if r["type"] == BUDGET]
        assert imported["id"] == existing.id
        assert api.budgets.get(existing.id).updated_at == existing.updated_at, "import wrote to the API"

        ws.run("preview", "--expect-no-changes")
        (ws.project_dir / "Pulumi.yaml").write_text(PROJECT.replace("AMOUNT", "900"), encoding="utf-8")
        ws.run("up", "--yes")
        assert api.budgets.get(existing.id).amount == 900
        assert ws.run("stack", "output", "budgetId").stdout.strip() == existing.id

        ws.run("destroy", "--yes")
        with pytest.raises(NotFoundError):
            api.budgets.get(existing.id)
        assert api_server.api_key not in ws.text_seen()
