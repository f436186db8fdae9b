"""Helpers for the documents tests: read PDFs back as text, sizes, fonts and QR codes."""

from __future__ import annotations

import io

import pypdf
import pypdfium2 as pdfium
import zxingcpp

from fieldapp.documents.model import MM


def pdf_pages(data: bytes) -> list[pypdf.PageObject]:
    return list(pypdf.PdfReader(io.BytesIO(data)).pages)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pdf_pages(data))


def page_sizes_mm(data: bytes) -> list[tuple[float, float]]:
    return [
        (round(float(p.mediabox.width) / MM, 1), round(float(p.mediabox.height) / MM, 1))
        for p in pdf_pages(data)
    ]


def font_names(data: bytes) -> set[str]:
    """BaseFont of every font used on any page; fails if a font is not embedded."""
    names = set()
    for page in pdf_pages(data):
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
            names.add(str(font["/BaseFont"]).split("+", 1)[-1])
    return names


def decode_qr(data: bytes, page: int = 0, dpi: int = 200) -> list[str]:
    """Render one page like a printer would and read every QR code on it."""
    document = pdfium.PdfDocument(data)
    try:
        image = document[page].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    return sorted(r.text for r in zxingcpp.read_barcodes(image) if r.format.name == "QRCode")
