"""parallel.pmap, run_tasks and sharded: the same results as a plain loop, with or without worker processes."""

from __future__ import annotations

import concurrent.futures
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
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", lambda **_: pytest.fail("a pool for a small batch"))
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
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    assert parallel.pmap(abs, [-1, -2]) == [1, 2]


# -- run_tasks and sharded: forked children for the cheap per-entry work of every build ------

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
        import os, time
        from wijkpraktijk import parallel
        parallel.workers = lambda: 2
        offset = 7  # a closure: pickling would refuse it, forked children inherit it

        def slow(xs):
            time.sleep(0.3)  # long enough for the child to take the other piece
            return [(x + offset, os.getpid()) for x in xs]

        got = parallel.sharded(slow, range(1000))
        assert [x for x, _ in got] == [x + 7 for x in range(1000)], got[:5]
        pids = {pid for _, pid in got}
        assert len(pids) == 2 and os.getpid() in pids, pids  # this process and one forked child
        print("ok")
    """)
    assert out.strip() == "ok"


def test_run_tasks_shares_the_queue_and_keeps_the_order():
    """Each process takes the next task when it is done: a long task does not hold up the short ones."""
    out = _run_isolated("""
        import os, time
        from wijkpraktijk import parallel
        parallel.workers = lambda: 2

        def task(n):
            return lambda: (time.sleep(0.5 if n == 0 else 0.02), (n, os.getpid()))[1]

        got = parallel.run_tasks([task(n) for n in range(12)])
        assert [n for n, _ in got] == list(range(12)), got
        long_one = got[0][1]
        assert sum(pid != long_one for _, pid in got) >= 8, got  # the other process did the short ones
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


def test_sharded_small_batches_and_failed_forks_stay_here(monkeypatch):
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    monkeypatch.setattr(parallel.os, "fork", lambda: pytest.fail("a fork for a small batch"))
    assert parallel.sharded(_tagged, [1, 2, 3]) == [(2, os.getpid()), (4, os.getpid()), (6, os.getpid())]

    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")  # a process limit

    monkeypatch.setattr(parallel, "MIN_SHARDED", 1)
    monkeypatch.setattr(parallel.os, "fork", no_fork)
    assert parallel.sharded(_tagged, [1, 2]) == [(2, os.getpid()), (4, os.getpid())]


_IN_A_CHILD = """
    import os, time
    from wijkpraktijk import parallel
    parallel.workers = lambda: 2
    parent = os.getpid()

    def task(n):
        def run():
            time.sleep(0.2)
            if os.getpid() != parent:
                {what}
            return n
        return run

    try:
        print(parallel.run_tasks([task(n) for n in range(2)]))
    except Exception as exc:
        print("raised", type(exc).__name__, exc)
"""


@pytest.mark.parametrize(("what", "expected"), [
    ('raise ValueError("page 999")', "raised ValueError page 999"),
    ("os._exit(3)", "raised ChildProcessError a worker process stopped without finishing its work (exit code 3)"),
    ("return lambda: None", "raised RuntimeError"),  # a result that cannot be pickled
])
def test_what_goes_wrong_in_a_child_is_raised_here(what, expected):
    out = _run_isolated(_IN_A_CHILD.replace("{what}", what))
    assert out.strip().startswith(expected), out


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


# -- Started: work begun before it is needed (early.py reads practices/ while the imports run) ----

def test_started_tasks_run_while_this_process_does_something_else():
    out = _run_isolated("""
        import os, time
        from wijkpraktijk import parallel
        parallel.workers = lambda: 2
        began = time.perf_counter()
        work = parallel.Started([lambda n=n: (time.sleep(0.1), (n, os.getpid()))[1] for n in range(6)])
        assert work.forked and time.perf_counter() - began < 0.1  # begun, not waited for
        time.sleep(0.8)  # meanwhile the child does all six
        got = work.results()
        assert [n for n, _ in got] == list(range(6)) and {pid for _, pid in got} != {os.getpid()}, got
        assert time.perf_counter() - began < 1.2
        assert work.results() is got  # asked twice: the same answer

        def boom():
            raise KeyError("kapot")

        failing = parallel.Started([boom, lambda: 1])
        for _ in range(2):
            try:
                failing.results()
            except KeyError as exc:
                print("raised", exc)

        slow = parallel.Started([lambda: time.sleep(60), lambda: time.sleep(60)])
        began = time.perf_counter()
        slow.close()
        assert time.perf_counter() - began < 5
        print("ok")
    """)
    assert out.split("\n")[:3] == ["raised 'kapot'", "raised 'kapot'", "ok"]


def test_started_without_a_fork_runs_each_task_once_when_asked(monkeypatch):
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    monkeypatch.setattr(parallel.os, "fork", lambda: pytest.fail("forked although told not to"))
    calls = []
    work = parallel.Started([lambda: calls.append("a") or 1, lambda: calls.append("b") or 2], fork=False)
    assert calls == [] and not work.forked
    assert work.results() == [1, 2] and work.results() == [1, 2] and calls == ["a", "b"]
    work.close()  # nothing to stop
