"""Azure Storage, as much as ACR Transfer needs: storage accounts (Microsoft.Storage/storageAccounts) with their two
account keys, blob containers and block blobs, and the data plane's three ways in: an account key, a shared access
signature (SAS) signed with one, or an Entra identity with a Storage Blob Data role.

The account and container resources are requests to the resource manager (arm/providers/storage_accounts.py);
this module holds the models and the blob data plane. Rules, each with its source:
- Account names: 3-24 characters, digits and lower-case letters, unique in Azure (Storage REST API
  StorageAccounts_Create; az storage account check-name). Defaults of a new account as a 2026 recording shows them
  (azure-cli-extensions src/acrtransfer tests/latest/recordings/test_acr_export_pipeline_sas_token.yaml):
  StorageV2, Hot, TLS1_2, HTTPS only, blob public access off, keys key1/key2 with FULL permissions.
- Container names: 3-63 characters, lower-case letters, digits and single hyphens, starting with a letter or digit
  (Blob service REST API "Naming and Referencing Containers, Blobs, and Metadata").
- A service SAS is signed with HMAC-SHA256 over the string-to-sign of the Blob service REST API "Create a service
  SAS" (version 2020-12-06 and later: sp, st, se, canonicalized resource, si, sip, spr, sv, sr, snapshot, ses,
  rscc, rscd, rsce, rscl, rsct); the service recomputes it with the account's keys, so a regenerated key revokes
  every SAS signed with it, and checks expiry, protocol and the permission each operation needs (r read, a add,
  c create, w write, d delete, l list).
- Entra callers need the data actions of Storage Blob Data Reader/Contributor
  (Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read|write|delete|add/action)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, quote

from pydantic import BaseModel, Field

from .errors import AzureError

if TYPE_CHECKING:
    from .cloud import Cloud
    from .tenant import Principal

TYPE = "Microsoft.Storage/storageAccounts"
CONTAINERS = f"{TYPE}/blobServices/containers"
BLOBS = f"{CONTAINERS}/blobs"
SAS_VERSION = "2022-11-02"
"""The x-ms-version azure-cli's storage data-plane SDK signs with (azure-storage-blob 12.x)."""
ACCOUNT_NAME = re.compile(r"[a-z0-9]{3,24}")
CONTAINER_NAME = re.compile(r"(?=.{3,63}$)[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*")
PERMISSION_ORDER = "racwdxyltfmeopi"
"""The order a SAS lists its permissions in (azure-storage-blob ContainerSasPermissions.__str__)."""
SKUS = ("Standard_LRS", "Standard_GRS", "Standard_RAGRS", "Standard_ZRS", "Premium_LRS", "Premium_ZRS",
        "Standard_GZRS", "Standard_RAGZRS")
KINDS = ("StorageV2", "Storage", "BlobStorage", "FileStorage", "BlockBlobStorage")


class StorageError(AzureError):
    """A Blob service refusal: its error code, the service's message and the HTTP status (printed bare by az)."""

    def __init__(self, code: str, message: str, status: int):
        super().__init__(f"{message}\nErrorCode:{code}", code=code, status=status, arm=False)


class Blob(BaseModel):
    name: str
    content: bytes
    content_type: str = "application/octet-stream"
    created: datetime
    last_modified: datetime
    etag: str
    metadata: dict[str, str] = Field(default_factory=dict)

    @property
    def md5(self) -> str:
        return base64.b64encode(hashlib.md5(self.content, usedforsecurity=False).digest()).decode()


class Container(BaseModel):
    name: str
    created: datetime
    etag: str
    public_access: str | None = None
    metadata: dict[str, str] = Field(default_factory=dict)
    blobs: dict[str, Blob] = Field(default_factory=dict)


class AccountKey(BaseModel):
    name: str
    value: str
    created: datetime


class StorageAccount(BaseModel):
    name: str
    resource_group: str
    subscription_id: str
    location: str
    sku: str = "Standard_RAGRS"
    kind: str = "StorageV2"
    access_tier: str | None = "Hot"
    allow_blob_public_access: bool = False
    allow_shared_key_access: bool | None = None
    minimum_tls_version: str = "TLS1_2"
    https_only: bool = True
    public_network_access: str | None = None
    tags: dict[str, str] = Field(default_factory=dict)
    created: datetime
    created_by: str = ""
    keys: list[AccountKey] = Field(default_factory=list)
    containers: dict[str, Container] = Field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}/providers/{TYPE}/{self.name}"

    @property
    def blob_endpoint(self) -> str:
        return f"https://{self.name}.blob.core.windows.net/"

    def endpoints(self) -> dict[str, str]:
        n = self.name
        return {"blob": f"https://{n}.blob.core.windows.net/", "dfs": f"https://{n}.dfs.core.windows.net/",
                "file": f"https://{n}.file.core.windows.net/", "queue": f"https://{n}.queue.core.windows.net/",
                "table": f"https://{n}.table.core.windows.net/", "web": f"https://{n}.z22.web.core.windows.net/"}

    def container_id(self, name: str) -> str:
        return f"{self.id}/blobServices/default/containers/{name}"


def accounts(cloud: Cloud) -> dict[str, StorageAccount]:
    """Storage accounts by resource id (as every family in `cloud.resources`: role assignment scopes find them)."""
    return cloud.resources["storage_accounts"]


def find_account(cloud: Cloud, name: str) -> StorageAccount | None:
    """By name: names are unique across Azure."""
    name = name.lower()
    return next((a for a in accounts(cloud).values() if a.name == name), None)


def new_keys(cloud: Cloud, now: datetime) -> list[AccountKey]:
    return [AccountKey(name=f"key{i}", value=new_key_value(cloud), created=now) for i in (1, 2)]


def new_key_value(cloud: Cloud) -> str:
    """A 512-bit account key, base64 (88 characters ending '==', as Azure's), from the lab's seeded generator."""
    return base64.b64encode(bytes.fromhex(cloud.ids.hex(128))).decode()


def etag(cloud: Cloud) -> str:
    return "0x8DD" + cloud.ids.hex(12).upper()


def http_date(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")


# -- shared access signatures ------------------------------------------------------------------------------------

def canonical_permissions(permissions: str) -> str:
    """A permission string in the order the SDK writes it; unknown letters raise ValueError."""
    bad = [c for c in permissions if c not in PERMISSION_ORDER]
    if bad:
        raise ValueError(bad[0])
    return "".join(c for c in PERMISSION_ORDER if c in permissions)


def _string_to_sign(account: str, container: str, fields: dict[str, str]) -> str:
    g = fields.get
    parts = [g("sp", ""), g("st", ""), g("se", ""), f"/blob/{account}/{container}", g("si", ""), g("sip", ""),
             g("spr", ""), g("sv", ""), g("sr", ""), "", g("ses", ""), g("rscc", ""), g("rscd", ""), g("rsce", ""),
             g("rscl", ""), g("rsct", "")]
    return "\n".join(parts)


def _sign(key: str, text: str) -> str:
    return base64.b64encode(hmac.new(base64.b64decode(key), text.encode(), hashlib.sha256).digest()).decode()


def container_sas(account: StorageAccount, container: str, key: str, permissions: str, expiry: str,
                  start: str | None = None, https_only: bool = False, ip: str | None = None) -> str:
    """A service SAS for a container, as `az storage container generate-sas` writes it (query order st, se, sp,
    sip, spr, sv, sr, sig)."""
    fields = {k: v for k, v in (("st", start), ("se", expiry), ("sp", canonical_permissions(permissions)),
                                ("sip", ip), ("spr", "https" if https_only else None), ("sv", SAS_VERSION),
                                ("sr", "c")) if v}
    fields["sig"] = _sign(key, _string_to_sign(account.name, container, fields))
    return "&".join(f"{k}={quote(v, safe='')}" for k, v in fields.items())


def parse_time(text: str) -> datetime | None:
    """A SAS or az time: 'YYYY-MM-DD', 'YYYY-MM-DDTHH:MMZ' or 'YYYY-MM-DDTHH:MM:SSZ' (UTC)."""
    for fmt in ("%Y-%m-%d", "%Y-%m-%dT%H:%MZ", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def _auth_failed(detail: str) -> StorageError:
    return StorageError("AuthenticationFailed", "Server failed to authenticate the request. Make sure the value of "
                        f"Authorization header is formed correctly including the signature.\n{detail}", 403)


PERMISSION_MISMATCH = "This request is not authorized to perform this operation using this permission."


def check_sas(cloud: Cloud, account: StorageAccount, container: str, token: str, needs: str) -> None:
    """Raise the Blob service's refusal unless `token` (with or without its leading '?') is a valid SAS for
    `container` granting one of the permissions in `needs`."""
    fields = dict(parse_qsl(token.lstrip("?"), keep_blank_values=True))
    sig = fields.pop("sig", "")
    if not sig or "sv" not in fields:
        raise _auth_failed("Signature fields not well formed.")
    text = _string_to_sign(account.name, container, fields)
    if not any(hmac.compare_digest(_sign(k.value, text), sig) for k in account.keys):
        raise _auth_failed(f"Signature did not match. String to sign used was {text.replace(chr(10), ' ')}")
    now = cloud.clock.now()
    expiry = parse_time(fields.get("se", ""))
    start = parse_time(fields["st"]) if fields.get("st") else None
    if expiry is None or expiry <= now:
        raise _auth_failed(f"Signed expiry time [{http_date(expiry) if expiry else fields.get('se', '')}] must be "
                           f"after signed start time [{http_date(start or now)}]")
    if start is not None and start > now:
        raise _auth_failed(f"Signed start time [{http_date(start)}] must be before the current time "
                           f"[{http_date(now)}]")
    if fields.get("sr") not in ("c", "b"):
        raise StorageError("AuthorizationResourceTypeMismatch", "This request is not authorized to perform this "
                           "operation using this resource type.", 403)
    if not any(p in fields.get("sp", "") for p in needs):
        raise StorageError("AuthorizationPermissionMismatch", PERMISSION_MISMATCH, 403)


# -- the blob data plane ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Credential:
    """How a blob request authenticates: an account key, a SAS token, or a signed-in principal (`--auth-mode
    login`, a pipeline's managed identity)."""

    kind: str  # key | sas | login
    secret: str = ""
    principal: Principal | None = None


DATA_ACTION = {"r": "read", "l": "read", "w": "write", "c": "write", "a": "add/action", "d": "delete"}


def authorize(cloud: Cloud, account: StorageAccount, container: str, cred: Credential, needs: str) -> None:
    """The Blob service's decision for an operation needing one of the SAS permissions in `needs`."""
    if cred.kind == "key":
        if not any(hmac.compare_digest(cred.secret, k.value) for k in account.keys):
            raise _auth_failed("The MAC signature found in the HTTP request is not the same as any computed "
                               "signature.")
        return
    if cred.kind == "sas":
        check_sas(cloud, account, container, cred.secret, needs)
        return
    assert cred.principal is not None
    scope = f"{account.container_id(container)}/blobs"
    for p in needs:
        if cloud.authorize(cred.principal, f"{BLOBS}/{DATA_ACTION[p]}", scope, data=True).allowed:
            return
    raise StorageError("AuthorizationPermissionMismatch", PERMISSION_MISMATCH, 403)


def container_of(account: StorageAccount, name: str) -> Container:
    c = account.containers.get(name)
    if c is None:
        raise StorageError("ContainerNotFound", "The specified container does not exist.", 404)
    return c


def list_blobs(cloud: Cloud, account: StorageAccount, container: str, cred: Credential,
               prefix: str | None = None) -> list[Blob]:
    authorize(cloud, account, container, cred, "l")
    return [b for n, b in sorted(container_of(account, container).blobs.items()) if not prefix or n.startswith(prefix)]


def get_blob(cloud: Cloud, account: StorageAccount, container: str, name: str, cred: Credential) -> Blob:
    authorize(cloud, account, container, cred, "r")
    blob = container_of(account, container).blobs.get(name)
    if blob is None:
        raise StorageError("BlobNotFound", "The specified blob does not exist.", 404)
    return blob


def put_blob(cloud: Cloud, account: StorageAccount, container: str, name: str, content: bytes, cred: Credential,
             overwrite: bool = True, content_type: str = "application/octet-stream") -> Blob:
    """Upload a block blob (a new one needs c or w, replacing needs w); emits `blob_written` for source triggers."""
    c = container_of(account, container)
    existing = c.blobs.get(name)
    authorize(cloud, account, container, cred, "w" if existing is not None else "cwa")
    if existing is not None and not overwrite:
        raise StorageError("BlobAlreadyExists", "The specified blob already exists.", 409)
    now = cloud.clock.now()
    blob = Blob(name=name, content=content, content_type=content_type, last_modified=now, etag=etag(cloud),
                created=existing.created if existing is not None else now)
    c.blobs[name] = blob
    cloud.emit("blob_written", account=account, container=container, blob=blob)
    return blob


def delete_blob(cloud: Cloud, account: StorageAccount, container: str, name: str, cred: Credential) -> None:
    authorize(cloud, account, container, cred, "d")
    if container_of(account, container).blobs.pop(name, None) is None:
        raise StorageError("BlobNotFound", "The specified blob does not exist.", 404)


def split_container_uri(uri: str) -> tuple[str, str] | None:
    """`https://<account>.blob.core.windows.net/<container>` -> (account, container), None when not of that form."""
    m = re.fullmatch(r"https://([^./]+)\.blob\.core\.windows\.net/([^/?#]+)/?", uri.strip(), re.IGNORECASE)
    return (m.group(1).lower(), m.group(2).lower()) if m else None


# -- containers through the Blob service (az storage container ...) -----------------------------------------------

def _container_op(cloud: Cloud, account: StorageAccount, name: str, cred: Credential, verb: str) -> None:
    """Creating, deleting and listing containers: an account key may, a service SAS (one container's) may not, an
    Entra caller needs the container action (Storage Blob Data Contributor has it)."""
    if cred.kind == "key":
        authorize(cloud, account, name, cred, "r")
    elif cred.kind == "sas":
        raise StorageError("AuthorizationResourceTypeMismatch", "This request is not authorized to perform this "
                           "operation using this resource type.", 403)
    else:
        assert cred.principal is not None
        if not cloud.authorize(cred.principal, f"{CONTAINERS}/{verb}", account.container_id(name or "*")).allowed:
            raise StorageError("AuthorizationPermissionMismatch", PERMISSION_MISMATCH, 403)


def new_container(cloud: Cloud, name: str, public_access: str | None, old: Container | None = None) -> Container:
    return Container(name=name, created=old.created if old else cloud.clock.now(), etag=etag(cloud),
                     public_access=public_access, blobs=old.blobs if old else {})


def create_container(cloud: Cloud, account: StorageAccount, name: str, cred: Credential,
                     public_access: str | None = None) -> bool:
    """False when it exists already (az prints created: false)."""
    _container_op(cloud, account, name, cred, "write")
    if not CONTAINER_NAME.fullmatch(name):
        raise StorageError("InvalidResourceName", "The specifed resource name contains invalid characters.", 400)
    if public_access and not account.allow_blob_public_access:
        raise StorageError("PublicAccessNotPermitted", "Public access is not permitted on this storage account.",
                           409)
    if name in account.containers:
        return False
    account.containers[name] = new_container(cloud, name, public_access)
    return True


def list_containers(cloud: Cloud, account: StorageAccount, cred: Credential) -> list[Container]:
    _container_op(cloud, account, "", cred, "read")
    return [c for _, c in sorted(account.containers.items())]


def delete_container(cloud: Cloud, account: StorageAccount, name: str, cred: Credential) -> bool:
    _container_op(cloud, account, name, cred, "delete")
    return account.containers.pop(name, None) is not None


def show_container(cloud: Cloud, account: StorageAccount, name: str, cred: Credential) -> Container:
    authorize(cloud, account, name, cred, "r")
    return container_of(account, name)


def container_exists(cloud: Cloud, account: StorageAccount, name: str, cred: Credential) -> bool:
    authorize(cloud, account, name, cred, "r")
    return name in account.containers


def blob_exists(cloud: Cloud, account: StorageAccount, container: str, name: str, cred: Credential) -> bool:
    authorize(cloud, account, container, cred, "r")
    return name in container_of(account, container).blobs
