"""``pyright --verifytypes metafinops``: what an editor (VS Code uses pyright) knows of the SDK.

Prints pyright's completeness score for the whole ``metafinops`` package and fails unless every
symbol of the SDK's public API (everything but ``metafinops.server``, ``metafinops.catalog``
and ``metafinops.cli``, which are the local server and the providers' engine) has a known,
unambiguous type. Run by ``./scripts/test``.

The package is installed in editable mode, through an import hook pyright cannot follow, so
the repository root goes on ``PYTHONPATH`` of the interpreter pyright asks for its paths.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_SDK = ("metafinops.server", "metafinops.catalog", "metafinops.cli")
TIMEOUT = 600  # seconds; the first run also fetches pyright itself


def main() -> int:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    pyright = Path(sys.executable).with_name("pyright")
    command = [str(pyright), "--pythonpath", sys.executable, "--verifytypes", "metafinops", "--ignoreexternal"]
    result = subprocess.run(
        [*command, "--outputjson"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT
    )
    try:
        report = json.loads(result.stdout)["typeCompleteness"]
    except (ValueError, KeyError):
        print(result.stdout[-4000:], result.stderr[-4000:], sep="\n", file=sys.stderr)
        return 1
    sdk = [s for s in report["symbols"] if not s["name"].startswith(NOT_SDK)]
    unknown = [s for s in sdk if not s["isTypeKnown"] or s["isTypeAmbiguous"]]
    print(
        f"pyright --verifytypes metafinops: completeness {report['completenessScore']:.1%} of the whole package; "
        f"SDK public API: {len(sdk) - len(unknown)}/{len(sdk)} symbols known"
    )
    for symbol in unknown:
        messages = "; ".join(d["message"].splitlines()[0] for d in symbol["diagnostics"][:2])
        print(f"  not known: {symbol['name']}: {messages}", file=sys.stderr)
    return 1 if unknown or not sdk else 0


if __name__ == "__main__":
    sys.exit(main())
