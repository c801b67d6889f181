# An alert policy is imported by its id.
terraform import metafinops_alert_policy.example apol_1k19aztej6hh6524fwpe1
