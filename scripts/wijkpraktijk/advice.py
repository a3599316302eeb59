"""Advice kept apart from practice, where a rule can see the difference.

The third content review found authors' advice written up as described practice
and editors' boxes that cite a source as if it were evidence. Whether a sentence
is advice or practice is mostly a reader's judgement (CONTRIBUTING.md,
*Redactieregels*); these rules catch the cases the front matter makes visible:

- an *Advies van de redactie* box, or a step marked ``editorial: true``, that
  cites a source: the editors' own advice cannot borrow a source's authority;
- a page whose ``basis`` names a kind of support that none of its sources offers
  (a page that cites only a column cannot rest on ``ervaring``);
- a step of a method that cites only sources whose kind the page's ``basis``
  does not claim (a step from a ``pleidooi`` on a page that says it was practised).

The kind of each source is its ``basis`` in ``practices/bronnen.yml``; a source
without one is left out of the last two rules rather than guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from . import references
from .diagnostics import Diagnostic
from .model import BASIS_LABELS, Source

if TYPE_CHECKING:  # validate imports this module; the names are only for annotations
    from .read import RawEntry
    from .validate import ValidEntry
    from .vocabulary import Vocabulary

EDITORS_BOX = f'!!! tip "{references.EDITORS_TITLE}"'


def check(entries: Iterable[ValidEntry], raws: dict[str, RawEntry], vocab: Vocabulary) -> list[Diagnostic]:
    """All advice rules over the valid entries of a run."""
    problems: list[Diagnostic] = []
    for entry in entries:
        raw = raws[entry.path]
        kinds = _source_kinds(entry, vocab)
        problems += _cited_editors_boxes(entry, raw)
        problems += _cited_editorial_steps(entry, raw)
        problems += _unsupported_basis(entry, raw, kinds)
        problems += _steps_outside_basis(entry, raw, kinds)
    return problems


def _source_kinds(entry: ValidEntry, vocab: Vocabulary) -> dict[str, frozenset[str]]:
    """key → the kinds of support that source offers, for the page's sources that say so."""
    kinds = {}
    for ref in entry.model.sources:
        source = ref if isinstance(ref, Source) else vocab.sources.get(ref)
        if source is not None and source.key and source.basis:
            kinds[source.key] = frozenset(source.basis)
    return kinds


def _labels(values: Iterable[str]) -> str:
    return ", ".join(f"'{v}' ({BASIS_LABELS[v].lower()})" for v in sorted(values))


def _cited_editors_boxes(entry: ValidEntry, raw: RawEntry) -> Iterator[Diagnostic]:
    for block in references.blocks(entry.body):
        if block.editorial and references.has_citation(block.text):
            yield Diagnostic(
                entry.path,
                raw.body_line + block.line - 1,
                None,
                f"Een kader '{references.EDITORS_TITLE}' verwijst naar een bron.",
                "Het kader is eigen advies van de redactie; een bron kan het niet onderbouwen. Zet wat de bron "
                "zegt buiten het kader, met de verwijzing erachter, en houd in het kader alleen het advies.",
            )


def _cited_editorial_steps(entry: ValidEntry, raw: RawEntry) -> Iterator[Diagnostic]:
    for i, step in enumerate(getattr(entry.model, "steps", []) or []):
        if step.editorial and (references.has_citation(step.title) or references.has_citation(step.text)):
            yield Diagnostic(
                entry.path,
                raw.line_of(("steps", i, "editorial")),
                "steps",
                f"Stap {i + 1} ('{step.title}') heet advies van de redactie (editorial: true), maar verwijst naar "
                "een bron.",
                "Komt de stap uit de bron, haal dan 'editorial: true' weg. Is het eigen advies van de redactie, "
                "haal dan de verwijzing weg.",
            )


def _unsupported_basis(entry: ValidEntry, raw: RawEntry, kinds: dict[str, frozenset[str]]) -> Iterator[Diagnostic]:
    basis = set(getattr(entry.model, "basis", []) or [])
    if not basis or len(kinds) < len(entry.model.sources):
        return  # not every source says what it is: nothing to compare with
    offered = frozenset().union(*kinds.values())
    missing = basis - offered
    if missing:
        yield Diagnostic(
            entry.path,
            raw.line_of("basis"),
            "basis",
            f"De pagina zegt te steunen op {_labels(missing)}, maar geen van haar bronnen is dat volgens "
            "practices/bronnen.yml.",
            f"De bronnen van deze pagina bieden {_labels(offered)}. Haal uit basis weg wat ze niet bieden, of "
            "voeg een bron toe die het wel beschrijft.",
        )


def _steps_outside_basis(entry: ValidEntry, raw: RawEntry, kinds: dict[str, frozenset[str]]) -> Iterator[Diagnostic]:
    basis = set(getattr(entry.model, "basis", []) or [])
    for i, step in enumerate(getattr(entry.model, "steps", []) or []):
        if step.editorial:
            continue
        cited = {c.key for text in (step.title, step.text or "") for c in references.read(text)[0]}
        if not cited or not cited <= kinds.keys():
            continue
        offered = frozenset().union(*(kinds[key] for key in cited))
        if offered and not offered & basis:
            yield Diagnostic(
                entry.path,
                raw.line_of(("steps", i)),
                "steps",
                f"Stap {i + 1} ('{step.title}') steunt alleen op een bron die {_labels(offered)} is, maar de "
                f"pagina zegt te steunen op {_labels(basis)}.",
                "Is de stap een aanbeveling van de auteur, schrijf hem dan als advies („Wijland raadt aan …”) en "
                "zet die soort onderbouwing ook in basis. Beschrijft een andere bron dat het zo gebeurde, verwijs "
                "dan naar die bron.",
            )
