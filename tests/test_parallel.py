"""parallel.pmap and parallel.sharded: the same results as a plain loop, with or without worker processes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from wijkpraktijk import parallel

REPO = Path(__file__).resolve().parent.parent


def test_small_batches_stay_in_this_process(monkeypatch):
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", lambda **_: pytest.fail("a pool for a small batch"))
    assert parallel.pmap(abs, [-1, 2, -3]) == [1, 2, 3]


def test_workers_keep_the_order(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_BATCH", 1)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    items = list(range(-200, 200))
    assert parallel.pmap(abs, items) == [abs(i) for i in items]


def test_without_semaphores_the_work_is_done_here(monkeypatch):
    def no_pool(**_):
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(parallel, "MIN_BATCH", 1)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    assert parallel.pmap(abs, [-1, -2]) == [1, 2]


# -- sharded: forked children for the cheap per-entry work of every build -----------------

def _tagged(items):
    """Each item with the process that handled it (a closure would do too: children inherit it)."""
    return [(item * 2, os.getpid()) for item in items]


def _run_isolated(code: str) -> str:
    """Run ``code`` in a fresh interpreter: pytest's own process may have threads, and then nothing forks."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts")}
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_sharded_forks_keeps_the_order_and_passes_closures():
    out = _run_isolated("""
        import os
        from wijkpraktijk import parallel
        parallel.workers = lambda: 2
        offset = 7  # a closure: pickling would refuse it, forked children inherit it
        got = parallel.sharded(lambda xs: [(x + offset, os.getpid()) for x in xs], range(1000))
        assert [x for x, _ in got] == [x + 7 for x in range(1000)], got[:5]
        pids = {pid for _, pid in got}
        assert pids and os.getpid() not in pids, pids  # one child may take both pieces: they are quick
        print("ok")
    """)
    assert out.strip() == "ok"


def test_sharded_stays_in_this_process_while_another_thread_runs():
    """The preview server regenerates from a watcher thread; forking it could deadlock a child."""
    out = _run_isolated("""
        import os, threading
        from wijkpraktijk import parallel
        parallel.workers = lambda: 2
        stop = threading.Event()
        watcher = threading.Thread(target=stop.wait)
        watcher.start()
        try:
            got = parallel.sharded(lambda xs: [os.getpid() for _ in xs], range(1000))
        finally:
            stop.set()
            watcher.join()
        assert set(got) == {os.getpid()}, set(got)
        print("ok")
    """)
    assert out.strip() == "ok"


def test_sharded_small_batches_and_missing_semaphores_stay_here(monkeypatch):
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", lambda **_: pytest.fail("a fork for a small batch"))
    assert parallel.sharded(_tagged, [1, 2, 3]) == [(2, os.getpid()), (4, os.getpid()), (6, os.getpid())]

    def no_pool(**_):
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(parallel, "MIN_SHARDED", 1)
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    assert parallel.sharded(_tagged, [1, 2]) == [(2, os.getpid()), (4, os.getpid())]


def test_an_error_in_a_child_reaches_the_parent():
    out = _run_isolated("""
        from wijkpraktijk import parallel
        parallel.workers = lambda: 2
        def boom(xs):
            if 999 in xs:
                raise ValueError("page 999")
            return xs
        try:
            parallel.sharded(boom, range(1000))
        except ValueError as exc:
            print("raised", exc)
    """)
    assert out.strip() == "raised page 999"


def test_generated_tree_is_the_same_with_and_without_forked_shards(tree):
    """The whole generator, run once on one core and once sharded over two: byte-identical output."""
    def generate(setup: str) -> dict[str, bytes]:
        _run_isolated(f"""
            from wijkpraktijk import parallel
            {setup}
            from wijkpraktijk.cli import main
            raise SystemExit(main(["--root", {str(tree.root)!r}, "generate"]))
        """)
        out = tree.generated
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file() and p.name != ".manifest.json"}

    serial = generate("parallel.workers = lambda: 1")
    shutil.rmtree(tree.generated)
    forked = generate("parallel.workers = lambda: 2; parallel.MIN_SHARDED = 2")
    assert serial and serial.keys() == forked.keys()
    assert [k for k in serial if serial[k] != forked[k]] == []


@pytest.mark.parametrize(("n", "count"), [(0, 2), (1, 2), (5, 2), (10, 3), (1000, 4), (3, 8)])
def test_split_keeps_every_item_once_in_order(n, count):
    pieces = parallel.split(list(range(n)), count)
    assert [x for piece in pieces for x in piece] == list(range(n))
    assert len(pieces) <= max(1, count)
    assert all(pieces) if n else pieces == [[]]  # no empty piece, except the one for no items
