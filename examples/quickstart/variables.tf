variable "metafinops_api_key" {
  description = "MetaFinOps API key (or leave null and set METAFINOPS_API_KEY)."
  type        = string
  sensitive   = true
  default     = null
}

variable "metafinops_base_url" {
  description = "API base URL, e.g. http://127.0.0.1:8080/v1 for `metafinops serve` (or METAFINOPS_BASE_URL)."
  type        = string
  default     = null
}

variable "webhook_receiver_url" {
  description = "Where MetaFinOps delivers signed events: a receiver on this machine for local work."
  type        = string
  default     = "http://127.0.0.1:8787/metafinops"
}

variable "monthly_budget" {
  description = "Monthly spending limit in USD."
  type        = number
  default     = 5000
}
