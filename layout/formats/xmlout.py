"""What the XML writers share: the creator's name, the time stamp, serialisation."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import metadata

from lxml import etree

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XLINK = "http://www.w3.org/1999/xlink"


def creator() -> str:
    """``relayout 0.1.0`` (the installed version; a source checkout says so)."""
    try:
        return f"relayout {metadata.version('relayout')}"
    except metadata.PackageNotFoundError:
        return "relayout (not installed)"


def now() -> str:
    """The time of writing, UTC, to the second (PAGE and METS want one)."""
    return datetime.now(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def serialize(root: etree._Element, doctype: str | None = None) -> str:
    """The document as UTF-8 XML text with its declaration, indented."""
    etree.indent(root, space="  ")
    data: bytes = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=doctype
    )
    return data.decode("utf-8")
