"""Generators about tiers, roles, logins and limits (answers computed from the fact tables)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from . import facts as F
from .base import base36, multiple, registry_name, single


def sku_for_requirements(rng: random.Random, seed: int):
    reqs: list[tuple[str, str]] = []  # (text, minimal SKU)
    for feat in rng.sample(F.PREMIUM_ONLY + F.STANDARD_UP + F.ALL_TIERS, rng.randint(0, 2)):
        reqs.append((f"needs {feat}", "Premium" if feat in F.PREMIUM_ONLY else
                     "Standard" if feat in F.STANDARD_UP else "Basic"))
    hooks = rng.choice([1, 2, 3, 8, 10, 11, 40])
    reqs.append((f"needs {hooks} webhooks", next(s for s in F.SKUS if F.WEBHOOKS[s] >= hooks)))
    gib = rng.choice([5, 10, 60, 100, 150, 400])
    reqs.append((f"stores about {gib} GiB that should fit in the included storage",
                 next(s for s in F.SKUS if F.INCLUDED_GIB[s] >= gib)))
    rng.shuffle(reqs)
    answer = max((s for _, s in reqs), key=F.SKUS.index)
    binding = [t for t, s in reqs if s == answer]
    wrong = [(s, f"{s} does not meet: {', '.join(t for t, m in reqs if F.SKUS.index(m) > F.SKUS.index(s))}.")
             for s in F.SKUS if F.SKUS.index(s) < F.SKUS.index(answer)]
    wrong += [(s, f"{s} meets every requirement but costs more than {answer}.")
              for s in F.SKUS if F.SKUS.index(s) > F.SKUS.index(answer)]
    return single(rng, gen="sku-for-requirements", seed=seed, section="3.2", objective="acr.sku",
                  difficulty="medium", n_options=3,
                  stem="A registry " + "; it ".join(t for t, _ in reqs) + ". Which is the cheapest tier that fits?",
                  correct=answer, right_why=f"{answer} is the lowest tier that satisfies: {'; '.join(binding)}.",
                  wrong=wrong, doc="container-registry-skus", source=["skus-webhooks", "skus-included-storage", "skus-premium", "anonymous-tiers", "zone-all-tiers",
                          "cache-tiers"],
                  explanation="Included storage is 10/100/500 GiB and webhooks 2/10/500 (Basic/Standard/Premium); "
                              "geo-replication, Private Link, CMK, retention and IP rules are Premium; anonymous pull "
                              "needs Standard or Premium; zone redundancy, Notary Project signing, artifact cache, "
                              "tokens and tasks are in every tier.")


def role_for_need(rng: random.Random, seed: int):
    need, role = rng.choice(sorted(F.ROLE_FOR_NEED.items()))
    who = rng.choice(["a CI pipeline", "an AKS kubelet identity", "a cleanup function", "a release engineer"])
    others = [r for r in F.ROLE_WHY if r != role]
    return single(rng, gen="role-for-need", seed=seed, section="3.3", objective="acr.auth.rbac", difficulty="easy",
                  stem=f"{who[0].upper() + who[1:]} must {need} in a registry using RBAC Registry Permissions mode. "
                       "Which built-in role follows least privilege?",
                  correct=role, right_why=F.ROLE_WHY[role],
                  wrong=[(r, F.ROLE_WHY[r] + f" The need is to {need}.") for r in others],
                  doc="container-registry-rbac-built-in-roles-overview", source=["rbac-least-privilege", "role-acrpush-desc", "roles-contributor-no-assign"],
                  explanation=f"To {need}, the least-privileged built-in role is {role}.")


def admin_username(rng: random.Random, seed: int):
    name = registry_name(rng)
    return single(rng, gen="admin-username", seed=seed, section="3.3", objective="acr.auth.admin", difficulty="easy",
                  stem=f"The admin user is enabled on registry {name}. Which username goes with its password "
                       f"in docker login {name}.azurecr.io?",
                  correct=name, right_why="The admin username is the registry name.",
                  wrong=[("admin", "The admin username is not the word admin."),
                         ("00000000-0000-0000-0000-000000000000", "That is the username for Entra tokens from az acr login."),
                         (f"{name}.azurecr.io", "That is the login server, not the username."),
                         ("password2", "password2 is the name of the second admin password.")],
                  doc="container-registry-authentication", source=["admin-docker-login"],
                  explanation="The admin account's username is the registry name; its two passwords are named "
                              "password and password2.")


def login_expiry(rng: random.Random, seed: int):
    start = datetime(2025, 1, 1) + timedelta(days=rng.randrange(300), minutes=15 * rng.randrange(96))
    fmt = "%Y-%m-%d %H:%M UTC"
    end = start + timedelta(hours=F.LOGIN_TOKEN_HOURS)
    return single(rng, gen="login-expiry", seed=seed, section="6.2", objective="acr.auth.login", difficulty="medium",
                  stem=f"You run az acr login --name {registry_name(rng)} at {start.strftime(fmt)}. "
                       "Until when can Docker use that login without running it again?",
                  correct=end.strftime(fmt), right_why="The registry token from az acr login lasts 3 hours.",
                  wrong=[((start + timedelta(hours=1)).strftime(fmt), "1 hour is not the documented lifetime (3 hours)."),
                         ((start + timedelta(hours=24)).strftime(fmt), "The token lasts 3 hours, not a day."),
                         ((start + timedelta(minutes=30)).strftime(fmt), "The token lasts 3 hours, not 30 minutes."),
                         ("It never expires", "The token expires after 3 hours.")],
                  doc="container-registry-authentication", source=["login-3-hours"],
                  explanation="az acr login obtains an Entra-based registry token valid for 3 hours.")


def run_id_sequence(rng: random.Random, seed: int):
    prefix = rng.choice(["ca", "cb", "cf", "da", "yd"])
    done = rng.randrange(5, 120)
    nxt = prefix + base36(done + 1)
    return single(rng, gen="run-id-sequence", seed=seed, section="12", objective="acr.tasks", difficulty="hard",
                  stem=f"A registry's task runs so far were {prefix}1 through {prefix}{base36(done)} "
                       f"({done} runs). Which run ID will the next run get?",
                  correct=nxt, right_why="Run IDs count in base 36 (0-9 then a-z) after the registry prefix.",
                  wrong=[(prefix + str(done + 1), "Run IDs are not decimal after 9; they continue with letters."),
                         (prefix + base36(done), "That ID was already used by the last run."),
                         (prefix + format(done + 1, "x"), "Run IDs are base 36, not hexadecimal."),
                         (prefix + base36(done + 2), "That skips one run."),
                         (prefix + base36(done + 3), "That skips two runs."),
                         (prefix + str(done), "Run IDs are not decimal; and that would be the last run, not the next.")],
                  doc="container-registry-tasks-reference-yaml", source=["tasks-run-variables"],
                  explanation="ACR run IDs are a two-letter prefix plus a base-36 counter: ...9, a, b, ..., z, 10, 11.")


def webhook_capacity(rng: random.Random, seed: int):
    sku = rng.choice(F.SKUS)
    limit = F.WEBHOOKS[sku]
    existing = rng.randrange(0, limit + 1)
    left = limit - existing
    return single(rng, gen="webhook-capacity", seed=seed, section="3.2", objective="acr.webhooks", difficulty="medium",
                  stem=f"A {sku} registry already has {existing} webhook(s). How many more can you add without "
                       "changing the tier?",
                  correct=str(left), right_why=f"{sku} allows {limit} webhooks; {limit} - {existing} = {left}.",
                  wrong=[(str(max(0, w - existing)), f"{w} is the limit of another tier; {sku} allows {limit}.")
                         for s, w in F.WEBHOOKS.items() if s != sku] + [
                      (str(left + 1), "Off by one: the existing webhooks count against the limit."),
                      (str(limit), f"{limit} is the tier's limit; {existing} are already used."),
                      ("Unlimited", "Every tier limits webhooks (2/10/500).")],
                  doc="container-registry-skus", source=["skus-webhooks"],
                  explanation="Webhook limits per registry: Basic 2, Standard 10, Premium 500.")


def storage_overage(rng: random.Random, seed: int):
    sku = rng.choice(F.SKUS)
    inc = F.INCLUDED_GIB[sku]
    used = rng.choice([inc // 2, inc, inc + rng.randrange(1, 300), inc * 2])
    extra = max(0, used - inc)
    return single(rng, gen="storage-overage", seed=seed, section="3.2", objective="acr.sku", difficulty="medium",
                  stem=f"A {sku} registry stores {used} GiB. How many GiB are billed on top of the included storage?",
                  correct=str(extra), right_why=f"{sku} includes {inc} GiB; max(0, {used} - {inc}) = {extra}.",
                  wrong=[(str(max(0, used - i)), f"{i} GiB is another tier's included storage; {sku} includes {inc}.")
                         for s, i in F.INCLUDED_GIB.items() if s != sku] + [
                      (str(used), "Only the part above the included storage is billed extra."),
                      (str(used + inc), "The included storage is subtracted, not added."),
                      ("None: the registry stops accepting pushes", "Extra storage is billed per GiB, not refused.")],
                  doc="container-registry-skus", source=["skus-extra-storage", "skus-included-storage"],
                  explanation="Included storage is 10/100/500 GiB; more is billed per GiB up to the storage limit.")


def georep_billing(rng: random.Random, seed: int):
    size = rng.choice([2, 5, 12, 40, 120])
    extra = rng.randint(1, 4)
    regions = rng.sample(["westeurope", "japaneast", "australiaeast", "brazilsouth", "westus2"], extra)
    total = size * (extra + 1)
    return single(rng, gen="georep-billing", seed=seed, section="11", objective="acr.georep", difficulty="hard",
                  stem=f"A Premium registry in eastus holds {size} GiB of images and has replicas in "
                       f"{', '.join(regions)}. How much storage is billed in total (all regions)?",
                  correct=f"{total} GiB", right_why=f"Storage is billed per replica: {size} x {extra + 1} regions.",
                  wrong=[(f"{size} GiB", "That is what counts against the storage limit, not what is billed."),
                         (f"{size * extra} GiB", "The home region is a replica too."),
                         (f"{total + size} GiB", "Too many regions counted."),
                         ("0 GiB", "Replicas hold full copies of the data.")],
                  doc="container-registry-geo-replication", source=["georep-premium", "skus-usage-home-region"],
                  explanation="Geo-replicated storage counts once against the limit but is billed in each replica region, "
                              "the home region included.")


def registry_names(rng: random.Random, seed: int):
    ok_pool = ["contosoprod01", "fabrikamimages", "tailspinacr", "adatum2024", "northwindreg", "litwareapps"]
    bad_pool = [("acr1", "too short (5-50 characters)"), ("contoso-prod", "dashes are not allowed"),
                ("Contoso_Prod", "underscores are not allowed and the CLI rejects uppercase"),
                ("my.registry", "dots are not allowed"), ("a" * 51, "too long (5-50 characters)"),
                ("TailspinProd", "the CLI rejects uppercase letters")]
    options = [(n, True, "Valid: 5-50 lowercase alphanumerics.") for n in rng.sample(ok_pool, rng.randint(2, 3))]
    options += [(n, False, f"Invalid: {why}.") for n, why in rng.sample(bad_pool, 5 - len(options))]
    rng.shuffle(options)
    return multiple(gen="registry-names", seed=seed, section="6.1", objective="acr.structure", difficulty="medium",
                    stem=f"Which {sum(o[1] for o in options)} names can you use with az acr create? "
                         "Each correct answer presents a complete solution.",
                    options=options, doc="container-registry-get-started-azure-cli", source=["portal-name-rule"],
                    explanation="Registry names are 5-50 alphanumeric characters, globally unique; the CLI also rejects "
                                "uppercase letters and dashes.")
