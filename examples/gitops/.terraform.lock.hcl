# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/metafinops/metafinops" {
  version     = "1.0.0"
  constraints = "~> 1.0"
  hashes = [
    "h1:GHH/hJOwF5kWRpd5FzQxJzdtu8xrHawb07yosJf2y9M=",
    "zh:55300cbf2bb651e06f33d9978ac0adf8d53985d72a5cd5f923dbfe063b74f4db",
  ]
}
