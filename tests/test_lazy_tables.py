"""The tables that let a command import only what it needs (programs, `lab` subcommands, az command modules, pwsh
cmdlets) must name everything the modules really declare: each test imports every module, as a full scan would,
and compares. A new program, command group or cmdlet noun missing from its table fails here with its name."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys

import acrlab.shell.labcmd as labcmd_pkg
import acrlab.shell.programs as programs_pkg
from acrlab.engine import installers
from acrlab.shell.az import commands as az_commands
from acrlab.shell.az import table as az_table
from acrlab.shell.programs.lab import lab_command, lab_commands
from acrlab.shell.pwsh import cmdlets as pwsh_cmdlets
from acrlab.shell.pwsh.cmdlets import base as cmdlet_base
from acrlab.shell.session import programs


def _modules(pkg) -> dict[str, object]:
    return {info.name: importlib.import_module(f"{pkg.__name__}.{info.name}")
            for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name)}


def _short(module: str) -> str:
    return module.rsplit(".", 1)[1]


def test_program_table_names_every_program_of_every_module():
    full: dict = {}
    exporting = set()
    for name, module in _modules(programs_pkg).items():
        if hasattr(module, "PROGRAMS"):
            exporting.add(name)
            full.update(module.PROGRAMS)
    table = programs_pkg.TABLE
    extensions = {m for ms in programs_pkg.EXTENSIONS.values() for m in ms}
    missing = {m: sorted(importlib.import_module(f"acrlab.shell.programs.{m}").PROGRAMS)
               for m in exporting - set(table) - extensions}
    assert not missing, f"add to acrlab/shell/programs/__init__.py TABLE (module: its programs): {missing}"
    assert not (set(table) | extensions) - exporting, "programs.TABLE names a module that exports no PROGRAMS"
    for module, names in table.items():
        assert set(names) == set(importlib.import_module(f"acrlab.shell.programs.{module}").PROGRAMS), module
    for module in extensions:  # an extension changes a program; it exports none of its own
        assert importlib.import_module(f"acrlab.shell.programs.{module}").PROGRAMS == {}, module
    assert sorted(programs()) == sorted(full)
    for name, fn in full.items():
        assert programs()[name] is fn, name
        assert programs().get(name) is fn and name in programs()
    assert programs().get("no-such-program") is None and "no-such-program" not in programs()


def test_docker_extensions_are_applied_when_docker_is_looked_up():
    from acrlab.shell.programs import docker

    programs()["docker"]
    for sub in ("trust", "ps", "stop", "rm"):
        assert sub in docker.SUBCOMMANDS, sub


def test_lab_subcommand_table_names_every_subcommand():
    full: dict = {}
    for module in _modules(labcmd_pkg).values():
        for name, entry in getattr(module, "COMMANDS", {}).items():
            assert name not in full, f"lab {name} is declared twice"
            full[name] = entry
    listed = {n for names in labcmd_pkg.TABLE.values() for n in names}
    assert not set(full) - listed, f"add to acrlab/shell/labcmd/__init__.py TABLE: {sorted(set(full) - listed)}"
    assert listed == set(full)
    for module, names in labcmd_pkg.TABLE.items():
        assert set(names) == set(importlib.import_module(f"acrlab.shell.labcmd.{module}").COMMANDS), module
    assert lab_commands() == full
    for name, entry in full.items():
        assert lab_command(name) is entry
    assert lab_command("no-such") is None


def _covers(key: str, path: str) -> bool:
    return path == key or path.startswith(key + " ")


def test_az_module_table_reaches_every_command():
    az_table.load()
    table = az_commands.MODULES
    assert set(az_table.DECLARED_IN) == set(az_table.COMMANDS)
    missing = []
    for path, declared in az_table.DECLARED_IN.items():
        assert len(declared) == 1, f"az {path} is declared by {declared}"
        module = _short(declared[0])
        assert len(path.split()) <= az_commands.MAX_DEPTH, path
        if not any(_covers(key, path) and module in mods for key, mods in table.items()):
            missing.append(f'az {path}: add "{" ".join(path.split()[:-1]) or path}": ("{module}",) to MODULES')
    assert not missing, "\n".join(missing)
    for key, mods in table.items():  # no module listed where it declares nothing (it would load for nothing)
        for module in mods:
            assert any(_covers(key, p) and _short(d[0]) == module for p, d in az_table.DECLARED_IN.items()), \
                f"MODULES[{key!r}] lists {module}, which declares no command under it"


def test_cmdlet_noun_table_reaches_every_cmdlet_and_alias():
    reg = pwsh_cmdlets.load_all()
    assert set(cmdlet_base.DECLARED_IN) == set(reg)
    missing = []
    for name, declared in cmdlet_base.DECLARED_IN.items():
        assert len(declared) == 1, f"{name} is declared by {declared}"
        module = _short(declared[0])
        if module not in pwsh_cmdlets.NOUNS.get(pwsh_cmdlets.noun(name), ()):
            missing.append(f'{name}: add "{pwsh_cmdlets.noun(name)}": ("{module}",) to NOUNS')
    assert not missing, "\n".join(missing)
    for key, mods in pwsh_cmdlets.NOUNS.items():
        for module in mods:
            assert any(pwsh_cmdlets.noun(n) == key and _short(d[0]) == module
                       for n, d in cmdlet_base.DECLARED_IN.items()), f"NOUNS[{key!r}] lists {module} for nothing"
    assert pwsh_cmdlets.find("get-azcontainerregistry") is reg["get-azcontainerregistry"]
    assert pwsh_cmdlets.find("Get-NoSuchThing") is None


_PROBE = """
import json, sys
from acrlab.lab import Lab
lab = Lab()
r = lab.run("az group create -n rg -l eastus -o table")
print(json.dumps({"exit": r.exit_code, "modules": sorted(sys.modules)}))
"""


def test_one_az_command_imports_only_what_it_runs():
    """A fresh process running one az command imports no other command family, and none of the heavy parts a
    command like it never uses (pwsh, templates, awk/sed/jq, the regex package, croniter; pydantic, as the tenant's
    objects are plain records; tabulate, as plain tables print without it; orjson, uuid, difflib, pkgutil)."""
    out = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True).stdout
    probe = json.loads(out)
    assert probe["exit"] == 0
    loaded = set(probe["modules"])
    az_loaded = {m for m in loaded if m.startswith("acrlab.shell.az.commands.")}
    assert az_loaded == {"acrlab.shell.az.commands.account"}
    for heavy in ("acrlab.shell.pwsh", "acrlab.iac", "lark", "regex", "croniter", "acrlab.shell.programs.awk",
                  "acrlab.shell.programs.jq", "acrlab.shell.programs.sed", "acrlab.shell.programs.kubectl",
                  "pydantic", "pydantic_core", "tabulate", "orjson", "uuid", "difflib", "pkgutil"):
        assert heavy not in loaded, heavy


def test_resource_manager_table_names_every_provider():
    """providers.MODULES maps each resource type to the module that registers its provider, for every provider
    module of the package: a new provider missing from the table fails here with its type."""
    from acrlab.engine.arm import providers
    from acrlab.engine.arm.manager import PROVIDERS

    providers.load_all()
    registered = {t: type(p).__module__.rsplit(".", 1)[1] for t, p in PROVIDERS.items()
                  if type(p).__module__.startswith(f"{providers.__name__}.")}
    assert providers.MODULES == registered


_ACR_PROBE = """
import json, sys
from acrlab.lab import Lab
r = Lab().run("az group create -n rg -l eastus -o none\\naz acr create -n probeacr1 -g rg --sku Basic -o none")
print(json.dumps({"exit": r.exit_code, "stderr": r.stderr, "modules": sorted(sys.modules)}))
"""


def test_a_registry_request_imports_only_its_provider():
    """`az acr create` loads the registries provider, not those of clusters, identities, peerings, tokens..."""
    probe = json.loads(subprocess.run([sys.executable, "-c", _ACR_PROBE], capture_output=True, text=True,
                                      check=True).stdout)
    assert probe["exit"] == 0, probe["stderr"]
    loaded = {m.rsplit(".", 1)[1] for m in probe["modules"] if m.startswith("acrlab.engine.arm.providers.")}
    assert "registries" in loaded
    for other in ("agent_pools", "managed_clusters", "managed_identities", "vnet_peerings", "tokens", "webhooks",
                  "container_groups", "role_definitions", "artifact_cache", "diagnostic_settings"):
        assert other not in loaded, other


# -- engine installers ------------------------------------------------------------------------------------------

def _engine_modules_with_install() -> dict[str, object]:
    import acrlab.engine as engine_pkg

    return {name: m for name, m in _modules(engine_pkg).items() if name != "cloud" and callable(getattr(m, "install", None))}


def _fingerprint(cloud) -> dict[str, list[str]]:
    """Every slot an install can fill, as (module, name) of each entry, in order; other state keys by type."""
    def name(fn) -> str:
        return repr(fn) if isinstance(fn, installers.Pending) else f"{fn.__module__}.{fn.__qualname__}"

    out = {f"event:{e}": [name(fn) for fn in fns] for e, fns in cloud._listeners.items() if fns}
    for key, value in cloud.state.items():
        if key == "timeline_sources":
            out.update({f"timeline:{k}": [name(fn)] for k, fn in value.items()})
        elif isinstance(value, list) and value and all(callable(v) for v in value):
            out[f"hook:{key}"] = [name(fn) for fn in value]
        else:
            out[f"state:{key}"] = [type(value).__name__]
    out["clock"] = [type(fn).__name__ for fn in cloud.clock._listeners]
    return out


def test_installer_table_lists_every_engine_install():
    found = _engine_modules_with_install()
    missing = set(found) - set(installers.LAZY) - set(installers.EAGER)
    assert not missing, f"engine modules with install(cloud) missing from engine/installers.py LAZY: {sorted(missing)}"
    assert set(found) == set(installers.LAZY) | set(installers.EAGER)
    assert not set(installers.LAZY) & set(installers.EAGER)


def test_each_lazy_install_fills_exactly_its_slots_once():
    from acrlab.engine.cloud import Cloud

    for module, slots in installers.LAZY.items():
        cloud = Cloud(seed=0)
        before = _fingerprint(cloud)
        importlib.import_module(f"acrlab.engine.{module}").install(cloud)
        after = _fingerprint(cloud)
        changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
        assert changed == set(slots), f"{module}.install changes {sorted(changed)}; installers.LAZY says {slots}"
        for slot in slots:
            grew = len(after[slot]) - len(before.get(slot, []))
            assert grew == (0 if slot.startswith("timeline:") else 1), f"{module}: {slot} grew by {grew}"


def test_lazy_installs_end_as_installing_everything_at_once():
    from acrlab.engine.cloud import Cloud

    lazy = Cloud(seed=0)
    assert all(not isinstance(fn, installers.Pending) for fn in lazy.clock._listeners)
    installers.resolve_all(lazy)
    eager = Cloud(seed=0)  # as Cloud() used to be: every install, in module-name order, on bare slots
    eager._listeners.clear()
    eager.state["timeline_sources"] = {}
    for key in [k for k, v in eager.state.items() if isinstance(v, list) and v and
                all(isinstance(e, installers.Pending) for e in v)]:
        del eager.state[key]
    eager.clock._listeners.clear()
    for _name, module in sorted(_engine_modules_with_install().items()):
        module.install(eager)
    assert _fingerprint(lazy) == _fingerprint(eager)
    assert "Pending" not in str(_fingerprint(lazy))


def test_an_install_happens_on_first_use_and_only_in_that_cloud():
    from acrlab.lab import Lab

    lab = Lab()
    assert "authorize_hooks" in lab.cloud.state and "abac" not in lab.cloud._installed
    fork = lab.fork()
    assert fork.run("az group create -n rg -l eastus").exit_code == 0
    assert "abac" in fork.cloud._installed and "abac" not in lab.cloud._installed
    assert not any(isinstance(h, installers.Pending) and h.module == "abac" for h in fork.cloud.state["authorize_hooks"])
