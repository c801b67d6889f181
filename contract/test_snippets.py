"""The API page's three snippets, verbatim, against ``serve --demo``: they print the same
non-zero March-2026 total. Node runs them from the ``npm pack`` tarball installed in an empty
directory (ES module and CommonJS), Go from a fresh module that requires the SDK.

The only change to each snippet is the key: ``YOUR_API_KEY`` becomes the demo key, as a user
would paste theirs; the base URL comes from ``METAFINOPS_BASE_URL``.
"""

from __future__ import annotations

import json
import sys
import tarfile
from pathlib import Path

import pytest

from contract.test_sdks import GO, TYPESCRIPT, build_typescript, run
from tests._server import ServerHandle

PYTHON_SNIPPET = """\
from metafinops import Client
client = Client(api_key="YOUR_API_KEY")
costs = client.costs.summary(
start="2026-03-01",
end="2026-03-31"
)
print(costs.total)
"""

NODE_SNIPPET = """\
import { MetaFinOps } from "@metafinops/sdk";
const client = new MetaFinOps("YOUR_API_KEY");
const costs = await client.costs.summary({
start: "2026-03-01",
end: "2026-03-31",
});
console.log(costs.total);
"""

NODE_COMMONJS = """\
const { MetaFinOps } = require("@metafinops/sdk");
new MetaFinOps("YOUR_API_KEY").costs.summary({ start: "2026-03-01", end: "2026-03-31" })
  .then((costs) => console.log(costs.total));
"""

TYPED_CONSUMER = """\
import { MetaFinOps, NotFoundError, type Budget, type CostSummary } from "@metafinops/sdk";
const client = new MetaFinOps("YOUR_API_KEY");
const costs: CostSummary = await client.costs.summary({ start: "2026-03-01", end: "2026-03-31" });
const total: number = costs.total;
for await (const budget of client.budgets.list({ limit: 10 })) {
  const name: string = budget.name;
}
const first: Budget[] = (await client.budgets.list()).data;
// @ts-expect-error: period is one of monthly, quarterly, annual
await client.budgets.create({ name: "x", amount: 1, period: "weekly" });
export { total, first, NotFoundError };
"""

TYPED_COMMONJS_CONSUMER = """\
import sdk = require("@metafinops/sdk");
const client = new sdk.MetaFinOps("YOUR_API_KEY");
export const pending: Promise<sdk.CostSummary> = client.costs.summary({ start: "2026-03-01" });
"""

TSCONFIG = '{"compilerOptions": {"module": "NodeNext", "moduleResolution": "NodeNext", "target": "ES2022", '
TSCONFIG += '"strict": true, "noEmit": true, "types": []}, "files": ["consumer.mts", "consumer.cts"]}'

GO_SNIPPET = """\
package main

import (
	"fmt"

	mfo "github.com/metafinops/go-sdk"
)

func main() {
	client := mfo.NewClient("YOUR_API_KEY")
	costs, err := client.Costs.Summary(&mfo.SummaryParams{
		Start: "2026-03-01",
		End:   "2026-03-31",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(costs.Total)
}
"""


@pytest.fixture(scope="module")
def demo_env(contract_server: ServerHandle) -> dict[str, str]:
    return {"METAFINOPS_BASE_URL": contract_server.base_url}


def with_key(snippet: str, server: ServerHandle) -> str:
    return snippet.replace("YOUR_API_KEY", server.api_key)


@pytest.fixture(scope="module")
def python_total(
    contract_server: ServerHandle, demo_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> str:
    script = tmp_path_factory.mktemp("python_snippet") / "snippet.py"
    script.write_text(with_key(PYTHON_SNIPPET, contract_server))
    result = run([sys.executable, str(script)], script.parent, demo_env)
    assert result.returncode == 0, result.stderr
    total = result.stdout.strip()
    assert float(total) > 0, total
    return total


def test_npm_pack_installs_in_an_empty_directory_and_runs_the_snippet(
    contract_server: ServerHandle, demo_env: dict[str, str], python_total: str, tmp_path: Path
) -> None:
    build_typescript()
    packed = run(["npm", "pack", "--json", "--pack-destination", str(tmp_path)], TYPESCRIPT)
    assert packed.returncode == 0, packed.stderr
    tarball = tmp_path / json.loads(packed.stdout)[0]["filename"]
    with tarfile.open(tarball) as archive:
        names = archive.getnames()
        manifest = json.load(archive.extractfile("package/package.json"))  # type: ignore[arg-type]
    assert not manifest.get("dependencies"), "no runtime dependencies"
    assert {"package/dist/esm/index.js", "package/dist/esm/index.d.ts", "package/dist/cjs/index.js"} <= set(names)
    assert not [name for name in names if "/src/" in name or "/test/" in name or "node_modules" in name]

    app = tmp_path / "app"
    app.mkdir()
    (app / "package.json").write_text('{"name": "app", "private": true}\n')
    installed = run(["npm", "install", "--no-audit", "--no-fund", "--offline", str(tarball)], app)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    (app / "snippet.mjs").write_text(with_key(NODE_SNIPPET, contract_server))
    (app / "snippet.cjs").write_text(with_key(NODE_COMMONJS, contract_server))
    for script in ("snippet.mjs", "snippet.cjs"):
        result = run(["node", script], app, demo_env)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == python_total, script

    # the installed .d.ts types, as an ES-module and a CommonJS TypeScript consumer sees them
    (app / "consumer.mts").write_text(TYPED_CONSUMER)
    (app / "consumer.cts").write_text(TYPED_COMMONJS_CONSUMER)
    (app / "tsconfig.json").write_text(TSCONFIG)
    tsc = TYPESCRIPT / "node_modules" / "typescript" / "bin" / "tsc"
    checked = run(["node", str(tsc), "-p", str(app / "tsconfig.json")], app)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_go_snippet_in_a_fresh_module(
    contract_server: ServerHandle, demo_env: dict[str, str], python_total: str, tmp_path: Path
) -> None:
    (tmp_path / "go.mod").write_text(
        "module snippet\n\ngo 1.23\n\nrequire github.com/metafinops/go-sdk v1.0.0\n\n"
        f"replace github.com/metafinops/go-sdk => {GO}\n"
    )
    (tmp_path / "main.go").write_text(with_key(GO_SNIPPET, contract_server))
    env = {**demo_env, "GOTOOLCHAIN": "local", "GOPROXY": "off", "GOFLAGS": "-mod=mod"}
    result = run(["go", "run", "."], tmp_path, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == python_total
