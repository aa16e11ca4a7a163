"""PDFs made on the spot: plain, padded to a size, with JavaScript, encrypted or damaged."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, StreamObject, TextStringObject


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
