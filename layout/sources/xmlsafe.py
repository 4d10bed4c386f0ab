"""Parse XML input safely: no entity expansion, no network, no huge trees.

A document that declares entities (the "billion laughs" and external-entity attacks
both need a DOCTYPE with <!ENTITY>) is refused outright rather than parsed with the
entities left out: no source format relayout reads needs one.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from layout.errors import InputError

# Larger XML is refused: an ALTO or PAGE file of a dense broadsheet page with word
# and glyph boxes is a few tens of megabytes at most.
MAX_XML_BYTES = 256 * 1024 * 1024
_ENTITY_RE = re.compile(rb"<!ENTITY", re.I)
ENTITY_PROBLEM = "XML that declares entities (<!ENTITY>): refused, relayout expands none"


def parse_xml(data: bytes, name: str, html: bool = False) -> Any:
    """The root element; InputError for entities, bad XML or HTML that lxml refuses."""
    if _ENTITY_RE.search(data):
        raise InputError(name, ENTITY_PROBLEM)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        if html:
            return _parse_html(data, name)
        raise InputError(name, f"XML that is not well-formed: {_first_line(exc)}") from None
    dtd = root.getroottree().docinfo.internalDTD  # entities in another encoding (UTF-16)
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError(name, ENTITY_PROBLEM)
    return root


def _parse_html(data: bytes, name: str) -> Any:
    """hOCR that is HTML rather than XHTML (unclosed tags): lxml's HTML parser."""
    parser = etree.HTMLParser(no_network=True, huge_tree=False, remove_comments=True)
    root = etree.fromstring(data, parser)
    if root is None:
        raise InputError(name, "HTML that cannot be parsed")
    return root


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def local(tag: Any) -> str:
    """The element's name without its namespace ('' for comments and the like)."""
    return etree.QName(tag).localname if isinstance(tag, str) else ""
