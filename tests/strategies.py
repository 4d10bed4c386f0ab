"""Hypothesis strategies for newspaper-like pages, used by the fuzz tests.

A page is built as a newspaper page is: articles of headline lines, a byline, an
opening, paragraphs set in a column of some width (first lines indented, Latin
words broken at a line end with a hyphen), closing names; photos' captions with
their credits, jump lines, blank lines, and now and then a caption that shares a
long run of characters with an article. The words are common ones, generated or
drawn from small general lists; no phrase of a seed page.

Hypothesis draws the page's skeleton (which blocks, in which order) and one seed per
block; the block's words come from ``random.Random(seed)``. Drawing each character
through Hypothesis made a page cost 200 ms to generate; this way it costs well under
a millisecond, and shrinking still removes blocks and simplifies their kinds (the
falsifying page is printed whole).
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable

from hypothesis import strategies as st

# Common CJK words; other CJK words are drawn from the main ideograph block.
CJK_WORDS = ["企业", "项目", "发展", "建设", "城市", "市场", "服务", "工作", "经济", "技术"]
NUMBERS = ["2020", "40.7%", "1,000", "5G", "4.0", "3", "12个", "166亿元", "6500"]
INNER_PUNCT = ["，", "、", "；", "：", "“", "”", "（", "）", "《", "》", ",", " ", "——"]
END_PUNCT = ["。", "。", "。", "！", "？", ".", "?", "…", "。”", ""]
# Characters the output formats give a meaning to: they must come back as text.
MARKUP = ["*", "#", "_", ">", "\\", "`", "[", "]", "|", "<", "-", "=", "+", "\t", "(byline)"]
INDENTS = ["", "", "", "  ", "\u3000\u3000", "\t", "    "]
SEED = st.integers(min_value=0, max_value=2**32 - 1)


def cjk_word(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(CJK_WORDS)
    return "".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(rng.randint(1, 4)))


def latin_word(rng: random.Random) -> str:
    letters = string.ascii_lowercase if rng.random() < 0.8 else string.ascii_letters
    return "".join(rng.choice(letters) for _ in range(rng.randint(1, 12)))


def name(rng: random.Random) -> str:
    return "".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(rng.randint(2, 3)))


def token(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.5:
        return cjk_word(rng)
    if r < 0.65:
        return latin_word(rng) + rng.choice(["", " "])
    if r < 0.72:
        return rng.choice(NUMBERS)
    if r < 0.95:
        return rng.choice(INNER_PUNCT)
    return rng.choice(MARKUP)


def sentence(rng: random.Random, max_tokens: int = 16) -> str:
    return "".join(token(rng) for _ in range(rng.randint(1, max_tokens))) + rng.choice(END_PUNCT)


def set_in_column(text: str, rng: random.Random) -> list[str]:
    """The text cut into lines of a column some characters wide, the first line
    indented or not, a Latin word cut at a line end with a hyphen (or without)."""
    width = rng.randint(4, 30)
    lines: list[str] = []
    for start in range(0, len(text), width):
        piece = text[start : start + width]
        end = start + width
        inside_word = end < len(text) and text[end - 1].isalpha() and text[end].isalpha()
        if inside_word and text[end - 1].isascii() and text[end].isascii() and rng.random() < 0.7:
            piece += "-"  # the input's own hyphen: relayout may take it for a soft one
        lines.append(piece)
    lines[0] = rng.choice(INDENTS) + lines[0]
    return lines


def paragraph(rng: random.Random) -> list[str]:
    return set_in_column("".join(sentence(rng) for _ in range(rng.randint(1, 5))), rng)


def opening(rng: random.Random) -> list[str]:
    lines = paragraph(rng)
    lines[0] = rng.choice(["本报讯 ", "新华社电 ", "本报讯", "By Reporter "]) + lines[0].lstrip()
    return lines


def headline(rng: random.Random) -> list[str]:
    words = [cjk_word, cjk_word, latin_word, lambda r: r.choice(NUMBERS)]
    return [
        " ".join(rng.choice(words)(rng) for _ in range(rng.randint(1, 5)))
        for _ in range(rng.randint(1, 3))
    ]


def byline(rng: random.Random) -> list[str]:
    names = " ".join(name(rng) for _ in range(rng.randint(1, 3)))
    form = rng.choice(["▶ {}", "▶{}", "本报记者 {}", "（{}）", "By {}", "► {}"])
    return [form.format(names)]


def closing_names(rng: random.Random) -> list[str]:
    return [" ".join(name(rng) for _ in range(rng.randint(1, 3)))]


def credit(rng: random.Random) -> list[str]:
    who = name(rng) if rng.random() < 0.7 else latin_word(rng)
    form = rng.choice(["图片来源：{}", "{} 摄", "本报记者 {} 摄", "Photo: {}", "PHOTO:{}", "图/{}"])
    return [form.format(who)]


def caption(rng: random.Random) -> list[str]:
    return [sentence(rng, 8), *credit(rng)]


def glued_caption(rng: random.Random) -> list[str]:
    """A caption with its credit on the same line."""
    return [sentence(rng, 8) + rng.choice(["", " "]) + credit(rng)[0]]


def jump(rng: random.Random) -> list[str]:
    n = rng.randint(1, 20)
    return [rng.choice([f"（下转第{n}版）", f"（上接第{n}版）", f"Continued on Page A{n}"])]


def article(rng: random.Random) -> list[str]:
    """A whole article in reading order: headline, byline, paragraphs, closing names."""
    lines = headline(rng) if rng.random() < 0.6 else []
    if rng.random() < 0.4:
        lines += byline(rng)
    lines += opening(rng) if rng.random() < 0.5 else paragraph(rng)
    for _ in range(rng.randint(0, 4)):
        lines += [""] * rng.choice([0, 0, 1]) + paragraph(rng)
    if rng.random() < 0.4:
        lines += closing_names(rng)
    return lines


BLOCKS: dict[str, Callable[[random.Random], list[str]]] = {
    "article": article,
    "paragraph": paragraph,
    "opening": opening,
    "headline": headline,
    "byline": byline,
    "names": closing_names,
    "caption": caption,
    "glued caption": glued_caption,
    "credit": credit,
    "jump": jump,
    "blank": lambda rng: [""] * rng.randint(1, 3),
}
_KIND = st.sampled_from(["article", "article", "paragraph", *BLOCKS])


def _page(blocks: list[tuple[str, int]]) -> str:
    lines: list[str] = []
    for kind, seed in blocks:
        lines += BLOCKS[kind](random.Random(seed))
    return "\n".join(lines) + "\n"


newspaper_page = st.lists(st.tuples(_KIND, SEED), min_size=1, max_size=16).map(_page)


def _with_shared_run(page: str, seed: int, length: int, caption_first: bool) -> str:
    rng = random.Random(seed)
    word = cjk_word if rng.random() < 0.5 else token  # one unbroken run, or with punctuation
    run = ""
    while len(run) < length:
        run += word(rng)
    article_text = set_in_column("本报讯" + run + "。", rng)
    caption_block = [run + "。", *credit(rng)]
    parts = [*article_text, "", page, *caption_block]
    if caption_first:
        parts = [*caption_block, "", page, *article_text]
    return "\n".join(parts) + "\n"


def page_with_shared_run(shortest: int, longest: int) -> st.SearchStrategy[str]:
    """A page whose caption and one article share a long run of characters, as when a
    caption repeats an article's paragraph: the evidence compares long runs."""
    return st.builds(
        _with_shared_run, newspaper_page, SEED, st.integers(shortest, longest), st.booleans()
    )


# The pieces of the first generated-page test (kept: they reach other corners): CJK
# words, punctuation, digits, Latin words broken with hyphens, the markers the
# pipeline reacts to (本报讯, ▶, 图片来源：, names), the formats' markup, spaces.
SOUP_PIECES = [
    *CJK_WORDS[:4],
    *"，。、“”（）：！《》-*#_>\t\u3000⽇年",
    *["2020", "40.7%", "5G", " ", "  ", "Industry", " 4.0", "news-", "paper", "本报讯"],
    *["▶ ", "图片来源：", " 张三 李四", "——", "(caption) ", "=== a1 ==="],
]


def _soup_line(seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(SOUP_PIECES) for _ in range(rng.randint(0, 14)))


token_soup_page = st.lists(SEED.map(_soup_line), max_size=40).map("\n".join)
