"""The one exception a system under evaluation raises when it cannot run here at all."""

from __future__ import annotations


class Unavailable(Exception):
    """The system cannot run here at all (module not written yet, program not installed)."""
