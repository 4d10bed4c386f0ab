"""Which rules of positioned text (layout/assembly_rules.py: ``Conventions.assembly`` and
``Conventions.geometry``) a test detects: each one, changed, changes a result.

Most are detected on the reference pages below: three pages typeset by Chromium (two
Chinese, one English; fixtures.realistic) and the small PDFs of the assembly tests (a
lead and a run-in lead-in set larger, a running foot under the column rules). The factor
of each rule is the first of 0.5, 1.5, 0, 4 that changes a result there (a survey found
them; the test asserts each one). The rules those pages never reach are pinned by the
hand-built cases of ``TARGETED`` (tests/test_geometry_rule_cases.py), and a test checks
that every rule is in one of the two lists.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fixtures.realistic.generate import Options as PageOptions
from fixtures.realistic.generate import generate
from layout import Options
from layout.conventions import CHINESE, Conventions
from layout.export import to_dict
from layout.pipeline import process_page
from layout.sources import PageInput, read_pages

from .pdfs import Page, Text, column, make_pdf
from .test_assemble_real_type import BODY, HEAD, LEAD, LEFT, RIGHT, RUN_ON  # the ferry page

pytestmark = pytest.mark.slow

# Rule → the factor that changes a result on the reference pages.
DETECTED: dict[str, float] = {
    "assembly.boxed_share": 1.5,
    "assembly.display_ratio": 0.5,
    "assembly.small_ratio": 0.5,
    "assembly.row_top_tolerance": 4.0,
    "assembly.neighbour_reach": 0.0,
    "assembly.measure_reach": 0.0,
    "assembly.wide_rule_share": 4.0,
    "assembly.furniture_top": 0.0,
    "assembly.furniture_bottom": 0.5,
    "assembly.leading_max": 0.5,
    "assembly.body_display_max": 0.5,
    "assembly.lead_rows": 1.5,
    "assembly.foot_share": 0.5,
    "assembly.head_reach": 0.0,
    "assembly.indent_min": 0.5,
    "assembly.signature_indent": 0.5,
    "assembly.flush": 0.0,
    "assembly.subhead_space": 0.5,
    "assembly.subhead_rows": 4.0,
    "assembly.centred": 0.0,
    "assembly.row_overlap_max": 0.0,
    "geometry.baseline_tolerance": 4.0,
    "geometry.line_gap_max": 0.5,
    "geometry.backward_max": 0.0,
    "geometry.rule_max_thickness": 0.5,
    "geometry.figure_min": 4.0,
}

# Rule → the test of tests/test_geometry_rule_cases.py that pins it on a hand-built input.
TARGETED: dict[str, str] = {
    "assembly.row_size_tolerance": "test_fragments_of_sizes_within_the_rounding_are_one_row",
    "assembly.row_wider_max": "test_fragments_a_little_wider_than_the_column_are_one_row",
    "assembly.fragment_gap": "test_fragments_a_word_space_apart_are_two_words",
    "assembly.overlap_min": "test_a_piece_sharing_a_share_of_the_column_above_goes_on_with_it",
    "assembly.touch": "test_a_rule_drawn_over_a_boxs_lower_edge_still_parts_it_from_the_box_below",
    "assembly.display_fragment_gap": "test_display_fragments_a_lost_glyph_apart_are_one_headline",
    "assembly.display_fragment_sizes": "test_headlines_of_two_sizes_level_stay_apart",
    "geometry.leading_max": "test_a_line_set_with_loose_leading_still_goes_on_in_its_block",
    "geometry.rule_min_length": "test_a_thin_drawing_long_enough_is_a_rule",
    "geometry.touch_gap": "test_alto_strings_a_hair_apart_touch",
    "geometry.row_top_tolerance": "test_declared_fragments_with_tops_a_little_apart_are_one_row",
    "geometry.word_gap": "test_declared_fragments_a_word_space_apart_are_two_words",
    "geometry.ocr_size_max_disagreement": "test_an_ocr_size_far_off_its_box_gives_way_to_the_box",
    "assembly.noise_word_share": "test_a_row_mostly_of_symbols_is_noise_not_a_headline",
    "assembly.body_caption_rows": "test_two_body_size_rows_across_a_photo_are_its_caption",
    "assembly.body_caption_span": "test_a_body_size_row_across_most_of_a_photo_is_its_caption",
    "assembly.body_caption_wider": (
        "test_a_body_size_row_under_a_photo_wider_than_the_columns_is_its_caption"
    ),
    "assembly.caption_size_max": (
        "test_a_block_over_a_photo_measuring_hardly_the_body_is_its_caption"
    ),
    "assembly.short_row_min": "test_a_short_first_row_over_a_caption_s_justified_rows_is_a_byline",
    "assembly.caption_gap": "test_small_rows_a_little_apart_from_a_photo_are_its_caption",
}


def small_pages() -> list[Page]:
    """Type set as real papers do: a lead set larger, a run-in lead-in, a running foot."""
    return [
        Page(
            texts=[
                HEAD,
                *column(LEFT, 100, 11.5, LEAD, "F2"),
                *column(LEFT, 150, 10, BODY + RUN_ON),
                *column(RIGHT, 150, 10, BODY),
            ]
        ),
        Page(
            texts=[
                HEAD,
                *column(LEFT, 100, 10, BODY),
                Text(LEFT, 124, 11, "Tickets bought before the", "F2"),
                *column(LEFT, 136, 10, RUN_ON),
            ]
        ),
        Page(
            texts=[
                HEAD,
                *column(LEFT, 100, 10, BODY),
                *column(RIGHT, 100, 10, RUN_ON),
                Text(LEFT, 772, 8, "The Harbour Gazette, Friday"),
            ],
            drawings=[(LEFT + 247, 100, LEFT + 248, 765)],
        ),
    ]


def reference_pdfs(out: Path) -> list[str]:
    """The reference pages' PDFs, written into ``out``."""
    made = [
        *generate(PageOptions("zh", 2, 11, "tune", out, extractors=("pdftotext-raw",))),
        *generate(PageOptions("en", 1, 11, "tune", out, extractors=("pdftotext-raw",))),
    ]
    paths = [str(folder / "page.pdf") for folder in made]
    for k, page in enumerate(small_pages()):
        path = out / f"small-{k}.pdf"
        path.write_bytes(make_pdf([page]))
        paths.append(str(path))
    return paths


def read_all(pdfs: list[str], conv: Conventions) -> list[PageInput]:
    options = Options(conventions=conv)
    return [page for pdf in pdfs for page in read_pages(pdf, options)]


def results(pages: list[PageInput], conv: Conventions) -> list[str]:
    options = Options(conventions=conv)
    return [json.dumps(to_dict(process_page(page, options), True)) for page in pages]


def changed(name: str, factor: float) -> Conventions:
    value = numeric_rules()[name]
    new = max(1, round(value * factor)) if isinstance(value, int) else value * factor
    return CHINESE.override({name: str(new)})


def numeric_rules() -> dict[str, float]:
    return {
        name: value
        for name, value, _ in CHINESE.describe()
        if name.startswith(("assembly.", "geometry.")) and isinstance(value, int | float)
    }


def results_with(name: str, factor: float, pdfs: list[str], pages: list[PageInput]) -> list[str]:
    """The reference results with one rule changed; the readers' rules read the PDFs again."""
    conv = changed(name, factor)
    return results(read_all(pdfs, conv) if name.startswith("geometry.") else pages, conv)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return reference_pdfs(tmp_path_factory.mktemp("geometry"))


@pytest.fixture(scope="module")
def pages(pdfs: list[str]) -> list[PageInput]:
    return read_all(pdfs, CHINESE)


@pytest.fixture(scope="module")
def baseline(pages: list[PageInput]) -> list[str]:
    return results(pages, CHINESE)


@pytest.mark.parametrize("name", DETECTED)
def test_geometry_rule_changes_a_result(
    name: str, pdfs: list[str], pages: list[PageInput], baseline: list[str]
) -> None:
    assert results_with(name, DETECTED[name], pdfs, pages) != baseline, name


def test_every_geometry_rule_is_detected_here_or_pinned_by_a_case() -> None:
    """A new rule of positioned text is pinned one way or the other."""
    from . import test_geometry_rule_cases as cases

    assert not set(DETECTED) & set(TARGETED)
    assert set(DETECTED) | set(TARGETED) == set(numeric_rules())
    for name, test in TARGETED.items():
        assert callable(getattr(cases, test, None)), (name, test)
