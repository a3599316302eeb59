"""parallel.pmap: the same results as a plain loop, with or without worker processes."""

from __future__ import annotations

import pytest
from wijkpraktijk import parallel


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
