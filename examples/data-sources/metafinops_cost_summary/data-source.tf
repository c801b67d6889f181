data "metafinops_cost_summary" "ec2_last_30_days" {
  # the last 30 days up to today: plantimestamp() is when the plan is made
  start = formatdate("YYYY-MM-DD", timeadd(plantimestamp(), "-720h"))
  end   = formatdate("YYYY-MM-DD", plantimestamp())
  service = "aws-ec2" # optional filters: service, account, cloud_provider
}

output "ec2_total" {
  value = "${data.metafinops_cost_summary.ec2_last_30_days.total_cost} ${data.metafinops_cost_summary.ec2_last_30_days.currency}"
}
