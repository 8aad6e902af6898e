"""Rules of Azure that start (or stop) on a date, each written once with its date and its source.

The lab's Azure is Azure as of the lab's release (the clock starts at `clock.EPOCH`, 2026-12); a rule is
in force when the simulated clock has reached its date, so `lab.advance` (or a lab forked into the past
by a test) sees the same rule Azure applies on that day. Engine modules import the rule they enforce
from here instead of writing the date themselves; quiz and learning content can list `RULES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

DOCS = "MicrosoftDocs/azure-management-docs"
CLI = "Azure/azure-cli"


@dataclass(frozen=True, slots=True)
class DatedRule:
    key: str
    effective: datetime
    """The first instant (UTC) at which the rule applies."""
    summary: str
    source: str
    """Repository and path (and heading) that states the rule."""

    def in_force(self, now: datetime) -> bool:
        return now >= self.effective


def _on(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, tzinfo=UTC)


DCT_DEPRECATION_STARTED = DatedRule(
    "dct-deprecation-started", _on(2025, 3, 31),
    "Deprecation of Docker Content Trust (DCT) in Azure Container Registry starts; Notary Project signing "
    "(Notation) replaces it.",
    f"{DOCS} articles/container-registry/container-registry-content-trust-deprecation.md (DCT deprecation)")

DCT_NO_NEW_ENABLEMENT = DatedRule(
    "dct-no-new-enablement", _on(2026, 5, 31),
    "Docker Content Trust cannot be enabled on new registries or on registries that never enabled it.",
    f"{DOCS} articles/container-registry/container-registry-content-trust.md (IMPORTANT note at the top)")

AZ_CLI_DCT_ENABLE_REFUSED = DatedRule(
    "az-cli-2.86-content-trust", _on(2026, 5, 1),
    "azure-cli 2.86.0 (the May 2026 breaking-change release) no longer accepts `--status enabled` for "
    "`az acr config content-trust update`, and disabling asks for confirmation (`--yes`).",
    f"{CLI} src/azure-cli/azure/cli/command_modules/acr/_breaking_change.py (register_logic_breaking_change "
    "'acr config content-trust update'); pull request #33174")

DCT_REMOVED = DatedRule(
    "dct-removed", _on(2028, 3, 31),
    "Docker Content Trust is removed from Azure Container Registry.",
    f"{DOCS} articles/container-registry/container-registry-content-trust-deprecation.md (DCT deprecation)")

TASKS_NETWORK_BYPASS_POLICY = DatedRule(
    "tasks-network-bypass-policy", _on(2025, 6, 1),
    "ACR Tasks no longer bypass a registry's network rules as a trusted service unless the registry's "
    "networkRuleBypassAllowedForTasks policy is true; a dedicated agent pool in a virtual network is the other way.",
    f"{DOCS} articles/container-registry/manage-network-bypass-policy-for-tasks.md (As of June 1, 2025)")

RULES: tuple[DatedRule, ...] = (DCT_DEPRECATION_STARTED, TASKS_NETWORK_BYPASS_POLICY, AZ_CLI_DCT_ENABLE_REFUSED,
                                DCT_NO_NEW_ENABLEMENT, DCT_REMOVED)
