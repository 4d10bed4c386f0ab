"""The JSON Schema of relayout's JSON output, and reading that JSON back.

``result.schema.json`` (JSON Schema draft 2020-12) describes one page result as
``relayout -f json`` writes it; ``relayout --json-schema`` prints it; docs/schema.md
explains the fields, the ids and when ``schema_version`` changes.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

from layout.model import PageResult, ResultFormatError

SCHEMA_FILE = "result.schema.json"


def schema_text() -> str:
    """The schema as shipped in the package (what ``relayout --json-schema`` prints)."""
    return files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def json_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_text())
    return schema


def load_result(path: str | Path) -> PageResult:
    """One page result from a file relayout wrote with ``-f json`` (one page, not JSON
    Lines). OSError when the file cannot be read; ResultFormatError when it is not a
    page result of this schema version."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ResultFormatError(f"{path}: not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ResultFormatError(f"{path}: a page result is a JSON object")
    return PageResult.from_dict(data)


__all__ = ["SCHEMA_FILE", "json_schema", "load_result", "schema_text"]
