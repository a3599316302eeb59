"""What the search index needs to know about an entry beyond its visible text.

Professionals search with their own word, not the page's: their municipality's
name for the team, an English method name, an alias. This stage reads the
contributor-maintained synonym list (practices/synoniemen.yml) and computes,
per entry, the extra words to index (aliases, synonyms) and the facet values
(type, theme, place, organisation, method, target group, period) that the
explore page filters on. It only prepares data: render.py hands it to the
page meta, and the theme override (overrides/partials/wp-search-data.html)
turns it into Pagefind attributes. Diacritics and Dutch inflection are left
to Pagefind, which folds and stems both the index and the query.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

from pydantic import Field, ValidationError

from . import types
from .config import GENERATED_SUBTREE, OVERVIEW_DIR, page_url
from .diagnostics import Diagnostic, validation_diagnostics
from .model import BASIS_LABELS, LINK_FIELDS, Level, ShortText, Strict
from .read import read_yaml_list

SYNONYMS_FILE = "synoniemen.yml"
# Every body is matched against every group: a budget, far above the real list (30 groups, 78 words).
MAX_SYNONYM_GROUPS = 500
MAX_GROUP_TERMS = 10
WORD_RE = re.compile(r"\w+")

# A method's levels (model.Level) as the Niveau facet shows them.
LEVEL_LABELS = {level: level.capitalize() for level in get_args(Level)}

# What the search dialog offers when nothing matches (wp-search.js): the themes with pages, and for topics
# this knowledge base does not cover, the national databanks of tested interventions.
SEARCH_HELP_FILE = "zoekhulp.json"
DATABANKS = (
    {
        "label": "Movisie: Databank Effectieve sociale interventies",
        "url": "https://www.movisie.nl/databank-effectieve-sociale-interventies",
    },
    {"label": "NJi: Databank Effectieve jeugdinterventies", "url": "https://www.nji.nl/interventies"},
)


class SynonymGroup(Strict):
    """Words that name the same thing; a page found by one is found by all."""

    terms: list[ShortText] = Field(min_length=2, max_length=MAX_GROUP_TERMS)


@dataclass(frozen=True)
class Synonyms:
    groups: tuple[tuple[str, ...], ...] = ()
    _patterns: tuple = field(default=(), compare=False, repr=False)
    _by_word: dict = field(default_factory=dict, compare=False, repr=False)  # first word's first \w run → groups
    _always: frozenset = field(default=frozenset(), compare=False, repr=False)  # a term without letters or digits

    @classmethod
    def of(cls, groups: list[tuple[str, ...]]) -> Synonyms:
        patterns = tuple(tuple(((fold(t).split() or [""])[0], _term_pattern(t)) for t in group) for group in groups)
        by_word: dict[str, set[int]] = {}
        always: set[int] = set()
        for g, group in enumerate(patterns):
            for first, _ in group:
                run = WORD_RE.search(first)
                if run:
                    by_word.setdefault(run.group(), set()).add(g)
                else:
                    always.add(g)
        return cls(tuple(groups), patterns, by_word, frozenset(always))

    def _candidates(self, folded: str) -> list[int]:
        """The groups a term of which could occur in ``folded``: found from its words, once each.

        A match of a term's pattern starts with its first word, so the first run of letters and digits of that
        word is a run in the text, or one with the pattern's ending after it ('s, s, e, en, or a letter and en).
        A superset, so the result is exactly that of testing every group, in time that grows with the text.
        """
        found = set(self._always)
        for run in set(WORD_RE.findall(folded)):
            for cut in range(min(4, len(run))):
                hit = self._by_word.get(run[: len(run) - cut])
                if hit:
                    found |= hit
        return sorted(found)

    def named(self, names: list[str]) -> list[str]:
        """Every synonym of a term that one of ``names`` (a title, an alias) is, as a whole: that page is
        the page about the term ('Wijkteam' → buurtteam), not one whose title merely holds it."""
        folded = [fold(n).strip() for n in names]
        found: list[str] = []
        for group, patterns in zip(self.groups, self._patterns, strict=True):
            exact = [any(pattern.fullmatch(n) for n in folded) for _, pattern in patterns]
            if any(exact):
                found += [t for t, here in zip(group, exact, strict=True) if not here]
        return list(dict.fromkeys(found))

    def expand(self, text: str) -> list[str]:
        """Every synonym of a term that occurs in ``text``, minus the terms already there."""
        folded = fold(text)
        found: list[str] = []
        for g in self._candidates(folded):
            group, patterns = self.groups[g], self._patterns[g]
            present = [first in folded and bool(pattern.search(folded)) for first, pattern in patterns]
            if any(present):
                found += [t for t, here in zip(group, present, strict=True) if not here]
        return list(dict.fromkeys(found))


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower case without diacritics: 'Coöperatie' → 'cooperatie'.

    Runs for every entry body on every build, hence the ASCII shortcut and one
    regular expression over the combining-mark blocks instead of a per-character loop.
    """
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    return _COMBINING.sub("", unicodedata.normalize("NFD", lowered))


def _term_pattern(term: str) -> re.Pattern:
    """A whole-word match that also accepts the common Dutch plural and -e endings."""
    words = [re.escape(w) for w in fold(term).split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?:'?s|\w?en|e)?(?!\w)")


def load_synonyms(practices: Path, root: Path) -> tuple[Synonyms, list[Diagnostic]]:
    """The synonym list is optional; when present, every group must be valid."""
    path = practices / SYNONYMS_FILE
    if not path.exists():
        return Synonyms(), []
    items, lines, problems = read_yaml_list(path, root)
    if items is None:
        return Synonyms(), problems
    rel = path.relative_to(root).as_posix()
    if len(items) > MAX_SYNONYM_GROUPS:
        return Synonyms(), problems + [
            Diagnostic(
                rel,
                None,
                None,
                f"Dit bestand heeft {len(items)} groepen; maximaal {MAX_SYNONYM_GROUPS}.",
                "Elke pagina wordt met elke groep vergeleken. Houd alleen groepen die zoekers echt helpen.",
            )
        ]
    groups: list[tuple[str, ...]] = []
    for i, item in enumerate(items):
        group = _synonym_group(item, i, rel, lines, problems)
        if group is not None:
            groups.append(group)
    return Synonyms.of(groups), problems


def _synonym_group(item, i: int, rel: str, lines: dict, problems: list[Diagnostic]) -> tuple[str, ...] | None:
    """One group of the list, or None with its problem added to ``problems``."""
    try:
        group = SynonymGroup.model_validate(item)
    except ValidationError as exc:
        hint = "Een groep noemt minstens twee woorden, bijvoorbeeld: - terms: [wijkteam, buurtteam]"
        problems.extend(validation_diagnostics(exc, rel, lines, prefix=(i,), hints={"too_short": hint}))
        return None
    folded = [fold(t) for t in group.terms]
    doubles = sorted({t for t in group.terms if folded.count(fold(t)) > 1})
    if doubles:
        message = f"'{doubles[0]}' staat twee keer in dezelfde groep."
        problems.append(Diagnostic(rel, lines.get(str(i)), "terms", message, "Noem elk woord één keer per groep."))
        return None
    return tuple(group.terms)


def _decades(start: int | None, end: int | None) -> list[str]:
    """A period as the decades it touches; an open end counts only its start."""
    if start is None:
        return []
    last = end if end is not None else start
    return [f"{d}–{d + 9}" for d in range(start // 10 * 10, last // 10 * 10 + 1, 10)]


def _facet_values(entry, facet: types.EntryType, titles: dict[str, str]) -> list[str]:
    """The titles a facet type gives an entry: what it links to of that type, or, when it is of that type,
    itself and what it is part of."""
    model = entry.model
    if entry.type == facet.name:
        part_of = getattr(model, "part_of", None)
        return [model.title, *([titles[part_of]] if part_of in titles else [])]
    fields = [name for name, allowed in LINK_FIELDS.items() if allowed == (facet.name,)]
    return [titles[i] for name in fields for i in getattr(model, name, None) or [] if i in titles]


def _filters(entry, titles: dict[str, str], theme_labels: dict[str, str], group_labels: dict[str, str]) -> dict:
    """The facet values of an entry, by the facet's key in Verkennen's URL (wp-search.js's FACETS)."""
    model = entry.model
    period = getattr(model, "period", None)
    return {
        "type": [types.get(entry.type).singular],
        "thema": [theme_labels[t] for t in model.themes if t in theme_labels],
        **{t.label: _facet_values(entry, t, titles) for t in types.facets()},
        "onderbouwing": [BASIS_LABELS[b] for b in getattr(model, "basis", [])],
        "doelgroep": [group_labels.get(g, g) for g in getattr(model, "target_groups", [])],
        "niveau": [LEVEL_LABELS[level] for level in getattr(model, "level", [])],
        "periode": _decades(period.start, period.end) if period else [],
    }


def search_meta(
    entry,
    titles: dict[str, str],
    theme_labels: dict[str, str],
    synonyms: Synonyms,
    group_labels: dict[str, str] | None = None,
) -> dict:
    """The page meta key ``wp_search``: extra index text, result fields and facet values."""
    model = entry.model
    own = " ".join([model.title, *model.aliases])
    # Three strengths (wp-search.js weighs them, search_index.py flags them): what the page is called, and
    # synonyms of that name; synonyms of terms its title or aliases hold; synonyms of terms in its text.
    strong = list(dict.fromkeys([*model.aliases, *synonyms.named([model.title, *model.aliases])]))
    near = [t for t in synonyms.expand(own) if t not in strong]
    weak = [t for t in synonyms.expand(f"{model.summary} {entry.text}") if t not in strong and t not in near]

    filters = _filters(entry, titles, theme_labels, group_labels or {})
    # HTML-escaped here, like the title in render.front_matter: the page meta never
    # holds raw markup, and the theme partial prints these values as they are.
    esc = html.escape
    return {
        "type": esc(types.get(entry.type).singular),
        "summary": esc(model.summary),
        "strong": esc(" · ".join(strong)),
        "near": esc(" · ".join(near)),
        "weak": esc(" · ".join(weak)),
        "filters": {k: [esc(x) for x in dict.fromkeys(v)] for k, v in filters.items() if v},
    }


def search_help(themes: dict, pages_per_theme: dict[str, list]) -> dict[str, str]:
    """``kennisbank/zoekhulp.json``: the themes that have pages (label, URL from the site root, count) and
    the databanks; the search dialog shows them when a query finds nothing."""
    listed = [
        {
            "label": theme.label,
            "url": f"{GENERATED_SUBTREE}/{page_url(f'{OVERVIEW_DIR}/thema/{theme_id}.md')}",
            "count": len(pages_per_theme.get(theme_id, [])),
        }
        for theme_id, theme in themes.items()
        if pages_per_theme.get(theme_id)
    ]
    data = {"themes": sorted(listed, key=lambda t: t["label"].lower()), "databanks": list(DATABANKS)}
    return {SEARCH_HELP_FILE: json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"}
