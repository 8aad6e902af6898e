"""Per-student variables drawn from a seed, and `{{ name }}` templating.

Seed 0 gives every variable its default (the names printed in the issue and narrative). Any other seed
gives the student a stable suffix (shared by all their names, so `acrlabprod4821` sits in
`rg-containers-4821`) and draws regions/tags from each variable's `choices`. `{{.Run.ID}}` and other
ACR Task placeholders (which start with a dot) are left alone.
"""

from __future__ import annotations

import random
import re
from typing import Any

from .schema import Scenario, Variable

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")


class TemplateError(ValueError):
    pass


def student_suffix(seed: int) -> str:
    """Four digits that stay the same for one student across every scenario."""
    return f"{random.Random(f'acrlab-student:{seed}').randrange(1000, 10000)}"


def draw(scenario_id: str, name: str, spec: Variable, seed: int) -> str:
    if not seed:
        return spec.default
    if spec.choices:
        pool = [spec.default] + [c for c in spec.choices if c != spec.default]
        return random.Random(f"acrlab-var:{scenario_id}:{name}:{seed}").choice(pool)
    if spec.suffix == "digits":
        return f"{spec.default}{student_suffix(seed)}"
    if spec.suffix == "dash-digits":
        return f"{spec.default}-{student_suffix(seed)}"
    return spec.default


def values_for(scenario: Scenario, seed: int = 0) -> dict[str, str]:
    """The variables of one student (seed); deterministic."""
    return {name: draw(scenario.id, name, spec, seed) for name, spec in scenario.variables.items()}


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def render(text: str, values: dict[str, str], strict: bool = True) -> str:
    """Fill `{{ name }}`; unknown names raise TemplateError (or stay as they are with strict=False)."""

    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name in values:
            return str(values[name])
        if strict:
            raise TemplateError(f"unknown variable {{{{ {name} }}}}")
        return m.group(0)

    return PLACEHOLDER.sub(sub, text)


def render_data(data: Any, values: dict[str, str], strict: bool = True) -> Any:
    """Render every string inside nested dicts/lists (keys too: file names may be templated)."""
    if isinstance(data, str):
        return render(data, values, strict)
    if isinstance(data, list):
        return [render_data(x, values, strict) for x in data]
    if isinstance(data, dict):
        return {render(k, values, strict) if isinstance(k, str) else k: render_data(v, values, strict)
                for k, v in data.items()}
    return data


def render_scenario(scenario: Scenario, values: dict[str, str], strict: bool = False) -> Scenario:
    """A copy of the scenario with placeholders filled (saved set-up outputs may come later)."""
    return Scenario.model_validate(render_data(_template(scenario), values, strict))


_TEMPLATES: dict[int, tuple[Scenario, dict]] = {}


def _template(scenario: Scenario) -> dict:
    """The scenario as data to render, dumped once per scenario object (scenarios are never changed once loaded;
    render_data builds new containers, so the kept dump is only read). A class renders it for every student."""
    kept = _TEMPLATES.get(id(scenario))
    if kept is None or kept[0] is not scenario:
        data = scenario.model_dump(by_alias=True, exclude_unset=True)
        data["variables"] = scenario.model_dump(by_alias=True)["variables"]
        data["resource_group"] = scenario.resource_group  # a templated default ("{{rg}}") is not in the unset dump
        if len(_TEMPLATES) >= 64:
            _TEMPLATES.clear()
        kept = _TEMPLATES[id(scenario)] = (scenario, data)
    return kept[1]


def all_placeholders(data: Any, path: tuple = ()) -> list[tuple[tuple, str]]:
    """(location, name) of every placeholder in raw scenario data, for validation."""
    found: list[tuple[tuple, str]] = []
    if isinstance(data, str):
        found += [(path, n) for n in placeholders(data)]
    elif isinstance(data, list):
        for i, x in enumerate(data):
            found += all_placeholders(x, path + (i,))
    elif isinstance(data, dict):
        for k, v in data.items():
            if isinstance(k, str):
                found += [(path + (k,), n) for n in placeholders(k)]
            found += all_placeholders(v, path + (k,))
    return found
