"""Acceptance steps every resource goes through (HashiCorp's acceptance-test pattern)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import httpx

from ._tf import Workspace

__all__ = [
    "assert_applied",
    "assert_gone",
    "assert_imports",
    "assert_no_changes",
    "assert_recreated_after_out_of_band_delete",
]


def assert_applied(output: str, *, added: int, changed: int, destroyed: int, imported: int = 0) -> None:
    summary = re.search(r"Apply complete! Resources: (.*)\.", output)
    assert summary, output
    wanted = f"{added} added, {changed} changed, {destroyed} destroyed"
    if imported:
        wanted = f"{imported} imported, " + wanted
    assert summary.group(1) == wanted, output


def assert_no_changes(ws: Workspace) -> None:
    """A plan after apply is empty, and so is a refresh-only plan (no drift invented by reads).

    The refresh-only verdict is its exit code, as a drift job reads it: 0, not 2. (Terraform
    compares prior and refreshed state structurally; see test_drift.py for why that holds.)
    """
    assert ws.plan_exit_code() == 0, ws.outputs[-2]
    code = ws.plan_exit_code("-refresh-only")
    refresh = ws.outputs[-2]
    assert code == 0, refresh
    assert "No changes. Your infrastructure still matches the configuration." in refresh, refresh
    assert "changed outside of Terraform" not in refresh, refresh


def _without(attributes: dict[str, Any], ignore: Iterable[str]) -> dict[str, Any]:
    return {k: v for k, v in attributes.items() if k not in set(ignore)}


def assert_imports(
    workspace: Callable[[str], Workspace],
    config: str,
    address: str,
    object_id: str,
    applied: dict[str, Any],
    *,
    differs: dict[str, Any] | None = None,
) -> None:
    """``terraform import`` and an ``import {}`` block both rebuild the applied state.

    ``differs`` lists attributes an import cannot recover, with the value they take instead.
    """
    expected = {**applied, **(differs or {})}

    by_command = workspace(f"import-command-{address}")
    by_command.write(config)
    by_command.run("import", address, object_id)
    assert by_command.state()[address] == expected
    assert by_command.plan_exit_code() == 0, by_command.outputs[-2]

    by_block = workspace(f"import-block-{address}")
    by_block.write(config)
    by_block.write(f'import {{\n  to = {address}\n  id = "{object_id}"\n}}\n', "import.tf")
    output = by_block.apply()
    assert_applied(output, imported=1, added=0, changed=0, destroyed=0)
    assert by_block.state()[address] == expected
    assert by_block.plan_exit_code() == 0, by_block.outputs[-2]


def assert_recreated_after_out_of_band_delete(ws: Workspace, api: httpx.Client, address: str, path: str) -> str:
    """Delete the object behind Terraform's back: the next plan creates it again. Returns the new id."""
    old_id = ws.state()[address]["id"]
    assert api.delete(f"{path}/{old_id}").status_code == 200
    plan = ws.plan_output()
    assert f"{address} will be created" in plan, plan
    assert "Plan: 1 to add, 0 to change, 0 to destroy." in plan, plan
    assert_applied(ws.apply(), added=1, changed=0, destroyed=0)
    new_id = str(ws.state()[address]["id"])
    assert new_id != old_id
    assert api.get(f"{path}/{new_id}").status_code == 200
    return new_id


def assert_gone(api: httpx.Client, path: str, object_id: str) -> None:
    response = api.get(f"{path}/{object_id}")
    assert response.status_code == 404, response.text
