# *** Generated from schema.json by `python -m pulumi_metafinops.codegen`: do not edit. ***
# ruff: noqa: E501
"""``metafinops:index:AlertPolicy``: An alert policy: what to detect (cost anomalies, idle GPUs, budget thresholds, token spend) and where to route it (webhook subscriptions, e-mail), with a cooldown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast, overload

import pulumi

from pulumi_metafinops import _utilities, outputs
from pulumi_metafinops._inputs import AlertPolicyConditionsArgs, AlertPolicyConditionsArgsDict

__all__ = ["AlertPolicy", "AlertPolicyArgs"]


@pulumi.input_type
class AlertPolicyArgs:
    def __init__(
        self,
        *,
        name: pulumi.Input[str],
        type: pulumi.Input[str],
        conditions: pulumi.Input[AlertPolicyConditionsArgs | AlertPolicyConditionsArgsDict] | None = None,
        cooldown_minutes: pulumi.Input[int] | None = None,
        emails: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        enabled: pulumi.Input[bool] | None = None,
        webhook_subscription_ids: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
    ) -> None:
        """The arguments for constructing a AlertPolicy resource.

        :param name: Display name of the policy.
        :param type: What the policy detects: `cost_anomaly`, `gpu_idle`, `budget` or `token_spend`.
        :param conditions: Detection conditions; which ones apply depends on `type`.
        :param cooldown_minutes: Minimum minutes between two notifications of this policy; a whole number >= 0.
        :param emails: E-mail addresses that receive what the policy detects.
        :param enabled: Whether the policy fires.
        :param webhook_subscription_ids: Webhook subscriptions (`whk_…`) that receive what the policy detects.
        """
        pulumi.set(self, "name", name)
        pulumi.set(self, "type", type)
        if conditions is not None:
            pulumi.set(self, "conditions", conditions)
        if cooldown_minutes is not None:
            pulumi.set(self, "cooldown_minutes", cooldown_minutes)
        if emails is not None:
            pulumi.set(self, "emails", emails)
        if enabled is not None:
            pulumi.set(self, "enabled", enabled)
        if webhook_subscription_ids is not None:
            pulumi.set(self, "webhook_subscription_ids", webhook_subscription_ids)

    @property
    @pulumi.getter
    def name(self) -> pulumi.Input[str]:
        """Display name of the policy."""
        return cast("pulumi.Input[str]", pulumi.get(self, "name"))

    @name.setter
    def name(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "name", value)

    @property
    @pulumi.getter
    def type(self) -> pulumi.Input[str]:
        """What the policy detects: `cost_anomaly`, `gpu_idle`, `budget` or `token_spend`."""
        return cast("pulumi.Input[str]", pulumi.get(self, "type"))

    @type.setter
    def type(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "type", value)

    @property
    @pulumi.getter
    def conditions(self) -> pulumi.Input[AlertPolicyConditionsArgs | AlertPolicyConditionsArgsDict] | None:
        """Detection conditions; which ones apply depends on `type`."""
        return cast("pulumi.Input[AlertPolicyConditionsArgs | AlertPolicyConditionsArgsDict] | None", pulumi.get(self, "conditions"))

    @conditions.setter
    def conditions(self, value: pulumi.Input[AlertPolicyConditionsArgs | AlertPolicyConditionsArgsDict] | None) -> None:
        pulumi.set(self, "conditions", value)

    @property
    @pulumi.getter(name="cooldownMinutes")
    def cooldown_minutes(self) -> pulumi.Input[int] | None:
        """Minimum minutes between two notifications of this policy; a whole number >= 0."""
        return cast("pulumi.Input[int] | None", pulumi.get(self, "cooldown_minutes"))

    @cooldown_minutes.setter
    def cooldown_minutes(self, value: pulumi.Input[int] | None) -> None:
        pulumi.set(self, "cooldown_minutes", value)

    @property
    @pulumi.getter
    def emails(self) -> pulumi.Input[Sequence[pulumi.Input[str]]] | None:
        """E-mail addresses that receive what the policy detects."""
        return cast("pulumi.Input[Sequence[pulumi.Input[str]]] | None", pulumi.get(self, "emails"))

    @emails.setter
    def emails(self, value: pulumi.Input[Sequence[pulumi.Input[str]]] | None) -> None:
        pulumi.set(self, "emails", value)

    @property
    @pulumi.getter
    def enabled(self) -> pulumi.Input[bool] | None:
        """Whether the policy fires."""
        return cast("pulumi.Input[bool] | None", pulumi.get(self, "enabled"))

    @enabled.setter
    def enabled(self, value: pulumi.Input[bool] | None) -> None:
        pulumi.set(self, "enabled", value)

    @property
    @pulumi.getter(name="webhookSubscriptionIds")
    def webhook_subscription_ids(self) -> pulumi.Input[Sequence[pulumi.Input[str]]] | None:
        """Webhook subscriptions (`whk_…`) that receive what the policy detects."""
        return cast("pulumi.Input[Sequence[pulumi.Input[str]]] | None", pulumi.get(self, "webhook_subscription_ids"))

    @webhook_subscription_ids.setter
    def webhook_subscription_ids(self, value: pulumi.Input[Sequence[pulumi.Input[str]]] | None) -> None:
        pulumi.set(self, "webhook_subscription_ids", value)


@pulumi.type_token("metafinops:index:AlertPolicy")
class AlertPolicy(pulumi.CustomResource):
    """An alert policy: what to detect (cost anomalies, idle GPUs, budget thresholds, token spend) and where to route
    it (webhook subscriptions, e-mail), with a cooldown.

    ## Import

    An existing AlertPolicy is imported by its id:

    ```sh
    pulumi import metafinops:index:AlertPolicy <name> <id>
    ```
    """

    @overload
    def __init__(
        self, resource_name: str, args: AlertPolicyArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None: ...

    @overload
    def __init__(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        *,
        name: pulumi.Input[str],
        type: pulumi.Input[str],
        conditions: pulumi.Input[AlertPolicyConditionsArgs | AlertPolicyConditionsArgsDict] | None = None,
        cooldown_minutes: pulumi.Input[int] | None = None,
        emails: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        enabled: pulumi.Input[bool] | None = None,
        webhook_subscription_ids: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
    ) -> None: ...

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        """Create a AlertPolicy.

        :param resource_name: The name of the resource.
        :param args: The arguments, as a AlertPolicyArgs (or give them as keyword arguments).
        :param opts: Options for the resource.
        :param name: Display name of the policy.
        :param type: What the policy detects: `cost_anomaly`, `gpu_idle`, `budget` or `token_spend`.
        :param conditions: Detection conditions; which ones apply depends on `type`.
        :param cooldown_minutes: Minimum minutes between two notifications of this policy; a whole number >= 0.
        :param emails: E-mail addresses that receive what the policy detects.
        :param enabled: Whether the policy fires.
        :param webhook_subscription_ids: Webhook subscriptions (`whk_…`) that receive what the policy detects.
        """
        resource_args, opts = _utilities.get_resource_args_opts(
            AlertPolicyArgs, pulumi.ResourceOptions, *args, **kwargs
        )
        if resource_args is not None:
            self._internal_init(resource_name, opts, **resource_args.__dict__)
        else:
            self._internal_init(resource_name, *args, **kwargs)

    def _internal_init(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        name: pulumi.Input[str] | None = None,
        type: pulumi.Input[str] | None = None,
        conditions: pulumi.Input[AlertPolicyConditionsArgs | AlertPolicyConditionsArgsDict] | None = None,
        cooldown_minutes: pulumi.Input[int] | None = None,
        emails: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        enabled: pulumi.Input[bool] | None = None,
        webhook_subscription_ids: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        __props__: Any = None,
    ) -> None:
        opts = pulumi.ResourceOptions.merge(_utilities.get_resource_opts_defaults(), opts)
        if not isinstance(opts, pulumi.ResourceOptions):
            raise TypeError("Expected resource options to be a ResourceOptions instance")
        if opts.id is None:
            if __props__ is not None:
                raise TypeError("__props__ is only valid with opts.id, to get an existing resource")
            __props__ = AlertPolicyArgs.__new__(AlertPolicyArgs)
            if name is None and not opts.urn:
                raise TypeError("Missing required property 'name'")
            __props__.__dict__["name"] = name
            if type is None and not opts.urn:
                raise TypeError("Missing required property 'type'")
            __props__.__dict__["type"] = type
            __props__.__dict__["conditions"] = conditions
            __props__.__dict__["cooldown_minutes"] = cooldown_minutes
            __props__.__dict__["emails"] = emails
            __props__.__dict__["enabled"] = enabled
            __props__.__dict__["webhook_subscription_ids"] = webhook_subscription_ids
            __props__.__dict__["created_at"] = None
        super().__init__("metafinops:index:AlertPolicy", resource_name, __props__, opts)

    @staticmethod
    def get(
        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> AlertPolicy:
        """Look up an existing AlertPolicy by its id: its state is read from MetaFinOps, nothing is changed.

        :param resource_name: The name the resource gets in this program.
        :param id: The id of the AlertPolicy in MetaFinOps.
        :param opts: Options for the resource.
        """
        opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        __props__ = AlertPolicyArgs.__new__(AlertPolicyArgs)
        __props__.__dict__["cooldown_minutes"] = None
        __props__.__dict__["created_at"] = None
        __props__.__dict__["enabled"] = None
        __props__.__dict__["name"] = None
        __props__.__dict__["type"] = None
        __props__.__dict__["conditions"] = None
        __props__.__dict__["emails"] = None
        __props__.__dict__["webhook_subscription_ids"] = None
        resource = AlertPolicy.__new__(AlertPolicy)
        resource._internal_init(resource_name, opts, __props__=__props__)
        return resource

    @property
    @pulumi.getter(name="cooldownMinutes")
    def cooldown_minutes(self) -> pulumi.Output[int]:
        """Minimum minutes between two notifications of this policy; a whole number >= 0."""
        return cast("pulumi.Output[int]", pulumi.get(self, "cooldown_minutes"))

    @property
    @pulumi.getter(name="createdAt")
    def created_at(self) -> pulumi.Output[str]:
        """When the object was created (RFC 3339, UTC)."""
        return cast("pulumi.Output[str]", pulumi.get(self, "created_at"))

    @property
    @pulumi.getter
    def enabled(self) -> pulumi.Output[bool]:
        """Whether the policy fires."""
        return cast("pulumi.Output[bool]", pulumi.get(self, "enabled"))

    @property
    @pulumi.getter
    def name(self) -> pulumi.Output[str]:
        """Display name of the policy."""
        return cast("pulumi.Output[str]", pulumi.get(self, "name"))

    @property
    @pulumi.getter
    def type(self) -> pulumi.Output[str]:
        """What the policy detects: `cost_anomaly`, `gpu_idle`, `budget` or `token_spend`."""
        return cast("pulumi.Output[str]", pulumi.get(self, "type"))

    @property
    @pulumi.getter
    def conditions(self) -> pulumi.Output[outputs.AlertPolicyConditions | None]:
        """Detection conditions; which ones apply depends on `type`."""
        return cast("pulumi.Output[outputs.AlertPolicyConditions | None]", pulumi.get(self, "conditions"))

    @property
    @pulumi.getter
    def emails(self) -> pulumi.Output[Sequence[str] | None]:
        """E-mail addresses that receive what the policy detects."""
        return cast("pulumi.Output[Sequence[str] | None]", pulumi.get(self, "emails"))

    @property
    @pulumi.getter(name="webhookSubscriptionIds")
    def webhook_subscription_ids(self) -> pulumi.Output[Sequence[str] | None]:
        """Webhook subscriptions (`whk_…`) that receive what the policy detects."""
        return cast("pulumi.Output[Sequence[str] | None]", pulumi.get(self, "webhook_subscription_ids"))
