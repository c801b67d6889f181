terraform {
  required_version = ">= 1.11"

  required_providers {
    metafinops = {
      source  = "metafinops/metafinops"
      version = "~> 1.0"
    }
  }
}
