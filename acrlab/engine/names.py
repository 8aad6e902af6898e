"""Naming rules of the registry's child resources, checked by the engine for every front end (az, PowerShell,
ARM/Bicep): a name with `[`, `]`, `/`, `=`, spaces and the like is refused before anything is created.

Sources: the Microsoft.ContainerRegistry section of "Naming rules and restrictions for Azure resources"
(MicrosoftDocs azure-docs, articles/azure-resource-manager/management/resource-name-rules.md: replications and
webhooks alphanumerics; scope maps, tasks and tokens alphanumerics, hyphens and underscores; 5-50 characters) and
the path parameters of the REST API (Azure/azure-rest-api-specs, specification/containerregistry/resource-manager/
Microsoft.ContainerRegistry/stable/2023-07-01/containerregistry.json: maxLength 50, minLength 5, the same
character classes). The message follows the resource provider's wording for registry and webhook names.

The lab enforces the characters and the maximum length; the documented minimum of 5 characters is not
enforced yet (existing scenarios and walkthroughs use shorter task and token names such as `t1`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import AzureError


@dataclass(frozen=True)
class NameRule:
    noun: str
    """As the message names it: 'Token', 'Scope map', ..."""
    code: str
    pattern: re.Pattern
    allowed: str


ALNUM = re.compile(r"[A-Za-z0-9]+")
ALNUM_HYPHEN_UNDERSCORE = re.compile(r"[A-Za-z0-9_-]+")
MAX_LENGTH = 50

RULES = {
    "replications": NameRule("Replication", "ReplicationNameInvalid", ALNUM, "alpha numeric characters"),
    "scopeMaps": NameRule("Scope map", "ScopeMapNameInvalid", ALNUM_HYPHEN_UNDERSCORE,
                          "alpha numeric characters, hyphens and underscores"),
    "tasks": NameRule("Task", "TaskNameInvalid", ALNUM_HYPHEN_UNDERSCORE,
                      "alpha numeric characters, hyphens and underscores"),
    "tokens": NameRule("Token", "TokenNameInvalid", ALNUM_HYPHEN_UNDERSCORE,
                       "alpha numeric characters, hyphens and underscores"),
}


def check(kind: str, name: str) -> None:
    """Raise the provider's 400 error when `name` breaks the naming rule of `kind` (a RULES key)."""
    rule = RULES[kind]
    if rule.pattern.fullmatch(name or "") and len(name) <= MAX_LENGTH:
        return
    raise AzureError(f"{rule.noun} name '{name}' is invalid. {rule.noun} names may contain only {rule.allowed} "
                     f"and must be between 5 and {MAX_LENGTH} characters.", code=rule.code)
