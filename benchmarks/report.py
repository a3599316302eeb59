"""How every benchmark prints: the machine first, then one ' | '-separated row per input size."""

from __future__ import annotations

import os
import platform


def print_machine(extra: str = "") -> None:
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}{extra}")


def print_row(row: dict, header: tuple[str, ...], digits: int = 2) -> None:
    print(" | ".join(f"{row[h]:.{digits}f}" if isinstance(row[h], float) else str(row[h]) for h in header), flush=True)
