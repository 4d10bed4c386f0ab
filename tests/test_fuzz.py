"""Generated pages and bytes: nothing lost in any format, no error but relayout's own.

`make test` runs these with the `ci` Hypothesis profile (a fixed set of examples, the
same on every run); `make fuzz` runs them with the `fuzz` profile, many random
examples each (see tests/conftest.py and docs/reliability.md). A failure either run
finds becomes an ``@example`` here or a regression test of its own.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import example, given, settings
from hypothesis import strategies as st

from layout import process_text, render
from layout.errors import InputError, RelayoutError
from layout.model import PageResult, check_nothing_lost
from layout.read import decode

from .conftest import FUZZ_EXAMPLES
from .strategies import newspaper_page, page_with_shared_run, token_soup_page
from .test_nothing_lost import FORMATS, assert_renders_its_fields


def examples(share: float) -> settings:
    """Under the fuzz profile, this test's share of FUZZ_EXAMPLES (the shares of the tests
    expected to pass add up to 1; tests whose examples cost less CPU take more); under
    ci, the profile's own count."""
    if settings.get_current_profile_name() != "fuzz":
        return settings()
    return settings(max_examples=max(1, round(FUZZ_EXAMPLES * share)))


# Python's default recursion limit, which the relayout command runs under.
PYTHON_RECURSION_LIMIT = 1000


@contextmanager
def python_recursion_limit() -> Iterator[None]:
    """Hypothesis raises the recursion limit while a test runs (to keep room for itself);
    relayout must work under Python's default, so the pipeline runs under that here:
    a recursion as deep as a text is long shows up as it would for a user."""
    saved = sys.getrecursionlimit()
    sys.setrecursionlimit(PYTHON_RECURSION_LIMIT)
    try:
        yield
    finally:
        sys.setrecursionlimit(saved)


class TooDeepRecursion(AssertionError):
    """The pipeline hit the recursion limit. Raised from one place: where a RecursionError
    strikes depends on the stack depth at the time, and Hypothesis would call two runs of
    one example that strike at different lines flaky."""


def process_and_check(text: str) -> PageResult | None:
    """The text through the pipeline and every renderer, checked; None when relayout
    refused the text with one of its own errors (never a crash)."""
    result: PageResult | None = None
    try:
        with python_recursion_limit():
            result = process_text(text)
    except RelayoutError:
        return None
    except RecursionError:
        pass  # raised below, outside this handler: no varying context attached
    if result is None:
        raise TooDeepRecursion(f"recursion limit hit on a text of {len(text)} characters")
    check_nothing_lost(result, text)
    for fmt in FORMATS:
        assert_renders_its_fields(result, render(result, fmt), fmt)
    return result


@examples(0.15)  # about 13 ms of CPU an example
@given(newspaper_page)
@example("企业项目，o-\n e，市场发展。\n")  # a hyphen across an indent (issue 8)
@example("建设?n-\nPhoto: x\nb？发展。\n")  # a hyphen across a credit (issue 8)
def test_fuzz_newspaper_pages_lose_nothing(text: str) -> None:
    process_and_check(text)


@examples(0.05)  # about 26 ms
@given(page_with_shared_run(200, 600))
def test_fuzz_captions_sharing_long_runs_lose_nothing(text: str) -> None:
    process_and_check(text)


@examples(0.01)
@given(page_with_shared_run(1000, 1500))
def test_fuzz_captions_sharing_runs_of_a_thousand_characters(text: str) -> None:
    process_and_check(text)


@examples(0.2)  # about 7 ms
@given(token_soup_page)
def test_fuzz_token_soup_loses_nothing(text: str) -> None:
    process_and_check(text)


@examples(0.29)  # about 3 ms
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
@example("\t\U00010000")  # an indent before a character beyond the BMP crashed measure
def test_fuzz_arbitrary_unicode_loses_nothing(text: str) -> None:
    process_and_check(text)


@examples(0.31)  # about 4 ms
@given(st.binary(max_size=400))
def test_fuzz_decoder_returns_text_or_refuses(data: bytes) -> None:
    try:
        text = decode(data, "fuzz.txt")
    except InputError:
        return
    assert isinstance(text, str)
