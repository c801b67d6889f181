# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/metafinops/metafinops" {
  version     = "1.0.0"
  constraints = "~> 1.0"
  hashes = [
    "h1:DQid+WUkmTvn30jdcrfQZmfc+2PR0mElMz7lk1FyB7A=",
    "zh:d7c2de8a31dadb7eafc992f10086fe1087d410e99ef21ac50a29a7517ca5a4f6",
  ]
}
