"""Cmdlets, one module per module family. Each module registers its cmdlets with `@cmdlet(...)`.

So that a script imports only the cmdlets it runs, `NOUNS` names the modules declaring cmdlets (or aliases) of
each noun: the part of a name after its first '-' ('azcontainerregistry' for Get-AzContainerRegistry), or a whole
alias without one ('select'). tests/test_lazy_tables.py checks it against what the modules declare: a new verb
for a noun its module already serves needs nothing; a new noun (or module) needs a line here, and the test
names it. Get-Command and Get-Help list every cmdlet (`load_all`).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from .base import REGISTRY, Cmdlet

NOUNS: dict[str, tuple[str, ...]] = {
    "%": ("core",),
    "?": ("utility",),
    "ac": ("management",),
    "azaccesstoken": ("accounts",),
    "azaccount": ("accounts",),
    "azadgroup": ("directory",),
    "azadgroupmember": ("directory",),
    "azadserviceprincipal": ("resources",),
    "azaduser": ("resources",),
    "azakscluster": ("aks",),
    "azakscredential": ("aks",),
    "azcontainerregistry": ("containerregistry", "containerregistry_data"),
    "azcontainerregistryagentpool": ("containerregistry_agentpools",),
    "azcontainerregistryexportpipeline": ("containerregistry_transfer",),
    "azcontainerregistryimportpipeline": ("containerregistry_transfer",),
    "azcontainerregistryagentpoolqueuestatus": ("containerregistry_agentpools",),
    "azcontainerregistrybuildsourceuploadurl": ("containerregistry_tasks",),
    "azcontainerregistrycredential": ("containerregistry",),
    "azcontainerregistrycredentials": ("containerregistry_sub",),
    "azcontainerregistryimage": ("containerregistry_data",),
    "azcontainerregistryipruleobject": ("containerregistry_events",),
    "azcontainerregistrymanifest": ("containerregistry_artifacts",),
    "azcontainerregistrynameavailability": ("containerregistry",),
    "azcontainerregistrynetworkrule": ("containerregistry_rules",),
    "azcontainerregistrynetworkruleset": ("containerregistry_rules",),
    "azcontainerregistryreplication": ("containerregistry_manage", "containerregistry_sub"),
    "azcontainerregistryrepository": ("containerregistry_artifacts",),
    "azcontainerregistryscopemap": ("containerregistry_manage", "containerregistry_sub"),
    "azcontainerregistrytag": ("containerregistry_artifacts",),
    "azcontainerregistrytask": ("containerregistry_tasks",),
    "azcontainerregistrytaskdetail": ("containerregistry_tasks",),
    "azcontainerregistrytoken": ("containerregistry_manage", "containerregistry_sub"),
    "azcontainerregistryusage": ("containerregistry",),
    "azcontainerregistrywebhook": ("containerregistry_events", "containerregistry_manage", "containerregistry_sub"),
    "azcontainerregistrywebhookcallbackconfig": ("containerregistry_rules",),
    "azcontainerregistrywebhookevent": ("containerregistry_events",),
    "azcontext": ("accounts",),
    "azdeployment": ("deployments",),
    "azdeploymentwhatifresult": ("deployments",),
    "azfederatedidentitycredential": ("directory",),
    "azkeyvault": ("keyvault",),
    "azkeyvaultcertificate": ("keyvault",),
    "azkeyvaultcertificateoperation": ("keyvault",),
    "azkeyvaultcertificatepolicy": ("keyvault",),
    "azprivatednsrecordconfig": ("privatedns_records",),
    "azprivatednsrecordset": ("privatedns_records",),
    "azprivatednsvirtualnetworklink": ("privatedns",),
    "azprivatednszone": ("privatedns",),
    "azprivatednszoneconfig": ("privatedns",),
    "azprivatednszonegroup": ("privatedns",),
    "azprivateendpoint": ("network",),
    "azprivatelinkserviceconnection": ("network",),
    "azprovideroperation": ("resources_operations",),
    "azpublicipaddress": ("network_publicip",),
    "azresource": ("resources_generic",),
    "azresourcegroup": ("resources",),
    "azresourcegroupdeployment": ("deployments",),
    "azresourcegroupdeploymentwhatifresult": ("deployments",),
    "azrestmethod": ("web_azrest",),
    "azroleassignment": ("resources",),
    "azroledefinition": ("directory",),
    "azsecuritypricing": ("directory",),
    "azsubscription": ("accounts",),
    "azsubscriptiondeployment": ("deployments",),
    "azsubscriptiondeploymentwhatifresult": ("deployments",),
    "azappserviceplan": ("websites",),
    "azuserassignedidentity": ("managedserviceidentity",),
    "azvirtualnetwork": ("network",),
    "azvirtualnetworkpeering": ("network_peering",),
    "azvirtualnetworksubnetconfig": ("network",),
    "azvm": ("compute",),
    "azwebapp": ("websites",),
    "cat": ("management",),
    "cd": ("management",),
    "chdir": ("management",),
    "clear": ("utility_output",),
    "cls": ("utility_output",),
    "command": ("core", "getcommand"),
    "content": ("management",),
    "date": ("utility_output",),
    "del": ("management",),
    "echo": ("utility_output",),
    "error": ("utility_output",),
    "file": ("management",),
    "fl": ("utility",),
    "foreach": ("core",),
    "ft": ("utility",),
    "gc": ("management",),
    "gcm": ("getcommand",),
    "gl": ("management",),
    "gm": ("utility_members",),
    "help": ("help",),
    "host": ("utility_output",),
    "irm": ("web",),
    "item": ("management",),
    "iwr": ("web",),
    "json": ("utility_output",),
    "list": ("utility",),
    "location": ("management",),
    "man": ("help",),
    "measure": ("utility",),
    "member": ("utility_members",),
    "null": ("utility_output",),
    "object": ("core", "utility", "utility_output"),
    "output": ("utility_output",),
    "path": ("management",),
    "pwd": ("management",),
    "restmethod": ("web",),
    "ri": ("management",),
    "rm": ("management",),
    "sc": ("management",),
    "securestring": ("utility_output",),
    "select": ("utility",),
    "sl": ("management",),
    "sleep": ("utility_output",),
    "sort": ("utility",),
    "string": ("utility_output",),
    "table": ("utility",),
    "type": ("management",),
    "verbose": ("utility_output",),
    "warning": ("utility_output",),
    "webrequest": ("web",),
    "where": ("utility",),
    "write": ("utility_output",),
}
"""lower-case noun (or alias) -> the modules declaring cmdlets with it."""


@cache
def load_all() -> dict[str, Cmdlet]:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name != "base":
            importlib.import_module(f"{__name__}.{info.name}")
    return REGISTRY


def noun(name: str) -> str:
    """The key of `name` in NOUNS."""
    low = name.lower()
    return low.split("-", 1)[1] if "-" in low else low


def find(name: str) -> Cmdlet | None:
    low = name.lower()
    c = REGISTRY.get(low)
    if c is None:
        for module in NOUNS.get(noun(low), ()):
            importlib.import_module(f"{__name__}.{module}")
        c = REGISTRY.get(low)
    return c
