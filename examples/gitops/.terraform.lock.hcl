# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/metafinops/metafinops" {
  version     = "1.0.0"
  constraints = "~> 1.0"
  hashes = [
    "h1:h08dQ329lFHeNLG5BV8SYU6592k+9Wa7Cswh9YerVlQ=",
    "zh:c24d82a4a29be277bfddc2a90ae82c81c58503293d18e9eec6b7cf28117e2248",
  ]
}
