"""Get-Help: NAME, SYNOPSIS, SYNTAX per parameter set, DESCRIPTION, PARAMETERS, EXAMPLES, REMARKS."""

from __future__ import annotations

from ..values import PSError
from .base import ALL, COMMON, Param, cmdlet


def _syntax(c, s: str) -> str:
    parts = [c.name]
    params = [p for p in c.params if p.in_set(s)]
    params.sort(key=lambda p: (p.position is None, p.position or 0, not p.mandatory_in(s)))
    for p in params:
        if p.type == "switch":
            parts.append(f"-{p.name}" if p.mandatory_in(s) else f"[-{p.name}]")
            continue
        name = f"[-{p.name}]" if p.position is not None else f"-{p.name}"
        tn = p.type_name.rsplit(".", 1)[-1]
        piece = f"{name} <{tn}>"
        parts.append(piece if p.mandatory_in(s) else f"[{piece}]")
    if c.should_process:
        parts += ["[-WhatIf]", "[-Confirm]"]
    parts.append("[<CommonParameters>]")
    return " ".join(parts)


def _param_block(p: Param, c) -> str:
    sets = [s for s in c.set_names() if p.in_set(s)]
    req = "true" if any(p.mandatory_in(s) for s in sets) else "false"
    lines = [f"    -{p.name} <{p.type_name.rsplit('.', 1)[-1]}>", f"        {p.help}".rstrip(), "",
             f"        Required?                    {req}",
             f"        Position?                    {p.position if p.position is not None else 'named'}",
             "        Default value                None",
             f"        Accept pipeline input?       {'true (ByValue)' if p.pipeline else 'true (ByPropertyName)' if p.by_property else 'false'}",
             f"        Aliases                      {', '.join(p.aliases) if p.aliases else 'none'}",
             "        Accept wildcard characters?  false"]
    if p.values:
        lines.insert(2, f"        Accepted values: {', '.join(p.values)}")
    return "\n".join(lines)


def help_text(c, full: bool = False, examples_only: bool = False, parameter: str | None = None) -> str:
    if parameter:
        ps = [p for p in c.params if p.name.lower().startswith(parameter.lower())]
        if not ps:
            raise PSError(f'No parameter matches criteria {parameter}.')
        return "\n" + "\n\n".join(_param_block(p, c) for p in ps) + "\n"
    out = ["", "NAME", f"    {c.name}", ""]
    if not examples_only:
        out += ["SYNOPSIS", f"    {c.synopsis}", "", "", "SYNTAX"]
        for s in c.set_names():
            out += [f"    {_syntax(c, s)}", ""]
        out += ["", "DESCRIPTION", f"    {c.description or c.synopsis}", ""]
        if full:
            out += ["", "PARAMETERS"]
            out += [_param_block(p, c) + "\n" for p in c.params]
            out += ["    <CommonParameters>", "        This cmdlet supports the common parameters: Verbose, Debug,",
                    "        ErrorAction, ErrorVariable, WarningAction, WarningVariable,",
                    "        OutBuffer, PipelineVariable, and OutVariable. For more information, see",
                    "        about_CommonParameters (https://go.microsoft.com/fwlink/?LinkID=113216).", ""]
    if full or examples_only:
        for i, (title, text) in enumerate(c.examples, 1):
            out += [f"    -------------------------- Example {i}: {title} --------------------------", "",
                    *[f"    {line}" for line in text.split("\n")], ""]
    if not full and not examples_only:
        online = f"https://learn.microsoft.com/powershell/module/{c.module.lower()}/{c.name.lower()}"
        out += ["", "RELATED LINKS", f"    Online Version: {online}", "", "REMARKS",
                f'    To see the examples, type: "Get-Help {c.name} -Examples".',
                f'    For more information, type: "Get-Help {c.name} -Detailed".',
                f'    For technical information, type: "Get-Help {c.name} -Full".',
                f'    For online help, type: "Get-Help {c.name} -Online"', ""]
    return "\n".join(out)


@cmdlet("Get-Help", [
    Param("Name", "string", "Gets help about the specified command or concept.", position=0),
    Param("Full", "switch", "Displays the entire help article for a cmdlet.", sets=("AllUsersView",)),
    Param("Detailed", "switch", "Adds parameter descriptions and examples to the basic help display.",
          sets=("DetailedView",), mandatory=True),
    Param("Examples", "switch", "Displays only the name, synopsis, and examples.", sets=("Examples",),
          mandatory=True),
    Param("Parameter", "string", "Displays only the detailed descriptions of the specified parameters.",
          sets=("Parameters",), mandatory=True),
    Param("Online", "switch", "Displays the online version of a help article in the default browser.",
          sets=("Online",), mandatory=True),
], "Displays information about PowerShell commands and concepts.", module="Microsoft.PowerShell.Core",
    sets=["AllUsersView", "DetailedView", "Examples", "Parameters", "Online"], default_set="AllUsersView",
    aliases=("help", "man"))
def get_help(ctx, a, items):
    from . import find, load_all
    if not a.Name:
        names = sorted({c.name for c in load_all().values()})
        return "\n".join(["", "TOPIC", "    PowerShell Help System", "", "SHORT DESCRIPTION",
                          "    Displays help about PowerShell cmdlets. Commands available in this lab:", "",
                          *[f"    {n}" for n in names], ""])
    c = find(a.Name)
    if c is None:
        raise PSError(f"Get-Help could not find {a.Name} in a help file in this session. To download updated help "
                      "topics type: \"Update-Help\". To get help online, search for the help topic in the TechNet "
                      "library at https://go.microsoft.com/fwlink/?LinkID=107116.")
    if a.Online:
        return f"https://learn.microsoft.com/powershell/module/{c.module.lower()}/{c.name.lower()}"
    return help_text(c, full=bool(a.Full or a.Detailed), examples_only=bool(a.Examples), parameter=a.Parameter)


__all__ = ["ALL", "COMMON"]
