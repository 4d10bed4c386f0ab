"""relayout: give back the articles of a multi-column newspaper page.

from layout import process_text, render
result = process_text(open("page.txt", encoding="utf-8").read(), source="page.txt")
print(render(result, "markdown"))
"""

from .errors import ImageError, InputError, MissingDependencyError, RelayoutError, UsageError
from .export import to_dict, to_json
from .formats import render
from .model import Article, BBox, Block, Line, PageResult, Paragraph, Role
from .options import Options
from .pipeline import process_lines, process_path, process_text

__version__ = "0.1.0"

__all__ = [
    "Article",
    "BBox",
    "Block",
    "ImageError",
    "InputError",
    "Line",
    "MissingDependencyError",
    "Options",
    "PageResult",
    "Paragraph",
    "RelayoutError",
    "Role",
    "UsageError",
    "process_lines",
    "process_path",
    "process_text",
    "render",
    "to_dict",
    "to_json",
]
