"""The MetaFinOps quickstart stack, in Pulumi.

- a monthly budget of 5,000 USD for the platform team, alerting at 80 % of actual spend and
  at 100 % of forecasted spend;
- a webhook subscription that receives budget, anomaly and idle-GPU events at `receiverUrl`;
- an alert policy that reports GPUs idle below 5 % for an hour to that webhook and by e-mail;
- this month's cost summary and the idle GPUs, as stack outputs.

Configure the provider with `pulumi config set metafinops:apiKey --secret` (and, for a local
`metafinops serve`, `pulumi config set metafinops:baseUrl http://127.0.0.1:8080/v1`).
"""

import pulumi

import pulumi_metafinops as metafinops

config = pulumi.Config()
receiver_url = config.get("receiverUrl") or "http://127.0.0.1:8787/metafinops/events"

budget = metafinops.Budget(
    "platform-monthly",
    name="Platform (monthly)",
    amount=5000,
    currency="USD",
    period="monthly",
    filters=metafinops.BudgetFiltersArgs(
        services=["aws-ec2", "aws-s3", "openai"],
        tags={"team": "platform"},
    ),
    thresholds=[
        metafinops.BudgetThresholdArgs(percent=80, basis="actual"),
        metafinops.BudgetThresholdArgs(percent=100, basis="forecasted"),
    ],
)

webhook = metafinops.WebhookSubscription(
    "finops-events",
    url=receiver_url,
    events=["budget.threshold.reached", "cost.anomaly.detected", "gpu.idle.detected"],
    description="FinOps events for the platform team",
)

idle_gpus = metafinops.AlertPolicy(
    "idle-gpus",
    name="Idle GPUs",
    type="gpu_idle",
    cooldown_minutes=120,
    conditions=metafinops.AlertPolicyConditionsArgs(utilization_below_percent=5, idle_minutes=60),
    webhook_subscription_ids=[webhook.id],
    emails=["platform-oncall@corp.test"],
)

costs = metafinops.get_cost_summary_output()
idle = metafinops.get_gpu_idle_output(threshold_percent=10, min_minutes=60)

pulumi.export("budget_id", budget.id)
pulumi.export("budget_start_date", budget.start_date)
pulumi.export("webhook_id", webhook.id)
pulumi.export("webhook_secret", webhook.secret)  # a secret: `pulumi stack output webhook_secret --show-secrets`
pulumi.export("idle_gpu_policy_id", idle_gpus.id)
pulumi.export("month_total_cost", costs.total_cost)
pulumi.export("month_cost_by_service", costs.services.apply(lambda rows: {r.service: r.cost for r in rows or []}))
pulumi.export("idle_gpu_wasted_cost", idle.total_wasted_cost)
pulumi.export("idle_gpu_instances", idle.instances.apply(lambda rows: [r.instance_id for r in rows or []]))
