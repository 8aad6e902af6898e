"""The functions of the template language that depend on where and what is being deployed (resourceGroup(),
resourceId(), reference(), copyIndex(), parameters(), variables() ...)."""

from __future__ import annotations

from typing import Any

from ..engine.arm import send
from ..engine.cloud import Cloud
from ..engine.errors import arm_not_found_message
from ..engine.tenant import Principal
from . import providers
from .errors import TemplateError
from .template import Template


class EvalContext:
    """The functions of the template language that depend on where and what is being deployed."""

    def __init__(self, cloud: Cloud, caller: Principal, rg, tpl: Template, name: str):
        self.cloud, self.caller, self.rg, self.tpl, self.name = cloud, caller, rg, tpl, name
        self.location: str | None = None
        """Subscription deployments: the deployment's location (deployment().location)."""
        self.parameter_values: dict[str, Any] = {}
        self.variable_values: dict[str, Any] = {}
        self.evaluating: set[str] = set()
        self.copy_index: int | None = None
        self.copy_names: dict[str | None, int] = {}
        """Loop name -> current index, for property/variable/output copy loops (copyIndex('name'))."""
        self.lambda_vars: dict[str, Any] = {}
        self.skipped_ids: set[str] = set()
        """Ids of resources whose condition is false (Complete mode does not delete them)."""
        self.symbols: dict[str, tuple[str, str, str]] = {}
        """languageVersion 2.0: symbolic name (`name[i]` inside loops) -> (type, id, apiVersion)."""
        self.planned: dict[str, dict] = {}
        """Resource bodies this deployment will create (what-if and validation read these)."""
        sub = cloud.subscription
        self.table = {
            "parameters": self.parameters, "variables": self.variables, "resourcegroup": self.resource_group,
            "subscription": lambda *a: {"id": sub.id, "subscriptionId": sub.subscription_id,
                                        "tenantId": sub.tenant_id, "displayName": sub.name},
            "tenant": lambda: {"tenantId": cloud.tenant.tenant_id, "displayName": "Contoso"},
            "deployment": lambda: {"name": name, "properties": {"templateLink": None},
                                   **({"location": self.location} if self.location else {})},
            "environment": lambda: {"name": "AzureCloud", "suffixes": {"acrLoginServer": ".azurecr.io"},
                                    "resourceManager": "https://management.azure.com/"},
            "resourceid": self.resource_id, "subscriptionresourceid": self.subscription_resource_id,
            "extensionresourceid": lambda base, t, *names: f"{base}/providers/{_typed(t, names)}",
            "tenantresourceid": lambda t, *names: f"/providers/{_typed(t, names)}",
            "reference": self.reference, "copyindex": self.copyindex, "utcnow": lambda *f: cloud.clock.now().strftime(
                "%Y%m%dT%H%M%SZ"), "newguid": cloud.ids.guid, "lambdavariables": lambda n: self.lambda_vars[n],
            "listcredentials": self.list_credentials, "listkeys": self.list_credentials,
        }

    def function(self, name: str):
        return self.table.get(name)

    def parameters(self, name: str):
        if name not in self.parameter_values:
            # names are case-insensitive: the Azure/acr image-transfer templates read keyVaultName as 'KeyVaultName'
            found = next((k for k in self.parameter_values if k.lower() == str(name).lower()), None)
            if found is not None:
                return self.parameter_values[found]
            raise TemplateError(f"The template parameter '{name}' is not found. Please see "
                                "https://aka.ms/arm-syntax-parameters for usage details.")
        return self.parameter_values[name]

    def variables(self, name: str):
        from .arm_functions import evaluate_value
        if name in self.variable_values:
            return self.variable_values[name]
        declared = self.tpl.body.get("variables") or {}
        block = next((b for b in declared.get("copy") or [] if isinstance(b, dict) and b.get("name") == name), None)
        if block is not None and isinstance(declared.get("copy"), list):
            from .arm_functions import copy_loop
            self.variable_values[name] = copy_loop(block, self)
            return self.variable_values[name]
        if name not in declared:
            raise TemplateError(f"The template variable '{name}' is not found. Please see "
                                "https://aka.ms/arm-syntax-variables for usage details.")
        if name in self.evaluating:
            raise TemplateError(f"The template variable '{name}' has a circular reference.")
        self.evaluating.add(name)
        value = evaluate_value(declared[name], self)
        self.evaluating.discard(name)
        self.variable_values[name] = value
        return value

    def resource_group(self, *args):
        rg = self.rg
        if rg is None:
            raise TemplateError("The template function 'RESOURCEGROUP' is not expected at this location. Please see "
                                "https://aka.ms/arm-functions for usage details.")
        return {"id": rg.id, "name": rg.name, "type": "Microsoft.Resources/resourceGroups", "location": rg.location,
                "managedBy": rg.managed_by, "tags": dict(rg.tags), "properties": {"provisioningState": "Succeeded"}}

    def resource_id(self, *args):
        args = [str(a) for a in args]
        idx = next((i for i, a in enumerate(args) if "/" in a and "." in a.split("/")[0]), None)
        if idx is None:
            raise TemplateError("Unable to evaluate template language function 'resourceId': function requires "
                                "fully qualified resource type as one of first three arguments.")
        sub, rg = self.cloud.subscription.subscription_id, self.rg.name if self.rg is not None else None
        if idx == 0 and rg is None:
            return self.subscription_resource_id(*args)
        if idx == 2:
            sub, rg = args[0], args[1]
        elif idx == 1:
            rg = args[0]
        return f"/subscriptions/{sub}/resourceGroups/{rg}/providers/{_typed(args[idx], args[idx + 1:])}"

    def subscription_resource_id(self, *args):
        args = [str(a) for a in args]
        sub = self.cloud.subscription.subscription_id
        if "/" not in args[0]:
            sub, args = args[0], args[1:]
        return f"/subscriptions/{sub}/providers/{_typed(args[0], args[1:])}"

    def resource_id_for(self, rtype: str, name: str, scope: str) -> str:
        names = name.split("/")
        here = self.rg.id if self.rg is not None else self.cloud.subscription.id
        if rtype.lower() in ("microsoft.graph/groups", "microsoft.graph/users"):  # Graph: tenant objects by key
            return f"/providers/{rtype}/{name}"
        if rtype.lower() == "microsoft.resources/resourcegroups" and not scope and self.rg is None:
            return f"{self.cloud.subscription.id}/resourceGroups/{name}"
        if scope:
            base = scope if scope.startswith("/") else f"{here}/providers/{scope}"
            return f"{base}/providers/{_typed(rtype, names)}"
        return f"{here}/providers/{_typed(rtype, names)}"

    def reference(self, target, api: str | None = None, full: str | None = None):
        rid = str(target)
        if rid in self.symbols:
            rid = self.symbols[rid][1]
        elif not rid.startswith("/"):
            rid = self.resource_id_for(self._type_of(rid), rid, "")
        body = self.planned.get(rid.lower()) or providers.current(self.cloud, rid)
        if body is None:
            p = providers.parse_id(rid)
            raise TemplateError(arm_not_found_message(f"{p['type']}/{'/'.join(p['names'])}", p['rg'] or getattr(self.rg, 'name', '')))
        if full and str(full).lower() == "full":
            return body
        return body.get("properties", {})

    def _type_of(self, name: str) -> str:
        for r in self.tpl.body.get("resources") or []:
            if isinstance(r, dict) and str(r.get("name")) == name:
                return r.get("type", "")
        return ""

    def copyindex(self, *args):
        offset = next((a for a in args if isinstance(a, int) and not isinstance(a, bool)), 0)
        loop = next((a for a in args if isinstance(a, str)), None)
        if loop is not None:
            if loop not in self.copy_names:
                raise TemplateError(f"The template function 'copyIndex' has an invalid loop name '{loop}'.")
            return self.copy_names[loop] + offset
        if None in self.copy_names:
            return self.copy_names[None] + offset
        if self.copy_index is None:
            raise TemplateError("The template function 'copyIndex' is not expected at this location.")
        return self.copy_index + offset

    def list_credentials(self, rid, api=None):
        """listCredentials(): the POST action, as the deploying principal."""
        return send(self.cloud, self.caller, "POST", str(rid), action="listCredentials").body

    def lambda_call(self, fn: str, items, lam):
        from .arm_expr import Call
        from .arm_functions import evaluate
        if not (isinstance(lam, Call) and lam.name.lower() == "lambda" and len(lam.args) == 2):
            raise TemplateError(f"The template function '{fn}' expects a lambda as its second parameter.")
        var = lam.args[0]
        out = []
        for item in items:
            self.lambda_vars[var] = item
            value = evaluate(lam.args[1], self)
            if fn == "map":
                out.append(value)
            elif value:
                out.append(item)
        return out


def _typed(rtype: str, names) -> str:
    ns, *types = rtype.split("/")
    names = [str(n) for n in names]
    if len(names) != len(types):
        raise TemplateError(f"Unable to evaluate template language function 'resourceId': the type '{rtype}' "
                            f"requires '{len(types)}' resource name argument(s).")
    return ns + "".join(f"/{t}/{n}" for t, n in zip(types, names, strict=True))
