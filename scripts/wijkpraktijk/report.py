"""How diagnostics reach a person: grouped by file, counted, in Dutch."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from .diagnostics import Diagnostic


def print_problems(problems: list[Diagnostic], stream: TextIO | None = None) -> None:
    stream = stream or sys.stderr
    for problem in problems:
        print(problem.format(), file=stream)
    files = len({p.file for p in problems})
    print(f"\n{len(problems)} fout(en) in {files} bestand(en). Er is niets gebouwd of overschreven.", file=stream)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(problem.github_annotation(), file=sys.stdout)
