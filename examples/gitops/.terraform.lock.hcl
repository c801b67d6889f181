# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/metafinops/metafinops" {
  version     = "1.0.0"
  constraints = "~> 1.0"
  hashes = [
    "h1:otuJK/tnK2POHhPTjuivdqfTE/fQUjutQhEvpVvY2hI=",
    "zh:76db36beb1b2e540968a903361b7ddf680e67e0184d93bec757529ba671d7e4e",
  ]
}
