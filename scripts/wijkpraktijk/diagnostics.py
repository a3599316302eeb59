"""Errors as values: every stage reports problems as Diagnostics, never raises.

The same list serves the command line, the tests and CI annotations, so a
contributor sees every problem of a run at once instead of one per attempt.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int | None
    field: str | None
    message: str
    hint: str | None = None

    def format(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        field = f" [{self.field}]" if self.field else ""
        text = f"{where}{field}: {self.message}"
        if self.hint:
            text += f"\n    → {self.hint}"
        return text

    def github_annotation(self) -> str:
        """One line GitHub Actions turns into an inline comment on the pull request."""
        line = f",line={self.line}" if self.line else ""
        text = self.message + (f" {self.hint}" if self.hint else "")
        return f"::error file={self.file}{line}::{text.replace(chr(10), ' ')}"
