"""The server's logging: uvicorn's and ours on stderr, as text or JSON, never with secrets.

- Every record carries ``request_id`` (the ``req_…`` of the request being served, or ``-``).
- Access lines never show a query string's values: ``?api_key=mfo_…`` is refused by the API
  but was written verbatim to the log; now it reads ``?api_key=[redacted]``.
- ``--log-format json`` writes one JSON object per line: ``time``, ``level``, ``logger``,
  ``message``, ``request_id`` (and ``method``, ``path``, ``status`` on access lines).
"""

from __future__ import annotations

import copy
import json
import logging
import time
from typing import Any, Literal
from urllib.parse import parse_qsl, urlencode

from metafinops.server.api.responses import request_id_var

__all__ = ["LOG_FORMATS", "JsonFormatter", "RedactQueryString", "RequestIdFilter", "log_config", "redact_query"]

LogFormat = Literal["text", "json"]
LOG_FORMATS: tuple[LogFormat, ...] = ("text", "json")
REDACTED = "[redacted]"


def redact_query(target: str) -> str:
    """``/v1/x?api_key=abc&limit=5`` → ``/v1/x?api_key=[redacted]&limit=[redacted]``."""
    path, sep, query = target.partition("?")
    if not sep:
        return target
    names = [name for name, _ in parse_qsl(query, keep_blank_values=True)]
    if not names:
        return f"{path}?{REDACTED}"
    return f"{path}?{urlencode([(name, REDACTED) for name in names], safe='[]')}"


class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id``."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get() or "-"
        return True


class RedactQueryString(logging.Filter):
    """Blanks query values in uvicorn's access records (``args`` = client, method, target, http, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5:
            client, method, target, version, status = args
            record.args = (client, method, redact_query(str(target)), version, status)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record."""

    converter = staticmethod(time.gmtime)  # timestamps in UTC, as the "Z" says

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
        }
        args = record.args
        if record.name == "uvicorn.access" and isinstance(args, tuple) and len(args) == 5:
            client, method, target, _version, status = args
            entry.update(client=client, method=method, path=target, status=status)
            entry["message"] = f"{method} {target} {status}"
        else:
            entry["message"] = record.getMessage()
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def log_config(log_level: str, log_format: LogFormat = "text") -> dict[str, Any]:
    """Uvicorn's logging, all on stderr (stdout carries only the --demo exports), plus ours."""
    from uvicorn.config import LOGGING_CONFIG

    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    config["handlers"]["access"]["stream"] = "ext://sys.stderr"
    config["filters"] = {
        "request_id": {"()": RequestIdFilter},
        "redact_query": {"()": RedactQueryString},
    }
    for handler in config["handlers"].values():
        handler["filters"] = ["request_id"]
    config["handlers"]["access"]["filters"] = ["request_id", "redact_query"]
    config["formatters"]["access"]["fmt"] = (
        '%(levelprefix)s %(client_addr)s - "%(request_line)s" %(status_code)s %(request_id)s'
    )
    if log_format == "json":
        config["formatters"] = {"json": {"()": JsonFormatter}}
        for handler in config["handlers"].values():
            handler["formatter"] = "json"
    config["loggers"]["metafinops"] = {"handlers": ["default"], "level": log_level.upper(), "propagate": False}
    return config
