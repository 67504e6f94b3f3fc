"""Stored files (evidence) go out only after the view has checked who may see them.

By default Django streams the file. Behind nginx, with JIXIAO_EVIDENCE_ACCEL_PREFIX set (for example
``/protected-media/``, an ``internal`` location aliased to MEDIA_ROOT), Django answers with
X-Accel-Redirect and nginx sends the bytes: the app process is not held for a large upload's download.
The permission check is the same on both paths: only the header differs.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header


def protected_file_response(fieldfile, *, content_type: str, as_attachment: bool, filename: str):
    prefix = getattr(settings, "JIXIAO_EVIDENCE_ACCEL_PREFIX", "")
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(fieldfile.name)
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    else:
        response = FileResponse(
            fieldfile.open("rb"), content_type=content_type, as_attachment=as_attachment, filename=filename
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
