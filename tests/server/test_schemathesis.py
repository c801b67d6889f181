"""schemathesis against ``/v1/openapi.json``: every check, three phases, nothing found.

``--checks all`` minus ``positive_data_acceptance``: that check expects every schema-valid body
to be accepted, but some validity depends on state JSON Schema cannot describe (an id in
``webhook_subscription_ids`` must exist, a webhook URL must not be a private address literal,
a budget's currency cannot change). Run with it (2026-11-30, seed below), it found 7 such
refusals and nothing else: ids that do not exist, http URLs to non-loopback hosts, timestamps
outside 1970-2100 once converted to UTC, and a NUL character in a label (the only one a schema
``pattern`` could describe). It had also found integer fields refusing 2688.0, which JSON
Schema counts as an integer: those accept it now (``test_hardening.py``). The hooks in
``_schemathesis_hooks.py`` make generated requests what a correct client sends (fresh
Idempotency-Keys, ordered date ranges). Authentication goes through the document's own
security scheme (``HTTPBearer``), so the coverage phase's "no Authorization" cases really go
without it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

MAX_EXAMPLES = 10
RUN_TIMEOUT = 480  # seconds; a run takes about 3 minutes here (the coverage phase is most of it)
SEED = 20261127  # fixed: a CI failure must be reproducible
ROOT = Path(__file__).resolve().parents[2]


def _schemathesis() -> str:
    # a dev dependency (pyproject [dev]): installed by scripts/bootstrap, so never skipped
    return str(Path(sys.executable).with_name("schemathesis"))


def test_schemathesis_all_checks_find_nothing(start_server, tmp_path) -> None:
    config = tmp_path / "schemathesis.toml"
    config.write_text('[auth.openapi.HTTPBearer]\nbearer = "${METAFINOPS_API_KEY}"\n')
    with start_server(tmp_path / "server") as server:
        env = {
            **os.environ,
            "METAFINOPS_API_KEY": server.api_key,
            "SCHEMATHESIS_HOOKS": "tests.server._schemathesis_hooks",
            "PYTHONPATH": str(ROOT),
        }
        result = subprocess.run(
            [
                _schemathesis(),
                "--config-file",
                str(config),
                "run",
                f"{server.base_url}/openapi.json",
                "--url",
                server.base_url,
                "--checks",
                "all",
                "--exclude-checks",
                "positive_data_acceptance",
                "--phases",
                "coverage,fuzzing,stateful",
                "--max-examples",
                str(MAX_EXAMPLES),
                "--workers",
                "1",  # hypothesis's lambda-source cache is not thread-safe on Python 3.11
                "--request-timeout",
                "10",
                "--no-shrink",
                "--seed",
                str(SEED),
                "--continue-on-failure",
            ],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT,
        )
        server_log = server.stderr_path.read_text(errors="replace")
    assert result.returncode == 0, result.stdout[-12000:] + result.stderr[-2000:]
    for phase in ("Coverage", "Fuzzing", "Stateful"):
        assert phase in result.stdout, result.stdout[-4000:]
    assert "unhandled error" not in server_log, server_log[-8000:]
