"""az command modules, one per resource family; each declares its commands with @command.

`MODULES` says which modules to import for a command line, so `az group create` imports only the group
commands: a key is a prefix of command paths (a group such as "acr token", or one command such as
"acr build"), its value the modules declaring commands under it. `az` imports the modules of every key that
is a prefix of the words typed, so each command must be listed under its group, itself or a shorter prefix.
Help for a group, completion and coverage import every module. tests/test_lazy_tables.py checks this table
against the commands the modules declare (a new command in a group its module already serves needs nothing;
a new module or a new group needs a line here, and the test names it).
"""

MAX_DEPTH = 6
"""The longest command path az looks up (`find_command`)."""

MODULES: dict[str, tuple[str, ...]] = {
    "account": ("account", "provider"),
    "acr": ("acr",),
    "acr agentpool": ("agentpool",),
    "acr build": ("build",),
    "acr cache": ("acr_cache",),
    "acr check-health": ("acr_security",),
    "acr config authentication-as-arm": ("config",),
    "acr config content-trust": ("acr_security",),
    "acr config retention": ("config",),
    "acr config soft-delete": ("config",),
    "acr credential": ("acr",),
    "acr credential-set": ("acr_cache",),
    "acr encryption": ("acr_security",),
    "acr identity": ("acr_security",),
    "acr import": ("acr_import",),
    "acr login": ("acr_login",),
    "acr manifest": ("manifest", "softdelete"),
    "acr network-rule": ("network_rule",),
    "acr private-endpoint-connection": ("private_endpoint",),
    "acr private-link-resource": ("private_endpoint",),
    "acr export-pipeline": ("acrtransfer",),
    "acr import-pipeline": ("acrtransfer",),
    "acr pipeline-run": ("acrtransfer_runs",),
    "acr replication": ("replication",),
    "acr repository": ("repository", "softdelete"),
    "acr run": ("run",),
    "acr scope-map": ("scope_map",),
    "acr task": ("task", "task_runs"),
    "acr task credential": ("task_identity",),
    "acr task identity": ("task_identity",),
    "acr task timer": ("task_runs",),
    "acr taskrun": ("taskrun",),
    "acr token": ("token",),
    "acr webhook": ("webhook",),
    "ad group": ("ad_group",),
    "ad signed-in-user": ("ad",),
    "ad sp": ("ad",),
    "ad user": ("ad",),
    "aks": ("aks",),
    "bicep": ("deployment",),
    "config": ("az_config",),
    "configure": ("account",),
    "container": ("container",),
    "deployment": ("deployment",),
    "extension": ("offline",),
    "feedback": ("offline",),
    "find": ("offline",),
    "group": ("account",),
    "group deployment": ("deployment",),
    "identity": ("identity",),
    "interactive": ("offline",),
    "keyvault": ("keyvault", "keyvault_secret"),
    "keyvault certificate": ("keyvault_certificate",),
    "lock": ("lock",),
    "login": ("account",),
    "logout": ("account",),
    "network nic": ("network_nic",),
    "network private-dns": ("private_dns",),
    "network private-endpoint": ("private_endpoint",),
    "network vnet": ("network",),
    "network vnet peering": ("network_peering",),
    "policy": ("policy",),
    "provider": ("provider",),
    "resource": ("resource",),
    "role": ("role",),
    "security pricing": ("security",),
    "self-test": ("offline",),
    "storage": ("storage",),
    "storage blob": ("storage_blob",),
    "upgrade": ("offline",),
    "version": ("offline",),
    "vm": ("vm",),
}
"""command-path prefix -> the modules declaring commands under it."""
