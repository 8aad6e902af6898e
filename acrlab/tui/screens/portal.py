"""Portal: "Create container registry" (seed 6.1) with live validation, and a registry blade."""

from __future__ import annotations

import re
import shlex

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    Select,
    Static,
    TabbedContent,
    TabPane,
)

from acrlab.engine import registries
from acrlab.engine.locations import LOCATIONS
from acrlab.engine.sku import SKU_NAMES

from ..keys import PORTAL_KEYS
from .blade import blade_text

NEW_GROUP = "__new__"
RG_NAME = re.compile(r"[-\w.()]+")
"""Azure's resource-group name characters: Unicode letters and digits, underscores, hyphens, periods, parentheses."""


def resource_group_name_problem(name: str) -> str | None:
    """Why `name` is not a valid resource-group name (Azure's rule), or None if it is."""
    if not name:
        return "Name the new resource group."
    if len(name) > 90:
        return f"✘ The name must be 1-90 characters long (it has {len(name)})."
    if not RG_NAME.fullmatch(name) or name.endswith("."):
        return ("✘ Resource group names only allow alphanumeric characters, periods, underscores, hyphens and "
                "parentheses and cannot end in a period.")
    return None


class PortalScreen(Screen):
    """Creates through the same engine by running the equivalent az command in the lab's terminal."""

    CSS_PATH = "portal.tcss"
    BINDINGS = [Binding(k.key, k.action, k.description, id=k.id) for k in PORTAL_KEYS]

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="portal-tabs", initial="tab-create"):
            with TabPane("Create container registry", id="tab-create"):
                with VerticalScroll(id="create-form"):
                    yield Static("Home > Create a resource > Containers > Container Registry", classes="crumbs")
                    yield Label("Project details", classes="section")
                    yield Static("", id="subscription", markup=False)
                    with Horizontal(classes="row"):
                        yield Label("Resource group *", classes="field")
                        yield Select([], id="rg", prompt="Select a resource group", compact=True)
                    with Horizontal(classes="row", id="new-rg-row"):
                        yield Label("New group name", classes="field")
                        yield Input(placeholder="e.g. rg-containers", id="new-rg", compact=True)
                    yield Static("", id="rg-msg", classes="msg", markup=False)
                    yield Label("Instance details", classes="section")
                    with Horizontal(classes="row"):
                        yield Label("Registry name *", classes="field")
                        yield Input(placeholder="5-50 letters and digits", id="name", max_length=60, compact=True)
                        yield Label(".azurecr.io", classes="suffix")
                    yield Static("", id="name-msg", classes="msg", markup=False)
                    with Horizontal(classes="row"):
                        yield Label("Location *", classes="field")
                        yield Select([(f"{v[0]} ({k})", k) for k, v in sorted(LOCATIONS.items(), key=lambda i: i[1][0])],
                                     id="location", value="brazilsouth", allow_blank=False, compact=True)
                    with Horizontal(classes="row"):
                        yield Label("Pricing plan *", classes="field")
                        yield Select([(s, s) for s in SKU_NAMES], id="sku", value="Standard", allow_blank=False,
                                     compact=True)
                    yield Static("", id="sku-msg", classes="msg -info", markup=False)
                    with Horizontal(classes="row"):
                        yield Label("Admin user", classes="field")
                        yield Checkbox("Enable (username + password sign-in)", False, id="admin", compact=True)
                    yield Label("The portal runs these commands in the lab terminal:", id="preview-title",
                                classes="preview")
                    yield Static("", id="command-preview", classes="preview", markup=False)
                    yield Button("Review + create", id="create", variant="primary", disabled=True, compact=True)
                    yield Static("", id="create-result", classes="result", markup=False)
            with TabPane("Container registries", id="tab-blade"):
                with Horizontal(id="blade"):
                    yield OptionList(id="registry-list")
                    with VerticalScroll(id="blade-body"):
                        yield Static("", id="blade-text")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Review + create belongs to the create tab: hide it from the footer (and the key) elsewhere."""
        if action == "create":
            return self.query_one(TabbedContent).active == "tab-create"
        return True

    @on(TabbedContent.TabActivated, "#portal-tabs")
    def _tab_changed(self) -> None:
        self.refresh_bindings()

    def on_mount(self) -> None:
        self.title = "Portal"
        self.refresh_data()
        self.query_one("#name", Input).focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    # -- data ------------------------------------------------------------------------------------
    @property
    def lab(self):
        return self.app.tenant_lab

    def refresh_data(self) -> None:
        cloud = self.lab.cloud
        where = "the open lab" if self.app.active_lab is not None else "the sandbox"
        self.query_one("#subscription", Static).update(f"Subscription: {cloud.subscription.name} ({where})")
        groups = sorted(cloud.subscription.resource_groups.values(), key=lambda g: g.name.lower())
        rg = self.query_one("#rg", Select)
        current = rg.value
        rg.set_options([(f"{g.name} ({g.location})", g.name) for g in groups] + [("(Create new)", NEW_GROUP)])
        if current in [g.name for g in groups] or current == NEW_GROUP:
            rg.value = current
        elif groups:
            rg.value = groups[0].name
        regs = self.query_one("#registry-list", OptionList)
        regs.clear_options()
        regs.add_options(sorted(r.name for r in cloud.registries.values()))
        if not regs.option_count:
            self.query_one("#blade-text", Static).update(
                f"No registries in {where} yet. Create one on the first tab (ctrl+s), or with az acr create "
                "in a lab terminal.")
        elif regs.highlighted is None:
            regs.highlighted = 0
        self.validate_form()

    # -- validation --------------------------------------------------------------------------------
    def form_values(self) -> dict:
        rg = self.query_one("#rg", Select).value
        new_rg = self.query_one("#new-rg", Input).value
        return {"name": self.query_one("#name", Input).value.strip(),
                "rg": new_rg if rg == NEW_GROUP else (rg if isinstance(rg, str) else ""),
                "new_rg": rg == NEW_GROUP,
                "location": self.query_one("#location", Select).value,
                "sku": self.query_one("#sku", Select).value,
                "admin": self.query_one("#admin", Checkbox).value}

    def validate_form(self) -> bool:
        v = self.form_values()
        cloud = self.lab.cloud
        ok = True
        name_msg = self.query_one("#name-msg", Static)
        if not v["name"]:
            name_msg.update("")
            ok = False
        else:
            check = registries.check_name(cloud, v["name"])
            if not check["nameAvailable"]:
                name_msg.update(f"✘ {check['message']}")
                ok = False
            elif v["name"] != v["name"].lower():
                name_msg.update("✘ Registry name must use only lowercase.")
                ok = False
            else:
                name_msg.update(f"✔ {v['name']}.azurecr.io is available")
            name_msg.set_class(not ok, "-error")
        rg_msg = self.query_one("#rg-msg", Static)
        self.query_one("#new-rg-row").set_class(not v["new_rg"], "-hidden")
        rg_problem = resource_group_name_problem(v["rg"]) if v["new_rg"] else None
        if rg_problem:
            rg_msg.update(rg_problem)
            ok = False
        elif not v["rg"]:
            rg_msg.update("Select a resource group, or (Create new) and name it.")
            ok = False
        elif v["new_rg"] and cloud.subscription.find_group(v["rg"]) is not None:
            rg_msg.update(f"✘ A resource group named '{v['rg']}' already exists; select it instead.")
            ok = False
        else:
            rg_msg.update("")
        sku_msg = {"Basic": "Basic: 10 GiB included, 2 webhooks; dev/test.",
                   "Standard": "Standard: 100 GiB included, 10 webhooks; most production use.",
                   "Premium": "Premium: 500 GiB, geo-replication, Private Link, CMK, content trust."}
        self.query_one("#sku-msg", Static).update(sku_msg.get(str(v["sku"]), ""))
        preview = self.query_one("#command-preview", Static)
        preview.update("\n".join(self.commands(v)) if ok else "")
        self.query_one("#preview-title").set_class(not ok, "-hidden")
        self.query_one("#create", Button).disabled = not ok
        return ok

    @staticmethod
    def commands(v: dict) -> list[str]:
        """The az commands the portal runs for the form's values."""
        q = shlex.quote
        out = []
        if v["new_rg"]:
            out.append(f"az group create --name {q(v['rg'])} --location {v['location']} -o none")
        out.append(f"az acr create --name {q(v['name'])} --resource-group {q(v['rg'])} --sku {v['sku']} "
                   f"--location {v['location']} --admin-enabled {'true' if v['admin'] else 'false'}")
        return out

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        self.validate_form()

    # -- create -----------------------------------------------------------------------------------
    @on(Button.Pressed, "#create")
    def _create_pressed(self) -> None:
        self.action_create()

    def action_create(self) -> None:
        if not self.validate_form():
            self.notify("Fix the form first.", severity="warning")
            return
        v = self.form_values()
        result_box = self.query_one("#create-result", Static)
        for cmd in self.commands(v):
            try:
                r = self.lab.run(cmd)
            except Exception as e:  # noqa: BLE001 - a simulator bug is shown, never a crash
                result_box.update(f"Deployment failed: internal error {type(e).__name__}: {e}")
                result_box.set_class(True, "-error")
                return
            if not r.ok:
                result_box.update(f"Deployment failed:\n{r.stderr.strip()}")
                result_box.set_class(True, "-error")
                return
        result_box.set_class(False, "-error")
        result_box.update(f"Deployment succeeded: {v['name']}.azurecr.io\n(recorded in the lab transcript as "
                          f"`{self.commands(v)[-1]}`)")
        self.notify(f"Created registry {v['name']}", markup=False)
        self.query_one("#name", Input).value = ""
        self.refresh_data()
        self.show_blade(v["name"])

    # -- blade ----------------------------------------------------------------------------------------
    def show_blade(self, name: str) -> None:
        self.query_one(TabbedContent).active = "tab-blade"
        regs = self.query_one("#registry-list", OptionList)
        for k in range(regs.option_count):
            if str(regs.get_option_at_index(k).prompt) == name:
                regs.highlighted = k
        self._render_blade(name)
        regs.focus()

    @on(OptionList.OptionHighlighted, "#registry-list")
    def _blade_selected(self, event: OptionList.OptionHighlighted) -> None:
        self._render_blade(str(event.option.prompt))

    def _render_blade(self, name: str) -> None:
        reg = self.lab.cloud.find_registry(name)
        text = blade_text(self.lab.cloud, reg) if reg is not None else f"Registry {name} no longer exists."
        self.query_one("#blade-text", Static).update(text)
