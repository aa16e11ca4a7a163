"""Checking an uploaded file before anything is stored.

The type is read from the file's first bytes, never from its name or the browser's claim.
A PDF must start with its header (after whitespace at most), so that no HTML page passes
for one. PDFs are opened with pypdf: encrypted ones cannot be read by reviewers, and ones
that could run or open anything on a reviewer's computer (JavaScript, program launches,
automatic actions, attached files, embedded media, XFA forms) are refused outright, since
reviewers open them. A video is recognised by its container's header: an MP4 or QuickTime
video brand, or a WebM document type.
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
from django.utils.translation import gettext_lazy
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

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


# Bytes a PDF may start with before its header: whitespace, which some producers emit
# and which can carry no markup. Readers tolerate up to a kilobyte of anything there,
# which is what lets an HTML page with a script pass for a PDF: we do not.
PDF_LEADING_WHITESPACE = b" \t\r\n\f"

# ISO base media files ("ftyp" box) whose major brand is a video format; the same box
# starts HEIF/AVIF images and M4A audio, which are not videos.
VIDEO_BRANDS = {
    b"isom": "video/mp4",
    b"iso2": "video/mp4",
    b"iso4": "video/mp4",
    b"iso5": "video/mp4",
    b"iso6": "video/mp4",
    b"mp41": "video/mp4",
    b"mp42": "video/mp4",
    b"avc1": "video/mp4",
    b"M4V ": "video/mp4",
    b"M4VH": "video/mp4",
    b"M4VP": "video/mp4",
    b"dash": "video/mp4",
    b"3gp4": "video/mp4",
    b"3gp5": "video/mp4",
    b"3gp6": "video/mp4",
    b"qt  ": "video/quicktime",
}

EBML_MAGIC = b"\x1a\x45\xdf\xa3"
EBML_DOCTYPE = b"\x42\x82"


def is_webm(head: bytes) -> bool:
    """An EBML file whose header's DocType (a one-byte size, then the text) is "webm";
    Matroska files share the magic number with another DocType."""
    if not head.startswith(EBML_MAGIC):
        return False
    at = head.find(EBML_DOCTYPE, len(EBML_MAGIC), 64)
    return at >= 0 and head[at + 3 : at + 7] == b"webm"


def sniff(head: bytes) -> str | None:
    """The content type the first bytes show, or None when they show none we know."""
    if head.lstrip(PDF_LEADING_WHITESPACE).startswith(b"%PDF-"):
        return "application/pdf"
    if head[4:8] == b"ftyp" and int.from_bytes(head[:4]) >= 16:
        return VIDEO_BRANDS.get(head[8:12])
    if is_webm(head):
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
        hazard = pdf_hazard(reader)
        if hazard is not None:
            raise UploadRejected(str(HAZARDS[hazard]))
        return len(reader.pages)
    except UploadRejected:
        raise
    except DAMAGED_PDF_ERRORS:
        raise UploadRejected(
            _("This PDF is damaged and cannot be read. Export it again and upload the new copy.")
        ) from None


# What a PDF may hold that staff's readers would run or open, and why each is refused.
HAZARDS = {
    "javascript": gettext_lazy(
        "This PDF contains JavaScript, which we do not accept. "
        "Print it to a new PDF and upload that."
    ),
    "launch": gettext_lazy(
        "This PDF can start a program on the reader's computer, which we do not accept. "
        "Print it to a new PDF and upload that."
    ),
    "external": gettext_lazy(
        "This PDF can open other files or send data elsewhere, which we do not accept. "
        "Print it to a new PDF and upload that."
    ),
    "automatic": gettext_lazy(
        "This PDF runs an action by itself when it is opened or read, which we do not "
        "accept. Print it to a new PDF and upload that."
    ),
    "attachment": gettext_lazy(
        "This PDF has files attached inside it, which we do not accept. Upload each "
        "document as a PDF of its own."
    ),
    "media": gettext_lazy(
        "This PDF contains embedded media (Flash, 3D, sound or video), which we do not "
        "accept. Print it to a new PDF and upload that."
    ),
    "xfa": gettext_lazy(
        "This PDF is an XFA form, which many readers cannot show. "
        "Print it to a new PDF and upload that."
    ),
}

JAVASCRIPT_KEYS = {"/JS", "/JavaScript"}
# Actions that leave the document: another file, an embedded file, sending form data.
EXTERNAL_ACTIONS = {"/GoToR", "/GoToE", "/ImportData", "/SubmitForm"}
MEDIA_KEYS = {"/RichMediaContent", "/RichMediaSettings"}
MEDIA_SUBTYPES = {"/RichMedia", "/3D", "/Movie", "/Sound", "/Screen"}
ATTACHMENT_KEYS = {"/EmbeddedFiles", "/EF"}
MEDIA_ACTIONS = {"/Rendition", "/Movie", "/Sound", "/RichMediaExecute"}


def _resolved(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def _automatic_hazard(action) -> str | None:
    """What an automatic action (and every action chained after it by /Next) does beyond
    going to a place in the document; an /OpenAction may also be a plain destination."""
    pending, steps = [action], 0
    while pending:
        steps += 1
        if steps > MAX_PDF_OBJECTS:
            return "automatic"
        current = _resolved(pending.pop())
        if isinstance(current, ArrayObject):
            first = _resolved(current[0]) if current else None
            if isinstance(first, DictionaryObject) and "/S" in first:
                pending.extend(current)  # a /Next list of actions
            continue  # a destination: a page and how to show it
        if not isinstance(current, DictionaryObject):
            continue  # a named destination
        if _resolved(current.get("/S")) != "/GoTo":
            return _dictionary_hazard(current) or "automatic"
        if "/Next" in current:
            pending.append(current["/Next"])
    return None


def _dictionary_hazard(obj: DictionaryObject) -> str | None:
    keys = set(obj.keys())
    action = _resolved(obj.get("/S"))
    subtype = _resolved(obj.get("/Subtype"))
    if keys & JAVASCRIPT_KEYS or action == "/JavaScript":
        return "javascript"
    if action == "/Launch":
        return "launch"
    if action in EXTERNAL_ACTIONS:
        return "external"
    if action in MEDIA_ACTIONS or keys & MEDIA_KEYS or subtype in MEDIA_SUBTYPES:
        return "media"
    if keys & ATTACHMENT_KEYS or subtype == "/FileAttachment":
        return "attachment"
    if _resolved(obj.get("/Type")) == "/EmbeddedFile":
        return "attachment"
    if "/XFA" in keys:
        return "xfa"
    automatic = [obj["/OpenAction"]] if "/OpenAction" in keys else []
    if "/AA" in keys:
        triggers = _resolved(obj["/AA"])
        automatic += triggers.values() if isinstance(triggers, DictionaryObject) else [triggers]
    return next(filter(None, map(_automatic_hazard, automatic)), None)


def pdf_hazard(reader: PdfReader) -> str | None:
    """What makes the PDF unsafe for staff to open (a key of `HAZARDS`), or None.

    Walking every object reachable from the trailer finds what hides anywhere: the
    document's name trees, open actions, additional actions of pages, annotations and
    form fields, file specifications, streams' dictionaries.
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
            hazard = _dictionary_hazard(obj)
            if hazard is not None:
                return hazard
            pending.extend(value for name, value in obj.items() if name != "/Parent")
        elif isinstance(obj, ArrayObject):
            pending.extend(obj)
    return None


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
