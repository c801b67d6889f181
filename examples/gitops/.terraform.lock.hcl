# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/metafinops/metafinops" {
  version     = "1.0.0"
  constraints = "~> 1.0"
  hashes = [
    "h1:UXrPXT2d9ZWDvz2vMqZah7v8MOSkE/c9mIZOD4Oahjg=",
    "zh:ec28a85e350542e07c7e56cb58b12cee87dac62447b8968cce612a10a465b423",
  ]
}
