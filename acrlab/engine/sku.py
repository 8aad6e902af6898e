"""SKU limits and Premium-only gates in one table (Microsoft docs, 2026 figures)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

GiB = 1024**3
TiB = 1024**4


class SkuLimits(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    included_storage_bytes: int
    storage_limit_bytes: int
    webhooks: int
    tokens: int
    scope_maps: int
    ip_rules: int
    vnet_rules: int
    private_endpoints: int
    geo_replication: bool
    private_link: bool
    customer_managed_keys: bool
    content_trust: bool
    retention_policy: bool
    export_policy: bool
    network_rules: bool
    anonymous_pull: bool
    dedicated_data_endpoints: bool
    regional_endpoints: bool
    read_rpm: int
    read_rpm_identity: int
    write_rpm: int
    write_rpm_identity: int
    delete_rpm: int
    delete_rpm_identity: int
    price_per_day_usd: float


SKUS: dict[str, SkuLimits] = {
    "Basic": SkuLimits(
        name="Basic", included_storage_bytes=10 * GiB, storage_limit_bytes=40 * TiB, webhooks=2, tokens=100,
        scope_maps=100, ip_rules=0, vnet_rules=0, private_endpoints=0, geo_replication=False, private_link=False,
        customer_managed_keys=False, content_trust=False, retention_policy=False, export_policy=False,
        network_rules=False, anonymous_pull=False, dedicated_data_endpoints=False, regional_endpoints=False,
        read_rpm=10_000, read_rpm_identity=5_000, write_rpm=2_000, write_rpm_identity=1_000,
        delete_rpm=1_000, delete_rpm_identity=500, price_per_day_usd=0.167,
    ),
    "Standard": SkuLimits(
        name="Standard", included_storage_bytes=100 * GiB, storage_limit_bytes=40 * TiB, webhooks=10, tokens=500,
        scope_maps=500, ip_rules=0, vnet_rules=0, private_endpoints=0, geo_replication=False, private_link=False,
        customer_managed_keys=False, content_trust=False, retention_policy=False, export_policy=False,
        network_rules=False, anonymous_pull=True, dedicated_data_endpoints=False, regional_endpoints=False,
        read_rpm=10_000, read_rpm_identity=5_000, write_rpm=2_000, write_rpm_identity=1_000,
        delete_rpm=1_000, delete_rpm_identity=500, price_per_day_usd=0.667,
    ),
    "Premium": SkuLimits(
        name="Premium", included_storage_bytes=500 * GiB, storage_limit_bytes=100 * TiB, webhooks=500,
        tokens=50_000, scope_maps=50_000, ip_rules=200, vnet_rules=100, private_endpoints=200,
        geo_replication=True, private_link=True, customer_managed_keys=True, content_trust=True,
        retention_policy=True, export_policy=True, network_rules=True, anonymous_pull=True,
        dedicated_data_endpoints=True, regional_endpoints=True,
        read_rpm=20_000, read_rpm_identity=10_000, write_rpm=4_000, write_rpm_identity=2_000,
        delete_rpm=4_000, delete_rpm_identity=2_000, price_per_day_usd=1.667,
    ),
}

SKU_NAMES = list(SKUS)

PREMIUM_ONLY = {
    "network_rules": "Network rules are only supported for managed registries in Premium SKU.",
    "replications": "Replications are only supported for managed registries in Premium SKU.",
    "policies": "Policies are only supported for managed registries in Premium SKU.",
    "generic": "This operation is only supported for managed registries in Premium SKU.",
    "regional_endpoints": "Regional endpoints are only supported for managed registries in Premium SKU.",
}


def limits(sku: str) -> SkuLimits:
    return SKUS[sku]
