"""PDFs made on the spot: plain, padded to a size, with JavaScript, or encrypted."""

import io

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
