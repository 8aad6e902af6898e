"""Multi-step task files (acb.yaml): template rendering, run variables, aliases and steps.

The file is a Go template rendered before parsing: `{{.Run.ID}}`, `{{.Run.Registry}}` (login server),
`{{.Run.RegistryName}}`, `{{.Run.Date}}`, `{{.Run.OS}}`, `{{.Run.Architecture}}`, `{{.Run.Commit}}`,
`{{.Run.Branch}}`, `{{.Run.TaskName}}`, `{{.Run.SharedVolume}}`, `{{.Values.name}}` (`--set`); then the
v1.1.0 aliases `$ID`, `$Registry`, `$RegistryName`, `$Date`, ... and custom `alias: values:`. The YAML
parser is injected (`cloud.state['yaml_loader']`) so the engine stays free of third-party parsers.
"""

from __future__ import annotations

import re
from datetime import datetime

from . import tasks_secrets
from .cloud import Cloud
from .tasks_runs import Step, StepFailed

RUN_VARS = ("ID", "Registry", "RegistryName", "Date", "OS", "Architecture", "Commit", "Branch", "TaskName",
            "SharedVolume", "Variant")
_TEMPLATE = re.compile(r"\{\{\s*\.(Run|Values)\.([A-Za-z0-9_]+)\s*\}\}")
CMD_TEMPLATE = "steps: \n  - cmd: {{ .Values.command }}\n"


def run_variables(run_id: str, login_server: str, registry_name: str, now: datetime, platform: dict,
                  commit: str = "", branch: str = "", task: str = "") -> dict[str, str]:
    return {"ID": run_id, "Registry": login_server, "RegistryName": registry_name,
            "Date": now.strftime("%Y%m%d-%H%M%Sz"), "OS": platform.get("os") or "linux",
            "Architecture": platform.get("architecture") or "amd64", "Variant": platform.get("variant") or "",
            "Commit": commit, "Branch": branch, "TaskName": task, "SharedVolume": "acb_vol_shared"}


def registry_image(login_server: str, ref: str) -> str:
    """An image name of a Docker build step (`az acr build -t`, `az acr task create --image`) as ACR pushes it: a
    name without a registry goes to the run's registry (task YAML steps do not get this: there, an unqualified name
    is Docker Hub's, as for docker)."""
    first = ref.split("/", 1)[0]
    qualified = "/" in ref and ("." in first or ":" in first or first == "localhost")
    return ref if qualified or ref.startswith("{{") else f"{login_server}/{ref}"


def render(text: str, run: dict[str, str], values: dict[str, str]) -> str:
    def sub(m: re.Match) -> str:
        scope, name = m.group(1), m.group(2)
        table = run if scope == "Run" else values
        if name not in table:
            if scope == "Values":
                return "<no value>"
            raise StepFailed(f"template: acb:1: can't evaluate field {name} in type .Run")
        return table[name]
    return _TEMPLATE.sub(sub, text)


def apply_aliases(text: str, run: dict[str, str], custom: dict[str, str] | None = None) -> str:
    table = {**{k: run[k] for k in RUN_VARS if k in run}, **(custom or {})}
    names = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"\$(?:\{(" + "|".join(map(re.escape, names)) + r")\}|(" + "|".join(map(re.escape, names))
                         + r")(?![A-Za-z0-9_]))")
    return pattern.sub(lambda m: table[m.group(1) or m.group(2)], text)


def parse_steps(cloud: Cloud, text: str, run: dict[str, str], values: dict[str, str]) -> tuple[list[Step], dict]:
    """Render and parse a task file; returns (steps, top-level properties: `secrets` validated, as
    tasks_secrets.declarations gives them, for RunSpec.secrets)."""
    loader = cloud.state.get("yaml_loader")
    if loader is None:
        raise StepFailed("no YAML parser available")
    rendered = tasks_secrets.template(render(text, run, values))
    try:
        first = loader(rendered) or {}
    except Exception as e:  # the parser's own error text is what acb prints
        raise StepFailed(f"failed to parse the task file: {e}") from None
    custom = {}
    if isinstance(first, dict) and isinstance(first.get("alias"), dict):
        custom = {str(k): str(v) for k, v in (first["alias"].get("values") or {}).items()}
    try:
        doc = loader(apply_aliases(rendered, run, custom)) or {}
    except Exception as e:
        raise StepFailed(f"failed to parse the task file: {e}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("steps"), list) or not doc["steps"]:
        raise StepFailed("failed to parse the task file: no steps found")
    doc["secrets"] = tasks_secrets.declarations(doc)
    steps: list[Step] = []
    default_timeout = int(doc.get("stepTimeout", 600))
    for i, raw in enumerate(doc["steps"]):
        if not isinstance(raw, dict):
            raise StepFailed(f"failed to parse the task file: step {i} is not a mapping")
        kinds = [k for k in ("build", "push", "cmd") if k in raw]
        if len(kinds) != 1:
            raise StepFailed(f"failed to parse the task file: step {i} must have exactly one of build, push or cmd")
        kind = kinds[0]
        value = raw[kind]
        if kind == "push":
            value = [str(v) for v in (value if isinstance(value, list) else [value])]
        else:
            value = str(value)
        when = raw.get("when")
        steps.append(Step(kind=kind, id=str(raw.get("id", f"acb_step_{i}")), value=value,
                          when=[str(w) for w in when] if when is not None else None,
                          timeout=int(raw.get("timeout", default_timeout)),
                          ignore_errors=bool(raw.get("ignoreErrors", False)), detach=bool(raw.get("detach", False))))
    return steps, doc


def load_values(cloud: Cloud, text: str, name: str) -> dict[str, str]:
    """A values file (`--values values.yaml`): a YAML mapping of names used as `{{.Values.name}}`."""
    loader = cloud.state.get("yaml_loader")
    if loader is None:
        raise StepFailed("no YAML parser available")
    try:
        doc = loader(text) or {}
    except Exception as e:  # the parser's own error text is what acb prints
        raise StepFailed(f"failed to parse the values file {name}: {e}") from None
    if not isinstance(doc, dict):
        raise StepFailed(f"failed to parse the values file {name}: expected name: value pairs")
    return {str(k): "" if v is None else str(v).lower() if isinstance(v, bool) else str(v) for k, v in doc.items()}
