# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/metafinops/metafinops" {
  version     = "1.0.0"
  constraints = "~> 1.0"
  hashes = [
    "h1:bp/+AddfASpks1hbjsDJ/TVTDc5rUurUvNQZcW8lw3c=",
    "zh:8db209401483ea9781db1e530806e800f7ebbc1f154db233552dde2acc3d5d7d",
  ]
}
