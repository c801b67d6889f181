# *** Generated from schema.json by `python -m pulumi_metafinops.codegen`: do not edit. ***
# ruff: noqa: E501
"""``metafinops:index:Budget``: A budget: a spending limit for a period, scoped by filters, with threshold rules. When spend in scope crosses a rule, MetaFinOps records a budget alert and emits `budget.threshold.reached` (once per rule per period)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast, overload

import pulumi

from pulumi_metafinops import _utilities, outputs
from pulumi_metafinops._inputs import (
    BudgetFiltersArgs,
    BudgetFiltersArgsDict,
    BudgetThresholdArgs,
    BudgetThresholdArgsDict,
)

__all__ = ["Budget", "BudgetArgs"]


@pulumi.input_type
class BudgetArgs:
    def __init__(
        self,
        *,
        amount: pulumi.Input[float],
        name: pulumi.Input[str],
        period: pulumi.Input[str],
        currency: pulumi.Input[str] | None = None,
        filters: pulumi.Input[BudgetFiltersArgs | BudgetFiltersArgsDict] | None = None,
        start_date: pulumi.Input[str] | None = None,
        thresholds: pulumi.Input[Sequence[pulumi.Input[BudgetThresholdArgs | BudgetThresholdArgsDict]]] | None = None,
    ) -> None:
        """The arguments for constructing a Budget resource.

        :param amount: The limit for one period, in `currency`; greater than 0 and at most 1e+15.
        :param name: Display name of the budget.
        :param period: Length of a budget period: `monthly`, `quarterly` or `annual`.
        :param currency: ISO 4217 currency of `amount`.
        :param filters: What spend counts towards the budget; all spend when omitted.
        :param start_date: First day of the first period (`YYYY-MM-DD`). When omitted, MetaFinOps uses the start of
            the current period and that value is kept.
        :param thresholds: Threshold rules; each fires once per period.
        """
        pulumi.set(self, "amount", amount)
        pulumi.set(self, "name", name)
        pulumi.set(self, "period", period)
        if currency is not None:
            pulumi.set(self, "currency", currency)
        if filters is not None:
            pulumi.set(self, "filters", filters)
        if start_date is not None:
            pulumi.set(self, "start_date", start_date)
        if thresholds is not None:
            pulumi.set(self, "thresholds", thresholds)

    @property
    @pulumi.getter
    def amount(self) -> pulumi.Input[float]:
        """The limit for one period, in `currency`; greater than 0 and at most 1e+15."""
        return cast("pulumi.Input[float]", pulumi.get(self, "amount"))

    @amount.setter
    def amount(self, value: pulumi.Input[float]) -> None:
        pulumi.set(self, "amount", value)

    @property
    @pulumi.getter
    def name(self) -> pulumi.Input[str]:
        """Display name of the budget."""
        return cast("pulumi.Input[str]", pulumi.get(self, "name"))

    @name.setter
    def name(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "name", value)

    @property
    @pulumi.getter
    def period(self) -> pulumi.Input[str]:
        """Length of a budget period: `monthly`, `quarterly` or `annual`."""
        return cast("pulumi.Input[str]", pulumi.get(self, "period"))

    @period.setter
    def period(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "period", value)

    @property
    @pulumi.getter
    def currency(self) -> pulumi.Input[str] | None:
        """ISO 4217 currency of `amount`."""
        return cast("pulumi.Input[str] | None", pulumi.get(self, "currency"))

    @currency.setter
    def currency(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "currency", value)

    @property
    @pulumi.getter
    def filters(self) -> pulumi.Input[BudgetFiltersArgs | BudgetFiltersArgsDict] | None:
        """What spend counts towards the budget; all spend when omitted."""
        return cast("pulumi.Input[BudgetFiltersArgs | BudgetFiltersArgsDict] | None", pulumi.get(self, "filters"))

    @filters.setter
    def filters(self, value: pulumi.Input[BudgetFiltersArgs | BudgetFiltersArgsDict] | None) -> None:
        pulumi.set(self, "filters", value)

    @property
    @pulumi.getter(name="startDate")
    def start_date(self) -> pulumi.Input[str] | None:
        """First day of the first period (`YYYY-MM-DD`). When omitted, MetaFinOps uses the start of the current period
        and that value is kept.
        """
        return cast("pulumi.Input[str] | None", pulumi.get(self, "start_date"))

    @start_date.setter
    def start_date(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "start_date", value)

    @property
    @pulumi.getter
    def thresholds(self) -> pulumi.Input[Sequence[pulumi.Input[BudgetThresholdArgs | BudgetThresholdArgsDict]]] | None:
        """Threshold rules; each fires once per period."""
        return cast("pulumi.Input[Sequence[pulumi.Input[BudgetThresholdArgs | BudgetThresholdArgsDict]]] | None", pulumi.get(self, "thresholds"))

    @thresholds.setter
    def thresholds(self, value: pulumi.Input[Sequence[pulumi.Input[BudgetThresholdArgs | BudgetThresholdArgsDict]]] | None) -> None:
        pulumi.set(self, "thresholds", value)


@pulumi.type_token("metafinops:index:Budget")
class Budget(pulumi.CustomResource):
    """A budget: a spending limit for a period, scoped by filters, with threshold rules. When spend in scope crosses a
    rule, MetaFinOps records a budget alert and emits `budget.threshold.reached` (once per rule per period).

    ## Import

    An existing Budget is imported by its id:

    ```sh
    pulumi import metafinops:index:Budget <name> <id>
    ```
    """

    @overload
    def __init__(
        self, resource_name: str, args: BudgetArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None: ...

    @overload
    def __init__(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        *,
        amount: pulumi.Input[float],
        name: pulumi.Input[str],
        period: pulumi.Input[str],
        currency: pulumi.Input[str] | None = None,
        filters: pulumi.Input[BudgetFiltersArgs | BudgetFiltersArgsDict] | None = None,
        start_date: pulumi.Input[str] | None = None,
        thresholds: pulumi.Input[Sequence[pulumi.Input[BudgetThresholdArgs | BudgetThresholdArgsDict]]] | None = None,
    ) -> None: ...

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        """Create a Budget.

        :param resource_name: The name of the resource.
        :param args: The arguments, as a BudgetArgs (or give them as keyword arguments).
        :param opts: Options for the resource.
        :param amount: The limit for one period, in `currency`; greater than 0 and at most 1e+15.
        :param name: Display name of the budget.
        :param period: Length of a budget period: `monthly`, `quarterly` or `annual`.
        :param currency: ISO 4217 currency of `amount`.
        :param filters: What spend counts towards the budget; all spend when omitted.
        :param start_date: First day of the first period (`YYYY-MM-DD`). When omitted, MetaFinOps uses the start of
            the current period and that value is kept.
        :param thresholds: Threshold rules; each fires once per period.
        """
        resource_args, opts = _utilities.get_resource_args_opts(
            BudgetArgs, pulumi.ResourceOptions, *args, **kwargs
        )
        if resource_args is not None:
            self._internal_init(resource_name, opts, **resource_args.__dict__)
        else:
            self._internal_init(resource_name, *args, **kwargs)

    def _internal_init(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        amount: pulumi.Input[float] | None = None,
        name: pulumi.Input[str] | None = None,
        period: pulumi.Input[str] | None = None,
        currency: pulumi.Input[str] | None = None,
        filters: pulumi.Input[BudgetFiltersArgs | BudgetFiltersArgsDict] | None = None,
        start_date: pulumi.Input[str] | None = None,
        thresholds: pulumi.Input[Sequence[pulumi.Input[BudgetThresholdArgs | BudgetThresholdArgsDict]]] | None = None,
        __props__: Any = None,
    ) -> None:
        opts = pulumi.ResourceOptions.merge(_utilities.get_resource_opts_defaults(), opts)
        if not isinstance(opts, pulumi.ResourceOptions):
            raise TypeError("Expected resource options to be a ResourceOptions instance")
        if opts.id is None:
            if __props__ is not None:
                raise TypeError("__props__ is only valid with opts.id, to get an existing resource")
            __props__ = BudgetArgs.__new__(BudgetArgs)
            if amount is None and not opts.urn:
                raise TypeError("Missing required property 'amount'")
            __props__.__dict__["amount"] = amount
            if name is None and not opts.urn:
                raise TypeError("Missing required property 'name'")
            __props__.__dict__["name"] = name
            if period is None and not opts.urn:
                raise TypeError("Missing required property 'period'")
            __props__.__dict__["period"] = period
            __props__.__dict__["currency"] = currency
            __props__.__dict__["filters"] = filters
            __props__.__dict__["start_date"] = start_date
            __props__.__dict__["thresholds"] = thresholds
            __props__.__dict__["created_at"] = None
        super().__init__("metafinops:index:Budget", resource_name, __props__, opts)

    @staticmethod
    def get(
        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> Budget:
        """Look up an existing Budget by its id: its state is read from MetaFinOps, nothing is changed.

        :param resource_name: The name the resource gets in this program.
        :param id: The id of the Budget in MetaFinOps.
        :param opts: Options for the resource.
        """
        opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        __props__ = BudgetArgs.__new__(BudgetArgs)
        __props__.__dict__["amount"] = None
        __props__.__dict__["created_at"] = None
        __props__.__dict__["currency"] = None
        __props__.__dict__["name"] = None
        __props__.__dict__["period"] = None
        __props__.__dict__["start_date"] = None
        __props__.__dict__["filters"] = None
        __props__.__dict__["thresholds"] = None
        resource = Budget.__new__(Budget)
        resource._internal_init(resource_name, opts, __props__=__props__)
        return resource

    @property
    @pulumi.getter
    def amount(self) -> pulumi.Output[float]:
        """The limit for one period, in `currency`; greater than 0 and at most 1e+15."""
        return cast("pulumi.Output[float]", pulumi.get(self, "amount"))

    @property
    @pulumi.getter(name="createdAt")
    def created_at(self) -> pulumi.Output[str]:
        """When the object was created (RFC 3339, UTC)."""
        return cast("pulumi.Output[str]", pulumi.get(self, "created_at"))

    @property
    @pulumi.getter
    def currency(self) -> pulumi.Output[str]:
        """ISO 4217 currency of `amount`."""
        return cast("pulumi.Output[str]", pulumi.get(self, "currency"))

    @property
    @pulumi.getter
    def name(self) -> pulumi.Output[str]:
        """Display name of the budget."""
        return cast("pulumi.Output[str]", pulumi.get(self, "name"))

    @property
    @pulumi.getter
    def period(self) -> pulumi.Output[str]:
        """Length of a budget period: `monthly`, `quarterly` or `annual`."""
        return cast("pulumi.Output[str]", pulumi.get(self, "period"))

    @property
    @pulumi.getter(name="startDate")
    def start_date(self) -> pulumi.Output[str]:
        """First day of the first period (`YYYY-MM-DD`). When omitted, MetaFinOps uses the start of the current period
        and that value is kept.
        """
        return cast("pulumi.Output[str]", pulumi.get(self, "start_date"))

    @property
    @pulumi.getter
    def filters(self) -> pulumi.Output[outputs.BudgetFilters | None]:
        """What spend counts towards the budget; all spend when omitted."""
        return cast("pulumi.Output[outputs.BudgetFilters | None]", pulumi.get(self, "filters"))

    @property
    @pulumi.getter
    def thresholds(self) -> pulumi.Output[Sequence[outputs.BudgetThreshold] | None]:
        """Threshold rules; each fires once per period."""
        return cast("pulumi.Output[Sequence[outputs.BudgetThreshold] | None]", pulumi.get(self, "thresholds"))
