"""az acr token create|update|show|list|delete, az acr token credential generate|delete."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ....engine.arm import send
from ....engine.errors import CliError
from ..framework import Arg, command, group
from .acr import RG_OPT, load_registry, registry_arg
from .scope_map import REPO_HELP, fmt_time, parse_repository_actions

group("acr token", "Manage tokens for an Azure Container Registry.")
group("acr token credential", "Manage credentials of a token for an Azure Container Registry.")
CR = "Microsoft.ContainerRegistry/registries"
NAME = Arg("token_name", "--name -n", "The name of the token.", required=True)
REG = registry_arg(options="--registry -r")
DAYS = Arg("days", "--expiration-in-days", "Number of days for which the credentials will be valid. If not specified, "
           "the expiration will default to the max value \"9999-12-31T23:59:59.999999+00:00\"", kind="int")
EXPIRATION = Arg("expiration", "--expiration", "UTC time for which the credentials will be valid. In the format of "
                 "%Y-%m-%dT%H:%M:%SZ, e.g. 2025-12-31T12:59:59Z")


def token_table(result):
    rows = result if isinstance(result, list) else [result]
    out = []
    for r in rows:
        row = {"NAME": r["name"], "SCOPE MAP": (r.get("scopeMapId") or " ").split("/")[-1],
               "PASSWORD1 EXPIRY": "", "PASSWORD2 EXPIRY": "", "STATUS": (r.get("status") or " ").title(),
               "PROVISIONING STATE": r["provisioningState"], "CREATION DATE": fmt_time(r["creationDate"])}
        for p in r["credentials"]["passwords"]:
            row[f"{p['name'].upper()} EXPIRY"] = fmt_time(p["expiry"]) if p["expiry"] else "Never"
        out.append(row)
    return out


def credential_table(result):
    row = {"USERNAME": result["username"]}
    for p in result["passwords"]:
        row[p["name"].upper()] = p["value"]
        row[f"{p['name'].upper()} EXPIRY"] = fmt_time(p["expiry"]) if p["expiry"] else "Never"
    return [row]


def expiry_of(ctx, a) -> datetime | None:
    if a.days is not None and a.expiration:
        raise CliError("usage error: --expiration-in-days | --expiration")
    if a.days is not None:
        if a.days <= 0:
            raise CliError("Days must be positive.")
        return ctx.cloud.clock.now() + timedelta(days=a.days)
    if a.expiration:
        try:
            return datetime.strptime(a.expiration, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        except ValueError:
            raise CliError(f"Input '{a.expiration}' is not valid datetime. Valid example: 2025-12-31T12:59:59Z") \
                from None
    return None


@command("acr token create", "Create a token associated with a scope map for an Azure Container Registry.", [
    NAME, REG, RG_OPT,
    Arg("scope_map_name", "--scope-map", "The name of the scope map with pre-configured repository permissions. Use "
        "\"--repository\" and/or \"--gateway\" if you would like CLI to configure one for you."),
    Arg("repository", "--repository", REPO_HELP, kind="append"),
    Arg("gateway", "--gateway", "Connected registry permissions.", kind="append"),
    Arg("status", "--status", "The status of the token", choices=["disabled", "enabled"], default="enabled"),
    Arg("no_passwords", "--no-passwords", "Do not generate passwords, instead use \"az acr token credential "
        "generate\"", kind="bool"),
    DAYS, EXPIRATION,
], examples=[
    ("Create a token with repository permissions defined in the scope map 'MyScopeMap'.",
     "az acr token create -n MyToken -r myregistry --scope-map MyScopeMap"),
    ("Create a token which has read permissions on hello-world repository.",
     "az acr token create -n myToken -r myregistry --repository hello-world content/read metadata/read"),
    ("Create a token without credentials.", "az acr token create -n myToken -r myregistry --scope-map MyScopeMap "
     "--no-passwords"),
], table=token_table)
def token_create(ctx, a):
    cloud = ctx.cloud
    if bool(a.repository or a.gateway) == bool(a.scope_map_name):
        raise CliError("usage error: --repository | --scope-map-name")
    expiry = expiry_of(ctx, a)
    reg = load_registry(ctx, a, f"{CR}/read")
    token_id = f"{reg.id}/tokens/{a.token_name}"
    if a.repository or a.gateway:
        actions = parse_repository_actions(a.repository, a.gateway)
        map_name = f"{a.token_name}-scope-map"
        existing = reg.scope_maps.get(map_name)
        if existing is not None:
            if sorted(existing.actions) != sorted(actions):
                raise CliError("The default scope map was already configured with different repository permissions."
                               f'\nPlease use "az acr scope-map update -r {reg.name} -n {map_name} --add <REPO> '
                               '--remove <REPO>" to update.')
            scope_map_id = existing.id
        else:
            # acr/token.py _create_default_scope_map logs this before creating the map
            ctx.warn(f'Creating a scope map "{map_name}" for provided repository permissions.')
            body = {"properties": {"actions": actions, "description": f"Created by token: {a.token_name}"}}
            scope_map_id = send(cloud, ctx.principal, "PUT", f"{reg.id}/scopeMaps/{map_name}", body).resource.id
    else:
        scope_map_id = f"{reg.id}/scopeMaps/{a.scope_map_name}"
    body = {"properties": {"scopeMapId": scope_map_id, "status": a.status}}
    token = send(cloud, ctx.principal, "PUT", token_id, body).resource
    if a.no_passwords:
        return token.to_json()
    _generate(ctx, reg, token_id, None, expiry)
    ctx.warn(f'Please store your generated credentials safely. Meanwhile you can use it through "docker login '
             f'{reg.login_server} -u {token.name} -p {token.passwords["password1"].value}".')
    return token.to_json(reveal={"password1", "password2"})


def _generate(ctx, reg, token_id: str, name: str | None, expiry: datetime | None) -> dict:
    body = {"tokenId": token_id, **({"name": name} if name else {}),
            **({"expiry": expiry.isoformat()} if expiry else {})}
    return send(ctx.cloud, ctx.principal, "POST", reg.id, body, action="generateCredentials").body


def _token(ctx, reg, name: str):
    return send(ctx.cloud, ctx.principal, "GET", f"{reg.id}/tokens/{name}").resource


@command("acr token update", "Update a token (replace associated scope map) for an Azure Container Registry.", [
    NAME, REG, RG_OPT,
    Arg("scope_map_name", "--scope-map", "The name of the scope map associated with the token."),
    Arg("status", "--status", "The status of the token", choices=["disabled", "enabled"]),
], examples=[("Disable a token.", "az acr token update -n MyToken -r myregistry --status disabled")],
    table=token_table)
def token_update(ctx, a):
    reg = load_registry(ctx, a, f"{CR}/read")
    # acr/_params.py gives --status default="enabled" for the whole `acr token` context, so an update without
    # --status sends status=enabled (a disabled token comes back enabled).
    props = {"status": a.status or "enabled"}
    if a.scope_map_name:
        props["scopeMapId"] = a.scope_map_name if "/" in a.scope_map_name else f"{reg.id}/scopeMaps/{a.scope_map_name}"
    rid = f"{reg.id}/tokens/{a.token_name}"
    return send(ctx.cloud, ctx.principal, "PATCH", rid, {"properties": props}).resource.to_json()


@command("acr token show", "Show details and attributes of a token for an Azure Container Registry.",
         [NAME, REG, RG_OPT], table=token_table)
def token_show(ctx, a):
    reg = load_registry(ctx, a, f"{CR}/read")
    return _token(ctx, reg, a.token_name).to_json()


@command("acr token list", "List all tokens for an Azure Container Registry.", [REG, RG_OPT],
         examples=[("List tokens under the registry 'myregistry'.", "az acr token list -r myregistry")],
         table=token_table)
def token_list(ctx, a):
    reg = load_registry(ctx, a, f"{CR}/read")
    return [t.to_json() for t in send(ctx.cloud, ctx.principal, "GET", f"{reg.id}/tokens").resources]


@command("acr token delete", "Delete a token for an Azure Container Registry.", [
    NAME, REG, RG_OPT, Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag"),
])
def token_delete(ctx, a):
    ctx.confirm(f"Deleting the token '{a.token_name}' will invalidate access to anyone using its credentials. "
                "Proceed?")
    reg = load_registry(ctx, a, f"{CR}/read")
    token = _token(ctx, reg, a.token_name)  # acr/token.py shows a missing token's 404
    send(ctx.cloud, ctx.principal, "DELETE", token.id)
    return None


@command("acr token credential generate", "Generate or replace one or both passwords of a token for an Azure "
         "Container Registry. For using token and password to access a container registry, see "
         "https://aka.ms/acr/repo-permissions.", [
    NAME, REG, RG_OPT,
    Arg("password1", "--password1", "Flag indicating if first password should be generated.", kind="flag"),
    Arg("password2", "--password2", "Flag indicating if second password should be generated.", kind="flag"),
    DAYS, EXPIRATION,
    Arg("days", "--days", "Deprecated alias of --expiration-in-days.", kind="int", deprecated=True,
        hidden=True, redirect="--expiration-in-days"),
], examples=[("Generate password1 for the token 'MyToken', with an expiration of 30 days.",
              "az acr token credential generate -n MyToken -r myregistry --password1 --days 30")],
    table=credential_table)
def credential_generate(ctx, a):
    expiry = expiry_of(ctx, a)
    reg = load_registry(ctx, a, f"{CR}/read")
    token = _token(ctx, reg, a.token_name)
    name = "password1" if a.password1 and not a.password2 else "password2" if a.password2 and not a.password1 \
        else None
    return _generate(ctx, reg, token.id, name, expiry)


@command("acr token credential delete", "Delete a token credential.", [
    NAME, REG, RG_OPT,
    Arg("password1", "--password1", "Flag indicating if first password should be deleted", kind="flag"),
    Arg("password2", "--password2", "Flag indicating if second password should be deleted.", kind="flag"),
], examples=[("Delete both passwords for the token 'MyToken'.",
              "az acr token credential delete -n MyToken -r myregistry --password1 --password2")], table=token_table)
def credential_delete(ctx, a):
    if not (a.password1 or a.password2):
        raise CliError("No credentials to delete.")
    reg = load_registry(ctx, a, f"{CR}/read")
    token = _token(ctx, reg, a.token_name)
    if a.password1 and "password1" not in token.passwords:
        raise CliError("Unable to perform operation. Password1 credential doesn't exist.")
    if a.password2 and "password2" not in token.passwords:
        raise CliError("Unable to perform operation. Password2 credential doesn't exist.")
    keep = [{"name": n} for n in sorted(token.passwords)
            if not ((n == "password1" and a.password1) or (n == "password2" and a.password2))]
    body = {"properties": {"credentials": {"passwords": keep}}}
    return send(ctx.cloud, ctx.principal, "PATCH", token.id, body).resource.to_json()
