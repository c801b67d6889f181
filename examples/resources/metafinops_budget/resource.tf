resource "metafinops_budget" "example" {
  name     = "Production"
  amount   = 5000
  currency = "USD" # changing it replaces the budget
  period   = "monthly"

  filters = {
    services  = ["aws-ec2", "aws-rds"]
    providers = ["AWS"] # FOCUS ProviderName
    tags      = { env = "prod" }
  }

  thresholds = [
    { percent = 80 }, # basis defaults to "actual"
    { percent = 100, basis = "forecasted" },
  ]
}
