"""`docker trust sign|inspect` and DOCKER_CONTENT_TRUST=1 for pulls and pushes (Docker Content Trust on ACR)."""

from __future__ import annotations

import posixpath
import re

from ...engine import trust
from ...engine.errors import RegistryError
from .. import docker_trust_keys as trust_keys
from ..docker_state import credential_for, split_registry
from ..session import IO, Session
from . import docker as docker_program

PROGRAMS: dict = {}


def _dct_on(sh: Session) -> bool:
    return sh.env.get("DOCKER_CONTENT_TRUST", "") in ("1", "true")


def trust_cmd(sh: Session, argv: list[str], io: IO) -> int:
    if argv[:1] == ["key"]:
        return _key(sh, argv[1:], io)
    if not argv or argv[0] not in ("sign", "inspect"):
        io.err("Usage:  docker trust COMMAND\n\nManage trust on Docker images\n\nCommands:\n  inspect     Return "
               "low-level information about keys and signatures\n  sign        Sign an image\n\nManagement "
               "Commands:\n  key         Manage keys for signing Docker images")
        return 1
    refs = [a for a in argv[1:] if not a.startswith("-")]
    if len(refs) != 1:
        io.err(f'"docker trust {argv[0]}" requires exactly 1 argument.')
        return 1
    server, repo, tag = split_registry(refs[0])
    reg = sh.cloud.registry_by_login_server(server) if server else None
    if reg is None:
        io.err(f"Error: no trust data available for {refs[0]}")
        return 1
    if argv[0] == "inspect":
        signed = trust.is_signed(reg, repo, tag)
        if not signed:
            io.err(f"No signatures or cannot access {refs[0]}")
            return 1
        io.out(f"\nSignatures for {refs[0]}\n\nSIGNED TAG   DIGEST   SIGNERS\n{tag}   "
               f"{reg.store.resolve(repo, tag).digest[7:]}   (Repo Admin)")
        return 0
    return _sign(sh, refs[0], io, pushed=False)


def _sign(sh: Session, ref: str, io: IO, pushed: bool) -> int:
    """Sign `ref` with this client's keys: `docker trust sign`, or the signing step of a trusted push (`pushed`),
    which prints docker's shorter lines (docker/cli cli/command/trust/sign.go and image/trust.go)."""
    server, repo, tag = split_registry(ref)
    reg = sh.cloud.registry_by_login_server(server)
    gun = f"{server}/{repo}"
    cred = credential_for(sh, reg)
    signer = None if pushed else sh.host.docker.get("auths", {}).get(server, {}).get("username")
    try:
        trust.check_sign(sh.cloud, reg, cred, repo)
        prompts, key_id, initialized = trust_keys.signing_keys(sh, gun, trust.targets_key(reg, repo), signer)
        trust.sign(sh.cloud, reg, cred, repo, tag, key_id)
    except RegistryError as e:
        if e.status == 401:
            io.err("Error: error contacting notary server: unauthorized: authentication required")
        elif e.code == "MANIFEST_UNKNOWN":
            io.err(f"No tag specified or image {ref} not found locally or in the registry")
        else:
            io.err(f"Error: failed to sign {gun}:{tag}: {e.message}")
        return 1
    lines = ["Signing and pushing trust metadata", *prompts] if pushed else prompts
    if initialized and pushed:
        lines.append(f'Finished initializing "{gun}"')
    elif initialized:  # the repository is initialized first, then the tag signed
        lines += [f"Created signer: {signer}"] if signer else []
        lines += [f"Finished initializing signed repository for {ref}", f"Signing and pushing trust metadata for {ref}"]
    elif not pushed:  # the key's passphrase is asked while signing
        lines.insert(0, f"Signing and pushing trust metadata for {ref}")
    for line in lines + [f"Successfully signed {gun}:{tag}"]:
        io.out(line)
    return 0


def _key(sh: Session, argv: list[str], io: IO) -> int:
    """docker trust key generate NAME [--dir DIR]: a signer's key pair, the private half in the key store."""
    if argv[:1] == ["load"]:
        io.err("docker trust key load: the lab's docker does not load key files yet; restore a backup of "
               "~/.docker/trust/private with tar, or make a key with docker trust key generate")
        return 1
    if argv[:1] != ["generate"]:
        io.err("Usage:  docker trust key COMMAND\n\nManage keys for signing Docker images\n\nCommands:\n"
               "  generate    Generate and load a signing key-pair\n  load        Load a private key file for "
               "signing")
        return 1
    args, directory = argv[1:], sh.host.cwd
    for i, a in enumerate(args):
        if a == "--dir" or a.startswith("--dir="):
            directory = a[6:] if a.startswith("--dir=") else (args[i + 1] if i + 1 < len(args) else "")
            args = args[:i] + args[i + (1 if "=" in a else 2):]
            break
    if len(args) != 1:
        io.err('"docker trust key generate" requires exactly 1 argument.\nSee \'docker trust key generate '
               '--help\'.\n\nUsage:  docker trust key generate NAME\n\nGenerate and load a signing key-pair')
        return 1
    name = args[0]
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name):
        io.err(f'key name "{name}" must start with lowercase alphanumeric characters and can include "-" or "_" '
               "after the first character")
        return 1
    if sh.list_dir(directory) is None and sh.abspath(directory) != sh.host.cwd:
        io.err(f'public key path does not exist: "{directory}"')
        return 1
    pub = posixpath.join(directory, f"{name}.pub")  # as docker prints it: the directory as given
    if sh.read_file(pub) is not None:
        io.err(f'public key file already exists: "{pub}"')
        return 1
    io.out(f"Generating key for {name}...")
    key_id = trust_keys.generate(sh, name)
    for line in trust_keys.prompts(sh, name, key_id, name):
        io.out(line)
    sh.write_file(pub, trust_keys.public_pem(key_id, name))
    io.out(f"Successfully generated and loaded private key. Corresponding public key available: {pub}")
    return 0


_original_pull = docker_program.SUBCOMMANDS["pull"]
_original_push = docker_program.SUBCOMMANDS["push"]


def pull_with_trust(sh: Session, argv: list[str], io: IO) -> int:
    refs = [a for a in argv if not a.startswith("-")]
    disabled = "--disable-content-trust" in argv or "--disable-content-trust=true" in argv
    if _dct_on(sh) and not disabled and len(refs) == 1:
        server, repo, tag = split_registry(refs[0])
        reg = sh.cloud.registry_by_login_server(server) if server else None
        if reg is not None and not tag.startswith("sha256:") and not trust.is_signed(reg, repo, tag):
            io.err(f"Error: remote trust data does not exist for {server}/{repo}: {server} does not have trust data "
                   f"for {server}/{repo}")
            return 1
    return _original_pull(sh, [a for a in argv if not a.startswith("--disable-content-trust")], io)


def push_with_trust(sh: Session, argv: list[str], io: IO) -> int:
    code = _original_push(sh, argv, io)
    refs = [a for a in argv if not a.startswith("-")]
    if code == 0 and _dct_on(sh) and len(refs) == 1:
        server = split_registry(refs[0])[0]
        if not server or sh.cloud.registry_by_login_server(server) is None:
            io.err(f"Error: no trust data available for {refs[0]}")
            return 1
        return _sign(sh, refs[0] if ":" in refs[0].rsplit("/", 1)[-1] else refs[0] + ":latest", io, pushed=True)
    return code


docker_program.SUBCOMMANDS["trust"] = trust_cmd
docker_program.SUBCOMMANDS["pull"] = pull_with_trust
docker_program.SUBCOMMANDS["push"] = push_with_trust
