"""The provider's configuration and the SDK client built from it (both providers use it)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from metafinops.catalog._schema import NUMBER, STRING, Attribute, Diagnostic, ProviderConfig
from metafinops.catalog.validators import Integer, Range

if TYPE_CHECKING:
    from metafinops import Client

__all__ = ["DEFAULT_MAX_RETRIES", "PROVIDER_CONFIG", "configuration_problems", "make_client"]

DEFAULT_MAX_RETRIES = 8
"""More than the SDK's 2: an apply of hundreds of objects must ride out rate limiting (429)."""

DEFAULT_TIMEOUT = 60.0
"""Seconds one API call may take, retries and their waits included: a hung or unreachable API
fails the run instead of stalling a pipeline."""

ATTEMPT_TIMEOUT = 30.0
"""Seconds one HTTP attempt may take (never more than what is left of ``timeout``)."""

TIMEOUT_ENV = "METAFINOPS_TIMEOUT"
MAX_RETRIES_ENV = "METAFINOPS_MAX_RETRIES"

PROVIDER_CONFIG = ProviderConfig(
    description=(
        "The MetaFinOps provider manages budgets, alert policies and webhook subscriptions, and "
        "reads cost, GPU, token, carbon and recommendation data, through the MetaFinOps API."
    ),
    attributes=(
        Attribute(
            "api_key",
            STRING,
            "MetaFinOps API key (Settings → API Keys). Defaults to the `METAFINOPS_API_KEY` environment variable.",
            optional=True,
            sensitive=True,
        ),
        Attribute(
            "base_url",
            STRING,
            "API base URL. Defaults to `METAFINOPS_BASE_URL`, else `https://api.metafinops.com/v1`.",
            optional=True,
        ),
        Attribute(
            "max_retries",
            NUMBER,
            f"Retries of a request that failed with 408, 429, 5xx or a connection error (default "
            f"{DEFAULT_MAX_RETRIES}, or `{MAX_RETRIES_ENV}`); writes are retried with one idempotency key. "
            "A refused connection is retried at most 3 times, so an unreachable API fails in seconds.",
            optional=True,
            validators=(Range(0, 50), Integer()),
        ),
        Attribute(
            "timeout",
            NUMBER,
            f"Seconds one API call may take, every retry and wait included (default {DEFAULT_TIMEOUT:g}, "
            f"or `{TIMEOUT_ENV}`); one attempt waits at most {ATTEMPT_TIMEOUT:g} s. A hung API fails "
            "the run after this long instead of stalling it.",
            optional=True,
            validators=(Range(0, exclusive_minimum=True),),
        ),
    ),
)


def _setting(config: Mapping[str, Any], name: str, env: Mapping[str, str], variable: str) -> Any:
    value = config.get(name)
    if value is None and env.get(variable, "").strip():
        value = env[variable].strip()
    return value


def _numbers(config: Mapping[str, Any], env: Mapping[str, str]) -> tuple[float, int, list[Diagnostic]]:
    """``timeout`` and ``max_retries`` from the configuration or their environment variables."""
    problems: list[Diagnostic] = []
    timeout, retries = DEFAULT_TIMEOUT, DEFAULT_MAX_RETRIES
    raw_timeout = _setting(config, "timeout", env, TIMEOUT_ENV)
    if raw_timeout is not None:
        try:
            timeout = float(raw_timeout)
            if not timeout > 0:
                raise ValueError
        except ValueError:
            problems.append(
                Diagnostic("Invalid timeout", f"{TIMEOUT_ENV}={raw_timeout!r}: expected seconds > 0.", ("timeout",))
            )
            timeout = DEFAULT_TIMEOUT
    raw_retries = _setting(config, "max_retries", env, MAX_RETRIES_ENV)
    if raw_retries is not None:
        try:
            retries = int(str(raw_retries))
            if not 0 <= retries <= 50:
                raise ValueError
        except ValueError:
            problems.append(
                Diagnostic(
                    "Invalid max_retries",
                    f"{MAX_RETRIES_ENV}={raw_retries!r}: expected a whole number from 0 to 50.",
                    ("max_retries",),
                )
            )
            retries = DEFAULT_MAX_RETRIES
    return timeout, retries, problems


def configuration_problems(config: Mapping[str, Any], environment: Mapping[str, str] | None = None) -> list[Diagnostic]:
    """What stops a client from being built (a missing key, a bad environment variable), on the attribute.

    ``environment`` stands in for ``os.environ`` (the default) where the fallbacks come from:
    the warm provider daemon serves many Terraform runs, each with its own environment.
    """
    env = os.environ if environment is None else environment
    problems = _numbers(config, env)[2]
    if not (config.get("api_key") or env.get("METAFINOPS_API_KEY")):
        problems.append(
            Diagnostic(
                summary="Missing MetaFinOps API key",
                detail="Set api_key in the provider configuration or the METAFINOPS_API_KEY environment variable.",
                path=("api_key",),
            )
        )
    return problems


def make_client(config: Mapping[str, Any], environment: Mapping[str, str] | None = None) -> Client:
    """An SDK client for the provider's configuration (environment variables as fallbacks).

    With ``environment``, the fallbacks (``METAFINOPS_API_KEY``, ``METAFINOPS_BASE_URL``,
    ``METAFINOPS_TIMEOUT``, ``METAFINOPS_MAX_RETRIES``) are read from that mapping only, never
    from this process's own environment.
    """
    from metafinops import Client  # deferred: the SDK is imported only when the API is called

    env = os.environ if environment is None else environment
    timeout, max_retries, _ = _numbers(config, env)
    api_key = config.get("api_key") or None
    base_url = config.get("base_url") or None
    if environment is not None:
        api_key = api_key or environment.get("METAFINOPS_API_KEY", "")  # "" fails; os.environ is not consulted
        base_url = base_url or environment.get("METAFINOPS_BASE_URL", "").strip() or None
    return Client(
        api_key=api_key,
        base_url=base_url,
        max_retries=max_retries,
        timeout=min(ATTEMPT_TIMEOUT, timeout),
        deadline=timeout,
    )
