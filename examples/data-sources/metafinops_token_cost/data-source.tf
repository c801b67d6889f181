data "metafinops_token_cost" "this_month" {}

output "llm_cost" {
  value = data.metafinops_token_cost.this_month.total_cost
}
