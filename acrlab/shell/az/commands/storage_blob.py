"""az storage blob list|upload|download|show|delete|exists: block blobs through the Blob service (engine/storage.py),
authenticated as storage.py's `credential` resolves it. Output shapes: azure-cli's storage module (blob list's table:
_format.py transform_blob_output; upload's result as az 2.8x prints it, e.g. version 2022-11-02, etag quoted)."""

from __future__ import annotations

import base64

from ....engine import storage as st
from ....engine.errors import CliError
from ..framework import Arg, command, group
from .storage import ACCOUNT, AUTH, credential

group("storage blob", "Manage object storage for unstructured data (blobs).")

CONTAINER = Arg("container_name", "--container-name -c", "The container name.", required=True)
BLOB = Arg("blob_name", "--name -n", "The blob name.", required=True)


def _t(dt) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def blob_json(container: str, b: st.Blob, with_content: bool = False) -> dict:
    return {
        "container": container, "content": "", "deleted": None, "encryptedMetadata": None,
        "encryptionKeySha256": None, "encryptionScope": None, "hasLegalHold": None, "hasVersionsOnly": None,
        "immutabilityPolicy": {"expiryTime": None, "policyMode": None}, "isAppendBlobSealed": None,
        "isCurrentVersion": None, "lastAccessedOn": None, "metadata": dict(b.metadata), "name": b.name,
        "objectReplicationDestinationPolicy": None, "objectReplicationSourceProperties": [],
        "properties": {
            "appendBlobCommittedBlockCount": None, "blobTier": "Hot", "blobTierChangeTime": None,
            "blobTierInferred": True, "blobType": "BlockBlob", "contentLength": len(b.content), "contentRange": None,
            "contentSettings": {"cacheControl": None, "contentDisposition": None, "contentEncoding": None,
                                "contentLanguage": None, "contentMd5": b.md5, "contentType": b.content_type},
            "copy": {"completionTime": None, "destinationSnapshot": None, "id": None, "incrementalCopy": None,
                     "progress": None, "source": None, "status": None, "statusDescription": None},
            "creationTime": _t(b.created), "deletedTime": None, "etag": b.etag, "lastModified": _t(b.last_modified),
            "lease": {"duration": None, "state": "available", "status": "unlocked"},
            "pageBlobSequenceNumber": None, "pageRanges": None, "rehydrationStatus": None,
            "remainingRetentionDays": None, "serverEncrypted": True},
        "rehydratePriority": None, "requestServerEncrypted": None, "snapshot": None, "tagCount": None, "tags": None,
        "versionId": None}


def blob_table(result):
    """azure-cli storage _format.py transform_blob_output."""
    rows = result if isinstance(result, list) else [result]
    return [{"Name": r["name"], "Blob Type": r["properties"]["blobType"], "Blob Tier": r["properties"]["blobTier"],
             "Length": r["properties"]["contentLength"],
             "Content Type": r["properties"]["contentSettings"]["contentType"],
             "Last Modified": r["properties"]["lastModified"], "Snapshot": r["snapshot"]} for r in rows]


@command("storage blob list", "List blobs in a given container.", [
    CONTAINER, ACCOUNT, *AUTH, Arg("prefix", "--prefix", "Filter the results to return only blobs whose name begins "
                                   "with the specified prefix."),
    Arg("num_results", "--num-results", "Specify the maximum number to return.", kind="int", default=5000),
], examples=[("List all storage blobs in a container whose names start with 'foo'; will match names such as 'foo', "
              "'foobar', and 'foo/bar'", "az storage blob list -c mycontainer --account-name mystorageaccount "
              "--prefix foo")], table=blob_table)
def blob_list(ctx, a):
    account, cred = credential(ctx, a)
    blobs = st.list_blobs(ctx.cloud, account, a.container_name, cred, a.prefix)
    return [blob_json(a.container_name, b) for b in blobs[:a.num_results]]


@command("storage blob upload", "Upload a file to a storage blob.", [
    CONTAINER, BLOB, ACCOUNT, *AUTH,
    Arg("file_path", "--file -f", "Path of the file to upload as the blob content."),
    Arg("data", "--data", "The blob data to upload."),
    Arg("overwrite", "--overwrite", "Whether the blob to be uploaded should overwrite the current data. If True, "
        "blob upload operation will overwrite the existing data.", kind="bool"),
    Arg("content_type", "--content-type", "The content MIME type."),
], examples=[("Upload to a blob.", "az storage blob upload -f /path/to/file -c mycontainer -n MyBlob "
              "--account-name mystorageaccount")])
def blob_upload(ctx, a):
    if (a.file_path is None) == (a.data is None):
        raise CliError("usage error: --file | --data")
    if a.file_path is not None:
        text = ctx.sh.read_file(a.file_path)
        if text is None:
            raise CliError(f"[Errno 2] No such file or directory: '{a.file_path}'")
    else:
        text = a.data
    account, cred = credential(ctx, a)
    b = st.put_blob(ctx.cloud, account, a.container_name, a.blob_name, text.encode(), cred,
                    overwrite=bool(a.overwrite), content_type=a.content_type or "application/octet-stream")
    return {"client_request_id": ctx.cloud.ids.guid(), "content_md5": b.md5, "date": _t(b.last_modified),
            "encryption_key_sha256": None, "encryption_scope": None, "etag": f'"{b.etag}"',
            "lastModified": _t(b.last_modified), "request_id": ctx.cloud.ids.guid(),
            "request_server_encrypted": True, "version": st.SAS_VERSION, "version_id": None}


@command("storage blob download", "Download a blob to a file path.", [
    CONTAINER, BLOB, ACCOUNT, *AUTH, Arg("file_path", "--file -f", "Path of file to write out to."),
], examples=[("Download a blob.", "az storage blob download -c mycontainer -n MyBlob -f /path/to/file "
              "--account-name mystorageaccount")])
def blob_download(ctx, a):
    account, cred = credential(ctx, a)
    b = st.get_blob(ctx.cloud, account, a.container_name, a.blob_name, cred)
    try:
        text = b.content.decode()
    except UnicodeDecodeError:
        text = base64.b64encode(b.content).decode()
    if a.file_path is None:
        ctx.io.out(text, end="")
        return None
    ctx.sh.write_file(a.file_path, text)
    return blob_json(a.container_name, b)


@command("storage blob show", "Get the details of a blob.", [CONTAINER, BLOB, ACCOUNT, *AUTH], table=blob_table)
def blob_show(ctx, a):
    account, cred = credential(ctx, a)
    return blob_json(a.container_name, st.get_blob(ctx.cloud, account, a.container_name, a.blob_name, cred))


@command("storage blob exists", "Check for the existence of a blob in a container.", [CONTAINER, BLOB, ACCOUNT,
                                                                                     *AUTH])
def blob_exists(ctx, a):
    account, cred = credential(ctx, a)
    return {"exists": st.blob_exists(ctx.cloud, account, a.container_name, a.blob_name, cred)}


@command("storage blob delete", "Mark a blob or snapshot for deletion.", [CONTAINER, BLOB, ACCOUNT, *AUTH])
def blob_delete(ctx, a):
    account, cred = credential(ctx, a)
    st.delete_blob(ctx.cloud, account, a.container_name, a.blob_name, cred)
