"""Checking an uploaded file before anything is stored.

The type is read from the file's first bytes, never from its name or the browser's claim.
PDFs are opened with pypdf: encrypted ones cannot be read by reviewers, and ones with
JavaScript are refused outright, since reviewers open them.
"""

import hashlib
import io
import struct
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from openadmit.applications.document_list import DocumentSpec

__all__ = ["InspectedFile", "UploadRejected", "check_upload_quota", "inspect_upload"]

# How deep into a PDF's object graph the JavaScript search goes before giving up on it.
MAX_PDF_OBJECTS = 50_000

# What pypdf raises on damaged input besides its own errors: its parser and filters do
# not turn every broken byte into a PyPdfError, and a damaged file must be refused, not
# answered with a server error.
DAMAGED_PDF_ERRORS = (
    PyPdfError,
    ArithmeticError,
    AttributeError,
    LookupError,
    NotImplementedError,
    RecursionError,
    TypeError,
    ValueError,
    struct.error,
    zlib.error,
)


class UploadRejected(ValueError):
    """The upload cannot be accepted; the message tells the applicant why."""


@dataclass(frozen=True, kw_only=True)
class InspectedFile:
    content_type: str
    size: int
    sha256: str
    page_count: int | None


def sniff(head: bytes) -> str | None:
    """The content type the first bytes show, or None when they show none we know."""
    if head[:1024].lstrip().startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "application/pdf"
    if head[4:8] == b"ftyp":
        return "video/quicktime" if head[8:10] == b"qt" else "video/mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm"
    return None


def describe_foreign(head: bytes) -> str:
    """Name what a file we refuse appears to be, so the applicant knows what went wrong."""
    if head.startswith(b"MZ"):
        return _("a Windows program")
    if head.startswith(b"\x7fELF"):
        return _("a program")
    if head.startswith(b"PK\x03\x04"):
        return _("a ZIP archive or Office document")
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return _("an image")
    if head.startswith(b"#!"):
        return _("a script")
    return _("not a file type we accept")


ACCEPTED_TYPES = {
    "pdf": {"application/pdf"},
    "video": {"video/mp4", "video/quicktime", "video/webm"},
}


def accepted_label(spec: DocumentSpec) -> str:
    labels = {"pdf": _("PDF"), "video": _("an MP4, WebM or QuickTime video")}
    return _(" or ").join(str(labels[kind]) for kind in spec.file_kinds)


def inspect_upload(upload: UploadedFile, spec: DocumentSpec) -> InspectedFile:
    if upload.size == 0:
        raise UploadRejected(_("The file is empty. Choose the file again; it may not have saved."))
    if upload.size > spec.max_bytes:
        raise UploadRejected(
            _("The file is %(size).1f MB; the limit for this document is %(limit)d MB.")
            % {"size": upload.size / 1024 / 1024, "limit": spec.max_mb}
        )
    upload.seek(0)
    head = upload.read(2048)
    content_type = sniff(head)
    allowed = set().union(*(ACCEPTED_TYPES[kind] for kind in spec.file_kinds))
    if content_type not in allowed:
        raise UploadRejected(
            _("This file is %(found)s, whatever its name says. Upload %(accepted)s.")
            % {
                "found": _("a different kind of file") if content_type else describe_foreign(head),
                "accepted": accepted_label(spec),
            }
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    page_count = check_pdf(upload) if content_type == "application/pdf" else None
    upload.seek(0)
    return InspectedFile(
        content_type=content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        page_count=page_count,
    )


def check_pdf(upload: UploadedFile) -> int:
    upload.seek(0)
    try:
        reader = PdfReader(io.BytesIO(upload.read()))
        if reader.is_encrypted:
            raise UploadRejected(
                _(
                    "This PDF is protected by a password or encryption. "
                    "Save an unprotected copy and upload that."
                )
            )
        if has_javascript(reader):
            raise UploadRejected(
                _(
                    "This PDF contains JavaScript, which we do not accept. "
                    "Print it to a new PDF and upload that."
                )
            )
        return len(reader.pages)
    except UploadRejected:
        raise
    except DAMAGED_PDF_ERRORS:
        raise UploadRejected(
            _("This PDF is damaged and cannot be read. Export it again and upload the new copy.")
        ) from None


JAVASCRIPT_KEYS = {"/JS", "/JavaScript"}


def has_javascript(reader: PdfReader) -> bool:
    """Whether any object reachable from the document's trailer carries JavaScript.

    Walking the whole graph finds scripts wherever they hide: the document's name tree,
    open actions, additional actions of pages, annotations and form fields.
    """
    pending = [reader.trailer]
    seen: set[tuple[int, int]] = set()
    visited = 0
    while pending:
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            raise UploadRejected(
                _("This PDF is too complex to check. Print it to a new PDF and upload that.")
            )
        obj = pending.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            if JAVASCRIPT_KEYS & set(obj.keys()):
                return True
            if obj.get("/S") == NameObject("/JavaScript"):
                return True
            pending.extend(value for name, value in obj.items() if name != "/Parent")
        elif isinstance(obj, ArrayObject):
            pending.extend(obj)
    return False


def check_upload_quota(application, kind: str, size: int) -> None:
    """Refuse an upload that would take the applicant past their quota: a number of files
    and a total size over all their applications (UPLOAD_QUOTA_FILES, UPLOAD_QUOTA_MB).
    The document it replaces, if any, does not count."""
    from openadmit.applications.models import Document

    kept = (
        Document.objects.filter(application__applicant_id=application.applicant_id)
        .exclude(Q(application_id=application.pk) & Q(kind=kind))
        .aggregate(files=Count("id"), total=Sum("size"))
    )
    files_limit, mb_limit = settings.UPLOAD_QUOTA_FILES, settings.UPLOAD_QUOTA_MB
    if kept["files"] + 1 > files_limit:
        raise UploadRejected(
            _(
                "You already keep %(files)d files with us, the most one applicant may keep "
                "(%(limit)d). Remove a document you no longer need, then upload this one."
            )
            % {"files": kept["files"], "limit": files_limit}
        )
    total = (kept["total"] or 0) + size
    if total > mb_limit * 1024 * 1024:
        raise UploadRejected(
            _(
                "With this file your documents would take %(total).1f MB, more than the "
                "%(limit)d MB one applicant may keep. Remove a document you no longer need, "
                "or upload a smaller copy."
            )
            % {"total": total / 1024 / 1024, "limit": mb_limit}
        )
