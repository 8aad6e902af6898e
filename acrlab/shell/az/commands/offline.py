"""Real az commands that need the internet or a local install (az find, interactive, upgrade, feedback, self-test,
extension add of an extension the lab does not bundle): the lab declares them with az's own summaries so a learner
gets a clear 'not available in the lab' error rather than "misspelled". `az extension add|list|show|remove` manage
the extensions the lab bundles (../extensions.py: acrtransfer), installed per host."""

from __future__ import annotations

from ....engine.errors import CliError
from .. import extensions as ext
from ..framework import Arg, command, group
from ..version import AZ_CLI_VERSION, version_json

group("extension", "Manage and update CLI extensions.")


def _unavailable(what: str, why: str, instead: str) -> CliError:
    return CliError(f"'az {what}' is not available in the acrlab lab: {why}. {instead}")


@command("find", "I'm an AI robot, my advice is based on our Azure documentation as well as the usage patterns of "
         "Azure CLI and Azure ARM users. Using me improves Azure products and documentation.", [
             Arg("cli_term", "cli_term", "An Azure CLI command or group for which you need an example.",
                 kind="positional"),
         ], examples=[("Give me any Azure CLI group and I'll show the most popular commands within the group.",
                       'az find "az storage"')])
def find(ctx, a):
    raise _unavailable("find", "it asks Microsoft's online AI knowledge base", "Use "
                       f"'az {(a.cli_term or '').removeprefix('az ').strip() or '<group>'} --help': every command's "
                       "help ends with examples")


@command("interactive", "Start interactive mode. Installs the Interactive extension if not installed already.", [
    Arg("style", "--style -s", "The colors of the shell.",
        choices=["bg", "br", "contrast", "default", "grey", "halloween", "neon", "none", "pastel", "primary",
                 "purple", "quiet"]),
    Arg("update", "--update", "Update the Interactive extension to the latest available.", kind="flag"),
])
def interactive(ctx, a):
    raise _unavailable("interactive", "it installs an extension from the internet",
                       "This terminal already runs az commands directly; use 'az <group> --help' to explore")


@command("upgrade", "Upgrade Azure CLI and extensions.", [
    Arg("all", "--all", "Enable updating extensions as well.", kind="bool", default=True),
    Arg("yes", "--yes -y", "Do not prompt for checking release notes.", kind="flag"),
])
def upgrade(ctx, a):
    raise _unavailable("upgrade", f"the lab's az is simulated and fixed at {AZ_CLI_VERSION} (see 'az --version')",
                       "Nothing needs upgrading")


@command("feedback", "Send feedback to the Azure CLI Team.")
def feedback(ctx, a):
    raise _unavailable("feedback", "it opens a browser on GitHub", "Use 'lab' commands to report a lab problem")


@command("self-test", "Runs a self-test of the CLI.")
def self_test(ctx, a):
    raise _unavailable("self-test", "it checks a local Azure CLI installation", "Nothing is installed here")


@command("extension add", "Add an extension.", [
    Arg("name", "--name -n", "Name of extension."),
    Arg("source", "--source -s", "Filepath or URL to an extension."),
    Arg("version", "--version", "The specific version of an extension."),
    Arg("upgrade", "--upgrade", "Update the extension to the latest version if already installed.", kind="flag"),
    Arg("allow_preview", "--allow-preview", "Include preview versions of extensions.", kind="bool"),
    Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag"),
], examples=[("Add extension by name", "az extension add --name anextension")])
def extension_add(ctx, a):
    if not a.name and not a.source:
        raise CliError("usage error: --name NAME | --source SOURCE")
    if a.source or a.name not in ext.BUNDLED:
        raise _unavailable("extension add", "extensions download from the internet",
                           f"The lab bundles the extension{'s' if len(ext.BUNDLED) > 1 else ''} "
                           f"{', '.join(sorted(ext.BUNDLED))}; its other commands are built in")
    if a.name in ext.installed(ctx.sh) and not a.upgrade:
        # azure-cli-core extension/operations.py add_extension: an installed extension is only reported
        ctx.warn(f"Extension '{a.name}' is already installed.")
        return None
    ext.install(ctx.sh, a.name)
    for w in ext.install_warnings(a.name):
        ctx.warn(w)
    return None


def _installed(ctx, a) -> dict:
    # azure.cli.core.extension ExtensionNotInstalledException
    if not a.name:
        raise CliError("usage error: --name NAME")
    found = ext.installed(ctx.sh).get(a.name)
    if found is None:
        raise CliError(f"The extension {a.name} is not installed.")
    return found


@command("extension remove", "Remove an extension.", [Arg("name", "--name -n", "Name of extension.")])
def extension_remove(ctx, a):
    _installed(ctx, a)
    ext.installed(ctx.sh).pop(a.name)


@command("extension show", "Show an extension.", [Arg("name", "--name -n", "Name of extension.")])
def extension_show(ctx, a):
    return _installed(ctx, a)


@command("extension list", "List the installed extensions.")
def extension_list(ctx, a):
    return [doc for _, doc in sorted(ext.installed(ctx.sh).items())]


@command("version", "Show the versions of Azure CLI modules and extensions in JSON format by default or format "
         "configured by --output.")
def version(ctx, a):
    out = version_json()
    out["extensions"] = {name: doc["version"] for name, doc in sorted(ext.installed(ctx.sh).items())}
    return out
