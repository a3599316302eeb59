"""The search index: Pagefind over a built site, then the word list that keeps its answers honest.

Pagefind splits the index into small chunks that the browser fetches per query, stems Dutch, folds
diacritics and holds the facets of the explore page; the binary comes from the pinned npm package (1.6
searches a large index several times as fast as 1.5.2, the newest on PyPI). It matches too much for a
knowledge base that must say when it does not know (ux review 3): a word it has not indexed falls back to
the longest indexed word it starts with ('dementie' → 'de': every page), and its Dutch stemmer strips
'ge-' ('geweld' → 'wel', 'gezin' → 'zin').

So after Pagefind has run, ``write_word_index`` reads back exactly what it indexed (its fragments: the text,
title, aliases and synonyms of each page) and writes, next to it, which page holds which word, keyed by a
light Dutch base form (``base``: 'huisbezoeken' → 'huisbezoek', 'eenzame' and 'eenzaamheid' → one key).
The search dialog (docs/assets/wp-woorden.js, the same rules in JavaScript) shows a page for a query word
only when that page holds the word in one of those forms, or as the first part of a compound
('keukentafel' in 'keukentafelgesprek'). Pagefind still ranks the pages and writes the excerpts.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import platform
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from .config import NODE_MODULES
from .types import TYPES

OUTPUT_SUBDIR = "pagefind"
WORDS_DIR = "woorden"  # inside the Pagefind folder: one folder to serve, copy or swap
WORDS_VERSION = 1
# Whatever only repeats the page's furniture is kept out by the templates (data-pagefind-ignore); the
# heading permalinks (¶) are the theme's.
EXCLUDE_SELECTORS = ".headerlink"
_NPM_CPU = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}
FRAGMENT_SIGNATURE = b"pagefind_dcd"

# Endings that make another form of the same word, longest first ('t': 'verwijst', 'werkte' → werk).
# Only these: 'lijk' or 'er' would join words that mean different things ('huiselijk' is not 'huis',
# 'werker' is not 'werk'), and '-tje' would cut 'plaatje' to 'pla'.
ENDINGS = ("heden", "ingen", "ische", "heid", "isch", "ing", "jes", "je", "en", "s", "e", "t")
MIN_BASE = 3  # letters that must remain: 'de' and 'een' stay themselves
COMPOUND_HEAD = 5  # a query word found as the first part of a compound: at least this long ...
COMPOUND_TAIL = 3  # ... and the rest a word of the site of at least this length
# Posting flags: in the title or an alias (or a synonym of that name); only inside a compound; in a
# synonym of a term the title or an alias holds. A posting is page * FLAGS + flags.
STRONG, COMPOUND, NEAR, FLAGS = 1, 2, 4, 8
# For pages that match a query equally well: methods, concepts, practice stories and tensions first (each
# type's search_tier in types.py).


def pagefind_binary() -> Path:
    """The binary from the platform package that scripts/setup/npm.sh installed (package-lock.json)."""
    cpu = _NPM_CPU.get(platform.machine().lower(), platform.machine().lower())
    return NODE_MODULES / "@pagefind" / f"linux-{cpu}" / "bin" / "pagefind_extended"


def build_search_index(site_dir: Path, output: Path | None = None) -> int:
    """Index ``site_dir`` into ``output`` (default ``site_dir/pagefind``) with its word list; the exit status.

    ``output`` elsewhere: the preview (serve.py) indexes a build of its own into docs/, which MkDocs serves.
    """
    target = output or site_dir / OUTPUT_SUBDIR
    cmd = [
        str(pagefind_binary()),
        "--site",
        str(site_dir),
        *(["--output-path", str(target)] if output else ["--output-subdir", OUTPUT_SUBDIR]),
        "--force-language",
        "nl",
        "--exclude-selectors",
        EXCLUDE_SELECTORS,
        "--quiet",
    ]
    fix = (
        "→ Voer 'make setup' uit: scripts/setup/npm.sh installeert Pagefind uit package-lock.json "
        "(@pagefind/linux-x64 of -arm64; voor andere systemen is er geen pakket)."
    )
    try:
        result = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as exc:
        print(
            f"De zoekindex (Pagefind) kon niet worden gemaakt: {exc.strerror or exc}: {cmd[0]}\n{fix}", file=sys.stderr
        )
        return 2
    if result.returncode != 0 or not (target / "pagefind.js").exists():
        print(
            "De zoekindex (Pagefind) kon niet worden gemaakt:\n"
            + (result.stderr or result.stdout)[-2000:]
            + "\n"
            + fix,
            file=sys.stderr,
        )
        return result.returncode or 2
    write_word_index(target)
    return 0


# -- words ----------------------------------------------------------------------------------------------

_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w)")
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DOUBLE = re.compile(r"(.)\1+")


def fold(text: str) -> str:
    """Lower case, no diacritics, no apostrophe inside a word: 'Coöperatie' → 'cooperatie', "collega's" → 'collegas'."""
    lowered = text.lower()
    if not lowered.isascii():
        lowered = _COMBINING.sub("", unicodedata.normalize("NFD", lowered))
    return _APOSTROPHE.sub("", lowered)


def words(text: str) -> list[str]:
    """The words of ``text``, folded; a hyphenated word also as its parts ('80-20-5-regel' → 80205regel, 80, …)."""
    found = []
    for m in _WORD.finditer(fold(text)):
        word = m.group(0)
        if "-" in word:
            found.append(word.replace("-", ""))
            found.extend(word.split("-"))
        else:
            found.append(word)
    return found


def base(word: str) -> str:
    """One key for the forms of a (folded) Dutch word: spelling evened out, then endings off.

    Doubled letters count once and z, v as s, f, so 'eenzaam'/'eenzame', 'huis'/'huizen' and
    'stap'/'stappen' meet; then the longest ending of ``ENDINGS`` goes, as long as ``MIN_BASE``
    letters remain, up to three times ('huizen' → huisen → huis → hui, like 'huis' → hui).
    The keys are not words; they only have to be the same for forms of one word, and differ otherwise.
    docs/assets/wp-woorden.js does exactly the same; tests/fixtures/woordvormen.yml holds both to it.
    """
    key = _DOUBLE.sub(r"\1", word).replace("z", "s").replace("v", "f")
    for _ in range(3):
        ending = next((e for e in ENDINGS if key.endswith(e) and len(key) - len(e) >= MIN_BASE), None)
        if ending is None:
            break
        key = key[: -len(ending)]
    return key


# -- the word list -------------------------------------------------------------------------------------


def _fragments(bundle: Path):
    """(hash, fragment) for every page Pagefind indexed, read back from its own files."""
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        if data.startswith(FRAGMENT_SIGNATURE):
            data = data[len(FRAGMENT_SIGNATURE) :]
        yield path.stem, json.loads(data)


def _compounds(keys: set[str]) -> dict[str, set[str]]:
    """head → the keys that start with that word of the site and go on with another ('keukentafel' → …gesprek)."""
    found: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        for cut in range(COMPOUND_HEAD, len(key) - COMPOUND_TAIL + 1):
            head, tail = key[:cut], key[cut:]
            if head in keys and (tail in keys or base(tail) in keys):
                found[head].add(key)
    return found


def word_index(fragments) -> dict:
    """The files of the word list, as data: ``index`` (pages, types, chunks), ``facets`` and one chunk per prefix."""
    pages: list[list] = []
    types: list[str] = []
    postings: dict[str, dict[int, int]] = defaultdict(dict)  # key → page → flags (0 text, STRONG)
    forms: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))  # key → surface form → count
    facets: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for number, (page_hash, fragment) in enumerate(fragments):
        kind = (fragment.get("filters", {}).get("type") or [""])[0]
        if kind not in types:
            types.append(kind)
        pages.append([page_hash, types.index(kind)])
        meta = fragment.get("meta", {})
        strong = " ".join([meta.get("title", ""), meta.get("aliassen", "")])
        weak = " ".join([fragment.get("content", ""), meta.get("summary", ""), meta.get("synoniemen", "")])
        for text, flag in ((strong, STRONG), (meta.get("verwant", ""), NEAR), (weak, 0)):
            for word in words(text):
                key = base(word)
                postings[key][number] = postings[key].get(number, 0) | flag
                forms[key][word] += 1
        for facet, values in fragment.get("filters", {}).items():
            for value in values:
                facets[facet][value].append(number)
    for head, keys in _compounds(set(postings)).items():
        for key in keys:
            for page, flags in postings[key].items():
                postings[head].setdefault(page, COMPOUND | flags)
    return {
        "index": {
            "version": WORDS_VERSION,
            "flags": FLAGS,
            "endings": list(ENDINGS),
            "types": _types(types),
            "pages": pages,
        },
        "facets": {facet: dict(sorted(values.items())) for facet, values in sorted(facets.items())},
        "chunks": _chunks(postings, forms),
    }


def _types(labels: list[str]) -> list[dict]:
    """The types as Pagefind's type filter holds them (the singular label), with their plural and search tier."""
    declared = {t.singular: t for t in TYPES}
    return [
        {
            "label": label,
            "plural": declared[label].plural if label in declared else label,
            "tier": declared[label].search_tier if label in declared else 0,
        }
        for label in labels
    ]


def _chunks(postings: dict[str, dict[int, int]], forms: dict[str, dict[str, int]]) -> dict[str, dict]:
    """The postings by the key's first two letters (one file each), with the most frequent surface forms."""
    chunks: dict[str, dict] = defaultdict(dict)
    for key in sorted(postings):
        shown = sorted(forms[key], key=lambda f: (-forms[key][f], f))[:4] if key in forms else []
        chunks[key[:2]][key] = {
            "f": shown,
            "p": [page * FLAGS + flags for page, flags in sorted(postings[key].items())],
        }
    return dict(sorted(chunks.items()))


def _dump(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def write_word_index(bundle: Path) -> None:
    """Write the word list into ``bundle/woorden/``: chunk and facet files named by their content, so a
    browser may keep them; ``index.json`` (small, revalidated) says which name holds which prefix."""
    data = word_index(_fragments(bundle))
    folder = bundle / WORDS_DIR
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)

    def put(stem: str, content) -> str:
        raw = _dump(content)
        name = f"{stem}.{hashlib.sha256(raw).hexdigest()[:10]}.json"
        (folder / name).write_bytes(raw)
        return name

    index = dict(data["index"])
    index["chunks"] = {prefix: put(f"w-{prefix}", chunk) for prefix, chunk in data["chunks"].items()}
    index["facets"] = put("facetten", data["facets"])
    (folder / "index.json").write_bytes(_dump(index))
