data "metafinops_cost_summary" "march" {
  start   = "2026-03-01"
  end     = "2026-03-31"
  service = "aws-ec2" # optional filters: service, account
}

output "march_total" {
  value = "${data.metafinops_cost_summary.march.total_cost} ${data.metafinops_cost_summary.march.currency}"
}
