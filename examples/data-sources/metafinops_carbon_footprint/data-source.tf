data "metafinops_carbon_footprint" "march" {
  start = "2026-03-01"
  end   = "2026-03-31"
}

output "kgco2e" {
  value = data.metafinops_carbon_footprint.march.total_kgco2e
}
