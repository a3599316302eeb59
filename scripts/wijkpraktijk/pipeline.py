"""The stages wired in their one direction: read → validate → graph → render → write.

Two phases, as in Pelican: ``load`` builds the context (the validated knowledge base and its link
graph), ``generate`` turns it into pages and writes them. Nothing is written while there is any error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import allowlist, citing, cms, engine, guard, makers, meedoen, new, pages, render, views
from .cache import DiskCache
from .config import Paths
from .diagnostics import Diagnostic
from .graph import Graph, build_graph
from .leftovers import Placeholders
from .read import Reader
from .search_terms import Synonyms, load_synonyms
from .validate import FileChecks, KnowledgeBase, validate
from .vocabulary import Vocabulary, load_vocabulary
from .write import WriteReport, sync


@dataclass
class Loaded:
    kb: KnowledgeBase
    graph: Graph
    problems: list[Diagnostic]  # errors: nothing is written while there is one
    synonyms: Synonyms = field(default_factory=Synonyms)
    warnings: list[Diagnostic] = field(default_factory=list)  # shown, never blocking


@dataclass
class Memo:
    """What make serve keeps between runs, so an edit parses one file, checks one file and renders only
    the pages whose inputs changed: the files as read (Reader), each file's own checks (validate.FileChecks),
    the entry pages with what each one read (render.PageMemo). Everything across files is worked out anew."""

    reader: Reader = field(default_factory=Reader)
    checks: FileChecks = field(default_factory=FileChecks)
    pages: render.PageMemo = field(default_factory=render.PageMemo)


def checkout_problems(paths: Paths) -> list[Diagnostic]:
    """guard.py's refusals (tracked build state, symlinks where the build reads) as diagnostics."""
    return [Diagnostic(f.path, None, None, f.message, f.hint) for f in guard.check(paths.root)]


def load(paths: Paths, reader: Reader | None = None, checks: FileChecks | None = None) -> Loaded:
    """Everything short of rendering; the graph is only trustworthy when there are no problems.

    ``reader``, ``checks``: keep parsed and checked files between runs (the preview passes the same ones).
    """
    refused = checkout_problems(paths)
    if refused:  # before anything in the checkout is read
        return Loaded(KnowledgeBase({}, Vocabulary({}, {}, {})), Graph(), refused)
    vocabulary, problems = load_vocabulary(paths.practices, paths.root)
    raws, read_problems = (reader or Reader()).read_all(paths.practices, paths.root)
    bodies = allowlist.Bodies(paths.settings, DiskCache(paths.cache / "bodies", allowlist.RULES_DIGEST))
    # A template's explanations left in a page are refused (rules.no_template_text): the templates say which.
    templates, template_problems = new.read_templates(paths)
    placeholders = Placeholders.of(templates)
    kb, validation_problems = validate(raws, vocabulary, bodies, makers.reserved_ids(), placeholders, checks)
    bodies.close()
    synonyms, synonym_problems = load_synonyms(paths.practices, paths.root)
    problems = problems + read_problems + validation_problems + synonym_problems + template_problems
    errors = [p for p in problems if not p.warning]
    return Loaded(kb, build_graph(kb), errors, synonyms, [p for p in problems if p.warning])


def generate(
    paths: Paths,
    reader: Reader | None = None,
    local_backend: str | None = None,
    memo: Memo | None = None,
) -> tuple[Loaded, WriteReport | None]:
    """Write the generated pages, but only from a collection without a single error.

    ``local_backend``: the gate to decap-server when ``make cms`` runs (the form then saves to disk).
    Nothing written is dated: a citation's access date is the reader's (citing.ACCESSED_MARK).
    ``memo``: what the previous run kept (make serve keeps one; its reader replaces ``reader``): only the
    files and pages whose inputs changed are worked on again.
    """
    if memo is not None:
        reader = memo.reader
    loaded = load(paths, reader, memo.checks if memo else None)
    if loaded.problems:
        return loaded, None
    vendor_problems = views.missing_vendor_files() + cms.missing_vendor_files() + cms.problems(paths)
    vendor_problems += meedoen.problems(paths)  # the e-mail route of the Meedoen page
    if vendor_problems:
        return Loaded(loaded.kb, loaded.graph, vendor_problems, loaded.synonyms, loaded.warnings), None
    extras = citing.build(paths, loaded.kb)
    site = pages.Site(loaded.kb, loaded.graph, paths, loaded.synonyms, extras, memo=memo.pages if memo else None)
    generated = makers.collect(site)
    engine.write_config(paths, makers.overview_nav())
    sync(paths.admin, cms.admin_files(loaded.kb, paths, local_backend))
    return loaded, sync(paths.generated, generated)
