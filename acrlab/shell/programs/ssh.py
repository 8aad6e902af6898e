"""`ssh [user@]HOST [command]`: move the terminal onto a VM (its files, az login, docker, network position).

HOST is the VM's public IP, a private IP reachable from the current VM's VNet, or (a lab convenience) the VM name.
`exit` comes back (the session pops the host)."""

from __future__ import annotations

from ...engine import compute
from ..session import IO, Host, Session

OPTS_WITH_VALUE = {"-i", "-o", "-p", "-l", "-F", "-J", "-L", "-R", "-D", "-E", "-c", "-m", "-b", "-e", "-S", "-W"}


def find_target(sh: Session, host: str) -> compute.VirtualMachine | None:
    here = sh.host
    here_vnet = here.subnet_id.rsplit("/subnets/", 1)[0].lower() if here.subnet_id else None
    for vm in compute.vms(sh.cloud).values():
        if host.lower() == vm.name.lower() or (vm.public_ip and host == vm.public_ip):
            return vm
        if host == vm.private_ip and here_vnet and vm.vnet_id.lower() == here_vnet:
            return vm
    return None


def vm_host(sh: Session, vm: compute.VirtualMachine) -> Host:
    key = f"vm:{vm.id.lower()}"
    host = sh.hosts.get(key)
    if host is None:
        host = sh.hosts[key] = Host(name=vm.name, kind="vm", resource_id=vm.id)
    host.public_ip = vm.outbound_ip
    host.subnet_id, host.private_ip, host.location = vm.subnet_id, vm.private_ip, vm.location
    host.managed_identities = vm.identity_principals(sh.cloud)
    return host


def ssh(sh: Session, argv: list[str], io: IO) -> int:
    user = None
    identities: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if not rest and a in OPTS_WITH_VALUE:
            if a == "-l" and i + 1 < len(argv):
                user = argv[i + 1]
            if a == "-i" and i + 1 < len(argv):
                identities.append(argv[i + 1])
            i += 2
            continue
        if not rest and a.startswith("-"):
            i += 1
            continue
        rest.append(a)
        i += 1
    if not rest:
        io.err("usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n"
               "           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n"
               "           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]\n"
               "           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n"
               "           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]\n"
               "           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n"
               "           destination [command [argument ...]]")
        return 255
    target, command = rest[0], rest[1:]
    if "@" in target:
        user, target = target.split("@", 1)
    vm = find_target(sh, target)
    if vm is None:
        io.err(f"ssh: Could not resolve hostname {target.lower()}: Name or service not known")
        return 255
    if sh.host.kind != "vm" and not vm.public_ip and target != vm.name:
        io.err(f"ssh: connect to host {target} port 22: Connection timed out")
        return 255
    if sh.host.kind != "vm" and not vm.public_ip:
        io.err(f"ssh: connect to host {vm.private_ip} port 22: Connection timed out")
        return 255
    user = user or vm.admin_username
    for path in identities:
        if sh.read_file(path) is None:
            io.err(f"Warning: Identity file {path} not accessible: No such file or directory.")
    offered = any(sh.read_file(p) is not None and (sh.read_file(f"{p}.pub") or "").strip() == vm.ssh_key.strip()
                  for p in identities) if vm.ssh_key else False  # -i KEY: the key pair whose public half the VM has
    if user != vm.admin_username or not vm.ssh_key or (sh.host.kind != "vm" and not offered and
                                                       sh.read_file("~/.ssh/id_rsa.pub") is None):
        io.err(f"{user}@{target}: Permission denied (publickey).")
        return 255
    host = vm_host(sh, vm)
    if command:
        sh.host_stack.append(host)
        try:
            code, out, err = sh.run(" ".join(command))
        finally:
            if sh.host_stack and sh.host_stack[-1] is host:
                sh.host_stack.pop()
        io.out(out, end="")
        io.err(err, end="")
        return code
    sh.host_stack.append(host)
    io.out("Welcome to Ubuntu 22.04.5 LTS (GNU/Linux 6.8.0-1021-azure x86_64)\n")
    now = sh.cloud.clock.now()  # sshd prints ctime's layout: the day of month space-padded ("Jan  5")
    io.out(f"Last login: {now.strftime('%a %b')} {now.day:2d} {now.strftime('%H:%M:%S %Y')} from "
           f"{sh.host_stack[-2].public_ip if len(sh.host_stack) > 1 else '203.0.113.10'}")
    return 0


PROGRAMS = {"ssh": ssh}
