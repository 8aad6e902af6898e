"""Pure helpers: completion from the az COMMANDS table, the tenant view, keymaps, learn pages."""

from __future__ import annotations

from acrlab import Lab
from acrlab.completion import complete
from acrlab.tui.keys import ALL_KEYS, load_keymap
from acrlab.tui.learn import pages
from acrlab.tui.tenant import TenantView

PROGRAMS = ["az", "docker", "ls", "echo"]


def test_complete_az_group_and_command_names():
    assert complete("a", PROGRAMS).line == "az "
    c = complete("az acr c", PROGRAMS)
    assert {"create", "check-name", "credential"} <= set(c.candidates)
    assert complete("az acr crea", PROGRAMS).line == "az acr create "


def test_complete_flags_and_choices_from_arg_specs():
    c = complete("az acr create --s", PROGRAMS)
    assert c.candidates == ["--sku", "--subscription"]
    assert complete("az acr create --sku P", PROGRAMS).line == "az acr create --sku Premium "
    assert complete("az acr create -n x --admin-enabled ", PROGRAMS).candidates == ["false", "true"]


def test_complete_skips_flags_already_given():
    c = complete("az acr create --name x --", PROGRAMS)
    assert "--name" not in c.candidates and "--sku" in c.candidates


def test_complete_after_a_pipe_and_unknown_words():
    assert complete("echo hi | a", PROGRAMS).line == "echo hi | az "
    assert complete("az nosuchgroup ", PROGRAMS).candidates == []


def test_tenant_view_shows_groups_registries_tags_digests_and_shared_layers():
    lab = Lab(seed=0)
    lab.run("az group create -n rg -l eastus -o none && az acr create -n reg00001 -g rg --sku Basic -o none")
    lab.run("az acr login -n reg00001 && docker pull alpine && docker tag alpine reg00001.azurecr.io/a:v1 "
            "&& docker push reg00001.azurecr.io/a:v1 && docker tag alpine reg00001.azurecr.io/b:v1 "
            "&& docker push reg00001.azurecr.io/b:v1")
    view = TenantView(lab.cloud)
    labels = {n.label for n in view.children(("sub",))}
    assert "Resource group: rg (eastus)" in labels
    reg_children = {n.key[0]: n for n in view.children(("reg", "reg00001"))}
    assert reg_children["repos"].label == "Repositories (2)"
    assert reg_children["layers"].label.startswith("Shared layers (") and reg_children["layers"].expandable
    repo = view.children(("repo", "reg00001", "a"))
    assert any(n.label.startswith("tag v1 -> ") for n in repo)
    manifest = next(n for n in repo if n.key[0] == "manifest")
    layers = view.children(manifest.key)
    assert layers and any("shared x2" in n.label for n in layers)
    rbac = view.children(("rbac", lab.cloud.subscription.id))
    assert rbac[0].label == "Owner -> learner@contoso.onmicrosoft.com"


def test_group_role_assignments_show_the_group_name_in_explorer_blade_and_notebook():
    from acrlab import notebook
    from acrlab.tui.screens.blade import blade_text

    # given: an Entra group holds AcrPush on a registry
    lab = Lab(seed=0)
    lab.run("az group create -n rg -l eastus -o none && az acr create -n reg00001 -g rg --sku Basic -o none")
    gid = lab.run("az ad group create --display-name 'ACR Pushers' --mail-nickname acrpushers -o json").json()["id"]
    reg = lab.cloud.find_registry("reg00001")
    r = lab.run(f"az role assignment create --assignee {gid} --role AcrPush --scope {reg.id} -o none")
    assert r.exit_code == 0, r.stderr
    # then: every view names the group, not its object id
    nodes = TenantView(lab.cloud).children(("rbac", reg.id))
    assert [n.label for n in nodes] == ["AcrPush -> ACR Pushers (group)"]
    assert "principal: ACR Pushers (Group)" in nodes[0].detail and gid in nodes[0].detail
    blade = blade_text(lab.cloud, reg)
    assert "ACR Pushers  (group)" in blade and gid not in blade
    table = notebook.role_assignments("reg00001", the_lab=lab)
    assert "<td>ACR Pushers</td><td>Group</td><td><b>AcrPush</b>" in table.body and gid not in table.body


def test_keymap_file_remaps_known_ids_and_reports_unknown(tmp_path):
    path = tmp_path / "keys.toml"
    path.write_text('[keys]\ncheck = "ctrl+k"\nnope = "x"\n')
    keymap, problems = load_keymap(path)
    assert keymap == {"check": "ctrl+k"}
    assert len(problems) == 1 and "nope" in problems[0]
    bad = tmp_path / "bad.toml"
    bad.write_text("[keys\n")
    assert load_keymap(bad)[0] == {} and load_keymap(bad)[1]
    assert len({k.id for k in ALL_KEYS}) == len(ALL_KEYS)


def test_learn_pages_cover_the_seed_sections():
    ps = pages()
    assert len(ps) >= 10
    sections = {p.section for p in ps}
    assert {"3.1", "3.2", "3.3", "3.4", "5", "6.1", "7", "8", "9", "11", "13"} <= sections
    assert all(p.body.startswith("# ") for p in ps)
