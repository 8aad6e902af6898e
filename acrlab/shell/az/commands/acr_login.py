"""az acr login: an Entra ID token exchanged for an ACR refresh token, handed to docker (or exposed)."""

from __future__ import annotations

from ....engine import registries
from ....engine.dataplane import ACR_LOGIN_USERNAME, authenticate, check_network, issue_aad_token
from ....engine.errors import AzureError, CliError, RegistryError
from ...docker_state import auths, origin_of
from ..framework import Arg, command


@command("acr login", "Log in to an Azure Container Registry through the Docker CLI.", [
    Arg("registry_name", "--name -n", "The name of the container registry. You can configure the default registry "
        "name using `az configure --defaults acr=<registry name>`.", required=True, default_key="acr"),
    Arg("resource_group", "--resource-group -g", "Name of resource group.", default_key="group", deprecated=True),
    Arg("username", "--username -u", "The username used to log into a container registry."),
    Arg("password", "--password -p", "The password used to log into a container registry."),
    Arg("expose_token", "--expose-token -t", "Expose access token instead of automatically logging in through "
        "Docker CLI.", kind="flag"),
    Arg("endpoint", "--endpoint", "Log in to a specific regional endpoint of the container registry. Specify the "
        "region name (e.g., eastus, westus2). Only applicable when regional endpoints are enabled."),
], examples=[
    ("Log in to an Azure Container Registry", "az acr login -n myregistry"),
    ("Get an Azure Container Registry access token", "az acr login -n myregistry --expose-token"),
    ("Log in to a specific regional endpoint of an Azure Container Registry. Requires regional endpoints to be "
     "enabled on the registry.", "az acr login -n myregistry --endpoint eastus"),
], long_summary="Docker must be installed on your machine. Once done, use `docker logout <registry url>` to log out. "
   "(If you only need a refresh token and do not want to install Docker, specify '--expose-token')")
def acr_login(ctx, a):
    cloud, sh = ctx.cloud, ctx.sh
    if a.expose_token and (a.username or a.password):
        raise CliError("`--expose-token` cannot be combined with `--username` or `--password`.")
    if a.password and not a.username:
        raise CliError("Please also specify username if password is specified.")
    if a.expose_token and a.endpoint:  # a refresh token is not bound to a host name: there is nothing to choose
        raise CliError("`--expose-token` cannot be combined with `--endpoint`.")
    name = a.registry_name.removesuffix(".azurecr.io")
    if any(map(str.isupper, name)):
        ctx.warn("Uppercase characters are detected in the registry name. When using its server url in docker "
                 "commands, to avoid authentication errors, use all lowercase.")
    principal = ctx.principal
    reg = cloud.find_registry(name)
    if reg is None:
        raise AzureError(f"Could not connect to the registry login server '{name.lower()}.azurecr.io'. Please verify "
                         f"that the registry exists and the URL 'https://{name.lower()}.azurecr.io/v2/' is reachable "
                         "from your environment.", arm=False)
    server = _server(ctx, reg, a.endpoint) if a.endpoint else reg.login_server
    origin = origin_of(sh)
    try:
        check_network(cloud, reg, origin)
    except RegistryError:
        raise CliError(
            f"Looks like you don't have access to registry '{server}'. To see configured firewall rules, "
            f"run 'az acr show --query networkRuleSet --name {reg.name}'. To see if public network access is enabled, "
            f"run 'az acr show --query publicNetworkAccess'. Please refer to https://aka.ms/acr/errors#connectivity_forbidden_error "
            "for more information.") from None
    if a.username:
        try:
            authenticate(cloud, reg, a.username, a.password)
        except RegistryError:
            raise CliError("Login failed.") from None
        auths(sh)[server] = {"username": a.username, "password": a.password}
        ctx.io.out("Login Succeeded")
        return None
    scope = (sh.state.get("az_login_scope") or {}).get(sh.host.name) or ""
    if reg.policies.aad_as_arm_status == "disabled" and "containerregistry.azure.net" not in scope.lower():
        # the registry accepts ACR-scoped Entra tokens only: the exchange of an ARM-scoped one is refused (401)
        raise CliError(f"Unable to get AAD authorization tokens with message: 401 Client Error: Unauthorized for url: "
                       f"https://{server}/oauth2/exchange")
    token = issue_aad_token(cloud, reg, principal)
    if a.expose_token:
        # azure-cli >= 2.74 (observed output): two warnings, then accessToken == refreshToken
        ctx.warn("Note: The token in both the accessToken and refreshToken fields is an ACR Refresh Token, not an ACR "
                 "Access Token. This ACR Refresh Token cannot be used directly to authenticate with registry APIs "
                 "such as pushing/pulling images and listing repositories/tags. This ACR Refresh Token must be "
                 "subsequently exchanged for an ACR Access.Please see https://aka.ms/acr/auth/oauth")
        ctx.warn("You can perform manual login using the provided refresh token below, for example: 'docker login "
                 f"loginServer -u {ACR_LOGIN_USERNAME} -p refreshToken'")
        return {"accessToken": token, "loginServer": reg.login_server, "refreshToken": token,
                "username": ACR_LOGIN_USERNAME}
    if sh.host.kind == "cloudshell":
        raise CliError("This command requires running the docker daemon, which is not supported in Azure Cloud Shell. "
                       f"You may want to use 'az acr login -n {reg.name} --expose-token' to get an access token, "
                       "which does not require Docker to be installed.")
    auths(sh)[server] = {"username": ACR_LOGIN_USERNAME, "password": token}
    ctx.io.out("Login Succeeded")
    return None


def _server(ctx, reg, endpoint: str) -> str:
    """--endpoint: az reads the registry (a GET) and logs docker in to the regional endpoint of that region, which
    the registry lists in regionalEndpointHostNames (engine/regional_endpoints.py) only while the feature is on and
    a geo-replica is there."""
    from ....engine.regional_endpoints import host_for

    group = registries.registry_group(ctx.cloud, reg.name, ctx.subscription.subscription_id) or reg.resource_group
    reg = registries.get_registry(ctx.cloud, ctx.principal, reg.name, group, subscription_id=reg.subscription_id)
    if reg.regional_endpoints != "Enabled":
        raise CliError(f"Regional endpoints are not enabled for registry '{reg.name}'. Enable them with "
                       f"'az acr update -n {reg.name} --regional-endpoints enabled'.")
    host = host_for(reg, endpoint)
    if host is None:
        listed = ", ".join(reg.regional_endpoint_host_names())
        raise CliError(f"Regional endpoint for region '{endpoint}' was not found for registry '{reg.name}'. "
                       f"Available regional endpoints: {listed}")
    return host


__all__ = ["registries"]
