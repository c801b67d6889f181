# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/metafinops/metafinops" {
  version     = "1.0.0"
  constraints = "~> 1.0"
  hashes = [
    "h1:sD27G9XlAR2jt9JADp3hc0kV4rwZIhpP5uzQXZK5C1g=",
    "zh:f081b58943d175d23bf83ffb10b8dc3ca838a64ddd2ce141699547d1a9b73ab3",
  ]
}
