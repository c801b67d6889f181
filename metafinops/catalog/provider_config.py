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

DEFAULT_TIMEOUT = 30.0

PROVIDER_CONFIG = ProviderConfig(
    description=(
        "The MetaFinOps provider manages budgets, alert policies and webhook subscriptions, and "
        "reads cost, GPU, token, carbon and recommendation data, through the MetaFinOps API."
    ),
    attributes=(
        Attribute(
            "api_key",
            STRING,
            "MetaFinOps API key (Settings → API Keys). Defaults to the `METAFINOPS_API_KEY` "
            "environment variable. Sensitive.",
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
            f"Retries of a request that failed with 408, 429, 5xx or a connection error "
            f"(default {DEFAULT_MAX_RETRIES}); writes are retried with one idempotency key.",
            optional=True,
            validators=(Range(0, 50), Integer()),
        ),
        Attribute(
            "timeout",
            NUMBER,
            f"Seconds to wait for one API response (default {DEFAULT_TIMEOUT:g}).",
            optional=True,
            validators=(Range(0, exclusive_minimum=True),),
        ),
    ),
)


def configuration_problems(config: Mapping[str, Any], environment: Mapping[str, str] | None = None) -> list[Diagnostic]:
    """What stops a client from being built (a missing key), on the attribute.

    ``environment`` stands in for ``os.environ`` (the default) where the fallbacks come from:
    the warm provider daemon serves many Terraform runs, each with its own environment.
    """
    env = os.environ if environment is None else environment
    if not (config.get("api_key") or env.get("METAFINOPS_API_KEY")):
        return [
            Diagnostic(
                summary="Missing MetaFinOps API key",
                detail="Set api_key in the provider configuration or the METAFINOPS_API_KEY environment variable.",
                path=("api_key",),
            )
        ]
    return []


def make_client(config: Mapping[str, Any], environment: Mapping[str, str] | None = None) -> Client:
    """An SDK client for the provider's configuration (environment variables as fallbacks).

    With ``environment``, the fallbacks ``METAFINOPS_API_KEY`` / ``METAFINOPS_BASE_URL`` are
    read from that mapping only, never from this process's own environment.
    """
    from metafinops import Client  # deferred: the SDK is imported only when the API is called

    max_retries = config.get("max_retries")
    timeout = config.get("timeout")
    api_key = config.get("api_key") or None
    base_url = config.get("base_url") or None
    if environment is not None:
        api_key = api_key or environment.get("METAFINOPS_API_KEY", "")  # "" fails; os.environ is not consulted
        base_url = base_url or environment.get("METAFINOPS_BASE_URL", "").strip() or None
    return Client(
        api_key=api_key,
        base_url=base_url,
        max_retries=int(max_retries) if max_retries is not None else DEFAULT_MAX_RETRIES,
        timeout=float(timeout) if timeout is not None else DEFAULT_TIMEOUT,
    )
