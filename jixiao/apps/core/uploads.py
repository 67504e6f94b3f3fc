"""The web upload size limit (setting JIXIAO_MAX_UPLOAD_MB, 100 by default), for every upload.

``SizeLimitedUpload`` is the first of FILE_UPLOAD_HANDLERS, so it is in place before anything reads
a request's body (the CSRF check and the one-time form token read it in middleware). An upload
over the limit is stopped as soon as its size is known (from Content-Length, or while it arrives
when the client does not say), before it is written to disk; ``request.upload_refused`` then holds
the size, the page says so in Chinese (the frame shows it on every page, the import form under its
file field). The fields before the file in the form (the CSRF token, the kind of import) are kept.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from jixiao.formats import limits


def upload_limit() -> limits.Limit:
    return limits.upload_limit(getattr(settings, "JIXIAO_MAX_UPLOAD_MB", None))


def refusal_message(size: int | None) -> str:
    limit = upload_limit()
    seen = f"（{limits.size_text(size)}）" if size else ""
    return (
        f"上传的文件{seen}超过了{limit.name}上限（{limit.describe()}），未上传。"
        "请拆分成几个文件分批导入，或请管理员在服务器上用命令 jixiao import 导入。"
    )


class SizeLimitedUpload(FileUploadHandler):
    """Stops the upload of a request whose body, or whose file, goes beyond the limit."""

    def __init__(self, request) -> None:
        super().__init__(request)
        self.limit = upload_limit().value
        self.received = 0
        self.declared = None

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.declared = content_length
        return None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        # The body holds a little more than the file (the other fields and the part headers).
        if self.declared and self.declared > self.limit + 64 * 1024:
            self._stop(self.declared)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self._stop(None)
        return raw_data

    def file_complete(self, file_size):
        return None

    def _stop(self, size: int | None) -> None:
        self.request.upload_refused = size or self.received
        raise StopUpload(connection_reset=True)


def upload_refusal(request) -> str:
    """The message for a request whose upload was stopped, for the frame — unless the view already
    shows it under its own file field (``request.upload_refusal_shown``); else ''."""
    refused = getattr(request, "upload_refused", None)
    if refused is None or getattr(request, "upload_refusal_shown", False):
        return ""
    return refusal_message(refused)
