"""The stages wired in their one direction: read → validate → graph → render → write.

Two phases, as in Pelican: ``load`` builds the context (the validated knowledge base and its link
graph), ``generate`` turns it into pages and writes them. Nothing is written while there is any error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import citing, cms, redirects, views
from .allowlist import BodyChecker, BodyRenderer
from .config import Paths
from .diagnostics import Diagnostic
from .graph import Graph, build_graph
from .read import Reader
from .render import Renderer, RenderSettings
from .search_terms import Synonyms, load_synonyms, search_help
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


def _linked_folders(paths: Paths) -> list[Diagnostic]:
    """practices/ is read and docs/kennisbank/ emptied of stale files: neither may lead elsewhere through a link."""
    problems = []
    for folder, use in ((paths.practices, "gelezen"), (paths.docs, "beschreven"), (paths.generated, "beschreven")):
        if folder.is_symlink():
            rel = folder.relative_to(paths.root).as_posix()
            problems.append(
                Diagnostic(
                    rel,
                    None,
                    None,
                    f"{rel} is een snelkoppeling (symbolische link) naar een andere map; die wordt niet {use}.",
                    f"Maak van {rel} een gewone map (git rm {rel}), of haal de koppeling weg.",
                )
            )
    return problems


def load(paths: Paths, reader: Reader | None = None) -> Loaded:
    """Everything short of rendering; the graph is only trustworthy when there are no problems.

    ``reader``: keeps parsed files between runs (the preview server passes the same one every time).
    """
    linked = _linked_folders(paths)
    if linked:
        return Loaded(KnowledgeBase({}, Vocabulary({}, {})), Graph(), linked)
    vocabulary, problems = load_vocabulary(paths.practices, paths.root)
    raws, read_problems = (reader or Reader()).read_all(paths.practices, paths.root)
    checker = BodyChecker(paths.mkdocs_yml, paths.cache / "bodies")
    kb, validation_problems = validate(raws, vocabulary, checker)
    checker.close()
    synonyms, synonym_problems = load_synonyms(paths.practices, paths.root)
    problems = problems + read_problems + validation_problems + synonym_problems
    errors = [p for p in problems if not p.warning]
    return Loaded(kb, build_graph(kb), errors, synonyms, [p for p in problems if p.warning])


def generate(
    paths: Paths, reader: Reader | None = None, cms_proxy: int | None = None
) -> tuple[Loaded, WriteReport | None]:
    """Write the generated pages, but only from a collection without a single error.

    ``cms_proxy``: the port of decap-server when ``make cms`` runs (the form then saves to disk).
    """
    loaded = load(paths, reader)
    if loaded.problems:
        return loaded, None
    vendor_problems = views.missing_vendor_files() + cms.missing_vendor_files() + cms.problems(paths)
    if vendor_problems:
        return Loaded(loaded.kb, loaded.graph, vendor_problems, loaded.synonyms, loaded.warnings), None
    extras, files = citing.build(paths, loaded.kb)
    bodies = BodyRenderer(paths.mkdocs_yml, paths.cache / "body-html")
    settings = RenderSettings(
        synonyms=loaded.synonyms, entry_extras=extras, bytecode_cache=paths.cache / "jinja", bodies=bodies
    )
    renderer = Renderer(loaded.kb, loaded.graph, settings)
    pages = renderer.all_pages()
    bodies.close()
    pages.update(views.view_pages(loaded.kb, loaded.graph, renderer, paths))
    pages.update(files)
    pages.update(search_help(loaded.kb.vocabulary.themes, loaded.graph.themes))
    redirects.write_config(paths, loaded.kb)
    sync(paths.admin, cms.admin_files(loaded.kb, paths, cms_proxy))
    return loaded, sync(paths.generated, pages)
