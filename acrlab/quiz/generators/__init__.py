"""Parametric item generators: ``GENERATORS[name](seed)`` returns a fresh, validated item.

Every generator computes its answer from first principles (fact tables restated from
shared/reference/acr-facts.md, or a small simulation of purge/retention/permissions), and is
reproducible: the same seed always gives the same item.
"""

from __future__ import annotations

import random
from typing import Any

from . import current as _c
from . import lifecycle as _l
from . import tier as _t
from .base import Generator

GENERATORS: dict[str, Generator] = {g.name: g for g in [
    Generator("sku-for-requirements", "3.2", "acr.sku", "cheapest tier for a set of requirements", _t.sku_for_requirements),
    Generator("role-for-need", "3.3", "acr.auth.rbac", "least-privilege built-in role for a need", _t.role_for_need),
    Generator("admin-username", "3.3", "acr.auth.admin", "admin user name for a registry", _t.admin_username),
    Generator("login-expiry", "6.2", "acr.auth.login", "when an az acr login token expires", _t.login_expiry),
    Generator("run-id-sequence", "12", "acr.tasks", "next ACR Tasks run ID", _t.run_id_sequence),
    Generator("webhook-capacity", "3.2", "acr.webhooks", "webhooks left for a tier", _t.webhook_capacity),
    Generator("storage-overage", "3.2", "acr.sku", "storage billed above the included amount", _t.storage_overage),
    Generator("georep-billing", "11", "acr.georep", "billed storage with replicas", _t.georep_billing),
    Generator("registry-names", "6.1", "acr.structure", "valid registry names", _t.registry_names),
    Generator("storage-after-pushes", "5", "acr.images", "storage after pushes with shared layers",
              _l.storage_after_pushes),
    Generator("purge-survivors", "11", "acr.lifecycle", "what survives an acr purge", _l.purge_survivors),
    Generator("retention-deletion-date", "6.2", "acr.lifecycle", "when retention deletes a manifest",
              _l.retention_deletion_date),
    Generator("token-permissions", "3.3", "acr.auth.tokens", "what a token's scope map allows",
              _l.token_permissions),
    Generator("delete-vs-untag", "11", "acr.repos", "tags left after delete or untag", _l.delete_vs_untag),
    Generator("dnl-login-server", "6.2", "acr.structure", "login server for a domain name label scope",
              _c.dnl_login_server),
    Generator("soft-delete-window", "11", "acr.lifecycle", "how long a soft-deleted image can be restored",
              _c.soft_delete_window),
    Generator("abac-role-for-need", "3.3", "acr.auth.rbac", "ABAC repository role for a need", _c.abac_role_for_need),
    Generator("private-dns-records", "7", "acr.network", "DNS records a private endpoint needs",
              _c.private_dns_records),
]}


def generator_sources() -> dict[str, list[str]]:
    """Generator name -> the source fact ids its items cite (checked against the bank by quiz validate)."""
    return {name: [r for r in gen(0).source if isinstance(r, str)] for name, gen in GENERATORS.items()}


def generate(name: str, seed: int) -> Any:
    try:
        gen = GENERATORS[name]
    except KeyError:
        raise KeyError(f"no generator {name!r}; known: {', '.join(sorted(GENERATORS))}") from None
    return gen(seed)


def generate_many(count: int, seed: int = 0, *, names: list[str] | None = None) -> list[Any]:
    """``count`` generated items drawn round-robin-at-random from ``names`` (default: all)."""
    rng = random.Random(seed)
    pool = sorted(names or GENERATORS)
    return [generate(rng.choice(pool), rng.randrange(1 << 30)) for _ in range(count)]


__all__ = ["GENERATORS", "Generator", "generate", "generate_many", "generator_sources"]
