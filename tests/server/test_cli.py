"""``metafinops serve --demo`` output and ``metafinops keys``."""

from __future__ import annotations

import re

import httpx

from .helpers import ok


def test_demo_prints_exactly_two_export_lines(api_server) -> None:
    first_start_stdout = api_server.workdir / "server-1.out"
    lines = first_start_stdout.read_text().splitlines()
    assert len(lines) == 2, lines
    assert lines[0] == f"export METAFINOPS_BASE_URL={api_server.base_url}"
    assert re.fullmatch(r"export METAFINOPS_API_KEY=mfo_[A-Za-z0-9_-]{43}", lines[1])
    assert (api_server.workdir / "demo.env").read_text().splitlines() == lines
    stderr = (api_server.workdir / "server-1.err").read_text()
    assert f"ready on {api_server.base_url}" in stderr
    assert "mfo_" not in stderr  # neither the key nor anything else secret is logged


def test_keys_create_list_revoke(api_server) -> None:
    created = api_server.cli("keys", "create", "--name", "ci pipeline", "--plan", "free", "--db", api_server.db_url)
    key = created.stdout.strip()
    assert re.fullmatch(r"mfo_[A-Za-z0-9_-]{43}", key), created.stdout
    assert key not in created.stderr
    with api_server.client(key) as client:
        assert client.get("/budgets").headers["X-RateLimit-Limit"] == "60"

    listing = api_server.cli("keys", "list", "--db", api_server.db_url).stdout
    line = next(line for line in listing.splitlines() if "ci pipeline" in line)
    assert key[:12] in line and "free" in line and key not in listing

    api_server.cli("keys", "revoke", key[:12], "--db", api_server.db_url)
    assert httpx.get(f"{api_server.base_url}/budgets", headers={"Authorization": f"Bearer {key}"}).status_code == 401
    ok(httpx.get(f"{api_server.base_url}/health"))

    bad = api_server.cli("keys", "create", "--name", "x", "--plan", "platinum", "--db", api_server.db_url, check=False)
    assert bad.returncode == 2
    missing = api_server.cli("keys", "revoke", "key_nope", "--db", api_server.db_url, check=False)
    assert missing.returncode == 1 and "no single key" in missing.stderr
