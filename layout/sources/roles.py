"""What the XML formats call the blocks of a page, in relayout's roles.

PAGE XML types its TextRegions (``heading``, ``paragraph``, ``caption``, ``credit``,
``header``, ``footer``, ``page-number``…), Transkribus and relayout name a structure
type in ``custom="structure {type:byline;}"``, hOCR has classes (``ocr_title``,
``ocr_author``, ``ocr_caption``, ``ocr_par``) and relayout's ``x_role`` property, ALTO
tags its blocks with StructureTags whose label names the role. One vocabulary serves
them all: a name is either one of relayout's roles (said exactly), a generic type
whose role depends on its place (``heading``, ``credit``), or page furniture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from layout.model import Role


@dataclass(frozen=True, slots=True)
class Named:
    """A block's role as its name says: ``role`` (None: furniture or unknown),
    ``exact`` when the name is relayout's own role, ``furniture`` for running heads,
    footers and page numbers."""

    role: Role | None
    exact: bool = False
    furniture: bool = False


# Generic names of the formats and of Transkribus' structure types. ``heading`` is a
# headline above an article's text and a subhead inside it; ``credit`` (PAGE: "the
# attribution of the text") is a byline, or a photo credit beside a caption: the
# declared-structure builder decides by place (declared.py).
GENERIC_NAMES: dict[str, Role] = {
    "heading": Role.HEADLINE,
    "title": Role.HEADLINE,
    "paragraph": Role.BODY,
    "text": Role.BODY,
    "caption": Role.CAPTION,
    "credit": Role.CREDIT,
    "author": Role.BYLINE,
    "floating": Role.OTHER,
    "footnote": Role.OTHER,
    "footnote-continued": Role.OTHER,
    "endnote": Role.OTHER,
    "marginalia": Role.OTHER,
    "drop-capital": Role.BODY,
    "toc-entry": Role.OTHER,
    "list-label": Role.OTHER,
    "other": Role.OTHER,
}
# Page furniture: the page's, no article's (PAGE region types; hOCR classes without
# their ``ocr_`` prefix; the printer's marks at the foot of old pages).
FURNITURE_NAMES = frozenset(
    {"header", "footer", "page-number", "pageno", "catch-word", "signature-mark"}
)
_STRUCTURE_RE = re.compile(r"\bstructure\s*\{[^}]*?\btype\s*:\s*([^;}\s]+)")


_ROLE_NAMES = frozenset(r.value for r in Role)


def named(name: str | None, label: bool = False) -> Named | None:
    """The role a format's name for a block gives; None for a name not known.

    ``label``: the name is a label given to this one block (a structure type, hOCR
    ``x_role``, an ALTO tag), so one of relayout's role names is meant exactly; a
    format's own type (PAGE ``type``, hOCR class) is generic where the vocabulary is."""
    if not name:
        return None
    key = name.strip().lower().removeprefix("ocr_")
    if key in FURNITURE_NAMES:
        return Named(None, furniture=True)
    if key in _ROLE_NAMES:
        return Named(Role(key), exact=label or key not in GENERIC_NAMES)
    if key in GENERIC_NAMES:
        return Named(GENERIC_NAMES[key])
    return None


def structure_type(custom: str | None) -> str | None:
    """The ``structure {type:…;}`` of a PAGE ``custom`` attribute (Transkribus)."""
    match = _STRUCTURE_RE.search(custom or "")
    return match.group(1) if match else None


def first_named(label: str | None, kind: str | None) -> Named | None:
    """The role a block's own label says, else the one its format's type says."""
    return named(label, label=True) or named(kind)
