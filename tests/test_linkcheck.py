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
