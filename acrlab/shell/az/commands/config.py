"""az acr config retention update|show, az acr config soft-delete update|show,
az acr config authentication-as-arm show|update."""

from __future__ import annotations

from ....engine import retention, softdelete
from ....engine.arm import send
from ....engine.errors import CliError
from ..framework import Arg, command, group
from .acr import RG_OPT, load_registry, registry_arg
from .acr_body import POLICIES_NOT_SUPPORTED

group("acr config", "Configure policies for Azure Container Registries.")
group("acr config retention", "Manage retention policy for Azure Container Registries.")
group("acr config soft-delete", "Manage soft-delete policy for Azure Container Registries.")
group("acr config authentication-as-arm", "Manage 'Azure AD authenticate as ARM' policy for Azure Container "
      "Registries.")

REG = registry_arg(options="--registry -r")


def policy_table(result):
    """_format.py policy_output_format: the acr_policy_util default (retention; soft-delete lives in policy.py too,
    so it is assumed to share it)."""
    rows = result if isinstance(result, list) else [result]
    return [{"STATUS": r.get("status") or " ", "TYPE": r.get("type") or " "} for r in rows]


@command("acr config retention show", "Show the retention policy configuration.", [REG, RG_OPT],
         examples=[("Show the configured retention policy for an Azure Container Registry",
                    "az acr config retention show -r myregistry")], table=policy_table, preview=True)
def retention_show(ctx, a):
    reg = load_registry(ctx, a)
    if reg.sku != "Premium":
        raise CliError(POLICIES_NOT_SUPPORTED)
    return retention.policy_json(reg)


@command("acr config retention update", "Update the retention policy.", [
    REG, RG_OPT,
    Arg("status", "--status", "Indicates whether retention policy is enabled.", choices=["disabled", "enabled"]),
    Arg("days", "--days", "The number of days to retain an untagged manifest after which it gets purged "
        "(Range: 0 to 365). Value \"0\" will delete untagged manifests immediately.", kind="int", default=7),
    Arg("policy_type", "--type", "The type of retention policy.", required=True, choices=["UntaggedManifests"]),
], examples=[("Enable retention policy for an Azure Container Registry to delete an untagged manifest after 30 days.",
              "az acr config retention update -r myregistry --status Enabled --days 30 --type UntaggedManifests"),
             ("Enable retention policy for an Azure Container Registry to delete a manifest as soon as it gets "
              "untagged.", "az acr config retention update -r myregistry --status Enabled --days 0 "
              "--type UntaggedManifests")], table=policy_table, preview=True)
def retention_update(ctx, a):
    if a.days is not None and (a.days < 0 or a.days > 365):
        raise CliError("Invalid value for days: should be from 0 to 365")
    reg = load_registry(ctx, a)
    if reg.sku != "Premium":
        raise CliError(POLICIES_NOT_SUPPORTED)
    policy = {k: v for k, v in (("status", a.status), ("days", a.days)) if v is not None}
    body = {"properties": {"policies": {"retentionPolicy": policy}}}
    return retention.policy_json(send(ctx.cloud, ctx.principal, "PATCH", reg.id, body).resource)


@command("acr config soft-delete show", "Show the configured soft-delete policy for an Azure Container Registry.",
         [REG], examples=[("Show soft-delete policy for an Azure Container Registry",
                           "az acr config soft-delete show -r myregistry")], table=policy_table, preview=True)
def soft_delete_show(ctx, a):
    return softdelete.policy_json(load_registry(ctx, a))


@command("acr config soft-delete update", "Update soft-delete policy for an Azure Container Registry.", [
    REG,
    Arg("status", "--status", "Indicates whether soft-delete policy is enabled.", choices=["disabled", "enabled"]),
    Arg("days", "--days", "The number of days to retain a soft-deleted manifest or tag after which it gets purged "
        "(Range: 1 to 90). Default is 7.", kind="int"),
    Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag"),
], examples=[("Enable soft-delete policy for an Azure Container Registry and set the retention days to 30.",
              "az acr config soft-delete update -r myregistry --days 30 --status Enabled")],
    table=policy_table, preview=True)
def soft_delete_update(ctx, a):
    if a.days is not None and not 1 <= a.days <= 90:
        raise CliError("Invalid value for days: should be from 1 to 90")
    reg = load_registry(ctx, a)
    pol = reg.policies
    if a.status and a.status.lower() == "disabled" and pol.soft_delete_status == "enabled":
        ctx.warn("Disabling soft-delete does not affect purge behavior for previously deleted artifacts. Artifacts "
                 "currently in a soft-deleted state will continue to be purged in accordance with the current "
                 "soft-delete retention days policy.")
    if a.days is not None and pol.soft_delete_days > a.days:
        ctx.confirm("Soft-delete purge scheduling is determined by a registry's current soft-delete retention days "
                    "policy at the time of purge. By reducing the retention days policy, you are changing the "
                    "scheduled purge date of previously deleted artifacts. In doing so, you may be scheduling some "
                    "artifacts in a soft-deleted state for immediate purge. Do you wish to proceed?")
    policy = {k: v for k, v in (("status", a.status), ("retentionDays", a.days)) if v is not None}
    body = {"properties": {"policies": {"softDeletePolicy": policy}}}
    return softdelete.policy_json(send(ctx.cloud, ctx.principal, "PATCH", reg.id, body).resource)


@command("acr config authentication-as-arm show", "Show the configured 'Azure AD authenticate as ARM' policy for an "
         "Azure Container Registry.", [REG, RG_OPT], preview=True,
         examples=[("Show the configured 'Azure AD authenticate as ARM' policy for an Azure Container Registry",
                    "az acr config authentication-as-arm show -r myregistry")])
def aad_as_arm_show(ctx, a):
    """acr/policy.py acr_config_authentication_as_arm_show: the registry's azureADAuthenticationAsArmPolicy."""
    return {"status": load_registry(ctx, a).policies.aad_as_arm_status}


@command("acr config authentication-as-arm update", "Update 'Azure AD authenticate as ARM' policy for an Azure "
         "Container Registry.", [REG, RG_OPT, Arg("status", "--status", "Indicates whether authentication-as-arm is "
                                                  "enabled.", choices=["disabled", "enabled"])], preview=True,
         examples=[("Disable 'Azure AD authenticate as ARM' policy for an Azure Container Registry",
                    "az acr config authentication-as-arm update -r myregistry --status Disabled")])
def aad_as_arm_update(ctx, a):
    """acr_config_authentication_as_arm_update: a PATCH of policies.azureADAuthenticationAsArmPolicy; returns it."""
    reg = load_registry(ctx, a)
    body = {"properties": {"policies": {"azureADAuthenticationAsArmPolicy": {"status": a.status}}}} if a.status \
        else {"properties": {}}
    new = send(ctx.cloud, ctx.principal, "PATCH", reg.id, body).resource
    return {"status": new.policies.aad_as_arm_status}
