"""az storage account create|show|list|delete, az storage account keys list|renew and az storage container
create|list|show|delete|exists|generate-sas: what ACR Transfer's pages use (docs container-registry-transfer-*.md).

Accounts are resource-manager requests (engine/arm/providers/storage_accounts.py); containers and SAS tokens are the
Blob service's (engine/storage.py), reached as azure-cli's storage module does (azure-cli src/azure-cli/azure/cli/
command_modules/storage/_validators.py validate_client_parameters): --account-key, --sas-token or --auth-mode login,
and without any of them the account key is queried with the caller's own listKeys permission, with az's warning."""

from __future__ import annotations

from ....engine import groups
from ....engine import storage as st
from ....engine.arm import send
from ....engine.errors import CliError
from ..framework import Arg, command, group

group("storage", "Manage Azure Cloud Storage resources.")
group("storage account", "Manage storage accounts.")
group("storage account keys", "Manage storage account keys.")
group("storage container", "Manage blob storage containers.")

KEY_WARNING = (
    "\nThere are no credentials provided in your command and environment, we will query for account key for your "
    "storage account.\nIt is recommended to provide --connection-string, --account-key or --sas-token in your command "
    "as credentials.\n\nYou also can add `--auth-mode login` in your command to use Azure Active Directory (Azure AD) "
    "for authorization if your login account is assigned required RBAC roles.\nFor more information about RBAC roles "
    "in storage, visit https://learn.microsoft.com/azure/storage/common/storage-auth-aad-rbac-cli.\n\nIn addition, "
    "setting the corresponding environment variables can avoid inputting credentials in your command. Please use "
    "--help to get more information about environment variable usage.")
RG = Arg("resource_group", "--resource-group -g", "Name of resource group. You can configure the default group using "
         "`az configure --defaults group=<name>`.", default_key="group")
ACCOUNT = Arg("account_name", "--account-name", "Storage account name. Related environment variable: "
              "AZURE_STORAGE_ACCOUNT.")
AUTH = [Arg("account_key", "--account-key", "Storage account key. Must be used in conjunction with storage account "
            "name. Environment variable: AZURE_STORAGE_KEY"),
        Arg("sas_token", "--sas-token", "A Shared Access Signature (SAS). Must be used in conjunction with storage "
            "account name. Environment variable: AZURE_STORAGE_SAS_TOKEN"),
        Arg("auth_mode", "--auth-mode", "The mode in which to run the command. \"login\" mode will directly use your "
            "login credentials for the authentication. The legacy \"key\" mode will attempt to query for an account "
            "key if no authentication parameters for the account are provided. Environment variable: "
            "AZURE_STORAGE_AUTH_MODE", choices=["key", "login"])]


def _account_id(ctx, rg: str, name: str) -> str:
    return (f"/subscriptions/{ctx.subscription.subscription_id}/resourceGroups/{rg}/providers/{st.TYPE}/"
            f"{name}")


def account_of(ctx, name: str | None) -> st.StorageAccount:
    if not name:
        raise CliError("Missing account name. Please provide storage account name or connection string.",
                       code="RequiredArgumentMissing")
    account = st.find_account(ctx.cloud, name)
    if account is None:
        raise CliError(f"Storage account '{name}' not found.", code="ResourceNotFound", status=404)
    return account


def credential(ctx, a) -> tuple[st.StorageAccount, st.Credential]:
    """The account and how the command authenticates to its Blob service."""
    env = ctx.sh.env if hasattr(ctx.sh, "env") else {}
    name = a.account_name or env.get("AZURE_STORAGE_ACCOUNT")
    account = account_of(ctx, name)
    if a.get("auth_mode") == "login":
        return account, st.Credential(kind="login", principal=ctx.principal)
    key = a.get("account_key") or env.get("AZURE_STORAGE_KEY")
    if key:
        return account, st.Credential(kind="key", secret=key)
    sas = a.get("sas_token") or env.get("AZURE_STORAGE_SAS_TOKEN")
    if sas:
        return account, st.Credential(kind="sas", secret=sas.lstrip("?"))
    ctx.warn(KEY_WARNING)
    keys = send(ctx.cloud, ctx.principal, "POST", account.id, action="listKeys").body["keys"]
    return account, st.Credential(kind="key", secret=keys[0]["value"])


def account_json(arm: dict) -> dict:
    """A StorageAccount model as az prints it (properties flattened, with its resource group)."""
    props = arm["properties"]
    out = {k: v for k, v in arm.items() if k != "properties"}
    out.update(props)
    out["resourceGroup"] = arm["id"].split("/")[4]
    for k in ("secondaryEndpoints", "secondaryLocation", "statusOfSecondary", "routingPreference", "sasPolicy",
              "keyPolicy", "identity", "extendedLocation", "customDomain", "isHnsEnabled"):
        out.setdefault(k, None)
    return out


@command("storage account create", "Create a storage account.", [
    Arg("name", "--name -n", "The storage account name.", required=True),
    Arg("resource_group", "--resource-group -g", "Name of resource group.", required=True, default_key="group"),
    Arg("location", "--location -l", "Location. Values from: `az account list-locations`. You can configure the "
        "default location using `az configure --defaults location=<location>`.", default_key="location"),
    Arg("sku", "--sku", "The storage account SKU.", default="Standard_RAGRS", choices=list(st.SKUS)),
    Arg("kind", "--kind", "Indicate the type of storage account.", default="StorageV2", choices=list(st.KINDS)),
    Arg("access_tier", "--access-tier", "The access tier used for billing StandardBlob accounts.",
        choices=["Cool", "Hot", "Premium", "Cold"]),
    Arg("allow_blob_public_access", "--allow-blob-public-access", "Allow or disallow public access to all blobs or "
        "containers in the storage account.", kind="bool"),
    Arg("min_tls_version", "--min-tls-version", "The minimum TLS version to be permitted on requests to storage.",
        choices=["TLS1_0", "TLS1_1", "TLS1_2", "TLS1_3"]),
    Arg("https_only", "--https-only", "Allow https traffic only to storage service if set to true.", kind="bool"),
    Arg("tags", "--tags", "Space-separated tags: key[=value] [key[=value] ...].", kind="list"),
], examples=[("Create a storage account 'mystorageaccount' in resource group 'MyResourceGroup' in the West US region "
              "with locally redundant storage.", "az storage account create -n mystorageaccount -g MyResourceGroup "
              "-l westus --sku Standard_LRS")])
def account_create(ctx, a):
    location = a.location or groups.location(ctx.cloud, ctx.principal, a.resource_group, ctx.subscription.subscription_id)
    props = {k: v for k, v in (("accessTier", a.access_tier), ("allowBlobPublicAccess", a.allow_blob_public_access),
                               ("minimumTlsVersion", a.min_tls_version),
                               ("supportsHttpsTrafficOnly", a.https_only)) if v is not None}
    tags = dict(t.split("=", 1) if "=" in t else (t, "") for t in a.tags or [])
    body = {"location": location, "sku": {"name": a.sku}, "kind": a.kind, "tags": tags, "properties": props}
    return account_json(send(ctx.cloud, ctx.principal, "PUT", _account_id(ctx, a.resource_group, a.name),
                             body).body)


def _resolve_rg(ctx, a) -> str:
    if a.resource_group:
        return a.resource_group
    account = account_of(ctx, a.name)
    return account.resource_group


@command("storage account show", "Show storage account properties.", [
    Arg("name", "--name -n", "The storage account name.", required=True), RG])
def account_show(ctx, a):
    return account_json(send(ctx.cloud, ctx.principal, "GET", _account_id(ctx, _resolve_rg(ctx, a), a.name)).body)


@command("storage account list", "List storage accounts.", [RG])
def account_list(ctx, a):
    sub = f"/subscriptions/{ctx.subscription.subscription_id}"
    scope = f"{sub}/resourceGroups/{a.resource_group}" if a.resource_group else sub
    return [account_json(x) for x in send(ctx.cloud, ctx.principal, "GET", f"{scope}/providers/{st.TYPE}").body["value"]]


@command("storage account delete", "Delete a storage account.", [
    Arg("name", "--name -n", "The storage account name.", required=True), RG,
    Arg("yes", "--yes -y", "Do not prompt for confirmation.", kind="flag")])
def account_delete(ctx, a):
    ctx.confirm(f"The storage account '{a.name}' will be permanently deleted. Are you sure you want to proceed?")
    send(ctx.cloud, ctx.principal, "DELETE", _account_id(ctx, _resolve_rg(ctx, a), a.name))


def _keys(ctx, a, action: str, body: dict | None = None) -> list:
    rg = a.resource_group or account_of(ctx, a.account_name).resource_group
    keys = send(ctx.cloud, ctx.principal, "POST", _account_id(ctx, rg, a.account_name), body, action=action).body
    return keys["keys"]


@command("storage account keys list", "List the access keys or Kerberos keys (if active directory enabled) for a "
         "storage account.", [Arg("account_name", "--account-name -n", "The storage account name.", required=True),
                              RG], examples=[("List the access keys for a storage account.",
                                              "az storage account keys list -g MyResourceGroup -n MyStorageAccount")])
def keys_list(ctx, a):
    return _keys(ctx, a, "listKeys")


@command("storage account keys renew", "Regenerate one of the access keys or Kerberos keys (if active directory "
         "enabled) for a storage account.", [
             Arg("account_name", "--account-name -n", "The storage account name.", required=True), RG,
             Arg("key", "--key", "The key options to regenerate.", required=True, choices=["primary", "secondary"])])
def keys_renew(ctx, a):
    return _keys(ctx, a, "regenerateKey", {"keyName": "key1" if a.key == "primary" else "key2"})


# -- containers ----------------------------------------------------------------------------------------------------

def container_json(c: st.Container) -> dict:
    return {"deleted": None, "encryptionScope": {"defaultEncryptionScope": "$account-encryption-key",
                                                  "preventEncryptionScopeOverride": False},
            "immutableStorageWithVersioningEnabled": False, "metadata": dict(c.metadata) or None, "name": c.name,
            "properties": {"etag": f'"{c.etag}"', "hasImmutabilityPolicy": False, "hasLegalHold": False,
                           "lastModified": c.created.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
                           "lease": {"duration": None, "state": "available", "status": "unlocked"},
                           "publicAccess": c.public_access and c.public_access.lower()},
            "version": None}


def container_table(result):
    rows = result if isinstance(result, list) else [result]
    return [{"Name": r["name"], "Lease Status": r["properties"]["lease"]["status"],
             "Last Modified": r["properties"]["lastModified"]} for r in rows]


NAME = Arg("container_name", "--name -n", "The container name.", required=True)


@command("storage container create", "Create a container in a storage account.", [
    NAME, ACCOUNT, *AUTH,
    Arg("public_access", "--public-access", "Specifies whether data in the container may be accessed publicly.",
        choices=["blob", "container", "off"]),
    Arg("fail_on_exist", "--fail-on-exist", "Throw an exception if the container already exists.", kind="flag"),
], examples=[("Create a storage container in a storage account.",
              "az storage container create -n mystoragecontainer --account-name mystorageccount")])
def container_create(ctx, a):
    account, cred = credential(ctx, a)
    access = None if a.public_access in (None, "off") else a.public_access.capitalize()
    created = st.create_container(ctx.cloud, account, a.container_name, cred, access)
    if not created and a.fail_on_exist:
        raise st.StorageError("ContainerAlreadyExists", "The specified container already exists.", 409)
    return {"created": created}


@command("storage container list", "List containers in a storage account.", [ACCOUNT, *AUTH],
         table=container_table)
def container_list(ctx, a):
    account, cred = credential(ctx, a)
    return [container_json(c) for c in st.list_containers(ctx.cloud, account, cred)]


@command("storage container show", "Return all user-defined metadata and system properties for the specified "
         "container.", [NAME, ACCOUNT, *AUTH], table=container_table)
def container_show(ctx, a):
    account, cred = credential(ctx, a)
    return container_json(st.show_container(ctx.cloud, account, a.container_name, cred))


@command("storage container exists", "Check for the existence of a storage container.", [NAME, ACCOUNT, *AUTH])
def container_exists(ctx, a):
    account, cred = credential(ctx, a)
    return {"exists": st.container_exists(ctx.cloud, account, a.container_name, cred)}


@command("storage container delete", "Mark the specified container for deletion.", [NAME, ACCOUNT, *AUTH])
def container_delete(ctx, a):
    account, cred = credential(ctx, a)
    return {"deleted": st.delete_container(ctx.cloud, account, a.container_name, cred)}


@command("storage container generate-sas", "Generate a SAS token for a storage container.", [
    NAME, ACCOUNT, Arg("account_key", "--account-key", "Storage account key. Must be used in conjunction with storage "
                       "account name. Environment variable: AZURE_STORAGE_KEY"),
    Arg("expiry", "--expiry", "Specifies the UTC datetime (Y-m-d'T'H:M'Z') at which the SAS becomes invalid. Do not "
        "use if a stored access policy is referenced with --id that specifies this value."),
    Arg("permissions", "--permissions", "The permissions the SAS grants. Allowed values: (a)dd (c)reate (d)elete "
        "(e)xecute (f)ilter_by_tags (i)set_immutability_policy (l)ist (m)ove (r)ead (t)ag (w)rite (x)delete_previous"
        "_version (y)permanent_delete. Do not use if a stored access policy is referenced with --id that specifies "
        "this value. Can be combined."),
    Arg("start", "--start", "Specifies the UTC datetime (Y-m-d'T'H:M'Z') at which the SAS becomes valid. Do not use "
        "if a stored access policy is referenced with --id that specifies this value. Defaults to the time of the "
        "request."),
    Arg("https_only", "--https-only", "Only permit requests made with the HTTPS protocol. If omitted, requests from "
        "both the HTTP and HTTPS protocol are permitted.", kind="flag"),
    Arg("ip", "--ip", "Specifies the IP address or range of IP addresses from which to accept requests."),
], examples=[("Generate a sas token for blob container and use it to upload a blob.",
              "end=`date -u -d \"30 minutes\" '+%Y-%m-%dT%H:%MZ'`\nsas=`az storage container generate-sas -n "
              "mycontainer --account-name mystorageaccount --https-only --permissions dlrw --expiry $end -o tsv`")])
def container_generate_sas(ctx, a):
    for value, what in ((a.expiry, "expiry"), (a.start, "start")):
        if value is not None and st.parse_time(value) is None:
            raise CliError(f"Input '{value}' of --{what} not in supported format: (Y-m-d'T'H:M:S'Z', Y-m-d'T'H:M'Z', "
                           "Y-m-d)")
    if not a.expiry:
        raise CliError("'expiry' parameter must be provided when not using a stored access policy.")
    try:
        permissions = st.canonical_permissions(a.permissions or "")
    except ValueError:
        raise CliError("valid values are {(r)ead, (a)dd, (c)reate, (w)rite, (d)elete, (x)delete_previous_version, "
                       "(y)permanent_delete, (l)ist, (t)ag, (f)ilter_by_tags, (m)ove, (e)xecute, (o)wnership, "
                       "(p)ermissions, (i)set_immutability_policy} or a combination thereof.") from None
    if not permissions:
        raise CliError("'permission' parameter must be provided when not using a stored access policy.")
    account = account_of(ctx, a.account_name)
    key = a.account_key
    if not key:
        ctx.warn(KEY_WARNING)
        key = send(ctx.cloud, ctx.principal, "POST", account.id, action="listKeys").body["keys"][0]["value"]
    return st.container_sas(account, a.container_name, key, permissions, a.expiry, a.start, a.https_only, a.ip)
