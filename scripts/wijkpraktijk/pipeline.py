"""The stages wired in their one direction: read → validate → graph → render → write."""

from __future__ import annotations

import contextlib
import functools
import gc
from dataclasses import dataclass

from . import cards, handout, redirects
from .config import GENERATED_SUBTREE, Paths
from .diagnostics import Diagnostic
from .graph import Graph, build_graph
from .parallel import run_tasks
from .read import read_all
from .render import Renderer, merged, render_tasks
from .search_terms import Synonyms, load_synonyms
from .validate import KnowledgeBase, validate
from .views import missing_vendor_files, view_pages
from .vocabulary import load_vocabulary
from .write import WriteReport, sync


@dataclass
class Loaded:
    kb: KnowledgeBase
    graph: Graph
    problems: list[Diagnostic]
    synonyms: Synonyms = Synonyms()


@contextlib.contextmanager
def without_cycle_collector():
    """Pause Python's cyclic garbage collector for one run, then restore it.

    A run allocates millions of small objects that all live until its end, and
    the collector keeps walking them: at 10,000 entries that was a sixth of the
    generator's time. The run makes hardly any reference cycles (peak memory
    is the same either way), and reference counting still frees everything else.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load(paths: Paths) -> Loaded:
    """Everything short of rendering; the graph is only trustworthy when there are no problems."""
    with without_cycle_collector():
        return _load(paths)


def _load(paths: Paths) -> Loaded:
    vocabulary, problems = load_vocabulary(paths.practices, paths.root)
    raws, read_problems = read_all(paths.practices, paths.root)
    kb, validation_problems = validate(raws, vocabulary)
    synonyms, synonym_problems = load_synonyms(paths.practices, paths.root)
    problems = problems + read_problems + validation_problems + synonym_problems
    return Loaded(kb, build_graph(kb), problems, synonyms)


def generate(paths: Paths) -> tuple[Loaded, WriteReport | None]:
    """Write the generated pages, but only from a collection without a single error."""
    with without_cycle_collector():
        return _generate(paths)


def _generate(paths: Paths) -> tuple[Loaded, WriteReport | None]:
    loaded = _load(paths)
    if loaded.problems:
        return loaded, None
    vendor_problems = missing_vendor_files()
    if vendor_problems:
        return Loaded(loaded.kb, loaded.graph, vendor_problems, loaded.synonyms), None
    # Citing, printing and redirects (issue 5): extras per entry, files next to the pages.
    extras, files = handout.build(paths, loaded.kb)
    settings = {"subtree": GENERATED_SUBTREE, "synonyms": loaded.synonyms, "entry_extras": extras,
                "bytecode_cache": paths.root / ".cache" / "jinja"}
    renderer = Renderer(loaded.kb, loaded.graph, settings)
    # Independent jobs, shared out over forked children on a multi-core machine (parallel.py).
    tasks = [*render_tasks(renderer), functools.partial(cards.pages, loaded.kb, renderer),
             functools.partial(view_pages, loaded.kb, loaded.graph, renderer, paths, GENERATED_SUBTREE)]
    pages = merged(run_tasks(tasks))
    pages.update(files)
    redirects.write_config(paths, loaded.kb)
    return loaded, sync(paths.generated, pages)
