# A webhook subscription is imported by its id. The API never returns the signing secret,
# so `secret` is null after an import; bump `secret_wo_version` to rotate and get one.
terraform import metafinops_webhook_subscription.example whk_1k19aztcwnem6p58kqf0x
