data "metafinops_budget_alerts" "production" {
  budget_id = metafinops_budget.example.id
}

output "thresholds_crossed" {
  value = [for a in data.metafinops_budget_alerts.production.alerts : "${a.threshold_percent}% (${a.basis})"]
}
