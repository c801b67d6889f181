# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/metafinops/metafinops" {
  version     = "1.0.0"
  constraints = "~> 1.0"
  hashes = [
    "h1:K/r6RRid7MYBRWcCIXXYcV6se/HeBVnrrgz7zYQ6OLY=",
    "zh:ada61ff6bcac9c8d4893fc53249a5f4af7587f4c2c286aa17c886e69f7949fe8",
  ]
}
