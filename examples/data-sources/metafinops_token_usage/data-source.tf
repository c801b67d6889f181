data "metafinops_token_usage" "march" {
  start = "2026-03-01"
  end   = "2026-03-31"
}

output "output_tokens_by_model" {
  value = { for m in data.metafinops_token_usage.march.models : "${m.provider}/${m.model}" => m.output_tokens }
}
