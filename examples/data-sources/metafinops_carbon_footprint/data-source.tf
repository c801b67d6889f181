data "metafinops_carbon_footprint" "last_30_days" {
  # the last 30 days up to today: plantimestamp() is when the plan is made
  start = formatdate("YYYY-MM-DD", timeadd(plantimestamp(), "-720h"))
  end   = formatdate("YYYY-MM-DD", plantimestamp())
}

output "kgco2e" {
  value = data.metafinops_carbon_footprint.last_30_days.total_kgco2e
}
