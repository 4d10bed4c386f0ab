"""layout.outputs: whole files or none, no writing through links, errors named after the
output. The command-line side of the same promises is in tests/test_bad_inputs.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from layout.errors import OutputError
from layout.outputs import output_path, prepare_output_dir, save_image, write_atomic


def test_write_atomic_replaces_the_old_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "page.relayout.txt"
    target.write_text("old")
    write_atomic(target, "新的内容", inside=tmp_path)
    assert target.read_text(encoding="utf-8") == "新的内容"
    assert [p.name for p in tmp_path.iterdir()] == ["page.relayout.txt"]


def test_new_outputs_get_the_usual_permissions_not_mkstemps_private_ones(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.txt", "x")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o644


def test_a_replaced_output_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "shared.txt"
    target.write_text("old")
    target.chmod(0o664)
    write_atomic(target, "new")
    assert target.stat().st_mode & 0o777 == 0o664


@pytest.mark.parametrize("where", ["../victim.txt", "victim-inside.txt"])
def test_write_atomic_never_writes_through_a_link(tmp_path: Path, where: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = out / where
    victim.write_text("keep me")
    (out / "page.relayout.txt").symlink_to(where)
    with pytest.raises(OutputError, match="symbolic link") as caught:
        write_atomic(out / "page.relayout.txt", "x", inside=out)
    assert caught.value.source == str(out / "page.relayout.txt")
    assert victim.read_text() == "keep me"


def test_write_atomic_refuses_a_target_outside_the_output_folder(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    with pytest.raises(OutputError, match="outside the output folder"):
        write_atomic(tmp_path / "out" / ".." / "escaped.txt", "x", inside=tmp_path / "out")
    assert not (tmp_path / "escaped.txt").exists()


def test_output_dir_that_is_a_file_is_refused_and_kept(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me")
    with pytest.raises(OutputError, match="is a file, not a folder") as caught:
        prepare_output_dir(notes)
    assert caught.value.exit_code == 4
    assert notes.read_text() == "keep me"


def test_output_dir_is_created_with_its_parents_and_left_clean(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b"
    prepare_output_dir(out)
    assert out.is_dir() and list(out.iterdir()) == []


def test_output_names_of_two_inputs_with_one_name_differ(tmp_path: Path) -> None:
    taken: set[str] = set()
    first = output_path(tmp_path, "x/page.txt", "json", taken)
    second = output_path(tmp_path, "y/page.txt", "json", taken)
    assert (first.name, second.name) == ("page.txt.relayout.json", "page.txt-2.relayout.json")


def test_save_image_encodes_by_extension(tmp_path: Path) -> None:
    save_image(Image.new("RGB", (4, 3), (255, 0, 0)), tmp_path / "o.jpg")
    with Image.open(tmp_path / "o.jpg") as saved:
        assert (saved.format, saved.size) == ("JPEG", (4, 3))


@pytest.mark.parametrize(
    ("name", "problem"),
    [("overlay", "has no extension"), ("overlay.xyz", "unknown image extension .xyz")],
)
def test_save_image_refuses_names_that_say_no_image_format(
    tmp_path: Path, name: str, problem: str
) -> None:
    with pytest.raises(OutputError, match=problem):
        save_image(Image.new("RGB", (4, 3)), tmp_path / name)
    assert list(tmp_path.iterdir()) == []
