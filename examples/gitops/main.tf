# A team's FinOps configuration, applied from CI (see README.md beside this file).
terraform {
  required_version = ">= 1.11"
  required_providers {
    metafinops = {
      source  = "metafinops/metafinops"
      version = "~> 1.0"
    }
  }
  # In a real pipeline, keep state in a remote backend (s3, gcs, azurerm, http, or HCP
  # Terraform); the local backend here keeps the example self-contained.
}

# The key and URL come from the pipeline's secrets: METAFINOPS_API_KEY, METAFINOPS_BASE_URL.
# METAFINOPS_TIMEOUT and METAFINOPS_MAX_RETRIES bound every API call, so a job fails fast.
provider "metafinops" {}

variable "team" {
  description = "Owner of these budgets; names and filters use it."
  type        = string
  default     = "platform"
}

variable "pager_url" {
  description = "Where budget and anomaly events are delivered (https, or http to 127.0.0.1 for local runs)."
  type        = string
}

variable "pager_secret" {
  description = "Signing secret for the pager's deliveries (write-only: never in plan or state)."
  type        = string
  # ephemeral: never written to a plan or state file. Not also `sensitive`: a write-only value
  # is never shown, and Terraform 1.11 would report false refresh-only drift (exit 2) for it.
  ephemeral = true
}

resource "metafinops_budget" "team" {
  name   = "${var.team} monthly"
  amount = 25000
  period = "monthly"

  filters = {
    tags = { team = var.team }
  }

  thresholds = [
    { percent = 80 },
    { percent = 100, basis = "forecasted" },
  ]
}

resource "metafinops_webhook_subscription" "pager" {
  url               = var.pager_url
  events            = ["budget.threshold.reached", "cost.anomaly.detected"]
  description       = "${var.team} pager"
  secret_wo         = var.pager_secret
  secret_wo_version = 1 # bump to rotate
}

resource "metafinops_alert_policy" "budget" {
  name = "${var.team} budget"
  type = "budget"

  conditions = {
    budget_ids = [metafinops_budget.team.id]
  }

  webhook_subscription_ids = [metafinops_webhook_subscription.pager.id]
}

resource "metafinops_alert_policy" "anomalies" {
  name             = "${var.team} cost anomalies"
  type             = "cost_anomaly"
  cooldown_minutes = 240

  conditions = {
    min_severity = "high"
    min_impact   = 100
  }

  webhook_subscription_ids = [metafinops_webhook_subscription.pager.id]
}
