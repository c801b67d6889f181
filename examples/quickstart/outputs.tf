output "budget_id" {
  value = metafinops_budget.production.id
}

output "month_to_date_cost" {
  description = "Total cost this month, from metafinops_cost_summary."
  value       = "${data.metafinops_cost_summary.this_month.total_cost} ${data.metafinops_cost_summary.this_month.currency}"
}

output "idle_gpu_waste" {
  description = "Cost of GPUs idle below 10 % for an hour or more, from metafinops_gpu_idle."
  value       = data.metafinops_gpu_idle.idle.total_wasted_cost
}

output "webhook_signing_secret" {
  description = "Verify deliveries with it (`terraform output -raw webhook_signing_secret`)."
  value       = metafinops_webhook_subscription.receiver.secret
  sensitive   = true
}
