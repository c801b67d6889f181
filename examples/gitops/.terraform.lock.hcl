# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/metafinops/metafinops" {
  version     = "1.0.0"
  constraints = "~> 1.0"
  hashes = [
    "h1:rsuebIcHgjsoFRDQcsCu0vLZf7KZMxoIoTB2wr3hjIg=",
    "zh:f5172dc77c612f4f042204cea70c898f7a9d2a4e8cba8a79db76b980234977bb",
  ]
}
