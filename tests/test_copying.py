"""The copy check (tests/copying.py) catches what a reader calls copied, and only that.

These tests use a made-up source article, so they run without the real sources.
"""

from __future__ import annotations

import copying
import pytest

SOURCE = """Een dag in de wijk

De wijkteams in deze stad werken sinds 2007 vanuit kernwaarden als wederkerigheid en aanwezigheid.
Omdat de nadruk op het individu ligt, worden collectieve oplossingen in de praktijk vaak over het hoofd gezien.
De coöperatie die de welzijnsorganisaties hebben opgericht, detacheert kosteloos personeel bij de teams.
Volgens de teamleider willen de professionals vooral korte lijnen met het beleid.
Bewoners bedenken zelf een plan, de buurtwerkers helpen bij de uitvoering, en de gemeente betaalt het buurthuis.
"""

# a 12-word source sentence, used by the word-swap fixture
TWELVE = "De wijkteams in deze stad werken sinds 2007 vanuit kernwaarden als wederkerigheid"


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bronnen")
    (folder / "000_test.txt").write_text(SOURCE, encoding="utf-8")
    return copying.Sources.load(folder)


def page(body: str) -> str:
    return f"---\nid: proef\ntype: concept\ntitle: Proef\nsummary: Een korte samenvatting.\n---\n{body}\n"


def findings(text: str, sources) -> list[copying.Finding]:
    return copying.check_text("practices/begrippen/proef.md", text, sources, names=[])


def test_two_swapped_words_in_a_twelve_word_sentence_are_caught(sources):
    swapped = TWELVE.replace("werken", "functioneren").replace("kernwaarden", "grondwaarden")
    found = findings(page(f"Uit het artikel: {swapped} [@bron]."), sources)
    assert found, "twee verwisselde woorden in een bronzin van twaalf woorden werden niet gezien"
    assert found[0].line == 7
    assert "000_test.txt" in str(found[0]) and "kernwaarden als wederkerigheid" in str(found[0])


def test_a_source_sentence_with_its_clauses_reordered_is_caught(sources):
    # reversed, so no two clauses stay side by side: no ten-word window matches, the sentence does
    reordered = (
        "De gemeente betaalt het buurthuis, de buurtwerkers helpen bij de uitvoering "
        "en bewoners bedenken zelf een plan."
    )
    (found,) = findings(page(reordered), sources)
    assert found.kind == "sentence" and found.source.text.startswith("Bewoners bedenken zelf een plan")


def test_the_failure_message_names_file_line_and_source_sentence(sources):
    body = (
        "Eerste alinea in eigen woorden.\n\n"
        "De coöperatie die de welzijnsorganisaties oprichtten, detacheert personeel bij de teams."
    )
    (found,) = findings(page(body), sources)
    message = str(found)
    assert message.startswith("practices/begrippen/proef.md:9:")
    assert "bron 000_test.txt:5: De coöperatie die de welzijnsorganisaties hebben opgericht" in message


def test_a_marked_one_sentence_quotation_passes(sources):
    body = (
        "De teamleider zegt het zo: „Omdat de nadruk op het individu ligt, worden collectieve oplossingen in de "
        "praktijk vaak over het hoofd gezien.” [@bron]"
    )
    assert findings(page(body), sources) == []


def test_a_long_quotation_is_reported(sources):
    body = "„" + " ".join(["Dit is een lange zin die maar doorgaat."] * 4) + "” [@bron]"
    (found,) = findings(page(body), sources)
    assert found.kind == "quote"


def test_own_words_and_ordinary_phrases_pass(sources):
    body = (
        "In de wijk werken de teams al sinds 2007 met een paar vaste waarden. Wie alleen naar de enkele "
        "hulpvraag kijkt, mist wat bewoners samen kunnen oplossen [@bron]. De professionals willen "
        "kort contact met beleidsmakers."
    )
    assert findings(page(body), sources) == []


def test_names_and_article_titles_may_be_repeated(sources):
    title = "Een dag in de wijk: wederkerigheid en aanwezigheid in het sociaal domein van de stad"
    text = page(f"Het artikel {title} gaat over de teams.")
    assert findings(text, sources) == []  # a 13-word title, no source sentence
    source_title = "De wijkteams in deze stad werken sinds 2007 vanuit kernwaarden als wederkerigheid en aanwezigheid"
    assert findings(page(f"Het stuk heet {source_title}."), sources)
    assert copying.check_text("p.md", page(f"Het stuk heet {source_title}."), sources, names=[source_title]) == []


def test_front_matter_text_is_checked_too(sources):
    text = page("Tekst.").replace(
        "summary: Een korte samenvatting.",
        "summary: Volgens de teamleider willen de professionals vooral korte lijnen met het beleid.",
    )
    (found,) = findings(text, sources)
    assert found.line == 5
