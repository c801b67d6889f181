# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/metafinops/metafinops" {
  version     = "1.0.0"
  constraints = "~> 1.0"
  hashes = [
    "h1:iRSOlTsQeYqeYX+89Jvno8MVJmftuZEZxwbPvXMjqAc=",
    "zh:eaf03ece41345011fe7bc5942a01b0b4828489bdaa7378f3a84292f780a3b045",
  ]
}
