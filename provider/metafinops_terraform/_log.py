"""Logging to stderr in the JSON line format go-plugin understands (hclog).

Terraform reads a plugin's stderr and re-logs each JSON line with its ``@level`` under
``TF_LOG`` / ``TF_LOG_PROVIDER``, so our records sit among Terraform's own. The level is
taken, loosely, from ``TF_LOG_PROVIDER_METAFINOPS``, ``TF_LOG_PROVIDER`` or ``TF_LOG``.

Only the ``provider`` logger is opened up; libraries (httpx, httpcore, grpc) stay at WARNING
so that no request headers or bodies can reach a log line. Records carry request metadata
(RPC name, resource type, duration), never attribute values.
"""

from __future__ import annotations

import logging
import os
import sys
import time

TYPE_CHECKING = False  # the typing module stays out of start-up
if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["TRACE", "HclogFormatter", "configure_logging", "level_from_environment"]

TRACE = 5
logging.addLevelName(TRACE, "TRACE")

_LEVELS = {
    "TRACE": TRACE,
    "JSON": TRACE,
    "DEBUG": logging.DEBUG,
    "INFO": logging.INFO,
    "WARN": logging.WARNING,
    "WARNING": logging.WARNING,
    "ERROR": logging.ERROR,
    "OFF": logging.CRITICAL + 10,
}
_HCLOG_LEVELS = {TRACE: "trace", logging.DEBUG: "debug", logging.INFO: "info", logging.WARNING: "warn"}


class HclogFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        import json  # first log line only: keeps it out of start-up

        entry: dict[str, object] = {
            "@level": _HCLOG_LEVELS.get(record.levelno, "error"),
            "@message": record.getMessage(),
            "@module": "provider.metafinops",
            "@timestamp": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update(fields)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def level_from_environment(environ: Mapping[str, str] | None = None) -> int:
    """The provider's log level from ``TF_LOG*`` in ``environ`` (default ``os.environ``)."""
    env = os.environ if environ is None else environ
    for name in ("TF_LOG_PROVIDER_METAFINOPS", "TF_LOG_PROVIDER", "TF_LOG"):
        value = env.get(name, "").strip().upper()
        if value:
            return _LEVELS.get(value, TRACE)  # Terraform treats unknown values as TRACE
    return logging.WARNING


def configure_logging() -> logging.Logger:
    """The ``provider`` logger, writing hclog JSON lines to stderr (never stdout)."""
    logger = logging.getLogger("metafinops_terraform")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(HclogFormatter())
    logger.handlers[:] = [handler]
    logger.setLevel(level_from_environment())
    logger.propagate = False
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(handler)
    root.setLevel(logging.WARNING)
    return logger
