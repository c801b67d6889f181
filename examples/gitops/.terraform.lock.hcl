# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/metafinops/metafinops" {
  version     = "1.0.0"
  constraints = "~> 1.0"
  hashes = [
    "h1:zRWrJO9FevF2W2GWer2zwmdSx+BuOW9DWxyW76miKY4=",
    "zh:f38243cd645e87d64b3b5432405ded23c0360278b16c5f0d49d181879281f1f8",
  ]
}
