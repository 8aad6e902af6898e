"""Generators about features the course predates: domain name label scopes, soft delete, ABAC repository
roles and private endpoint DNS records (answers computed from the fact tables and the documented rules)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from . import facts as F
from .base import multiple, registry_name, single

_REGIONS = ["westeurope", "japaneast", "australiaeast", "brazilsouth", "westus2", "northeurope"]


def dnl_login_server(rng: random.Random, seed: int):
    name = registry_name(rng)
    scope = rng.choice(sorted(F.DNL_SCOPES))
    hashed, unique_within = F.DNL_SCOPES[scope]
    plain, with_hash = f"{name}.azurecr.io", f"{name}-<hash>.azurecr.io"
    correct = with_hash if hashed else plain
    other = plain if hashed else with_hash
    wrong = [(other, ("Only the Unsecure scope keeps the plain registry name as the DNS name." if hashed else
                      "A hash is added only for scopes other than Unsecure.")),
             (f"{name}.{rng.choice(_REGIONS)}.data.azurecr.io", "That is a dedicated data endpoint, not the login "
                                                                "server."),
             (f"<hash>-{name}.azurecr.io", "The hash follows the registry name, after a dash."),
             (f"{name}.azurecr.io:443", "A login server never includes a port.")]
    return single(rng, gen="dnl-login-server", seed=seed, section="6.2", objective="acr.structure",
                  difficulty="medium",
                  stem=f"You run az acr create -n {name} -g rg --sku Standard --dnl-scope {scope}. Which login server "
                       "do Docker clients and Kubernetes manifests use?",
                  correct=correct,
                  right_why=(f"With {scope} the DNS name gets a hash unique within {unique_within}." if hashed
                             else "Unsecure creates the DNS name as-is, from the registry name."),
                  wrong=wrong, doc="container-registry-get-started-azure-cli",
                  source=["dnl-hash-format", "dnl-unsecure", "dnl-immutable"],
                  explanation="Every domain name label scope except Unsecure gives registryname-hash.azurecr.io; the "
                              "scope is chosen at creation and cannot be changed.")


def soft_delete_window(rng: random.Random, seed: int):
    deleted = date(2026, 1, 5) + timedelta(days=rng.randrange(300))
    first = rng.choice([1, 7, 14, 30])
    change = rng.random() < 0.6
    new = rng.choice([d for d in (3, 7, 30, 60, 90) if d != first])
    change_after = rng.randrange(0, first)  # the change happens while the artifact is still restorable
    days = new if change else first
    last = deleted + timedelta(days=days)
    stem = (f"Soft delete is enabled with a retention period of {first} day(s). An image is deleted on "
            f"{deleted.isoformat()}"
            + ((f"; {change_after} day(s) later" if change_after else "; the same day")
               + f" the retention period is changed to {new} days" if change else "")
            + ". Until when can it be restored?")
    wrong = [((deleted + timedelta(days=first)).isoformat() if change else (deleted + timedelta(days=7)).isoformat(),
              "The auto-purge uses the current retention value, which changed." if change
              else f"The default is 7 days, but this registry is set to {first}."),
             ((deleted + timedelta(days=days + change_after)).isoformat(),
              "The period counts from the deletion, not from the policy change."),
             ((deleted + timedelta(days=F.SOFT_DELETE_DAYS[1])).isoformat(), "90 days is the maximum setting, not "
                                                                             "the configured one."),
             ("It cannot be restored", "Soft-deleted artifacts can be restored until the retention period ends."),
             ((deleted + timedelta(days=days + 1)).isoformat(), "No extra day is added.")]
    return single(rng, gen="soft-delete-window", seed=seed, section="11", objective="acr.lifecycle",
                  difficulty="hard", stem=stem, correct=last.isoformat(),
                  right_why=f"The daily auto-purge applies the current retention value ({days} days) from the "
                            "deletion date.",
                  wrong=wrong, doc="container-registry-soft-delete-policy",
                  source=["softdelete-autopurge", "softdelete-days", "softdelete-expired"],
                  explanation="Soft-deleted artifacts are restorable for the retention period (1-90 days, default 7); "
                              "the auto-purge always uses the current value of retention days.")


def abac_role_for_need(rng: random.Random, seed: int):
    need, role = rng.choice(sorted(F.ABAC_ROLE_FOR_NEED.items()))
    who = rng.choice(["a CI pipeline", "an AKS kubelet identity", "a developer", "a cleanup job"])
    legacy = {"Container Registry Repository Reader": "AcrPull", "Container Registry Repository Writer": "AcrPush",
              "Container Registry Repository Contributor": "AcrDelete",
              "Container Registry Repository Catalog Lister": "Reader"}
    wrong = [(r, f"{r} does not match the need to {need}.") for r in sorted(F.ABAC_ROLE_FOR_NEED.values())
             if r != role]
    wrong.append((legacy[role], f"{legacy[role]} is not honoured for data access in ABAC-enabled registries."
                  if legacy[role] != "Reader" else "Reader has no data-plane permissions in ABAC-enabled registries."))
    return single(rng, gen="abac-role-for-need", seed=seed, section="3.3", objective="acr.auth.rbac",
                  difficulty="hard",
                  stem=f"A registry uses RBAC Registry + ABAC Repository Permissions. {who[0].upper() + who[1:]} must "
                       f"{need}. Which built-in role do you assign (with a repository condition where it applies)?",
                  correct=role, right_why=f"{role} grants exactly that in ABAC mode.",
                  wrong=wrong, doc="container-registry-rbac-abac-repository-permissions",
                  source=["abac-legacy-not-honored", "abac-catalog-lister", "roles-abac-no-data"],
                  explanation="In ABAC mode the legacy Acr* roles are ignored and Owner/Contributor/Reader have no data "
                              "access: Repository Reader pulls, Writer pushes, Contributor also deletes, and Catalog "
                              "Lister lists repository names.")


def private_dns_records(rng: random.Random, seed: int):
    name = registry_name(rng)
    home, *replicas = rng.sample(_REGIONS, rng.randint(1, 3))
    needed = [name] + [f"{name}.{r}.data" for r in [home, *replicas]]
    decoys = [(f"{name}.privatelink", False, "Records are names inside privatelink.azurecr.io; this is not one of them."),
              (f"{name}.{rng.choice([r for r in _REGIONS if r not in [home, *replicas]])}.data",
               False, "The registry has no replica in that region, so it has no data endpoint there."),
              (f"{name}.azurecr.io", False, "Inside the zone privatelink.azurecr.io the record is the relative name.")]
    options = [(n, True, f"Needed: {'the registry endpoint' if n == name else 'a regional data endpoint'}.")
               for n in needed] + decoys
    options = options[:min(len(options), 8)]
    rng.shuffle(options)
    region_text = home + (f" with replicas in {', '.join(replicas)}" if replicas else " and no replicas")
    return multiple(gen="private-dns-records", seed=seed, section="7", objective="acr.network", difficulty="hard",
                    stem=f"The Premium registry {name} (home region {region_text}) gets a private endpoint with a DNS "
                         "zone group for privatelink.azurecr.io. Which A records does the zone hold? Each correct "
                         "answer presents part of the solution.",
                    options=options, doc="container-registry-private-endpoints",
                    source=["pe-dns-zone-name", "pe-dns-each-data-endpoint"],
                    explanation="A registry's private endpoint needs a record for the registry itself and one data "
                                "endpoint record (<registry>.<region>.data) per region where the registry has a "
                                "replica, the home region included.")
