provider "metafinops" {
  api_key  = var.metafinops_api_key
  base_url = var.metafinops_base_url
}

# A monthly budget that alerts at 80 % of actual spend and when the forecast reaches 100 %.
resource "metafinops_budget" "production" {
  name   = "Production (quickstart)"
  amount = var.monthly_budget
  period = "monthly"

  filters = {
    tags = { env = "prod" }
  }

  thresholds = [
    { percent = 80, basis = "actual" },
    { percent = 100, basis = "forecasted" },
  ]
}

# Signed event deliveries to a local receiver; MetaFinOps generates the signing secret.
resource "metafinops_webhook_subscription" "receiver" {
  url         = var.webhook_receiver_url
  events      = ["budget.threshold.reached", "gpu.idle.detected"]
  description = "quickstart receiver"
}

# Route the budget's threshold crossings to the receiver and to e-mail.
resource "metafinops_alert_policy" "budget" {
  name             = "Production budget (quickstart)"
  type             = "budget"
  cooldown_minutes = 60

  conditions = {
    budget_ids = [metafinops_budget.production.id]
  }

  webhook_subscription_ids = [metafinops_webhook_subscription.receiver.id]
  emails                   = ["finops@corp.test"]
}

data "metafinops_cost_summary" "this_month" {}

data "metafinops_gpu_idle" "idle" {
  threshold_percent = 10
  min_minutes       = 60
}
