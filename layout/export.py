"""Stage 6, export: a page result as text, Markdown or JSON (schema: docs/schema.md).

Every format carries each text field of the page result exactly once, in the order
of ``PageResult.text_fields()``. The markup that text and Markdown add (labels,
``#``, escapes) is unambiguous, and ``read_fields`` reads the fields back: the tests
compare them with the result they rendered.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .model import SCHEMA_VERSION as SCHEMA_VERSION  # the JSON's version, kept with the model
from .model import Article, PageResult, Piece, Role

# --- JSON ---------------------------------------------------------------------------


def to_dict(result: PageResult, explain: bool = False) -> dict[str, Any]:
    """The JSON contract. Text fields: headline[].text, bylines[].text,
    paragraphs[].text, captions[].text, unassigned[].text; everything else is references
    (line numbers, ids, boxes) and scores."""
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "source": result.source,
        "articles": [_article_dict(a) for a in result.articles],
        "unassigned": [
            _with_box({"id": u.id, "role": u.role.value, "text": u.text, "lines": u.lines}, u.box)
            for u in result.unassigned
        ],
        "dropped": list(result.dropped),
    }
    if result.page is not None:
        out["page"] = result.page
    if result.size is not None:
        out["size"] = list(result.size)
    if result.notes:
        out["notes"] = list(result.notes)
    if result.columns:
        out["columns"] = [[c.x0, c.x1] for c in result.columns]
    out.update(_image_geometry(result))
    if explain:
        out.update(_decisions(result))
        out["moves"] = [
            _with_box(
                {
                    "id": m.id,
                    "role": m.role.value,
                    "lines": m.lines,
                    "from_position": m.from_position,
                    "to_article": m.to_article,
                    "pieces": list(m.pieces),
                    "confidence": m.confidence,
                    "evidence": m.evidence,
                },
                m.box,
            )
            for m in result.moves
        ]
    return out


def _image_geometry(result: PageResult) -> dict[str, Any]:
    """What the image analysis found, when it ran: the skew, photos and printed rules."""
    out: dict[str, Any] = {}
    if result.skew is not None:
        out["skew"] = result.skew
    if result.photos:
        out["photos"] = [box.as_list() for box in result.photos]
    if result.separators:
        out["separators"] = [box.as_list() for box in result.separators]
    return out


def _decisions(result: PageResult) -> dict[str, Any]:
    """``--explain``: the rule of every line break and of every block's role."""
    return {
        "breaks": [
            {"line": b.line, "next": b.next, "rule": b.rule, "splits": b.splits}
            for b in result.breaks
        ],
        "reasons": [
            {"lines": list(r.lines), "role": r.role.value, "rule": r.rule} for r in result.reasons
        ],
    }


def _article_dict(a: Article) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": a.id,
        "headline": _pieces(a.id, "headline", a.headline_pieces, a.headline, a.headline_lines),
        "bylines": _pieces(a.id, "bylines", a.byline_pieces, a.bylines, a.byline_lines),
        "paragraphs": [
            _with_box({"id": p.id, "role": p.role.value, "text": p.text, "lines": p.lines}, p.box)
            for p in a.paragraphs
        ],
        "captions": [
            _with_box({"id": c.id, "role": c.role.value, "text": c.text, "lines": c.lines}, c.box)
            for c in a.captions
        ],
        "headline_confidence": a.headline_confidence,
    }
    if a.box is not None:
        out["box"] = a.box.as_list()
    return out


def _pieces(
    article: str, name: str, pieces: list[Piece], texts: list[str], numbers: list[int]
) -> list[Any]:
    """Headline lines or bylines as objects. The pieces are made by ``assign_ids``: a
    result whose texts or lines changed since then would lose or repeat text, or name
    the wrong lines, so it is refused (a bug of the stage that changed them)."""
    if [p.text for p in pieces] != texts or [n for p in pieces for n in p.lines] != numbers:
        raise ValueError(f"{article}: its {name} changed after assign_ids; call it again")
    return [_with_box({"id": p.id, "text": p.text, "lines": p.lines}, p.box) for p in pieces]


def _with_box(item: dict[str, Any], box: Any) -> dict[str, Any]:
    if box is not None:
        item["box"] = box.as_list()
    return item


def to_json(result: PageResult, explain: bool = False) -> str:
    return json.dumps(to_dict(result, explain), ensure_ascii=False, indent=2) + "\n"


def json_text_fields(data: dict[str, Any]) -> list[str]:
    """The text-bearing strings of a JSON result (for the nothing-lost check)."""
    out: list[str] = []
    for a in data["articles"]:
        for field in ("headline", "bylines", "paragraphs", "captions"):
            out += [piece["text"] for piece in a[field]]
    out += [u["text"] for u in data["unassigned"]]
    return out


# --- text ---------------------------------------------------------------------------

# Labels end with a tab, which no output text holds (re-flow turns tabs into
# spaces), so the labels can always be told from the page's own words.
_LABELS = {
    Role.BYLINE: "(byline)\t",
    Role.SUBHEAD: "(subhead)\t",
    Role.CAPTION: "(caption)\t",
    Role.CREDIT: "(credit)\t",
}


def to_text(result: PageResult) -> str:
    """Readable text: per article a header line, the headline, bylines, paragraphs, captions."""
    chunks: list[str] = []
    for a in result.articles:
        lines = [f"=== {a.id} ===\t"]
        lines += a.headline
        lines += [_LABELS[Role.BYLINE] + b for b in a.bylines]
        body = [
            (_LABELS[Role.SUBHEAD] if p.role is Role.SUBHEAD else "") + p.text for p in a.paragraphs
        ]
        caps = [_LABELS[c.role] + c.text for c in a.captions]
        chunks.append("\n\n".join(["\n".join(lines), *body, *(["\n".join(caps)] if caps else [])]))
    if result.unassigned:
        rest = [f"({u.role.value})\t{u.text}" for u in result.unassigned]
        chunks.append("=== unassigned ===\t\n" + "\n".join(rest))
    return "\n\n".join(chunks) + ("\n" if chunks else "")


# --- Markdown -------------------------------------------------------------------------

_MD_SPECIAL_RE = re.compile(r"([\\`*_\[\]#<>|])")


def _md(text: str) -> str:
    escaped = _MD_SPECIAL_RE.sub(r"\\\1", text)
    return "\\" + escaped if escaped[:1] in ("-", "+", "=") else escaped  # no list or rule


def to_markdown(result: PageResult) -> str:
    chunks: list[str] = []
    for a in result.articles:
        part = [f"<!-- {a.id} -->"]
        part += [f"# {_md(h)}" for h in a.headline]
        part += [f"*{_md(b)}*" for b in a.bylines]
        for p in a.paragraphs:
            part.append(f"## {_md(p.text)}" if p.role is Role.SUBHEAD else _md(p.text))
        part += [f"> *{c.role.value}:* {_md(c.text)}" for c in a.captions]
        chunks.append("\n\n".join(part))
    if result.unassigned:
        rest = [f"- *{u.role.value}:* {_md(u.text)}" for u in result.unassigned]
        chunks.append("<!-- unassigned -->\n\n" + "\n".join(rest))
    return "\n\n---\n\n".join(chunks) + ("\n" if chunks else "")


# --- reading an output back (for checks) -------------------------------------------
#
# Each format's markup is unambiguous: text labels end with a tab, which no output
# text holds (re-flow turns tabs into spaces); in Markdown every character with a
# meaning there is escaped inside a text, so an unescaped one is always markup, and a
# backslash always starts an escape. ``read_fields`` inverts each renderer on that
# basis, strictly: a line no renderer writes raises MarkupError instead of being
# guessed at. The tests compare what it reads with ``PageResult.text_fields()``.


class MarkupError(ValueError):
    """An output line that the renderer of its format cannot have written."""


_TEXT_HEADER_RE = re.compile(r"=== (?:a\d+|unassigned) ===\t")
_TEXT_LABEL_RE = re.compile(r"\((?:[a-z]+)\)\t")
_MD_SKIP_RE = re.compile(r"<!-- (?:a\d+|unassigned) -->|---|")
_MD_PREFIX_RE = re.compile(r"## |# |> \*(?:caption|credit):\* |- \*[a-z]+:\* ")
# An escape (backslash and any character), or a Markdown character left unescaped.
_MD_TOKEN_RE = re.compile(r"\\(.)|([\\`*_\[\]#<>|])", re.S)


def read_fields(output: str, fmt: str) -> list[str]:
    """The text fields an output carries, in order, with relayout's markup removed.

    For JSON: the text fields (``json_text_fields``), without ``dropped``. Empty
    fields leave no line in text and Markdown, so compare non-empty fields."""
    if fmt == "json":
        return json_text_fields(json.loads(output))
    read_line = _read_text_line if fmt == "text" else _read_markdown_line
    fields = [read_line(line) for line in output.split("\n")]
    return [f for f in fields if f is not None]


def _read_text_line(line: str) -> str | None:
    if not line or _TEXT_HEADER_RE.fullmatch(line):
        return None
    label = _TEXT_LABEL_RE.match(line)
    text = line[label.end() :] if label else line
    if "\t" in text:
        raise MarkupError(f"a tab inside a text field: {line!r}")
    return text


def _read_markdown_line(line: str) -> str | None:
    if _MD_SKIP_RE.fullmatch(line):
        return None
    prefix = _MD_PREFIX_RE.match(line)
    if prefix:
        return _md_unescape(line[prefix.end() :], line)
    if line.startswith("*"):  # a byline, in emphasis
        if len(line) < 2 or not line.endswith("*"):
            raise MarkupError(f"unclosed emphasis: {line!r}")
        return _md_unescape(line[1:-1], line)
    return _md_unescape(line, line)


def _md_unescape(text: str, line: str) -> str:
    def one(match: re.Match[str]) -> str:
        if match.group(2) is not None:
            raise MarkupError(f"unescaped {match.group(2)!r} inside a text: {line!r}")
        return match.group(1)

    return _MD_TOKEN_RE.sub(one, text)


def strip_markup(output: str, fmt: str) -> str:
    """The output with relayout's own markup removed: only input characters remain
    (for JSON, the text fields and ``dropped``)."""
    fields = read_fields(output, fmt)
    if fmt == "json":
        fields += json.loads(output).get("dropped", [])
    return "\n".join(fields)
