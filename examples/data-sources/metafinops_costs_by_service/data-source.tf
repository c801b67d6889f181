# start and end default to the current month; here the last 30 days.
data "metafinops_costs_by_service" "last_30_days" {
  # the last 30 days up to today: plantimestamp() is when the plan is made
  start = formatdate("YYYY-MM-DD", timeadd(plantimestamp(), "-720h"))
  end   = formatdate("YYYY-MM-DD", plantimestamp())
}

output "top_service" {
  value = try(data.metafinops_costs_by_service.last_30_days.services[0].service, null)
}
