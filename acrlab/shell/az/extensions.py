"""az commands that live in extensions, not in azure-cli's core: the lab has none installed and cannot install any
(they download from the internet), so such a command answers as az's dynamic install starts, then says why it
stops. Sources: the upstream command list (acrlab/coverage_data/az_acr_commands.json, source 'Extension') and the
extensions' own command tables in Azure/azure-cli-extensions: src/acrtransfer (acr export-pipeline, import-pipeline,
pipeline-run; docs container-registry-transfer-cli.md: `az extension add --name acrtransfer`), src/acrquery (acr
query), src/acrcssc (acr supply-chain). The flow is azure-cli-core's extension/dynamic_install.py: with
`extension.use_dynamic_install` unset, a terminal without a tty installs without prompting ("The command requires
the extension <name>. It will be installed first."); `no` leaves the usual "misspelled" error."""

from __future__ import annotations

EXTENSION_COMMANDS: dict[str, str] = {
    "acr export-pipeline": "acrtransfer",
    "acr import-pipeline": "acrtransfer",
    "acr pipeline-run": "acrtransfer",
    "acr query": "acrquery",
    "acr supply-chain": "acrcssc",
}
"""Command-path prefix -> the extension that provides the commands under it."""


def extension_for(words: list[str]) -> str | None:
    """The extension whose commands `words` (the command path typed) belong to, if any."""
    for n in range(len(words), 0, -1):
        ext = EXTENSION_COMMANDS.get(" ".join(words[:n]))
        if ext is not None:
            return ext
    return None


def dynamic_install(sh, ext: str) -> tuple[list[str], str] | None:
    """(warnings, error) az prints for a command of extension `ext` in the lab; None when the learner turned dynamic
    install off (`az config set extension.use_dynamic_install=no`): az then reports the command as unknown."""
    setting = str(sh.state.get("az_config", {}).get("extension", {}).get("use_dynamic_install", "")).lower()
    if setting == "no":
        return None
    warnings = [f"The command requires the extension {ext}. It will be installed first."]
    error = (f"The extension {ext} cannot be installed in the acrlab lab: extensions download from the internet "
             f"(az extension add --name {ext}). The lab's az has only azure-cli's core commands.")
    return warnings, error
