"""The conventions value: every rule named, overridable, documented, and each one doing
something (a rule that changes no result on many pages is dead weight)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from fixtures.generate import GenerateOptions, generate
from layout import Options, process_text
from layout.conventions import CHINESE, markdown_table
from layout.evaluate import main_eval
from layout.export import to_dict

from .conftest import ROOT, SEEDS


def test_options_carry_the_chinese_conventions_by_default() -> None:
    assert Options().conventions is CHINESE


def test_override_changes_one_rule_and_converts_its_type() -> None:
    changed = CHINESE.override({"reflow.indent_min": "2", "assign.ngram_sizes": "2,3"})
    assert changed.reflow.indent_min == 2.0
    assert changed.assign.ngram_sizes == (2, 3)
    assert changed.reflow.indent_max == CHINESE.reflow.indent_max
    assert CHINESE.reflow.indent_min == 1.75  # the original is untouched (frozen)


@pytest.mark.parametrize("name", ["reflow.nothing", "nothing.indent_min", "indent_min"])
def test_override_names_an_unknown_rule(name: str) -> None:
    with pytest.raises(ValueError, match="no rule named"):
        CHINESE.override({name: "1"})


def test_conventions_refuse_impossible_values() -> None:
    with pytest.raises(ValueError, match="percentile"):
        CHINESE.override({"reflow.width_percentile": "150"})
    with pytest.raises(ValueError, match="indent_min"):
        CHINESE.override({"reflow.indent_min": "5"})


def test_every_rule_has_its_reason() -> None:
    for name, _, why in CHINESE.describe():
        assert len(why) > 20, name


def test_docs_list_every_rule_as_the_code_has_it() -> None:
    """docs/pipeline.md holds the generated table: numbers in the docs cannot drift."""
    docs = (ROOT / "docs" / "pipeline.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- rules:start -->\n(.*)<!-- rules:end -->", docs, re.S)
    assert found is not None
    assert found.group(1) == markdown_table(CHINESE), "rerun: relayout eval --rules"


def test_special_first_holds_the_first_character_of_every_marked_line() -> None:
    """Only lines starting with one of ``marks.special_first`` reach the expressions: a
    line the expressions match must start with one of them."""
    marks = CHINESE.marks
    samples = [
        "本报讯 记者",
        "新华社北京1月4日电",
        "▶ 张三 李四",
        "图片来源：某某",
        "By John Smith",
        "PHOTO: AGENCY",
        "（上接第二版）",
        "Continued on page 3",
        "特约记者 王五",
        "通讯员 赵六",
        "中新社北京电",
        "据新华社电",
        "（记者 张三）",
        "■ 短讯",
        "WASHINGTON — a",
    ]
    lines = samples + [ln.strip() for p in SEEDS for ln in p.read_text("utf-8").splitlines()]
    for line in lines:
        for pattern in (marks.opener, marks.byline, marks.jump):
            if line and pattern.match(line):
                assert line[0] in marks.special_first, (pattern.pattern[:20], line)


@pytest.fixture(scope="module")
def reference_pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The seed pages and 60 generated pages: where every rule must show an effect."""
    out = tmp_path_factory.mktemp("pages")
    generate(GenerateOptions(pages=60, seed=5, out=out, images=False))
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    return texts + [p.read_text(encoding="utf-8") for p in sorted(out.glob("*/page.txt"))]


def _results(texts: list[str], options: Options) -> list[str]:
    return [json.dumps(to_dict(process_text(t, "p", options), True)) for t in texts]


# Perturbations tried for each numeric rule, in order, until one changes a result.
# Most rules show their effect at half or one and a half times their value; the few that
# act on rarer cases need a larger change on this set of pages.
_FACTORS = (0.5, 1.5, 0.0, 4.0)
_NUMERIC = [
    name
    for name, value, _ in CHINESE.describe()
    if isinstance(value, int | float)
    and not isinstance(value, bool)
    and not name.startswith("image.")  # these act on page images: tests/test_image.py
    and not name.startswith("words.")  # these act on Latin-script pages: tests/test_words.py
    # these act only on text whose lines hold several columns (pdftotext -layout and default
    # mode), which the reference pages (content order) never are: tests/test_columns_text.py
    and not name.startswith("columns.")
    # these act only on lines with boxes and sizes (PDF, ALTO, hOCR, PAGE, page images),
    # which text pages never have: tests/test_geometry_rules.py
    and not name.startswith(("assembly.", "geometry."))
    # these act on Latin-script pages' running heads: tests/test_furniture.py
    and not name.startswith("furniture.")
    # these act on Latin-script pages' line breaks: tests/test_latin_rule_cases.py
    and not name.startswith("latin.")
]


@pytest.fixture(scope="module")
def baseline(reference_pages: list[str]) -> list[str]:
    return _results(reference_pages, Options())


@pytest.mark.parametrize("name", _NUMERIC)
def test_every_rule_changes_some_result(
    name: str, reference_pages: list[str], baseline: list[str]
) -> None:
    value = dict((n, v) for n, v, _ in CHINESE.describe())[name]
    for factor in _FACTORS:
        try:
            conv = CHINESE.override({name: str(_scaled(value, factor))})
        except ValueError:
            continue  # outside what the rule allows
        if _results(reference_pages, Options(conventions=conv)) != baseline:
            return
    pytest.fail(f"{name} changes no result on {len(reference_pages)} pages: a dead rule")


def _scaled(value: float, factor: float) -> float | int:
    if isinstance(value, int):
        return max(1, round(value * factor))
    return value * factor


def _named_in(rule: str, *files: str) -> bool:
    """The rule is changed by name in one of these test files: ``group.rule`` in an
    override, or ``rule=`` to a group's constructor."""
    attr = rule.partition(".")[2]
    texts = [(ROOT / "tests" / f).read_text(encoding="utf-8") for f in files]
    return any(f'"{rule}"' in t or f"{attr}=" in t for t in texts)


def test_every_rule_left_out_of_the_sweep_is_pinned_elsewhere() -> None:
    """The sweep above leaves out the rules text pages never reach; each of them is
    pinned where its input is: page images (test_image_rules.py, whose own test checks
    its list against docs/image-rules.md), positioned text (test_geometry_rules.py, which
    checks its lists too), Latin pages (by name, in test_words.py,
    test_latin_rule_cases.py and test_latin_lines.py). The ``columns`` rules are pinned as
    a whole by test_columns_text.py, not rule by rule: left out here."""
    from . import test_geometry_rules

    positioned = set(test_geometry_rules.DETECTED) | set(test_geometry_rules.TARGETED)
    for name, value, _ in CHINESE.describe():
        group = name.partition(".")[0]
        if name in _NUMERIC or group == "columns" or not isinstance(value, int | float):
            continue
        if group == "image":
            continue  # test_image_rules.py: every image rule detected or documented
        if group in ("assembly", "geometry"):
            assert name in positioned, name
        else:
            latin = (
                "test_words.py",
                "test_latin_rule_cases.py",
                "test_latin_lines.py",
                "test_band.py",
                "test_topics_words.py",
            )
            assert _named_in(name, *latin), name


def test_eval_set_runs_with_a_rule_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    generate(GenerateOptions(pages=3, seed=2, out=tmp_path, images=False))
    assert main_eval([str(tmp_path), "--json", "--systems", "relayout"]) == 0
    default = json.loads(capsys.readouterr().out)
    args = [str(tmp_path), "--json", "--systems", "relayout", "--set", "reflow.indent_min=3.4"]
    assert main_eval(args) == 0
    changed = json.loads(capsys.readouterr().out)
    assert default != changed


def test_eval_set_refuses_an_unknown_rule(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main_eval([".", "--set", "reflow.nothing=1"])
    assert exit_.value.code == 2
    assert "no rule named" in capsys.readouterr().err
