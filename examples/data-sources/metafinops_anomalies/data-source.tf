data "metafinops_anomalies" "serious" {
  # the last 90 days up to today: plantimestamp() is when the plan is made
  start        = formatdate("YYYY-MM-DD", timeadd(plantimestamp(), "-2160h"))
  end          = formatdate("YYYY-MM-DD", plantimestamp())
  min_severity = "high"
}

output "anomaly_impact" {
  value = sum(concat([0], [for a in data.metafinops_anomalies.serious.anomalies : a.impact]))
}
