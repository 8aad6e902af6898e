"""The Blob service's hosts (`<account>.blob.core.windows.net`) on the lab's HTTP router (engine/web.py): each account
answers for itself: ACR Tasks' upload store (engine/source_uploads.py: the SAS URLs listBuildSourceUploadUrl hands
out), then the storage accounts of engine/storage.py (engine/web_storage.py); a host no account owns resolves to
nothing, as DNS answers for it."""

from __future__ import annotations


def handle(cloud, req):
    from . import source_uploads, web_storage
    answer = source_uploads.handle(cloud, req)
    return answer if answer is not None else web_storage.handle(cloud, req)
