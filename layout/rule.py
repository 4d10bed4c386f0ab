"""``rule()``: a field of a frozen rules value with its default and the reason for it."""

from __future__ import annotations

from dataclasses import field
from typing import Any


def rule(default: Any, why: str) -> Any:
    """A field of a conventions group: its default value and the reason for it."""
    return field(default=default, metadata={"why": why})
