"""Strict readers of relayout's own outputs, for the checks (tests, ``relayout eval``).

``read_back(output, fmt)`` gives the number of articles, the texts in reading order
(the regions' texts for the XML formats, the text fields for the others) and the
dropped characters a document reports. Each reader refuses what its writer cannot
have written (MarkupError): a region missing from the reading order or named twice, a
line whose text is not its region's, a reference to a block that is not there, a
hyphenated word whose parts do not make it up, a box that is not four numbers. XML is
parsed without entity expansion, DTDs or network access.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from lxml import etree

from layout.export import MarkupError, json_text_fields, read_fields

from . import alto, hocr, mets, page


@dataclass(frozen=True, slots=True)
class ReadBack:
    articles: int
    texts: list[str]
    dropped: list[str] = field(default_factory=list)


def read_back(output: str, fmt: str, companion: str | None = None) -> ReadBack:
    """What ``output`` in format ``fmt`` holds; ``companion``: the ALTO of a METS file."""
    if fmt == "page":
        return read_page(output)
    if fmt == "alto":
        return read_alto(output)
    if fmt == "mets":
        if companion is None:
            raise ValueError("a METS file is read with its ALTO (companion)")
        return read_mets(output, companion)
    if fmt == "hocr":
        return read_hocr(output)
    if fmt == "json":
        data = json.loads(output)
        return ReadBack(len(data["articles"]), json_text_fields(data), list(data["dropped"]))
    header = _TEXT_HEADER_RE if fmt == "text" else _MD_HEADER_RE
    return ReadBack(len(header.findall(output)), read_fields(output, fmt))


_TEXT_HEADER_RE = re.compile(r"^=== a\d+ ===\t$", re.M)
_MD_HEADER_RE = re.compile(r"^<!-- a\d+ -->$", re.M)


def parse(output: str) -> etree._Element:
    """An XML document, parsed safely: no entities expanded, no DTD, no network."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        return etree.fromstring(output.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise MarkupError(f"not well-formed XML: {exc}") from None


def _nonblank(text: str) -> str:
    return "".join(text.split())


def _require(condition: bool, problem: str) -> None:
    if not condition:
        raise MarkupError(problem)


# --- PAGE ---------------------------------------------------------------------------------


def read_page(output: str) -> ReadBack:
    root = parse(output)
    ns = {"p": page.NS}
    _require(root.tag == f"{{{page.NS}}}PcGts", f"not a PAGE 2019 document: {root.tag}")
    texts: dict[str, str] = {}
    for region in root.iterfind("p:Page/p:TextRegion", ns):
        rid = region.get("id", "")
        _require(rid not in texts, f"region {rid} twice")
        own = region.findtext("p:TextEquiv/p:Unicode", None, ns)
        _require(own is not None, f"region {rid} has no TextEquiv")
        lines = [
            ln.findtext("p:TextEquiv/p:Unicode", "", ns) for ln in region.iterfind("p:TextLine", ns)
        ]
        _require(
            _nonblank("".join(lines)) == _nonblank(own or ""),
            f"region {rid}: its lines' text is not its own",
        )
        texts[rid] = own or ""
    order = [
        r.get("regionRef", "") for r in root.iterfind(".//p:ReadingOrder//p:RegionRefIndexed", ns)
    ]
    _check_order(order, list(texts))
    for ref in root.iterfind(".//p:Relations/p:Relation/*", ns):
        _require(
            ref.get("regionRef") in texts, f"relation to a missing region {ref.get('regionRef')}"
        )
    articles = root.findall(".//p:ReadingOrder//p:OrderedGroupIndexed[@type='article']", ns)
    item = root.find(f"p:Metadata/p:MetadataItem[@name='{page.DROPPED_ITEM}']", ns)
    dropped = json.loads(item.get("value", "[]")) if item is not None else []
    return ReadBack(len(articles), [texts[r] for r in order], dropped)


def _check_order(order: list[str], regions: list[str]) -> None:
    """The reading order names every region once and nothing else."""
    _require(len(order) == len(set(order)), "a region named twice in the reading order")
    _require(set(order) == set(regions), "the reading order and the regions differ")


# --- ALTO ---------------------------------------------------------------------------------


def read_alto(output: str) -> ReadBack:
    root = parse(output)
    ns = {"a": alto.NS}
    _require(root.tag == f"{{{alto.NS}}}alto", f"not an ALTO 4 document: {root.tag}")
    blocks = _alto_blocks(root, ns)
    order = [ref.get("REF", "") for ref in root.iterfind("a:ReadingOrder//a:ElementRef", ns)]
    _check_order(order, list(blocks))
    articles = root.findall("a:ReadingOrder/a:OrderedGroup/a:OrderedGroup", ns)
    settings = root.findtext("a:Description/a:Processing/a:processingStepSettings", "", ns)
    dropped = json.loads(settings.removeprefix(alto.DROPPED_PREFIX)) if settings else []
    return ReadBack(len(articles), [blocks[b] for b in order], dropped)


def _alto_blocks(root: etree._Element, ns: dict[str, str]) -> dict[str, str]:
    """Each TextBlock's text (lines joined by line breaks), checking hyphenated words."""
    blocks: dict[str, str] = {}
    pending: str | None = None  # the word a HypPart1 string announced
    for block in root.iterfind(".//a:TextBlock", ns):
        lines: list[str] = []
        for line in block.iterfind("a:TextLine", ns):
            strings = line.findall("a:String", ns)
            _require(bool(strings), f"line {line.get('ID')} has no String")
            for k, s in enumerate(strings):
                pending = _check_part(s, k == 0, k == len(strings) - 1, pending, strings)
            lines.append(" ".join(s.get("CONTENT", "") for s in strings))
        bid = block.get("ID", "")
        _require(bid not in blocks, f"block {bid} twice")
        blocks[bid] = "\n".join(lines)
    _require(pending is None, "a HypPart1 with no HypPart2")
    return blocks


def _check_part(
    s: etree._Element, first: bool, last: bool, pending: str | None, strings: list[etree._Element]
) -> str | None:
    kind, content = s.get("SUBS_TYPE"), s.get("CONTENT", "")
    if kind == "HypPart2":
        _require(first and pending is not None, "a HypPart2 that follows no HypPart1")
        _require(
            s.get("SUBS_CONTENT") == pending, f"HypPart2 {content!r} is not part of {pending!r}"
        )
        pending = None
    else:
        _require(not (first and pending is not None), f"{pending!r} is not continued")
    if kind == "HypPart1":
        _require(last, f"HypPart1 {content!r} is not the line's last word")
        whole = str(s.get("SUBS_CONTENT", ""))
        _require(whole.startswith(content), f"HypPart1 {content!r} does not start {whole!r}")
        return whole
    return pending


# --- METS ---------------------------------------------------------------------------------


def read_mets(output: str, alto_output: str) -> ReadBack:
    """The articles of the METS file; the texts of the ALTO blocks its areas point at, in
    the METS order (every block of the ALTO exactly once)."""
    root = parse(output)
    ns = {"m": mets.NS}
    _require(root.tag == f"{{{mets.NS}}}mets", f"not a METS document: {root.tag}")
    files = {f.get("ID") for f in root.iterfind("m:fileSec//m:file", ns)}
    logical = root.find("m:structMap[@TYPE='LOGICAL']", ns)
    _require(logical is not None, "no logical structMap")
    assert logical is not None
    areas = logical.findall(".//m:area", ns)
    for area in areas:
        _require(
            area.get("FILEID") in files, f"area in a file not in the fileSec: {area.get('FILEID')}"
        )
        _require(area.get("BETYPE") == "IDREF", "area not addressed by IDREF")
    blocks = _alto_blocks(parse(alto_output), {"a": alto.NS})
    order = [a.get("BEGIN", "") for a in areas]
    _check_order(order, list(blocks))
    articles = logical.findall(".//m:div[@TYPE='ARTICLE']", ns)
    return ReadBack(len(articles), [blocks[b] for b in order], read_alto(alto_output).dropped)


# --- hOCR ---------------------------------------------------------------------------------

_BBOX_RE = re.compile(r"(?:^|;\s*)bbox \d+ \d+ \d+ \d+(?:;|$)")
_TEXT_CLASSES = {"ocr_title", "ocr_author", "ocr_caption", "ocr_par"}


def read_hocr(output: str) -> ReadBack:
    root = parse(output)
    ns = {"h": hocr.NS}
    _require(root.tag == f"{{{hocr.NS}}}html", f"not an XHTML (hOCR) document: {root.tag}")
    texts: list[str] = []
    for node in root.iter(f"{{{hocr.NS}}}*"):
        cls = node.get("class")
        if cls in ("ocr_carea", "ocr_line", *_TEXT_CLASSES):
            _require(
                bool(_BBOX_RE.search(node.get("title", ""))), f"{cls} {node.get('id')} has no bbox"
            )
        if cls in _TEXT_CLASSES:
            spans = list(node)
            _require(
                all(s.get("class") == "ocr_line" and len(s) == 0 for s in spans),
                f"{node.get('id')} holds something other than ocr_line spans",
            )
            texts.append("\n".join(s.text or "" for s in spans))
    articles = root.findall(".//h:div[@class='ocr_linear']", ns)
    meta = root.find(f"h:head/h:meta[@name='{hocr.DROPPED_META}']", ns)
    dropped = json.loads(meta.get("content", "[]")) if meta is not None else []
    return ReadBack(len(articles), texts, dropped)
