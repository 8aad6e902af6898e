"""`notation plugin install|ls|uninstall` for the two signing plugins the docs install: azure-kv
(Azure/notation-azure-kv, container-registry-tutorial-sign-build-push.md step 2) and azure-artifactsigning
(Azure/artifact-signing-notation-plugin, container-registry-tutorial-sign-verify-notation-artifact-signing.md:
its release URL and checksum; name, description and capability from the plugin's Constants/PluginConstants.cs).
A plugin is installed as notation installs it: its executable under ~/.config/notation/plugins/<name>/, after the
download's SHA-256 matched `--sha256sum` (notaryproject/notation cmd/notation/plugin/install.go texts)."""

from __future__ import annotations

import posixpath

from ...engine.signing import NotationError
from ..session import IO, Session

_KV = "https://github.com/Azure/notation-azure-kv/releases/download/v1.2.1/"
_AS = "https://github.com/Azure/artifact-signing-notation-plugin/releases/download/v1.0.0/"
PLUGINS: dict[str, dict[str, str]] = {
    "azure-kv": {"description": "Notation Azure Key Vault plugin", "version": "1.2.1",
                 "url": _KV + "notation-azure-kv_1.2.1_linux_amd64.tar.gz",
                 "sha256": "67c5ccaaf28dd44d2b6572684d84e344a02c2258af1d65ead3910b3156d3eaf5"},
    "azure-artifactsigning": {"description": "Sign OCI artifacts using the Artifact Signing Service",
                              "version": "1.0.0",
                              "url": _AS + "notation-azure-artifactsigning_1.0.0_linux_amd64.tar.gz",
                              "sha256": "2f45891a14aa9c88c9bee3d11a887c1adbe9d2d24e50de4bc4b4fa3fe595292f"},
}
CONFIG = "~/.config/notation"


class Usage(Exception):
    pass


def executable(sh: Session, name: str) -> str:
    return sh.abspath(posixpath.join(CONFIG, "plugins", name, f"notation-{name}"))


def installed(sh: Session, name: str) -> bool:
    return name in PLUGINS and sh.read_file(executable(sh, name)) is not None


def table(rows: list[list[str]]) -> str:
    """Rows as Go's tabwriter pads them (padding 3; the last column is not padded)."""
    width = [max(len(r[i]) for r in rows) + 3 for i in range(len(rows[0]))]
    return "\n".join("".join(c.ljust(width[i]) for i, c in enumerate(r)).rstrip() for r in rows)


def plugin(sh: Session, argv: list[str], io: IO, flags: dict[str, list[str]], pos: list[str]) -> int:
    verb = argv[0] if argv else ""
    if verb in ("ls", "list"):
        rows = [["NAME", "DESCRIPTION", "VERSION", "CAPABILITIES", "ERROR"]]
        for name, p in sorted(PLUGINS.items()):
            if installed(sh, name):
                rows.append([name, p["description"], p["version"], "[SIGNATURE_GENERATOR.RAW]", "<nil>"])
        io.out(table(rows))
        return 0
    if verb == "install":
        url, digest = flags.get("--url", [""])[-1], flags.get("--sha256sum", [""])[-1]
        if not url:
            raise Usage("installing from a file needs a plugin archive on disk; use --url <plugin release URL> "
                        "--sha256sum <checksum>")
        name = next((n for n, p in PLUGINS.items() if p["url"] == url), None)
        if name is None:
            raise NotationError(f"failed to download plugin from URL {url} with error: the lab's network reaches only "
                                "the Linux releases of notation-azure-kv v1.2.1 and azure-artifactsigning v1.0.0 "
                                "that the docs install")
        p = PLUGINS[name]
        io.out(f"Downloading plugin from {url}")
        if digest.lower() != p["sha256"]:
            raise NotationError(f"plugin installation failed: plugin checksum does not match user input. "
                                f"Expecting {digest.lower()}")
        if installed(sh, name) and "--force" not in flags:
            raise NotationError(f"plugin installation failed: plugin {name} with version {p['version']} already "
                                "exists")
        sh.write_file(executable(sh, name), f"#!notation-{name} {p['version']}\n")
        io.out(f"Successfully installed plugin {name}, version {p['version']}")
        return 0
    if verb in ("uninstall", "remove", "rm"):
        name = pos[0] if pos else ""
        if not installed(sh, name):
            raise NotationError(f"unable to find plugin {name}.\nTo view a list of installed plugins, use "
                                "`notation plugin list`")
        sh.host.files.pop(executable(sh, name), None)
        io.out(f"Successfully uninstalled plugin {name}")
        return 0
    raise Usage(f'unknown command "{verb}" for "notation plugin"')
