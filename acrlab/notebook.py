"""IPython extension: `%load_ext acrlab.notebook` gives %az / %%az / %%pwsh / %%bash magics on a lab held by
the notebook, readable JSON, and rich HTML views of lab state (registry tree, role assignments, usage bar)."""

from __future__ import annotations

import html
import json

from .lab import Lab, Result

_LAB: Lab | None = None


def lab() -> Lab:
    """The notebook's lab (created on first use, seed 0)."""
    global _LAB
    if _LAB is None:
        _LAB = Lab(seed=0)
    return _LAB


def reset(seed: int = 0) -> Lab:
    """Start over with a fresh tenant."""
    global _LAB
    _LAB = Lab(seed=seed)
    return _LAB


class Output:
    """What a magic returns: shows stdout/stderr readably; `.json()` / `.data` for the parsed JSON."""

    def __init__(self, result: Result):
        self.result = result

    @property
    def data(self):
        try:
            return json.loads(self.result.stdout)
        except (json.JSONDecodeError, ValueError):
            return None

    def json(self):
        return self.result.json()

    @property
    def ok(self) -> bool:
        return self.result.exit_code == 0

    def __repr__(self) -> str:
        return (self.result.stdout + self.result.stderr).rstrip("\n") or f"(exit code {self.result.exit_code})"

    def _repr_html_(self) -> str:
        parts = []
        data = self.data
        if data is not None:
            parts.append(f"<pre style='margin:0'>{html.escape(json.dumps(data, indent=2, sort_keys=True))}</pre>")
        elif self.result.stdout:
            parts.append(f"<pre style='margin:0'>{html.escape(self.result.stdout)}</pre>")
        if self.result.stderr:
            color = "#b00020" if self.result.exit_code else "#8a6d00"
            parts.append(f"<pre style='margin:0;color:{color}'>{html.escape(self.result.stderr)}</pre>")
        if not parts:
            parts.append(f"<i>(no output, exit code {self.result.exit_code})</i>")
        return "".join(parts)


def run(text: str, shell: str = "bash") -> Output:
    return Output(lab().run(text, shell=shell))


def az_script(cell: str) -> str:
    """In a %%az cell, a line that does not start with a program or an assignment is an az command."""
    from .shell import bash
    from .shell.session import programs

    try:
        chunks = [a.text for a in bash.parse(cell)]
    except bash.BashSyntaxError:
        return cell
    out = []
    for chunk in chunks:
        first = chunk.split(None, 1)[0] if chunk.split() else ""
        if first in programs() or "=" in first.split("(", 1)[0]:
            out.append(chunk)
        else:
            out.append("az " + chunk)
    return "\n".join(out)


def _fmt_bytes(n: int) -> str:
    for unit, div in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if n >= div:
            return f"{n / div:.1f} {unit}"
    return f"{n} B"


class HTML:
    def __init__(self, body: str):
        self.body = body

    def _repr_html_(self) -> str:
        return self.body

    def __repr__(self) -> str:
        import re

        return re.sub(r"<[^>]+>", "", self.body.replace("<br>", "\n").replace("</tr>", "\n"))


def registry_tree(name: str, the_lab: Lab | None = None) -> HTML:
    """Repositories, tags and digests of a registry, with layers shared between images highlighted."""
    reg = (the_lab or lab()).cloud.find_registry(name)
    if reg is None:
        return HTML(f"<i>No registry named {html.escape(name)}</i>")
    refs = reg.store.blob_refs
    rows = [f"<b>{html.escape(reg.login_server)}</b> ({reg.sku}) — {_fmt_bytes(reg.store.storage_bytes())} stored"]
    rows.append("<ul>")
    for rname, repo in sorted(reg.store.repositories.items()):
        rows.append(f"<li>📁 <b>{html.escape(rname)}</b><ul>")
        for digest, m in sorted(repo.manifests.items(), key=lambda kv: kv[1].created):
            tags = repo.tags_of(digest)
            label = ", ".join(tags) if tags else "<i>untagged</i>"
            shared = sum(1 for layer in m.content.layers if refs.get(layer.digest, 0) > 1)
            rows.append(f"<li>🏷 {label} → <code>{digest[:19]}…</code> {_fmt_bytes(m.content.size)}, "
                        f"{len(m.content.layers)} layers ({shared} shared)</li>")
        rows.append("</ul></li>")
    rows.append("</ul>")
    return HTML("".join(rows))


def role_assignments(scope_contains: str = "", the_lab: Lab | None = None) -> HTML:
    from .engine.entra_groups import directory_object

    cloud = (the_lab or lab()).cloud
    rows = ["<table><tr><th>Principal</th><th>Type</th><th>Role</th><th>Scope</th></tr>"]
    for a in cloud.role_assignments:
        if scope_contains and scope_contains.lower() not in a.scope.lower():
            continue
        p = directory_object(cloud, a.principal_id)
        who = (p.sign_in_name or p.display_name) if p else a.principal_id
        scope = a.scope.replace(cloud.subscription.id, "/subscriptions/…")
        rows.append(f"<tr><td>{html.escape(who)}</td><td>{a.principal_type}</td><td><b>{a.role().role_name}</b>"
                    f"</td><td><code>{html.escape(scope)}</code></td></tr>")
    rows.append("</table>")
    return HTML("".join(rows))


def usage_bar(name: str, the_lab: Lab | None = None) -> HTML:
    from .engine.sku import SKUS

    reg = (the_lab or lab()).cloud.find_registry(name)
    if reg is None:
        return HTML(f"<i>No registry named {html.escape(name)}</i>")
    used, included = reg.store.storage_bytes(), SKUS[reg.sku].included_storage_bytes
    pct = min(100.0, 100.0 * used / included)
    color = "#2e7d32" if pct < 80 else "#f9a825" if pct < 100 else "#c62828"
    return HTML(f"<div style='font-family:sans-serif'>{html.escape(reg.name)} ({reg.sku}): {_fmt_bytes(used)} of "
                f"{_fmt_bytes(included)} included ({pct:.2f}%)<div style='width:400px;background:#eee;height:14px'>"
                f"<div style='width:{max(pct, 0.5):.2f}%;background:{color};height:14px'></div></div></div>")


def load_ipython_extension(ipython) -> None:
    from IPython.core.magic import register_cell_magic, register_line_magic

    def az_line(line):
        return run("az " + line)

    def az_cell(line, cell):
        return run(az_script(("az " + line + "\n" if line.strip() else "") + cell))

    def pwsh_cell(line, cell):
        return run(cell, shell="pwsh")

    def bash_cell(line, cell):
        return run(cell)

    def lab_line(line):
        return run("lab " + line)

    register_line_magic("az")(az_line)
    ipython.register_magic_function(az_cell, magic_kind="cell", magic_name="az")
    register_cell_magic("pwsh")(pwsh_cell)
    ipython.register_magic_function(bash_cell, magic_kind="cell", magic_name="lab_bash")
    register_line_magic("lab")(lab_line)
    ipython.push({"lab": lab, "registry_tree": registry_tree, "role_assignments": role_assignments,
                  "usage_bar": usage_bar})


class CheckReport:
    """The lab grader's verdict on a notebook exercise."""

    def __init__(self, rows: list[tuple[str, bool, str, str]]):
        self.rows = rows

    @property
    def passed(self) -> bool:
        return all(ok for _, ok, _, _ in self.rows)

    def __repr__(self) -> str:
        lines = [f"{'PASS' if ok else 'FAIL'}  {title}" + ("" if ok else f"\n      expected: {exp}\n      actual:   {act}")
                 for title, ok, exp, act in self.rows]
        n = sum(ok for _, ok, _, _ in self.rows)
        return "\n".join(lines + [f"{n}/{len(self.rows)} checks passed"])

    def _repr_html_(self) -> str:
        cells = []
        for title, ok, exp, act in self.rows:
            mark = "✅" if ok else "❌"
            detail = "" if ok else f"<br><small>expected {html.escape(exp)}; actual {html.escape(act)}</small>"
            cells.append(f"<li>{mark} {html.escape(title)}{detail}</li>")
        return f"<ul style='list-style:none'>{''.join(cells)}</ul>"


def check(*specs: dict, strict: bool = True) -> CheckReport:
    """Grade an exercise with the lab grader's declarative checks (the same `kind:` checks scenarios use).

    With `strict`, a failing check raises AssertionError so a notebook run stops at an unsolved exercise."""
    from pydantic import TypeAdapter, ValidationError

    from .labs.checks import evaluate
    from .labs.schema import Check

    adapter = TypeAdapter(Check)
    rows = []
    for i, spec in enumerate(specs):
        spec = {"id": f"exercise-{i + 1}", "title": spec.get("title", f"check {i + 1}"), **spec}
        try:
            c = adapter.validate_python(spec)
        except ValidationError as e:
            raise ValueError(f"check {i + 1} is malformed: {e.errors()[0]['msg']}") from None
        out = evaluate(lab(), c)
        rows.append((c.title, out.passed, out.expected, out.actual))
    report = CheckReport(rows)
    if strict and not report.passed:
        raise AssertionError(repr(report))
    return report
