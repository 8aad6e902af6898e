"""az commands that live in extensions, not in azure-cli's core. The lab bundles one, acrtransfer (acr
export-pipeline, import-pipeline, pipeline-run: commands/acrtransfer.py), which `az extension add --name acrtransfer`
or a dynamic install puts on the host offline; acrcssc (acr supply-chain: commands/supply_chain.py) and
artifact-signing likewise; the other (acrquery: acr query) downloads
from the internet, so its commands answer as az's dynamic install starts, then say why it stops.

Sources: the upstream command list (acrlab/coverage_data/az_acr_commands.json, source 'Extension'); the extensions'
command tables in Azure/azure-cli-extensions (src/acrtransfer commands.py, azext_metadata.json: azext.isPreview);
azure-cli-core's extension/dynamic_install.py: with `extension.use_dynamic_install` unset, a terminal without a tty
installs without prompting ("The command requires the extension <name>. It will be installed first.") and, with
`extension.run_after_dynamic_install` unset (true), runs the command; `no` leaves the usual "misspelled" error;
extension/operations.py add_extension warns "The installed extension '<name>' is in preview."."""

from __future__ import annotations

EXTENSION_COMMANDS: dict[str, str] = {
    "acr export-pipeline": "acrtransfer",
    "acr import-pipeline": "acrtransfer",
    "acr pipeline-run": "acrtransfer",
    "acr query": "acrquery",
    "acr supply-chain": "acrcssc",
    "artifact-signing": "artifact-signing",
}
"""Command-path prefix -> the extension that provides the commands under it."""

BUNDLED: dict[str, dict] = {
    "acrcssc": {"version": "1.1.0", "preview": True, "experimental": False},
    "acrtransfer": {"version": "2.0.0b1", "preview": True, "experimental": False},
    "artifact-signing": {"version": "1.0.0", "preview": False, "experimental": False},
}
"""Extensions the lab carries (offline). artifact-signing 1.0.0: azure-cli-extensions src/artifact-signing setup.py
(commands/artifact_signing.py). acrcssc 1.1.0: src/acrcssc setup.py (commands/supply_chain.py). acrtransfer's version is the lab's label for the build whose create
commands take --storage-access-mode (the stored HISTORY.rst stops at 1.1.1b1, which announces that parameter)."""
EXTENSIONS_DIR = "/home/learner/.azure/cliextensions"
PREVIEW_WARNINGS = ("Preview version of extension is disabled by default for extension installation, enabled for "
                    "modules without stable versions. ",
                    "Please run 'az config set extension.dynamic_install_allow_preview=true or false' to config it "
                    "specifically. ")


def extension_for(words: list[str]) -> str | None:
    """The extension whose commands `words` (the command path typed) belong to, if any."""
    for n in range(len(words), 0, -1):
        ext = EXTENSION_COMMANDS.get(" ".join(words[:n]))
        if ext is not None:
            return ext
    return None


def installed(sh) -> dict[str, dict]:
    """The extensions installed on the current host: name -> its `az extension show` document."""
    return sh.state.setdefault("az_extensions", {}).setdefault(sh.host.name, {})


def _config(sh, key: str) -> str:
    return str(sh.state.get("az_config", {}).get("extension", {}).get(key, "")).lower()


def install(sh, name: str) -> dict:
    meta = BUNDLED[name]
    doc = {"experimental": meta["experimental"], "extensionType": "whl", "name": name,
           "path": f"{EXTENSIONS_DIR}/{name}", "preview": meta["preview"], "version": meta["version"]}
    installed(sh)[name] = doc
    return doc


def install_warnings(name: str) -> list[str]:
    return [f"The installed extension '{name}' is in preview."] if BUNDLED[name]["preview"] else []


def ensure_installed(sh, ext: str, io) -> bool:
    """Before a command of bundled extension `ext` runs: True when it is installed, or was just installed by a
    dynamic install (whose warnings are printed); False when dynamic install is off (az then reports the command
    as unknown)."""
    if ext in installed(sh):
        return True
    if _config(sh, "use_dynamic_install") == "no":
        return False
    warnings = [] if _config(sh, "dynamic_install_allow_preview") else list(PREVIEW_WARNINGS)
    warnings.append(f"The command requires the extension {ext}. It will be installed first.")
    install(sh, ext)
    for w in warnings + install_warnings(ext):
        io.err(f"WARNING: {w}")
    return True


def dynamic_install(sh, ext: str) -> tuple[list[str], str] | None:
    """(warnings, error) az prints for a command of an extension the lab does not carry; None when the learner
    turned dynamic install off (`az config set extension.use_dynamic_install=no`): az then reports the command
    as unknown."""
    if _config(sh, "use_dynamic_install") == "no":
        return None
    warnings = [f"The command requires the extension {ext}. It will be installed first."]
    error = (f"The extension {ext} cannot be installed in the acrlab lab: extensions download from the internet "
             f"(az extension add --name {ext}). The lab's az has only azure-cli's core commands and the bundled "
             f"extension{'s' if len(BUNDLED) > 1 else ''} {', '.join(sorted(BUNDLED))}.")
    return warnings, error
