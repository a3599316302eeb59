"""The disk cache behind citations and QR codes, and pmap for its misses."""

from __future__ import annotations

import concurrent.futures
import os

import pytest
from wijkpraktijk import cache
from wijkpraktijk.cache import DiskCache


def test_miss_put_hit_and_binary_values(tmp_path):
    cache = DiskCache(tmp_path / "c", "1")
    assert cache.lookup("apa", ["x"]) is None
    cache.put("apa", ["x"], "Tekst met ë")
    cache.put("qr-bin", "https://x/", b"\x89PNG")
    again = DiskCache(tmp_path / "c", "1")
    assert again.lookup("apa", ["x"]) == "Tekst met ë"
    assert again.lookup("qr-bin", "https://x/") == b"\x89PNG"
    assert DiskCache(tmp_path / "c", "2").lookup("apa", ["x"]) is None  # a new version misses


def test_get_computes_once(tmp_path):
    calls = []
    cache = DiskCache(tmp_path / "c", "1")
    assert cache.get("k", 1, lambda: calls.append(1) or "v") == "v"
    assert DiskCache(tmp_path / "c", "1").get("k", 1, lambda: calls.append(1) or "w") == "v"
    assert calls == [1]


def test_prune_keeps_what_this_run_used(tmp_path):
    first = DiskCache(tmp_path / "c", "1")
    first.put("k", "kept", "a")
    first.put("k", "dropped", "b")
    second = DiskCache(tmp_path / "c", "1")
    assert second.lookup("k", "kept") == "a"
    second.prune()
    third = DiskCache(tmp_path / "c", "1")
    assert third.lookup("k", "kept") == "a"
    assert third.lookup("k", "dropped") is None


def test_prune_without_a_folder_and_undecodable_entries(tmp_path):
    DiskCache(tmp_path / "missing", "1").prune()
    cache = DiskCache(tmp_path / "c", "1")
    cache.put("bin-as-text", 1, b"\xff\xfe")  # stored as bytes under a text kind: treated as a miss
    assert DiskCache(tmp_path / "c", "1").lookup("bin-as-text", 1) is None


def test_one_file_per_folder_and_old_layouts_are_cleared(tmp_path):
    old = tmp_path / "c" / "apa" / "ab"
    old.mkdir(parents=True)
    (old / "abcdef").write_text("oud", encoding="utf-8")
    cache = DiskCache(tmp_path / "c", "1")
    cache.put("apa", 1, "nieuw")
    cache.close()
    assert [p.name for p in (tmp_path / "c").iterdir() if p.is_dir()] == []
    assert (tmp_path / "c" / "cache.sqlite3").is_file()


def test_a_damaged_file_is_a_cold_cache_not_an_error(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "cache.sqlite3").write_bytes(b"dit is geen SQLite-bestand" * 100)
    cache = DiskCache(folder, "1")
    assert cache.lookup("k", 1) is None
    assert cache.get("k", 1, lambda: "v") == "v"
    cache.close()
    assert DiskCache(folder, "1").lookup("k", 1) == "v"  # started again, empty, and usable


def test_an_unwritable_folder_means_no_cache_but_a_working_build(tmp_path):
    blocker = tmp_path / "c"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    cache = DiskCache(blocker, "1")
    calls = []
    assert cache.get("k", 1, lambda: calls.append(1) or "v") == "v"
    assert cache.get("k", 1, lambda: calls.append(1) or "v") == "v"
    cache.prune()
    assert calls == [1, 1]


def test_batched_puts_are_stored(tmp_path):
    cache = DiskCache(tmp_path / "c", "1")
    with cache.batch():
        for n in range(50):
            cache.put("k", n, str(n))
    cache.close()
    again = DiskCache(tmp_path / "c", "1")
    assert [again.lookup("k", n) for n in range(50)] == [str(n) for n in range(50)]


# -- pmap: cache misses on every core, the same results as a plain loop ----------------------


def test_small_batches_stay_in_this_process(monkeypatch):
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", lambda **_: pytest.fail("a pool for a small batch"))
    assert cache.pmap(abs, [-1, 2, -3]) == [1, 2, 3]


def test_workers_keep_the_order(monkeypatch):
    monkeypatch.setattr(cache, "MIN_BATCH", 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1})
    items = list(range(-200, 200))
    assert cache.pmap(abs, items) == [abs(i) for i in items]


def test_without_semaphores_the_work_is_done_here(monkeypatch):
    def no_pool(**_):
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(cache, "MIN_BATCH", 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1})
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    assert cache.pmap(abs, [-1, -2]) == [1, 2]
