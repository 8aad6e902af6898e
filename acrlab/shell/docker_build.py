"""`docker build` (BuildKit, plain progress) and `docker run` (containers do not run in the lab)."""

from __future__ import annotations

import posixpath
from functools import lru_cache

from ..engine import catalog, oci
from ..engine.build import BuildError, build_image
from ..engine.errors import RegistryError
from ..engine.images import pull_image
from .docker_hub_client import base_image as hub_base_image
from .docker_state import (
    credential_for,
    find_local,
    images,
    normalize_local,
    origin_of,
    split_registry,
)
from .session import IO, Session

BUILD_USAGE = ('ERROR: "docker buildx build" requires exactly 1 argument.\nSee \'docker buildx build --help\'.\n\n'
               "Usage:  docker buildx build [OPTIONS] PATH | URL | -\n\nStart a build")
VALUE_FLAGS = {"-t", "--tag", "-f", "--file", "--build-arg", "--platform", "--target", "--progress", "--label",
               "--network", "--cache-from", "--cache-to", "--secret", "--ssh", "--iidfile", "--output", "-o",
               "--add-host", "--shm-size", "--ulimit", "--builder", "--metadata-file", "--build-context"}


TAG_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._-/:")


@lru_cache(maxsize=1024)
def valid_tag(name: str) -> str | None:
    """Docker's reference check for -t: lowercase repository, sane characters; returns an error or None."""
    repo, tag = name, ""
    last = name.rsplit("/", 1)[-1]
    if ":" in last:
        repo, tag = name.rsplit(":", 1)
    if not repo or ((not repo.isascii() or repo != repo.lower()) and any(c.isupper() for c in repo)):
        return f'invalid tag "{name}": repository name must be lowercase'
    if "@" in name or not TAG_CHARS.issuperset(repo) or repo.startswith(("-", ".", "/")) or repo.endswith("/") \
            or "//" in repo or (tag and (len(tag) > 128 or not all(c.isalnum() or c in "._-" for c in tag))):
        return f'invalid tag "{name}": invalid reference format'
    return None


def parse_build_args(argv: list[str]) -> tuple[dict, list[str], str | None]:
    opts: dict = {"tags": [], "build_args": {}, "labels": {}, "file": None, "platform": None, "target": None,
                  "quiet": False, "no_cache": False}
    rest: list[str] = []
    i = 0
    while i < len(argv):
        a = argv[i]
        name, eq, inline = a.partition("=") if a.startswith("--") else (a, "", "")
        if name in VALUE_FLAGS:
            if eq:
                value = inline
                i += 1
            elif i + 1 < len(argv):
                value = argv[i + 1]
                i += 2
            else:
                return opts, rest, f'ERROR: flag needs an argument: {"-" + name.lstrip("-") if len(name) == 2 else name}'
            if name in ("-t", "--tag"):
                opts["tags"].append(value)
            elif name == "--build-arg":
                k, _, v = value.partition("=")
                opts["build_args"][k] = v
            elif name == "--label":
                k, _, v = value.partition("=")
                opts["labels"][k] = v
            elif name in ("-f", "--file"):
                opts["file"] = value
            elif name in ("--platform", "--target"):
                opts[name[2:]] = value
            continue
        if a in ("-q", "--quiet"):
            opts["quiet"] = True
        elif a == "--no-cache":
            opts["no_cache"] = True
        elif a in ("--pull", "--load", "--push", "--rm", "--force-rm") or a.startswith(("--pull=", "--rm=")):
            pass
        elif a.startswith("-") and a != "-":
            return opts, rest, f"ERROR: unknown flag: {a.split('=')[0]}\nSee 'docker buildx build --help'."
        else:
            rest.append(a)
        i += 1
    return opts, rest, None


def resolver(sh: Session, platform: str):
    """Base images come from the local image store, a registry the host is logged in to, or the catalogue."""
    def resolve(ref: str):
        local = find_local(sh, ref)
        if local is not None and ref != "scratch":
            return local.content
        server, repo, tag = split_registry(ref)
        if server is not None:
            reg = sh.cloud.registry_by_login_server(server)
            if reg is None:
                raise BuildError(f'{ref}: failed to resolve source metadata for {ref}: failed to do request: Head '
                                 f'"https://{server}/v2/{repo}/manifests/{tag}": dial tcp: lookup {server}: no such host')
            try:
                return oci.platform_image(pull_image(sh.cloud, reg, credential_for(sh, reg), repo, tag,
                                                     origin_of(sh)).content)
            except RegistryError as e:
                if e.status == 401:
                    raise BuildError(f"{ref}: failed to resolve source metadata for {ref}: failed to authorize: failed "
                                     f"to fetch oauth token: unexpected status from GET request to https://{server}"
                                     f"/oauth2/token?scope=repository%3A{repo}%3Apull&service={server}: 401 "
                                     "Unauthorized") from None
                if e.status == 404:
                    raise BuildError(f"{ref}: failed to resolve source metadata for {ref}: {ref}: not found") from None
                raise BuildError(f"{ref}: failed to resolve source metadata for {ref}: unexpected status from HEAD "
                                 f"request to https://{server}/v2/{repo}/manifests/{tag}: {e.status} "
                                 f"{'Forbidden' if e.status == 403 else e.code}") from None
        try:  # a lab Docker Hub account's repository, read with this host's docker.io login
            own = hub_base_image(sh, ref)
        except LookupError as e:
            raise BuildError(str(e)) from None
        content = own or catalog.find_public(ref, sh.cloud.state.get("catalog_overrides"))
        if content is None:
            registry, prepo, ptag = catalog.normalize_reference(ref)
            if catalog.repository_exists(registry, prepo):
                full = f"{registry}/{prepo}:{ptag}"
                raise BuildError(f"{ref}: failed to resolve source metadata for {full}: {full}: not found")
            return None
        return content
    return resolve


def build(sh: Session, argv: list[str], io: IO) -> int:
    opts, rest, err = parse_build_args(argv)
    if err:
        io.err(err)
        return 1
    if len(rest) != 1:
        io.err(BUILD_USAGE)
        return 1
    context = rest[0]
    if context.startswith(("http://", "https://", "git@")):
        io.err("ERROR: remote build contexts are not available in this lab; clone the repository and build the "
               "local directory")
        return 1
    for t in opts["tags"]:
        bad = valid_tag(t)
        if bad:
            io.err(f"ERROR: {bad}")
            return 1
    base = sh.abspath(context)
    files = sh.dir_files(context)
    if not files and sh.read_file(context) is None and sh.list_dir(context) is None:
        io.err(f'ERROR: unable to prepare context: path "{context}" not found')
        return 1
    dockerfile = "Dockerfile"
    if opts["file"]:
        full = sh.abspath(opts["file"])
        rel = posixpath.relpath(full, base)
        if rel.startswith(".."):
            text = sh.read_file(opts["file"])
            if text is None:
                io.err(f"ERROR: failed to solve: failed to read dockerfile: open {posixpath.basename(full)}: no such "
                       "file or directory")
                return 1
            rel = "\0" + posixpath.basename(full)
            files = {**files, rel: text}
        dockerfile = rel
    platform = opts["platform"] or "linux/amd64"
    if platform.count("/") not in (1, 2) or platform.split("/")[0] not in ("linux", "windows"):
        io.err(f'ERROR: failed to parse platform {platform}: "{platform}": unknown operating system or architecture: '
               "invalid argument")
        return 1
    if opts["labels"] and dockerfile in files:  # --label: labels on the final image, as a LABEL at the end would
        quoted = " ".join(f'{k}="{v}"' for k, v in opts["labels"].items())
        files = {**files, dockerfile: files[dockerfile].rstrip("\n") + f"\nLABEL {quoted}\n"}
    cache = sh.host.docker.setdefault("build_cache", set())
    try:
        result = build_image(files, dockerfile, opts["build_args"], platform, resolver(sh, platform),
                             target=opts["target"], cache=frozenset() if opts["no_cache"] else cache)
    except BuildError as e:
        io.err(f"ERROR: failed to solve: {e.message}")
        return 1
    content = result.content
    cache.update([s.layer.digest for s in result.steps if s.layer])
    names = [normalize_local(t) for t in opts["tags"]]
    store = images(sh)
    img, _ = store.add(content, sh.cloud.clock.now())
    for name in names:
        store.tag(img, name)
    if opts["quiet"]:
        io.out(content.config_digest)
    else:
        io.err(result.render_plain(names), end="")
    return 0


HELLO_TEXT = """
Hello from Docker!
This message shows that your installation appears to be working correctly.

To generate this message, Docker took the following steps:
 1. The Docker client contacted the Docker daemon.
 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.
    ({arch})
 3. The Docker daemon created a new container from that image which runs the
    executable that produces the output you are currently reading.
 4. The Docker daemon streamed that output to the Docker client, which sent it
    to your terminal.

To try something more ambitious, you can run an Ubuntu container with:
 $ docker run -it ubuntu bash

Share images, automate workflows, and more with a free Docker ID:
 https://hub.docker.com/

For more examples and ideas, visit:
 https://docs.docker.com/get-started/
"""
RUN_VALUE_FLAGS = {"-p", "--publish", "-e", "--env", "--name", "-v", "--volume", "-w", "--workdir", "--entrypoint",
                   "--platform", "--network", "-u", "--user", "--env-file", "-l", "--label", "--restart", "-m",
                   "--memory", "--cpus", "--mount", "--hostname", "-h", "--pull"}


def run(sh: Session, argv: list[str], io: IO) -> int:
    i = 0
    while i < len(argv) and argv[i].startswith("-"):
        flag = argv[i].split("=", 1)[0]
        i += 2 if flag in RUN_VALUE_FLAGS and "=" not in argv[i] else 1
    if i >= len(argv):
        io.err('docker: \'docker run\' requires at least 1 argument\n\nUsage:  docker run [OPTIONS] IMAGE '
               "[COMMAND] [ARG...]\n\nSee 'docker run --help' for more information")
        return 125
    ref, command = argv[i], argv[i + 1:]
    img = find_local(sh, ref)
    if img is None:
        from .programs.docker import pull_ref

        io.err(f"Unable to find image '{normalize_local(ref)}' locally")
        pulled = IO()
        img = pull_ref(sh, ref, pulled)
        io.err(pulled.stdout + pulled.stderr, end="")
        if img is None:
            io.err("See 'docker run --help'.")
            return 125
    hello = {layer.digest for layer in catalog.HELLO + catalog.MCR_HELLO}
    if any(layer.digest in hello for layer in img.content.layers) and not command:
        io.out(HELLO_TEXT.format(arch=img.content.architecture))
        return 0
    cfg = img.content.config
    would = " ".join(command or ((cfg.entrypoint or []) + (cfg.cmd or []) if cfg else [])) or "its default command"
    io.err(f"acrlab: containers do not run in this lab. The image {ref} ({img.image_id[7:19]}) is present locally "
           f"and would start: {would}")
    return 0


def history(sh: Session, argv: list[str], io: IO) -> int:
    refs = [a for a in argv if not a.startswith("-")]
    if len(refs) != 1:
        io.err('"docker history" requires exactly 1 argument.\nSee \'docker history --help\'.\n\n'
               "Usage:  docker history [OPTIONS] IMAGE\n\nShow the history of an image")
        return 1
    img = find_local(sh, refs[0])
    if img is None:
        io.err(f"Error response from daemon: No such image: {normalize_local(refs[0])}")
        return 1
    from .programs.docker import ago, human_size

    rows = [("IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT")]
    for n, layer in enumerate(reversed(img.content.layers)):
        by = layer.created_by or "/bin/sh -c #(nop) ADD file in /"
        by = by if len(by) <= 45 or "--no-trunc" in argv else by[:44] + "…"
        rows.append((img.image_id[7:19] if n == 0 else "<missing>", ago(sh, img.created), by,
                     human_size(int(layer.size * 2.6)), "buildkit.dockerfile.v0" if "buildkit" in by or n == 0 else ""))
    widths = [max(len(r[k]) for r in rows) for k in range(5)]
    for r in rows:
        io.out("   ".join(c.ljust(widths[k]) for k, c in enumerate(r)).rstrip())
    return 0
