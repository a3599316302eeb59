"""The disk cache behind citations, QR codes and the map outline."""

from __future__ import annotations

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
