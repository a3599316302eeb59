"""Drive the site's own search dialog in Chromium and score a query test set."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import yaml


def load_queries(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def open_search(page, site_url: str) -> None:
    page.goto(site_url + "kennisbank/")
    page.wait_for_selector(".wp-search-button")
    page.keyboard.press("/")
    page.wait_for_selector("dialog.wp-search[open] .wp-search__input")


def search(page, query: str) -> list[str]:
    """Type ``query`` into the open dialog; the entry ids of the results, best first."""
    page.fill(".wp-search__input", query)
    page.wait_for_function("q => document.querySelector('#wp-search-results').dataset.query === q", arg=query)
    hrefs = page.eval_on_selector_all(".wp-search__result a", "links => links.map(a => a.href)")
    return [urlsplit(h).path.rstrip("/").rsplit("/", 1)[-1] for h in hrefs]


def hit_rate(page, site_url: str, queries: list[dict], top: int = 5) -> tuple[float, list[str]]:
    """Share of queries whose expected ids are all in the top results; plus the misses."""
    open_search(page, site_url)
    misses = []
    for item in queries:
        found = search(page, str(item["query"]))[:top]
        missing = [i for i in item["expect"] if i not in found]
        if missing:
            misses.append(f"{item['query']!r} ({item.get('why', '')}): mist {missing}, kreeg {found}")
    return (len(queries) - len(misses)) / len(queries), misses


def type_query(page, query: str) -> None:
    """Type ``query`` into the open dialog key by key, as a visitor does, and wait for its answer."""
    page.fill(".wp-search__input", "")
    page.locator(".wp-search__input").press_sequentially(query, delay=40)
    page.wait_for_function("q => document.querySelector('#wp-search-results').dataset.query === q", arg=query)


def results(page) -> list[dict]:
    """The results on screen: entry id, type label and the query words the page was found by."""
    return page.eval_on_selector_all(
        ".wp-search__result a",
        """links => links.map(a => ({
            id: new URL(a.href).pathname.replace(/\\/$/, '').split('/').pop(),
            path: new URL(a.href).pathname,
            type: a.querySelector('.wp-search__type').textContent,
            words: (a.dataset.words || '').split('|').filter(Boolean)
        }))""",
    )
