"""The stages wired in their one direction: read → validate → graph → render → write.

Two phases, as in Pelican: ``load`` builds the context (the validated knowledge base and its link
graph), ``generate`` turns it into pages and writes them. Nothing is written while there is any error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import allowlist, citing, cms, engine, guard, makers, meedoen, new, pages, views
from .cache import DiskCache
from .config import Paths
from .diagnostics import Diagnostic
from .graph import Graph, build_graph
from .read import Reader
from .search_terms import Synonyms, load_synonyms
from .validate import KnowledgeBase, validate
from .vocabulary import Vocabulary, load_vocabulary
from .write import WriteReport, sync


@dataclass
class Loaded:
    kb: KnowledgeBase
    graph: Graph
    problems: list[Diagnostic]  # errors: nothing is written while there is one
    synonyms: Synonyms = field(default_factory=Synonyms)
    warnings: list[Diagnostic] = field(default_factory=list)  # shown, never blocking


def checkout_problems(paths: Paths) -> list[Diagnostic]:
    """guard.py's refusals (tracked build state, symlinks where the build reads) as diagnostics."""
    return [Diagnostic(f.path, None, None, f.message, f.hint) for f in guard.check(paths.root)]


def load(paths: Paths, reader: Reader | None = None) -> Loaded:
    """Everything short of rendering; the graph is only trustworthy when there are no problems.

    ``reader``: keeps parsed files between runs (the preview server passes the same one every time).
    """
    refused = checkout_problems(paths)
    if refused:  # before anything in the checkout is read
        return Loaded(KnowledgeBase({}, Vocabulary({}, {}, {})), Graph(), refused)
    vocabulary, problems = load_vocabulary(paths.practices, paths.root)
    raws, read_problems = (reader or Reader()).read_all(paths.practices, paths.root)
    bodies = allowlist.Bodies(paths.settings, DiskCache(paths.cache / "bodies", allowlist.RULES_DIGEST))
    # A template's explanations left in a page are refused (rules.no_template_text): the templates say which.
    kb, validation_problems = validate(raws, vocabulary, bodies, makers.reserved_ids(), new.placeholders(paths))
    bodies.close()
    synonyms, synonym_problems = load_synonyms(paths.practices, paths.root)
    problems = problems + read_problems + validation_problems + synonym_problems + new.template_problems(paths)
    errors = [p for p in problems if not p.warning]
    return Loaded(kb, build_graph(kb), errors, synonyms, [p for p in problems if p.warning])


def generate(
    paths: Paths, reader: Reader | None = None, local_backend: str | None = None
) -> tuple[Loaded, WriteReport | None]:
    """Write the generated pages, but only from a collection without a single error.

    ``local_backend``: the gate to decap-server when ``make cms`` runs (the form then saves to disk).
    Nothing written is dated: a citation's access date is the reader's (citing.ACCESSED_MARK).
    """
    loaded = load(paths, reader)
    if loaded.problems:
        return loaded, None
    vendor_problems = views.missing_vendor_files() + cms.missing_vendor_files() + cms.problems(paths)
    vendor_problems += meedoen.problems(paths)  # the e-mail route of the Meedoen page
    if vendor_problems:
        return Loaded(loaded.kb, loaded.graph, vendor_problems, loaded.synonyms, loaded.warnings), None
    extras = citing.build(paths, loaded.kb)
    site = pages.Site(loaded.kb, loaded.graph, paths, loaded.synonyms, extras)
    generated = makers.collect(site)
    engine.write_config(paths, loaded.kb, makers.overview_nav())
    sync(paths.admin, cms.admin_files(loaded.kb, paths, local_backend))
    return loaded, sync(paths.generated, generated)
