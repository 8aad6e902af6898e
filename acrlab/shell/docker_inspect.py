"""`docker inspect`, `docker manifest inspect` and `docker rmi` against the local store and registries."""

from __future__ import annotations

import json

from ..engine import catalog, oci
from ..engine.clock import iso
from ..engine.errors import RegistryError
from ..engine.images import pull_image
from .docker_state import (
    LocalImage,
    credential_for,
    find_local,
    images,
    normalize_local,
    origin_of,
    split_registry,
)
from .session import IO, Session


def _created(img: LocalImage) -> str:
    when = iso(img.created) if img.created else "1970-01-01T00:00:00.000000+00:00"
    return when.replace("+00:00", "Z")


def image_json(img: LocalImage) -> dict:
    """What `docker image inspect` prints for one image (Docker 27, classic image store)."""
    c = img.content
    cfg = c.config.to_docker(c.labels) if c.config is not None else None
    size = int(c.size * 2.6)
    return {
        "Id": img.image_id,
        "RepoTags": list(img.repo_tags),
        "RepoDigests": list(img.repo_digests),
        "Parent": "",
        "Comment": "buildkit.dockerfile.v0",
        "Created": _created(img),
        "DockerVersion": "",
        "Author": "",
        "Config": cfg or {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                          "Cmd": None, "Labels": dict(c.labels) or None},
        "Architecture": c.architecture,
        **({"Variant": c.variant} if c.variant else {}),
        "Os": c.os,
        "Size": size,
        "GraphDriver": {"Data": {"MergedDir": f"/var/lib/docker/overlay2/{img.image_id[7:31]}/merged"},
                        "Name": "overlay2"},
        "RootFS": {"Type": "layers", "Layers": c.diff_ids()},
        "Metadata": {"LastTagTime": _created(img) if img.repo_tags else "0001-01-01T00:00:00Z"},
    }


def _format(value, fmt: str) -> str | None:
    """A small subset of Go templates: `{{.Id}}`, `{{.Config.Env}}`, `{{json .RootFS}}`."""
    out = fmt
    import re

    for m in re.finditer(r"\{\{\s*(json\s+)?\.([\w.]*)\s*\}\}", fmt):
        v = value
        for part in filter(None, m.group(2).split(".")):
            v = v.get(part) if isinstance(v, dict) else None
        if m.group(1):
            text = json.dumps(v, separators=(",", ":"))  # Go templates print compact JSON
        elif isinstance(v, list):
            text = "[" + " ".join(str(x) for x in v) + "]"
        elif isinstance(v, dict):
            text = "map[" + " ".join(f"{k}:{x}" for k, x in v.items()) + "]"
        else:
            text = "<no value>" if v is None else str(v)
        out = out.replace(m.group(0), text, 1)
    if "{{" in re.sub(r"\{\{\s*(json\s+)?\.([\w.]*)\s*\}\}", "", fmt):
        return None  # range, if, println...: refused rather than printed back as text
    return out


def inspect(sh: Session, argv: list[str], io: IO, kind: str = "object") -> int:
    fmt = None
    refs: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-f", "--format") and i + 1 < len(argv):
            fmt = argv[i + 1]
            i += 2
            continue
        if a.startswith("--format="):
            fmt = a.split("=", 1)[1]
        elif a in ("--type",) and i + 1 < len(argv):
            i += 2
            continue
        elif not a.startswith("-"):
            refs.append(a)
        i += 1
    if not refs:
        cmd = "docker inspect" if kind == "object" else "docker image inspect"
        io.err(f'"{cmd}" requires at least 1 argument.\nSee \'{cmd} --help\'.\n\n'
               f"Usage:  {cmd} [OPTIONS] {'NAME|ID' if kind == 'object' else 'IMAGE'} [{'NAME|ID' if kind == 'object' else 'IMAGE'}...]\n\n"
               "Display detailed information on Docker objects")
        return 1
    found, code = [], 0
    for ref in refs:
        img = find_local(sh, ref)
        if img is None:
            io.err(f"Error: No such {kind}: {ref}" if kind == "object" else f"Error: No such image: {ref}")
            code = 1
            continue
        found.append(image_json(img))
    if fmt:
        for f in found:
            text = _format(f, fmt)
            if text is None:
                io.err(f"template parsing error: this lab's docker supports only {{{{.Field}}}} and {{{{json .Field}}}} "
                       f"in --format, not: {fmt}")
                return 1
            io.out(text)
    elif found or code:
        io.out(json.dumps(found, indent=4))
    return code


def manifest(sh: Session, argv: list[str], io: IO) -> int:
    if not argv or argv[0] != "inspect":
        io.err("\nUsage:  docker manifest COMMAND\n\nThe **docker manifest** command has subcommands for managing "
               "image manifests and\nmanifest lists. A manifest list allows you to use one name to refer to the "
               "same image\nbuilt for multiple architectures.\n\nCommands:\n  annotate    Add additional "
               "information to a local image manifest\n  create      Create a local manifest list for annotating "
               "and pushing to a registry\n  inspect     Display an image manifest, or manifest list\n  push        "
               "Push a manifest list to a repository\n  rm          Delete one or more manifest lists from local "
               "storage")
        return 0 if not argv else 1
    verbose = any(a in ("-v", "--verbose") for a in argv[1:])
    refs = [a for a in argv[1:] if not a.startswith("-")]
    if len(refs) not in (1, 2):
        io.err('"docker manifest inspect" requires at least 1 and at most 2 arguments.\nSee \'docker manifest inspect '
               "--help'.\n\nUsage:  docker manifest inspect [OPTIONS] [MANIFEST_LIST] MANIFEST\n\nDisplay an image "
               "manifest, or manifest list")
        return 1
    ref = refs[-1]
    server, repo, tag = split_registry(ref)
    if server is not None:
        reg = sh.cloud.registry_by_login_server(server)
        if reg is None:
            io.err(f'Get "https://{server}/v2/": dial tcp: lookup {server}: no such host')
            return 1
        try:
            content = oci.platform_image(pull_image(sh.cloud, reg, credential_for(sh, reg), repo, tag,
                                                    origin_of(sh)).content)
        except RegistryError as e:
            if e.status == 404:
                io.err(f"no such manifest: {normalize_local(ref)}")
            elif e.status == 401:
                io.err("unauthorized: authentication required")
            else:
                io.err(f"{e.code.lower()}: {e.message}")
            return 1
        name = f"{server}/{repo}"
    else:
        content = catalog.find_public(ref, sh.cloud.state.get("catalog_overrides"))
        if content is None:
            r, p, t = catalog.normalize_reference(ref)
            io.err(f"no such manifest: {r}/{p}{'@' if t.startswith('sha256:') else ':'}{t}")
            return 1
        r, p, _ = catalog.normalize_reference(ref)
        name = f"{r}/{p}"
    body = content.manifest_bytes()
    if not verbose:
        io.out(body.decode())
        return 0
    tagged = tag if server else catalog.normalize_reference(ref)[2]
    io.out(json.dumps({
        "Ref": f"{name}{'@' if tagged.startswith('sha256:') else ':'}{tagged}",
        "Descriptor": {"mediaType": content.media_type, "digest": content.digest, "size": len(body),
                       "platform": {"architecture": content.architecture, "os": content.os}},
        "SchemaV2Manifest": json.loads(body),
    }, indent=8).replace("        ", "\t"))
    return 0


def rmi(sh: Session, argv: list[str], io: IO) -> int:
    force = any(a in ("-f", "--force") for a in argv)
    refs = [a for a in argv if not a.startswith("-")]
    if not refs:
        io.err('"docker rmi" requires at least 1 argument.\nSee \'docker rmi --help\'.\n\nUsage:  docker rmi '
               "[OPTIONS] IMAGE [IMAGE...]\n\nRemove one or more images")
        return 1
    store = images(sh)
    code = 0
    for ref in refs:
        img = find_local(sh, ref)
        if img is None:
            io.err(f"Error response from daemon: No such image: {normalize_local(ref) if ':' not in ref else ref}")
            code = 1
            continue
        by_id = img.image_id == ref or (img.image_id[7:].startswith(ref) and normalize_local(ref) not in img.repo_tags)
        if not by_id and not force and len(img.repo_tags) > 1:
            name = normalize_local(ref)
            store.untag(img, name)
            io.out(f"Untagged: {name}")
            continue
        if by_id and not force and len({t.rsplit(':', 1)[0] for t in img.repo_tags}) > 1:
            io.err(f"Error response from daemon: conflict: unable to delete {img.image_id[7:19]} (must be forced) - "
                   "image is referenced in multiple repositories")
            code = 1
            continue
        for t in img.repo_tags:
            io.out(f"Untagged: {t}")
        for d in img.repo_digests:
            io.out(f"Untagged: {d}")
        store.remove(img)
        io.out(f"Deleted: {img.image_id}")
        for layer, diff in zip(reversed(img.content.layers), reversed(img.content.diff_ids()), strict=True):
            if not store.layer_shared(layer.digest, img):
                io.out(f"Deleted: {diff}")
    return code


def prune(sh: Session, argv: list[str], io: IO) -> int:
    """`docker image prune [-a] [-f]`: remove dangling (untagged) images, or all unused ones with -a."""
    force = any(a in ("-f", "--force") for a in argv)
    everything = any(a in ("-a", "--all") for a in argv)
    if not force:
        io.out("WARNING! This will remove all " + ("images without at least one container associated to them."
                                                    if everything else "dangling images."))
        io.out("Are you sure you want to continue? [y/N] ", end="")
        if io.stdin.strip().lower() not in ("y", "yes"):
            return 0
    store = images(sh)
    doomed = [i for i in store.values() if everything or not i.repo_tags]
    if not doomed:
        io.out("Total reclaimed space: 0B")
        return 0
    from .programs.docker import human_size

    io.out("Deleted Images:")
    freed = 0
    for img in doomed:
        for name in img.repo_tags + img.repo_digests:
            io.out(f"untagged: {name}")
        store.remove(img)
        io.out(f"deleted: {img.image_id}")
    gone = {layer.digest: layer.size for i in doomed for layer in i.content.layers
            if not store.layer_shared(layer.digest, i)}
    freed = int(sum(gone.values()) * 2.6)
    io.out(f"\nTotal reclaimed space: {human_size(freed)}")
    return 0
