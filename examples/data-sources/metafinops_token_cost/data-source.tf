data "metafinops_token_cost" "last_30_days" {
  # the last 30 days up to today: plantimestamp() is when the plan is made
  start = formatdate("YYYY-MM-DD", timeadd(plantimestamp(), "-720h"))
  end   = formatdate("YYYY-MM-DD", plantimestamp())
}

output "llm_cost" {
  value = data.metafinops_token_cost.last_30_days.total_cost
}
