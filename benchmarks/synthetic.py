"""Synthetic knowledge bases for benchmarks: N practices over a fixed set of
methods, places, organisations and concepts, shaped like the real entries."""

from __future__ import annotations

import atexit
import os
import random
import re
import shutil
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Throwaway trees, throwaway caches: not in the user's own cache folder (config.CACHE_ENV, cache.py).
if "WIJKPRAKTIJK_CACHE" not in os.environ:
    os.environ["WIJKPRAKTIJK_CACHE"] = tempfile.mkdtemp(prefix="wijkpraktijk-bench-cache-")
    atexit.register(shutil.rmtree, os.environ["WIJKPRAKTIJK_CACHE"], True)
THEMES = ["wijkgericht-werken", "eenzaamheid", "preventie", "eigen-kracht", "samenwerking", "opbouwwerk"]
WORDS = [
    "wijkteam",
    "bewoner",
    "buurt",
    "gesprek",
    "netwerk",
    "vertrouwen",
    "gemeente",
    "aanpak",
    "ondersteuning",
    "huisbezoek",
    "keukentafel",
    "opbouwwerker",
    "generalist",
    "preventie",
    "samenwerking",
    "vrijwilliger",
    "regie",
    "plan",
    "gezin",
]

COMMON = """sources: [synthetisch]
credits:
  - name: Benchmark
reviewed: 2026-11-01
status: concept
"""


class Prose:
    """Sentences of random words: from WORDS (every word on nearly every page, the
    worst case for search), or drawn with the word frequencies of the real pages in
    practices/ ('real': common words everywhere, rare ones on few pages, as in Zipf)."""

    def __init__(self, rng: random.Random, vocabulary: str = "small"):
        self.rng = rng
        if vocabulary == "small":
            self.words, self.weights = WORDS, None
        else:
            bodies = [
                f.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
                for f in sorted((REPO / "practices").rglob("*.md"))
                if not f.parent.name.startswith("_")
            ]
            counts = Counter(w for body in bodies for w in re.findall(r"[^\W\d_]{2,}", body.lower()))
            self.words, self.weights = list(counts), list(counts.values())

    def cited(self, sentences: int) -> str:
        """A paragraph that ends with its reference, as a real body does (make check asks for one)."""
        return self(sentences)[:-1] + " [@synthetisch]."

    def __call__(self, sentences: int) -> str:
        out = []
        for _ in range(sentences):
            n = self.rng.randint(8, 16)
            words = (
                self.rng.choices(self.words, self.weights, k=n)
                if self.weights
                else [self.rng.choice(self.words) for _ in range(n)]
            )
            out.append(" ".join(words).capitalize() + ".")
        return " ".join(out)


def copy_site(target: Path) -> None:
    """A fresh ``target`` with this checkout's site configuration and hand-written pages, without practices/."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", target / "overrides")
    generated = shutil.ignore_patterns("kennisbank", "admin", "pagefind", ".pagefind-*")  # written by the generator
    shutil.copytree(REPO / "docs", target / "docs", ignore=generated)


def write_tree(target: Path, practices: int, seed: int = 1, vocabulary: str = "small") -> Path:
    """A repo copy (config, hand-written docs) with a synthetic practices/ folder."""
    rng = random.Random(seed)
    _prose = Prose(rng, vocabulary)
    copy_site(target)
    p = target / "practices"
    for folder in ("praktijken", "methoden", "begrippen", "plaatsen", "organisaties"):
        (p / folder).mkdir(parents=True)
    for name in ("themas.yml", "doelgroepen.yml"):
        shutil.copy(REPO / "practices" / name, p / name)
    # The real synonym list: search metadata expands every body against it.
    shutil.copy(REPO / "practices" / "synoniemen.yml", p / "synoniemen.yml")
    (p / "bronnen.yml").write_text(
        "- key: synthetisch\n  author: Benchmark, Bea\n  title: Synthetische bron\n"
        '  publication: benchmarks/\n  date: "2026"\n',
        encoding="utf-8",
    )
    methods = [f"methode-{i}" for i in range(20)]
    places = [f"plaats-{i}" for i in range(10)]
    orgs = [f"organisatie-{i}" for i in range(10)]
    concepts = [f"begrip-{i}" for i in range(10)]
    for i, mid in enumerate(methods):
        (p / "methoden" / f"{mid}.md").write_text(
            f"---\nid: {mid}\ntype: method\ntitle: Methode {i}\n"
            f"summary: {_prose(1)}\nthemes: [{rng.choice(THEMES)}]\n{COMMON}"
            f"purpose: {_prose(1)}\nlevel: [buurt]\nbasis: [ervaring]\n"
            "steps:\n  - title: Stap een [@synthetisch]\n  - title: Stap twee\n    editorial: true\n"
            f"---\n## Achtergrond\n\n{_prose.cited(4)}\n",
            encoding="utf-8",
        )
    for i, pid in enumerate(places):
        (p / "plaatsen" / f"{pid}.md").write_text(
            f"---\nid: {pid}\ntype: place\ntitle: Plaats {i}\n"
            f"summary: {_prose(1)}\nthemes: [{rng.choice(THEMES)}]\n{COMMON}"
            f"kind: gemeente\nmunicipality: Plaats {i}\nprovince: Utrecht\n"
            f"coordinates: {{lat: 52.{i}, lon: 5.{i}}}\n---\n## Over deze plaats\n\n{_prose.cited(1)}\n",
            encoding="utf-8",
        )
    for i, oid in enumerate(orgs):
        (p / "organisaties" / f"{oid}.md").write_text(
            f"---\nid: {oid}\ntype: organisation\ntitle: Organisatie {i}\n"
            f"summary: {_prose(1)}\nthemes: [{rng.choice(THEMES)}]\n{COMMON}"
            f"kind: welzijnsorganisatie\nplaces: [{places[i]}]\n---\n## Over deze organisatie\n\n{_prose.cited(1)}\n",
            encoding="utf-8",
        )
    for i, cid in enumerate(concepts):
        (p / "begrippen" / f"{cid}.md").write_text(
            f"---\nid: {cid}\ntype: concept\ntitle: Begrip {i}\n"
            f"summary: {_prose(1)}\nthemes: [{rng.choice(THEMES)}]\n{COMMON}"
            f"---\n## Betekenis\n\n{_prose.cited(3)}\n",
            encoding="utf-8",
        )
    for n in range(practices):
        used = rng.sample(methods, 2)
        (p / "praktijken" / f"praktijk-{n}.md").write_text(
            f"---\nid: praktijk-{n}\ntype: practice\ntitle: Praktijk {n}\nsummary: {_prose(2)}\n"
            f"themes: [{', '.join(rng.sample(THEMES, 2))}]\n{COMMON}"
            f"places: [{rng.choice(places)}]\norganisations: [{rng.choice(orgs)}]\nmethods: [{', '.join(used)}]\n"
            f"concepts: [{rng.choice(concepts)}]\nperiod: {{start: {rng.randint(2000, 2024)}}}\n"
            f'facts:\n  - label: Bewoners\n    value: "{rng.randint(100, 9000)}"\n    source: synthetisch\n'
            "basis: [ervaring]\n"
            f"---\n## Aanleiding\n\n{_prose.cited(3)}\n\n## Aanpak\n\nHet team werkte met [[{used[0]}]]. "
            f"{_prose.cited(4)}\n\n## Wat het opleverde\n\n{_prose.cited(3)}\n\n## Lessen\n\n{_prose.cited(2)}\n",
            encoding="utf-8",
        )
    return target
