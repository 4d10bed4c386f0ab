"""Stage 6, export: a page result as text, Markdown or JSON (schema: docs/schema.md).

Every format carries each input character exactly once. The markup that text
and Markdown add (labels, ``#``) is listed here and removed by ``strip_markup``,
which the tests use to check that nothing was lost or added.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .model import Article, PageResult, Role

SCHEMA_VERSION = 1

# --- JSON ---------------------------------------------------------------------------


def to_dict(result: PageResult, explain: bool = False) -> dict[str, Any]:
    """The JSON contract. Text fields: headline, bylines, paragraphs[].text, captions,
    unassigned[].text; everything else is references (line numbers, ids, boxes)."""
    out: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "source": result.source,
        "articles": [_article_dict(a) for a in result.articles],
        "unassigned": [
            _with_box({"role": u.role.value, "text": u.text, "lines": u.lines}, u.box)
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
    if explain:
        out["moves"] = [
            {
                "role": m.role.value,
                "lines": m.lines,
                "from_position": m.from_position,
                "to_article": m.to_article,
                "confidence": m.confidence,
                "evidence": m.evidence,
            }
            for m in result.moves
        ]
    return out


def _article_dict(a: Article) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": a.id,
        "headline": list(a.headline),
        "bylines": list(a.bylines),
        "paragraphs": [
            _with_box({"role": p.role.value, "text": p.text, "lines": p.lines}, p.box)
            for p in a.paragraphs
        ],
        "captions": [c.text for c in a.captions],
        "caption_roles": [c.role.value for c in a.captions],
        "caption_lines": [c.lines for c in a.captions],
        "headline_lines": a.headline_lines,
        "byline_lines": a.byline_lines,
        "headline_confidence": a.headline_confidence,
    }
    if a.box is not None:
        out["box"] = a.box.as_list()
    return out


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
        out += a["headline"] + a["bylines"] + [p["text"] for p in a["paragraphs"]] + a["captions"]
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


# --- markup removal (for checks) ----------------------------------------------------

_TEXT_MARKUP_RE = re.compile(
    r"^=== (?:a\d+|unassigned) ===\t$"
    r"|^\((?:byline|subhead|caption|credit|headline|body|other|jump)\)\t",
    re.M,
)
_MD_MARKUP_RE = re.compile(
    r"^<!-- (?:a\d+|unassigned) -->$|^---$|^(?:# |## |> \*(?:caption|credit):\* |"
    r"- \*(?:\w+):\* )|^\*|(?<!\\)\*$",
    re.M,
)


def strip_markup(output: str, fmt: str) -> str:
    """The output with relayout's own markup removed: only input characters remain."""
    if fmt == "text":
        return _TEXT_MARKUP_RE.sub("", output)
    if fmt == "markdown":
        return re.sub(r"\\([\\`*_\[\]#<>|+=-])", r"\1", _MD_MARKUP_RE.sub("", output))
    data = json.loads(output)
    return "\n".join(json_text_fields(data) + data.get("dropped", []))


def render(result: PageResult, fmt: str, explain: bool = False) -> str:
    if fmt == "json":
        return to_json(result, explain)
    if fmt == "markdown":
        return to_markdown(result)
    return to_text(result)
