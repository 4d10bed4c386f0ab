"""The table of bad inputs: each case says how to make the input, the command line, and
what a user must see (exit code, the one line on stderr).

tests/test_bad_inputs.py runs every case through the real ``relayout`` command; the same
list renders the ``## Bad inputs`` table of docs/reliability.md, and a test fails when
that table differs. After changing a case, rewrite the table with

    .venv/bin/python -m tests.bad_inputs

Cases marked ``pending`` describe the behaviour issue 8 asks for and that a parallel
branch delivers; they run as strict expected failures until it is merged.
"""

from __future__ import annotations

import random
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "reliability.md"
SEED_PAGE = sorted((ROOT / "seeds").glob("*.txt"))[0]  # a real page: outputs of ~18 kB

# The good file that goes through in each batch, and a piece of its output to look for.
GOOD_PAGE = "市政府召开常务会议\n\n本报讯 今天上午，市政府召开常务会议，研究部署下一阶段工作。\n"
GOOD_MARK = "研究部署下一阶段工作"
GOOD_OUTPUT = "out/good.txt.relayout.txt"


Maker = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    kind: str  # the class of problem, as the docs table names it
    example: str  # the input in words
    command: str  # a shell command line run in the case's folder (bash, pipefail)
    exit_code: int
    message: str  # the one line on stderr; "" when there must be none
    make: tuple[Maker, ...] = ()  # build the inputs in the case's folder
    side: str = "input"  # input, output, eval, signal: the docs group rows by it
    # What must still come through: text on stdout, and (file, text in it) pairs.
    stdout_has: str = ""
    files_hold: tuple[tuple[str, str], ...] = ()
    # When the test runs as root: run without the powers that let root pass permission bits.
    no_root_powers: bool = False
    interrupt: bool = False  # send SIGINT once relayout waits on its standard input
    hide_programs: bool = False  # PATH holds relayout alone: no tesseract, no head
    pending: str = ""  # why it fails today; the docs show the behaviour asked for

    @property
    def id(self) -> str:
        return "-".join(self.example.lower().replace(",", "").split()[:6])


# --- making inputs --------------------------------------------------------------------


def text(name: str, content: str | bytes) -> Maker:
    def make(folder: Path) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)

    return make


def seed_copy(name: str) -> Maker:
    return lambda folder: shutil.copyfile(SEED_PAGE, folder / name)


def folder(name: str, mode: int = 0o755) -> Maker:
    def make(base: Path) -> None:
        (base / name).mkdir(parents=True, exist_ok=True)
        (base / name).chmod(mode)

    return make


def mode(name: str, bits: int) -> Maker:
    return lambda base: (base / name).chmod(bits)


def link(name: str, target: str) -> Maker:
    return lambda base: (base / name).symlink_to(target)


def image(name: str, size: tuple[int, int], value: int) -> Maker:
    def make(base: Path) -> None:
        from PIL import Image

        Image.new("L", size, value).save(base / name)

    return make


def shared_run_page(name: str) -> Maker:
    """Two articles and a photo credit that repeats 1,100 characters of the first one.
    Random CJK characters (fixed seed) stand for any text: only the shared run matters."""

    def make(base: Path) -> None:
        rng = random.Random(1)
        run = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(1100))
        other = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(300))

        def column(s: str) -> str:
            return "\n".join(s[i : i + 25] for i in range(0, len(s), 25))

        page = f"本报讯 {column(run)}。\n\n本报讯 {column(other)}。\n\n图片来源：{run}\n"
        (base / name).write_text(page, encoding="utf-8")

    return make


def eval_pages(*names: str) -> Maker:
    """Labelled page folders for ``relayout eval``: the good page and its truth."""

    def make(base: Path) -> None:
        truth = (
            '{"articles": [{"id": "a1", "headline": ["市政府召开常务会议"], "bylines": [],'
            ' "paragraphs": [{"role": "body", "text": "本报讯今天上午，市政府召开常务会议，'
            '研究部署下一阶段工作。"}], "captions": []}], "unassigned": []}'
        )
        for name in names:
            page = base / "pages" / name
            page.mkdir(parents=True)
            (page / "gt.json").write_text(truth, encoding="utf-8")
            (page / "page.txt").write_text(GOOD_PAGE, encoding="utf-8")

    return make


def remove(name: str) -> Maker:
    return lambda base: (base / name).unlink()


GOOD = text("good.txt", GOOD_PAGE)
# Eight copies of a real page: ~140 kB of output, more than a pipe holds (64 kB), so the
# reader's early exit is always met by a write.
EIGHT = " ".join(["page.txt"] * 8)

CASES: list[Case] = [
    # --- input side -------------------------------------------------------------------
    Case(
        "missing file",
        "a path that does not exist",
        "relayout missing.txt good.txt -o out",
        1,
        "relayout: missing.txt: no such file",
        (GOOD,),
        files_hold=((GOOD_OUTPUT, GOOD_MARK),),
    ),
    Case(
        "directory",
        "a folder given as input",
        "relayout pages good.txt -o out",
        1,
        "relayout: pages: is a directory, not a file",
        (GOOD, folder("pages")),
        files_hold=((GOOD_OUTPUT, GOOD_MARK),),
    ),
    Case(
        "permission",
        "a file the user may not read (mode 000)",
        "relayout secret.txt good.txt -o out",
        1,
        "relayout: secret.txt: permission denied",
        (GOOD, text("secret.txt", GOOD_PAGE), mode("secret.txt", 0)),
        files_hold=((GOOD_OUTPUT, GOOD_MARK),),
        no_root_powers=True,
    ),
    Case(
        "binary",
        "NUL bytes in a .txt",
        "relayout data.txt good.txt -o out",
        1,
        "relayout: data.txt: binary file (NUL bytes), not text",
        (GOOD, text("data.txt", b"\x07\x00\x00\x00\x01\x00records\x00\x00\x02")),
        files_hold=((GOOD_OUTPUT, GOOD_MARK),),
    ),
    Case(
        "undecodable",
        "bytes of no text encoding",
        "relayout noise.txt good.txt -o out",
        1,
        "relayout: noise.txt: cannot tell the text encoding (not UTF-8, UTF-16 or GB18030)",
        (GOOD, text("noise.txt", bytes.fromhex("c5d71484f8cf9bf4b76f47904730804b"))),
        files_hold=((GOOD_OUTPUT, GOOD_MARK),),
    ),
    Case(
        "empty file",
        "a file of zero bytes",
        "relayout empty.txt good.txt -o out",
        0,
        "",
        (GOOD, text("empty.txt", b"")),
        files_hold=(("out/empty.txt.relayout.txt", ""), (GOOD_OUTPUT, GOOD_MARK)),
    ),
    Case(
        "huge input",
        "/dev/zero, endless, over the size limit",
        "relayout --max-bytes 1000000 /dev/zero good.txt -o out",
        1,
        "relayout: /dev/zero: larger than the input limit of 1000000 bytes "
        "(raise it with --max-bytes)",
        (GOOD,),
        files_hold=((GOOD_OUTPUT, GOOD_MARK),),
    ),
    Case(
        "encoding",
        "a short GB18030 line",
        "relayout short.txt",
        0,
        "",
        (text("short.txt", "今天天气很好\n".encode("gb18030")),),
        stdout_has="今天天气很好",
    ),
    Case(
        "random bytes",
        "16 random bytes that decode as some code page",
        "relayout random.txt good.txt -o out",
        1,
        "relayout: random.txt: cannot tell the text encoding (not UTF-8, UTF-16 or GB18030)",
        (GOOD, text("random.txt", bytes.fromhex("379a953faa6893e32ec5a27b945e605f"))),
        files_hold=((GOOD_OUTPUT, GOOD_MARK),),
    ),
    Case(
        "control character",
        "one vertical tab in a short text",
        "relayout vtab.txt",
        0,
        "",
        (text("vtab.txt", "今天上午\v市政府召开常务会议。\n"),),
        stdout_has="市政府召开常务会议",
    ),
    Case(
        "not supported",
        "a GIF image",
        "relayout photo.gif good.txt -o out",
        1,
        "relayout: photo.gif: a GIF image: not supported (relayout reads text, PDF, hOCR, ALTO, "
        "PAGE XML, PNG/JPEG/TIFF/BMP/WebP images)",
        (GOOD, image("photo.gif", (20, 20), 0)),
        files_hold=((GOOD_OUTPUT, GOOD_MARK),),
    ),
    Case(
        "not supported",
        "a PDF that is cut short",
        "relayout broken.pdf good.txt -o out",
        1,
        "relayout: broken.pdf: damaged PDF: it cannot be opened (truncated or not a PDF inside)",
        (GOOD, text("broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")),
        files_hold=((GOOD_OUTPUT, GOOD_MARK),),
    ),
    Case(
        "image without text",
        "an all-black page image",
        "relayout black.png good.txt -o out",
        0,
        "",
        (GOOD, image("black.png", (800, 1000), 0)),
        files_hold=(("out/black.png.relayout.txt", ""), (GOOD_OUTPUT, GOOD_MARK)),
    ),
    Case(
        "image without text",
        "an all-black --image beside a text",
        "relayout good.txt --image black.png",
        0,
        "",
        (GOOD, image("black.png", (800, 1000), 0)),
        stdout_has=GOOD_MARK,
    ),
    *(
        Case(
            "tiny image",
            f"a {w}×{h} image",
            "relayout tiny.png good.txt -o out",
            0,
            "",
            (GOOD, image("tiny.png", (w, h), value)),
            files_hold=(("out/tiny.png.relayout.txt", ""), (GOOD_OUTPUT, GOOD_MARK)),
        )
        for w, h, value in ((1, 1, 255), (2, 2, 0), (5000, 1, 0))
    ),
    Case(
        "deep recursion",
        "a credit sharing a 1,100-character run with an article",
        "relayout credit.txt good.txt -o out",
        0,
        "",
        (GOOD, shared_run_page("credit.txt")),
        files_hold=(("out/credit.txt.relayout.txt", "图片来源"), (GOOD_OUTPUT, GOOD_MARK)),
    ),
    Case(
        "missing program",
        "a page image to read with Tesseract, Tesseract not installed",
        "relayout --ocr tesseract page.png",
        3,
        "relayout: page.png: Tesseract not found (tesseract): apt-get install tesseract-ocr",
        (image("page.png", (200, 300), 255),),
        side="system",
        hide_programs=True,
    ),
    Case(
        "bad usage",
        "an unknown output format",
        "relayout --format pdf good.txt",
        2,
        "relayout: argument -f/--format: invalid choice: 'pdf' (choose from 'text', "
        "'markdown', 'json', 'page', 'alto', 'mets', 'hocr') (see relayout --help)",
        (GOOD,),
        side="usage",
    ),
    Case(
        "bad usage",
        "METS (two files) without an output folder",
        "relayout -f mets good.txt",
        2,
        "relayout: -f mets: writes two files (mets, alto): give -o DIR",
        (GOOD,),
        side="usage",
    ),
    # --- output side ------------------------------------------------------------------
    Case(
        "-o is a file",
        "-o naming an existing file",
        "relayout good.txt -o notes.txt",
        4,
        "relayout: notes.txt: is a file, not a folder (-o needs a folder)",
        (GOOD, text("notes.txt", "keep me")),
        side="output",
        files_hold=(("notes.txt", "keep me"),),
    ),
    Case(
        "unwritable folder",
        "-o naming a read-only folder (mode 555)",
        "relayout good.txt -o locked",
        4,
        "relayout: locked: cannot write in this folder: Permission denied",
        (GOOD, folder("locked", 0o555)),
        side="output",
        no_root_powers=True,
    ),
    Case(
        "link out of the folder",
        "out/page.txt.relayout.txt is a link to ../victim.txt",
        "relayout page.txt good.txt -o out",
        4,
        "relayout: out/page.txt.relayout.txt: is a symbolic link; relayout does not "
        "write through links",
        (
            GOOD,
            seed_copy("page.txt"),
            text("victim.txt", "keep me"),
            folder("out"),
            link("out/page.txt.relayout.txt", "../victim.txt"),
        ),
        side="output",
        files_hold=(("victim.txt", "keep me"), (GOOD_OUTPUT, GOOD_MARK)),
    ),
    Case(
        "write fails midway",
        "the file size limit (4 kB) stops a write, as a full disk would",
        "ulimit -f 4; relayout page.txt good.txt -o out",
        4,
        "relayout: out/page.txt.relayout.txt: cannot write: File too large",
        (GOOD, seed_copy("page.txt"), folder("out"), text("out/page.txt.relayout.txt", "old")),
        side="output",
        files_hold=(("out/page.txt.relayout.txt", "old"), (GOOD_OUTPUT, GOOD_MARK)),
    ),
    Case(
        "disk full",
        "standard output is /dev/full",
        "relayout good.txt > /dev/full",
        4,
        "relayout: <stdout>: cannot write: No space left on device",
        (GOOD,),
        side="output",
    ),
    Case(
        "closed output",
        "standard output closed",
        "relayout good.txt >&-",
        4,
        "relayout: <stdout>: standard output is closed; nothing was written",
        (GOOD,),
        side="output",
    ),
    Case(
        "broken pipe",
        "the reader stops early",
        f"relayout {EIGHT} | head -c 100",
        4,
        "relayout: <stdout>: the reading program closed the pipe; output cut short",
        (seed_copy("page.txt"),),
        side="output",
    ),
    Case(
        "ASCII locale",
        "standard output set to ASCII",
        "PYTHONIOENCODING=ascii relayout good.txt",
        0,
        "",
        (GOOD,),
        side="output",
        stdout_has=GOOD_MARK,
    ),
    Case(
        "bad overlay path",
        "--overlay naming a folder",
        "relayout good.txt --overlay shots",
        4,
        "relayout: shots: is a directory; the overlay needs a file name (.png)",
        (GOOD, folder("shots")),
        side="output",
        stdout_has=GOOD_MARK,
    ),
    Case(
        "bad overlay path",
        "--overlay with no extension",
        "relayout good.txt --overlay overlay",
        4,
        "relayout: overlay: has no extension; name the overlay .png or .jpg",
        (GOOD,),
        side="output",
        stdout_has=GOOD_MARK,
    ),
    Case(
        "bad overlay path",
        "--overlay with an unknown extension",
        "relayout good.txt --overlay overlay.xyz",
        4,
        "relayout: overlay.xyz: unknown image extension .xyz; use .png or .jpg",
        (GOOD,),
        side="output",
        stdout_has=GOOD_MARK,
    ),
    Case(
        "bad overlay path",
        "--overlay in a folder that does not exist",
        "relayout good.txt --overlay missing/overlay.png",
        4,
        "relayout: missing/overlay.png: the folder missing does not exist",
        (GOOD,),
        side="output",
        stdout_has=GOOD_MARK,
    ),
    # --- relayout eval ----------------------------------------------------------------
    Case(
        "eval: malformed truth",
        "a gt.json cut short",
        "relayout eval pages --systems relayout",
        1,
        "relayout eval: pages/p1/gt.json: not valid JSON (Expecting value at line 1)",
        (eval_pages("p1", "p2"), text("pages/p1/gt.json", '{"articles": [')),
        side="eval",
        stdout_has="1 pages (1 more could not be read)",
    ),
    Case(
        "eval: nested truth",
        "a gt.json nested 100,000 deep",
        "relayout eval pages --systems relayout",
        1,
        "relayout eval: pages/p1/gt.json: JSON nested too deeply to read",
        (eval_pages("p1", "p2"), text("pages/p1/gt.json", "[" * 100_000 + "]" * 100_000)),
        side="eval",
        stdout_has="1 pages (1 more could not be read)",
    ),
    Case(
        "eval: missing input",
        "a page folder without page.txt",
        "relayout eval pages --systems relayout",
        1,
        "relayout eval: pages/p1/page.txt: no such file",
        (eval_pages("p1", "p2"), remove("pages/p1/page.txt")),
        side="eval",
        stdout_has="1 pages (1 more could not be read)",
    ),
    # --- signals ----------------------------------------------------------------------
    Case(
        "interrupted",
        "Ctrl-C (SIGINT) while relayout waits for its input",
        "relayout -",
        130,
        "relayout: interrupted",
        side="signal",
        interrupt=True,
    ),
]


def make_inputs(case: Case, base: Path) -> None:
    for make in case.make:
        make(base)


# --- the docs table -------------------------------------------------------------------

SECTION = "## Bad inputs"
SIDES = {
    "input": "Input",
    "system": "System",
    "usage": "Command line",
    "output": "Output",
    "eval": "relayout eval",
    "signal": "Signal",
}


def render_table(cases: list[Case] = CASES) -> str:
    rows = [
        "| Side | Class | Input | Command | Exit | What the user sees on stderr |",
        "|---|---|---|---|---|---|",
    ]
    for case in cases:
        message = f"`{case.message}`" if case.message else "nothing: the input goes through"
        message = message.replace("|", "\\|")  # a | even inside `code` ends a table cell
        command = case.command.replace("|", "\\|")
        rows.append(
            f"| {SIDES[case.side]} | {case.kind} | {case.example} | `{command}` "
            f"| {case.exit_code} | {message} |"
        )
    return "\n".join(rows) + "\n"


def table_in_docs(doc: str) -> str:
    """The table under the ``## Bad inputs`` heading (its first Markdown table)."""
    after = doc.split(SECTION + "\n", 1)[1]
    lines = after.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("| "))
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), len(lines))
    return "".join(lines[start:end])


def rewrite_docs(path: Path = DOCS) -> None:
    doc = path.read_text(encoding="utf-8")
    old = table_in_docs(doc)
    path.write_text(doc.replace(old, render_table(), 1), encoding="utf-8")


if __name__ == "__main__":
    rewrite_docs()
    sys.stdout.write(f"rewrote the table of {DOCS.relative_to(ROOT)}\n")
