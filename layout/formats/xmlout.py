"""What the XML writers share: the creator's name, the time stamp, serialisation."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from importlib import metadata

from lxml import etree

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XLINK = "http://www.w3.org/1999/xlink"
# XML 1.0 allows tab, line feed, carriage return and these ranges; anything else in a
# text (other control characters, lone surrogates, U+FFFE/U+FFFF) cannot be written.
NOT_XML_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def json_list(values: Iterable[str]) -> str:
    """A JSON list of strings that XML can hold: the characters it cannot (a dropped
    U+FFFE, a control character) as JSON escapes, which read back as themselves."""
    text = json.dumps(list(values), ensure_ascii=False)
    return NOT_XML_RE.sub(lambda m: "".join(_escaped(c) for c in m.group()), text)


def _escaped(ch: str) -> str:
    return json.dumps(ch)[1:-1]  # "\ufffe"; a character beyond the BMP as its pair


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
