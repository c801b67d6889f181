data "metafinops_gpu_utilization" "march" {
  start = "2026-03-01"
  end   = "2026-03-31"
}

output "underused_gpus" {
  value = [for i in data.metafinops_gpu_utilization.march.instances : i.instance_id if i.average_utilization < 20]
}
