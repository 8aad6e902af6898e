"""Real az commands that need the internet or a local install (az find, interactive, upgrade, feedback, self-test,
extension add): the lab declares them with az's own summaries so a learner gets a clear 'not available in the lab'
error rather than "misspelled". `az extension list` answers honestly: the lab has no extensions installed."""

from __future__ import annotations

from ....engine.errors import CliError
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
    Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag"),
])
def extension_add(ctx, a):
    if not a.name and not a.source:
        raise CliError("usage error: --name NAME | --source SOURCE")
    raise _unavailable("extension add", "extensions download from the internet",
                       "The lab's commands are built in")


def _not_installed(ctx, a):
    # azure.cli.core.extension ExtensionNotInstalledException: none are installed here
    if not a.name:
        raise CliError("usage error: --name NAME")
    raise CliError(f"The extension {a.name} is not installed.")


@command("extension remove", "Remove an extension.", [Arg("name", "--name -n", "Name of extension.")])
def extension_remove(ctx, a):
    _not_installed(ctx, a)


@command("extension show", "Show an extension.", [Arg("name", "--name -n", "Name of extension.")])
def extension_show(ctx, a):
    _not_installed(ctx, a)


@command("extension list", "List the installed extensions.")
def extension_list(ctx, a):
    return []  # `az --version` reports "extensions": {} — none are installed


@command("version", "Show the versions of Azure CLI modules and extensions in JSON format by default or format "
         "configured by --output.")
def version(ctx, a):
    return version_json()
