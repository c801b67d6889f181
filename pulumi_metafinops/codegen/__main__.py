"""``python -m pulumi_metafinops.codegen [--check]``: regenerate schema.json and the SDK."""

from __future__ import annotations

import argparse
import sys

from pulumi_metafinops.codegen import PACKAGE_DIR, stale_files, write_files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pulumi_metafinops.codegen", description=__doc__)
    parser.add_argument("--check", action="store_true", help="only report files that are out of date")
    arguments = parser.parse_args(argv)
    if arguments.check:
        stale = stale_files()
        for name in stale:
            print(f"out of date: {PACKAGE_DIR.name}/{name}", file=sys.stderr)
        if stale:
            print("run `python -m pulumi_metafinops.codegen` to regenerate", file=sys.stderr)
        return 1 if stale else 0
    for name in write_files():
        print(f"wrote {PACKAGE_DIR.name}/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
