"""The offline link checker CI runs on the built site (`make linkcheck`)."""

from wijkpraktijk.cli import main


def test_linkcheck_finds_missing_pages_and_anchors(tmp_path, capsys):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<a href="a/">a</a> <a href="https://example.org/x">extern</a>', encoding="utf-8")
    (site / "a" / "index.html").write_text(
        '<h2 id="deel">x</h2><a href="../#deel">terug</a><a href="#deel">hier</a>', encoding="utf-8"
    )
    assert main(["--root", str(tmp_path), "linkcheck"]) == 1  # ../#deel: index.html has no id 'deel'
    assert "a/index.html → ../#deel (anker ontbreekt)" in capsys.readouterr().err
    (site / "index.html").write_text(
        '<p id="deel"></p><a href="a/">a</a> <a href="ontbreekt/">weg</a>', encoding="utf-8"
    )
    assert main(["--root", str(tmp_path), "linkcheck"]) == 1
    assert "index.html → ontbreekt/" in capsys.readouterr().err
    (site / "index.html").write_text('<p id="deel"></p><a href="a/">a</a>', encoding="utf-8")
    assert main(["--root", str(tmp_path), "linkcheck"]) == 0


def test_linkcheck_without_a_built_site(tmp_path, capsys):
    assert main(["--root", str(tmp_path), "linkcheck"]) == 1
    assert "make build" in capsys.readouterr().err


def test_every_kind_of_link_is_checked_and_an_empty_page_has_none(tmp_path):
    """href of a and link, src of script and img; an empty page neither links nor breaks the check."""
    from wijkpraktijk.linkcheck import broken_internal_links

    site = tmp_path / "site"
    site.mkdir()
    (site / "leeg.html").write_text("", encoding="utf-8")
    (site / "index.html").write_text(
        '<link rel="stylesheet" href="weg.css"><script src="weg.js"></script><img src="weg.png" alt="">'
        '<a href="leeg.html">leeg</a><a href="mailto:x@example.org">post</a><img src="data:," alt="">'
        '<a href="leeg.html#niets">anker</a>',
        encoding="utf-8",
    )
    assert broken_internal_links(site) == [
        "index.html → weg.css",
        "index.html → weg.js",
        "index.html → weg.png",
        "index.html → leeg.html#niets (anker ontbreekt)",
    ]
