"""Every output format in one place: its name (``-f``), file suffix (``-o``), renderer,
whether it writes geometry, and the file written beside it.

A new format is one module with a ``render(result, context) -> str`` function and one
``Format`` line in ``FORMATS``: the command line's ``-f`` choices, ``-o`` file names,
``relayout batch`` and the checks in tests/ all read this table.

The mapping from the result model to each XML format is in docs/formats.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from layout.export import to_json, to_markdown, to_text
from layout.model import PageResult

from . import alto, hocr, mets, page


@dataclass(frozen=True, slots=True)
class Context:
    """What a renderer may need besides the result."""

    explain: bool = False  # JSON: add the moves
    companion: str | None = None  # the file name of the companion output (METS → ALTO)


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    suffix: str  # of the -o file: <input name>[.pNNNN]<suffix>
    render: Callable[[PageResult, Context], str]
    geometry: bool  # writes coordinates (synthetic ones for text-only input, flagged)
    help: str
    # Another format whose file is written beside this one and named in it: a METS file
    # points at its ALTO. Such a format needs -o (two files cannot share standard output).
    companion: str | None = None


def _text(result: PageResult, _: Context) -> str:
    return to_text(result)


def _markdown(result: PageResult, _: Context) -> str:
    return to_markdown(result)


def _json(result: PageResult, context: Context) -> str:
    return to_json(result, context.explain)


def _mets(result: PageResult, context: Context) -> str:
    return mets.render(result, context.companion or "")


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("text", ".relayout.txt", _text, False, "readable text, one block per article"),
        Format("markdown", ".relayout.md", _markdown, False, "Markdown"),
        Format("json", ".relayout.json", _json, False, "the JSON contract (docs/schema.md)"),
        Format("page", ".relayout.page.xml", lambda r, _: page.render(r), True, "PAGE XML 2019"),
        Format("alto", ".relayout.alto.xml", lambda r, _: alto.render(r), True, "ALTO 4.3"),
        Format(
            "mets", ".relayout.mets.xml", _mets, True, "METS 1.12 articles + ALTO", companion="alto"
        ),
        Format("hocr", ".relayout.hocr", lambda r, _: hocr.render(r), True, "hOCR 1.2"),
    )
}


def names() -> tuple[str, ...]:
    return tuple(FORMATS)


def get(name: str) -> Format:
    """The format called ``name``; ValueError naming the choices when there is none."""
    try:
        return FORMATS[name]
    except KeyError:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {name!r}") from None


def render(
    result: PageResult, fmt: str, explain: bool = False, companion: str | None = None
) -> str:
    """The result in format ``fmt``; ``companion``: the file name of the companion output
    (a METS file's ALTO), when the format has one."""
    return get(fmt).render(result, Context(explain, companion))


__all__ = ["FORMATS", "Context", "Format", "get", "names", "render"]
