"""The artifact-signing extension (bundled; see ../extensions.py): az artifact-signing create|show|list|update|delete
and az artifact-signing certificate-profile create|show|list|delete, as Azure/azure-cli-extensions
src/artifact-signing generates them (aaz, api-version 2025-10-13: options and their aliases from
aaz/latest/artifact_signing/**/_create.py; tests/latest/test_artifact_signing.py for the flattened output:
`sku.name`, `provisioningState`, `profileType`, `identityValidationId` at the top level). Every command is one
Microsoft.CodeSigning request (engine/arm/providers/codesigning.py). Identity validations are made in the portal
only, so there is no command for them."""

from __future__ import annotations

from ....engine import groups
from ....engine.arm import send
from ..framework import Arg, command, group
from .account import parse_tags

group("artifact-signing", "Manage artifact signing account.")
group("artifact-signing certificate-profile", "Manage certificate profiles under an artifact signing account.")
ACCOUNT = "Microsoft.CodeSigning/codeSigningAccounts"
RG = Arg("resource_group", "--resource-group -g", "Name of resource group. You can configure the default group using "
         "`az configure --defaults group=<name>`.", required=True, default_key="group")
NAME = Arg("account_name", "--name -n --account-name", "Artifact signing account name.", required=True)
IN_ACCOUNT = Arg("account_name", "--account-name --account", "Artifact signing account name.", required=True)
PROFILE = Arg("profile_name", "--name -n --profile-name", "Certificate profile name.", required=True)
YES = Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag")
INCLUDES = (("include_street_address", "--include-street-address --street", "STREET", "includeStreetAddress"),
            ("include_city", "--include-city --city", "L", "includeCity"),
            ("include_state", "--include-state --state", "S", "includeState"),
            ("include_country", "--include-country --country", "C", "includeCountry"),
            ("include_postal_code", "--include-postal-code --postal-code", "PC", "includePostalCode"))


def _rid(ctx, rg: str, account: str, profile: str | None = None) -> str:
    rid = f"{ctx.subscription.id}/resourceGroups/{rg}/providers/{ACCOUNT}/{account}"
    return f"{rid}/certificateProfiles/{profile}" if profile is not None else rid


def _flat(body: dict) -> dict:
    """aaz's client_flatten: the properties at the top level, and az's resourceGroup from the id."""
    out = {k: v for k, v in body.items() if k != "properties"}
    out.update(body.get("properties") or {})
    out["resourceGroup"] = body["id"].split("/")[4]
    return dict(sorted(out.items()))


def _send(ctx, method: str, rid: str, body: dict | None = None):
    return send(ctx.cloud, ctx.principal, method, rid, body)


@command("artifact-signing create", "Create an artifact signing account.", [
    NAME, RG,
    Arg("location", "--location -l", "The geo-location where the resource lives. When not specified, the location "
        "of the resource group will be used.", default_key="location"),
    Arg("sku", "--sku", "Name of the SKU.", choices=["Basic", "Premium"]),
    Arg("tags", "--tags", "Resource tags. Support shorthand-syntax, json-file and yaml-file.", kind="star"),
], examples=[("Create an artifact signing account.",
              "az artifact-signing create -n MyAccount -l westus -g MyResourceGroup --sku Basic")])
def account_create(ctx, a):
    location = a.location or groups.location(ctx.cloud, ctx.principal, a.resource_group, ctx.subscription.subscription_id)
    body: dict = {"location": location, "properties": {"sku": {"name": a.sku}} if a.sku else {}}
    if a.tags is not None:
        body["tags"] = parse_tags(a.tags)
    return _flat(_send(ctx, "PUT", _rid(ctx, a.resource_group, a.account_name), body).body)


@command("artifact-signing update", "Update an artifact signing account.", [
    NAME, RG, Arg("sku", "--sku", "Name of the SKU.", choices=["Basic", "Premium"]),
    Arg("tags", "--tags", "Resource tags. Support shorthand-syntax, json-file and yaml-file.", kind="star"),
])
def account_update(ctx, a):
    body: dict = {"properties": {"sku": {"name": a.sku}} if a.sku else {}}
    if a.tags is not None:
        body["tags"] = parse_tags(a.tags)
    return _flat(_send(ctx, "PATCH", _rid(ctx, a.resource_group, a.account_name), body).body)


@command("artifact-signing show", "Get an artifact Signing Account.", [NAME, RG])
def account_show(ctx, a):
    return _flat(_send(ctx, "GET", _rid(ctx, a.resource_group, a.account_name)).body)


@command("artifact-signing list", "List artifact signing accounts within a subscription.", [
    Arg("resource_group", "--resource-group -g", "Name of resource group.", default_key="group"),
])
def account_list(ctx, a):
    scope = f"{ctx.subscription.id}/resourceGroups/{a.resource_group}" if a.resource_group \
        else ctx.subscription.id
    return [_flat(r) for r in _send(ctx, "GET", f"{scope}/providers/{ACCOUNT}").body["value"]]


@command("artifact-signing delete", "Delete an artifact signing account.", [NAME, RG, YES])
def account_delete(ctx, a):
    ctx.confirm("Are you sure you want to perform this operation?")
    _send(ctx, "DELETE", _rid(ctx, a.resource_group, a.account_name))


@command("artifact-signing certificate-profile create", "Create a certificate profile.", [
    IN_ACCOUNT, PROFILE, RG,
    Arg("identity_validation_id", "--identity-validation-id --validation-id --id", "Identity validation id used for "
        "the certificate subject name."),
    Arg("profile_type", "--profile-type --type", "Profile type of the certificate.",
        choices=["PrivateTrust", "PrivateTrustCIPolicy", "PublicTrust", "PublicTrustTest", "VBSEnclave"]),
    *[Arg(dest, flags, f"Whether to include {part} in the certificate subject name.", kind="bool")
      for dest, flags, part, _ in INCLUDES],
], examples=[("Create a certificate profile that includes street address in subject name of certificate",
              "az artifact-signing certificate-profile create -g MyResourceGroup --account-name MyAccount -n "
              "MyProfile --profile-type PublicTrust --identity-validation-id xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx "
              "--include-street true")])
def profile_create(ctx, a):
    props: dict = {"profileType": a.profile_type, "identityValidationId": a.identity_validation_id}
    props.update({key: bool(getattr(a, dest)) for dest, _, _, key in INCLUDES})
    rid = _rid(ctx, a.resource_group, a.account_name, a.profile_name)
    return _flat(_send(ctx, "PUT", rid, {"properties": {k: v for k, v in props.items() if v is not None}}).body)


@command("artifact-signing certificate-profile show", "Get details of a certificate profile.",
         [IN_ACCOUNT, PROFILE, RG])
def profile_show(ctx, a):
    return _flat(_send(ctx, "GET", _rid(ctx, a.resource_group, a.account_name, a.profile_name)).body)


@command("artifact-signing certificate-profile list", "List certificate profiles under an artifact signing account.",
         [IN_ACCOUNT, RG])
def profile_list(ctx, a):
    rid = _rid(ctx, a.resource_group, a.account_name) + "/certificateProfiles"
    return [_flat(r) for r in _send(ctx, "GET", rid).body["value"]]


@command("artifact-signing certificate-profile delete", "Delete a certificate profile.",
         [IN_ACCOUNT, PROFILE, RG, YES])
def profile_delete(ctx, a):
    ctx.confirm("Are you sure you want to perform this operation?")
    _send(ctx, "DELETE", _rid(ctx, a.resource_group, a.account_name, a.profile_name))
