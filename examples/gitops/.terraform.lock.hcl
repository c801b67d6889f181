# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/metafinops/metafinops" {
  version     = "1.0.0"
  constraints = "~> 1.0"
  hashes = [
    "h1:yYsVvtWz3HZK5+EAMEhmDq/+JsviRqY8xUxCK+g/EbE=",
    "zh:620ed577f280d93f2a178d3b91a9b08b751827055f6f9df65aff9165b51d9174",
  ]
}
