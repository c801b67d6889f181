# *** Generated from schema.json by `python -m pulumi_metafinops.codegen`: do not edit. ***
# ruff: noqa: E501
"""``pulumi:providers:metafinops``: The provider type for the metafinops package. By default, resources use package-wide configuration settings (`metafinops:apiKey`, `metafinops:baseUrl`, ...); an explicit `Provider` instance customizes them."""

from __future__ import annotations

from typing import Any, cast, overload

import pulumi

from pulumi_metafinops import _utilities

__all__ = ["Provider", "ProviderArgs"]


@pulumi.input_type
class ProviderArgs:
    def __init__(
        self,
        *,
        api_key: pulumi.Input[str] | None = None,
        base_url: pulumi.Input[str] | None = None,
        max_retries: pulumi.Input[int] | None = None,
        timeout: pulumi.Input[float] | None = None,
    ) -> None:
        """The arguments for constructing a Provider resource.

        :param api_key: MetaFinOps API key (Settings → API Keys). Defaults to the `METAFINOPS_API_KEY` environment
            variable.
        :param base_url: API base URL. Defaults to `METAFINOPS_BASE_URL`, else `https://api.metafinops.com/v1`.
        :param max_retries: Retries of a request that failed with 408, 429, 5xx or a connection error (default 8, or
            `METAFINOPS_MAX_RETRIES`); writes are retried with one idempotency key. A refused connection is retried
            at most 3 times, so an unreachable API fails in seconds.
        :param timeout: Seconds one API call may take, every retry and wait included (default 60, or
            `METAFINOPS_TIMEOUT`); one attempt waits at most 30 s. A hung API fails the run after this long instead
            of stalling it.
        """
        if api_key is not None:
            pulumi.set(self, "api_key", api_key)
        if base_url is not None:
            pulumi.set(self, "base_url", base_url)
        if max_retries is not None:
            pulumi.set(self, "max_retries", max_retries)
        if timeout is not None:
            pulumi.set(self, "timeout", timeout)

    @property
    @pulumi.getter(name="apiKey")
    def api_key(self) -> pulumi.Input[str] | None:
        """MetaFinOps API key (Settings → API Keys). Defaults to the `METAFINOPS_API_KEY` environment variable."""
        return cast("pulumi.Input[str] | None", pulumi.get(self, "api_key"))

    @api_key.setter
    def api_key(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "api_key", value)

    @property
    @pulumi.getter(name="baseUrl")
    def base_url(self) -> pulumi.Input[str] | None:
        """API base URL. Defaults to `METAFINOPS_BASE_URL`, else `https://api.metafinops.com/v1`."""
        return cast("pulumi.Input[str] | None", pulumi.get(self, "base_url"))

    @base_url.setter
    def base_url(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "base_url", value)

    @property
    @pulumi.getter(name="maxRetries")
    def max_retries(self) -> pulumi.Input[int] | None:
        """Retries of a request that failed with 408, 429, 5xx or a connection error (default 8, or
        `METAFINOPS_MAX_RETRIES`); writes are retried with one idempotency key. A refused connection is retried at
        most 3 times, so an unreachable API fails in seconds.
        """
        return cast("pulumi.Input[int] | None", pulumi.get(self, "max_retries"))

    @max_retries.setter
    def max_retries(self, value: pulumi.Input[int] | None) -> None:
        pulumi.set(self, "max_retries", value)

    @property
    @pulumi.getter
    def timeout(self) -> pulumi.Input[float] | None:
        """Seconds one API call may take, every retry and wait included (default 60, or `METAFINOPS_TIMEOUT`); one
        attempt waits at most 30 s. A hung API fails the run after this long instead of stalling it.
        """
        return cast("pulumi.Input[float] | None", pulumi.get(self, "timeout"))

    @timeout.setter
    def timeout(self, value: pulumi.Input[float] | None) -> None:
        pulumi.set(self, "timeout", value)


@pulumi.type_token("pulumi:providers:metafinops")
class Provider(pulumi.ProviderResource):
    """The provider type for the metafinops package. By default, resources use package-wide configuration settings
    (`metafinops:apiKey`, `metafinops:baseUrl`, ...); an explicit `Provider` instance customizes them.
    """

    @overload
    def __init__(
        self, resource_name: str, args: ProviderArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None: ...

    @overload
    def __init__(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        *,
        api_key: pulumi.Input[str] | None = None,
        base_url: pulumi.Input[str] | None = None,
        max_retries: pulumi.Input[int] | None = None,
        timeout: pulumi.Input[float] | None = None,
    ) -> None: ...

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        """Create a Provider.

        :param resource_name: The name of the resource.
        :param args: The arguments, as a ProviderArgs (or give them as keyword arguments).
        :param opts: Options for the resource.
        :param api_key: MetaFinOps API key (Settings → API Keys). Defaults to the `METAFINOPS_API_KEY` environment
            variable.
        :param base_url: API base URL. Defaults to `METAFINOPS_BASE_URL`, else `https://api.metafinops.com/v1`.
        :param max_retries: Retries of a request that failed with 408, 429, 5xx or a connection error (default 8, or
            `METAFINOPS_MAX_RETRIES`); writes are retried with one idempotency key. A refused connection is retried
            at most 3 times, so an unreachable API fails in seconds.
        :param timeout: Seconds one API call may take, every retry and wait included (default 60, or
            `METAFINOPS_TIMEOUT`); one attempt waits at most 30 s. A hung API fails the run after this long instead
            of stalling it.
        """
        resource_args, opts = _utilities.get_resource_args_opts(
            ProviderArgs, pulumi.ResourceOptions, *args, **kwargs
        )
        if resource_args is not None:
            self._internal_init(resource_name, opts, **resource_args.__dict__)
        else:
            self._internal_init(resource_name, *args, **kwargs)

    def _internal_init(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        api_key: pulumi.Input[str] | None = None,
        base_url: pulumi.Input[str] | None = None,
        max_retries: pulumi.Input[int] | None = None,
        timeout: pulumi.Input[float] | None = None,
        __props__: Any = None,
    ) -> None:
        opts = pulumi.ResourceOptions.merge(_utilities.get_resource_opts_defaults(), opts)
        if not isinstance(opts, pulumi.ResourceOptions):
            raise TypeError("Expected resource options to be a ResourceOptions instance")
        if opts.id is None:
            if __props__ is not None:
                raise TypeError("__props__ is only valid with opts.id, to get an existing resource")
            __props__ = ProviderArgs.__new__(ProviderArgs)
            __props__.__dict__["api_key"] = None if api_key is None else pulumi.Output.secret(api_key)
            __props__.__dict__["base_url"] = base_url
            __props__.__dict__["max_retries"] = max_retries
            __props__.__dict__["timeout"] = timeout
        secret_opts = pulumi.ResourceOptions(additional_secret_outputs=["apiKey"])
        opts = pulumi.ResourceOptions.merge(opts, secret_opts)
        super().__init__("metafinops", resource_name, __props__, opts)

    @property
    @pulumi.getter(name="apiKey")
    def api_key(self) -> pulumi.Output[str | None]:
        """MetaFinOps API key (Settings → API Keys). Defaults to the `METAFINOPS_API_KEY` environment variable."""
        return cast("pulumi.Output[str | None]", pulumi.get(self, "api_key"))

    @property
    @pulumi.getter(name="baseUrl")
    def base_url(self) -> pulumi.Output[str | None]:
        """API base URL. Defaults to `METAFINOPS_BASE_URL`, else `https://api.metafinops.com/v1`."""
        return cast("pulumi.Output[str | None]", pulumi.get(self, "base_url"))

    @property
    @pulumi.getter(name="maxRetries")
    def max_retries(self) -> pulumi.Output[int | None]:
        """Retries of a request that failed with 408, 429, 5xx or a connection error (default 8, or
        `METAFINOPS_MAX_RETRIES`); writes are retried with one idempotency key. A refused connection is retried at
        most 3 times, so an unreachable API fails in seconds.
        """
        return cast("pulumi.Output[int | None]", pulumi.get(self, "max_retries"))

    @property
    @pulumi.getter
    def timeout(self) -> pulumi.Output[float | None]:
        """Seconds one API call may take, every retry and wait included (default 60, or `METAFINOPS_TIMEOUT`); one
        attempt waits at most 30 s. A hung API fails the run after this long instead of stalling it.
        """
        return cast("pulumi.Output[float | None]", pulumi.get(self, "timeout"))
