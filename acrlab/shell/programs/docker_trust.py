"""`docker trust sign|inspect` and DOCKER_CONTENT_TRUST=1 for pulls and pushes (Docker Content Trust on ACR)."""

from __future__ import annotations

from ...engine import trust
from ...engine.errors import RegistryError
from ..docker_state import credential_for, split_registry
from ..session import IO, Session
from . import docker as docker_program

PROGRAMS: dict = {}


def _dct_on(sh: Session) -> bool:
    return sh.env.get("DOCKER_CONTENT_TRUST", "") in ("1", "true")


def trust_cmd(sh: Session, argv: list[str], io: IO) -> int:
    if not argv or argv[0] not in ("sign", "inspect"):
        io.err("Usage:  docker trust COMMAND\n\nManage trust on Docker images\n\nCommands:\n  inspect     Return "
               "low-level information about keys and signatures\n  sign        Sign an image")
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
    try:
        trust.sign(sh.cloud, reg, credential_for(sh, reg), repo, tag)
    except RegistryError as e:
        if e.status == 401:
            io.err("Error: error contacting notary server: unauthorized: authentication required")
        elif e.code == "MANIFEST_UNKNOWN":
            io.err(f"No tag specified or image {refs[0]} not found locally or in the registry")
        else:
            io.err(f"Error: failed to sign {refs[0]}: {e.message}")
        return 1
    io.out(f"Signing and pushing trust metadata for {refs[0]}\nSuccessfully signed {server}/{repo}:{tag}")
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
        sign_argv = ["sign", refs[0] if ":" in refs[0].rsplit("/", 1)[-1] else refs[0] + ":latest"]
        return trust_cmd(sh, sign_argv, io)
    return code


docker_program.SUBCOMMANDS["trust"] = trust_cmd
docker_program.SUBCOMMANDS["pull"] = pull_with_trust
docker_program.SUBCOMMANDS["push"] = push_with_trust
