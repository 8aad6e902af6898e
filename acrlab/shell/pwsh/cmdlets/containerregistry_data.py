"""Az.ContainerRegistry data-plane cmdlets: Connect-AzContainerRegistry, repositories, tags, manifests."""

from __future__ import annotations

from ....engine import images
from ....engine.dataplane import (
    AAD_TOKEN_LIFETIME,
    ACR_LOGIN_USERNAME,
    Credential,
    authenticate,
    check_network,
    issue_aad_token,
)
from ....engine.errors import RegistryError
from ...docker_state import auths, origin_of
from ..values import PSError, PSObject
from .base import Param, cmdlet
from .containerregistry import MOD, engine_call, load
from .containerregistry_body import json_body

M = "Microsoft.Azure.Commands.ContainerRegistry.Models"
CR = "Microsoft.ContainerRegistry/registries"
PROFILE = Param("DefaultProfile", "object", "The credentials, account, tenant, and subscription used for "
                "communication with Azure.", aliases=("AzContext", "AzureRmContext", "AzureCredential"))
REGISTRY = Param("RegistryName", "string", "Azure Container Registry Name.", mandatory=True, by_property=True)


def find_registry(ctx, name: str):
    name = name.removesuffix(".azurecr.io")
    reg = ctx.cloud.find_registry(name)
    if reg is None:
        raise PSError(f"Could not connect to the registry login server '{name.lower()}.azurecr.io'. Please verify "
                      f"that the registry exists and the URL 'https://{name.lower()}.azurecr.io/v2/' is reachable.")
    return reg


def credential(ctx, reg) -> Credential:
    """The cmdlets exchange the signed-in identity's Entra ID token for an ACR token on every call."""
    p = ctx.principal
    now = ctx.cloud.clock.now()
    return Credential(kind="aad", registry=reg.name, principal_id=p.object_id, issued=now,
                      expires=now + AAD_TOKEN_LIFETIME, mode_at_issue=reg.role_assignment_mode)


def data_call(fn, *args, **kw):
    try:
        return fn(*args, **kw)
    except RegistryError as e:
        status = {401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 405: "MethodNotAllowed"}.get(e.status,
                                                                                                        str(e.status))
        raise PSError(f"Operation returned an invalid status code '{status}': {e.code}: {e.message}") from None


@cmdlet("Connect-AzContainerRegistry", [
    Param("Name", "string", "Azure Container Registry Name.", aliases=("RegistryName",), mandatory=True),
    Param("UserName", "string", "User Name For Azure Container Registry.", sets=("WithNameAndPasswordParameterSet",),
          mandatory=True, by_property=True),
    Param("Password", "string", "Password For Azure Container Registry.", sets=("WithNameAndPasswordParameterSet",),
          mandatory=True, by_property=True),
    Param("ExposeToken", "switch", "Return the access token instead of signing the local docker in (for other "
          "container tools)."), PROFILE,
], "Login to an azure container registry.", module=MOD,
    sets=["WithoutNameAndPasswordParameterSet", "WithNameAndPasswordParameterSet"],
    default_set="WithoutNameAndPasswordParameterSet",
    examples=[("Sign in with your Azure account", "Connect-AzContainerRegistry -Name $RegistryName"),
              ("Sign in with the admin user",
               "Connect-AzContainerRegistry -Name $RegistryName -UserName $RegistryName -Password $AdminPassWord")])
def connect_registry(ctx, a, items):
    reg = find_registry(ctx, a.Name)
    try:
        check_network(ctx.cloud, reg, origin_of(ctx.sh))
    except RegistryError as e:
        raise PSError(f"Looks like you don't have access to registry '{reg.login_server}': {e.message}") from None
    if a.UserName:
        try:
            authenticate(ctx.cloud, reg, a.UserName, a.Password)
        except RegistryError:
            raise PSError(f"Error response from daemon: Get \"https://{reg.login_server}/v2/\": unauthorized: "
                          "authentication required") from None
        auths(ctx.sh)[reg.login_server] = {"username": a.UserName, "password": a.Password}
        return True
    token = issue_aad_token(ctx.cloud, reg, ctx.principal)
    if a.ExposeToken:
        from ..values import SecureString
        return PSObject(f"{M}.PSAcrToken", {"loginServer": reg.login_server, "accessToken": SecureString(token)},
                        view="list")
    auths(ctx.sh)[reg.login_server] = {"username": ACR_LOGIN_USERNAME, "password": token}
    return True


IMPORT_SETS = ["ImportExpanded", "ImportViaJsonFilePath", "ImportViaJsonString"]
EXPANDED = ("ImportExpanded",)


@cmdlet("Import-AzContainerRegistryImage", [
    Param("RegistryName", "string", "The name of the container registry.", mandatory=True),
    Param("ResourceGroupName", "string", "The name of the resource group. The name is case insensitive.",
          mandatory=True),
    Param("SubscriptionId", "string", "The ID of the target subscription. The value must be an UUID."),
    Param("SourceImage", "string", "Repository name of the source image. Specify an image by repository "
          "('hello-world'), by tag ('hello-world:latest') or by digest ('hello-world@sha256:...').",
          sets=EXPANDED, mandatory=True),
    Param("Mode", "string", "When Force, any existing target tags will be overwritten. When NoForce, any existing "
          "target tags will fail the operation before any copying begins.", sets=EXPANDED, values=("NoForce", "Force")),
    Param("Password", "string", "The password used to authenticate with the source registry.", sets=EXPANDED),
    Param("SourceRegistryUri", "string", "The address of the source registry (e.g. 'mcr.microsoft.com').",
          sets=EXPANDED),
    Param("SourceResourceId", "string", "The resource identifier of the source Azure Container Registry.",
          sets=EXPANDED, aliases=("SourceRegistryResourceId",)),
    Param("TargetTag", "strings", "List of strings of the form repo[:tag]. When tag is omitted the source will be "
          "used (or 'latest' if source tag is also omitted).", sets=EXPANDED),
    Param("UntaggedTargetRepository", "strings", "List of strings of repository names to do a manifest only copy. "
          "No tag will be created.", sets=EXPANDED),
    Param("Username", "string", "The username to authenticate with the source registry.", sets=EXPANDED),
    Param("JsonFilePath", "string", "Path of Json file supplied to the Import operation",
          sets=("ImportViaJsonFilePath",), mandatory=True),
    Param("JsonString", "string", "Json string supplied to the Import operation", sets=("ImportViaJsonString",),
          mandatory=True),
    PROFILE,
    Param("AsJob", "switch", "Run the command as a job"), Param("NoWait", "switch", "Run the command asynchronously"),
    Param("PassThru", "switch", "Returns true when the command succeeds"),
], "Copies an image to this container registry from the specified container registry.", module=MOD,
    should_process=True, sets=IMPORT_SETS, default_set="ImportExpanded",
    examples=[("Import an image from Docker Hub",
               'Import-AzContainerRegistryImage -SourceImage library/busybox:latest -ResourceGroupName '
               '$resourceGroupName -RegistryName $RegistryName -SourceRegistryUri docker.io -TargetTag busybox:latest')])
def import_image(ctx, a, items):
    body = _import_body(ctx, a)
    src = body.get("source") if isinstance(body.get("source"), dict) else {}
    image = str(src.get("sourceImage") or "")
    uri, rid = src.get("registryUri"), src.get("resourceId")
    creds = src.get("credentials") if isinstance(src.get("credentials"), dict) else {}
    if not image:
        raise PSError("The source image (source.sourceImage) is required.")
    if not uri and not rid:
        raise PSError("SourceRegistryResourceId or SourceRegistryUri is required for this cmdlet.")
    reg = load(ctx, a.RegistryName, a.ResourceGroupName, f"{CR}/importImage/action")
    if a.WhatIf:
        ctx.host(f'What if: Performing the operation "Import" on target "{a.RegistryName}".')
        return None
    mode = str(body.get("mode") or "NoForce")
    engine_call(images.import_image, ctx.cloud, ctx.principal, reg, image if rid else f"{uri}/{image}",
                [str(t) for t in body.get("targetTags") or []], source_registry=rid,
                username=creds.get("username"), password=creds.get("password"), force=mode.lower() == "force",
                untagged_repositories=[str(r) for r in body.get("untaggedTargetRepositories") or []])
    return True if a.PassThru else None


def _import_body(ctx, a) -> dict:
    """The ImportImageParameters body, from the expanded parameters or the JSON the other two sets supply."""
    body = json_body(ctx, a, "Import", "ImportImageParameters")
    if body is None:
        src = {"sourceImage": a.SourceImage, "registryUri": a.SourceRegistryUri, "resourceId": a.SourceResourceId}
        if a.Username or a.Password:
            src["credentials"] = {"username": a.Username, "password": a.Password}
        return {"source": src, "targetTags": list(a.TargetTag or []),
                "untaggedTargetRepositories": list(a.UntaggedTargetRepository or []), "mode": a.Mode or "NoForce"}
    return body
