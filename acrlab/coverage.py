"""docs/coverage.md: every `az acr` command and every Az.ContainerRegistry cmdlet, supported by the lab or not.

The upstream lists are checked in as data (`acrlab/coverage_data/*.json`: command names, status and option names
only) and the lab's side comes from its own command tables, so the document is regenerated, never hand-edited:

    python -m acrlab.coverage --write        # rewrite docs/coverage.md
    python -m acrlab.coverage --check        # exit 1 when docs/coverage.md is stale (tests run this)
    python -m acrlab.coverage --tally        # the conformance tally (scenario tests, docs pages) as JSON
    python -m acrlab.coverage --extract-cli <azure-docs-cli checkout> --extract-ps <azure-docs-powershell checkout>

Sources of the data: the az reference that azure-cli generates from its own command table and help
(MicrosoftDocs/azure-docs-cli, docs-ref-autogen/Latest-version/latest/acr*.yml; every entry's editLink names
src/azure-cli/azure/cli/command_modules/acr/_help.py), and the Az.ContainerRegistry help pages
(MicrosoftDocs/azure-docs-powershell azps-<version>/Az.ContainerRegistry/*.md, published from
Azure/azure-powershell src/ContainerRegistry/ContainerRegistry/help/*.md).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import re
import subprocess
import sys

DATA = pathlib.Path(__file__).with_name("coverage_data")
DOC = pathlib.Path(__file__).resolve().parents[1] / "docs" / "coverage.md"
CLI_DATA = DATA / "az_acr_commands.json"
PS_DATA = DATA / "az_containerregistry_cmdlets.json"

PS_RUNTIME_PARAMS = {"defaultprofile", "break", "httppipelineappend", "httppipelineprepend", "proxy",
                     "proxycredential", "proxyusedefaultcredentials", "asjob", "nowait"}
"""Parameters of the PowerShell runtime rather than of the operation (left out of the 'lacks' column)."""


# -- extraction (run by a maintainer against fresh checkouts; the tests only read the JSON) --------------------

def _git_show(repo: pathlib.Path, path: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "show", f"HEAD:{path}"], check=True, capture_output=True,
                          text=True).stdout


def _git_files(repo: pathlib.Path, prefix: str) -> list[str]:
    out = subprocess.run(["git", "-C", str(repo), "ls-tree", "-r", "--name-only", "HEAD", prefix], check=True,
                         capture_output=True, text=True).stdout
    return out.split()


def _git_head(repo: pathlib.Path) -> str:
    return subprocess.run(["git", "-C", str(repo), "log", "-1", "--format=%H %cs"], check=True, capture_output=True,
                          text=True).stdout.strip()


def extract_cli(repo: pathlib.Path) -> dict:
    import yaml

    base = "docs-ref-autogen/Latest-version/latest/"
    files = [f for f in _git_files(repo, base) if re.match(rf"{base}acr(\.yml|/)", f)]
    commands = []
    for f in sorted(files):
        doc = yaml.safe_load(_git_show(repo, f))
        for c in doc.get("directCommands") or []:
            def opts(key, c=c):
                return [p["name"] for p in c.get(key) or [] if p.get("groupName") != "Global Policy Arguments"]
            commands.append({"name": c["name"].removeprefix("az "), "status": c.get("status"),
                             "source": c.get("sourceType"), "required": opts("requiredParameters"),
                             "optional": opts("optionalParameters")})
    commands.sort(key=lambda c: c["name"])
    return {"source": "MicrosoftDocs/azure-docs-cli " + base + "acr*.yml", "revision": _git_head(repo),
            "commands": commands}


def extract_ps(repo: pathlib.Path) -> dict:
    top = subprocess.run(["git", "-C", str(repo), "ls-tree", "--name-only", "HEAD"], check=True, capture_output=True,
                         text=True).stdout.split()
    versions = sorted((f for f in top if re.fullmatch(r"azps-[\d.]+", f)),
                      key=lambda v: [int(x) for x in v[5:].split(".")])
    folder = f"{versions[-1]}/Az.ContainerRegistry/"
    cmdlets = []
    for f in sorted(_git_files(repo, folder)):
        name = f.rsplit("/", 1)[1].removesuffix(".md")
        if name == "Az.ContainerRegistry":
            continue
        text = _git_show(repo, f)
        params = re.findall(r"^### -(\w+)\s*$", text.split("## PARAMETERS", 1)[-1], re.M)
        cmdlets.append({"name": name, "parameters": params})
    return {"source": f"MicrosoftDocs/azure-docs-powershell {folder}*.md (from Azure/azure-powershell "
                      "src/ContainerRegistry/ContainerRegistry/help/*.md)", "revision": _git_head(repo),
            "cmdlets": cmdlets}


# -- the document ----------------------------------------------------------------------------------------------

def _lab_az() -> dict:
    from .shell.az.table import COMMANDS, load

    load()
    return COMMANDS


def _lab_cmdlets() -> dict:
    from .shell.pwsh.cmdlets import load_all

    return {c.name.lower(): c for c in load_all().values()}


def _missing_options(upstream: dict, cmd) -> list[str]:
    have = {o for a in cmd.args for o in a.option_list}
    positional = any(a.kind == "positional" for a in cmd.args)
    missing = []
    for spec in upstream["required"] + upstream["optional"]:
        forms = spec.split()
        if not spec.startswith("-"):  # a positional argument such as <SOURCE_LOCATION>
            if not positional:
                missing.append(spec)
        elif not any(f in have for f in forms):
            missing.append(forms[0])
    return missing


def _module_of(fn) -> str:
    return fn.__module__.replace(".", "/") + ".py"


def az_rows() -> tuple[list[dict], list[str]]:
    data = json.loads(CLI_DATA.read_text(encoding="utf-8"))
    lab = _lab_az()
    rows = []
    for up in data["commands"]:
        cmd = lab.get(up["name"])
        rows.append({"name": up["name"], "status": up["status"], "source": up["source"], "lab": cmd is not None,
                     "module": _module_of(cmd.handler) if cmd else "",
                     "missing": _missing_options(up, cmd) if cmd else []})
    names = {up["name"] for up in data["commands"]}
    extra = sorted(p for p in lab if p.startswith("acr ") and p not in names)
    return rows, extra


def ps_rows() -> list[dict]:
    data = json.loads(PS_DATA.read_text(encoding="utf-8"))
    lab = _lab_cmdlets()
    rows = []
    for up in data["cmdlets"]:
        c = lab.get(up["name"].lower())
        have = {p.name.lower() for p in c.all_params()} if c else set()
        missing = [p for p in up["parameters"] if p.lower() not in have and p.lower() not in PS_RUNTIME_PARAMS]
        rows.append({"name": up["name"], "lab": c is not None, "module": _module_of(c.fn) if c else "",
                     "missing": missing if c else []})
    return rows


def _ref_url(name: str) -> str:
    words = name.split()
    group, anchor = "/".join(words[:-1]), "-".join(["az"] + words)
    return f"https://learn.microsoft.com/cli/azure/{group}#{anchor}"


def render() -> str:
    cli = json.loads(CLI_DATA.read_text(encoding="utf-8"))
    ps = json.loads(PS_DATA.read_text(encoding="utf-8"))
    rows, extra = az_rows()
    prow = ps_rows()
    n_az, n_ps = sum(r["lab"] for r in rows), sum(r["lab"] for r in prow)
    out = [
        "# Coverage: `az acr` commands and Az.ContainerRegistry cmdlets",
        "",
        "Generated by `python -m acrlab.coverage --write` from the lab's own command tables and the upstream lists "
        "in `acrlab/coverage_data/`; `tests/conformance/test_azcli_coverage_doc.py` fails when this file is stale. "
        "Do not edit by hand.",
        "",
        f"- `az acr`: {n_az} of {len(rows)} commands run in the lab. Upstream list: {cli['source']} "
        f"(revision {cli['revision']}), generated by azure-cli from "
        "`src/azure-cli/azure/cli/command_modules/acr/` (commands.py, _params.py, _help.py).",
        f"- Az.ContainerRegistry: {n_ps} of {len(prow)} cmdlets run in the lab. Upstream list: {ps['source']} "
        f"(revision {ps['revision']}).",
        "- *Lab lacks* names upstream options the lab's command does not accept yet (PowerShell runtime parameters "
        "such as -DefaultProfile, -AsJob and -NoWait are not counted). A command the lab lacks fails with az's "
        "'misspelled or not recognized' error, never with a made-up answer.",
        "",
        "## az acr",
        "",
        "| Command | Upstream | Lab | Lab lacks | Reference |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        lab = f"yes (`{r['module']}`)" if r["lab"] else "no"
        lacks = ", ".join(f"`{m}`" for m in r["missing"])
        out.append(f"| `az {r['name']}` | {r['status']}, {r['source']} | {lab} | {lacks} | "
                   f"[docs]({_ref_url(r['name'])}) |")
    if extra:
        out += ["", "Commands the lab also accepts that the current reference no longer lists (hidden or "
                "deprecated in azure-cli): " + ", ".join(f"`az {e}`" for e in extra) + "."]
    out += ["", "## Az.ContainerRegistry", "", "| Cmdlet | Lab | Lab lacks | Reference |", "|---|---|---|---|"]
    for r in prow:
        lab = f"yes (`{r['module']}`)" if r["lab"] else "no"
        lacks = ", ".join(f"`-{m}`" for m in r["missing"])
        out.append(f"| `{r['name']}` | {lab} | {lacks} | "
                   f"[docs](https://learn.microsoft.com/powershell/module/az.containerregistry/{r['name'].lower()}) |")
    from .coverage_pwsh_bicep import lines as pwsh_bicep_lines
    out += pwsh_bicep_lines()  # the other Az modules and the Bicep resource types (owned with acrlab/shell/pwsh)
    from .coverage_conformance import lines as conformance_lines
    out += conformance_lines()  # azure-cli scenario tests and docs pages: passing / skipped / missing
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m acrlab.coverage", description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="rewrite docs/coverage.md")
    ap.add_argument("--check", action="store_true", help="exit 1 when docs/coverage.md is stale")
    ap.add_argument("--tally", action="store_true", help="print the conformance tally as JSON")
    ap.add_argument("--extract-cli", type=pathlib.Path, metavar="REPO", help="refresh the az data from a checkout")
    ap.add_argument("--extract-ps", type=pathlib.Path, metavar="REPO", help="refresh the cmdlet data from a checkout")
    ns = ap.parse_args(argv)
    if ns.extract_cli:
        CLI_DATA.write_text(json.dumps(extract_cli(ns.extract_cli), indent=1) + "\n", encoding="utf-8")
    if ns.extract_ps:
        PS_DATA.write_text(json.dumps(extract_ps(ns.extract_ps), indent=1) + "\n", encoding="utf-8")
    if ns.tally:
        from .coverage_conformance import tally

        json.dump(tally(), sys.stdout, indent=1)
        sys.stdout.write("\n")
        return 0
    text = render()
    if ns.check:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print("docs/coverage.md is stale: run python -m acrlab.coverage --write", file=sys.stderr)
            return 1
        return 0
    if ns.write:
        DOC.write_text(text, encoding="utf-8")
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
