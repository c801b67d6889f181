data "metafinops_recommendations" "idle_gpus" {
  type = "idle_gpu" # or rightsizing, model_switch; all types when omitted
}

output "monthly_savings" {
  value = data.metafinops_recommendations.idle_gpus.total_estimated_monthly_savings
}
