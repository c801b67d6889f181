data "metafinops_gpu_idle" "idle" {
  threshold_percent = 10
  min_minutes       = 60
}

output "idle_gpu_waste" {
  value = data.metafinops_gpu_idle.idle.total_wasted_cost
}
