"""The stages wired in their one direction: read → validate → graph → render → write."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from . import cards, handout, redirects
from .config import GENERATED_SUBTREE, Paths
from .diagnostics import Diagnostic
from .early import Early, without_cycle_collector
from .early import start as start_early
from .graph import Graph, build_graph
from .parallel import run_tasks
from .render import Renderer, merged, render_tasks
from .search_terms import Synonyms, load_synonyms
from .validate import KnowledgeBase, validate
from .views import missing_vendor_files, view_tasks
from .vocabulary import load_vocabulary
from .write import WriteReport, sync


@dataclass
class Loaded:
    kb: KnowledgeBase
    graph: Graph
    problems: list[Diagnostic]
    synonyms: Synonyms = Synonyms()


def load(paths: Paths, early: Early | None = None) -> Loaded:
    """Everything short of rendering; the graph is only trustworthy when there are no problems.

    ``early``: the reading, begun before the libraries were imported (early.py).
    """
    with without_cycle_collector():
        early = early or start_early(paths, git=False)
        try:
            return _load(paths, early)
        finally:
            early.close()


def _load(paths: Paths, early: Early) -> Loaded:
    vocabulary, problems = load_vocabulary(paths.practices, paths.root)
    raws, read_problems = early.raws()
    kb, validation_problems = validate(raws, vocabulary)
    synonyms, synonym_problems = load_synonyms(paths.practices, paths.root)
    problems = problems + read_problems + validation_problems + synonym_problems
    return Loaded(kb, build_graph(kb), problems, synonyms)


def generate(paths: Paths, early: Early | None = None) -> tuple[Loaded, WriteReport | None]:
    """Write the generated pages, but only from a collection without a single error."""
    with without_cycle_collector():
        early = early or start_early(paths)
        try:
            return _generate(paths, early)
        finally:
            early.close()


def _generate(paths: Paths, early: Early) -> tuple[Loaded, WriteReport | None]:
    loaded = _load(paths, early)
    if loaded.problems:
        return loaded, None
    vendor_problems = missing_vendor_files()
    if vendor_problems:
        return Loaded(loaded.kb, loaded.graph, vendor_problems, loaded.synonyms), None
    # Citing, printing and redirects (issue 5): extras per entry, files next to the pages.
    extras, files = handout.build(paths, loaded.kb, git=early.git)
    settings = {"subtree": GENERATED_SUBTREE, "synonyms": loaded.synonyms, "entry_extras": extras,
                "bytecode_cache": paths.root / ".cache" / "jinja"}
    renderer = Renderer(loaded.kb, loaded.graph, settings)
    renderer.load_templates()
    # Independent jobs, shared out over forked children on a multi-core machine (parallel.py);
    # the biggest first, so that the small pieces of entry pages even out the end.
    tasks = [*view_tasks(loaded.kb, loaded.graph, renderer, paths, GENERATED_SUBTREE),
             functools.partial(cards.pages, loaded.kb, renderer), *render_tasks(renderer)]
    pages = merged(run_tasks(tasks))
    pages.update(files)
    redirects.write_config(paths, loaded.kb)
    return loaded, sync(paths.generated, pages)
