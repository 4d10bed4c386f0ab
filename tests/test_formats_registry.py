"""The formats registry (layout/formats): one table for -f, -o names, batch and the checks;
METS written with its ALTO."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from layout import Options
from layout.cli import build_parser, main
from layout.formats import FORMATS, get, render
from layout.formats.readback import read_back
from layout.outputs import SUFFIXES, companion_path, output_path

from .conftest import SEEDS, chars

SEED = SEEDS[0]


def test_every_format_has_its_own_suffix_and_the_outputs_use_it() -> None:
    suffixes = [f.suffix for f in FORMATS.values()]
    assert len(set(suffixes)) == len(suffixes)
    assert {name: f.suffix for name, f in FORMATS.items()} == SUFFIXES
    for name, fmt in FORMATS.items():
        assert output_path(Path("out"), "a/page.txt", name, set()).name == "page.txt" + fmt.suffix


def test_the_command_line_and_options_offer_every_registered_format() -> None:
    (action,) = [a for a in build_parser()._actions if "--format" in a.option_strings]
    assert list(action.choices or []) == list(FORMATS)
    for name in FORMATS:
        assert Options(format=name).format == name
    with pytest.raises(ValueError, match="format must be one of text, markdown, json, page"):
        Options(format="docx")
    with pytest.raises(ValueError, match="format must be one of"):
        get("docx")


def test_the_existing_formats_render_as_before(seed_results: dict[str, object]) -> None:
    from layout.export import to_json, to_markdown, to_text

    result = seed_results["000"]
    assert render(result, "text") == to_text(result)  # type: ignore[arg-type]
    assert render(result, "markdown") == to_markdown(result)  # type: ignore[arg-type]
    assert render(result, "json", explain=True) == to_json(result, True)  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["page", "alto", "hocr"])
def test_each_xml_format_on_standard_output_and_in_a_folder(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-f", fmt, str(SEED)]) == 0
    printed = capsys.readouterr().out
    assert read_back(printed, fmt).texts
    assert main(["-f", fmt, "-o", str(tmp_path), str(SEED)]) == 0
    (written,) = tmp_path.iterdir()
    assert written.name == SEED.name + FORMATS[fmt].suffix


def test_mets_needs_a_folder_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-f", "mets", str(SEED)]) == 2
    err = capsys.readouterr().err
    assert err == "relayout: -f mets: writes two files (mets, alto): give -o DIR\n"


def test_mets_with_a_folder_writes_its_alto_beside_it_and_points_at_it(tmp_path: Path) -> None:
    assert main(["-f", "mets", "-o", str(tmp_path), str(SEED)]) == 0
    mets_file = tmp_path / (SEED.name + ".relayout.mets.xml")
    alto_file = tmp_path / (SEED.name + ".relayout.alto.xml")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mets_file.name, alto_file.name])
    assert companion_path(mets_file, "mets") == alto_file
    root = etree.parse(str(mets_file)).getroot()
    (flocat,) = root.iter("{http://www.loc.gov/METS/}FLocat")
    assert flocat.get("{http://www.w3.org/1999/xlink}href") == alto_file.name
    back = read_back(mets_file.read_text("utf-8"), "mets", companion=alto_file.read_text("utf-8"))
    assert chars("".join(back.texts) + "".join(back.dropped)) == chars(SEED.read_text("utf-8"))


def test_two_inputs_with_one_name_get_matching_mets_and_alto_names(tmp_path: Path) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "page.txt").write_text(SEED.read_text("utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    args = [
        "-f",
        "mets",
        "-o",
        str(out),
        str(tmp_path / "x/page.txt"),
        str(tmp_path / "y/page.txt"),
    ]
    assert main(args) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "page.txt-2.relayout.alto.xml",
        "page.txt-2.relayout.mets.xml",
        "page.txt.relayout.alto.xml",
        "page.txt.relayout.mets.xml",
    ]
    second = etree.parse(str(out / "page.txt-2.relayout.mets.xml")).getroot()
    (flocat,) = second.iter("{http://www.loc.gov/METS/}FLocat")
    assert flocat.get("{http://www.w3.org/1999/xlink}href") == "page.txt-2.relayout.alto.xml"


def test_batch_writes_mets_with_its_alto(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "p1.txt").write_text(SEED.read_text("utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["batch", "pages", "-o", "out", "-f", "mets", "--workers", "1"]) == 0
    written = sorted(p.name for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert "p1.txt.relayout.mets.xml" in written and "p1.txt.relayout.alto.xml" in written

    # A second run finds the outputs current (rewrites nothing) and takes no output for
    # an input.
    def outputs() -> dict[Path, int]:
        return {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*.relayout.*")}

    before = outputs()
    assert main(["batch", "pages", "-o", "out", "-f", "mets", "--workers", "1"]) == 0
    assert outputs() == before
