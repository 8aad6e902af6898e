"""The Blob service's hosts (`<account>.blob.core.windows.net`) on the lab's HTTP router (engine/web.py): each account
answers for itself. Today that is ACR Tasks' upload store (engine/source_uploads.py: the SAS URLs
listBuildSourceUploadUrl hands out); a host no account owns resolves to nothing, as DNS answers for it."""

from __future__ import annotations


def handle(cloud, req):
    from . import source_uploads
    return source_uploads.handle(cloud, req)
