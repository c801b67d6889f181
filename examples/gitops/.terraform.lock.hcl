# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/metafinops/metafinops" {
  version     = "1.0.0"
  constraints = "~> 1.0"
  hashes = [
    "h1:+p9UshBEN13Q126Kf2E+CTrOtUB8matlD0nkUS5hh0w=",
    "zh:dabe51020dec64615d6ce68464cc2a4cc8ed8a64e1482d52a088a076c71407e4",
  ]
}
