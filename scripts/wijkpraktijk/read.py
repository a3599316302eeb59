"""Files in practices/ → raw entries (front matter dict, body, line numbers).

Contributors' files are untrusted. This stage refuses what could hurt the
build (huge files, wrong encodings, YAML tags, anchors and aliases) before any
data reaches the models, and remembers on which line each key stood so later
stages can point a contributor at the right line.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from .diagnostics import Diagnostic, line_of

# An entry (or a template): four times the longest real one (15 KB). Every byte is rendered three times per build,
# and a hostile tree of 2,000 entries must still check and build in minutes (benchmarks/hostile_tree.py).
MAX_FILE_BYTES = 64 * 1024
MAX_LIST_BYTES = 256 * 1024  # themas.yml, bronnen.yml, synoniemen.yml: registries that grow with the site
FRONT_MATTER_FENCE = "---"


@dataclass
class RawEntry:
    path: str  # relative to the repository root, with forward slashes
    data: dict
    body: str
    body_line: int  # line number of the first body line in the file
    lines: dict[str, int] = field(default_factory=dict)  # "sources.0.url" → line

    def line_of(self, loc: tuple | str | None) -> int | None:
        """The line of the deepest known key along ``loc``, so errors land close."""
        if loc is None:
            return None
        return line_of(self.lines, loc.split(".") if isinstance(loc, str) else loc, default=1)


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it: much faster


class _SafeLoader(_BaseLoader):
    """Safe loading that keeps dates as text.

    Dates stay strings so an impossible date (2026-13-01) becomes a field
    error from the model instead of a crash inside the YAML library.
    """

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


class AliasFound(Exception):
    def __init__(self, line: int):
        self.line = line


class DuplicateKey(Exception):
    """YAML silently keeps the last of two equal keys; a contributor would lose the first."""

    def __init__(self, line: int, key: str):
        self.line = line
        self.key = key


def _walk(node: yaml.Node, prefix: str, out: dict[str, int], offset: int, seen: set[int]) -> None:
    """Record each key's line, and refuse aliases.

    An alias makes the composer hand out the same node twice; refusing that
    stops "billion laughs" files, which expand to gigabytes once validated,
    in linear time. Contributors never need anchors.
    """
    if id(node) in seen:
        raise AliasFound(node.start_mark.line + offset)
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in keys:
                    raise DuplicateKey(key_node.start_mark.line + offset, key_node.value)
                keys.add(key_node.value)
            key = f"{prefix}{key_node.value}"
            out[key] = key_node.start_mark.line + offset
            _walk(value_node, key + ".", out, offset, seen)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            key = f"{prefix}{i}"
            out[key] = item.start_mark.line + offset
            _walk(item, key + ".", out, offset, seen)


MAX_NESTING = 50


class TooDeep(Exception):
    """Lists or blocks nested so deep that the YAML parser would crash, not report."""


_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _too_deep(text: str) -> bool:
    """Nesting deeper than MAX_NESTING, counted on the parser's events: block and flow style alike.

    The parser is iterative (libyaml's C parser keeps its own stack); the composer that builds the nodes
    recurses, and in C a stack overflow is a segfault, not an exception. So this runs before composing.
    A syntax error is left to the real load, which reports it with its line.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, _OPEN):
                depth += 1
                if depth > MAX_NESTING:
                    return True
            elif isinstance(event, _CLOSE):
                depth -= 1
    except yaml.YAMLError:
        return False
    return False


def load_yaml(text: str, offset: int) -> tuple[object, dict[str, int]]:
    """One parse: compose, check for aliases, then construct. Raises YAML errors, AliasFound or TooDeep."""
    if _too_deep(text):
        raise TooDeep
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        lines: dict[str, int] = {}
        if node is None:
            return None, lines
        _walk(node, "", lines, offset, set())
        return loader.construct_document(node), lines
    finally:
        loader.dispose()


_QUOTE_HINT = 'Zet de hele waarde tussen aanhalingstekens, bijvoorbeeld: title: "Buurtwerk: zo doe je het".'
# YAML's English problems (libyaml or pure Python) → what a contributor can do about them.
_YAML_PROBLEMS = (
    (
        "mapping values are not allowed",
        "Er staat een dubbele punt (:) op een plek waar YAML die niet verwacht, of de inspringing klopt niet.",
        _QUOTE_HINT + " Begin elk veld aan het begin van de regel.",
    ),
    (
        "that cannot start any token",
        "Een waarde begint met een teken dat YAML niet toestaat (zoals @, ` of %).",
        _QUOTE_HINT,
    ),
    (
        "quoted scalar",
        "Een aanhalingsteken wordt niet gesloten.",
        "Zet aan het eind van de waarde hetzelfde aanhalingsteken (' of \") als aan het begin.",
    ),
    (
        "flow sequence",
        "Een lijst tussen [ en ] is niet goed gesloten.",
        "Schrijf de lijst als [a, b, c] op één regel, of elk item op een eigen regel met '- '.",
    ),
    (
        "flow mapping",
        "Een blok tussen { en } is niet goed gesloten.",
        "Schrijf de velden liever elk op een eigen regel (naam: waarde).",
    ),
    (
        "block collection",
        "De inspringing van een lijst klopt niet.",
        "Zet alle regels van een lijst even ver in, elk met '- ' ervoor.",
    ),
    ("block mapping", "Na een waarde staat nog tekst die YAML niet begrijpt.", _QUOTE_HINT),
    (
        "could not find expected ':'",
        "Een regel mist de dubbele punt tussen veldnaam en waarde.",
        "Schrijf elk veld als 'naam: waarde'.",
    ),
    (
        "document start",
        "De eerste regel van de front matter springt in.",
        "Begin de velden aan het begin van de regel, zonder spaties ervoor.",
    ),
)


def explain_yaml_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, str]:
    """A Dutch message and a hint for a YAML syntax error; the English original stays in brackets."""
    what = (exc.problem or exc.context or "onleesbare YAML").strip()
    mark = exc.problem_mark or exc.context_mark
    line = text.split("\n")[mark.line] if mark and mark.line < text.count("\n") + 1 else ""
    if "\t" in line:
        return (
            f"Er staat een tab-teken; in de front matter mogen alleen spaties. (YAML: {what})",
            "Vervang de tab door spaties (twee per niveau).",
        )
    problem = f"{exc.context or ''} {exc.problem or ''}"
    for needle, message, hint in _YAML_PROBLEMS:
        if needle in problem:
            return f"{message} (YAML: {what})", hint
    return (
        f"De front matter is geen geldige YAML ({what}).",
        "Controleer inspringing, dubbele punten en aanhalingstekens rond tekst met ':' of '#'.",
    )


ALIAS_MESSAGE = "YAML-ankers en -verwijzingen (& en *) zijn niet toegestaan."
ALIAS_HINT = "Schrijf de waarde gewoon opnieuw uit in plaats van & of * te gebruiken."


def _too_big(rel: str, size: int, limit: int) -> Diagnostic:
    return Diagnostic(
        rel,
        None,
        None,
        f"Het bestand is te groot ({size // 1024} KB; maximaal {limit // 1024} KB).",
        "Maak de tekst korter of verdeel hem over meer pagina's.",
    )


def decode(raw: bytes, rel: str, limit: int = MAX_FILE_BYTES) -> tuple[str | None, Diagnostic | None]:
    """UTF-8 only; a BOM and CRLF line endings (Windows editors) are accepted."""
    if len(raw) > limit:
        return None, _too_big(rel, len(raw), limit)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, Diagnostic(
            rel,
            line,
            None,
            "Het bestand is niet in UTF-8 opgeslagen.",
            "Sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan als' → codering UTF-8).",
        )
    if "\x00" in text:
        return None, Diagnostic(
            rel, None, None, "Het bestand bevat een NUL-teken.", "Sla het bestand opnieuw op als platte tekst (UTF-8)."
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def load_checked(
    text: str,
    rel: str,
    offset: int,
    example: str,
    duplicate: str = "Het veld '{key}' staat twee keer in de front matter.",
    duplicate_hint: str = "Voeg de twee samen tot één veld; bij dubbele velden telt anders alleen het laatste.",
) -> tuple[object, dict[str, int], Diagnostic | None]:
    """``load_yaml`` with every way contributors' YAML can fail turned into one Dutch diagnostic.

    ``offset``: the file line of the text's first line.
    """
    try:
        data, key_lines = load_yaml(text, offset)
    except AliasFound as exc:
        return None, {}, Diagnostic(rel, exc.line, None, ALIAS_MESSAGE, ALIAS_HINT)
    except (TooDeep, RecursionError):
        return (
            None,
            {},
            Diagnostic(
                rel,
                None,
                None,
                f"De velden zijn te diep genest (meer dan {MAX_NESTING} niveaus).",
                "Schrijf lijsten en velden plat: een lijst in een lijst is bijna nooit nodig.",
            ),
        )
    except DuplicateKey as exc:
        return None, {}, Diagnostic(rel, exc.line, exc.key, duplicate.format(key=exc.key), duplicate_hint)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + offset if mark else None
        if "could not determine a constructor" in str(exc):
            message = "YAML-tags (zoals !!python/...) zijn niet toegestaan."
            hint = "Haal de tag weg; schrijf alleen gewone tekst, lijsten en velden."
        else:
            message, hint = explain_yaml_error(exc, text)
        return None, {}, Diagnostic(rel, line, None, message, hint)
    except yaml.YAMLError as exc:  # errors without a position
        return None, {}, Diagnostic(rel, None, None, f"De YAML is niet geldig ({exc}).", example)
    except (ValueError, TypeError, OverflowError) as exc:
        # Constructor failures: still the contributor's input, never a traceback.
        return (
            None,
            {},
            Diagnostic(rel, None, None, f"De YAML kan niet worden gelezen ({type(exc).__name__}).", example),
        )
    return data, key_lines, None


def parse(text: str, rel: str) -> tuple[RawEntry | None, list[Diagnostic]]:
    """Split front matter from body and load it safely, with line numbers."""
    example = "Begin het bestand met een regel '---', dan de velden (id: ..., type: ...), dan weer '---'."
    if not text.strip():
        return None, [Diagnostic(rel, None, None, "Het bestand is leeg.", example)]
    lines = text.split("\n")
    if lines[0].strip() != FRONT_MATTER_FENCE:
        return None, [Diagnostic(rel, 1, None, "Het bestand begint niet met een front-matterblok ('---').", example)]
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() == FRONT_MATTER_FENCE)
    except StopIteration:
        return None, [
            Diagnostic(rel, 1, None, "Het front-matterblok wordt niet afgesloten met een regel '---'.", example)
        ]
    yaml_text = "\n".join(lines[1:end])
    data, key_lines, problem = load_checked(yaml_text, rel, offset=2, example=example)
    if problem:
        return None, [problem]
    if not isinstance(data, dict):
        return None, [Diagnostic(rel, 2, None, "De front matter moet uit velden bestaan (naam: waarde).", example)]
    body = "\n".join(lines[end + 1 :])
    return RawEntry(rel, data, body, end + 2, key_lines), []


def read_bytes_safely(path: Path, rel: str, limit: int = MAX_FILE_BYTES) -> tuple[bytes | None, Diagnostic | None]:
    """Only regular files, never through a symlink, and never more than the size limit.

    A pull request can add a symlink to /dev/zero or to a file outside the
    repository, or a huge file; none of those may hang or leak into a build.
    """
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            return None, Diagnostic(
                rel,
                None,
                None,
                "Dit is een snelkoppeling (symbolische link), geen gewoon bestand.",
                "Zet de tekst zelf in het bestand in practices/.",
            )
        if not stat.S_ISREG(info.st_mode):
            return None, Diagnostic(rel, None, None, "Dit is geen gewoon bestand.", "Haal het weg uit practices/.")
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
        if len(raw) > limit:
            return None, _too_big(rel, max(info.st_size, len(raw)), limit)
    except OSError as exc:
        return None, Diagnostic(rel, None, None, f"Het bestand kan niet worden gelezen ({exc.strerror}).")
    return raw, None


def read_text(path: Path, rel: str, limit: int = MAX_FILE_BYTES) -> tuple[str | None, Diagnostic | None]:
    """``read_bytes_safely`` and ``decode``: a contributor's file as text, or why it cannot be read."""
    raw, problem = read_bytes_safely(path, rel, limit)
    return (None, problem) if problem else decode(raw, rel, limit)


def read_file(path: Path, root: Path) -> tuple[RawEntry | None, list[Diagnostic]]:
    rel = PurePosixPath(path.relative_to(root)).as_posix()
    text, problem = read_text(path, rel)
    if problem:
        return None, [problem]
    return parse(text, rel)


def entry_files(practices: Path) -> list[Path]:
    """Every Markdown file under practices/, skipping templates and hidden files."""
    return sorted(
        p
        for p in practices.rglob("*.md")
        if not any(part.startswith((".", "_")) for part in p.relative_to(practices).parts)
        and p.name.lower() != "readme.md"
    )


Read = tuple[RawEntry | None, list[Diagnostic]]


class Reader:
    """Reads entry files, remembering each file's result by its size, time and inode.

    Like Pelican's ``FileStampDataCacher``: the preview server keeps one Reader,
    so after an edit only the changed file is parsed again. Only single-file
    results are kept; everything that depends on other files (ids, links,
    backlinks) is worked out anew on every run.
    """

    def __init__(self) -> None:
        self._known: dict[str, tuple[tuple[int, int, int], Read]] = {}

    def read_file(self, path: Path, root: Path) -> Read:
        rel = PurePosixPath(path.relative_to(root)).as_posix()
        try:
            info = os.lstat(path)
            stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
        except OSError:
            stamp = None
        known = self._known.get(rel)
        if stamp is not None and known is not None and known[0] == stamp:
            return known[1]
        result = read_file(path, root)
        if stamp is not None:
            self._known[rel] = (stamp, result)
        return result

    def read_all(self, practices: Path, root: Path) -> tuple[list[RawEntry], list[Diagnostic]]:
        """The entries that could be read, and every problem, in file order."""
        entries: list[RawEntry] = []
        problems: list[Diagnostic] = []
        files = entry_files(practices)
        for path in files:
            entry, diags = self.read_file(path, root)
            problems.extend(diags)
            if entry is not None:
                entries.append(entry)
        wanted = {PurePosixPath(p.relative_to(root)).as_posix() for p in files}
        self._known = {rel: known for rel, known in self._known.items() if rel in wanted}
        return entries, problems


def read_all(practices: Path, root: Path) -> tuple[list[RawEntry], list[Diagnostic]]:
    return Reader().read_all(practices, root)


def read_yaml_list(path: Path, root: Path) -> tuple[list | None, dict[str, int], list[Diagnostic]]:
    """The vocabulary and source registry files: a YAML list, read as safely as entries."""
    rel = PurePosixPath(path.relative_to(root)).as_posix()
    if not path.exists():
        return None, {}, [Diagnostic(rel, None, None, "Dit bestand ontbreekt.")]
    text, problem = read_text(path, rel, MAX_LIST_BYTES)
    if problem:
        return None, {}, [problem]
    data, key_lines, problem = load_checked(
        text,
        rel,
        offset=1,
        example="Elk item begint met '- ', gevolgd door de velden (naam: waarde).",
        duplicate="Het veld '{key}' staat twee keer in hetzelfde item.",
        duplicate_hint="Haal een van de twee weg; anders telt alleen het laatste.",
    )
    if problem:
        return None, {}, [problem]
    if not isinstance(data, list):
        return None, {}, [Diagnostic(rel, 1, None, "Dit bestand moet een lijst zijn (elke regel begint met '- ').")]
    return data, key_lines, []
