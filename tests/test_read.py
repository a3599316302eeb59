"""Reader: untrusted bytes → front matter and body, or a readable diagnostic."""

import os
import subprocess
import sys
import time

import pytest
from conftest import REPO, replace_in
from markup_support import METHOD, refused
from wijkpraktijk.read import MAX_FILE_BYTES, MAX_NESTING, decode, parse


def test_bom_and_crlf_are_accepted():
    text, problem = decode("\ufeff---\r\nid: a\r\n---\r\nTekst\r\n".encode(), "x.md")
    assert problem is None
    entry, problems = parse(text, "x.md")
    assert problems == [] and entry.data == {"id": "a"} and entry.body.strip() == "Tekst"


def test_non_utf8_is_rejected_with_line():
    _, problem = decode("---\nid: a\ntitle: caf\xe9\n---\n".encode("latin-1"), "x.md")
    assert problem.line == 3 and "UTF-8" in problem.message


def test_oversized_file_is_rejected():
    _, problem = decode(b"a" * (MAX_FILE_BYTES + 1), "x.md")
    assert "te groot" in problem.message


def test_nul_byte_is_rejected():
    _, problem = decode(b"---\nid: a\x00\n---\n", "x.md")
    assert "NUL" in problem.message


def test_empty_file():
    _, problems = parse("  \n", "x.md")
    assert "leeg" in problems[0].message


def test_missing_front_matter():
    _, problems = parse("# Titel\n", "x.md")
    assert problems[0].line == 1 and "front-matterblok" in problems[0].message


def test_unclosed_front_matter():
    _, problems = parse("---\nid: a\n", "x.md")
    assert "afgesloten" in problems[0].message


def test_malformed_yaml_reports_file_line():
    _, problems = parse("---\nid: a\ntitle: [open\nsummary: x\n---\n", "x.md")
    assert problems[0].line in (3, 4, 5) and "YAML" in problems[0].message and "lijst" in problems[0].message


def test_python_tags_do_not_execute():
    _, problems = parse("---\nid: !!python/object/apply:os.system ['touch /tmp/pwned']\n---\n", "x.md")
    assert "tags" in problems[0].message


def test_billion_laughs_is_rejected_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join(f"*{prev}" for _ in range(9)) + "]")
    start = time.perf_counter()
    _, problems = parse("---\n" + "\n".join(lines) + "\n---\n", "x.md")
    assert time.perf_counter() - start < 2
    assert "ankers" in problems[0].message


def test_front_matter_must_be_a_mapping():
    _, problems = parse("---\n- a\n- b\n---\n", "x.md")
    assert "velden" in problems[0].message


def test_line_numbers_of_nested_keys():
    entry, _ = parse("---\nid: a\nsources:\n  - author: x\n    url: y\n---\nbody\n", "x.md")
    assert entry.line_of(("sources", 0, "url")) == 5
    assert entry.line_of(("sources", 0, "missing")) == 4
    assert entry.body_line == 7


def test_duplicate_keys_are_refused():
    _, problems = parse("---\nid: a\nthemes: [x]\nthemes: [y]\n---\n", "x.md")
    assert problems[0].line == 4 and problems[0].field == "themes" and "twee keer" in problems[0].message


DEEP = {
    "block sequences": "extra:\n" + "- " * 40_000 + "x",  # security review 3, R1: a segfault before
    "block sequences, 100,000": "extra:\n" + "- " * 100_000 + "x",
    "block mappings": "".join(" " * i + f"k{i}:\n" for i in range(600)) + " " * 600 + "x",
    "flow": "level: " + "[" * 30_000 + "]" * 30_000,
    "mixed": "extra:\n" + "- " * 20_000 + "[" * 20_000 + "x" + "]" * 20_000,
}


@pytest.mark.parametrize("text", DEEP.values(), ids=DEEP.keys())
def test_nesting_is_counted_on_the_parsers_events_in_every_style(text):
    """In a child process: a segfault there fails the test instead of ending the whole run."""
    code = (
        "import sys; from wijkpraktijk.read import parse\n"
        "_, problems = parse(sys.stdin.read(), 'x.md')\n"
        "print(problems[0].message if problems else 'geaccepteerd')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        input="---\nid: a\n" + text + "\n---\n",
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "scripts")},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == f"De velden zijn te diep genest (meer dan {MAX_NESTING} niveaus)."


def test_nesting_up_to_the_limit_is_fine():
    entry, problems = parse("---\nid: a\nextra:\n" + "- " * (MAX_NESTING - 1) + "x\n---\n", "x.md")
    assert problems == [] and entry.data["id"] == "a"
    assert "te diep" in parse("---\nid: a\nextra:\n" + "- " * MAX_NESTING + "x\n---\n", "x.md")[1][0].message


# -- deep flow-style YAML ---------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [5_000, 30_000])
def test_flow_yaml_nested_too_deep_gets_a_message(tree, depth):
    replace_in(tree, METHOD, "level: [individu]", "level: " + "[" * depth + "]" * depth)
    assert refused(tree, "te diep genest").file == f"practices/{METHOD}"


def test_deep_nesting_in_the_theme_list_gets_a_message(tree):
    (tree.practices / "themas.yml").write_text("- " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    assert refused(tree, "te diep genest").file == "practices/themas.yml"
