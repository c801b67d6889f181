# *** Generated from schema.json by `python -m pulumi_metafinops.codegen`: do not edit. ***
"""One module per function (``get_cost_summary`` ...); use them from ``pulumi_metafinops``."""
