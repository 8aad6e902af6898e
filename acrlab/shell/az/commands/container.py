"""az container create|show|list|delete|logs|attach (azure-cli container/custom.py): create builds the container group
body az sends (defaults: 1 CPU, 1.5 GB, Linux, restart Always, port 80 when an IP address is asked for) with the
image registry credentials az derives from the flags; ACI itself pulls the image (engine/container_instances.py)."""

from __future__ import annotations

import shlex
from datetime import datetime

from ....engine import groups
from ....engine.arm import send
from ....engine.errors import CliError
from ..framework import Arg, command, group

group("container", "Manage Azure Container Instances.")

ACI = "Microsoft.ContainerInstance/containerGroups"
RG = Arg("resource_group", "--resource-group -g", "Name of resource group. You can configure the default group using "
         "`az configure --defaults group=<name>`.", required=True, default_key="group")
NAME = Arg("name", "--name -n", "The name of the container group.", required=True)


def _registry_credentials(ctx, a) -> list[dict] | None:
    """azure-cli _create_image_registry_credentials, with its messages."""
    first = a.image.split("/")[0]
    if a.acr_identity:
        identity = a.acr_identity
        if not identity.lower().startswith("/subscriptions/"):
            identity = (f"{ctx.subscription.id}/resourceGroups/{a.resource_group}/providers/"
                        f"Microsoft.ManagedIdentity/userAssignedIdentities/{identity}")
        server = a.registry_login_server or (first if ".azurecr.io" in first else None)
        if not server:
            raise CliError("Failed to parse login server from image name; please explicitly specify "
                           "--registry-server.")
        return [{"server": server, "username": a.registry_username, "password": a.registry_password,
                 "identity": identity}]
    if a.registry_login_server:
        if not a.registry_username:
            raise CliError("Please specify --registry-username in order to use custom image registry.")
        if not a.registry_password:
            raise CliError("Please specify --registry-password in order to use custom image registry.")
        return [{"server": a.registry_login_server, "username": a.registry_username,
                 "password": a.registry_password}]
    if ".azurecr.io" in first:
        if not a.registry_username:
            raise CliError("Please specify --registry-username in order to use Azure Container Registry.")
        if not a.registry_password:
            raise CliError("Please specify --registry-password in order to use Azure Container Registry.")
        return [{"server": first, "username": a.registry_username, "password": a.registry_password}]
    if a.registry_username and a.registry_password and "." in first:
        return [{"server": first, "username": a.registry_username, "password": a.registry_password}]
    return None


def _identity(a) -> dict | None:
    if a.assign_identity is None:
        return None
    refs = a.assign_identity or []
    users = [r for r in refs if r != "[system]"]
    system = not refs or "[system]" in refs
    kind = "SystemAssigned, UserAssigned" if system and users else "SystemAssigned" if system else "UserAssigned"
    return {"type": kind, **({"userAssignedIdentities": {u: {} for u in users}} if users else {})}


@command("container create", "Create a container group.", [
    RG, Arg("name", "--name -n", "The name of the container group."),
    Arg("image", "--image", "The container image name."),
    Arg("location", "--location -l", "Location. Values from: `az account list-locations`.", default_key="location"),
    Arg("cpu", "--cpu", "The required number of CPU cores of the containers, accurate to one decimal place."),
    Arg("memory", "--memory", "The required memory of the containers in GB, accurate to one decimal place."),
    Arg("restart_policy", "--restart-policy", "Restart policy for all containers within the container group.",
        choices=["Always", "Never", "OnFailure"]),
    Arg("ports", "--ports", "A list of ports to open. Space-separated list of ports.", kind="list"),
    Arg("protocol", "--protocol", "The network protocol to use.", choices=["TCP", "UDP"]),
    Arg("os_type", "--os-type", "The OS type of the containers.", choices=["Linux", "Windows"]),
    Arg("ip_address", "--ip-address", "The IP address type of the container group.", choices=["Private", "Public"]),
    Arg("dns_name_label", "--dns-name-label", "The dns name label for container group with public IP."),
    Arg("command_line", "--command-line", "The command line to run when the container is started, e.g. '/bin/bash "
        "-c myscript.sh'."),
    Arg("environment_variables", "--environment-variables -e", "A list of environment variable for the container. "
        "Space-separated values in 'key=value' format.", kind="list"),
    Arg("secure_environment_variables", "--secure-environment-variables", "A list of secure environment variable "
        "for the container. Space-separated values in 'key=value' format.", kind="list"),
    Arg("registry_login_server", "--registry-login-server", "The container image registry login server."),
    Arg("registry_username", "--registry-username", "The username to log in container image registry server."),
    Arg("registry_password", "--registry-password", "The password to log in container image registry server."),
    Arg("acr_identity", "--acr-identity", "The identity with access to the container registry."),
    Arg("assign_identity", "--assign-identity", "Space-separated list of assigned identities. Assigned identities "
        "are either user assigned identities (resource IDs) and / or the system assigned identity ('[system]').",
        kind="star"),
    Arg("file", "--file -f", "The path to the input file."),
    Arg("no_wait", "--no-wait", "Do not wait for the long-running operation to finish.", kind="flag"),
], examples=[
    ("Create a container in a container group that runs Windows, with 2 cores and 3.5Gb of memory.",
     "az container create -g MyResourceGroup --name mywinapp --image winappimage:latest --os-type Windows --cpu 2 "
     "--memory 3.5"),
    ("Create a container in a container group using image from Azure Container Registry.",
     "az container create -g MyResourceGroup --name myapp --image myAcrRegistry.azurecr.io/myimage:latest "
     "--registry-password password"),
])
def container_create(ctx, a):
    if a.file:
        raise CliError("--file (a YAML container group definition) is not available in this lab; give the flags.")
    if not a.name:
        raise CliError("error: the --name/-n argument is required unless specified with a passed in file.")
    if not a.image:
        raise CliError("error: the --image argument is required unless specified with a passed in file.")
    try:
        cpu = float(a.cpu) if a.cpu is not None else 1.0
        memory = float(a.memory) if a.memory is not None else 1.5
        ports = [int(p) for p in (a.ports or ["80"])]
    except ValueError as e:
        raise CliError(f"argument value error: {e}")
    protocol = a.protocol or "TCP"
    public = (a.ip_address or "").lower() == "public" or bool(a.dns_name_label)
    env = [{"name": kv.split("=", 1)[0], "value": kv.split("=", 1)[1] if "=" in kv else ""}
           for kv in a.environment_variables or []]
    env += [{"name": kv.split("=", 1)[0], "secureValue": kv.split("=", 1)[1] if "=" in kv else ""}
            for kv in a.secure_environment_variables or []]
    container = {"name": a.name, "properties": {
        "image": a.image, "resources": {"requests": {"cpu": cpu, "memoryInGB": memory}},
        **({"command": shlex.split(a.command_line)} if a.command_line else {}),
        **({"ports": [{"port": p, "protocol": protocol} for p in ports]} if public else {}),
        **({"environmentVariables": env} if env else {})}}
    props: dict = {"containers": [container], "osType": a.os_type or "Linux",
                   "restartPolicy": a.restart_policy or "Always"}
    creds = _registry_credentials(ctx, a)
    if creds:
        props["imageRegistryCredentials"] = creds
    if public:
        props["ipAddress"] = {"ports": [{"protocol": protocol, "port": p} for p in ports], "type": "Public",
                              **({"dnsNameLabel": a.dns_name_label} if a.dns_name_label else {})}
    body: dict = {"location": a.location or groups.location(ctx.cloud, ctx.principal, a.resource_group, ctx.subscription.subscription_id), "properties": props}
    identity = _identity(a)
    if identity:
        body["identity"] = identity
    rid = f"{ctx.subscription.id}/resourceGroups/{a.resource_group}/providers/{ACI}/{a.name}"
    result = send(ctx.cloud, ctx.principal, "PUT", rid, body).resource.to_json()
    return None if a.no_wait else result


def _rid(ctx, a) -> str:
    return f"{ctx.subscription.id}/resourceGroups/{a.resource_group}/providers/{ACI}/{a.name}"


@command("container show", "Get the details of a container group.", [RG, NAME])
def container_show(ctx, a):
    return send(ctx.cloud, ctx.principal, "GET", _rid(ctx, a)).resource.to_json()


@command("container list", "List container groups.", [
    Arg("resource_group", "--resource-group -g", "Name of resource group.", default_key="group")])
def container_list(ctx, a):
    scope = ctx.subscription.id + (f"/resourceGroups/{a.resource_group}" if a.resource_group else "")
    return [g.to_json() for g in send(ctx.cloud, ctx.principal, "GET", f"{scope}/providers/{ACI}").resources]


@command("container delete", "Delete a container group.", [
    RG, NAME, Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag")])
def container_delete(ctx, a):
    ctx.confirm("Are you sure you want to perform this operation?")
    return send(ctx.cloud, ctx.principal, "DELETE", _rid(ctx, a)).resource.to_json()


@command("container logs", "Examine the logs for a container in a container group.", [
    RG, NAME, Arg("container_name", "--container-name", "The container name to tail the logs."),
    Arg("follow", "--follow", "Indicate to stream the tailing logs.", kind="flag"),
])
def container_logs(ctx, a):
    send(ctx.cloud, ctx.principal, "GET", _rid(ctx, a))
    raise CliError("acrlab: containers do not run in this lab, so a container group has no logs to show. "
                   "`az container show` reports the image ACI pulled and the container's state.")


@command("container attach", "Attach local standard output and error streams to a container in a container group. "
         "This command provides diagnostic information during container startup. Once the container has started, "
         "it streams STDOUT and STDERR to your local console.", [
             RG, NAME, Arg("container_name", "--container-name", "The container to attach to. If omitted, the first "
                           "container in the container group will be chosen.")])
def container_attach(ctx, a):
    # azure-cli container/custom.py container_attach: the state, then each event as '(count: n) (last timestamp:
    # ...) message', then 'Start streaming logs:' and the container's output
    group = send(ctx.cloud, ctx.principal, "GET", _rid(ctx, a)).resource.to_json()
    container = next((c for c in group["containers"] if c["name"] == (a.container_name or c["name"])), None)
    if container is None:
        raise CliError(f"Cannot find container '{a.container_name}' in container group '{a.name}'.")
    view = container["instanceView"]
    ctx.io.out(f"Container '{container['name']}' is in state '{view['currentState']['state']}'...")
    for e in view["events"]:
        stamp = datetime.fromisoformat(e["lastTimestamp"].replace("Z", "+00:00"))
        ctx.io.out(f"(count: {e['count']}) (last timestamp: {stamp}) {e['message']}")
    ctx.io.out("\nStart streaming logs:")
    raise CliError("acrlab: containers do not run in this lab, so there is no output to stream. The events above are "
                   "ACI's: the image was pulled and the container started.")

