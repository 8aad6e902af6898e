"""`docker`: login, logout, pull, tag, push, images (more subcommands live in docker_* modules)."""

from __future__ import annotations

from ...engine import catalog, docker_hub, oci
from ...engine.errors import RegistryError
from ...engine.images import pull_image, push_image
from .. import docker_hub_client
from ..docker_state import (
    LocalImage,
    auths,
    credential_for,
    find_local,
    human_duration,
    images,
    name_only,
    normalize_local,
    origin_of,
    push_error_text,
    reference_error,
    split_registry,
    tabwriter,
)
from ..session import IO, Session

SUBCOMMANDS: dict = {}
IMAGE_ALIASES = {"ls": "images", "list": "images", "rm": "rmi", "remove": "rmi", "inspect": "image-inspect",
                 "prune": "image-prune"}


def sub(name):
    def deco(fn):
        SUBCOMMANDS[name] = fn
        return fn
    return deco


def docker(sh: Session, argv: list[str], io: IO) -> int:
    if not argv or argv[0] in ("--help", "-h", "help"):
        io.out("\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\nCommon Commands:")
        for name in sorted(SUBCOMMANDS):
            if not name.startswith("image-"):
                io.out(f"  {name}")
        return 0
    if argv[0] in ("--version", "version"):
        io.out("Docker version 27.3.1, build ce12230")
        return 0
    name = argv[0]
    if name in ("image", "builder", "container") and len(argv) > 1:  # buildx: programs/docker_buildx.py
        alias = IMAGE_ALIASES.get(argv[1], argv[1]) if name == "image" else argv[1]
        if (name, alias) == ("builder", "build") or name == "image" or (
                name == "container" and alias in ("run", "ps", "ls", "stop", "start", "kill", "rm")):
            alias = "ps" if (name, alias) == ("container", "ls") else alias
            name, argv = alias, [alias] + argv[2:]
    elif name in ("image", "builder", "container"):
        io.out(f"\nUsage:  docker {name} COMMAND\n\nManage {name}s\n\nRun 'docker {name} COMMAND --help' for more "
               "information on a command.")
        return 0
    fn = SUBCOMMANDS.get(name)
    if fn is None:
        io.err(f"docker: '{name}' is not a docker command.\nSee 'docker --help'")
        return 1
    return fn(sh, argv[1:], io)


def _registry(sh: Session, server: str):
    return sh.cloud.registry_by_login_server(server)


@sub("login")
def login(sh: Session, argv: list[str], io: IO) -> int:
    username = password = server = None
    stdin_pw = False
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-u", "--username"):
            username = argv[i + 1] if i + 1 < len(argv) else None
            i += 2
        elif a in ("-p", "--password"):
            password = argv[i + 1] if i + 1 < len(argv) else None
            i += 2
        elif a.startswith("--username="):
            username = a.split("=", 1)[1]
            i += 1
        elif a.startswith("--password="):
            password = a.split("=", 1)[1]
            i += 1
        elif a == "--password-stdin":
            stdin_pw = True
            i += 1
        else:
            server = a
            i += 1
    if stdin_pw:
        if password:
            io.err("--password and --password-stdin are mutually exclusive")
            return 1
        if not username:
            io.err("Must provide --username with --password-stdin")
            return 1
        password = io.stdin.strip("\n").strip()
    elif password:
        io.err("WARNING! Using --password via the CLI is insecure. Use --password-stdin.")
    if server is None:
        server = "docker.io"
    server = server.lower().removeprefix("https://").rstrip("/")
    server = "docker.io" if docker_hub.is_docker_hub(server) else server
    stored = auths(sh).get(server) if not username and not password else None
    if stored:  # docker/cli login.go: with no credentials given, it first tries the stored ones (az acr login's)
        io.out("Authenticating with existing credentials...")
        username, password = stored.get("username"), stored.get("password")
    if not username or not password:
        io.err("Error: Cannot perform an interactive login from a non TTY device")
        return 1
    if server == "docker.io":  # the lab's Docker Hub accounts (shell/docker_hub_client.py)
        return docker_hub_client.login(sh, username, password, io)
    reg = _registry(sh, server)
    if reg is None:
        if server in catalog.PUBLIC_REGISTRIES:
            auths(sh)[server] = {"username": username, "password": password}
            io.out("Login Succeeded")
            return 0
        io.err(f'Error response from daemon: Get "https://{server}/v2/": dial tcp: lookup {server}: no such host')
        return 1
    from ...engine.dataplane import authenticate, check_network

    try:
        check_network(sh.cloud, reg, origin_of(sh))
        authenticate(sh.cloud, reg, username, password)
    except RegistryError as e:
        if e.status == 403:
            io.err("Error response from daemon: login attempt to https://"
                   f"{server}/v2/ failed with status: 403 Forbidden")
        else:
            io.err(f'Error response from daemon: Get "https://{server}/v2/": unauthorized: {e.message}')
        return 1
    auths(sh)[server] = {"username": username, "password": password}
    io.out("Login Succeeded")
    return 0


@sub("logout")
def logout(sh: Session, argv: list[str], io: IO) -> int:
    server = (argv[0] if argv else "docker.io").lower()
    server = "docker.io" if docker_hub.is_docker_hub(server) else server
    if auths(sh).pop(server, None) is None:
        io.out(f"Not logged in to {server}")
    else:
        io.out(f"Removing login credentials for {server}")
    return 0


def _pull_error(io: IO, ref: str, server: str, repo: str, tag: str, e: RegistryError) -> int:
    if e.status == 401:
        kind = "manifests"
        io.err(f'Error response from daemon: Head "https://{server}/v2/{repo}/{kind}/{tag}": unauthorized: '
               f"{e.message}")
    elif e.status == 403 and e.code == "DENIED":
        io.err(f"Error response from daemon: pull access denied for {server}/{repo}, repository does not exist or may "
               f"require 'docker login': denied: {e.message}")
    elif e.status == 403:
        io.err(f'Error response from daemon: Head "https://{server}/v2/{repo}/manifests/{tag}": denied: {e.message}')
    elif e.code == "TOOMANYREQUESTS":
        io.err(f"Error response from daemon: toomanyrequests: {e.message}")
    elif e.code == "NAME_UNKNOWN":
        io.err(f"Error response from daemon: pull access denied for {server}/{repo}, repository does not exist or may "
               "require 'docker login': denied: requested access to the resource is denied")
    else:
        io.err(f"Error response from daemon: manifest for {ref} not found: manifest unknown: {e.message}")
    return 1


def pull_ref(sh: Session, ref: str, io: IO, quiet: bool = False) -> LocalImage | None:
    server, repo, tag = split_registry(ref)
    if server is not None:
        reg = _registry(sh, server)
        if reg is None:
            io.err(f'Error response from daemon: Get "https://{server}/v2/": dial tcp: lookup {server}: no such host')
            return None
        try:
            m = pull_image(sh.cloud, reg, credential_for(sh, reg, server), repo, tag, origin_of(sh))
        except RegistryError as e:
            _pull_error(io, ref, server, repo, tag, e)
            return None
        content = oci.platform_image(m.content)  # an index: this host's platform image
        digest = m.digest
        repo_name = f"{server}/{repo}"
    else:
        registry, prepo, ptag = catalog.normalize_reference(ref)
        own = docker_hub_client.serves(sh, ref)  # a repository of a lab Docker Hub account
        content = docker_hub_client.pull(sh, ref, io) if own else \
            catalog.find_public(ref, sh.cloud.state.get("catalog_overrides"))
        if content is None:
            if not own:
                io.err(f"Error response from daemon: {catalog.missing_message(ref)}")
            return None
        index = None if own else catalog.find_public_index(ref)  # a multi-arch tag: the index digest names it
        digest = index.digest if index is not None and (ptag == index.digest or not ptag.startswith("sha256:")) \
            else content.digest
        repo_name = ref.split("@")[0].rsplit(":", 1)[0] if (":" in ref.rsplit("/", 1)[-1] or "@" in ref) else ref
        tag = ptag
        sh.cloud.emit("public_pull", reference=f"{registry}/{prepo}:{ptag}", origin=origin_of(sh))
    store = images(sh)
    img, is_new = store.add(content, sh.cloud.clock.now())
    by_digest = tag.startswith("sha256:")
    name = f"{repo_name}@{digest}" if by_digest else f"{repo_name}:{tag}"
    dref = f"{repo_name}@{digest}"
    # moby distribution/pull_v2.go pullTag: "Downloaded newer image" when the reference moved (a new tag or digest
    # reference), "Image is up to date" when it already named this image.
    updated = (dref not in img.repo_digests) if by_digest else (name not in img.repo_tags)
    if not by_digest:
        store.tag(img, name)
    store.add_digest(img, dref)
    if server:
        full = name
    else:
        registry, prepo, _ = catalog.normalize_reference(ref)
        full = f"{registry}/{prepo}" + (f"@{digest}" if by_digest else f":{tag}")
    if not quiet:
        # "<tag>: Pulling from <path>" (a digest pull names the full reference); layer lines only when the image
        # config is new to this host (a layer another local image has prints "Already exists"); Digest; Status.
        io.out(f"{full if by_digest else tag}: Pulling from {repo if server else catalog.normalize_reference(ref)[1]}")
        if is_new and content.layers:
            io.out("\n".join(f"{x.digest[7:19]}: "
                              f"{'Already exists' if store.layer_shared(x.digest, img) else 'Pull complete'}"
                              for x in content.layers))
        io.out(f"Digest: {digest}")
        io.out(f"Status: {'Downloaded newer image' if updated else 'Image is up to date'} for {name}")
    io.out(full)  # docker/cli image/pull.go prints the full reference, with --quiet too
    return img


@sub("pull")
def pull(sh: Session, argv: list[str], io: IO) -> int:
    refs = [a for a in argv if not a.startswith("-")]
    if len(refs) != 1:
        io.err('"docker pull" requires exactly 1 argument.\nSee \'docker pull --help\'.\n\n'
               "Usage:  docker pull [OPTIONS] NAME[:TAG|@DIGEST]\n\nDownload an image from a registry")
        return 1
    quiet = "-q" in argv or "--quiet" in argv
    bad = reference_error(refs[0])
    if bad:
        io.err(bad)
        return 1
    if name_only(refs[0]) and not quiet:
        io.out("Using default tag: latest")  # docker/cli image/pull.go
    return 0 if pull_ref(sh, refs[0], io, quiet=quiet) else 1



@sub("tag")
def tag(sh: Session, argv: list[str], io: IO) -> int:
    if len(argv) != 2:
        io.err('"docker tag" requires exactly 2 arguments.\nSee \'docker tag --help\'.\n\n'
               "Usage:  docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\n"
               "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE")
        return 1
    # docker client ImageTag (v27): parse the target before asking the daemon about the source
    bad = reference_error(argv[1])
    if bad:
        io.err(f'Error parsing reference: "{argv[1]}" is not a valid repository/tag: {bad}')
        return 1
    if "@" in argv[1]:
        io.err("refusing to create a tag with a digest reference")
        return 1
    src = find_local(sh, argv[0])
    if src is None:
        io.err(f"Error response from daemon: No such image: {normalize_local(argv[0])}")
        return 1
    images(sh).tag(src, normalize_local(argv[1]))
    return 0


@sub("push")
def push(sh: Session, argv: list[str], io: IO) -> int:
    refs = [a for a in argv if not a.startswith("-")]
    if len(refs) != 1:
        io.err('"docker push" requires exactly 1 argument.\nSee \'docker push --help\'.\n\n'
               "Usage:  docker push [OPTIONS] NAME[:TAG]\n\nUpload an image to a registry")
        return 1
    ref = refs[0]
    all_tags = "--all-tags" in argv or "-a" in argv
    quiet = "-q" in argv or "--quiet" in argv
    bad = reference_error(ref)  # docker/cli image/push.go
    if bad:
        io.err(bad)
        return 1
    if all_tags and not name_only(ref):
        io.err("tag can't be used with --all-tags/-a")
        return 1
    if not all_tags and name_only(ref) and not quiet:
        io.out("Using default tag: latest")
    server, repo, t = split_registry(ref)
    if server is None and catalog.normalize_reference(ref)[0] == "docker.io" and \
            docker_hub.split(catalog.normalize_reference(ref)[1]):
        return docker_hub_client.push(sh, ref, all_tags, quiet, io)
    if server is None:
        io.err(f"The push refers to repository [docker.io/{catalog.normalize_reference(ref)[1]}]")
        io.err("denied: requested access to the resource is denied")
        return 1
    reg = _registry(sh, server)
    if reg is None:
        io.err(f"The push refers to repository [{server}/{repo}]")
        io.err(f'Get "https://{server}/v2/": dial tcp: lookup {server}: no such host')
        return 1
    prefix = f"{server}/{repo}:"
    if all_tags:
        names = images(sh).names_with_prefix(prefix)
    else:
        names = [normalize_local(ref)]
    first = find_local(sh, names[0]) if names else None
    if first is None:
        io.err(f"An image does not exist locally with the tag: {server}/{repo}")
        return 1
    out = (lambda text: None) if quiet else io.out  # --quiet discards the progress stream
    out(f"The push refers to repository [{server}/{repo}]")
    for name in names:
        img = first if name is names[0] else find_local(sh, name)
        tag_ = name.rsplit(":", 1)[1]
        layers = list(reversed(img.content.layers))
        held = reg.store.blob_refs  # (ArtifactStore.has_blob, for every layer)
        present = {x.digest for x in layers if x.digest in held}
        try:
            manifest, new_layers = push_image(sh.cloud, reg, credential_for(sh, reg, server), repo, tag_, img.content,
                                              origin_of(sh))
        except RegistryError as e:
            if e.status in (401, 403) or e.code == "TOOMANYREQUESTS":  # refused before any blob moved
                if layers:
                    out("\n".join(f"{x.digest[7:19]}: Preparing" for x in layers))
            elif layers:  # blobs went up; the manifest PUT was refused (a lock, for example)
                out("\n".join(f"{x.digest[7:19]}: {'Layer already exists' if x.digest in present else 'Pushed'}"
                               for x in layers))
            io.err(push_error_text(e))
            return 1
        out("".join([f"{layer.digest[7:19]}: {'Pushed' if layer.digest in new_layers else 'Layer already exists'}\n"
                     for layer in layers])  # one write: this runs on every CI push
            + f"{tag_}: digest: {manifest.digest} size: {manifest.manifest_size}")
        images(sh).add_digest(img, f"{server}/{repo}@{manifest.digest}")
    if quiet:
        io.out(ref if all_tags else normalize_local(ref))  # docker/cli image/push.go: ref.String()
    return 0


def human_size(n: int) -> str:
    """go-units HumanSizeWithPrecision(size, 3): decimal units, three significant digits (188MB, 7.8MB, 13.3kB)."""
    size, unit = float(n), 0
    units = ("B", "kB", "MB", "GB", "TB", "PB")
    while size >= 1000 and unit < len(units) - 1:
        size /= 1000
        unit += 1
    return f"{size:.3g}{units[unit]}"


def ago(sh: Session, when) -> str:
    if when is None:
        return "N/A"
    return human_duration((sh.cloud.clock.now() - when).total_seconds()) + " ago"


@sub("images")
def images_cmd(sh: Session, argv: list[str], io: IO) -> int:
    quiet = "-q" in argv or "--quiet" in argv
    digests = "--digests" in argv
    rows = []
    for img in images(sh).values():
        names = img.repo_tags or ["<none>:<none>"]
        for n in names:
            repo, _, t = n.rpartition(":")
            d = next((x.split("@", 1)[1] for x in img.repo_digests if x.startswith(repo + "@")), "<none>")
            rows.append((repo, t, d, img.image_id[7:19], ago(sh, img.created), human_size(int(img.content.size * 2.6))))
    rows.sort(key=lambda r: (r[0], r[1]))
    if quiet:
        for r in dict.fromkeys(r[3] for r in rows):
            io.out(r)
        return 0
    header = ["REPOSITORY", "TAG"] + (["DIGEST"] if digests else []) + ["IMAGE ID", "CREATED", "SIZE"]
    table = [list(r[:2]) + ([r[2]] if digests else []) + list(r[3:]) for r in rows]
    io.out("\n".join(tabwriter([header, *table])))  # docker/cli formatter: tabwriter(minwidth 10, padding 3)
    return 0


def _register() -> None:
    from .. import docker_build, docker_inspect

    SUBCOMMANDS.update({
        "build": docker_build.build, "run": docker_build.run, "history": docker_build.history,
        "inspect": docker_inspect.inspect, "manifest": docker_inspect.manifest, "rmi": docker_inspect.rmi,
        "image-inspect": lambda sh, argv, io: docker_inspect.inspect(sh, argv, io, kind="image"),
        "image-prune": docker_inspect.prune,
    })


_register()
PROGRAMS = {"docker": docker}
