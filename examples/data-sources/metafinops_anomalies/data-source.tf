data "metafinops_anomalies" "serious" {
  start        = "2026-03-01"
  end          = "2026-03-31"
  min_severity = "high"
}

output "anomaly_impact" {
  value = sum(concat([0], [for a in data.metafinops_anomalies.serious.anomalies : a.impact]))
}
