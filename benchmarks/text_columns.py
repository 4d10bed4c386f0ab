"""How well the column stage threads text whose lines hold several columns, measured
against the truth of realistic pages, without the later stages in the way:

- **paragraphs contiguous**: share of the body paragraphs (20 characters or more) whose
  text appears unbroken in the re-threaded lines (whitespace removed);
- **pieces in one block**: share of the pieces (4 characters or more) cut from the lines
  that lie inside one block of the truth (a piece holding two columns' text does not);
- **continuations right**: of two pieces threaded one after the other, both inside one
  block, the share that go on the same block, or end one block and start the next one
  of the same article.

    python -m benchmarks.text_columns /work/sets/zh-test --extractor pdftotext-layout
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from pathlib import Path

from layout.columns_text import find_columns, rethread
from layout.conventions import Conventions
from layout.language import resolve_language
from layout.read import split_lines

_SPACE = re.compile(r"\s+")


def _bare(text: str) -> str:
    return _SPACE.sub("", text)


@dataclass
class Tally:
    paragraphs: int = 0
    contiguous: int = 0
    pieces: int = 0
    in_one_block: int = 0
    continuations: int = 0
    continued_right: int = 0

    def add(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def lines(self) -> list[str]:
        def share(a: int, b: int) -> str:
            return f"{a}/{b} = {a / b:.1%}" if b else "n/a"

        return [
            f"paragraphs contiguous  {share(self.contiguous, self.paragraphs)}",
            f"pieces in one block    {share(self.in_one_block, self.pieces)}",
            f"continuations right    {share(self.continued_right, self.continuations)}",
        ]


def score_page(folder: Path, extractor: str) -> Tally:
    truth = json.loads((folder / "gt.json").read_text(encoding="utf-8"))
    blocks = [_bare(b["text"]) for b in truth["blocks"]]
    articles = [b["article"] for b in truth["blocks"]]
    lines = split_lines((folder / f"{extractor}.txt").read_text(encoding="utf-8"))
    conv = resolve_language(Conventions(), (line.text for line in lines))
    tally = Tally()
    threaded = _bare("".join(line.text for line in rethread(lines, conv)[0]))
    for block, text in zip(truth["blocks"], blocks, strict=True):
        if block["role"] == "body" and len(text) >= 20:
            tally.paragraphs += 1
            tally.contiguous += text in threaded

    def inside(t: str) -> bool:
        return any(t in b for b in blocks)

    def goes_on(a: str, b: str) -> bool:
        if any(a + b in block for block in blocks):
            return True
        ends = [i for i, block in enumerate(blocks) if block.endswith(a)]
        starts = [j for j, block in enumerate(blocks) if block.startswith(b)]
        return any(j > i and articles[i] == articles[j] for i in ends for j in starts)

    layout = find_columns(lines, conv.columns, conv.typesetting.sentence)
    for run in layout.runs:
        before = ""
        for piece in run.pieces:
            text = _bare(piece.text)
            if len(text) >= 4:
                tally.pieces += 1
                tally.in_one_block += inside(text)
                if len(before) >= 4 and inside(before) and inside(text):
                    tally.continuations += 1
                    tally.continued_right += goes_on(before, text)
            before = text
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", type=Path, help="folder of realistic page folders")
    parser.add_argument("--extractor", default="pdftotext-layout")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    args = parser.parse_args()
    folders = sorted(p for p in args.pages.iterdir() if (p / "gt.json").exists())
    total = Tally()
    for folder in folders[: args.limit or None]:
        total.add(score_page(folder, args.extractor))
    print(f"{args.extractor} on {args.pages}")
    print("\n".join(total.lines()))


if __name__ == "__main__":
    main()
