# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/metafinops/metafinops" {
  version     = "1.0.0"
  constraints = "~> 1.0"
  hashes = [
    "h1:4sCC+e+NX1j8pfHuBMbDsg5fGYXo6c77NcOk6GZMtJ8=",
    "zh:b5e145fea8381b6a8d7e22a97fceb3d4df8a27ac00e47b04e84f3ef470e96ffc",
  ]
}
