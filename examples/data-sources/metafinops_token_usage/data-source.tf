data "metafinops_token_usage" "last_30_days" {
  # the last 30 days up to today: plantimestamp() is when the plan is made
  start = formatdate("YYYY-MM-DD", timeadd(plantimestamp(), "-720h"))
  end   = formatdate("YYYY-MM-DD", plantimestamp())
}

output "output_tokens_by_model" {
  value = { for m in data.metafinops_token_usage.last_30_days.models : "${m.provider}/${m.model}" => m.output_tokens }
}
