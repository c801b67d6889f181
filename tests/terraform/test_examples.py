"""The registry examples are valid and plan against the API; the quickstart applies cleanly."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from ._steps import assert_applied
from ._tf import Workspace

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TERRAFORM_BLOCK = 'terraform {\n  required_providers {\n    metafinops = { source = "metafinops/metafinops" }\n  }\n}\n'


def _is_empty(value: object) -> bool:
    return value in (None, 0, 0.0, "", [], {}) or (isinstance(value, str) and value.startswith("0 "))


def test_resource_and_data_source_examples_apply_and_show_data_on_the_demo(
    workspace: Callable[[str], Workspace],
) -> None:
    """Every registry example together, against ``serve --demo``: they validate, apply, and every
    data source's output has data (dates are computed from ``plantimestamp()``, not hard-coded)."""
    ws = workspace("examples")
    ws.env["METAFINOPS_BASE_URL"] = ws.env["TF_VAR_metafinops_base_url"]  # the example leaves base_url to it
    ws.env["TF_VAR_webhook_secret"] = "s" * 32
    ws.remove("provider.tf")
    (ws.directory / "provider.tf").write_text((EXAMPLES / "provider" / "provider.tf").read_text())
    snippets = sorted(EXAMPLES.glob("resources/*/resource.tf")) + sorted(EXAMPLES.glob("data-sources/*/data-source.tf"))
    assert len(snippets) == 13
    for snippet in snippets:
        shutil.copy(snippet, ws.directory / f"{snippet.parent.name}.tf")
    assert ws.validate_json()["valid"] is True
    plan = ws.plan_output()
    assert "5 to add, 0 to change, 0 to destroy" in plan, plan
    try:
        ws.apply()
        # budget alerts are recorded by the server's evaluation about a second after the create
        # (longer on a busy machine); a later refresh reads them
        for _ in range(15):  # bounded: 15 refreshes, a second apart
            ws.run("apply", "-refresh-only", "-auto-approve")
            outputs = ws.outputs_json()
            if outputs.get("thresholds_crossed"):
                break
            time.sleep(1)
        data_outputs = {p.parent.name: p.read_text() for p in EXAMPLES.glob("data-sources/*/data-source.tf")}
        assert len(outputs) >= len(data_outputs)
        empty = {name: value for name, value in outputs.items() if _is_empty(value)}
        assert not empty, f"examples that show nothing on the demo: {empty}"
    finally:
        ws.destroy()


def test_import_scripts_name_their_resource() -> None:
    for script in EXAMPLES.glob("resources/*/import.sh"):
        assert f"terraform import {script.parent.name}.example " in script.read_text()


def test_quickstart_applies_plans_clean_and_destroys(workspace: Callable[[str], Workspace]) -> None:
    ws = workspace("quickstart")
    ws.remove("provider.tf")  # the quickstart brings its own provider block and variables
    for source in (EXAMPLES / "quickstart").glob("*.tf"):
        shutil.copy(source, ws.directory / source.name)
    assert_applied(ws.apply(), added=3, changed=0, destroyed=0)
    outputs = ws.outputs_json()
    assert outputs["budget_id"].startswith("bud_")
    assert outputs["month_to_date_cost"].endswith(" USD")
    assert isinstance(outputs["idle_gpu_waste"], int | float)
    assert outputs["webhook_signing_secret"].startswith("whsec_")
    assert ws.plan_exit_code() == 0, ws.outputs[-2]
    ws.destroy()
    assert ws.state() == {}
