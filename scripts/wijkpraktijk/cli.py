"""Command line behind the Makefile: check, generate, build, serve, new, linkcheck.

Exit codes: 0 fine, 1 content errors (with readable messages), 2 anything
else. No traceback reaches a contributor for bad input.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from pathlib import Path

from . import types
from .cms import DEFAULT_PROXY_PORT
from .config import CHECKOUT, Paths
from .diagnostics import print_problems
from .engine import BUILD_ENGINE, ENGINES, PREVIEW_ENGINE
from .pipeline import generate, load


def _check(paths: Paths, _args) -> int:
    start = time.perf_counter()
    loaded = load(paths)
    if loaded.problems or loaded.warnings:
        print_problems(loaded.problems + loaded.warnings)
    if loaded.problems:
        return 1
    print(f"In orde: {len(loaded.kb.entries)} pagina's gecontroleerd in {time.perf_counter() - start:.2f} s.")
    return 0


def _generate(paths: Paths, _args) -> int:
    loaded, report = generate(paths)
    if report is None:
        print_problems(loaded.problems + loaded.warnings)
        return 1
    if loaded.warnings:
        print_problems(loaded.warnings)
    print(
        f"Gegenereerd: {len(loaded.kb.entries)} pagina's; {len(report.written)} geschreven, "
        f"{report.unchanged} ongewijzigd, {len(report.removed)} verwijderd."
    )
    return 0


def _build(paths: Paths, args) -> int:
    from .site import build_site

    status = _generate(paths, args)
    if status:
        return status
    status = build_site(paths, strict=not args.no_strict, engine=args.engine)
    if status:
        print("De site kon niet worden gebouwd; de vorige versie in site/ is bewaard.", file=sys.stderr)
        return 1
    print(f"Site gebouwd in {paths.site} (met {args.engine}).")
    return 0


def _linkcheck(paths: Paths, _args) -> int:
    from .linkcheck import check_site

    broken = check_site(paths.site)
    for line in broken:
        print(line, file=sys.stderr)
    if broken:
        print(f"\n{len(broken)} kapotte link(s) in {paths.site}.", file=sys.stderr)
        return 1
    print(f"Alle interne links in {paths.site} werken (zonder netwerk gecontroleerd).")
    return 0


def _serve(paths: Paths, args) -> int:
    from .serve import serve

    return serve(paths, args.dev_addr, engine=args.engine)


def _cms(paths: Paths, args) -> int:
    from .serve import serve

    host, _, port = args.dev_addr.rpartition(":")
    print(
        f"Het formulier: http://{host}:{port}/admin/ (kies 'Inloggen' of 'Login'; opslaan schrijft in practices/).",
        file=sys.stderr,
    )
    return serve(paths, args.dev_addr, cms_port=args.proxy_port, engine=args.engine)


def _forget_cache(paths: Paths, _args) -> int:
    import shutil

    shutil.rmtree(paths.cache, ignore_errors=True)
    print(f"Cache verwijderd: {paths.cache}")
    return 0


def _new(paths: Paths, args) -> int:
    from .new import NewEntryError, create

    def ask(question: str) -> str:
        if not sys.stdin.isatty():
            example = types.get("method").label  # 'methode'
            raise NewEntryError(
                f'Geef het soort pagina en de titel mee: make new TYPE={example} TITLE="Naam van de {example}".'
            )
        return input(question)

    try:
        kind = args.type or ask(f"Soort pagina ({', '.join(t.label for t in types.TYPES)}): ")
        title = args.title or ask("Titel: ")
        created = create(paths, kind, title)
    except NewEntryError as exc:
        print(exc, file=sys.stderr)
        return 1
    except EOFError:
        return 1
    print(
        f"Nieuw bestand: {created.path.relative_to(paths.root)} (id: {created.entry_id}).\n"
        "Open het, vul de velden en de tekst in (de regels met # leggen alles uit), en draai dan 'make check'.\n"
        "Zet achter elke bewering de bron waar ze vandaan komt, met de key uit 'sources:', zo: "
        "„Het team begon in 2007 [@woltring-leeuwarden].” Eigen advies zet je onder "
        '!!! tip "Advies van de redactie" (ingesprongen met vier spaties).'
    )
    return 0


def _engine_option(command: argparse.ArgumentParser, default: str) -> None:
    other = next(name for name in ENGINES if name != default)
    command.add_argument(
        "--engine",
        choices=ENGINES,
        default=default,
        help=f"de site-bouwer (standaard {default}); ENGINE={other} bij make kiest de andere",
    )


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="wijkpraktijk", description="Wijkpraktijk: controleer en bouw de kennisbank.")
    p.add_argument("--root", type=Path, default=None, help="repository root (default: this checkout)")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="controleer practices/ (snel, zonder site)").set_defaults(func=_check)
    sub.add_parser("generate", help="maak de pagina's in docs/kennisbank/").set_defaults(func=_generate)
    b = sub.add_parser("build", help="genereer en bouw de site in site/")
    b.add_argument("--no-strict", action="store_true", help="bouw ook bij waarschuwingen van de site-bouwer")
    _engine_option(b, BUILD_ENGINE)
    b.set_defaults(func=_build)
    sub.add_parser("linkcheck", help="controleer de links in de gebouwde site/ (zonder netwerk)").set_defaults(
        func=_linkcheck
    )
    sub.add_parser("forget-cache", help="verwijder de cache van deze checkout (buiten de checkout)").set_defaults(
        func=_forget_cache
    )
    n = sub.add_parser("new", help="maak een nieuwe pagina uit het sjabloon")
    n.add_argument("--type", default="", help=types.spoken([t.label for t in types.TYPES]))
    n.add_argument("--title", default="", help="de titel; de id en bestandsnaam worden ervan gemaakt")
    n.set_defaults(func=_new)
    s = sub.add_parser("serve", help="bekijk de site lokaal, met automatisch verversen")
    s.add_argument("--dev-addr", default="127.0.0.1:8000")
    _engine_option(s, PREVIEW_ENGINE)
    s.set_defaults(func=_serve)
    c = sub.add_parser("cms", help="het formulier (/admin/) op deze computer: serve plus decap-server")
    c.add_argument("--dev-addr", default="127.0.0.1:8000")
    c.add_argument("--proxy-port", type=int, default=DEFAULT_PROXY_PORT, help="poort van het formulier")
    _engine_option(c, PREVIEW_ENGINE)
    c.set_defaults(func=_cms)
    return p


def main(argv: list[str] | None = None) -> int:
    # Ctrl-C stops every command, also when the parent shell started this one with SIGINT ignored (in the background).
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.default_int_handler)
    args = parser().parse_args(argv)
    paths = Paths((args.root or CHECKOUT).resolve())
    try:
        return args.func(paths, args)
    except KeyboardInterrupt:
        return 130
