"""The headline band (layout/band.py): on a Latin-script page whose extractor gave the
articles' text first and their headlines after it, in the articles' order, the run of
text is cut into as many articles as the band has headlines, and each headline, byline
and caption goes to its article in order. Hand-made text; each rule is also switched off
(its convention moved out of reach) to show the test then fails."""

from __future__ import annotations

from layout.conventions import CHINESE, Conventions
from layout.model import PageResult
from layout.options import Options
from layout.pipeline import process_text

# Three articles' text one after the other, with no headline between them and no closing
# name, then their headlines and bylines in the same order.
TEXT_THEN_HEADLINES = """\
The harbour office said on Tuesday that
the ferries will sail again from May.
Three ferries were repaired over the
winter and the old pier was rebuilt.
The ferry captains welcomed the news
and said the ferries were running well.
The city council met on Monday night to
discuss the budget for the coming year.
The members agreed on most of the points
the treasurer had raised on the budget.
The budget leaves more money for the
schools and less for the council hall.
A storm felled many old oak trees in the
park on Sunday, the gardeners said.
The fallen oaks blocked two paths for
most of the day until the gardeners
cleared them.
Gardeners will plant young oaks in
the autumn where the old ones stood.
Ferries back in May
By Anna Berg
Council agrees on budget
By Tom Hale
Storm fells park oaks
By Eva Lind
"""

ENGLISH = CHINESE.for_language("en")


def run(text: str, conv: Conventions = ENGLISH) -> PageResult:
    return process_text(text, "page.txt", Options(conventions=conv))


def structure(result: PageResult) -> list[tuple[list[str], list[str], str]]:
    """Each article's headline lines, bylines and the start of its first paragraph."""
    return [
        (a.headline, a.bylines, a.paragraphs[0].text[:20] if a.paragraphs else "")
        for a in result.articles
    ]


def test_a_headline_band_heads_the_articles_before_it_in_order() -> None:
    assert structure(run(TEXT_THEN_HEADLINES)) == [
        (["Ferries back in May"], ["By Anna Berg"], "The harbour office s"),
        (["Council agrees on budget"], ["By Tom Hale"], "The city council met"),
        (["Storm fells park oaks"], ["By Eva Lind"], "A storm felled many "),
    ]
    off = ENGLISH.override({"latin.band_min_headlines": "99"})
    assert structure(run(TEXT_THEN_HEADLINES, off)) != structure(run(TEXT_THEN_HEADLINES))


def test_each_article_of_the_band_keeps_its_whole_text() -> None:
    council = [a for a in run(TEXT_THEN_HEADLINES).articles if a.bylines == ["By Tom Hale"]]
    texts = " ".join(p.text for p in council[0].paragraphs)
    assert "council hall." in texts and "oak" not in texts and "ferr" not in texts


def test_a_short_text_between_band_headlines_is_a_caption() -> None:
    caption = "Gardeners at work on Monday."
    text = TEXT_THEN_HEADLINES.replace("By Eva Lind\n", f"By Eva Lind\n{caption}\n")
    storm = run(text).articles[-1]
    assert storm.headline == ["Storm fells park oaks"]
    assert [c.text for c in storm.captions] == [caption]
    longer = ENGLISH.override({"latin.band_text_max_chars": "10"})
    assert [c.text for c in run(text, longer).articles[-1].captions] != [caption]


def test_more_articles_than_band_headlines_leaves_the_page_as_it_was() -> None:
    """Articles the text already tells apart (each signed by a name alone on its line),
    more of them than the headlines after them: no band of theirs, nothing is cut anew."""
    signed = (
        TEXT_THEN_HEADLINES.replace("running well.\n", "running well.\nAnna Berg\n")
        .replace("council hall.\n", "council hall.\nTom Hale\n")
        .replace("Ferries back in May\nBy Anna Berg\n", "")
    )
    off = ENGLISH.override({"latin.band_min_headlines": "99"})
    assert len(run(signed).articles) == 3
    assert structure(run(signed)) == structure(run(signed, off))


def test_the_band_cuts_fall_where_the_words_change() -> None:
    """Where no headline word decides (the first paragraphs of the council and storm
    articles hold none), the cut goes where the text's words change: with cuts costing
    nothing, the articles start a paragraph early."""
    free = ENGLISH.override({"latin.band_cohesion_weight": "0"})
    starts = [first for _, _, first in structure(run(TEXT_THEN_HEADLINES, free))]
    assert starts != ["The harbour office s", "The city council met", "A storm felled many "]
