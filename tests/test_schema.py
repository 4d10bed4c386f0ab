"""The JSON output's schema, its ids, and reading it back (layout/schema, docs/schema.md).

Every JSON document relayout writes validates against the shipped JSON Schema; its ids
follow the documented scheme and are unique; ``PageResult.from_dict`` gives back a
result that writes the same document again and still holds every input character.
Seeds here, generated pages by Hypothesis; page images and PDF pages in
tests/test_image.py and tests/test_realistic.py (they call ``assert_schema_round_trip``).
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout import process_text
from layout.export import to_dict, to_json
from layout.model import (
    SCHEMA_VERSION,
    Article,
    BBox,
    Caption,
    Column,
    Line,
    LineBreak,
    Move,
    PageResult,
    Paragraph,
    ResultFormatError,
    Role,
    RoleReason,
    Unassigned,
    assign_ids,
    check_nothing_lost,
    group_lines,
    non_whitespace,
)
from layout.reflow import BREAK_RULES
from layout.schema import json_schema, load_result, schema_text
from layout.segment import ROLE_RULES as SEGMENT_ROLE_RULES

from .conftest import SEEDS
from .strategies import newspaper_page

VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def schema_errors(data: dict[str, Any]) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]


def every_id(data: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for a in data["articles"]:
        out.append(a["id"])
        for field in ("headline", "bylines", "paragraphs", "captions"):
            out += [piece["id"] for piece in a[field]]
    out += [u["id"] for u in data["unassigned"]]
    out += [m["id"] for m in data.get("moves", [])]
    return out


# The id letter of each kind of piece of an article: aN.h1, aN.b1, aN.p1, aN.c1.
ID_KINDS = (("h", "headline"), ("b", "bylines"), ("p", "paragraphs"), ("c", "captions"))
# What kind of piece a move of each role gives an article (h headline line, b byline):
# any other block given to an article joins its captions (c), a jump line too.
PIECE_KIND = {"headline": "h", "byline": "b"}


def assert_ids_follow_reading_order(data: dict[str, Any]) -> None:
    """a1, a2… in order; inside aN each kind numbered 1, 2… in order; u1…, m1…; moves
    name an existing article and pieces of that article of their own kind."""
    for n, a in enumerate(data["articles"], start=1):
        assert a["id"] == f"a{n}"
        for kind, field in ID_KINDS:
            ids = [piece["id"] for piece in a[field]]
            assert ids == [f"a{n}.{kind}{k}" for k in range(1, len(ids) + 1)]
    assert [u["id"] for u in data["unassigned"]] == [
        f"u{k}" for k in range(1, len(data["unassigned"]) + 1)
    ]
    ids = every_id(data)
    assert len(ids) == len(set(ids))
    known = set(ids)
    for k, m in enumerate(data.get("moves", []), start=1):
        assert m["id"] == f"m{k}"
        assert m["to_article"] in known
        for piece in m["pieces"]:
            assert piece in known
            assert re.fullmatch(
                rf"{m['to_article']}\.{PIECE_KIND.get(m['role'], 'c')}\d+", piece
            ), m


def assert_schema_round_trip(result: PageResult, text: str | None = None) -> None:
    """``assert_json_round_trip``, and the moves read back name the pieces that moved
    (a pipeline result's moves hold their pieces' texts; a drawn one's need not)."""
    assert_json_round_trip(result, text)
    loaded = PageResult.from_dict(to_dict(result, explain=True))
    # A move's text is its pieces' texts: the ids point at what was moved.
    assert [m.text for m in loaded.moves] == [m.text for m in result.moves]


def assert_pieces_lie_on_their_lines(result: PageResult) -> None:
    """Each headline line and byline holds no character its own input lines do not:
    the lines the stages kept for all of them together were cut at the right places."""
    known = {line.number: line.text for line in result.lines}
    for article in result.articles:
        for piece in [*article.headline_pieces, *article.byline_pieces]:
            if piece.lines and all(n in known for n in piece.lines):
                own = non_whitespace("".join(known[n] for n in piece.lines))
                assert non_whitespace(piece.text) <= own, (piece, [known[n] for n in piece.lines])


def assert_json_round_trip(result: PageResult, text: str | None = None) -> None:
    """The result's JSON (with and without the moves) validates, its ids are as
    documented, and reading it back writes the same JSON; the loaded result holds the
    same characters (``text``: the input, when there is one to check against)."""
    assert_pieces_lie_on_their_lines(result)
    for explain in (True, False):
        data = json.loads(to_json(result, explain))
        assert schema_errors(data) == []
        assert_ids_follow_reading_order(data)
        loaded = PageResult.from_dict(data)
        assert to_dict(loaded, explain) == data
        assert loaded.characters() == result.characters()
        if text is not None:
            check_nothing_lost(loaded, text)


# --- the schema itself ----------------------------------------------------------------


def test_schema_is_valid_draft_2020_12_of_this_version() -> None:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema_version"] == {"const": SCHEMA_VERSION}
    assert schema["$id"].endswith(f":{SCHEMA_VERSION}")
    assert schema["$defs"]["role"]["enum"] == [role.value for role in Role]


def test_json_schema_flag_prints_the_shipped_schema() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "layout", "--json-schema"], capture_output=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8") == schema_text()
    assert json.loads(proc.stdout) == json_schema()


def test_json_schema_flag_on_a_full_stdout_is_one_line_and_exit_4() -> None:
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "layout", "--json-schema"],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    assert proc.returncode == 4
    assert proc.stderr.decode().strip().count("\n") == 0
    assert "Traceback" not in proc.stderr.decode()


def test_the_example_in_the_docs_is_a_valid_document() -> None:
    docs = (Path(__file__).resolve().parent.parent / "docs" / "schema.md").read_text("utf-8")
    example = json.loads(docs.split("```json\n", 1)[1].split("```", 1)[0])
    assert schema_errors(example) == []
    assert example["schema_version"] == SCHEMA_VERSION
    assert to_dict(PageResult.from_dict(example), explain=True) == example


# --- seeds ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_json_validates_and_round_trips(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    result = process_text(text, path.name)
    assert result.moves  # every seed has moves: their ids are checked too
    assert_schema_round_trip(result, text)


def test_load_result_reads_what_the_command_wrote(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "layout", str(SEEDS[0]), "-f", "json", "-o", str(out)],
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    (written,) = out.iterdir()
    loaded = load_result(written)
    assert to_dict(loaded) == json.loads(written.read_text(encoding="utf-8"))
    check_nothing_lost(loaded, SEEDS[0].read_text(encoding="utf-8"))


def test_load_result_refuses_what_is_not_a_result(tmp_path: Path) -> None:
    for name, content in [("a.json", "[1, 2]"), ("b.json", "{not json"), ("c.json", "{}")]:
        (tmp_path / name).write_text(content, encoding="utf-8")
        with pytest.raises(ResultFormatError):
            load_result(tmp_path / name)


def test_a_byline_moved_before_the_articles_own_keeps_its_own_line() -> None:
    """The assignment puts a ▶ byline it moves in front of the bylines that close the
    article: its input line goes in front too, so each byline names its own line (the
    lines were kept in the other order, and the JSON paired each byline with the other's)."""
    result = process_text(SEEDS[2].read_text(encoding="utf-8"))
    moved = {p for m in result.moves if m.role is Role.BYLINE for p in m.pieces}
    text = {line.number: line.text for line in result.lines}
    checked = 0
    for article in result.articles:
        if len(article.byline_pieces) >= 2 and article.byline_pieces[0].id in moved:
            for piece in article.byline_pieces:
                assert [text[n] for n in piece.lines] == [piece.text]
                checked += 1
    assert checked >= 2


# --- cutting the lines of headline lines and bylines ----------------------------------


def _lines(*texts: str) -> dict[int, Line]:
    return {n: Line(n, t) for n, t in enumerate(texts, start=1)}


def test_group_lines_gives_one_line_each_when_there_are_as_many() -> None:
    assert group_lines(["A", "B"], [7, 3], {}) == [[7], [3]]


def test_group_lines_gives_an_entry_set_on_two_lines_both() -> None:
    lines = _lines("Kicker", "—— a subtitle run", "over two lines", "Byline")
    texts = ["Kicker", "—— a subtitle run over two lines"]
    assert group_lines(texts, [1, 2, 3], lines) == [[1], [2, 3]]


def test_group_lines_cuts_at_a_joined_word_whose_hyphen_was_dropped() -> None:
    lines = _lines("A head set on sev-", "eral lines", "Second head")
    texts = ["A head set on several lines", "Second head"]
    assert group_lines(texts, [1, 2, 3], lines) == [[1, 2], [3]]


def test_group_lines_leaves_a_line_for_each_entry_after() -> None:
    """Texts longer than their lines (unknown to the check) still leave every later
    entry a line; with no line texts known each entry takes one, the last the rest."""
    lines = _lines("x", "y", "z")
    assert group_lines(["long text", "b"], [1, 2, 3], lines) == [[1, 2], [3]]
    assert group_lines(["a", "b"], [1, 2, 3], {}) == [[1], [2, 3]]


def test_assign_ids_gives_headline_pieces_the_box_of_their_lines() -> None:
    article = Article("", headline=["Top", "Next"], headline_lines=[1, 2])
    result = PageResult("t", [article])
    result.lines = [
        Line(1, "Top", box=BBox(0, 0, 30, 10)),
        Line(2, "Next", box=BBox(0, 12, 40, 22)),
    ]
    assign_ids(result)
    pieces = [(p.id, p.text, p.lines, p.box) for p in article.headline_pieces]
    assert pieces == [
        ("a1.h1", "Top", [1], BBox(0, 0, 30, 10)),
        ("a1.h2", "Next", [2], BBox(0, 12, 40, 22)),
    ]
    assert to_dict(result)["articles"][0]["headline"][1] == {
        "id": "a1.h2",
        "text": "Next",
        "lines": [2],
        "box": [0, 12, 40, 22],
    }


def test_writing_a_result_whose_headline_changed_after_assign_ids_is_refused() -> None:
    """The pieces would no longer hold the headline's text: the JSON would lose it."""
    result = process_text(SEEDS[0].read_text(encoding="utf-8"))
    result.articles[0].headline.append("added later")
    result.articles[0].headline_lines.append(1)
    with pytest.raises(ValueError, match="call it again"):
        to_dict(result)
    assign_ids(result)
    assert to_dict(result)["articles"][0]["headline"][-1]["text"] == "added later"


# --- invalid documents ----------------------------------------------------------------


def _seed_json() -> dict[str, Any]:
    data: dict[str, Any] = to_dict(process_text(SEEDS[1].read_text(encoding="utf-8")), True)
    return data


SEED_JSON = _seed_json()


def _set(path: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


def _drop(path: list[Any]) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return change


# Documents the schema refuses, and so does from_dict.
REFUSED_BY_BOTH = {
    "version 1": _set(["schema_version"], 1),
    "version 3": _set(["schema_version"], 3),
    "paragraph without id": _drop(["articles", 0, "paragraphs", 0, "id"]),
    "unknown role": _set(["articles", 0, "paragraphs", 0, "role"], "photo"),
    "line number as text": _set(["articles", 0, "headline", 0, "lines"], ["731"]),
    "headline line as a plain string (version 3)": _set(["articles", 0, "headline", 0], "标题"),
    "headline line without id": _drop(["articles", 0, "headline", 0, "id"]),
    "headline line without lines": _drop(["articles", 0, "headline", 0, "lines"]),
    "caption with a paragraph's role": _set(["articles", 3, "captions", 0, "role"], "body"),
    "text as a number": _set(
        ["unassigned"], [{"id": "u1", "role": "other", "text": 7, "lines": []}]
    ),
}
# Documents only the schema can refuse (from_dict reads what it needs, no more).
REFUSED_BY_SCHEMA = {
    "box of three numbers": _set(["articles", 0, "paragraphs", 0, "box"], [1, 2, 3]),
    "field the schema does not know": _set(["articles", 0, "colour"], "red"),
    "id of another form": _set(["articles", 0, "paragraphs", 0, "id"], "p1"),
    "confidence over 1": _set(["moves", 0, "confidence"], 1.5),
}
# Documents whose parts disagree, which no JSON Schema can say: from_dict refuses them.
REFUSED_BY_FROM_DICT = {
    "a move naming no piece": _set(["moves", 0, "pieces"], ["a99.h1"]),
}


@pytest.mark.parametrize(
    "change", list({**REFUSED_BY_BOTH, **REFUSED_BY_SCHEMA}.values()), ids=lambda c: ""
)
def test_schema_refuses_an_invalid_document(change: Callable[[dict[str, Any]], None]) -> None:
    data = copy.deepcopy(SEED_JSON)
    change(data)
    assert schema_errors(data)


@pytest.mark.parametrize(
    "name", [*REFUSED_BY_BOTH, *REFUSED_BY_FROM_DICT], ids=lambda name: name.replace(" ", "_")
)
def test_from_dict_refuses_an_invalid_document(name: str) -> None:
    data = copy.deepcopy(SEED_JSON)
    {**REFUSED_BY_BOTH, **REFUSED_BY_FROM_DICT}[name](data)
    with pytest.raises(ResultFormatError):
        PageResult.from_dict(data)


def test_the_unchanged_seed_document_is_valid() -> None:
    """The negative tests above fail because of their change, not because of the base."""
    assert schema_errors(SEED_JSON) == []
    assert to_dict(PageResult.from_dict(SEED_JSON), True) == SEED_JSON


# --- generated pages and results (Hypothesis; derandomized in `make test`) -------------

# Whole pages through the pipeline cost ~0.1 s each (tests/test_fuzz.py runs many more
# for nothing lost); the schema and the ids are the same code for every page.
PIPELINE_EXAMPLES = 30


@settings(max_examples=PIPELINE_EXAMPLES)
@given(newspaper_page)
def test_generated_pages_json_validates_and_round_trips(page: str) -> None:
    assert_schema_round_trip(process_text(page), page)


TEXT = st.text(
    st.characters(exclude_categories=["Cs"]), max_size=12
)  # JSON holds no lone surrogate
LINE = st.integers(1, 10**6)
LINES = st.lists(LINE, max_size=4)
RULE_NAME = st.sampled_from([rule.name for rule in BREAK_RULES] + sorted(SEGMENT_ROLE_RULES))
COORD = st.integers(0, 5000)
BOXES = st.none() | st.builds(
    lambda x, y, w, h: BBox(x, y, x + w, y + h), COORD, COORD, COORD, COORD
)
CONFIDENCE = st.floats(0, 1, allow_nan=False)
PIECE = (TEXT, LINES, BOXES)  # a paragraph's or caption's text, lines and box


def _article(draw: st.DrawFn) -> Article:
    # Headline lines and bylines as the stages add them: each text with its lines.
    heads = draw(st.lists(st.tuples(TEXT, LINES), max_size=3))
    bylines = draw(st.lists(st.tuples(TEXT, LINES), max_size=2))
    return Article(
        id="",
        headline=[text for text, _ in heads],
        headline_lines=[n for _, lines in heads for n in lines],
        bylines=[text for text, _ in bylines],
        byline_lines=[n for _, lines in bylines for n in lines],
        paragraphs=draw(
            st.lists(
                st.builds(
                    Paragraph, st.sampled_from([Role.BODY, Role.SUBHEAD]), TEXT, LINES, BOXES
                ),
                max_size=3,
            )
        ),
        captions=draw(
            st.lists(
                st.builds(
                    Caption, st.sampled_from([Role.CAPTION, Role.CREDIT]), TEXT, LINES, BOXES
                ),
                max_size=2,
            )
        ),
        headline_confidence=draw(st.none() | CONFIDENCE) if heads else None,
        box=draw(BOXES),
    )


@st.composite
def page_results(draw: st.DrawFn) -> PageResult:
    """Any result the model can hold, every optional field drawn, moves pointing at
    pieces of their article."""
    result = PageResult(
        source=draw(TEXT),
        articles=[_article(draw) for _ in range(draw(st.integers(0, 3)))],
        unassigned=draw(st.lists(st.builds(Unassigned, st.sampled_from(Role), TEXT, LINES, BOXES))),
        dropped=draw(st.lists(TEXT, max_size=2)),
        columns=draw(st.lists(st.builds(Column, COORD, COORD), max_size=3)),
        size=draw(st.none() | st.tuples(COORD, COORD)),
        page=draw(st.none() | st.integers(1, 999)),
        notes=draw(st.lists(TEXT, max_size=2)),
        skew=draw(st.none() | st.floats(-5, 5, allow_nan=False)),
        photos=draw(st.lists(BOXES.filter(bool), max_size=2)),
        separators=draw(st.lists(BOXES.filter(bool), max_size=2)),
        breaks=draw(st.lists(st.builds(LineBreak, LINE, LINE, RULE_NAME, st.booleans()))),
        reasons=draw(
            st.lists(st.builds(RoleReason, LINES.map(tuple), st.sampled_from(Role), RULE_NAME))
        ),
    )
    assign_ids(result)
    for article in result.articles:
        kinds = [
            (Role.HEADLINE, article.headline_ids),
            (Role.BYLINE, article.byline_ids),
            (Role.CAPTION, [c.id for c in article.captions]),
        ]
        for role, ids in kinds:
            if ids and draw(st.booleans()):
                result.moves.append(_move(draw, role, article.id, ids))
    assign_ids(result)
    return result


def _move(draw: st.DrawFn, role: Role, article: str, ids: list[str]) -> Move:
    return Move(
        role=role,
        text="",
        lines=draw(LINES),
        from_position=draw(st.integers(0, 500)),
        to_article=article,
        confidence=draw(CONFIDENCE),
        evidence=draw(st.lists(TEXT, max_size=2)),
        box=draw(BOXES),
        pieces=draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True)),
    )


@given(page_results())
def test_any_result_json_validates_and_round_trips(result: PageResult) -> None:
    assert_json_round_trip(result)
