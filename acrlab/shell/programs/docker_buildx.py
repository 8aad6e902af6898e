"""`docker buildx`: version, ls, create, use, inspect, rm, and build (also `docker buildx build --platform a,b
--push`: a multi-architecture image pushed as one OCI image index).

Builders: `default` (the docker driver: images land in `docker images`; one platform per build) and the ones
`docker buildx create` makes (the docker-container driver: several platforms at once; a result stays in the build
cache unless `--load` or `--push` says where it goes, and a list of platforms cannot be loaded). Each platform is
built by the classic builder (shell/docker_build.py); pushes go through the data plane. Texts: docker/buildx
commands (build.go, create.go, ls.go, use.go, rm.go, version.go) and build/build.go ("Multi-platform build is not
supported for the docker driver", "docker exporter does not currently support exporting manifest lists").
"""

from __future__ import annotations

import re

from ...engine import oci
from ...engine.errors import RegistryError
from ...engine.images import push_image
from .. import docker_build
from ..docker_state import credential_for, images, normalize_local, origin_of, push_error_text, split_registry
from ..session import IO, Session
from . import docker as docker_program

PROGRAMS: dict = {}
WRITING = re.compile(r"writing image (sha256:[0-9a-f]{64})")
VERSION = "github.com/docker/buildx v0.17.1 257815a6fb95ae2d4e0b3a4a0de0c0a5ce6c9d5b"
BUILDKIT = "v0.16.0"
MULTI_DOCKER = ("ERROR: Multi-platform build is not supported for the docker driver.\nSwitch to a different driver, "
                "or turn on the containerd image store, and try again.\nLearn more at "
                "https://docs.docker.com/go/build-multi-platform/")
NO_OUTPUT = ("WARNING: No output specified with docker-container driver. Build result will only remain in the build "
             "cache. To push result image into registry use --push or to load image into docker use --load")
PLATFORMS = {"docker": "linux/amd64, linux/amd64/v2, linux/amd64/v3, linux/386",
             "docker-container": "linux/amd64, linux/amd64/v2, linux/amd64/v3, linux/arm64, linux/riscv64, "
                                 "linux/ppc64le, linux/s390x, linux/386, linux/arm/v7, linux/arm/v6"}


def _state(sh: Session) -> dict:
    return sh.host.docker.setdefault("buildx", {"builders": {"default": "docker"}, "current": "default"})


def buildx(sh: Session, argv: list[str], io: IO) -> int:
    verb = argv[0] if argv else ""
    fn = VERBS.get(verb)
    if fn is None:
        io.err(f"docker: '{verb}' is not a buildx command.\nSee 'docker buildx --help'." if verb else
               "\nUsage:  docker buildx [OPTIONS] COMMAND\n\nExtended build capabilities with BuildKit\n\n"
               "Management Commands:\n  build       Start a build\n  create      Create a new builder instance\n"
               "  inspect     Inspect current builder instance\n  ls          List builder instances\n"
               "  rm          Remove one or more builder instances\n  use         Set the current builder instance\n"
               "  version     Show buildx version information")
        return 1 if verb else 0
    return fn(sh, argv[1:], io)


def version(sh: Session, argv: list[str], io: IO) -> int:
    io.out(VERSION)
    return 0


def ls(sh: Session, argv: list[str], io: IO) -> int:
    st = _state(sh)
    rows = [["NAME/NODE", "DRIVER/ENDPOINT", "STATUS", "BUILDKIT", "PLATFORMS"]]
    for name, driver in st["builders"].items():
        rows.append([name + ("*" if name == st["current"] else ""), driver, "", "", ""])
        node = "default" if driver == "docker" else f"{name}0"
        endpoint = "default" if driver == "docker" else "unix:///var/run/docker.sock"
        rows.append([f" \\_ {node}", f" \\_ {endpoint}", "running", BUILDKIT, PLATFORMS[driver]])
    width = [max(len(r[i]) for r in rows) + 3 for i in range(4)]
    io.out("\n".join(("".join(c.ljust(width[i]) for i, c in enumerate(r[:4])) + r[4]).rstrip() for r in rows))
    return 0


def create(sh: Session, argv: list[str], io: IO) -> int:
    st = _state(sh)
    name, driver, use = None, "docker-container", False
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--name", "--driver") and i + 1 < len(argv):
            name, driver = (argv[i + 1], driver) if a == "--name" else (name, argv[i + 1])
            i += 2
            continue
        if a == "--use":
            use = True
        elif a.startswith("--name="):
            name = a.split("=", 1)[1]
        elif a.startswith("--driver="):
            driver = a.split("=", 1)[1]
        i += 1
    if driver not in ("docker-container", "docker"):
        io.err(f'ERROR: failed to find driver "{driver}"')
        return 1
    if driver == "docker":
        io.err("ERROR: failed to initialize builder: docker driver can only be used with the default context")
        return 1
    if name is None:
        from .docker_containers import ADJECTIVES, NAMES
        n = len(st["builders"])
        name = f"{ADJECTIVES[n % len(ADJECTIVES)]}_{NAMES[(n * 7) % len(NAMES)]}"
    if name in st["builders"]:
        io.err(f'ERROR: existing instance for "{name}" but no append mode, specify the node name to make changes for '
               "existing instances")
        return 1
    st["builders"][name] = driver
    if use:
        st["current"] = name
    io.out(name)
    return 0


def use(sh: Session, argv: list[str], io: IO) -> int:
    st = _state(sh)
    names = [a for a in argv if not a.startswith("-")]
    if len(names) != 1 or names[0] not in st["builders"]:
        io.err(f'ERROR: run `docker buildx create --name {names[0] if names else ""}` to create a new builder '
               "instance" if names else '"docker buildx use" requires exactly 1 argument.')
        return 1
    st["current"] = names[0]
    return 0


def rm(sh: Session, argv: list[str], io: IO) -> int:
    st = _state(sh)
    names = [a for a in argv if not a.startswith("-")] or [st["current"]]
    for name in names:
        if name == "default":
            io.err("ERROR: default is a docker driver builder and cannot be removed")
            return 1
        if name not in st["builders"]:
            io.err(f'ERROR: no builder "{name}" found')
            return 1
        del st["builders"][name]
        if st["current"] == name:
            st["current"] = "default"
        io.err(f"{name} removed")
    return 0


def inspect(sh: Session, argv: list[str], io: IO) -> int:
    st = _state(sh)
    names = [a for a in argv if not a.startswith("-")]
    name = names[0] if names else st["current"]
    if name not in st["builders"]:
        io.err(f'ERROR: no builder "{name}" found')
        return 1
    driver = st["builders"][name]
    io.out(f"Name:          {name}\nDriver:        {driver}\n\nNodes:\nName:      "
           f"{'default' if driver == 'docker' else name + '0'}\nStatus:    running\nBuildKit:  {BUILDKIT}\n"
           f"Platforms: {PLATFORMS[driver]}")
    return 0


def build(sh: Session, argv: list[str], io: IO) -> int:
    st = _state(sh)
    builder = st["current"]
    rest: list[str] = []
    push = load = False
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--builder" and i + 1 < len(argv):
            builder, i = argv[i + 1], i + 2
            continue
        if a.startswith("--builder="):
            builder = a.split("=", 1)[1]
        elif a == "--push" or a in ("--output=type=registry", "-o=type=registry"):
            push = True
        elif a == "--load" or a in ("--output=type=docker", "-o=type=docker"):
            load = True
        else:
            rest.append(a)
        i += 1
    driver = st["builders"].get(builder)
    if driver is None:
        io.err(f'ERROR: no builder "{builder}" found')
        return 1
    opts, _, err = docker_build.parse_build_args(rest)
    if err:
        io.err(err)
        return 1
    platforms = [p.strip() for p in (opts["platform"] or "linux/amd64").split(",") if p.strip()]
    if len(platforms) > 1 and driver == "docker":
        io.err(MULTI_DOCKER)
        return 1
    if len(platforms) > 1 and load:
        io.err("ERROR: docker exporter does not currently support exporting manifest lists")
        return 1
    if driver == "docker-container" and not push and not load:
        io.err(NO_OUTPUT)
    if push and not opts["tags"]:
        io.err("ERROR: tag is needed when pushing to registry")
        return 1
    built = []
    base = _without(rest, {"--platform", "-t", "--tag"})
    for platform in platforms:
        sub = IO(stdin=io.stdin)
        code = docker_build.build(sh, ["--platform", platform, *base], sub)
        io.err(sub.stderr.replace('building with "default" instance using docker driver',
                                  f'building with "{builder}" instance using {driver} driver'), end="")
        if code:
            return code
        found = WRITING.search(sub.stderr)
        img = images(sh).get(found.group(1)) if found else None
        if img is None:
            return 0
        built.append((platform, img))
    for _, img in built:
        if driver == "docker" or load:
            for t in opts["tags"]:
                images(sh).tag(img, normalize_local(t))
        elif not img.repo_tags:  # a docker-container result stays in the builder's cache, not in `docker images`
            images(sh).remove(img)
    if push:
        return _push(sh, opts["tags"], [(p, img.content) for p, img in built], io)
    return 0


def _without(argv: list[str], valued: set[str]) -> list[str]:
    """argv less the flags in `valued` and their values (`--flag value` or `--flag=value`)."""
    out, skip = [], False
    for a in argv:
        if skip:
            skip = False
        elif a in valued:
            skip = True
        elif a.split("=", 1)[0] not in valued:
            out.append(a)
    return out


def _push(sh: Session, tags: list[str], built: list, io: IO) -> int:
    if len(built) == 1:
        content = built[0][1]
    else:
        plats = [oci.Platform(os=p.split("/")[0], architecture=p.split("/")[1],
                              variant=p.split("/")[2] if p.count("/") == 2 else None) for p, _ in built]
        content = oci.make_index([c for _, c in built], plats)
    for t in tags:
        server, repo, tag = split_registry(t)
        reg = sh.cloud.registry_by_login_server(server) if server else None
        if reg is None:
            host = server or "docker.io"
            io.err(f"ERROR: failed to solve: failed to push {t}: failed to do request: Head \"https://{host}/v2/\": "
                   f"dial tcp: lookup {host}: no such host" if server else
                   f"ERROR: failed to solve: failed to push {t}: push access denied, repository does not exist or "
                   "may require authorization: server message: insufficient_scope: authorization failed")
            return 1
        cred, origin = credential_for(sh, reg), origin_of(sh)
        try:
            if oci.is_index(content):
                for child in content.children:
                    push_image(sh.cloud, reg, cred, repo, None, child, origin)
            m, _ = push_image(sh.cloud, reg, cred, repo, tag, content, origin)
        except RegistryError as e:
            io.err(f"ERROR: failed to solve: failed to push {t}: {push_error_text(e)}")
            return 1
        io.err(f"#9 pushing layers done\n#9 pushing manifest for {normalize_local(t)}@{m.digest} done")
    return 0


VERBS = {"version": version, "ls": ls, "create": create, "use": use, "rm": rm, "inspect": inspect, "build": build,
         "b": build}
docker_program.SUBCOMMANDS["buildx"] = buildx
