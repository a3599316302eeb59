"""Every contribution is untrusted: hostile bodies, names, ids and files are refused clearly."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time

import pytest
from conftest import REPO, problems_of, render_all, replace_in, write
from markup_support import ORGANISATION, active_content, refused, site_html, with_body
from wijkpraktijk import allowlist, rules
from wijkpraktijk.body import parse
from wijkpraktijk.cli import main
from wijkpraktijk.config import CACHE_ENV, Settings
from wijkpraktijk.pipeline import load
from wijkpraktijk.read import MAX_FILE_BYTES

SITE_CONFIG = REPO / "mkdocs.yml"

METHOD = "methoden/huisbezoek.md"
BODY_TEXT = "Een methode uit de test."


def rendered_problems(text: str) -> list[str]:
    """What the allowlist removes from the body as the site's Markdown renders it (allowlist.Bodies)."""
    return list(allowlist.Bodies(Settings.read(SITE_CONFIG)).render(text).problems)


HOSTILE_BODIES = [
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<iframe src=https://example.org></iframe>",
    "<style>body{display:none}</style>",
    "a <img\nsrc=x onerror=alert(1)> b",  # tag split over two lines
    "<a href='x'\n  onclick='alert(1)'>klik</a>",
    "<!-- verborgen -->",
    "```\n<script>alert(1)</script>\n```",  # no fenced-code extension: this is raw HTML
    "\\`<b onclick=alert(1)>`",  # escaped backtick: not a code span
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik]( javascript:alert(1))",
    "[klik](java\nscript:alert(1))",
    "[klik](javascript&#58;alert(1))",
    "[klik](&#x6A;avascript:alert(1))",
    "[klik](javascript&colon;alert(1))",
    "[klik](java&#x09;script:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD4=)",
    "[klik](vbscript:msgbox(1))",
    "<javascript:alert(1)>",
    "[klik][1]\n\n[1]: javascript:alert(1)",
    "[klik][1]\n\n[1]:\n    javascript:alert(1)",
    "![foto](javascript:alert(1))",
    "![foto](https://tracker.example/pixel.gif)",
    "![foto](//tracker.example/pixel.gif)",
    "![foto][p]\n\n[p]: https://tracker.example/pixel.gif",
    'Tekst\n{: onclick="alert(1)" }',
    'Tekst{: onclick="alert(1)" }',
    "*nadruk*{ onmouseover=alert(1) }",
    'Tekst\n{ style="position:fixed;top:0" }',
    "[knop](https://example.org){ .md-button }",
    '--8<-- "over.md"',
    ';--8<-- "over.md"',
]


@pytest.mark.parametrize("text", HOSTILE_BODIES)
def test_hostile_body_is_refused(text):
    # The same two layers validate.py applies: precise patterns, then the rendered-HTML backstop.
    issues = rules.unsafe_markup(parse("## Achtergrond\n\n" + text + "\n"))
    assert any("niet toegestaan" in message for _, message, _ in issues) or rendered_problems(text), text


SAFE_BODIES = [
    "Zie <https://www.movisie.nl> of mail <redactie@voorbeeld.nl>.",
    "Kinderen < 12 jaar en ouders > 40; R&D-afdeling.",
    "Een [link](https://example.org/a?b=c&d=e) en een ![foto van de buurt](buurt.jpg).",
    "| kolom | getal |\n|:------|------:|\n| a | 1 |",
    '!!! note "Let op"\n    Een opmerking.',
    "Term\n:   Uitleg van de term.",
    "Accolades zonder code: {naam} en {1, 2}.",
]


@pytest.mark.parametrize("text", SAFE_BODIES)
def test_ordinary_markdown_is_accepted(text):
    assert list(rules.unsafe_markup(parse("## Achtergrond\n\n" + text + "\n"))) == []
    assert rendered_problems(text) == []


def test_backstop_catches_what_patterns_would_miss():
    # The render check sees the HTML Markdown really produces, whatever the spelling.
    assert "element <script>" in rendered_problems("x\n\n<script>alert(1)</script>")
    assert any("onclick" in p for p in rendered_problems('para\n{: onclick="x" }'))
    assert any("javascript" in p for p in rendered_problems("[x](&#x6A;avascript:alert(1))"))
    assert any("andere website" in p for p in rendered_problems("![a][p]\n\n[p]: https://t.example/p.gif"))


# Security review 3, B9 (F11), with 4 rows instead of 20: the 217 KB body of the review is refused for its size now.
WIDE_TABLE = "|a" * 4900 + "|\n" + "|-" * 4900 + "|\n" + ("|x" * 4900 + "|\n") * 4


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (WIDE_TABLE, "Deze tabel heeft 4900 kolommen; maximaal 30."),
        ("| " + " | ".join("k" * 31) + " |\n|" + "---|" * 31 + "\n", "Deze tabel heeft 31 kolommen; maximaal 30."),
        ("|a|b|\n|-|-|\n" + "|1|2|\n" * 250, "Deze tabel heeft 502 cellen; maximaal 500."),
        ("> a | b\n> --|--\n" + "> 1 | 2\n" * 250, "Deze tabel heeft 502 cellen; maximaal 500."),
    ],
)
def test_a_table_too_wide_or_too_large_is_refused_before_rendering(tree, monkeypatch, table, message):
    replace_in(tree, METHOD, BODY_TEXT, BODY_TEXT + " [@testbron].\n\n" + table + "\n")
    render = allowlist.render_markdown

    def no_table(text, settings):
        assert table not in text, "a refused table was rendered"
        return render(text, settings)

    monkeypatch.setattr(allowlist, "render_markdown", no_table)
    start = time.perf_counter()
    problems = [p for p in problems_of(tree) if p.message == message]
    assert problems and problems[0].line == 25 and "twee tabellen" in problems[0].hint  # the header row
    assert time.perf_counter() - start < 2


def test_the_reviews_wide_table_body_is_refused_for_its_size(tree):
    replace_in(tree, METHOD, BODY_TEXT, BODY_TEXT + "\n\n" + WIDE_TABLE + ("|x" * 4900 + "|\n") * 16)
    assert refused(tree, "te groot").file == f"practices/{METHOD}"


def test_a_body_with_too_much_markup_or_too_many_links_is_refused(tree):
    """Every element is parsed again by MkDocs (twice), the scan and Pagefind; every link is a backlink elsewhere."""
    from wijkpraktijk.rules import MAX_LINK_TARGETS

    with_body(tree, "*a* " * (allowlist.MAX_ELEMENTS + 1) + "[@testbron].")
    refused(tree, f"meer dan {allowlist.MAX_ELEMENTS} stukken opmaak")
    replace_in(tree, METHOD, "*a* " * (allowlist.MAX_ELEMENTS + 1), " ".join(f"[[p{i}]]" for i in range(150)))
    assert refused(tree, f"linkt naar meer dan {MAX_LINK_TARGETS} verschillende pagina's").line == 25


def test_the_rendered_table_is_counted_too():
    """A table the line rules do not see as one (here: inside a list item) is counted in the rendered HTML."""
    in_list = "- |" + "a|" * 40 + "\n  |" + "-|" * 40 + "\n  |" + "x|" * 40
    assert rendered_problems(in_list) == ["een tabel met meer dan 30 kolommen"]
    largest = "|" + "a|" * 30 + "\n|" + "-|" * 30 + "\n" + ("|" + "x|" * 30 + "\n") * 15
    assert list(rules.unsafe_markup(parse(largest))) == [] and rendered_problems(largest) == []


def test_hostile_body_is_reported_with_file_and_line(tree):
    replace_in(tree, METHOD, BODY_TEXT, 'Regel een.\n\nTekst\n{: onclick="alert(1)" }')
    problems = [p for p in problems_of(tree) if p.file.endswith("huisbezoek.md")]
    assert [p.line for p in problems if "accolades" in p.message] == [26]


@pytest.mark.parametrize(
    "bad_id",
    [
        "../etc/passwd",
        "/etc/passwd",
        "huisbezoek/../x",
        "huisbezoеk",  # Cyrillic 'е'
        "ｈｕｉｓｂｅｚｏｅｋ",
        "huis bezoek",
        "Huisbezoek",
        "huis_bezoek",
        "huis\u200bbezoek",
        "huis\u0000bezoek",
        "-huis",
        "huis--bezoek",
    ],
)
def test_ids_are_plain_ascii(tree, bad_id):
    replace_in(tree, METHOD, "id: huisbezoek", f"id: {json.dumps(bad_id)}")
    problems = problems_of(tree)
    assert any(p.field == "id" and p.file.endswith("huisbezoek.md") for p in problems), bad_id


@pytest.mark.parametrize("target", ["../wijkteam", "/etc/passwd", "wijkteаm", "ｗｉｊｋｔｅａｍ", "wijkteam\u0000"])
def test_references_cannot_escape(tree, target):
    replace_in(tree, "praktijken/buurtteam-voorbeeld.md", "concepts: [wijkteam]", f"concepts: [{json.dumps(target)}]")
    assert any(p.field and p.field.startswith("concepts") for p in problems_of(tree)), target


def test_wikilink_cannot_escape(tree):
    replace_in(tree, METHOD, BODY_TEXT, "Zie [[../../etc/passwd]] en [[wijkteаm]].")
    problems = [p for p in problems_of(tree) if "wikilink" in p.message]
    assert len(problems) == 2


@pytest.mark.parametrize("name", ["huisbezoеk.md", "ｈｕｉｓ.md", "Huisbezoek.md", "huis bezoek.md"])
def test_file_name_must_equal_plain_id(tree, name):
    (tree.practices / METHOD).rename(tree.practices / "methoden" / name)
    assert any(p.field == "id" and "bestandsnaam" in p.message for p in problems_of(tree)), name


def test_symlinks_are_refused(tree, tmp_path):
    secret = tmp_path / "geheim.md"
    secret.write_text((tree.practices / METHOD).read_text().replace("huisbezoek", "geheim"))
    os.symlink(secret, tree.practices / "methoden" / "geheim.md")
    os.symlink("/dev/zero", tree.practices / "begrippen" / "nul.md")
    problems = problems_of(tree)
    assert {p.file for p in problems if "snelkoppeling" in p.message} == {
        "practices/methoden/geheim.md",
        "practices/begrippen/nul.md",
    }


# -- end to end through the command line: in a subprocess with limits where a file could hang or swell it ------


def _limited():
    resource.setrlimit(resource.RLIMIT_AS, (1024 * 1024 * 1024, 1024 * 1024 * 1024))


def run_check(tree, timeout=60):
    return subprocess.run(
        [sys.executable, "-m", "wijkpraktijk", "--root", str(tree.root), "check"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=timeout,
        preexec_fn=_limited,
        env={"PYTHONPATH": str(REPO / "scripts"), "PATH": "/usr/bin:/bin", CACHE_ENV: os.environ[CACHE_ENV]},
    )


def check_in_process(tree, capsys) -> subprocess.CompletedProcess:
    """``make check`` as the entry point runs it (cli.main), for files that cannot hang or swell a process:
    its exit code and output, without starting Python again (test_cli.py runs the real entry point)."""
    capsys.readouterr()
    code = main(["--root", str(tree.root), "check"])
    out = capsys.readouterr()
    return subprocess.CompletedProcess(["check"], code, out.out, out.err)


def assert_refused(result, file, text):
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert file in result.stderr and text in result.stderr, result.stderr


def test_cli_billion_laughs_is_quick_and_small(tree):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join(f"*{prev}" for _ in range(9)) + "]")
    write(tree, "begrippen/lol.md", "---\n" + "\n".join(lines) + "\n---\n")
    result = run_check(tree, timeout=20)
    assert_refused(result, "practices/begrippen/lol.md", "ankers")


def test_cli_oversized_file(tree):
    (tree.practices / "begrippen" / "groot.md").write_bytes(b"---\nid: groot\n---\n" + b"a" * (MAX_FILE_BYTES * 8))
    assert_refused(run_check(tree), "practices/begrippen/groot.md", "te groot")


def test_cli_non_utf8(tree, capsys):
    (tree.practices / "begrippen" / "latin.md").write_bytes("---\nid: latin\ntitle: café\n---\n".encode("latin-1"))
    assert_refused(check_in_process(tree, capsys), "practices/begrippen/latin.md:3", "UTF-8")


def test_cli_utf16_is_not_utf8(tree, capsys):
    (tree.practices / "begrippen" / "utf16.md").write_bytes("---\nid: utf16\n---\n".encode("utf-16"))
    assert_refused(check_in_process(tree, capsys), "practices/begrippen/utf16.md", "UTF-8")


def test_cli_accepts_bom_and_crlf(tree, capsys):
    path = tree.practices / METHOD
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = check_in_process(tree, capsys)
    assert result.returncode == 0 and "In orde: 6" in result.stdout, result.stderr


def test_cli_special_file_does_not_hang(tree):
    os.mkfifo(tree.practices / "begrippen" / "pijp.md")
    assert_refused(run_check(tree, timeout=20), "practices/begrippen/pijp.md", "geen gewoon bestand")


# -- hostile markup in bodies and fields, and bodies at the limits of the rules ---------------------------


CONCEPT = """---
id: {id}
type: concept
title: Begrip
summary: Een begrip uit een test over de beveiliging.
themes: [preventie]
sources: [testbron]
credits:
  - name: Test Redactie
reviewed: 2026-11-01
status: concept
---
## Betekenis

Tekst.
"""


def test_a_folder_name_cannot_reach_the_edit_link(tree):
    write(tree, 'x"><img src=x onerror=alert(1)>/begrippen/x.md', CONCEPT.format(id="x"))
    p = refused(tree, "hoort in de map practices/begrippen/")
    assert p.field == "type"
    actions = (REPO / "overrides" / "partials" / "actions.html").read_text(encoding="utf-8")
    assert 'href="{{ edit_url | e }}"' in actions and 'href="{{ report_url | e }}"' in actions


def test_fenced_code_attributes_are_refused(tree):
    with_body(tree, '```{ x onfocus="alert(1)" tabindex=0 autofocus }\ncode\n```')
    refused(tree, "attribuut 'onfocus' op <code>")


@pytest.mark.parametrize(
    "text",
    [
        "> [r]: javascript:alert(1)\n\n[x][r]",
        "- [r]: javascript:alert(1)\n\n[x][r]",
        "1. [r]: javascript:alert(1)\n\n[x][r]",
        "!!! note\n    [r]: javascript:alert(1)\n\n[x][r]",
        "Term\n:   [r]: javascript:alert(1)\n\n[x][r]",
        "[]: javascript:alert(1)\n\n[x][]",
        "> [r]: data:text/html;base64,PHNjcmlwdD4=\n\n[x][r]",
    ],
)
def test_reference_definitions_anywhere_are_checked(tree, text):
    with_body(tree, text)
    refused(tree, "adres")


def test_urls_from_fields_are_plain_web_addresses(tree):
    replace_in(
        tree, ORGANISATION, "website: https://example.org", "website: https://a.nl/[Website](javascript:alert(1))"
    )
    assert "geen geldig webadres" in refused(tree, "website").message
    page = (REPO / "scripts" / "wijkpraktijk" / "templates" / "organisation.md.j2").read_text(encoding="utf-8")
    assert '<a href="{{ e.website|attr }}">' in page  # an attribute, never Markdown


PATHOLOGICAL_LINES = ["[", "[[", "![", "](", "[a](", "<a:", "{a", "`", "# ", " #", "&#", "*a", "<"]


@pytest.mark.parametrize("unit", PATHOLOGICAL_LINES)
def test_a_pathological_body_at_the_size_limit_is_judged_in_under_2_s(tree, unit):
    line = unit * ((MAX_FILE_BYTES - 2048) // len(unit))
    with_body(tree, line)
    start = time.perf_counter()
    load(tree)
    assert time.perf_counter() - start < 2, unit


def test_links_repeated_by_the_thousand_are_refused_before_rendering(tree):
    with_body(tree, "[a](" * 12_000)
    refused(tree, "te lang (48000 tekens")
    replace_in(tree, METHOD, "[a](" * 12_000, "[a](\n" * 12_000)
    refused(tree, "vierkante haken")


@pytest.mark.parametrize("indent", ["    ", "\t", "> ", "  > "])
def test_lists_and_quotes_nested_too_deep_are_refused_before_rendering(tree, monkeypatch, indent):
    """300 levels of tabs took Python-Markdown 1.7 s to fail on (security review 3, R5g/R5h)."""
    deep = "\n".join(indent * depth + "- item" for depth in range(60))
    with_body(tree, deep)
    render = allowlist.render_markdown

    def shallow(text, settings):
        assert deep not in text, "a body refused for its depth was rendered"
        return render(text, settings)

    monkeypatch.setattr(allowlist, "render_markdown", shallow)
    p = refused(tree, "te diep in lijsten of citaten (meer dan 20 niveaus)")
    assert 25 + 10 < p.line < 25 + 22  # the first line too deep, and only that one
    assert sum("te diep" in q.message for q in problems_of(tree)) == 1


def test_the_rendered_check_still_catches_nesting_it_cannot_read():
    """What the line rule misses is still refused by the render, as before the rule (tabs, 250 deep)."""
    deep = "\n".join("\t" * depth + "- item" for depth in range(250))
    too_deep = "lijsten of citaten zijn te diep in elkaar genest om te lezen"
    assert rendered_problems(deep) == [too_deep]


def test_a_body_the_renderer_fails_on_leaves_the_next_body_as_it_was():
    """A RecursionError left Python-Markdown's list state behind: every later body of the run lost its <p>s."""
    settings = Settings.read(SITE_CONFIG)
    before = allowlist.render_markdown("Een alinea.\n\nNog een.", settings)
    for indent in ("    ", "\t"):
        with pytest.raises(RecursionError):
            allowlist.render_markdown("\n".join(indent * depth + "- item" for depth in range(250)), settings)
        assert (
            allowlist.render_markdown("Een alinea.\n\nNog een.", settings)
            == before
            == ("<p>Een alinea.</p>\n<p>Nog een.</p>")
        )


def test_a_heading_cannot_take_the_themes_ids(tree):
    with_body(tree, "### __config")
    refused(tree, "id '__config'")


def test_admonitions_cannot_wear_the_themes_classes(tree):
    with_body(tree, '!!! note md-dialog md-dialog--active "Let op"\n    [Klik hier](https://example.org)')
    refused(tree, "opmaakklasse 'md-dialog'")


def test_links_the_strict_build_rejects_are_refused_by_the_check_itself(tree):
    with_body(tree, "[a](javas\u200bcript:alert(1)) en [b](../../../../etc/passwd)")
    refused(tree, "adres 'javas")
    refused(tree, "adres '../../../../etc/passwd'")


BYPASSED = [
    "<script>alert(1)</script>",
    'Tekst <img src=x onerror="alert(1)"> tekst',
    "[x](javascript:alert(1))",
    '```{ x onfocus="alert(1)" tabindex=0 autofocus }\ncode\n```',
    "> [r]: javascript:alert(1)\n\n[x][r]",
    "[]: data:text/html;base64,PHNjcmlwdD4=\n\n[x][]",
    '!!! note md-dialog md-dialog--active "Let op"\n    [Klik hier](https://example.org)',
    "### __config",
    'Tekst\n{: onclick="alert(1)" id="__config" style="position:fixed" }',
]


@pytest.mark.parametrize("text", BYPASSED)
def test_pages_carry_the_sanitised_body_even_where_the_check_is_missed(tree, text, monkeypatch):
    """The check refuses all of these; were its patterns to miss one, the allowlist would still report what it
    removed, and the page would carry inert HTML."""
    with_body(tree, text)
    assert load(tree).problems
    monkeypatch.setattr(rules, "unsafe_markup", lambda body: iter(()))  # as if the patterns missed it
    loaded = load(tree)
    page = render_all(loaded.kb, loaded.graph)["huisbezoek/index.md"].split("\n---\n", 1)[1]
    html = site_html(page)
    assert active_content(html) == [], html
    assert 'id="__config"' not in html and "md-dialog" not in html and "position:fixed" not in html
