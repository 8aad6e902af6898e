"""`bicep build`: parse, analyse and emit ARM JSON; errors as BicepCompileError with Bicep's diagnostics."""

from __future__ import annotations

import json

from pydantic import BaseModel

from . import bicep_load
from .bicep_check import analyze
from .bicep_emit import BICEP_VERSION, Emitter
from .bicep_modules import Loader
from .bicep_modules import check as check_modules
from .bicep_parser import parse
from .diagnostics import BicepCompileError, Diagnostic


class BuildResult(BaseModel):
    template: dict
    warnings: list[Diagnostic]

    def json_text(self) -> str:
        """The template as `bicep build` writes it (2-space indent)."""
        return json.dumps(self.template, indent=2, ensure_ascii=False) + "\n"


def build(text: str, loader: Loader | None = None, path: str = "main.bicep", depth: int = 0) -> BuildResult:
    """Compile Bicep source; raises BicepCompileError when any error diagnostic is found. `loader(path)` reads the
    files `module` declarations name (resolved relative to `path`); without one, module files cannot be found."""
    program = parse(text)
    analysis = analyze(program)
    check_modules(program, analysis, loader, path, depth)
    bicep_load.inline(program, analysis, loader, path)
    if any(d.level == "Error" for d in analysis.diagnostics):
        raise BicepCompileError(analysis.diagnostics)
    template = Emitter(program, analysis).template()
    return BuildResult(template=template, warnings=[d for d in analysis.diagnostics if d.level != "Error"])


def version_text() -> str:
    return f"Bicep CLI version {BICEP_VERSION}"
