"""Content rules for the entries in practices/ that a machine can check.

Standalone on purpose: these tests read the files themselves (PyYAML on the
front matter) and import nothing from the project, so they guard the content
even while the generator changes.
"""

from __future__ import annotations

import re
from pathlib import Path

import copying
import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
PRACTICES = REPO / "practices"

FOLDERS = {
    "praktijken": "practice",
    "methoden": "method",
    "begrippen": "concept",
    "plaatsen": "place",
    "organisaties": "organisation",
    "spanningsvelden": "tension",
}
REF_FIELDS = ("places", "organisations", "methods", "concepts", "related", "part_of")
WIKILINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]*))?\]\]")

REQUIRED_PLACES = {"deventer", "leeuwarden", "almere", "oldebroek", "wezep", "zwolle"}
REQUIRED_ORGANISATIONS = {
    "raster",
    "amaryllis",
    "wijdeventer",
    "cjg",
    "movisie",
    "nji",
    "vilans",
    "clb",
    "aepb",
    "oldebroek-voormekaar",
}
MINIMUM_COUNTS = {"practice": 5, "method": 12, "concept": 10}


# --------------------------------------------------------------------- loading


def _split(text: str, path: Path) -> tuple[dict, str]:
    match = re.match(r"^---\n(.*?)\n---\n?(.*)$", text, re.DOTALL)
    assert match, f"{path}: geen front matter tussen '---'-regels"
    data = yaml.safe_load(match.group(1))
    assert isinstance(data, dict), f"{path}: front matter is geen mapping"
    return data, match.group(2)


def _load_entries() -> list[dict]:
    entries = []
    for folder, kind in FOLDERS.items():
        for path in sorted((PRACTICES / folder).glob("*.md")):
            text = path.read_text(encoding="utf-8")
            data, body = _split(text, path)
            entries.append({"path": path, "kind": kind, "data": data, "body": body, "text": text})
    return entries


ENTRIES = _load_entries()
BY_ID = {e["data"].get("id"): e for e in ENTRIES}


def _source_keys() -> set[str]:
    items = yaml.safe_load((PRACTICES / "bronnen.yml").read_text(encoding="utf-8")) or []
    return {item["key"] for item in items}


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _refs(entry: dict) -> set[str]:
    """Every id an entry points at: reference fields and [[wikilinks]]."""
    found: set[str] = set()
    for field in REF_FIELDS:
        found.update(_as_list(entry["data"].get(field)))
    for position in _as_list(entry["data"].get("positions")):
        found.update(_as_list(position.get("entries")))
    found.update(m.group(1).strip() for m in WIKILINK.finditer(entry["body"]))
    return found


def _cited_keys(entry: dict) -> set[str]:
    keys = set()
    for source in _as_list(entry["data"].get("sources")):
        if isinstance(source, str):
            keys.add(source)
        elif isinstance(source, dict) and source.get("key"):
            keys.add(source["key"])
    return keys


# ----------------------------------------------------------------------- tests


def test_entries_found():
    assert ENTRIES, f"geen pagina's gevonden in {PRACTICES}"


def test_no_text_copied_from_the_sources():
    """No page keeps a source's words with a few swapped (tests/copying.py says how it compares)."""
    if not copying.SOURCES_DIR.is_dir() or not any(copying.SOURCES_DIR.glob("*.txt")):
        pytest.skip(f"bronartikelen niet gevonden in {copying.SOURCES_DIR}; kopieertoets overgeslagen")
    findings = copying.check_all()
    assert not findings, (
        f"{len(findings)} plaatsen lijken overgeschreven uit een bron. Schrijf ze in eigen woorden, vanuit "
        "wat de bron betekent (of citeer één korte zin tussen „…” met de naam van de spreker):\n"
        + "\n".join(str(f) for f in findings)
    )


def test_file_name_matches_id_and_folder_matches_type():
    for e in ENTRIES:
        assert e["data"].get("id") == e["path"].stem, f"{e['path']}: id wijkt af van bestandsnaam"
        assert e["data"].get("type") == e["kind"], f"{e['path']}: type hoort bij een andere map"


def test_every_method_used_by_a_practice():
    used = set()
    for e in ENTRIES:
        if e["kind"] == "practice":
            used.update(_as_list(e["data"].get("methods")))
    unused = sorted(e["data"]["id"] for e in ENTRIES if e["kind"] == "method" and e["data"]["id"] not in used)
    assert not unused, f"methoden die geen praktijk noemt in 'methods': {unused}"


def test_every_entry_cites_known_sources():
    known = _source_keys()
    for e in ENTRIES:
        sources = _as_list(e["data"].get("sources"))
        assert sources, f"{e['path']}: geen bronnen"
        for source in sources:
            if isinstance(source, str):
                assert source in known, f"{e['path']}: bron '{source}' staat niet in bronnen.yml"
            else:
                assert isinstance(source, dict) and source.get("title"), f"{e['path']}: onvolledige bron {source!r}"


def test_no_orphan_entries():
    referenced: dict[str, set[str]] = {}
    for e in ENTRIES:
        for ref in _refs(e):
            if ref != e["data"]["id"]:
                referenced.setdefault(ref, set()).add(e["data"]["id"])
    orphans = sorted(i for i in BY_ID if i not in referenced)
    assert not orphans, f"pagina's waar geen andere pagina naar verwijst: {orphans}"


def test_references_point_at_existing_entries():
    broken = []
    for e in ENTRIES:
        for ref in _refs(e):
            if ref not in BY_ID:
                broken.append(f"{e['path'].name} -> {ref}")
    assert not broken, "verwijzingen naar onbekende id's:\n" + "\n".join(broken)


def test_minimum_counts_and_required_entries():
    counts: dict[str, int] = {}
    for e in ENTRIES:
        counts[e["kind"]] = counts.get(e["kind"], 0) + 1
    for kind, minimum in MINIMUM_COUNTS.items():
        assert counts.get(kind, 0) >= minimum, f"te weinig {kind}: {counts.get(kind, 0)} < {minimum}"
    places = {i for i, e in BY_ID.items() if e["kind"] == "place"}
    organisations = {i for i, e in BY_ID.items() if e["kind"] == "organisation"}
    assert places >= REQUIRED_PLACES, f"plaatsen ontbreken: {sorted(REQUIRED_PLACES - places)}"
    assert organisations >= REQUIRED_ORGANISATIONS, (
        f"organisaties ontbreken: {sorted(REQUIRED_ORGANISATIONS - organisations)}"
    )


def test_facts_cite_a_source_of_their_entry():
    for e in ENTRIES:
        cited = _cited_keys(e)
        for fact in _as_list(e["data"].get("facts")):
            assert fact.get("source") in cited, (
                f"{e['path']}: feit '{fact.get('label')}' verwijst naar bron "
                f"'{fact.get('source')}' die de pagina niet in 'sources' noemt"
            )
