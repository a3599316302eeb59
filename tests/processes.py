"""Servers a test starts, stopped in a ``finally`` whatever the test does: a failing test leaves none behind.

Each runs in its own session (process group), so stopping it also stops what it started (decap-server,
``mkdocs serve``), even when the command line itself died first.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterator


def stop_all(proc: subprocess.Popen, grace: float = 10.0) -> None:
    """SIGTERM to the process and everything in its group, SIGKILL to what is left after ``grace`` seconds."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                os.killpg(proc.pid, 0)
            except ProcessLookupError:
                break
            proc.poll()  # reap the leader, so only live members keep the group
            time.sleep(0.1)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.communicate(timeout=5)


@contextlib.contextmanager
def running(cmd: list[str], **popen) -> Iterator[subprocess.Popen]:
    """``subprocess.Popen(cmd)`` in a session of its own; everything in it is stopped on leaving the block."""
    proc = subprocess.Popen(cmd, start_new_session=True, **popen)
    try:
        yield proc
    finally:
        stop_all(proc)
