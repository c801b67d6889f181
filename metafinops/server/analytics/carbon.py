"""Carbon estimates: energy from cost or GPU utilization, times the grid intensity of the region.

Source of every coefficient: the Cloud Carbon Footprint project (CCF, Thoughtworks,
https://www.cloudcarbonfootprint.org/docs/methodology), files
``packages/core/src/FootprintEstimationConstants.ts`` (US NERC region factors, from EPA eGRID),
``packages/{aws,gcp,azure}/src/domain/*FootprintEstimationConstants.ts`` (region grid factors,
PUE, storage/networking/memory coefficients) and ``packages/core/src/compute/
ComputeProcessorTypes.ts`` (GPU min/max watts). CCF publishes metric tons CO2e per kWh; the
table below is the same numbers in kg (x 1000).

How energy is estimated — an *estimate*, location-based, operational emissions only:

- Cost rows: CCF estimates usage it cannot classify "by cost", and so do we for every row,
  with a kWh-per-dollar figure per service category derived from CCF's coefficients and
  on-demand list prices (see :data:`KWH_PER_USD`), times the provider's PUE.
- GPU instances: from their utilization samples, CCF's linear power model
  ``min_watts + utilization * (max_watts - min_watts)`` per GPU, times PUE. Cost rows of an
  instance that has samples are estimated from the samples instead, not twice.
"""

from __future__ import annotations

import re

__all__ = [
    "DEFAULT_PUE",
    "GPU_WATTS",
    "GRID_KGCO2E_PER_KWH",
    "KWH_PER_USD",
    "SOURCE",
    "UNKNOWN_REGION_KGCO2E_PER_KWH",
    "cost_energy_kwh",
    "gpu_energy_kwh",
    "grid_intensity",
    "pue",
    "service_category",
]

SOURCE = "Cloud Carbon Footprint (cloudcarbonfootprint.org) grid emission factors and energy coefficients"

# US NERC regions (CCF core, from EPA eGRID), kgCO2e/kWh
_RFC, _SERC, _WECC, _MRO, _TRE = 0.410608, 0.379069, 0.322167, 0.426254, 0.373231

GRID_KGCO2E_PER_KWH: dict[str, float] = {
    # AWS (CCF AWS_EMISSIONS_FACTORS_METRIC_TON_PER_KWH)
    "us-east-1": _SERC,
    "us-east-2": _RFC,
    "us-west-1": _WECC,
    "us-west-2": _WECC,
    "us-gov-east-1": _SERC,
    "us-gov-west-1": _WECC,
    "af-south-1": 0.928,
    "ap-east-1": 0.81,
    "ap-south-1": 0.708,
    "ap-northeast-3": 0.506,
    "ap-northeast-2": 0.5,
    "ap-southeast-1": 0.4085,
    "ap-southeast-2": 0.79,
    "ap-northeast-1": 0.506,
    "ca-central-1": 0.13,
    "cn-north-1": 0.555,
    "cn-northwest-1": 0.555,
    "eu-central-1": 0.338,
    "eu-west-1": 0.316,
    "eu-west-2": 0.228,
    "eu-south-1": 0.233,
    "eu-west-3": 0.052,
    "eu-north-1": 0.008,
    "me-south-1": 0.732,
    "sa-east-1": 0.074,
    # Google Cloud (CCF GCP_EMISSIONS_FACTORS_METRIC_TON_PER_KWH)
    "us-central1": 0.454,
    "us-central2": 0.454,
    "us-east1": 0.48,
    "us-east4": 0.361,
    "us-west1": 0.078,
    "us-west2": 0.253,
    "us-west3": 0.533,
    "us-west4": 0.455,
    "asia-east1": 0.54,
    "asia-east2": 0.453,
    "asia-northeast1": 0.554,
    "asia-northeast2": 0.442,
    "asia-northeast3": 0.457,
    "asia-south1": 0.721,
    "asia-south2": 0.657,
    "asia-southeast1": 0.493,
    "asia-southeast2": 0.647,
    "australia-southeast1": 0.727,
    "australia-southeast2": 0.691,
    "europe-central2": 0.622,
    "europe-north1": 0.133,
    "europe-west1": 0.212,
    "europe-west2": 0.231,
    "europe-west3": 0.293,
    "europe-west4": 0.41,
    "europe-west6": 0.087,
    "northamerica-northeast1": 0.027,
    "southamerica-east1": 0.103,
    "eu": 0.284,
    "us": 0.3734285714,
    "asia": 0.5515555556,
    # Azure (CCF AZURE_EMISSIONS_FACTORS_METRIC_TON_PER_KWH; names lower-cased without spaces)
    "eastasia": 0.81,
    "southeastasia": 0.4085,
    "northeurope": 0.316,
    "westeurope": 0.39,
    "centralindia": 0.708,
    "southindia": 0.708,
    "westindia": 0.708,
    "uksouth": 0.228,
    "ukwest": 0.228,
    "centralus": _MRO,
    "eastus": _SERC,
    "eastus2": _SERC,
    "eastus3": _SERC,
    "northcentralus": _RFC,
    "southcentralus": _TRE,
    "westcentralus": _WECC,
    "westus": _WECC,
    "westus2": _WECC,
    "westus3": _WECC,
}
# CCF's AWS "Unknown" region: the average of its AWS regions
UNKNOWN_REGION_KGCO2E_PER_KWH = 0.38738

# Power usage effectiveness (CCF PUE_AVG per provider)
_PUE: dict[str, float] = {"aws": 1.135, "gcp": 1.1, "google": 1.1, "azure": 1.185, "microsoft": 1.185}
DEFAULT_PUE = 1.135

# kWh per US dollar of on-demand spend, by service category, before PUE. Derived from CCF:
# - compute: 0.74-3.5 W per vCPU at CCF's 50 % average utilization = 2.12 W, plus memory
#   0.000392 kWh/GB·h x 4 GB per vCPU = 1.57 W → 3.69 Wh per vCPU-hour; a general-purpose
#   vCPU-hour lists at about $0.048 (m5.large, us-east-1) → 0.077 kWh/$.
# - storage: HDD 0.65 Wh/TB·h x 3 replicas (object) = 1.42 kWh per TB-month at ~$23;
#   SSD 1.2 Wh/TB·h x 2 replicas (block) = 1.75 kWh per TB-month at ~$80 → about 0.04 kWh/$.
# - networking: 0.001 kWh/GB at ~$0.09 per GB transferred → 0.011 kWh/$.
# - other (managed services we cannot classify): CCF's fallback is the average of the rest.
KWH_PER_USD: dict[str, float] = {"compute": 0.077, "storage": 0.04, "networking": 0.011, "other": 0.043}

# GPU (min, max) watts: CCF ComputeProcessorTypes; H100 and L4 are not in CCF, so their max is
# the vendor's board power (H100 SXM 700 W, L4 72 W) and their min the same 11 % of max as A100.
GPU_WATTS: dict[str, tuple[float, float]] = {
    "k520": (26.0, 229.0),
    "a10g": (18.0, 153.0),
    "t4": (8.0, 71.0),
    "m60": (35.0, 306.0),
    "k80": (35.0, 306.0),
    "v100": (35.0, 306.0),
    "a100": (46.0, 407.0),
    "p4": (9.0, 76.5),
    "p40": (30.0, 255.0),
    "p100": (36.0, 306.0),
    "h100": (79.0, 700.0),
    "l4": (8.0, 72.0),
}
_DEFAULT_GPU_WATTS = (35.0, 306.0)  # an unknown GPU is taken for a V100-class board

_STORAGE_WORDS = ("storage", "s3", "blob", "ebs", "efs", "glacier", "bucket", "backup", "disk", "archive")
_NETWORK_WORDS = ("network", "cdn", "cloudfront", "transfer", "vpc", "dns", "route53", "egress", "nat", "gateway")
_COMPUTE_WORDS = (
    "ec2", "compute", "vm", "virtual", "lambda", "function", "kubernetes", "eks", "gke", "aks", "container",
    "rds", "sql", "database", "bigquery", "redshift", "dynamo", "cosmos", "emr", "dataproc", "sagemaker",
    "vertex", "gpu",
)  # fmt: skip


def _key(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch not in " _")


def grid_intensity(region: str | None) -> float:
    """kgCO2e per kWh of the region's grid (CCF's unknown-region average when we do not know it)."""
    if not region:
        return UNKNOWN_REGION_KGCO2E_PER_KWH
    return GRID_KGCO2E_PER_KWH.get(_key(region), UNKNOWN_REGION_KGCO2E_PER_KWH)


def service_category(service: str) -> str:
    """``compute``, ``storage``, ``networking`` or ``other``, from words in the service name."""
    name = service.lower()
    for category, words in (("storage", _STORAGE_WORDS), ("networking", _NETWORK_WORDS), ("compute", _COMPUTE_WORDS)):
        if any(word in name for word in words):
            return category
    return "other"


def pue(provider: str | None) -> float:
    """The provider's power usage effectiveness (CCF averages)."""
    return _PUE.get((provider or "").lower(), DEFAULT_PUE)


def cost_energy_kwh(cost: float, service: str, provider: str | None) -> float:
    """Estimated kWh behind ``cost`` dollars of ``service`` (credits and refunds count as zero)."""
    return max(cost, 0.0) * KWH_PER_USD[service_category(service)] * pue(provider)


def gpu_energy_kwh(gpu_model: str, utilization_percent: float, hours: float, provider: str | None = None) -> float:
    """kWh one GPU draws over ``hours`` at ``utilization_percent``."""
    words = re.split(r"[^a-z0-9]+", gpu_model.lower())
    low, high = next((GPU_WATTS[word] for word in words if word in GPU_WATTS), _DEFAULT_GPU_WATTS)
    watts = low + max(0.0, min(utilization_percent, 100.0)) / 100.0 * (high - low)
    return watts * hours / 1000.0 * pue(provider)
