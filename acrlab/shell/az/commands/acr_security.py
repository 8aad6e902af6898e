"""az acr config content-trust, az acr encryption, az acr identity, az acr check-health."""

from __future__ import annotations

from ....engine import dns_names, encryption, trust
from ....engine.arm import send
from ....engine.dataplane import check_network, decide, issue_aad_token, tokens
from ....engine.errors import CliError, RegistryError
from ....engine.privatelink import endpoints
from ...docker_state import origin_of
from ..framework import Arg, command, group
from ..output import get_value
from ..version import AZ_CLI_VERSION
from .acr import RG_OPT, load_registry, registry_arg, registry_table
from .acr_body import POLICIES_NOT_SUPPORTED

# azure-cli acr/commands.py: `acr identity` and `acr encryption` belong to acr_custom_util, whose table transformer
# is registry_output_format; their registry argument is the group default --name/-n (acr/_params.py).
NAME_REG = registry_arg()


def policy_table(result):
    # acr/_format.py _policy_format_group
    return [{"STATUS": get_value(result, "status"), "TYPE": get_value(result, "type")}]

group("acr config", "Configure policies for Azure Container Registries.")
group("acr config content-trust", "Manage content-trust policy for Azure Container Registries.")
group("acr encryption", "Manage container registry encryption.")
group("acr identity", "Manage service (managed identities) identities for a container registry.")

REG = Arg("registry_name", "--registry -r --name -n", "The name of the container registry. You can configure the "
          "default registry name using `az configure --defaults acr=<registry name>`.", required=True, default_key="acr")


@command("acr config content-trust show", "Show the configured content-trust policy for an Azure Container "
         "Registry.", [REG, RG_OPT], examples=[("Show the configured content-trust policy for an Azure Container "
                                               "Registry", "az acr config content-trust show -r myregistry")],
         table=policy_table)
def content_trust_show(ctx, a):
    reg = load_registry(ctx, a)
    ctx.warn(trust.DEPRECATION_WARNING)
    return {"status": reg.policies.trust_status, "type": "Notary"}


@command("acr config content-trust update", "Update content-trust policy for an Azure Container Registry.", [
    REG, RG_OPT, Arg("status", "--status", "Indicates whether content-trust is enabled. Since azure-cli 2.86.0 only "
                     "'disabled' is accepted (Docker Content Trust deprecation).", choices=["disabled"]),
    Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag"),
], examples=[("Disable content-trust policy for an Azure Container Registry",
              "az acr config content-trust update -r myregistry --status disabled --yes")],
    table=policy_table)
def content_trust_update(ctx, a):
    # dated_rules.AZ_CLI_DCT_ENABLE_REFUSED: `--status enabled` is refused by the argument's choices; disabling
    # deletes every signature, so az asks first (azure-cli pull request #33174).
    reg = load_registry(ctx, a)
    ctx.warn(trust.DEPRECATION_WARNING)
    if a.status is None:
        return {"status": reg.policies.trust_status, "type": "Notary"}
    if reg.sku != "Premium":  # acr/policy.py validates the registry is Premium before the PATCH
        raise CliError(POLICIES_NOT_SUPPORTED)
    if reg.policies.trust_status == "enabled":
        ctx.confirm("Disabling content trust permanently deletes the trust data (signatures) of every signed tag "
                    "in the registry. Are you sure you want to continue?")
    body = {"properties": {"policies": {"trustPolicy": {"status": a.status, "type": "Notary"}}}}
    reg = send(ctx.cloud, ctx.principal, "PATCH", reg.id, body).resource
    return {"status": reg.policies.trust_status, "type": "Notary"}


@command("acr encryption show", "Show the container registry's encryption details.", [NAME_REG, RG_OPT],
         table=registry_table)
def encryption_show(ctx, a):
    return load_registry(ctx, a).encryption


@command("acr encryption rotate-key", "Rotate (update) the container registry's encryption key.", [
    NAME_REG, RG_OPT,
    Arg("key_encryption_key", "--key-encryption-key", "Key vault key uri. To enable automated rotation, provide a "
        "version-less key uri. For manual rotation, provide a versioned key uri."),
    Arg("identity", "--identity", "Client id of managed identity, resource name or id of user assigned identity. "
        "Use '[system]' to refer to the system assigned identity."),
], examples=[("Rotate a container registry's encryption key", "az acr encryption rotate-key -n myregistry "
              "--key-encryption-key https://myvault.vault.azure.net/keys/myKey --identity myIdentity")],
    table=registry_table)
def encryption_rotate(ctx, a):
    """acr/custom.py rotate_key returns the updated registry."""
    reg = load_registry(ctx, a)
    if reg.encryption.get("status") != "enabled":  # acr/custom.py rotate_key checks before sending
        raise CliError("usage error: key rotation is only applicable to registries with CMK enabled")
    encryption.rotate_key(ctx.cloud, ctx.principal, reg, a.key_encryption_key, a.identity)
    return reg.to_json()


def _user_identity_id(ctx, reg, ref: str) -> str:
    """azure-cli _ensure_identity_resource_id: a bare name is an identity in the registry's resource group."""
    if ref.lower().startswith("/subscriptions/"):
        return ref
    return (f"{ctx.subscription.id}/resourceGroups/{reg.resource_group}/providers/"
            f"Microsoft.ManagedIdentity/userAssignedIdentities/{ref}")


def _identity_type(system: bool, users: dict) -> str:
    return "SystemAssigned, UserAssigned" if system and users else "SystemAssigned" if system else \
        "UserAssigned" if users else "None"


@command("acr identity assign", "Assign a managed identity to a container registry.", [
    NAME_REG, RG_OPT, Arg("identities", "--identities", "Space-separated identities. Use '[system]' to refer to the system "
                     "assigned identity.", kind="list", required=True),
], examples=[("Assign a system-assigned identity.", "az acr identity assign -n myregistry --identities [system]")],
    table=registry_table)
def identity_assign(ctx, a):
    """acr/custom.py assign_identity: the registry's identity plus the new ones, sent as an update; returns the
    registry."""
    reg = load_registry(ctx, a)
    current = reg.identity or {}
    system = bool(current.get("principalId")) or "[system]" in a.identities
    users = {k: {} for k in (current.get("userAssignedIdentities") or {})}
    for ref in a.identities:
        if ref != "[system]":
            users[_user_identity_id(ctx, reg, ref)] = {}
    body = {"identity": {"type": _identity_type(system, users), **({"userAssignedIdentities": users} if users else {})}}
    return send(ctx.cloud, ctx.principal, "PATCH", reg.id, body).resource.to_json()


@command("acr identity show", "Show the container registry's identity details.", [NAME_REG, RG_OPT],
         table=registry_table)
def identity_show(ctx, a):
    return load_registry(ctx, a).identity


@command("acr identity remove", "Remove a managed identity from a container registry.", [
    NAME_REG, RG_OPT, Arg("identities", "--identities", "Space-separated identities to remove. Use '[system]' to refer to "
                     "the system assigned identity.", kind="list", required=True),
], table=registry_table)
def identity_remove(ctx, a):
    """acr/custom.py remove_identity, with its messages; returns the registry."""
    reg = load_registry(ctx, a)
    ident = reg.identity
    if not ident or not ident.get("type"):
        raise CliError(f"The registry {a.registry_name} has no system or user assigned identities.")
    system = bool(ident.get("principalId"))
    users = dict(ident.get("userAssignedIdentities") or {})
    for ref in a.identities:
        if ref == "[system]":
            if not system:
                raise CliError("The registry does not have a system identity assigned.")
            system = False
            continue
        target = _user_identity_id(ctx, reg, ref).lower()
        match = next((k for k in users if k.lower() == target), None)
        if match is None:
            raise CliError(f"The registry does not have specified user identity '{ref}' assigned, so it cannot be "
                           "removed.")
        del users[match]
    body = {"identity": {"type": _identity_type(system, users),
                         **({"userAssignedIdentities": {k: {} for k in users}} if users else {})}}
    return send(ctx.cloud, ctx.principal, "PATCH", reg.id, body).resource.to_json()


@command("acr check-health", "Gets health information on the environment and optionally a target registry.", [
    Arg("registry_name", "--name -n", "Name of a container registry.", default_key="acr"),
    Arg("ignore_errors", "--ignore-errors", "Provide all health checks, even if errors are found.", kind="flag"),
    Arg("repository", "--repository", "The name of the repository."),
    Arg("vnet", "--vnet", "Virtual network ID so to run this command inside a VNET to verify the DNS routing to "
        "private endpoints."),
    Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag"),
], examples=[("Gets health state with target registry 'myregistry'.", "az acr check-health -n myregistry"),
             ("Gets health state with target registry 'myregistry', and checks allowed permissions to the specific "
              "repository 'myrepo'.", "az acr check-health -n myregistry --repository myrepo")])
def check_health(ctx, a):
    # check_health.py acr_check_health: environment, then the registry, then the VNet's DNS, then Helm and Notary
    out = ctx.io.out
    out("Docker daemon status: available")
    out("Docker version: 'Docker version 27.3.1, build ce12230, platform linux/amd64'")
    out("Docker pull of 'mcr.microsoft.com/mcr/hello-world:latest' : OK")
    out(f"Azure CLI version: {AZ_CLI_VERSION}")
    if a.registry_name:
        origin = origin_of(ctx.sh)
        try:
            reg = _registry_health(ctx, a.registry_name, origin, a.repository)
        except CliError as e:  # _handle_error: --ignore-errors logs the error and goes on
            if not a.ignore_errors:
                raise
            ctx.io.err(f"ERROR: {str(e).split(DEEP_LINK_START)[0]}")
            reg = ctx.cloud.find_registry(a.registry_name.removesuffix(".azurecr.io"))
        if a.vnet:
            if reg is None:
                raise CliError(f"The resource with name '{a.registry_name}' and type "
                               "'Microsoft.ContainerRegistry/registries' could not be found.")
            _check_private_endpoint(ctx, reg, a.vnet, origin.subnet_id)
    elif a.vnet:
        raise CliError("Registry name must be provided to verify DNS routings of its private endpoints")
    out("Helm version: v3.16.2+g13654a5")
    out("Notary version: 0.6.1")
    out("\nPlease refer to https://aka.ms/acr/health-check for more information.")
    return None


DEEP_LINK_START = "\nPlease refer to https://aka.ms/acr/errors#"


def _registry_health(ctx, name: str, origin, repository: str | None = None):
    """_check_registry_health: DNS lookup from where the CLI runs, the challenge endpoint, then the tokens (with
    --repository, an access token scoped to pulling that repository: an identity without that permission, as on an
    ABAC-enabled registry with control-plane roles only, is refused as the token server refuses it)."""
    cloud = ctx.cloud
    reg = cloud.find_registry(name.removesuffix(".azurecr.io"))
    server = reg.login_server if reg else f"{name.lower().removesuffix('.azurecr.io')}.azurecr.io"
    status, records = ("NXDOMAIN", []) if reg is None else dns_names.resolve(cloud, server,
                                                                              _vnet_id(origin.subnet_id))
    if status != "NOERROR":  # socket.gethostbyname failed
        raise CliError(f"An error occurred: CONNECTIVITY_DNS_ERROR\nDNS lookup to '{server}' failed."
                       f"{DEEP_LINK_START}connectivity_dns_error for more information.")
    ctx.io.out(f"DNS lookup to {server} at IP {records[-1][3]} : OK")
    try:
        check_network(cloud, reg, origin)
    except RegistryError:
        raise CliError(f"An error occurred: CONNECTIVITY_FORBIDDEN_ERROR\nLooks like you don't have access to "
                       f"registry '{server}'. To see configured firewall rules, run 'az acr show --query "
                       f"networkRuleSet --name {reg.name}'.{DEEP_LINK_START}connectivity_forbidden_error for more "
                       "information.") from None
    ctx.io.out(f"Challenge endpoint https://{server}/v2/ : OK")
    ctx.io.out(f"Fetch refresh token for registry '{server}' : OK")
    token = issue_aad_token(cloud, reg, ctx.principal)
    if repository and not decide(cloud, reg, tokens(cloud)[token], "pull", repository).allowed:
        raise CliError(f"An error occurred: CONNECTIVITY_ACCESS_TOKEN_ERROR\nAccess to registry '{server}' was "
                       "denied. Response code: 401. Please try running 'az login' again to refresh permissions."
                       f"{DEEP_LINK_START}connectivity_access_token_error for more information.")
    ctx.io.out(f"Fetch access token for registry '{server}' : OK")
    return reg


def _vnet_id(subnet_id: str | None) -> str | None:
    return subnet_id.rsplit("/subnets/", 1)[0] if subnet_id else None


def _check_private_endpoint(ctx, reg, vnet: str, here_subnet: str | None) -> None:
    """check_health.py _check_private_endpoint: each name the registry's endpoints in that VNet serve must resolve,
    from where the CLI runs, to the endpoint's private IP."""
    if not reg.private_endpoint_connections:
        raise CliError(f'Registry "{reg.name}" doesn\'t have private endpoints to verify DNS routings.')
    if vnet.startswith("/"):
        parts = vnet.strip("/").split("/")
        if len(parts) != 8 or parts[6].lower() != "virtualnetworks":
            raise CliError(f'"{vnet}" is not a valid resource id of a virtual network')
        vnet_id = vnet
    else:
        vnet_id = f"{reg.id.split('/providers/')[0]}/providers/Microsoft.Network/virtualNetworks/{vnet}"
    mappings: dict[str, str] = {}
    for pe in endpoints(ctx.cloud).values():
        if pe.target_id.lower() == reg.id.lower() and pe.subnet_id.lower().startswith(vnet_id.lower()):
            for fqdn, ip in pe.ip_by_fqdn.items():
                if fqdn in mappings:
                    raise CliError(f'Registry "{reg.name}" has more than one private endpoint in the vnet of '
                                   f'"{vnet_id}". DNS routing will be unreliable')
                mappings[fqdn] = ip
    if not mappings:
        raise CliError(f'Registry "{reg.name}" doesn\'t have private endpoints in the vnet of "{vnet_id}". Please '
                       "make sure you provided correct vnet")
    ok = True
    for fqdn, ip in mappings.items():
        status, records = dns_names.resolve(ctx.cloud, fqdn, _vnet_id(here_subnet))
        if status != "NOERROR":
            ctx.warn(f"Error resolving DNS for {fqdn}. Ex: [Errno -2] Name or service not known")
            ok = False
        elif records[-1][3] != ip:
            ctx.warn(f'DNS routing to registry "{reg.name}" through private IP is incorrect. Expect: {ip}, '
                     f"Actual: {records[-1][3]}")
            ok = False
    if not ok:
        raise CliError("DNS routing verification failed")
    ctx.io.out("DNS routing to private endpoint : OK")
