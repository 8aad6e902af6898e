"""Get-Command: the lab's cmdlets, their aliases, the learner's functions and native programs as CommandInfo objects."""

from __future__ import annotations

import fnmatch

from ..values import PSError, PSObject, to_str
from .base import Param, cmdlet

MODULE_VERSIONS = {
    "Az.Accounts": "3.0.4", "Az.Aks": "6.0.4", "Az.Compute": "8.3.0", "Az.ContainerRegistry": "4.2.1",
    "Az.ManagedServiceIdentity": "1.2.1", "Az.Network": "7.8.1", "Az.PrivateDns": "1.0.5", "Az.Resources": "7.4.0",
    "Microsoft.PowerShell.Core": "7.4.6.500", "Microsoft.PowerShell.Utility": "7.0.0.0",
    "Microsoft.PowerShell.Management": "7.0.0.0", "Microsoft.PowerShell.Security": "7.0.0.0",
}
"""ModuleVersion of each module the lab implements (Az 12.x on PowerShell 7.4)."""
NATIVE_PATHS = {"az": "/usr/bin/az", "docker": "/usr/bin/docker", "kubectl": "/usr/local/bin/kubectl",
                "lab": "/usr/local/bin/lab", "bicep": "/usr/local/bin/bicep", "git": "/usr/bin/git",
                "curl": "/usr/bin/curl", "helm": "/usr/local/bin/helm", "oras": "/usr/local/bin/oras",
                "notation": "/usr/local/bin/notation", "jq": "/usr/bin/jq", "ssh": "/usr/bin/ssh",
                "pwsh": "/usr/bin/pwsh", "bash": "/usr/bin/bash"}
TYPES = {"Cmdlet": "System.Management.Automation.CmdletInfo", "Alias": "System.Management.Automation.AliasInfo",
         "Function": "System.Management.Automation.FunctionInfo",
         "Application": "System.Management.Automation.ApplicationInfo"}
COMMAND_TYPES = ("Alias", "Function", "Filter", "Cmdlet", "ExternalScript", "Application", "Script", "Configuration",
                 "All")


def version_of(module: str) -> str:
    return MODULE_VERSIONS.get(module, "")


def _info(kind: str, name: str, module: str, version: str, definition: str, resolved=None) -> PSObject:
    verb, _, noun = name.partition("-") if kind in ("Cmdlet", "Function") and "-" in name else ("", "", "")
    display = f"{name} -> {resolved.get('Name')}" if resolved is not None else name
    props = {"CommandType": kind, "Name": name, "Version": version, "Source": module, "ModuleName": module,
             "DisplayName": display, "Verb": verb, "Noun": noun, "Definition": definition,
             "HelpUri": (f"https://learn.microsoft.com/powershell/module/{module.lower()}/{name.lower()}"
                         if kind == "Cmdlet" and module else "")}
    if resolved is not None:
        props["ResolvedCommand"] = resolved
        props["ReferencedCommand"] = resolved
    if kind == "Application":
        props["Path"] = props["Source"] = definition
    return PSObject(TYPES[kind], props, view="table", columns=["CommandType", "Name", "Version", "Source"],
                    to_string=name)


def _cmdlet_info(c) -> PSObject:
    from .help import _syntax
    return _info("Cmdlet", c.name, c.module, version_of(c.module),
                 "\n" + "\n\n".join(_syntax(c, s) for s in c.set_names()) + "\n")


def all_commands(ctx) -> list[PSObject]:
    """Every command the session can run, cmdlets first with their module aliases after each module's cmdlets."""
    from . import load_all
    reg = load_all()
    seen: dict[int, PSObject] = {}
    out: list[PSObject] = []
    for _key, c in sorted(reg.items()):
        if id(c) not in seen:
            seen[id(c)] = _cmdlet_info(c)
    for key, c in sorted(reg.items()):
        base = seen[id(c)]
        if key == c.name.lower():
            out.append(base)
        else:
            # Az modules export their aliases (Login-AzAccount); built-in aliases (help, man) live in the session.
            module = c.module if c.module.startswith("Az.") else ""
            alias = next((a for a in c.aliases if a.lower() == key), key)
            out.append(_info("Alias", alias, module, version_of(module), c.name, base))
    for key, fn in sorted(ctx.interp.functions.items()):
        name = getattr(fn, "name", key)
        body = getattr(fn, "text", "") or ""
        out.append(_info("Function", name, "", "", to_str(body)))
    return out


def _match(patterns, value: str) -> bool:
    return any(fnmatch.fnmatchcase(value.lower(), p.lower()) for p in patterns)


def _has_wildcard(p: str) -> bool:
    return any(ch in p for ch in "*?[")


@cmdlet("Get-Command", [
    Param("Name", "strings", "Specifies an array of names. This cmdlet gets only commands that have the specified "
          "name. Wildcard characters are permitted.", position=0, sets=("AllCommandSet",), pipeline=True,
          by_property=True),
    Param("Module", "strings", "Specifies an array of modules. This cmdlet gets the commands that came from the "
          "specified modules. Wildcard characters are permitted.", aliases=("PSSnapin",), by_property=True),
    Param("Verb", "strings", "Specifies an array of command verbs. This cmdlet gets commands, which include cmdlets, "
          "functions, and aliases, that have names that include the specified verb.", sets=("CmdletSet",),
          by_property=True),
    Param("Noun", "strings", "Specifies an array of command nouns. This cmdlet gets commands, which include cmdlets, "
          "functions, and aliases, that have names that include the specified noun.", sets=("CmdletSet",),
          by_property=True),
    Param("CommandType", "strings", "Specifies the types of commands that this cmdlet gets.", aliases=("Type",),
          sets=("AllCommandSet",), values=COMMAND_TYPES),
    Param("TotalCount", "int", "Specifies the number of commands to get."),
    Param("Syntax", "switch", "Indicates that this cmdlet gets only the following specified data about the "
          "command: the syntax of cmdlets and functions, the name the alias resolves to, the path of applications."),
    Param("ListImported", "switch", "Indicates that this cmdlet gets only commands in the current session."),
], "Gets all commands.", module="Microsoft.PowerShell.Core", sets=["CmdletSet", "AllCommandSet"],
    default_set="CmdletSet", aliases=("gcm",), outputs="System.Management.Automation.CommandInfo",
    description="The Get-Command cmdlet gets all commands that are installed on the computer, including cmdlets, "
                "aliases, functions, filters, scripts, and applications. Without parameters, it gets all the "
                "cmdlets, functions, and aliases of the session.",
    examples=[("Get the cmdlets of a module", "Get-Command -Module Az.ContainerRegistry"),
              ("Count them", "(Get-Command -Module Az.ContainerRegistry).Count"),
              ("Find commands by noun", "Get-Command -Noun AzContainerRegistry*")])
def get_command(ctx, a, items):
    names = list(a.Name or [])
    for it in items or []:
        names.append(to_str(it.get("Name")) if isinstance(it, PSObject) and it.has("Name") else to_str(it))
    commands = all_commands(ctx)
    if a.Module:
        commands = [c for c in commands if c.get("Source") and _match(a.Module, c.get("Source"))]
    if a.Verb or a.Noun:
        # -Verb and -Noun select cmdlets and functions (aliases and applications have no verb or noun).
        commands = [c for c in commands if c.get("CommandType") in ("Cmdlet", "Function") and c.get("Noun")]
        if a.Verb:
            commands = [c for c in commands if _match(a.Verb, c.get("Verb"))]
        if a.Noun:
            commands = [c for c in commands if _match(a.Noun, c.get("Noun"))]
    if a.CommandType and "All" not in a.CommandType:
        commands = [c for c in commands if c.get("CommandType") in a.CommandType]
    if names:
        apps = [] if a.Module else [_info("Application", n, "", "0.0.0.0", p) for n, p in sorted(NATIVE_PATHS.items())]
        if a.CommandType and "All" not in a.CommandType:
            apps = [x for x in apps if x.get("CommandType") in a.CommandType]
        found: list[PSObject] = []
        for n in names:
            hits = [c for c in commands + apps if fnmatch.fnmatchcase(c.get("Name").lower(), n.lower())]
            if not hits and not _has_wildcard(n):
                raise PSError(f"The term '{n}' is not recognized as a name of a cmdlet, function, script file, or "
                              "executable program.\nCheck the spelling of the name, or if a path was included, verify "
                              "that the path is correct and try again.")
            if not _has_wildcard(n):
                hits = hits[:1]  # the command that would run: a function before a cmdlet, a cmdlet before a program
            found += [h for h in hits if h not in found]
        commands = found
    elif not (a.Module or a.Verb or a.Noun or a.CommandType):
        commands = [c for c in commands if c.get("CommandType") != "Application"]
    order = {"Alias": 0, "Function": 1, "Cmdlet": 2, "Application": 3}
    if not names:
        commands.sort(key=lambda c: (order[c.get("CommandType")], c.get("Name").lower()))
    if a.TotalCount is not None and a.TotalCount >= 0:
        commands = commands[: a.TotalCount]
    if a.Syntax:
        return [_syntax_text(c) for c in commands]
    return commands


def _syntax_text(c: PSObject) -> str:
    kind = c.get("CommandType")
    if kind == "Alias":
        return f"{c.get('Name')} (alias) -> {c.get('Definition')}\n"
    if kind == "Application":
        return c.get("Definition")
    return c.get("Definition") if kind == "Cmdlet" else f"{c.get('Name')} {c.get('Definition')}"
