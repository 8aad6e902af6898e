"""A monthly bill estimate from SKU, storage over the included amount, replicas and egress.

Prices are list prices in USD for the simulation's price table, dated below: an estimate, not a quote."""

from __future__ import annotations

from .sku import SKUS, GiB

PRICE_TABLE_DATE = "2026-01-05"
STORAGE_PER_GIB_DAY = 0.003  # beyond the included storage
EGRESS_PER_GIB = 0.087  # inter-region / internet egress, first tier
DAYS_PER_MONTH = 30


def estimate(cloud, registry) -> dict:
    lim = SKUS[registry.sku]
    replicas = 1 + sum(1 for r in registry.replications.values() if getattr(r, "location", None) != registry.location)
    stored = registry.store.storage_bytes()
    over = max(0, stored - lim.included_storage_bytes) / GiB
    from .replication import egress_summary

    summary = egress_summary(registry)
    egress_bytes = summary.get("inter-region", 0) + summary.get("internet", 0)  # same-region transfer is free
    lines = {
        "registry": round(lim.price_per_day_usd * DAYS_PER_MONTH * replicas, 2),
        "storage": round(over * STORAGE_PER_GIB_DAY * DAYS_PER_MONTH * replicas, 2),
        "egress": round(egress_bytes / GiB * EGRESS_PER_GIB, 2),
    }
    return {
        "registry": registry.name, "sku": registry.sku, "replicas": replicas,
        "storageGiB": round(stored / GiB, 3), "includedStorageGiB": lim.included_storage_bytes // GiB,
        "egressGiB": round(egress_bytes / GiB, 3), "monthlyUsd": lines, "totalUsd": round(sum(lines.values()), 2),
        "priceTableDate": PRICE_TABLE_DATE, "note": "Estimate from the lab's price table; check the Azure pricing "
        "calculator for real prices.",
    }


def sku_monthly_base(sku: str, replicas: int = 1) -> float:
    return round(SKUS[sku].price_per_day_usd * DAYS_PER_MONTH * replicas, 2)
