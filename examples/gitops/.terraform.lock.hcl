# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/metafinops/metafinops" {
  version     = "1.0.0"
  constraints = "~> 1.0"
  hashes = [
    "h1:Lk7FKvEDvroeX6OyipOEfi9StePtPXU2w1bipIyo1no=",
    "zh:61d0cbe9ce2445a926bb45b7ec238029c96b117a5895144e859d6fe628e83e6e",
  ]
}
