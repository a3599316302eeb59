"""Citing and reusing pages (no site build): citations, redirects, source dates, QR, CITATION.cff."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess

import bibtexparser
import jsonschema
import pytest
import rispy
import segno
import yaml
from conftest import REPO, problems_of, replace_in, write
from markup_support import PRACTICE, active_content, refused, rendered_page
from wijkpraktijk import cache, citing, engine, gitdates
from wijkpraktijk.pipeline import generate, load

METHOD = "methoden/huisbezoek.md"


@pytest.fixture
def built(tree):
    loaded = load(tree)
    extras = citing.build(tree, loaded.kb)
    return tree, loaded, extras, citing.files(extras)


def test_apa_in_dutch_conventions(built):
    _, _, extras, _ = built
    assert extras["huisbezoek"].apa == (
        "Test Redactie. (2026, 1 november). Huisbezoek. Wijkpraktijk. "
        "Geraadpleegd op [datum], van https://wijkpraktijk.nl/kennisbank/huisbezoek/"
    )  # the reader's day, filled in on the page (docs/assets/citeren.js), never the build's
    # Every page also gives its original sources; sources get no retrieval date.
    testbron = "Auteur, A. (2014). Een testartikel. Testblad, Jaargang 1, Nummer 2."
    assert extras["buurtteam-voorbeeld"].source_apa == [testbron]
    assert extras["huisbezoek"].source_apa == [testbron]
    assert extras["wijkteam"].source_apa == [
        "Schrijver, B. (2019, 23 juli). Inline bron. Testsite. https://example.org/artikel"
    ]


def test_reference_manager_files_parse_back(built):
    _, _, _, files = built
    bib = bibtexparser.parse_string(files["cite/buurtteam-voorbeeld.bib"])
    assert [e.key for e in bib.entries] == ["buurtteam-voorbeeld", "buurtteam-voorbeeld-bron-1"]
    page = bib.entries[0].fields_dict
    assert page["url"].value == "https://wijkpraktijk.nl/kennisbank/buurtteam-voorbeeld/"
    assert page["author"].value == "{Test Redactie}" and page["organization"].value == "Wijkpraktijk"
    assert [e.entry_type for e in bib.entries] == ["online", "article"]
    assert bib.entries[1].fields_dict["journaltitle"].value == "Testblad, jaargang 1, nummer 2"
    ris = rispy.loads(files["cite/buurtteam-voorbeeld.ris"])
    assert [r["type_of_reference"] for r in ris] == ["ELEC", "JOUR"]
    assert ris[0]["urls"] == ["https://wijkpraktijk.nl/kennisbank/buurtteam-voorbeeld/"]
    csl = json.loads(files["cite/huisbezoek.json"])
    assert csl[0]["type"] == "webpage" and csl[0]["issued"] == {"date-parts": [[2026, 11, 1]]}
    # No access date in any file: a reference manager notes when it got the file; the build's day would mislead.
    for path, text in files.items():
        if path.startswith("cite/"):
            assert "urldate" not in text and "Geraadpleegd" not in text and "accessed" not in text, path
            assert "Y2  -" not in text, path  # RIS's access date
    extras = built[2]["huisbezoek"]
    # The CSL-JSON alone reproduces the citations (given the day of reading, as a reference manager adds it).
    read = [{**csl[0], "accessed": citing.date_parts(citing.ACCESSED_PLACEHOLDER)}, *csl[1:]]
    assert citing._apa_for_reader(citing.apa(read)) == [extras.apa, *extras.source_apa]


@pytest.mark.parametrize(
    ("source", "bibtex", "ris"),
    [
        ({"kind": "blog"}, "online", "BLOG"),
        ({"kind": "blog", "url": "https://example.org/b"}, "online", "BLOG"),
        ({"kind": "column"}, "misc", "GEN"),  # a column whose medium is unknown claims none
        ({"kind": "column", "url": "https://example.org/c"}, "online", "ELEC"),
        ({"kind": "column", "publication": "Zorg+Welzijn"}, "article", "MGZN"),
        ({"kind": "artikel", "publication": "Lokaal Bestuur"}, "article", "JOUR"),
        ({"kind": "artikel"}, "misc", "GEN"),
        ({"kind": "nieuwsbericht", "url": "https://example.org/n"}, "online", "ELEC"),
        ({"kind": "nieuwsbericht", "publication": "Trouw"}, "article", "NEWS"),
        ({"kind": "rapport", "publication": "Movisie"}, "report", "RPRT"),
        ({}, "misc", "GEN"),
        ({"url": "https://example.org/p"}, "online", "ELEC"),
    ],
)
def test_reference_manager_types_follow_the_source_kind(source, bibtex, ris):
    """ux review 3: Broekman's blog was '@article' with no journal. A periodical type needs the periodical."""
    from wijkpraktijk.model import Source

    item = citing.source_item(Source(title="Een bron", **source), "x-bron-1")
    assert bibtexparser.parse_string(citing.bibtex([item])).entries[0].entry_type == bibtex
    assert rispy.loads(citing.ris([item]))[0]["type_of_reference"] == ris


def test_bibtex_escapes_latex(tree):
    replace_in(tree, METHOD, "title: Huisbezoek", "title: Huisbezoek & 100% {thuis}")
    loaded = load(tree)
    files = citing.files(citing.build(tree, loaded.kb))
    assert (
        bibtexparser.parse_string(files["cite/huisbezoek.bib"]).entries[0].fields_dict["title"].value
        == r"Huisbezoek \& 100\% \{thuis\}"
    )


def test_qr_payload_is_the_permanent_url(built):
    _, _, extras, files = built
    assert files["qr/huisbezoek.png"].startswith(b"\x89PNG")
    assert "<svg" in files["qr/huisbezoek.svg"]
    # The SVG's modules are exactly those of a QR code of the URL (decoded in the browser test).
    assert files["qr/huisbezoek.svg"] == citing.qr_codes(extras["huisbezoek"].url)[0]
    assert segno.make(extras["huisbezoek"].url, error="m").designator  # a valid (non-micro) symbol


def test_former_ids_get_dutch_redirect_pages_written_by_the_generator(tree):
    """No engine plugin: kennisbank/<old>/index.html is a plain page that either engine copies as it is."""
    from bs4 import BeautifulSoup

    replace_in(tree, METHOD, "status: gedeeltelijk", "status: gedeeltelijk\nformer_ids: [thuisbezoek, bezoek-thuis]")
    loaded, report = generate(tree)
    assert report is not None
    for old in ("thuisbezoek", "bezoek-thuis"):
        page = tree.generated / old / "index.html"
        assert f"{old}/index.html" in report.written
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.html["lang"] == "nl" and soup.title.string.startswith("Deze pagina is verhuisd")
        assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        assert soup.find("link", rel="canonical")["href"] == "https://wijkpraktijk.nl/kennisbank/huisbezoek/"
        assert soup.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../huisbezoek/"
        link = soup.body.find("a")
        assert link["href"] == "../huisbezoek/" and link.get_text() == loaded.kb.entries["huisbezoek"].model.title
        assert "Deze pagina heeft een nieuw adres" in soup.body.get_text()
        # The script keeps #citeren: it goes to the refresh's address (checked above) with the anchor.
        assert soup.script.string == (
            'location.replace(document.querySelector("meta[http-equiv=refresh]").content.replace(/^[^=]*=/, "")'
            " + location.hash)"
        )
    config = (tree.root / engine.GENERATED_CONFIG).read_text(encoding="utf-8")
    assert "INHERIT: mkdocs.yml" in config and "plugins" not in config and "redirect" not in config
    assert engine.config_file(tree) == tree.root / engine.GENERATED_CONFIG
    # A rename undone: the page at the old address goes with it.
    replace_in(tree, METHOD, "former_ids: [thuisbezoek, bezoek-thuis]", "former_ids: [thuisbezoek]")
    _, report = generate(tree)
    assert "bezoek-thuis/index.html" in report.removed and (tree.generated / "thuisbezoek" / "index.html").exists()


def test_redirect_page_escapes_the_title(tree):
    replace_in(tree, METHOD, "status: gedeeltelijk", "status: gedeeltelijk\nformer_ids: [thuisbezoek]")
    replace_in(tree, METHOD, "title: Huisbezoek", 'title: "Huisbezoek <b>& </title><script>x</script>"')
    _, report = generate(tree)
    assert report is not None
    html = (tree.generated / "thuisbezoek" / "index.html").read_text(encoding="utf-8")
    assert "<b>" not in html and html.count("<script>") == 1 and "&lt;/title&gt;&lt;script&gt;" in html


def test_mkdocs_yml_lists_no_plugin():
    """docs/ builds the same with MkDocs and Zensical: everything the site needs is written by the generator."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config.get("plugins") in (None, [], {}), config.get("plugins")
    assert not any(line.startswith("mkdocs-redirects") for line in (REPO / "requirements.txt").read_text().split())


def test_former_id_belongs_to_one_entry(tree):
    replace_in(tree, METHOD, "status: gedeeltelijk", "status: gedeeltelijk\nformer_ids: [oud]")
    replace_in(tree, "begrippen/wijkteam.md", "status:", "former_ids: [oud]\nstatus:")
    assert any(p.field == "former_ids" and "oud" in p.message for p in problems_of(tree))


def test_former_id_of_own_entry_is_refused(tree):
    replace_in(tree, METHOD, "status: gedeeltelijk", "status: gedeeltelijk\nformer_ids: [huisbezoek]")
    assert any("eerder gebruikt" in p.message for p in problems_of(tree))


@pytest.mark.parametrize("reserved", ["data", "cite", "qr", "werkkaarten", "werkmap", "overzicht", "assets", "index"])
def test_the_generators_own_names_are_reserved_ids(tree, reserved):
    """kennisbank/data/ is the open data, kennisbank/cite/ the reference files: no entry may take their address."""
    text = (tree.practices / METHOD).read_text(encoding="utf-8").replace("id: huisbezoek", f"id: {reserved}")
    (tree.practices / METHOD).unlink()
    write(tree, f"methoden/{reserved}.md", text)
    problem = next(p for p in problems_of(tree) if "gereserveerd" in p.message)
    assert problem.message == f"De id '{reserved}' is gereserveerd voor de site zelf." and problem.field == "id"


@pytest.mark.parametrize("reserved", ["data", "cite"])
def test_the_generators_own_names_are_refused_as_former_ids(tree, reserved):
    replace_in(tree, METHOD, "status: gedeeltelijk", f"status: gedeeltelijk\nformer_ids: [{reserved}]")
    problem = next(p for p in problems_of(tree) if p.field == "former_ids")
    assert problem.message == f"De oude id '{reserved}' is gereserveerd voor de site zelf."


def test_reserved_ids_are_what_the_generator_writes_beside_the_entries(tree):
    """Derived, not listed: every top-level name of the generated subtree that is not an entry's own page."""
    from wijkpraktijk.makers import reserved_ids

    loaded, report = generate(tree)
    assert report is not None
    written = {p.name.removesuffix(".md") for p in tree.generated.iterdir() if not p.name.startswith(".")}
    # A file name with a dot (zoekhulp.json) is no id: ID_PATTERN has no dot, so it needs no reserving.
    assert {name for name in written - set(loaded.kb.entries) if "." not in name} == reserved_ids()


def _git(root, *args, date=None):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    if date:
        env["GIT_COMMITTER_DATE"] = env["GIT_AUTHOR_DATE"] = date
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def test_source_dates_from_one_git_log(tree, monkeypatch):
    root = tree.root
    _git(root, "init", "-q")
    _git(root, "add", "practices")
    _git(root, "commit", "-qm", "eerste", date="2024-03-05T12:00:00+00:00")
    replace_in(tree, METHOD, "Een methode uit de test.", "Een methode uit de test, herzien.")
    _git(root, "commit", "-qam", "tweede", date="2025-06-07T12:00:00+00:00")
    replace_in(tree, "begrippen/wijkteam.md", "status:", "status:")  # unchanged content
    calls = []
    real_start = gitdates._start
    monkeypatch.setattr(gitdates, "_start", lambda *a: calls.append(a[1]) or real_start(*a))
    files = [
        "practices/methoden/huisbezoek.md",
        "practices/begrippen/wijkteam.md",
        "practices/praktijken/buurtteam-voorbeeld.md",
    ]
    (root / files[2]).write_text(
        (root / files[2]).read_text(encoding="utf-8") + "\nNog niet vastgelegd.\n", encoding="utf-8"
    )
    dates = gitdates.source_dates(root, files)
    assert calls.count("log") == 1
    assert dates[files[0]] == gitdates.Changed(dt.date(2025, 6, 7), True)
    assert dates[files[1]] == gitdates.Changed(dt.date(2024, 3, 5), True)
    assert dates[files[2]].from_git is False  # uncommitted change: the file date, and the page says so


def test_outside_a_repository_git_is_not_even_started(tree, monkeypatch):
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.setattr(gitdates, "_start", lambda *a: pytest.fail("git started outside a repository"))
    query = gitdates.GitQuery(tree.root)
    rel = "practices/" + METHOD
    assert query.dates([rel])[rel].from_git is False


def test_source_dates_without_git_fall_back_to_mtime(tree):
    rel = "practices/" + METHOD
    os.utime(tree.root / rel, (0, dt.datetime(2023, 2, 1, 12, tzinfo=dt.UTC).timestamp()))
    assert gitdates.source_dates(tree.root, [rel]) == {rel: gitdates.Changed(dt.date(2023, 2, 1), False)}
    loaded, _ = generate(tree)
    page = (tree.generated / "huisbezoek/index.md").read_text(encoding="utf-8")
    assert "Bronbestand laatst gewijzigd:** 1 februari 2023 (bestandsdatum: geen git-geschiedenis beschikbaar)" in page


def test_entry_page_has_citation_block(tree):
    generate(tree)
    page = (tree.generated / "buurtteam-voorbeeld/index.md").read_text(encoding="utf-8")
    assert "## Zo citeer je deze pagina" in page
    for name in (
        "cite/buurtteam-voorbeeld.bib",
        "cite/buurtteam-voorbeeld.ris",
        "cite/buurtteam-voorbeeld.json",
        "qr/buurtteam-voorbeeld.svg",
    ):
        assert f"](../{name})" in page and (tree.generated / name).exists()  # from kennisbank/<id>/index.md
    assert "Oorspronkelijke bron van deze pagina" in page
    cards = (tree.generated / "werkkaarten/index.md").read_text(encoding="utf-8")
    assert "## Huisbezoek { #huisbezoek .wp-card }" in cards and "Maak een afspraak" in cards


def _cff_errors(text: str) -> list[str]:
    schema = json.loads((REPO / "tests" / "fixtures" / "cff" / "schema-1.2.0.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return [error.message for error in validator.iter_errors(yaml.safe_load(text))]


def test_citation_cff_is_valid():
    """CITATION.cff against the Citation File Format 1.2.0 schema (tests/fixtures/cff/)."""
    text = (REPO / "CITATION.cff").read_text(encoding="utf-8")
    assert _cff_errors(text) == []
    assert _cff_errors(text.replace("cff-version: 1.2.0", "cff-version: 1.2.0\ndoi: geen-doi"))
    assert _cff_errors(text.replace("type: dataset", "type: boek"))


def test_second_build_reads_citations_and_qr_from_cache(cold_tree, monkeypatch):
    tree = cold_tree
    loaded = load(tree)
    first = citing.build(tree, loaded.kb)
    monkeypatch.setattr(citing, "apa", lambda items: pytest.fail("citeproc ran again for unchanged input"))
    monkeypatch.setattr(citing, "qr_codes", lambda url: pytest.fail("QR made again for an unchanged URL"))
    monkeypatch.setattr(citing, "ris", lambda items: pytest.fail("RIS written again for unchanged input"))
    monkeypatch.setattr(citing, "bibtex", lambda items: pytest.fail("BibTeX written again for unchanged input"))
    assert citing.build(tree, loaded.kb) == first
    # Another day gives the same files: nothing in them is the build's date.
    tomorrow = dt.date.today() + dt.timedelta(days=1)

    class Tomorrow(dt.date):
        @classmethod
        def today(cls):
            return tomorrow

    monkeypatch.setattr(dt, "date", Tomorrow)
    assert citing.build(tree, loaded.kb) == first


def test_cold_cache_misses_run_in_worker_processes_with_the_same_result(tree, monkeypatch):
    """A big cold batch goes to spawned workers; what they return is what one process makes."""
    loaded = load(tree)
    serial = citing.build(tree, loaded.kb)
    shutil.rmtree(tree.cache)
    monkeypatch.setattr(cache, "MIN_BATCH", 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1})  # a pool even on a one-core runner
    assert citing.build(tree, loaded.kb) == serial


# -- citations and downloads hold contributors' text as text ------------------------------------------


@pytest.mark.parametrize(
    ("where", "old", "new"),
    [
        (PRACTICE, "  - name: Test Redactie", '  - name: "X</div><img src=x onerror=alert(1)>"'),
        (PRACTICE, "title: ", "title: T</div><img src=x onerror=alert(1)> "),
        ("bronnen.yml", "title: Een testartikel", 'title: "A</div><img src=x onerror=alert(1)>"'),
    ],
)
def test_text_cannot_close_the_citation_block(tree, where, old, new):
    if where == "bronnen.yml":
        path = tree.practices / where
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    else:
        replace_in(tree, where, old, new)
    loaded, report = generate(tree)
    assert report is not None, [p.format() for p in loaded.problems]
    html = rendered_page(tree, "buurtteam-voorbeeld/index.md")
    assert active_content(html) == []
    assert "&lt;/div&gt;&lt;img src=x onerror=alert(1)&gt;" in html  # shown as the text it is


def test_no_line_break_reaches_a_ris_record(tree):
    replace_in(tree, METHOD, "title: Huisbezoek", 'title: "Huisbezoek\\nUR  - javascript:alert(1)"')
    assert "één regel" in refused(tree, "title").message
    item = {"id": "x", "type": "webpage", "title": "Titel\nER  -\nTY  - ELEC\nUR  - javascript:alert(1)"}
    records = rispy.loads(citing.ris([item]))
    assert len(records) == 1 and "javascript" not in str(records[0].get("urls"))
