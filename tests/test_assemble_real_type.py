"""Geometry-first assembly on type set as real papers do (found on a born-digital French
page): a lead paragraph and run-in lead-ins set a little larger than the body, a drawing
beside its article's headline, a running foot under the column rules. Small PDFs the
tests write themselves (tests/pdfs.py)."""

from __future__ import annotations

from pathlib import Path

from layout import Role, process_path

from .pdfs import Page, Text, column, make_pdf

LEFT, RIGHT = 50, 305  # two columns, 240 pt wide, 10 pt body
HEAD = Text(LEFT, 60, 26, "Ferry back in service", "F2")
LEAD = [
    "HARBOUR The morning ferry sails again",
    "after three weeks of repairs, and the",
    "winter timetable starts next month.",
]
BODY = [
    "Passengers waited on the pier from early",
    "light and the crew waved as the boat left.",
]
RUN_IN = "Tickets bought before the"
RUN_ON = ["repairs stay valid until the end of the", "year, the operator said on Monday."]


def write_pdf(tmp_path: Path, page: Page) -> str:
    path = tmp_path / "page.pdf"
    path.write_bytes(make_pdf([page]))
    return str(path)


def test_a_lead_set_larger_than_the_body_is_the_first_paragraph_of_its_article(
    tmp_path: Path,
) -> None:
    page = Page(
        texts=[
            HEAD,
            *column(LEFT, 100, 11.5, LEAD, "F2"),  # bold, 1.15 times the body
            # not indented: the lead above ends a sentence
            *column(LEFT, 150, 10, BODY + RUN_ON),
            *column(RIGHT, 150, 10, BODY),
        ]
    )
    (article,) = process_path(write_pdf(tmp_path, page)).articles
    assert article.headline == [HEAD.text]
    assert [(p.role, p.text) for p in article.paragraphs] == [
        (Role.BODY, " ".join(LEAD)),
        (Role.BODY, " ".join(BODY + RUN_ON + BODY)),
    ]


def test_a_run_in_lead_in_set_larger_opens_a_paragraph_that_runs_on_in_the_body(
    tmp_path: Path,
) -> None:
    page = Page(
        texts=[
            HEAD,
            *column(LEFT, 100, 10, BODY),
            Text(LEFT, 124, 11, RUN_IN, "F2"),  # flush left, no indent
            *column(LEFT, 136, 10, RUN_ON),
        ]
    )
    (article,) = process_path(write_pdf(tmp_path, page)).articles
    assert [p.text for p in article.paragraphs] == [" ".join(BODY), " ".join([RUN_IN, *RUN_ON])]


def test_a_larger_headline_row_over_its_body_still_opens_an_article(tmp_path: Path) -> None:
    # set only a little larger, but its words do not run on into the row below
    second = Text(LEFT, 124, 11.5, "Bridge closed", "F2")
    page = Page(texts=[HEAD, *column(LEFT, 100, 10, BODY), second, *column(LEFT, 138, 10, BODY)])
    heads = [a.headline for a in process_path(write_pdf(tmp_path, page)).articles]
    assert heads == [[HEAD.text], [second.text]]


def test_a_drawing_beside_its_headline_belongs_to_that_article(tmp_path: Path) -> None:
    page = Page(
        texts=[HEAD, *column(LEFT, 160, 10, BODY), *column(RIGHT, 160, 10, RUN_ON)],
        drawings=[(RIGHT, 30, 545, 150)],  # a cartoon over the right column
    )
    (article,) = process_path(write_pdf(tmp_path, page)).articles
    assert article.headline == [HEAD.text]
    assert article.paragraphs[-1].text.endswith(RUN_ON[-1])


def test_a_running_foot_under_the_column_rules_is_furniture(tmp_path: Path) -> None:
    foot = Text(LEFT, 772, 8, "The Harbour Gazette, Friday")
    page = Page(
        texts=[HEAD, *column(LEFT, 100, 10, BODY), *column(RIGHT, 100, 10, RUN_ON), foot],
        drawings=[(LEFT + 247, 100, LEFT + 248, 765)],  # the column rule ends above it
    )
    result = process_path(write_pdf(tmp_path, page))
    assert [a.bylines for a in result.articles] == [[]]
    assert [(u.role, u.text) for u in result.unassigned] == [(Role.OTHER, foot.text)]
