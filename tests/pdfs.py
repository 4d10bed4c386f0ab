"""Small PDFs written by hand for the tests: text at given places and sizes, images.

Latin text uses the standard Helvetica fonts (WinAnsi); CJK text a Type0 font with
Identity-H codes and a ToUnicode map, as layout programs write them (the font itself is
not embedded: text extraction needs only the map). Nothing here is relayout code.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

PAGE_W, PAGE_H = 595, 842  # A4 in points


@dataclass
class Text:
    x: float  # left edge, points from the left
    top: float  # top of the line, points from the top of the page
    size: float
    text: str
    font: str = "F1"  # F1 Helvetica, F2 Helvetica-Bold, F3 CJK


@dataclass
class Image:
    x: float
    top: float
    width: float
    height: float
    pixels: bytes  # 8-bit grey, row by row
    columns: int
    rows: int


@dataclass
class Page:
    texts: list[Text] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    # Filled rectangles (x0, top, x1, bottom) in points from the top-left: rules when
    # thin, drawn photo placeholders when not.
    drawings: list[tuple[float, float, float, float]] = field(default_factory=list)


def make_pdf(pages: list[Page], encrypted: bool = False) -> bytes:
    cjk = sorted({ch for p in pages for t in p.texts if t.font == "F3" for ch in t.text})
    cids = {ch: i + 1 for i, ch in enumerate(cjk)}
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in at the end
    pages_obj = add(b"")
    f1 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    f2 = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    )
    f3 = _cjk_font(add, cids)
    fonts = f"/Font << /F1 {f1} 0 R /F2 {f2} 0 R /F3 {f3} 0 R >>".encode()
    kids = []
    for page in pages:
        images = {f"Im{i}": add(_image(img)) for i, img in enumerate(page.images)}
        xobjects = " ".join(f"/{name} {num} 0 R" for name, num in images.items())
        content = _content(page, cids)
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(
            add(
                f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
                f"/Resources << {fonts.decode()} /XObject << {xobjects} >> >> "
                f"/Contents {stream} 0 R >>".encode()
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode()
    refs = " ".join(f"{k} 0 R" for k in kids)
    objects[pages_obj - 1] = f"<< /Type /Pages /Kids [{refs}] /Count {len(kids)} >>".encode()
    extra = ""
    if encrypted:
        # Standard security handler; /U does not match the empty user password, so
        # the document needs a password to open.
        enc = add(
            b"<< /Filter /Standard /V 1 /R 2 /O <"
            + b"ab" * 32
            + b"> /U <"
            + b"cd" * 32
            + b"> /P -4 >>"
        )
        extra = f" /Encrypt {enc} 0 R /ID [<{'01' * 16}> <{'01' * 16}>]"
    return _assemble(objects, catalog, extra)


def _assemble(objects: list[bytes], root: int, extra: str) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R{extra} >>\n".encode()
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _content(page: Page, cids: dict[str, int]) -> bytes:
    ops = []
    for i, img in enumerate(page.images):
        y = PAGE_H - img.top - img.height
        ops.append(f"q {img.width} 0 0 {img.height} {img.x} {y} cm /Im{i} Do Q")
    for x0, top, x1, bottom in page.drawings:
        ops.append(f"{x0} {PAGE_H - bottom} {x1 - x0} {bottom - top} re f")
    for t in page.texts:
        baseline = PAGE_H - t.top - 0.8 * t.size
        if t.font == "F3":
            shown = "<" + "".join(f"{cids[ch]:04X}" for ch in t.text) + ">"
        else:
            raw = t.text.encode("cp1252")
            shown = (
                "("
                + raw.replace(b"\\", b"\\\\")
                .replace(b"(", b"\\(")
                .replace(b")", b"\\)")
                .decode("latin-1")
                + ")"
            )
        ops.append(f"BT /{t.font} {t.size} Tf 1 0 0 1 {t.x} {baseline:.2f} Tm {shown} Tj ET")
    return "\n".join(ops).encode("latin-1")


def _cjk_font(add: object, cids: dict[str, int]) -> int:
    assert callable(add)
    pairs = [f"<{cid:04X}> <{ord(ch):04X}>" for ch, cid in cids.items()]
    chunks = [pairs[i : i + 100] for i in range(0, len(pairs), 100)]
    body = "\n".join(f"{len(c)} beginbfchar\n" + "\n".join(c) + "\nendbfchar" for c in chunks)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{body}\nendcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    to_unicode = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -120 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"
    )
    cidfont = add(
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo "
        f"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        f"/FontDescriptor {descriptor} 0 R /DW 1000 /CIDToGIDMap /Identity >>".encode()
    )
    return int(
        add(
            f"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
            f"/DescendantFonts [{cidfont} 0 R] /ToUnicode {to_unicode} 0 R >>".encode()
        )
    )


def _image(img: Image) -> bytes:
    data = zlib.compress(img.pixels)
    head = (
        f"<< /Type /XObject /Subtype /Image /Width {img.columns} /Height {img.rows} "
        f"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length {len(data)} >>"
    ).encode()
    return head + b"\nstream\n" + data + b"\nendstream"


def column(x: float, top: float, size: float, lines: list[str], font: str = "F1") -> list[Text]:
    """Lines set one below the other with a leading of 1.2 times the size."""
    return [Text(x, top + i * size * 1.2, size, line, font) for i, line in enumerate(lines)]
