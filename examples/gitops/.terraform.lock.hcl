# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/metafinops/metafinops" {
  version     = "1.0.0"
  constraints = "~> 1.0"
  hashes = [
    "h1:akf5GbbV5rk8OqLpz4NDTvzQqusuWnt3w1a2BeVB6Jw=",
    "zh:4befb96dad10194632b4f6626433dccaf508cb69be75f7c14b612b6a6600820e",
  ]
}
