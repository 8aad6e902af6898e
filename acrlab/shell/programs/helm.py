"""`helm` (Helm 3) with OCI registries: create, package, registry login|logout, push, pull, show, search repo, repo;
install, upgrade, template, history, list, get, status, uninstall are in helm_release.py.

A chart in a registry is an OCI artifact (engine/artifact_files.py): config `application/vnd.cncf.helm.config.v1+json`
(the chart's metadata), one layer `application/vnd.cncf.helm.chart.content.v1.tar+gzip` (the archive), tag = chart
version, repository = `<oci path>/<chart name>`, annotations from Chart.yaml (helm/helm pkg/registry/client.go Push,
chart.go generateChartOCIAnnotations). Credentials: the docker store `az acr login` writes (Helm reads it) and
`helm registry login`. Texts: helm/helm pkg/cmd/*.go, pkg/registry/client.go; MicrosoftDocs/azure-management-docs
articles/container-registry/container-registry-helm-repos.md.
"""

from __future__ import annotations

import json
import posixpath

from ...engine import artifact_files as af
from ...engine.errors import RegistryError
from .. import helm_charts as charts
from ..docker_state import auths, credential_for, origin_of
from ..oci_client import ClientError, last, login, parse_flags, registry_for, registry_text
from ..session import IO, Session

PROGRAMS: dict = {}
VERSION = 'version.BuildInfo{Version:"v3.20.2", GitCommit:"", GitTreeState:"", GoVersion:"go1.25.4"}'
CONFIG_MEDIA_TYPE = "application/vnd.cncf.helm.config.v1+json"
CHART_MEDIA_TYPE = "application/vnd.cncf.helm.chart.content.v1.tar+gzip"
COMMON = {"--namespace", "--kube-context", "--kubeconfig", "--registry-config", "--repository-config",
          "--repository-cache", "--burst-limit", "--qps"}
COMMON_BOOL = {"--debug", "--help"}
SHORT = {"-n": "--namespace", "-u": "--username", "-p": "--password", "-d": "--destination", "-h": "--help",
         "-o": "--output"}
HELP = ("The Kubernetes package manager\n\nUsage:\n  helm [command]\n\nAvailable Commands:\n  create      create a new "
        "chart with the given name\n  get         download extended information of a named release\n  install     "
        "install a chart\n  list        list releases\n  package     package a chart directory into a chart archive\n"
        "  pull        download a chart from a repository and (optionally) unpack it in local directory\n  push        "
        "push a chart to remote\n  registry    login to or logout from a registry\n  repo        add, list, remove, "
        "update, and index chart repositories\n  search      search for a keyword in charts\n  show        show "
        "information of a chart\n  status      display the status of the named release\n  uninstall   uninstall a "
        "release\n  template    locally render templates\n  upgrade     upgrade a release\n  history     fetch release "
        "history\n  version     print the client version information\n")


def flags(argv, valued=(), booleans=()):
    return parse_flags(argv, COMMON | set(valued), COMMON_BOOL | set(booleans), SHORT)


def helm(sh: Session, argv: list[str], io: IO) -> int:
    if not argv or argv[0] in ("-h", "--help", "help"):
        io.out(HELP)
        return 0
    from . import helm_release

    fn = COMMANDS.get(argv[0]) or helm_release.COMMANDS.get(argv[0])
    if fn is None:
        io.err(f'Error: unknown command "{argv[0]}" for "helm"\nRun \'helm --help\' for usage.')
        return 1
    try:
        return fn(sh, argv[1:], io)
    except ClientError as e:
        io.err(f"Error: {e}")
    except RegistryError as e:
        io.err(f"Error: {registry_text(e)}")
    return 1


def version(sh: Session, argv: list[str], io: IO) -> int:
    flags(argv, {"--template"}, {"--short"})
    io.out("v3.20.2" if "--short" in argv else VERSION)
    return 0


def create(sh: Session, argv: list[str], io: IO) -> int:
    _, pos = flags(argv, {"--starter"})
    if len(pos) != 1:
        raise ClientError("the following arguments are required: name" if not pos else
                          f"accepts 1 arg(s), received {len(pos)}")
    name = posixpath.basename(pos[0].rstrip("/"))
    if not charts.NAME.match(name):
        raise ClientError('chart name must match the regular expression "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"')
    if sh.read_file(pos[0]) is not None:
        raise ClientError(f"file {sh.abspath(pos[0])} already exists and is not a directory")
    io.out(f"Creating {pos[0]}")
    base = posixpath.dirname(pos[0].rstrip("/"))
    for path, text in charts.scaffold(name).items():
        sh.write_file(posixpath.join(base, path) if base else path, text)
    return 0


def package(sh: Session, argv: list[str], io: IO) -> int:
    f, pos = flags(argv, {"--destination", "--version", "--app-version", "--key", "--keyring"},
                   {"--sign", "--dependency-update"})
    if not pos:
        raise ClientError('need at least one argument, the path to the chart')
    for path in pos:
        meta, files = charts.load_dir(sh, path)
        if "--version" in f:
            meta["version"] = last(f, "--version")
        if "--app-version" in f:
            meta["appVersion"] = last(f, "--app-version")
        target = posixpath.join(last(f, "--destination", "."), f"{meta['name']}-{meta['version']}.tgz")
        sh.write_file(target, charts.pack(meta, files))
        io.out(f"Successfully packaged chart and saved it to: {sh.abspath(target)}")
    return 0


def registry(sh: Session, argv: list[str], io: IO) -> int:
    verb = argv[0] if argv else ""
    f, pos = flags(argv[1:], {"--username", "--password", "--cert-file", "--key-file", "--ca-file"},
                   {"--password-stdin", "--insecure", "--plain-http"})
    if verb == "login":
        if len(pos) != 1:
            raise ClientError('"helm registry login" requires 1 argument\n\nUsage:  helm registry login [host] '
                              "[flags]")
        user, password = last(f, "--username"), last(f, "--password")
        if "--password-stdin" in f:
            password = io.stdin.strip()
        if not user or not password:
            raise ClientError("username and password are required when the terminal is not interactive")
        login(sh, pos[0], user, password)
        io.out("Login Succeeded")
        return 0
    if verb == "logout":
        if len(pos) != 1 or auths(sh).pop(pos[0].lower(), None) is None:
            raise ClientError("not logged in")
        io.out(f"Removing login credentials for {pos[0]}")
        return 0
    raise ClientError(f'unknown command "{verb}" for "helm registry"')


def oci_ref(sh: Session, ref: str):
    """'oci://host/path' -> (registry, path)."""
    if not ref.startswith("oci://"):
        raise ClientError(f'scheme prefix missing from remote (e.g. "oci://"): {ref}')
    rest = ref[len("oci://"):].rstrip("/")
    host, _, path = rest.partition("/")
    return registry_for(sh, host.lower(), f'failed to do request: Head "https://{host}/v2/"'), path


def push(sh: Session, argv: list[str], io: IO) -> int:
    f, pos = flags(argv, {"--cert-file", "--key-file", "--ca-file", "--username", "--password"},
                   {"--insecure-skip-tls-verify", "--plain-http"})
    if len(pos) != 2:
        raise ClientError('"helm push" requires 2 arguments\n\nUsage:  helm push [chart] [remote] [flags]')
    text = sh.read_file(pos[0])
    if text is None:
        raise ClientError(f"stat {pos[0]}: no such file or directory")
    meta, _ = charts.unpack(text, pos[0])
    reg, path = oci_ref(sh, pos[1])
    repo = f"{path}/{meta['name']}" if path else meta["name"]
    tag = meta["version"].replace("+", "_")
    notes = {k: v for k, v in (("org.opencontainers.image.description", meta.get("description")),
                               ("org.opencontainers.image.title", meta["name"]),
                               ("org.opencontainers.image.version", meta["version"]),
                               ("org.opencontainers.image.url", meta.get("home"))) if v}
    config = json.dumps({k: meta[k] for k in ("name", "version", "description", "apiVersion", "appVersion", "type")
                         if meta.get(k)}, separators=(",", ":"))
    layer = af.file_blob(f"{meta['name']}-{meta['version']}.tgz", text, CHART_MEDIA_TYPE)
    layer.descriptor = layer.descriptor.model_copy(update={"annotations": {}})
    try:
        m = af.push_artifact(sh.cloud, reg, _cred(sh, f, reg), repo, tag, "", [layer], origin_of(sh),
                             annotations=notes, config=(CONFIG_MEDIA_TYPE, config))
    except RegistryError as e:
        raise ClientError(f'failed to perform "Push" on destination: {registry_text(e, None)}') from None
    io.out(f"Pushed: {reg.login_server}/{repo}:{tag}")
    io.out(f"Digest: {m.digest}")
    return 0


def _cred(sh: Session, f, reg):
    if "--username" in f or "--password" in f:
        from ...engine.dataplane import authenticate
        return authenticate(sh.cloud, reg, last(f, "--username"), last(f, "--password"))
    return credential_for(sh, reg)


def fetch_chart(sh: Session, ref: str, version: str, f, io: IO) -> tuple[dict, dict[str, str], str]:
    """(metadata, files, archive text) of a chart: an oci:// reference pulled through the registry (printing
    'Pulled:'/'Digest:'), a packaged archive or a chart directory on the host."""
    if not ref.startswith("oci://"):
        if "/" in ref and not sh.read_file(ref) and sh.list_dir(ref) is None and not ref.startswith((".", "/")):
            raise ClientError(f"repo {ref.split('/', 1)[0]} not found")
        text = sh.read_file(ref)
        if text is not None:
            meta, files = charts.unpack(text, ref)
            return meta, files, text
        meta, files = charts.load_dir(sh, ref)
        return meta, files, charts.pack(meta, files)
    reg, repo = oci_ref(sh, ref)
    cred = _cred(sh, f, reg)
    try:
        if not version:
            from ...engine.dataplane import require
            require(sh.cloud, reg, cred, "metadata_read", repo, origin_of(sh))
            held = reg.store.repositories.get(repo)
            tags = [t for t in (held.tags if held else {}) if charts.SEMVER.match(t.replace("_", "+"))]
            if not tags:
                raise ClientError(f"Unable to locate any tags in provided repository: {ref}")
            version = max(tags, key=_semver_key)
        tag = version.replace("+", "_")
        m, _ = af.pull_files(sh.cloud, reg, cred, repo, tag, origin_of(sh))
    except RegistryError as e:
        raise ClientError(f'failed to perform "FetchReference" on source: '
                          f'{registry_text(e, f"{reg.login_server}/{repo}:{version}")}') from None
    layers = [x for x in m.content.layers if x.media_type in (CHART_MEDIA_TYPE, "application/tar+gzip")]
    if getattr(m.content, "config_media_type", "") != CONFIG_MEDIA_TYPE or not layers:
        raise ClientError(f"manifest does not contain a layer with mediatype {CHART_MEDIA_TYPE}")
    text = af.blob_text(reg, layers[0].digest)
    io.out(f"Pulled: {reg.login_server}/{repo}:{tag}")
    io.out(f"Digest: {m.digest}")
    meta, files = charts.unpack(text, ref)
    return meta, files, text


def _semver_key(tag: str):
    m = charts.SEMVER.match(tag.replace("_", "+"))
    nums = [int(m.group(i) or 0) for i in (1, 3, 5)] if m else [0, 0, 0]
    return nums, (m.group(6) is None) if m else False


def pull(sh: Session, argv: list[str], io: IO) -> int:
    f, pos = flags(argv, {"--version", "--destination", "--untardir", "--username", "--password", "--repo"},
                   {"--untar", "--devel", "--verify", "--plain-http", "--insecure-skip-tls-verify"})
    if len(pos) != 1:
        raise ClientError('"helm pull" requires at least 1 argument\n\nUsage:  helm pull [chart URL | repo/chartname]'
                          " [...] [flags]")
    meta, files, text = fetch_chart(sh, pos[0], last(f, "--version"), f, io)
    dest = last(f, "--destination", ".")
    if "--untar" in f:
        for rel, content in files.items():
            sh.write_file(posixpath.join(dest, last(f, "--untardir", "."), meta["name"], rel), content)
    else:
        sh.write_file(posixpath.join(dest, f"{meta['name']}-{meta['version']}.tgz"), text)
    return 0


def show(sh: Session, argv: list[str], io: IO) -> int:
    what = argv[0] if argv else ""
    if what not in ("chart", "values", "readme", "all", "crds"):
        raise ClientError(f'unknown command "{what}" for "helm show"' if what else
                          "helm show needs a subcommand: all, chart, crds, readme, values")
    f, pos = flags(argv[1:], {"--version", "--username", "--password", "--repo", "--jsonpath"},
                   {"--devel", "--plain-http"})
    if len(pos) != 1:
        raise ClientError(f'"helm show {what}" requires 1 argument')
    _, files, _ = fetch_chart(sh, pos[0], last(f, "--version"), f, io)
    parts = {"chart": files.get("Chart.yaml", ""), "values": files.get("values.yaml", ""),
             "readme": files.get("README.md", ""), "crds": ""}
    out = parts[what] if what != "all" else "\n---\n".join(p for p in (parts["chart"], parts["values"],
                                                                          parts["readme"]) if p)
    io.out(out.rstrip("\n"))
    return 0


def search(sh: Session, argv: list[str], io: IO) -> int:
    verb = argv[0] if argv else ""
    flags(argv[1:], {"--version", "--output", "--max-col-width"}, {"--regexp", "--devel", "--versions"})
    if verb == "repo":
        raise ClientError("no repositories configured")
    if verb == "hub":
        raise ClientError('failed to query hub: Get "https://hub.helm.sh/api/chartsvc/v1/charts/search": dial tcp: '
                          "lookup hub.helm.sh: no such host (the lab reaches no outside network)")
    raise ClientError(f'unknown command "{verb}" for "helm search"')


def repo(sh: Session, argv: list[str], io: IO) -> int:
    verb = argv[0] if argv else ""
    _, pos = flags(argv[1:], {"--username", "--password", "--output"}, {"--force-update", "--pass-credentials"})
    if verb in ("list", "ls"):
        raise ClientError("no repositories to show")
    if verb in ("remove", "rm"):
        raise ClientError("no repositories configured")
    if verb == "add":
        if len(pos) != 2:
            raise ClientError('"helm repo add" requires 2 arguments')
        host = pos[1].split("://", 1)[-1].split("/", 1)[0]
        raise ClientError(f'looks like "{pos[1]}" is not a valid chart repository or cannot be reached: Get '
                          f'"{pos[1].rstrip("/")}/index.yaml": dial tcp: lookup {host}: no such host')
    if verb == "update":
        raise ClientError("no repositories found. You must add one before updating")
    raise ClientError(f'unknown command "{verb}" for "helm repo"')


COMMANDS = {"version": version, "create": create, "package": package, "registry": registry, "push": push,
            "pull": pull, "fetch": pull, "show": show, "inspect": show, "search": search, "repo": repo}
PROGRAMS["helm"] = helm
