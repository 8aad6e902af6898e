"""`docker manifest create|push|inspect|annotate|rm`: multi-architecture manifest lists made on the client.

`create` reads each platform image's manifest from the registry (so they must have been pushed) and keeps the list
in the client's manifest store; `annotate` changes a platform entry; `push` puts the platform manifests and then
the list into the target repository through the data plane and prints the list's digest; `inspect` shows a local
list, or a registry's manifest list whole. Texts: docker/cli cli/command/manifest (create_list.go, push.go,
annotate.go, inspect.go, rm.go); MicrosoftDocs/azure-management-docs articles/container-registry/
push-multi-architecture-images.md.
"""

from __future__ import annotations

from ...engine import oci
from ...engine.errors import RegistryError
from ...engine.images import pull_image, push_image
from ..docker_state import credential_for, normalize_local, origin_of, push_error_text, split_registry
from ..session import IO, Session
from . import docker as docker_program

PROGRAMS: dict = {}
_inspect_one = docker_program.SUBCOMMANDS["manifest"]


def _lists(sh: Session) -> dict[str, list[dict]]:
    """The client's manifest store: list reference -> its entries (ref, content, platform)."""
    return sh.host.docker.setdefault("manifest_lists", {})


def _registry(sh: Session, ref: str, io: IO):
    server, repo, tag = split_registry(ref)
    if server is None:
        io.err(f"errors:\ndenied: requested access to the resource is denied\nunauthorized: authentication required "
               f"(the lab's registries are Azure container registries; {ref} is not one)")
        return None
    reg = sh.cloud.registry_by_login_server(server)
    if reg is None:
        io.err(f'Get "https://{server}/v2/": dial tcp: lookup {server}: no such host')
        return None
    return reg, repo, tag


def create(sh: Session, argv: list[str], io: IO) -> int:
    amend = any(a in ("-a", "--amend") for a in argv)
    refs = [a for a in argv if not a.startswith("-")]
    if len(refs) < 2:
        io.err('"docker manifest create" requires at least 2 arguments.\nSee \'docker manifest create --help\'.\n\n'
               "Usage:  docker manifest create MANIFEST_LIST MANIFEST [MANIFEST...]\n\nCreate a local manifest list "
               "for annotating and pushing to a registry")
        return 1
    target = normalize_local(refs[0])
    if target in _lists(sh) and not amend:
        io.err("refusing to amend an existing manifest list with no --amend flag")
        return 1
    entries = list(_lists(sh).get(target, [])) if amend else []
    for ref in refs[1:]:
        found = _registry(sh, ref, io)
        if found is None:
            return 1
        reg, repo, tag = found
        try:
            m = pull_image(sh.cloud, reg, credential_for(sh, reg), repo, tag, origin_of(sh))
        except RegistryError as e:
            io.err(f"no such manifest: {normalize_local(ref)}" if e.status == 404 else push_error_text(e))
            return 1
        if oci.is_index(m.content):
            io.err(f"{normalize_local(ref)} is a manifest list")
            return 1
        c = m.content
        entries = [e for e in entries if e["ref"] != normalize_local(ref)]
        entries.append({"ref": normalize_local(ref), "repo": f"{reg.login_server}/{repo}", "content": c,
                        "platform": oci.Platform(os=c.os or "linux", architecture=c.architecture or "amd64",
                                                 variant=c.variant)})
    _lists(sh)[target] = entries
    io.out(f"Created manifest list {target}")
    return 0


def annotate(sh: Session, argv: list[str], io: IO) -> int:
    values: dict[str, str] = {}
    refs: list[str] = []
    i = 0
    while i < len(argv):
        if argv[i] in ("--os", "--arch", "--variant", "--os-version"):
            values[argv[i][2:]] = argv[i + 1] if i + 1 < len(argv) else ""
            i += 2
            continue
        refs.append(argv[i])
        i += 1
    if len(refs) != 2:
        io.err('"docker manifest annotate" requires exactly 2 arguments.')
        return 1
    entries = _lists(sh).get(normalize_local(refs[0]))
    entry = next((e for e in entries or [] if e["ref"] == normalize_local(refs[1])), None)
    if entry is None:
        io.err(f"Manifest not found: {normalize_local(refs[1])}")
        return 1
    p = entry["platform"]
    entry["platform"] = oci.Platform(os=values.get("os", p.os), architecture=values.get("arch", p.architecture),
                                     variant=values.get("variant", p.variant),
                                     os_version=values.get("os-version", p.os_version))
    return 0


def push(sh: Session, argv: list[str], io: IO) -> int:
    purge = any(a in ("-p", "--purge") for a in argv)
    refs = [a for a in argv if not a.startswith("-")]
    if len(refs) != 1:
        io.err('"docker manifest push" requires exactly 1 argument.')
        return 1
    target = normalize_local(refs[0])
    entries = _lists(sh).get(target)
    if not entries:
        io.err(f"No such manifest: {target}")
        return 1
    found = _registry(sh, target, io)
    if found is None:
        return 1
    reg, repo, tag = found
    for e in entries:
        if not e["repo"].startswith(reg.login_server + "/"):
            io.err(f"cannot use source images from a different registry than the target image: "
                   f"{e['repo'].split('/', 1)[0]} != {reg.login_server}")
            return 1
    index = oci.make_index([e["content"] for e in entries], [e["platform"] for e in entries],
                           media_type=oci.DOCKER_MANIFEST_LIST)
    cred, origin = credential_for(sh, reg), origin_of(sh)
    try:
        for e in entries:
            m, _ = push_image(sh.cloud, reg, cred, repo, None, e["content"], origin)
            if e["repo"] != f"{reg.login_server}/{repo}":
                io.out(f"Pushed ref {reg.login_server}/{repo}@{m.digest} with digest: {m.digest}")
        listed, _ = push_image(sh.cloud, reg, cred, repo, tag, index, origin)
    except RegistryError as e:
        io.err(push_error_text(e))
        return 1
    io.out(listed.digest)
    if purge:
        del _lists(sh)[target]
    return 0


def inspect(sh: Session, argv: list[str], io: IO) -> int:
    refs = [a for a in argv if not a.startswith("-")]
    local = _lists(sh).get(normalize_local(refs[-1])) if len(refs) == 1 else None
    if local:
        index = oci.make_index([e["content"] for e in local], [e["platform"] for e in local],
                               media_type=oci.DOCKER_MANIFEST_LIST)
        io.out(index.manifest_bytes().decode())
        return 0
    listed = _registry_index(sh, refs[-1]) if len(refs) == 1 else None
    if listed is not None:
        io.out(listed.manifest_bytes().decode())
        return 0
    return _inspect_one(sh, ["inspect", *argv], io)


def _registry_index(sh: Session, ref: str):
    """A registry's manifest list for `ref` (None: not a list, or not readable: the single-image path answers)."""
    server, repo, tag = split_registry(ref)
    reg = sh.cloud.registry_by_login_server(server) if server else None
    if reg is None:
        return None
    try:
        if not oci.is_index(reg.store.resolve(repo, tag).content):  # one request either way: the single-image path
            return None
        return pull_image(sh.cloud, reg, credential_for(sh, reg), repo, tag, origin_of(sh)).content
    except RegistryError:
        return None


def rm(sh: Session, argv: list[str], io: IO) -> int:
    code = 0
    for ref in argv:
        if _lists(sh).pop(normalize_local(ref), None) is None:
            io.err(f"No such manifest: {normalize_local(ref)}")
            code = 1
    return code


VERBS = {"create": create, "annotate": annotate, "push": push, "inspect": inspect, "rm": rm}


def manifest(sh: Session, argv: list[str], io: IO) -> int:
    fn = VERBS.get(argv[0]) if argv else None
    if fn is None:
        return _inspect_one(sh, argv, io)  # the usage text
    return fn(sh, argv[1:], io)


docker_program.SUBCOMMANDS["manifest"] = manifest
