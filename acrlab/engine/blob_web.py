"""The Blob service's hosts (`<account>.blob.core.windows.net`) on the lab's HTTP router (engine/web.py): each account
answers for itself: ACR Tasks' accounts (the run logs of engine/run_log_blobs.py: the SAS URLs listLogSasUrl hands
out; the upload store of engine/source_uploads.py: listBuildSourceUploadUrl's), the registries' storage (engine/registry_blob_links.py:
the Location of a registry blob GET's 307), then the storage accounts of engine/storage.py (engine/web_storage.py); a host no account owns resolves to nothing, as DNS answers for it."""

from __future__ import annotations


def handle(cloud, req):
    from . import registry_blob_links, run_log_blobs, source_uploads, web_storage
    for backend in (run_log_blobs, source_uploads, registry_blob_links, web_storage):
        answer = backend.handle(cloud, req)
        if answer is not None:
            return answer
    return None
