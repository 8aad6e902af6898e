"""One objective vocabulary for the whole course: quiz items, lab scenarios, Learn pages and notebooks.

The AZ-104 skill "Create and manage an Azure container registry" (with the container bullets next to it
that use a registry: Container Instances and Container Apps) split into objectives a learner can practise
and be measured on. Every piece of content names objectives by these ids; ``acrlab quiz validate`` and
``acrlab scenario validate`` reject ids that are not here, so a missed question and a failed lab check
lead to the same review cards and the same readiness bar.

It also names the course's sections by their titles: the content is organised along the course document
this project teaches (``Section`` ids such as ``"3.3"``), and learners see the titles, never the ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ObjectiveInfo:
    id: str
    title: str
    sections: tuple[str, ...]


_OBJECTIVES = [
    ObjectiveInfo("acr.structure", "Registry, repository and tag; names and the login server", ("3.1", "6.1", "13")),
    ObjectiveInfo("acr.images", "Tags, digests, layers and storage", ("5", "9", "10", "13")),
    ObjectiveInfo("acr.sku", "Choose and change a service tier (SKU)", ("3.2", "8", "11", "13")),
    ObjectiveInfo("acr.auth.admin", "Admin user account", ("3.3", "9", "10")),
    ObjectiveInfo("acr.auth.rbac", "Microsoft Entra identities and RBAC/ABAC roles",
                  ("3.3", "6.2", "6.3", "6.4", "8", "9", "13")),
    ObjectiveInfo("acr.auth.tokens", "Repository-scoped tokens and scope maps", ("3.3", "8")),
    ObjectiveInfo("acr.auth.login", "az acr login and registry tokens", ("6.2", "8", "10", "13")),
    ObjectiveInfo("acr.tasks", "ACR Tasks: quick, triggered, scheduled and multi-step", ("3.4", "12", "13")),
    ObjectiveInfo("acr.deploy", "Create a registry with the portal, CLI, PowerShell or Bicep",
                  ("6.1", "6.2", "6.3", "6.4")),
    ObjectiveInfo("acr.repos", "Manage repositories, tags, deletes, locks and imports", ("6.2", "11")),
    ObjectiveInfo("acr.lifecycle", "Retention policy, acr purge and soft delete", ("6.2", "6.4", "9", "10", "11")),
    ObjectiveInfo("acr.georep", "Geo-replication and zone redundancy", ("3.2", "5", "6.2", "8")),
    ObjectiveInfo("acr.network", "Public network access, firewall rules and Private Link", ("7", "8")),
    ObjectiveInfo("acr.trust", "Image signing (Notary Project) and vulnerability scanning", ("7", "9")),
    ObjectiveInfo("acr.monitor", "Monitoring: usage, limits, diagnostic settings and logs", ("11",)),
    ObjectiveInfo("acr.webhooks", "Webhooks", ("3.2", "11")),
    ObjectiveInfo("acr.consume", "Run registry images in AKS, Container Instances, Container Apps and App Service",
                  ("5", "12")),
    ObjectiveInfo("acr.governance", "Azure Policy for registries", ("7", "9")),
    ObjectiveInfo("acr.cache", "Artifact cache for upstream images", ("11", "12")),
]
OBJECTIVES: dict[str, ObjectiveInfo] = {o.id: o for o in _OBJECTIVES}

SECTION_TITLES: dict[str, str] = {
    "1": "Why a container registry",
    "3.1": "Registry, repository and tag",
    "3.2": "Service tiers",
    "3.3": "Authentication",
    "3.4": "ACR Tasks",
    "5": "Practical operation",
    "6.1": "Creating a registry in the portal",
    "6.2": "Azure CLI",
    "6.3": "PowerShell",
    "6.4": "Bicep",
    "7": "Control and security",
    "8": "Decision making",
    "9": "Best practices",
    "10": "Common mistakes",
    "11": "Operation and maintenance",
    "12": "Integration and automation",
    "13": "Summary",
}


def objective_title(objective_id: str) -> str:
    """The learner-facing title of an objective (the id itself if it is unknown)."""
    info = OBJECTIVES.get(objective_id)
    return info.title if info else objective_id


def section_title(section: str) -> str:
    """The learner-facing title of a course section (never its number alone)."""
    return SECTION_TITLES.get(str(section), str(section))


def unknown(ids: Iterable[str]) -> list[str]:
    """The ids that are not in the vocabulary, in the order given."""
    return [i for i in ids if i not in OBJECTIVES]


def describe_unknown(objective_id: str) -> str:
    """An error message for an id that is not in the vocabulary, with the closest known ids."""
    import difflib
    close = difflib.get_close_matches(objective_id, OBJECTIVES, n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(close)}?" if close else f"; known: {', '.join(OBJECTIVES)}"
    return f"unknown objective {objective_id!r}{hint}"


__all__ = ["OBJECTIVES", "ObjectiveInfo", "SECTION_TITLES", "objective_title", "section_title", "unknown",
           "describe_unknown"]
