"""PDFs made on the spot: plain, padded to a size, with JavaScript, encrypted, damaged, or
carrying what a reviewer's reader would run or open."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    StreamObject,
    TextStringObject,
)


def pdf_bytes(
    pages: int = 1, *, size: int = 0, javascript: bool = False, password: str = ""
) -> bytes:
    """A valid PDF; `size` pads it with an unused stream to about that many bytes."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if size:
        padding = StreamObject()
        padding.set_data(b"0" * size)
        writer._root_object[NameObject("/Padding")] = writer._add_object(padding)
    if javascript:
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert(1);"),
            }
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_upload(name: str = "document.pdf", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(**kwargs), content_type="application/pdf")


def object_stream_pdf_bytes(*, filter_name: bytes = b"/FlateDecode") -> bytes:
    """A valid one-page PDF 1.5 as most producers write it: its objects packed in a
    compressed object stream, found through a compressed cross-reference stream."""
    packed = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count 1 /Kids [ 3 0 R ] >>",
        b"<< /Type /Page /Resources << >> /MediaBox [ 0 0 595 842 ] /Parent 2 0 R >>",
    ]
    offsets, body = [], b""
    for number, obj in enumerate(packed, 1):
        offsets.append(b"%d %d" % (number, len(body)))
        body += obj + b"\n"
    index = b" ".join(offsets) + b"\n"
    objects = zlib.compress(index + body)
    out = bytearray(b"%PDF-1.5\n")
    stream_at = len(out)
    out += b"4 0 obj\n<< /Type /ObjStm /N 3 /First %d /Filter %s /Length %d >>\nstream\n" % (
        len(index),
        filter_name,
        len(objects),
    )
    out += objects + b"\nendstream\nendobj\n"
    xref_at = len(out)
    rows = struct.pack(">BIB", 0, 0, 255)
    rows += b"".join(struct.pack(">BIB", 2, 4, i) for i in range(len(packed)))
    rows += struct.pack(">BIB", 1, stream_at, 0) + struct.pack(">BIB", 1, xref_at, 0)
    xref = zlib.compress(rows)
    out += b"5 0 obj\n<< /Type /XRef /Size 6 /W [ 1 4 1 ] /Root 1 0 R /Filter /FlateDecode "
    out += b"/Length %d >>\nstream\n" % len(xref) + xref + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


# Damaged copies of valid PDFs, each of which once made the PDF reader raise an error of
# its own (not a read error) while the upload was checked.
DAMAGED_PDFS = {
    # The object stream's filter name lost its last letters.
    "mangled stream filter": object_stream_pdf_bytes(filter_name=b"/FlateDecod#03"),
    # The page tree's dictionary and the trailer's root reference each lost a byte, so the
    # reader's repair finds an object that refers to itself.
    "mangled trailer and page tree": pdf_bytes(pages=3)
    .replace(b"2 0 obj\n<<", b"2 0 obj\n<\xf7", 1)
    .replace(b"/Root 3 0 R", b"/Root 3V0 R", 1),
}


def _pdf_object(value):
    """Python data as pypdf objects: dicts, lists, "/Names", other text as strings."""
    if isinstance(value, dict):
        return DictionaryObject({NameObject(k): _pdf_object(v) for k, v in value.items()})
    if isinstance(value, list):
        return ArrayObject(_pdf_object(v) for v in value)
    if isinstance(value, int | float):
        return FloatObject(value)
    if value.startswith("/"):
        return NameObject(value)
    return TextStringObject(value)


def pdf_with(*, catalog: dict | None = None, page: dict | None = None) -> bytes:
    """A valid one-page PDF with these entries added to its catalog and to its page."""
    writer = PdfWriter()
    first = writer.add_blank_page(width=595, height=842)
    for name, value in (page or {}).items():
        first[NameObject(name)] = _pdf_object(value)
    for name, value in (catalog or {}).items():
        writer._root_object[NameObject(name)] = writer._add_object(_pdf_object(value))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_attachment() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("invoice.exe", b"MZ\x90\x00")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def raw_pdf(*objects: bytes) -> bytes:
    """A PDF written byte by byte (object 1 is the catalog), with a correct cross-reference
    table: for names spelled as no writer library spells them."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def link(action: dict) -> dict:
    """A page's annotations: one link running `action` when clicked."""
    return {"/Annots": [{"/Type": "/Annot", "/Subtype": "/Link", "/Rect": [0, 0, 99, 99],
                         "/A": action}]}  # fmt: skip


# PDFs a reviewer's reader would run or open something from, by the reason they are refused.
HAZARDOUS_PDFS = {
    "launch on opening": (
        pdf_with(catalog={"/OpenAction": {"/S": "/Launch", "/F": "cmd.exe"}}),
        "start a program",
    ),
    "launch from a link": (
        pdf_with(page=link({"/S": "/Launch", "/F": "calc.exe"})),
        "start a program",
    ),
    "web address opened by itself": (
        pdf_with(catalog={"/OpenAction": {"/S": "/URI", "/URI": "https://example.org/"}}),
        "runs an action by itself",
    ),
    "page-open action": (
        pdf_with(page={"/AA": {"/O": {"/S": "/URI", "/URI": "https://example.org/"}}}),
        "runs an action by itself",
    ),
    "navigation chained to a web address": (
        pdf_with(
            catalog={
                "/OpenAction": {
                    "/S": "/GoTo",
                    "/D": "/Start",
                    "/Next": {"/S": "/URI", "/URI": "https://example.org/"},
                }
            }
        ),  # fmt: skip
        "runs an action by itself",
    ),
    "remote file from a link": (
        pdf_with(
            page=link({"/S": "/GoToR", "/F": "\\\\attacker\\share\\x.pdf", "/D": [0, "/Fit"]})
        ),
        "open other files or send data",
    ),
    "form data sent away": (
        pdf_with(page=link({"/S": "/SubmitForm", "/F": "https://example.org/"})),
        "open other files or send data",
    ),
    "attached file": (pdf_with_attachment(), "files attached"),
    "file attachment annotation": (
        pdf_with(
            page={
                "/Annots": [
                    {
                        "/Type": "/Annot",
                        "/Subtype": "/FileAttachment",
                        "/Rect": [0, 0, 9, 9],
                        "/FS": "payload.exe",
                    }
                ]
            }
        ),
        "files attached",
    ),  # fmt: skip
    "rich media annotation": (
        pdf_with(
            page={"/Annots": [{"/Type": "/Annot", "/Subtype": "/RichMedia", "/Rect": [0, 0, 9, 9]}]}
        ),
        "embedded media",
    ),  # fmt: skip
    "XFA form": (pdf_with(catalog={"/AcroForm": {"/Fields": [], "/XFA": "<xdp/>"}}), "XFA form"),
    "JavaScript under an escaped name": (
        raw_pdf(
            b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
            b"<< /Type /Pages /Count 1 /Kids [ 3 0 R ] >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 595 842 ] >>",
            b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>",
        ),
        "JavaScript",
    ),
}

# Files a polyglot hides behind: a PDF's header after something a browser would render.
POLYGLOTS = {
    "HTML page with a script": b"<html><script>alert(document.cookie)</script></html>\n",
    "comment line": b"% a PDF comment is not a header\n",
    "byte order mark": b"\xef\xbb\xbf",
}
