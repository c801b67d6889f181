"""Runs the Node (``node --test``) and Go (``go test``) contract suites against this session's
servers, and checks that each of them passed every scenario of ``vectors.json`` — run, not
skipped. The toolchains are the project's own requirements (Node >= 18 with npm, Go): a missing
one fails here, it is never skipped.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from contract import test_python

ROOT = Path(__file__).resolve().parent.parent
TYPESCRIPT = ROOT / "typescript"
GO = ROOT / "go"
TIMEOUT = 600  # seconds for one suite, or one npm ci / build


def run(command: list[str], cwd: Path, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    tool = shutil.which(command[0])
    assert tool, f"{command[0]} is not on PATH: install it (the SDKs need Node >= 18 with npm, and Go)"
    return subprocess.run(
        [tool, *command[1:]],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def build_typescript() -> None:
    """``npm ci`` (once: the locked dev dependencies, i.e. TypeScript) and the ESM + CJS build."""
    if not (TYPESCRIPT / "node_modules" / "typescript").is_dir():
        installed = run(["npm", "ci", "--no-audit", "--no-fund"], TYPESCRIPT)
        assert installed.returncode == 0, installed.stdout + installed.stderr
    built = run(["npm", "run", "build"], TYPESCRIPT)
    assert built.returncode == 0, built.stdout + built.stderr


def test_every_scenario_is_a_python_test(vectors: dict[str, Any]) -> None:
    missing = [name for name in vectors["scenarios"] if not callable(getattr(test_python, f"test_{name}", None))]
    assert not missing, f"scenarios without a test in contract/test_python.py: {missing}"


def test_node_contract(contract_env: Callable[[str], dict[str, str]], vectors: dict[str, Any]) -> None:
    build_typescript()
    result = run(["node", "--test", "--test-reporter=tap", "test/"], TYPESCRIPT, contract_env("node"))
    passed = {
        match.group(1)
        for match in re.finditer(r"^\s*ok \d+ - (\S+)(.*)$", result.stdout, re.MULTILINE)
        if "# SKIP" not in match.group(2)
    }
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
    missing = [name for name in vectors["scenarios"] if name not in passed]
    assert not missing, f"Node scenarios not passed: {missing}\n{result.stdout[-4000:]}"


def test_go_contract(contract_env: Callable[[str], dict[str, str]], vectors: dict[str, Any]) -> None:
    go_env = {"GOTOOLCHAIN": "local", "GOFLAGS": "-mod=readonly"}
    vet = run(["go", "vet", "./..."], GO, go_env)
    assert vet.returncode == 0, vet.stdout + vet.stderr
    result = run(["go", "test", "-json", "-count=1", "./..."], GO, {**go_env, **contract_env("go")})
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    passed = {
        event["Test"].removeprefix("TestContract/")
        for event in events
        if event.get("Action") == "pass" and event.get("Test", "").startswith("TestContract/")
    }
    output = "".join(event.get("Output", "") for event in events)
    assert result.returncode == 0, output[-6000:] + result.stderr[-3000:]
    missing = [name for name in vectors["scenarios"] if name not in passed]
    assert not missing, f"Go scenarios not passed: {missing}\n{output[-4000:]}"


@pytest.mark.parametrize("language", ["node", "go"])
def test_suites_name_every_scenario(language: str, vectors: dict[str, Any]) -> None:
    """The scenario names are in each suite's source (so a renamed one fails here, not silently)."""
    source = (TYPESCRIPT / "test" / "contract.test.mjs") if language == "node" else (GO / "contract_test.go")
    text = source.read_text(encoding="utf-8")
    missing = [name for name in vectors["scenarios"] if f'"{name}"' not in text]
    assert not missing, f"{source.name} has no scenario {missing}"
