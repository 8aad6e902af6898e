"""az config set|get|unset (azure-cli's config module, src/azure-cli/azure/cli/command_modules/config/custom.py):
`section.name=value` pairs in the learner's az configuration. The `defaults` section is the one `az configure
--defaults` edits (defaults.acr, defaults.group, ...). The lab takes one pair per `az config set` (az takes several):
a second pair is refused as an unrecognized argument."""

from __future__ import annotations

from ....engine.errors import CliError
from ..framework import Arg, command, group

group("config", "Manage Azure CLI configuration.")

SOURCE = "/home/learner/.azure/config"


def _section(ctx, section: str) -> dict:
    if section == "defaults":
        return ctx.sh.host.az.defaults
    return ctx.sh.state.setdefault("az_config", {}).setdefault(section, {})


def _split(key: str, usage: str) -> tuple[str, str]:
    section, dot, name = key.partition(".")
    if not dot or not section or not name:
        raise CliError(usage)
    return section, name


@command("config set", "Set a configuration.", [
    Arg("key_value", "KEY_VALUE", "Space-separated configurations in the form of <section>.<key>=<value>.",
        kind="positional", required=True),
    Arg("local", "--local", "Set as a local configuration in the working directory.", kind="flag"),
], examples=[("Disable color with `core.no_color`.", "az config set core.no_color=true"),
             ("Set default resource group and registry.", "az config set defaults.group=myRG defaults.acr=myregistry")])
def config_set(ctx, a):
    key, eq, value = a.key_value.partition("=")
    if not eq:
        raise CliError("usage error: [section].[name]=[value] ...")
    section, name = _split(key, "usage error: [section].[name]=[value] ...")
    value = "" if value in ("''", '""') else value
    _section(ctx, section)[name] = value
    return None


@command("config get", "Get a configuration.", [
    Arg("key", "KEY", "The configuration to get. If not provided, all sections and configurations will be listed. "
        "If `section` is provided, all configurations under the specified section will be listed. If "
        "`<section>.<key>` is provided, only the corresponding configuration is shown.", kind="positional"),
    Arg("local", "--local", "Include local configuration. Scan from the working directory up to the root drive, "
        "then the global configuration and return the first occurrence.", kind="flag"),
], examples=[("Get all configurations.", "az config get"), ("Get configurations in `core` section.",
                                                            "az config get core"),
             ("Get the configuration of key `core.no_color`.", "az config get core.no_color")])
def config_get(ctx, a):
    def items(section: str) -> list[dict]:
        return [{"name": k, "source": SOURCE, "value": v} for k, v in _section(ctx, section).items()]
    if not a.key:
        sections = ["defaults", *ctx.sh.state.get("az_config", {})]
        return {s: items(s) for s in sections if _section(ctx, s)}
    section, dot, name = a.key.partition(".")
    if not dot:
        return items(section)
    found = next((x for x in items(section) if x["name"] == name), None)
    if found is None:
        raise CliError(f"Configuration '{a.key}' is not set.")
    return found


@command("config unset", "Unset a configuration.", [
    Arg("key", "KEY", "The configuration to unset, in the form of <section>.<key>.", kind="positional",
        required=True),
    Arg("local", "--local", "Unset the local configuration.", kind="flag"),
], examples=[("Unset the configuration of key `core.no_color`.", "az config unset core.no_color")])
def config_unset(ctx, a):
    section, name = _split(a.key, "usage error: [section].[name]")
    _section(ctx, section).pop(name, None)
    return None
