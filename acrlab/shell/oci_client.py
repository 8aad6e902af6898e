"""What the registry clients that are not docker (`oras`, `helm`) share: flags as cobra parses them, references
to a registry in the lab, the docker credential store they read (`az acr login`, `docker login`, `oras login`
and `helm registry login` all write it) and the files they push.

Both are Go programs built on oras-go: a failed request prints `Error: ...` (cobra) and exits 1.
"""

from __future__ import annotations

import posixpath

from ..engine.dataplane import authenticate, check_network
from ..engine.errors import RegistryError
from ..engine.registry import Registry
from .docker_state import auths, origin_of
from .session import Session


class ClientError(Exception):
    """A failed command; the text follows 'Error: '."""


class RegistryAnswer(ClientError):
    """A failure the registry answered (oras: 'Error response from registry: ...')."""


def parse_flags(argv: list[str], valued: set[str], booleans: set[str],
                aliases: dict[str, str] | None = None) -> tuple[dict[str, list[str]], list[str]]:
    """cobra/pflag: `--name value`, `--name=value`, `-n value`; flags may come after positionals; `--` ends flags.
    Unknown flags are refused as cobra refuses them."""
    aliases = aliases or {}
    flags: dict[str, list[str]] = {}
    pos: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            pos.extend(argv[i + 1:])
            break
        if a.startswith("-") and a != "-":
            name, eq, value = a.partition("=")
            name = aliases.get(name, name)
            if name in valued:
                if not eq:
                    if i + 1 >= len(argv):
                        raise ClientError(f"flag needs an argument: {a}")
                    value, i = argv[i + 1], i + 1
            elif name in booleans:
                value = value if eq else "true"
            else:
                shown = f"unknown flag: {name}" if name.startswith("--") else \
                    f"unknown shorthand flag: '{name[1:2]}' in {a}"
                raise ClientError(shown)
            flags.setdefault(name, []).append(value)
        else:
            pos.append(a)
        i += 1
    return flags, pos


def last(flags: dict[str, list[str]], name: str, default: str = "") -> str:
    return flags.get(name, [default])[-1]


def split_reference(ref: str) -> tuple[str, str, str | None]:
    """'host/repo:tag' or 'host/repo@sha256:...' -> (host, repository, tag or digest or None)."""
    if "/" not in ref:
        raise ClientError(f'"{ref}": invalid reference: missing registry or repository')
    host, rest = ref.split("/", 1)
    if "@" in rest:  # 'repo:tag@digest' names the digest (oras-go registry.ParseReference ignores the tag)
        repo, reference = rest.split("@", 1)
        if ":" in repo.rsplit("/", 1)[-1]:
            repo = repo.rsplit(":", 1)[0]
        if not reference.startswith("sha256:") or len(reference) != 71 or \
                any(c not in "0123456789abcdef" for c in reference[7:]):
            raise ClientError(f'"{ref}": invalid reference: invalid digest "{reference}": invalid checksum digest '
                              "format")
    elif ":" in rest.rsplit("/", 1)[-1]:
        repo, reference = rest.rsplit(":", 1)
    else:
        repo, reference = rest, None
    if not repo or repo != repo.lower() or any(c not in "abcdefghijklmnopqrstuvwxyz0123456789._-/" for c in repo):
        raise ClientError(f'"{ref}": invalid reference: invalid repository "{repo}"')
    return host.lower(), repo, reference


def registry_for(sh: Session, host: str, what: str) -> Registry:
    """The registry behind a login server (the lab's network reaches only Azure container registries)."""
    reg = sh.cloud.registry_by_login_server(host)
    if reg is None:
        raise ClientError(f'{what}: Get "https://{host}/v2/": dial tcp: lookup {host}: no such host')
    return reg


def login(sh: Session, host: str, username: str, password: str) -> Registry:
    """Check credentials against the registry (network rules first) and store them for docker, oras and helm."""
    host = host.lower().removeprefix("https://").removeprefix("oci://").rstrip("/")
    reg = registry_for(sh, host, "failed to validate credential")
    try:
        check_network(sh.cloud, reg, origin_of(sh))
        authenticate(sh.cloud, reg, username, password)
    except RegistryError as e:
        status = "403 Forbidden" if e.status == 403 else "401 Unauthorized"
        raise ClientError(f'login attempt to https://{host}/v2/ failed with status: {status}') from None
    auths(sh)[host] = {"username": username, "password": password}
    return reg


def registry_text(e: RegistryError, ref: str | None = None) -> str:
    """How oras-go reports a registry's answer: a missing manifest by reference (errdef.ErrNotFound), other errors
    as errcode.Error prints them: the code in lower case with spaces, the message, Go's %v of the detail."""
    if e.status == 404 and ref is not None:
        return f"{ref}: not found"
    text = f"{e.code.replace('_', ' ').lower()}: {e.message}"
    if isinstance(e.detail, dict) and e.detail:
        text += ": map[" + " ".join(f"{k}:{v}" for k, v in sorted(e.detail.items())) + "]"
    return text


def read_path(sh: Session, path: str) -> tuple[str, str | dict[str, str]]:
    """('file', text) or ('dir', {relative path: text}) for a path on the host; the lab's `.keep` markers of empty
    directories are not files."""
    text = sh.read_file(path)
    if text is not None:
        return "file", text
    files = {k: v for k, v in sh.dir_files(path).items() if posixpath.basename(k) != ".keep"}
    if files or sh.list_dir(path) is not None and sh.abspath(path) != sh.host.cwd:
        return "dir", files
    raise ClientError(f"failed to stat {path}: stat {path}: no such file or directory")
