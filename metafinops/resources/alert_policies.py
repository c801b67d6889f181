from __future__ import annotations

from collections.abc import Iterable

from metafinops._operation import Operation, body, path_param, query
from metafinops._resource import APIResource, ClientT, endpoint, paginated
from metafinops._types import NOT_GIVEN, NotGiven
from metafinops.types.alert_policy import (
    AlertPolicy,
    AlertPolicyConditions,
    AlertPolicyConditionsParam,
    AlertPolicyType,
)

__all__ = ["AlertPolicies"]

Conditions = AlertPolicyConditionsParam | AlertPolicyConditions


def _policy_path(policy_id: str) -> str:
    return f"/alert-policies/{path_param('policy_id', policy_id)}"


class AlertPolicies(APIResource[ClientT]):
    """Detection rules and where they route what they find (``apol_…``)."""

    @endpoint
    def create(
        self,
        *,
        name: str,
        type: AlertPolicyType,
        enabled: bool | NotGiven = NOT_GIVEN,
        cooldown_minutes: int | NotGiven = NOT_GIVEN,
        conditions: Conditions | NotGiven | None = NOT_GIVEN,
        webhook_subscription_ids: Iterable[str] | NotGiven | None = NOT_GIVEN,
        emails: Iterable[str] | NotGiven | None = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> Operation[AlertPolicy]:
        """Create an alert policy.

        - ``type``: ``"cost_anomaly"``, ``"gpu_idle"``, ``"budget"`` or ``"token_spend"`` (cannot change later).
        - ``conditions``: only those that fit the type (see :class:`~metafinops.types.AlertPolicyConditionsParam`).
        - ``enabled`` (default true), ``cooldown_minutes`` (default 60).
        - ``webhook_subscription_ids`` and ``emails``: where detections go.
        """
        fields = body(
            name=name,
            type=type,
            enabled=enabled,
            cooldown_minutes=cooldown_minutes,
            conditions=conditions,
            webhook_subscription_ids=webhook_subscription_ids,
            emails=emails,
        )
        return Operation("POST", "/alert-policies", AlertPolicy, json=fields, idempotency_key=idempotency_key)

    @endpoint
    def get(self, policy_id: str) -> Operation[AlertPolicy]:
        """The alert policy with this id; :class:`~metafinops.NotFoundError` if there is none."""
        return Operation("GET", _policy_path(policy_id), AlertPolicy)

    @paginated
    def list(self, *, limit: int | None = None, starting_after: str | None = None) -> Operation[AlertPolicy]:
        """All alert policies, oldest first; iterate the page to walk every one."""
        params = query(limit=limit, starting_after=starting_after)
        return Operation("GET", "/alert-policies", AlertPolicy, params=params)

    @endpoint
    def update(
        self,
        policy_id: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        enabled: bool | NotGiven = NOT_GIVEN,
        cooldown_minutes: int | NotGiven = NOT_GIVEN,
        conditions: Conditions | NotGiven | None = NOT_GIVEN,
        webhook_subscription_ids: Iterable[str] | NotGiven | None = NOT_GIVEN,
        emails: Iterable[str] | NotGiven | None = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> Operation[AlertPolicy]:
        """Change a policy: fields left out stay as they are; ``None`` clears an optional one.

        ``type`` cannot change: create a new policy instead.
        """
        fields = body(
            name=name,
            enabled=enabled,
            cooldown_minutes=cooldown_minutes,
            conditions=conditions,
            webhook_subscription_ids=webhook_subscription_ids,
            emails=emails,
        )
        return Operation("PATCH", _policy_path(policy_id), AlertPolicy, json=fields, idempotency_key=idempotency_key)

    @endpoint
    def delete(self, policy_id: str, *, idempotency_key: str | None = None) -> Operation[None]:
        """Delete an alert policy; :class:`~metafinops.NotFoundError` if there is none."""
        return Operation("DELETE", _policy_path(policy_id), type(None), idempotency_key=idempotency_key)
