"""What :class:`~metafinops.Client` and :class:`~metafinops.AsyncClient` share: all but I/O.

Configuration (API key, base URL, timeout, retries), building each request (headers, one
``Idempotency-Key`` per logical write), and judging each answer: unwrap the envelope, note the
rate limit, raise the matching error, or say how long to wait before sending the request
again. The two clients only send, sleep and loop.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import os
import sys
import time
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar, cast

from metafinops._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    MetaFinOpsError,
    status_error_from_response,
)
from metafinops._httpx import httpx
from metafinops._models import RawResponse
from metafinops._operation import Operation, jsonable
from metafinops._resource import APIResource
from metafinops._retry import DEFAULT_MAX_RETRIES, is_retryable_status, retry_delay
from metafinops._ssl import default_ssl_context
from metafinops._version import __version__

if TYPE_CHECKING:
    from metafinops.resources import (
        AlertPolicies,
        Anomalies,
        Budgets,
        Carbon,
        Costs,
        Gpu,
        HealthCheck,
        Ingest,
        Recommendations,
        Reports,
        Tokens,
        Webhooks,
    )

__all__ = ["API_KEY_ENV", "BASE_URL_ENV", "DEFAULT_BASE_URL", "DEFAULT_TIMEOUT", "BaseClient", "Envelope", "RateLimit"]

logger = logging.getLogger("metafinops")

LOG_ENV = "METAFINOPS_LOG"  # "debug" or "info": log each request to stderr
API_KEY_ENV = "METAFINOPS_API_KEY"
BASE_URL_ENV = "METAFINOPS_BASE_URL"
DEFAULT_BASE_URL = "https://api.metafinops.com/v1"
DEFAULT_TIMEOUT = 30.0  # seconds, for each attempt
IDEMPOTENCY_HEADER = "Idempotency-Key"
USER_AGENT = f"metafinops-python/{__version__}"

# transport failures worth another attempt (a malformed URL or an unsupported scheme is not)
RETRYABLE_TRANSPORT_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
MAX_CONNECT_RETRIES = 3
"""A refused connection is retried at most this often (about 3 s of backoff), whatever
``max_retries`` says: nothing is listening, and a pipeline should hear so in seconds."""
MIN_ATTEMPT_SECONDS = 0.05
"""No retry is sent when less than this would be left of the deadline for it."""

_HttpClientT = TypeVar("_HttpClientT", httpx.Client, httpx.AsyncClient)
_ResourceT = TypeVar("_ResourceT", bound="APIResource[Any]")


@dataclasses.dataclass(frozen=True)
class RateLimit:
    """The API key's rate limit as of the latest response (``X-RateLimit-*`` headers)."""

    limit: int
    """Requests allowed per window."""
    remaining: int
    """Requests left in the current window."""
    reset: int
    """Seconds until the window resets."""

    @classmethod
    def from_headers(cls, headers: httpx.Headers) -> RateLimit | None:
        try:
            return cls(
                limit=int(headers["X-RateLimit-Limit"]),
                remaining=int(headers["X-RateLimit-Remaining"]),
                reset=int(float(headers["X-RateLimit-Reset"])),
            )
        except (KeyError, ValueError):
            return None


@dataclasses.dataclass(frozen=True)
class Envelope:
    """A successful answer, unwrapped: ``data``, ``meta.request_id`` and ``meta.pagination``."""

    data: Any
    raw: RawResponse
    pagination: Mapping[str, Any] | None = None

    @property
    def request_id(self) -> str | None:
        return self.raw.request_id

    @classmethod
    def from_response(cls, response: httpx.Response, *, enveloped: bool = True) -> Envelope:
        header_request_id = response.headers.get("X-Request-Id")
        raw = RawResponse(response.status_code, response.headers, header_request_id)
        if not enveloped:  # a file download: the body as it is
            return cls(response.content, raw)
        if not response.content:  # 204 No Content
            return cls(None, raw)
        try:
            payload = response.json()
        except ValueError:
            raise APIResponseValidationError(
                f"The API answered HTTP {response.status_code} with a body that is not JSON.",
                request_id=header_request_id,
            ) from None
        if not isinstance(payload, dict) or payload.get("status") != "success" or "data" not in payload:
            raise APIResponseValidationError(
                'The API\'s answer is not the v1 envelope {"status": "success", "data": …, "meta": …}; '
                "is base_url right (it ends with /v1)?",
                request_id=header_request_id,
            )
        meta = payload.get("meta")
        meta = meta if isinstance(meta, dict) else {}
        pagination = meta.get("pagination")
        request_id = meta.get("request_id") or header_request_id
        raw = dataclasses.replace(raw, request_id=request_id)
        return cls(payload["data"], raw, pagination if isinstance(pagination, dict) else None)


@dataclasses.dataclass
class _Call:
    """One logical API call: the request (sent again, unchanged, on each retry) and its outcome."""

    operation: Operation[Any]
    request: httpx.Request
    retries_taken: int = 0
    envelope: Envelope | None = None
    started: float = dataclasses.field(default_factory=time.monotonic)
    connect_failures: int = 0

    @property
    def attempts(self) -> int:
        return self.retries_taken + 1

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def result(self) -> Envelope:
        assert self.envelope is not None, "the call has not succeeded"
        return self.envelope


class BaseClient(Generic[_HttpClientT]):
    """Configuration and the request/answer logic shared by the sync and async clients."""

    api_key: str
    base_url: str
    timeout: float | httpx.Timeout
    max_retries: int
    deadline: float | None
    _http_client_class: type[_HttpClientT]  # httpx.Client or httpx.AsyncClient

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: _HttpClientT | None = None,
        default_headers: Mapping[str, str] | None = None,
        deadline: float | None = None,
    ) -> None:
        """Connect to MetaFinOps.

        - ``api_key``: defaults to ``$METAFINOPS_API_KEY``.
        - ``base_url``: defaults to ``$METAFINOPS_BASE_URL``, else ``https://api.metafinops.com/v1``.
        - ``timeout``: seconds per attempt (or an ``httpx.Timeout``).
        - ``max_retries``: how many times a failed request may be sent again (0 disables retries).
        - ``http_client``: your own ``httpx.Client`` / ``httpx.AsyncClient`` (proxies, transports);
          you close it, :meth:`close` does not.
        - ``default_headers``: sent with every request.
        - ``deadline``: seconds one logical call may take, every attempt and wait included
          (default: no limit beyond ``timeout`` per attempt and ``max_retries``). No attempt
          starts, and no attempt is allowed to run, past it.
        """
        resolved_key = api_key if api_key is not None else os.environ.get(API_KEY_ENV, "")
        if not resolved_key.strip():
            raise MetaFinOpsError(
                f"No API key: pass api_key=... to the client or set the {API_KEY_ENV} environment variable."
            )
        if max_retries < 0:
            raise ValueError(f"max_retries must be 0 or more, not {max_retries}")
        self.api_key = resolved_key.strip()
        self.base_url = _resolve_base_url(base_url)
        self.timeout = timeout
        self.max_retries = max_retries
        if deadline is not None and deadline <= 0:
            raise ValueError(f"deadline must be positive, not {deadline}")
        self.deadline = deadline
        self._default_headers = dict(default_headers or {})
        if http_client is not None and not isinstance(http_client, self._http_client_class):
            raise TypeError(
                f"{type(self).__name__} needs an {self._http_client_class.__module__}."
                f"{self._http_client_class.__name__} as http_client, not {type(http_client).__name__}"
            )
        self._owns_http_client = http_client is None
        self._http: _HttpClientT = (
            http_client if http_client is not None else self._http_client_class(verify=default_ssl_context())
        )
        self._rate_limit: RateLimit | None = None
        self._resources: dict[type[APIResource[Any]], APIResource[Any]] = {}
        _log_from_environment()

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        headers: Mapping[str, str] | None = None,
        deadline: float | None = None,
    ) -> Self:
        """A client like this one with other options, for one call or a few::

            client.with_options(timeout=5, headers={"X-Trace": "t1"}).budgets.get("bud_x")

        It shares this client's connection pool (closing it does not close the pool); the
        idempotency key of one write is its ``idempotency_key=`` argument.
        """
        if max_retries is not None and max_retries < 0:
            raise ValueError(f"max_retries must be 0 or more, not {max_retries}")
        other = copy.copy(self)
        other.timeout = self.timeout if timeout is None else timeout
        other.max_retries = self.max_retries if max_retries is None else max_retries
        if deadline is not None and deadline <= 0:
            raise ValueError(f"deadline must be positive, not {deadline}")
        other.deadline = self.deadline if deadline is None else deadline
        other._default_headers = {**self._default_headers, **(headers or {})}
        other._owns_http_client = False
        other._resources = {}
        return other

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    @property
    def rate_limit(self) -> RateLimit | None:
        """The rate limit reported by the most recent response (``None`` before the first)."""
        return self._rate_limit

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        idempotency_key: str | None = None,
    ) -> Any:
        """Call any endpoint and return the unwrapped ``data`` (with :class:`AsyncClient`: await it).

        ``path`` is relative to ``base_url`` (``"/budgets"``). Same authentication, retries,
        idempotency and errors as the typed methods.
        """
        operation = Operation(
            method.upper(),
            "/" + path.lstrip("/"),
            object,
            params={key: value for key, value in (params or {}).items() if value is not None},
            json=None if json is None else jsonable(json),
            idempotency_key=idempotency_key,
        )
        return self._run(operation)

    def _run(self, operation: Operation[Any]) -> Any:
        raise NotImplementedError

    # --- resource namespaces -------------------------------------------------------------

    def _namespace(self, resource_class: type[_ResourceT]) -> _ResourceT:
        """The client's one instance of ``resource_class``, made on first use."""
        resource = self._resources.get(resource_class)
        if resource is None:
            resource = self._resources[resource_class] = resource_class(self)
        return cast(_ResourceT, resource)

    @property
    def health(self) -> HealthCheck[Self]:
        """Is the API up: ``check``."""
        from metafinops.resources.health import HealthCheck

        return self._namespace(HealthCheck)

    @property
    def costs(self) -> Costs[Self]:
        """Spend over a period: ``summary``, ``by_service``."""
        from metafinops.resources.costs import Costs

        return self._namespace(Costs)

    @property
    def gpu(self) -> Gpu[Self]:
        """GPU ``utilization`` and ``idle`` instances."""
        from metafinops.resources.gpu import Gpu

        return self._namespace(Gpu)

    @property
    def tokens(self) -> Tokens[Self]:
        """LLM token ``usage`` and ``cost``."""
        from metafinops.resources.tokens import Tokens

        return self._namespace(Tokens)

    @property
    def budgets(self) -> Budgets[Self]:
        """Budgets: create, get, list, update, delete, alerts."""
        from metafinops.resources.budgets import Budgets

        return self._namespace(Budgets)

    @property
    def alert_policies(self) -> AlertPolicies[Self]:
        """Alert policies: create, get, list, update, delete."""
        from metafinops.resources.alert_policies import AlertPolicies

        return self._namespace(AlertPolicies)

    @property
    def webhooks(self) -> Webhooks[Self]:
        """Webhook subscriptions: create, get, list, update, delete, rotate_secret, deliveries."""
        from metafinops.resources.webhooks import Webhooks

        return self._namespace(Webhooks)

    @property
    def anomalies(self) -> Anomalies[Self]:
        """Detected cost anomalies."""
        from metafinops.resources.anomalies import Anomalies

        return self._namespace(Anomalies)

    @property
    def reports(self) -> Reports[Self]:
        """Cost reports: generate."""
        from metafinops.resources.reports import Reports

        return self._namespace(Reports)

    @property
    def carbon(self) -> Carbon[Self]:
        """Carbon ``footprint``."""
        from metafinops.resources.carbon import Carbon

        return self._namespace(Carbon)

    @property
    def recommendations(self) -> Recommendations[Self]:
        """Cost optimization recommendations."""
        from metafinops.resources.recommendations import Recommendations

        return self._namespace(Recommendations)

    @property
    def ingest(self) -> Ingest[Self]:
        """Add data: ``costs``, ``gpu_metrics``, ``token_usage``."""
        from metafinops.resources.ingest import Ingest

        return self._namespace(Ingest)

    # --- one call: build the request, judge each answer ------------------------------------

    def _start(self, operation: Operation[Any]) -> _Call:
        headers = {
            "Accept": "application/json",
            "User-Agent": USER_AGENT,
            **self._default_headers,
            "Authorization": f"Bearer {self.api_key}",
        }
        if operation.is_write:
            # one key per logical write, reused by every retry: the server applies it once
            headers[IDEMPOTENCY_HEADER] = operation.idempotency_key or str(uuid.uuid4())
        request = self._http.build_request(
            operation.method,
            self.base_url + operation.path,
            params=operation.params,
            json=operation.json,
            headers=headers,
            timeout=self.timeout,
        )
        logger.debug(
            "%s %s%s",
            request.method,
            request.url.path,
            f" (Idempotency-Key {headers[IDEMPOTENCY_HEADER]})" if IDEMPOTENCY_HEADER in headers else "",
        )
        call = _Call(operation, request)
        if self.deadline is not None:
            self._within_deadline(call, 0.0)  # the first attempt may not outlive the deadline either
        return call

    def _settle(self, call: _Call, outcome: httpx.Response | httpx.TransportError) -> float | None:
        """How an attempt ended: ``None`` when ``call.result()`` is ready, else seconds to wait
        before sending the request again. Raises when the call failed for good."""
        if isinstance(outcome, httpx.TransportError):
            connect_error = isinstance(outcome, httpx.ConnectError)
            call.connect_failures += connect_error
            if (
                call.retries_taken < self.max_retries
                and isinstance(outcome, RETRYABLE_TRANSPORT_ERRORS)
                and not (connect_error and call.connect_failures > MAX_CONNECT_RETRIES)
            ):
                delay = self._within_deadline(call, retry_delay(call.retries_taken))
                if delay is not None:
                    return self._retry(call, delay, type(outcome).__name__)
            tried = f"after {call.attempts} attempt{'s' if call.attempts > 1 else ''} in {call.elapsed():.1f} s"
            if isinstance(outcome, httpx.TimeoutException):
                raise APITimeoutError(f"No answer from {self.base_url} {tried} ({self._limits()}).") from outcome
            raise APIConnectionError(f"Could not reach {self.base_url} {tried}: {outcome}") from outcome

        response = outcome
        self._rate_limit = RateLimit.from_headers(response.headers) or self._rate_limit
        logger.debug(
            "%s %s -> %d (request_id=%s)",
            call.request.method,
            call.request.url.path,
            response.status_code,
            response.headers.get("X-Request-Id"),
        )
        if response.is_success:
            call.envelope = Envelope.from_response(response, enveloped=call.operation.enveloped)
            return None
        error = status_error_from_response(response, secrets=call.operation.secrets)
        if call.retries_taken < self.max_retries and is_retryable_status(error.status_code, error.code):
            delay = self._within_deadline(call, retry_delay(call.retries_taken, response.headers.get("Retry-After")))
            if delay is not None:
                return self._retry(call, delay, f"HTTP {error.status_code} {error.code or ''}".strip())
        raise error

    def _limits(self) -> str:
        limits = f"timeout {self.timeout} s per attempt"
        return limits + (f", deadline {self.deadline:g} s" if self.deadline is not None else "")

    def _within_deadline(self, call: _Call, delay: float) -> float | None:
        """``delay`` if a retry after it can still start before the deadline, else ``None``; the
        next attempt's own timeout is cut to what is left of the deadline."""
        if self.deadline is None:
            return delay
        left = self.deadline - call.elapsed() - delay
        if left < MIN_ATTEMPT_SECONDS:
            return None
        per_attempt = self.timeout if isinstance(self.timeout, httpx.Timeout) else httpx.Timeout(self.timeout)
        capped = {k: (left if v is None else min(v, left)) for k, v in per_attempt.as_dict().items()}
        call.request.extensions["timeout"] = capped
        return delay

    def _retry(self, call: _Call, delay: float, reason: str) -> float:
        call.retries_taken += 1
        logger.info(
            "Retrying %s %s in %.2f s after %s (retry %d of %d)",
            call.request.method,
            call.request.url.path,
            delay,
            reason,
            call.retries_taken,
            self.max_retries,
        )
        return delay


def _log_from_environment() -> None:
    """``METAFINOPS_LOG=debug|info``: the ``metafinops`` logger writes to stderr at that level.

    What is logged: method, path, status, request id, retries and their waits, never a header
    value (so never the API key) nor a body.
    """
    level = os.environ.get(LOG_ENV, "").strip().upper()
    if level not in ("DEBUG", "INFO") or any(getattr(h, "_metafinops_env", False) for h in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("[metafinops] %(levelname)s %(message)s"))
    handler._metafinops_env = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(level)


def _resolve_base_url(base_url: str | None) -> str:
    url = (base_url or os.environ.get(BASE_URL_ENV, "").strip() or DEFAULT_BASE_URL).rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise MetaFinOpsError(f"base_url must be an http(s) URL like {DEFAULT_BASE_URL!r}, not {url!r}")
    return url
