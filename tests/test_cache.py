"""The disk cache behind citations, QR codes and bodies, and pmap for its misses.

The cache lives outside the checkout, in a folder only this user can open, and whatever it hands back is
checked (QR codes) or sanitised (bodies) again before it reaches a page: a poisoned value costs time, never safety.
"""

from __future__ import annotations

import base64
import concurrent.futures
import os
import sqlite3
import stat

import orjson
import pytest
from conftest import REPO
from wijkpraktijk import cache, citing
from wijkpraktijk.cache import DiskCache, private_folder
from wijkpraktijk.config import CACHE_ENV, Paths, cache_home
from wijkpraktijk.pipeline import generate


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


# -- where the cache lives, and what comes back out of it ------------------------------------------


def test_each_checkout_has_its_own_cache_outside_it(tree, tmp_path, monkeypatch):
    assert tree.cache.parent == cache_home() and not tree.cache.is_relative_to(tree.root)
    assert Paths(tmp_path / "een").cache != Paths(tmp_path / "twee").cache
    assert Paths(tree.root).cache == tree.cache  # the same checkout, the same folder, every run
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert Paths(REPO).cache.parent == tmp_path / "xdg" / "wijkpraktijk"  # platformdirs' per-user folder


def test_cache_folders_are_private(cold_tree):
    tree = cold_tree
    assert generate(tree)[1] is not None
    for folder in (tree.cache / "citations", tree.cache, cache_home()):
        info = os.lstat(folder)
        assert stat.S_ISDIR(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o700 and info.st_uid == os.getuid()
    os.chmod(tree.cache, 0o777)  # opened up by someone: closed again on the next run
    private_folder(tree.cache / "citations")
    assert stat.S_IMODE(os.lstat(tree.cache).st_mode) == 0o700


@pytest.mark.skipif(os.getuid() != 0, reason="needs root to give a folder to another user")
def test_a_folder_of_another_user_or_a_link_is_no_cache(tmp_path):
    foreign = cache_home() / "vreemd"
    foreign.mkdir(mode=0o700)
    os.chown(foreign, 4242, 4242)
    linked = cache_home() / "gelinkt"
    linked.symlink_to(tmp_path, target_is_directory=True)
    for folder in (foreign / "handout", linked / "handout"):
        with pytest.raises(OSError):
            private_folder(folder)
        calls: list[int] = []

        def make(calls=calls) -> str:
            calls.append(1)
            return "v"

        store = DiskCache(folder, "1")
        assert store.get("k", 1, make) == store.get("k", 1, make) == "v"
        store.prune()
        assert calls == [1, 1]
    assert list(foreign.iterdir()) == [] and list(tmp_path.iterdir()) == []


POISON = '<p>Deze pagina is verhuisd.</p><meta http-equiv="refresh" content="0;url=http://127.0.0.1:9911/phish">'


def _poison(folder, value: bytes) -> None:
    with sqlite3.connect(folder / cache.DB_NAME) as db:
        db.execute("UPDATE entries SET value = ?", (value,))


def test_a_poisoned_body_cache_is_sanitised_when_read(tree):
    """Security review 3, F2: HTML from the cache passes nh3 again; the page keeps the text, not the markup."""
    assert generate(tree)[1] is not None
    before = (tree.generated / "huisbezoek/index.md").read_text(encoding="utf-8")
    _poison(tree.cache / "bodies", orjson.dumps([[[0, POISON], [7, "kop"]], []]))
    assert generate(tree)[1] is not None
    assert (tree.generated / "huisbezoek/index.md").read_text(encoding="utf-8") == before  # level 7: made anew
    _poison(tree.cache / "bodies", orjson.dumps([[[0, POISON], [2, "Achtergrond"]], []]))
    assert generate(tree)[1] is not None
    page = (tree.generated / "huisbezoek/index.md").read_text(encoding="utf-8")
    assert "Deze pagina is verhuisd." in page and "<meta" not in page and "http-equiv" not in page
    for junk in (b"geen json", b'{"a": 1}', b"[[[0, 5]], []]", b'[[[0, "x", 1]], []]', b"[[], [1]]", b"[1, 2, 3]"):
        _poison(tree.cache / "bodies", junk)
        assert generate(tree)[1] is not None
        assert (tree.generated / "huisbezoek/index.md").read_text(encoding="utf-8") == before, junk


def test_a_poisoned_qr_code_is_made_again(tree):
    assert generate(tree)[1] is not None
    qr = tree.generated / "qr" / "huisbezoek.svg"
    before = qr.read_text(encoding="utf-8")
    with sqlite3.connect(tree.cache / "citations" / cache.DB_NAME) as db:
        (value,) = db.execute("SELECT value FROM entries LIMIT 1").fetchone()
    record = orjson.loads(value)
    for svg in (
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
        record["qr_svg"].replace("<path", "<script>alert(1)</script><path"),
        record["qr_svg"].replace('class="qrline"', 'class="qrline" onclick="alert(1)"'),
    ):
        _poison(tree.cache / "citations", orjson.dumps({**record, "qr_svg": svg}))
        assert generate(tree)[1] is not None
        assert qr.read_text(encoding="utf-8") == before
    _poison(tree.cache / "citations", orjson.dumps({**record, "qr_png": "PHN2Zz4="}))  # '<svg>' as a "PNG"
    assert generate(tree)[1] is not None
    assert (tree.generated / "qr" / "huisbezoek.png").read_bytes().startswith(b"\x89PNG")


def test_segnos_own_codes_pass_the_check():
    svg, png = citing.qr_codes("https://wijkpraktijk.nl/kennisbank/a-b&c/")
    record = {"qr_svg": svg, "qr_png": base64.b64encode(png).decode("ascii"), "apa": ["x"], "bibtex": "", "ris": ""}
    assert citing._checked(orjson.dumps(record).decode(), "https://wijkpraktijk.nl/kennisbank/a-b&c/") is not None


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


def test_bodies_rendered_in_worker_processes_give_the_same_problems_and_pages(tree, monkeypatch):
    """A large cold batch of bodies goes to spawned workers (allowlist.Bodies.prepare), with the same result."""
    import shutil

    from wijkpraktijk import allowlist
    from wijkpraktijk.pipeline import load

    replace = "Een methode uit de test."
    text = (tree.practices / "methoden" / "huisbezoek.md").read_text(encoding="utf-8")
    (tree.practices / "methoden" / "huisbezoek.md").write_text(text.replace(replace, replace + " <b>x</b>"))
    serial_problems = [p.format() for p in load(tree).problems]
    (tree.practices / "methoden" / "huisbezoek.md").write_text(text)
    assert generate(tree)[1] is not None
    serial = {p: p.read_bytes() for p in sorted(tree.generated.rglob("*.md"))}
    shutil.rmtree(tree.cache)
    monkeypatch.setattr(allowlist, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(cache, "MIN_BATCH", 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1})  # a pool even on a one-core runner
    started = []
    real = allowlist.pmap
    monkeypatch.setattr(allowlist, "pmap", lambda func, items: started.append(func.__name__) or real(func, items))
    assert generate(tree)[1] is not None
    assert {p: p.read_bytes() for p in sorted(tree.generated.rglob("*.md"))} == serial
    (tree.practices / "methoden" / "huisbezoek.md").write_text(text.replace(replace, replace + " <b>x</b>"))
    shutil.rmtree(tree.cache)
    assert [p.format() for p in load(tree).problems] == serial_problems
    assert "_bodies_job" in started  # one render per body: the check's verdict and the page's HTML alike
