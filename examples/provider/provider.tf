terraform {
  required_providers {
    metafinops = {
      source  = "metafinops/metafinops"
      version = "~> 1.0"
    }
  }
}

variable "metafinops_api_key" {
  type      = string
  sensitive = true
}

provider "metafinops" {
  api_key = var.metafinops_api_key
  # base_url defaults to METAFINOPS_BASE_URL, else https://api.metafinops.com/v1
}
