"""az vm create|show|list|delete|list-ip-addresses, az vm identity assign|show: each sends the resource manager's
requests (vm create: shell/vm_requests.py)."""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from ....engine import compute, groups
from ....engine.errors import CliError
from ... import vm_requests
from ..framework import Arg, command, group
from ..validators import check_subnet_usage
from .account import parse_tags

group("vm", "Manage Linux or Windows virtual machines.")
group("vm identity", "Manage service identities of a VM.")

RG = Arg("resource_group", "--resource-group -g", "Name of resource group. You can configure the default group "
         "using `az configure --defaults group=<name>`.", required=True, default_key="group")
NAME = Arg("name", "--name -n", "The name of the Virtual Machine. You can configure the default using "
           "`az configure --defaults vm=<name>`.", required=True, default_key="vm",
           id_part="name")


def ensure_ssh_key(ctx, generate: bool, key_value: str | None) -> str:
    if key_value:
        return key_value
    pub = ctx.sh.read_file("~/.ssh/id_rsa.pub")
    if pub:
        return pub.strip()
    if not generate:
        raise CliError("An RSA key file or key value must be supplied to SSH Key Value. You can use "
                       "--generate-ssh-keys to let CLI generate one for you")
    body = ctx.cloud.ids.secret(372)
    pub = f"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ{body} learner@workstation"
    ctx.sh.write_file("~/.ssh/id_rsa", "-----BEGIN OPENSSH PRIVATE KEY-----\n" + ctx.cloud.ids.secret(64) +
                      "\n-----END OPENSSH PRIVATE KEY-----\n")
    ctx.sh.write_file("~/.ssh/id_rsa.pub", pub + "\n")
    ctx.warn("SSH key files '/home/learner/.ssh/id_rsa' and '/home/learner/.ssh/id_rsa.pub' have been generated under "
             "~/.ssh to allow SSH access to the VM. If using machines without permanent storage, back up your keys "
             "to a safe location.")
    return pub


def _transform_vm(r: dict) -> OrderedDict:
    """vm/_format.py transform_vm: powerState/publicIps/fqdns are None without --show-details, and knack's table
    drops None cells, so `az vm list -o table` shows Name/ResourceGroup/Location/Zones and `-d` adds the rest."""
    out = OrderedDict([("name", r["name"]), ("resourceGroup", r["resourceGroup"]), ("powerState", r.get("powerState")),
                       ("publicIps", r.get("publicIps")), ("fqdns", r.get("fqdns")), ("location", r["location"])])
    if "zones" in r:
        out["zones"] = ",".join(r["zones"]) if r["zones"] else ""
    return out


def vm_table(result):
    """vm/commands.py: `vm show` table_transformer=transform_vm, `vm list` transform_vm_list."""
    return [_transform_vm(r) for r in result] if isinstance(result, list) else _transform_vm(result)


def ip_table(result):
    """vm/_format.py transform_ip_addresses (registered for `vm list-ip-addresses`)."""
    out = []
    for r in result:
        net = r["virtualMachine"]["network"]
        public = net.get("publicIpAddresses")
        private = net.get("privateIpAddresses")
        out.append(OrderedDict([
            ("virtualMachine", r["virtualMachine"]["name"]),
            ("publicIPAddresses", ",".join(p["ipAddress"] for p in public if p["ipAddress"]) if public else None),
            ("privateIPAddresses", ",".join(private) if private else None)]))
    return out


def missing_access_warning(ctx, resource_group: str, name: str) -> None:
    """vm/custom.py _show_missing_access_warning (az vm create --assign-identity without --scope); sic 'pricipal'."""
    ctx.warn(f"No access was given yet to the '{name}', because '--scope' was not provided. You should setup by "
             "creating a role assignment, e.g. 'az role assignment create --assignee <principal-id> --role contributor "
             f"-g {resource_group}' would let it access the current resource group. To get the pricipal id, run "
             f"'az vm show -g {resource_group} -n {name} --query \"identity.principalId\" -otsv'")


@command("vm create", "Create an Azure Virtual Machine.", [
    NAME, RG,
    Arg("image", "--image", "The name of the operating system image as a URN alias, URN, custom image name or ID, "
        "or VHD blob URI.", default="Ubuntu2204"),
    Arg("location", "--location -l", "Location in which to create VM and related resources.", default_key="location"),
    Arg("size", "--size", "The VM size to be created.", default="Standard_DS1_v2"),
    Arg("admin_username", "--admin-username", "Username for the VM.", default="azureuser"),
    Arg("admin_password", "--admin-password", "Password for the VM if authentication type is 'Password'."),
    Arg("authentication_type", "--authentication-type", "Type of authentication to use with the VM.",
        choices=["all", "password", "ssh"]),
    Arg("generate_ssh_keys", "--generate-ssh-keys", "Generate SSH public and private key files if missing.",
        kind="flag"),
    Arg("ssh_key_values", "--ssh-key-values", "Space-separated list of SSH public keys or public key file paths.",
        kind="list"),
    Arg("assign_identity", "--assign-identity", "Accept system or user assigned identities separated by spaces. Use "
        "'[system]' to refer system assigned identity, or a resource id to refer user assigned identity.",
        kind="star"),
    Arg("identity_scope", "--scope", "Scope that the system assigned identity can access. "),
    Arg("identity_role", "--role", "Role name or id the system assigned identity will have. "),
    Arg("vnet_name", "--vnet-name", "Name of the virtual network when creating a new one or referencing an "
        "existing one."),
    Arg("subnet", "--subnet", "The name of the subnet when creating a new VNet or referencing an existing one. Can "
        "also reference an existing subnet by ID."),
    Arg("public_ip_address", "--public-ip-address", "Name of the public IP address when creating one (default) or "
        "referencing an existing one. Can also reference an existing public IP by ID or specify \"\" for None "
        "('\"\"' in Azure CLI using PowerShell or --% operator)."),
    Arg("public_ip_sku", "--public-ip-sku", "Public IP SKU.", choices=["Basic", "Standard"]),
    Arg("nsg_rule", "--nsg-rule", "NSG rule to create when creating a new NSG.", choices=["NONE", "RDP", "SSH"]),
    Arg("zone", "--zone -z", "Availability zone into which to provision the resource."),
    Arg("tags", "--tags", "Space-separated tags: key[=value] [key[=value] ...].", kind="star"),
    Arg("no_wait", "--no-wait", "Do not wait for the long-running operation to finish.", kind="flag"),
], examples=[
    ("Create a default Ubuntu 22.04 VM with automatic SSH authentication.",
     "az vm create -n MyVm -g MyResourceGroup --image Ubuntu2204 --generate-ssh-keys"),
    ("Create a VM with a system assigned identity.",
     "az vm create -n MyVm -g rg1 --image Ubuntu2204 --assign-identity --generate-ssh-keys"),
    ("Create a VM in an existing virtual network and subnet.",
     "az vm create -n MyVm -g MyResourceGroup --image Ubuntu2204 --vnet-name MyVnet --subnet subnet1 "
     "--generate-ssh-keys"),
], table=lambda r: r)  # vm/commands.py: deployment_validate_table_format passes the VM through, keys unsorted
def vm_create(ctx, a):
    # vm/_validators.py _validate_vm_vmss_msi
    if a.assign_identity is not None:
        if bool(a.identity_scope) != bool(a.identity_role):
            raise CliError("usage error: please specify both --role and --scope when assigning a role to the managed "
                           "identity")
        users = [w for w in a.assign_identity if w not in ("[system]", "system")]
        if a.identity_scope and users and len(users) == len(a.assign_identity):
            raise CliError("usage error: '--scope'/'--role' is only applicable when assign system identity")
    elif a.identity_scope or a.identity_role:
        raise CliError("usage error: --assign-identity [--scope SCOPE] [--role ROLE]")
    role = None
    if a.identity_scope:
        from .role import resolve_role
        role = resolve_role(ctx, a.identity_role, a.identity_scope)
    _check_image(a.image)
    if a.subnet or a.vnet_name:
        check_subnet_usage(a.subnet, a.vnet_name)
    if a.authentication_type is None:  # vm/_validators.py _validate_vm_vmss_create_auth: Windows signs in by password
        windows = (vm_requests.image_reference(a.image) or {}).get("publisher") == "MicrosoftWindowsServer"
        a.authentication_type = "password" if windows or (a.admin_password and not a.generate_ssh_keys
                                                          and not a.ssh_key_values) else None
    if a.authentication_type == "password" and not a.admin_password:
        raise CliError("Please specify password in non-interactive mode.")
    key = "" if a.authentication_type == "password" else ensure_ssh_key(
        ctx, a.generate_ssh_keys, " ".join(a.ssh_key_values) if a.ssh_key_values else None)
    body, network = _create_body(ctx, a, key)
    # vm/custom.py create_vm names its deployment 'vm_deploy_' + random_string(32); the lab derives it
    deployment = "vm_deploy_" + hashlib.sha256(f"{a.resource_group}/{a.name}/{ctx.cloud.clock.now()}".encode()
                                               ).hexdigest()[:32]
    vm = vm_requests.create_vm(ctx.cloud, ctx.principal, a.resource_group, a.name, body, network, deployment)
    if a.zone:
        ctx.warn("Availability zones are not modelled by the lab; the VM is zonal in name only.")
    if role is not None and vm.system_principal_id:  # the template's role assignment, after the VM
        from .role import put_assignment
        put_assignment(ctx, a.identity_scope, role, vm.system_principal_id, "ServicePrincipal")
    elif vm.system_principal_id:
        missing_access_warning(ctx, vm.resource_group, vm.name)
    return vm.create_json(ctx.cloud, a.identity_scope, a.identity_role)


def _create_body(ctx, a, key: str) -> tuple[dict, vm_requests.Request | None]:
    """vm/custom.py create_vm's deployment as requests: the network it needs (vm/_validators.py: an existing
    `--subnet` id, `--vnet-name`/`--subnet` made when missing (10.0.0.0/16, 10.0.0.0/24), else `<vm>VNET` with
    `<vm>Subnet`), then the VM's PUT with its NIC `<vm>VMNic` and public IP `<vm>PublicIP` (none for `""`)."""
    location = a.location or groups.location(ctx.cloud, ctx.principal, a.resource_group, ctx.subscription.subscription_id)
    if a.subnet and a.subnet.startswith("/") and not a.vnet_name:
        subnet_id, network = a.subnet, None
    else:
        subnet_id, network = vm_requests.subnet_request(ctx.cloud, ctx.principal, a.resource_group, location,
                                              a.vnet_name or f"{a.name}VNET", a.subnet or f"{a.name}Subnet",
                                              "10.0.0.0/16", "10.0.0.0/24")
    identity = vm_requests.identity_block(ctx.cloud, a.resource_group, a.assign_identity) \
        if a.assign_identity is not None else None
    image = vm_requests.image_reference(a.image)
    assert image is not None  # _check_image let only aliases and URNs through
    return vm_requests.vm_body(
        a.name, location, a.size, image, a.admin_username, subnet_id, ssh_key=key, admin_password=a.admin_password,
        public_ip_name=None if a.public_ip_address == "" else a.public_ip_address or f"{a.name}PublicIP",
        identity=identity, tags=parse_tags(a.tags)), network


def _check_image(image: str) -> None:
    """az resolves an image alias client-side (vm/_validators.py _parse_image_argument): a name that is no alias,
    URN, image id or VHD URI is refused before any request."""
    if vm_requests.image_reference(image) is None:
        raise CliError(f"Invalid image \"{image}\". Use a valid image URN, custom image name, custom image id, VHD "
                       "blob URI, or pick an image from ['CentOS85Gen2', 'Debian11', 'OpenSuseLeap154Gen2', "
                       "'RHELRaw8LVMGen2', 'SuseSles15SP5', 'Ubuntu2204', 'Ubuntu2404', 'FlatcarLinuxFreeGen2', "
                       "'Win2022Datacenter', 'Win2022AzureEditionCore', 'Win2019Datacenter', 'Win2016Datacenter', "
                       "'Win2012R2Datacenter', 'Win2012Datacenter'].\nSee vm create -h for more information on "
                       "specifying an image.")


@command("vm show", "Get the details of a VM.", [
    NAME, RG,
    Arg("show_details", "--show-details -d", "Show public ip address, FQDN, and power states. command will run "
        "slow.", kind="flag"),
], examples=[("Show information about a VM.", "az vm show -g MyResourceGroup -n MyVm -d")], table=vm_table)
def vm_show(ctx, a):
    return compute.get_vm(ctx.cloud, ctx.principal, a.resource_group, a.name).to_json(ctx.cloud, a.show_details)


@command("vm list", "List details of Virtual Machines.", [
    Arg("resource_group", "--resource-group -g", "Name of resource group.", default_key="group"),
    Arg("show_details", "--show-details -d", "Show public ip address, FQDN, and power states.", kind="flag"),
], table=vm_table)
def vm_list(ctx, a):
    return [vm.to_json(ctx.cloud, a.show_details) for vm in compute.list_vms(ctx.cloud, ctx.principal,
                                                                            a.resource_group)]


@command("vm list-ip-addresses", "List IP addresses associated with a VM.", [
    Arg("name", "--name -n", "The name of the virtual machine.", id_part="name"), RG,
], table=ip_table)
def vm_list_ips(ctx, a):
    vm = compute.get_vm(ctx.cloud, ctx.principal, a.resource_group, a.name)
    return [{"virtualMachine": {"name": vm.name, "network": {
        "privateIpAddresses": [vm.private_ip],
        "publicIpAddresses": [{"id": f"{vm.id.rsplit('/providers/', 1)[0]}/providers/Microsoft.Network/publicIPAddresses/"
                                     f"{vm.public_ip_name}", "ipAddress": vm.public_ip, "ipAllocationMethod": "Static",
                               "name": vm.public_ip_name, "resourceGroup": vm.resource_group,
                               "zone": None}] if vm.public_ip else []},
        "resourceGroup": vm.resource_group}}]


@command("vm delete", "Delete a VM.", [NAME, RG, Arg("yes", "--yes -y", "Do not prompt for confirmation.",
                                                       kind="flag")],
         examples=[("Delete a VM without a prompt for confirmation.", "az vm delete -g MyResourceGroup -n MyVm --yes")])
def vm_delete(ctx, a):
    vm = compute.get_vm(ctx.cloud, ctx.principal, a.resource_group, a.name)
    ctx.confirm("Are you sure you want to perform this operation?")
    compute.delete_vm(ctx.cloud, ctx.principal, vm)
    return None


@command("vm identity assign", "Enable managed service identity on a VM.", [
    NAME, RG,
    Arg("identities", "--identities", "Space-separated identities to assign. Use '[system]' to refer to the system "
        "assigned identity. Default: '[system]'.", kind="list"),
    Arg("role", "--role", "Role name or id the system assigned identity will have."),
    Arg("scope", "--scope", "Scope that the system assigned identity can access."),
], examples=[("Enable the system assigned identity on a VM.", "az vm identity assign -g MyResourceGroup -n MyVm")])
def vm_identity_assign(ctx, a):
    vm = compute.get_vm(ctx.cloud, ctx.principal, a.resource_group, a.name)
    if a.role and not a.scope:  # vm/_validators.py _validate_vm_vmss_msi(is_identity_assign=True)
        raise CliError("usage error: please specify --scope when assigning a role to the managed identity")
    role = None
    if a.scope:
        from .role import resolve_role
        role = resolve_role(ctx, a.role or "Contributor", a.scope)
    wants = a.identities or ["[system]"]  # vm/custom.py assign_vm_identity: the VM's identities plus the new ones
    new = vm_requests.identity_block(ctx.cloud, vm.resource_group, wants)
    users = vm.user_identities + [u for u in new.get("userAssignedIdentities", {})
                                  if u.lower() not in {x.lower() for x in vm.user_identities}]
    vm = vm_requests.put_identity(ctx.cloud, ctx.principal, vm, bool(vm.system_principal_id)
                                  or "SystemAssigned" in new["type"], users)
    out = vm.assign_json(ctx.cloud)
    if role is not None and vm.system_principal_id:
        from .role import put_assignment
        put_assignment(ctx, a.scope, role, vm.system_principal_id, "ServicePrincipal")
    for host in ctx.sh.hosts.values():
        if host.resource_id and host.resource_id.lower() == vm.id.lower():
            host.managed_identities = vm.identity_principals(ctx.cloud)
    if a.scope:  # vm/custom.py _construct_identity_info adds scope and role when --scope is given
        out = {"role": a.role or "Contributor", "scope": a.scope, **out}
    return out


@command("vm identity remove", "Remove managed service identities from a VM.", [
    NAME, RG,
    Arg("identities", "--identities", "Space-separated identities to remove. Use '[system]' to refer to the system "
        "assigned identity. Default: '[system]'.", kind="list"),
], examples=[("Remove the system assigned identity from a VM.", "az vm identity remove -g MyResourceGroup -n MyVm"),
             ("Remove a user assigned identity from a VM.",
              "az vm identity remove -g MyResourceGroup -n MyVm --identities readerId")])
def vm_identity_remove(ctx, a):
    """vm/custom.py remove_vm_identity (_remove_identities): what is not associated is refused client-side; the VM is
    written back with the identities left (type None when none is)."""
    vm = compute.get_vm(ctx.cloud, ctx.principal, a.resource_group, a.name)
    wanted = list(a.identities or ["[system]"])
    system = vm.system_principal_id is not None and not any(w.lower() in ("[system]", "system") for w in wanted)
    removing = {(w if w.startswith("/") else f"{ctx.subscription.id}/resourceGroups/{a.resource_group}"
                 f"/providers/{compute.MI}/{w}").lower() for w in wanted if w.lower() not in ("[system]", "system")}
    missing = removing - {u.lower() for u in vm.user_identities}
    if missing:
        raise CliError(f"'{','.join(sorted(missing))}' are not associated with '{vm.name}'")
    users = [u for u in vm.user_identities if u.lower() not in removing]
    vm = vm_requests.put_identity(ctx.cloud, ctx.principal, vm, system, users)
    for host in ctx.sh.hosts.values():
        if host.resource_id and host.resource_id.lower() == vm.id.lower():
            host.managed_identities = vm.identity_principals(ctx.cloud)
    return vm.identity_json(ctx.cloud)


@command("vm identity show", "Display VM's managed identity info.", [NAME, RG])
def vm_identity_show(ctx, a):
    vm = compute.get_vm(ctx.cloud, ctx.principal, a.resource_group, a.name)
    return vm.identity_json(ctx.cloud)

