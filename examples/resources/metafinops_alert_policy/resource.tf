resource "metafinops_alert_policy" "gpu_idle" {
  name             = "Idle GPUs"
  type             = "gpu_idle" # changing it replaces the policy
  cooldown_minutes = 120

  conditions = {
    utilization_below_percent = 5
    idle_minutes              = 60
  }

  webhook_subscription_ids = [metafinops_webhook_subscription.example.id]
  emails                   = ["ml-platform@corp.test"]
}

resource "metafinops_alert_policy" "budget" {
  name = "Production budget"
  type = "budget"

  conditions = {
    budget_ids = [metafinops_budget.example.id]
  }

  emails = ["finops@corp.test"]
}
