# The current month when start and end are omitted.
data "metafinops_costs_by_service" "this_month" {}

output "top_service" {
  value = try(data.metafinops_costs_by_service.this_month.services[0].service, null)
}
