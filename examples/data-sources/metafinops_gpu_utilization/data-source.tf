data "metafinops_gpu_utilization" "last_30_days" {
  # the last 30 days up to today: plantimestamp() is when the plan is made
  start = formatdate("YYYY-MM-DD", timeadd(plantimestamp(), "-720h"))
  end   = formatdate("YYYY-MM-DD", plantimestamp())
}

output "underused_gpus" {
  value = [for i in data.metafinops_gpu_utilization.last_30_days.instances : i.instance_id if i.average_utilization < 20]
}
