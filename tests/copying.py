"""Find text that a reader of both a page and its source would call copied.

An exact-run test is passed by swapping a word or two inside a source
sentence, so this module compares in two ways that a swap cannot pass:

- **windows**: every run of ``WINDOW`` page words is matched against the
  sources with up to ``MAX_EDITS`` words changed, inserted or dropped (an
  approximate-substring search, seeded by shared three-word runs);
- **sentences**: every page sentence is compared with every source sentence
  that shares enough content words; it is flagged when it keeps most of the
  source sentence's words in order. Each clause of the source sentence is
  matched on its own, so moving the clauses around does not hide a copy.

Left out of the comparison: quotations marked „…” (the house rules allow one
short, attributed sentence; longer ones are reported separately), fixed names
(``FIXED_NAMES`` and the article titles in ``bronnen.yml``), reference markers
and link targets.

Standalone on purpose (standard library and PyYAML only), like
``test_content.py``: run ``python tests/copying.py [files...]`` for a report
while rewriting a page.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
PRACTICES = REPO / "practices"
SOURCES_DIR = REPO.parent / "shared" / "sources"

WINDOW = 10  # words in a window
MAX_EDITS = 2  # words a window may differ by (changed, inserted or dropped) and still count as copied
MIN_WINDOW_CONTENT = 5  # a window of mostly small words ("en de van het") is not a copy
SENTENCE_MIN_WORDS = 10  # a shorter source sentence is a single fact, and facts carry over
SENTENCE_SHARE = 0.6  # flagged when this share of a source sentence's words reappears in order
SENTENCE_MIN_MATCHED = 7
MAX_QUOTE_WORDS = 25  # „…” is for one short sentence

# Names that a page must be able to repeat word for word.
FIXED_NAMES = (
    "één gezin, één plan, één hulpverlener",
    "een gezin, een plan, een hulpverlener",
    # Van Abbema's three transformation levels, and the titles the sources cite
    "normaliseren van hulp en zorg, preventie en innovatie",
    "In de buurt - reisgids voor de transformatie van het sociaal domein",
    "collectief kijken blijkt blinde vlek van wijkteams",
)

# Dutch function words: a window or sentence made of these says nothing about copying.
_STOPWORD_TEXT = """
    de het een en of maar dan dat die dit deze er is zijn was waren wordt worden werd werden heeft hebben had
    hadden kan kunnen kon konden zal zullen zou zouden moet moeten mag mogen wil willen van voor met op in uit
    aan bij naar om over onder tot door als ook nog niet geen wel al meer veel zo te ze zij hij we wij je jij u
    hun hen haar zijn mijn ons onze jullie men wie wat waar hoe waarom welke elk elke ieder iedere alle alles
    andere ander hier daar dus toch want omdat terwijl wanneer sinds na zonder tussen tegen binnen buiten
    ik me mij zich zelf mee af toe weer even nu echt heel zeer juist vooral steeds iets niets niemand iemand
    s t n 1 2 3
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_HYPHEN_BREAK = re.compile(r"(\w)-[ \t]*\r?\n[ \t]*(\w)")
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
_CLAUSE = re.compile(r"[,;:–—()]|\s-\s")
_QUOTE = re.compile(r"„([^”\n]*(?:\n[^”\n]*)*?)”")
_CITATION = re.compile(r"\[@[^\]]*\]")
_WIKILINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]*))?\]\]")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_KEY_LINE = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w-]*:(?:\s+|$)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_PROSE_KEYS_SKIP = frozenset({"id", "type", "url", "key", "lat", "lon", "year", "end", "start", "reviewed"})


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("_", " "))


def is_content(word: str) -> bool:
    return word not in STOPWORDS and not word.isdigit()


# ----------------------------------------------------------------- the sources


def proper_names(texts) -> set[str]:
    """Words the sources only ever write as names (Movisie, Hilhorst, CJG): repeating them is not copying.

    A word counts when it is capitalised inside a sentence somewhere and never written in lower case.
    """
    capitalised, lower = set(), set()
    for text in texts:
        text = _HYPHEN_BREAK.sub(r"\1\2", text)
        for match in re.finditer(r"\w+", text):
            word = match.group(0)
            before = text[: match.start()].rstrip()
            sentence_start = not before or before[-1] in ".!?:‘'\"“„(*-–"
            if word.islower():
                lower.add(word)
            elif not sentence_start and not word.isupper() or (word.isupper() and 1 < len(word) <= 5):
                capitalised.add(word.lower())
    return capitalised - lower


@dataclass
class Sentence:
    file: str
    line: int
    text: str
    words: list[str]
    clauses: list[list[str]]


@dataclass
class Sources:
    """The source articles as one word stream (for windows) and as sentences."""

    stream: list[str] = field(default_factory=list)
    where: list[tuple[int, int]] = field(default_factory=list)  # stream position -> (sentence index, line)
    sentences: list[Sentence] = field(default_factory=list)
    by_word: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    names: set[str] = field(default_factory=set)
    trigrams: dict[tuple[str, ...], list[int]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def load(cls, folder: Path = SOURCES_DIR) -> Sources:
        sources = cls()
        texts = {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))}
        sources.names = proper_names(texts.values())
        for name, text in texts.items():
            sources._add(name, text)
        for i in range(len(sources.stream) - 2):
            sources.trigrams[tuple(sources.stream[i : i + 3])].append(i)
        return sources

    def _add(self, name: str, text: str) -> None:
        text = _HYPHEN_BREAK.sub(r"\1\2", text)
        offset = 0
        for chunk in _SENTENCE_END.split(text):
            start = text.find(chunk, offset)
            offset = start + len(chunk)
            line = text.count("\n", 0, start) + 1
            flat = " ".join(chunk.split())
            sentence_words = words(flat)
            if not sentence_words:
                continue
            index = len(self.sentences)
            clauses = [w for w in (words(c) for c in _CLAUSE.split(flat)) if w]
            self.sentences.append(Sentence(name, line, flat, sentence_words, clauses))
            for word in sentence_words:
                self.where.append((index, line))
                self.stream.append(word)
                if is_content(word) and word not in self.names:
                    self.by_word[word].add(index)
            # a sentence boundary is never bridged by a window
            self.stream.append("\x00")
            self.where.append((index, line))


# ------------------------------------------------------------------- the pages


@dataclass
class Segment:
    """A run of prose that reads on: a front-matter value, a paragraph, a heading, a list item."""

    words: list[str]
    lines: list[int]
    text: str


@dataclass
class Finding:
    path: str
    line: int
    kind: str  # "window", "sentence" or "quote"
    page_text: str
    source: Sentence | None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        if self.kind == "quote":
            return f"{where}: citaat langer dan één korte zin ({MAX_QUOTE_WORDS} woorden): „{self.page_text}”"
        src = self.source
        label = "zin volgt de bronzin" if self.kind == "sentence" else "woordreeks (op 2 woorden na) uit de bron"
        return f"{where}: {label}\n    pagina: {self.page_text}\n    bron {src.file}:{src.line}: {src.text}"


def fixed_names() -> list[str]:
    names = list(FIXED_NAMES)
    bronnen = PRACTICES / "bronnen.yml"
    if bronnen.exists():
        for item in yaml.safe_load(bronnen.read_text(encoding="utf-8")) or []:
            if not isinstance(item, dict):
                continue
            for key in ("title", "publication"):
                value = str(item.get(key) or "").strip("'\"")
                # a title and its subtitle are also cited apart ("Impressie …, met als ondertitel …")
                names += [part.strip() for part in re.split(r"[:,]\s", value) if len(part.split()) >= 3]
                if value:
                    names.append(value)
    return names


def _strip_markup(line: str) -> str:
    line = _CITATION.sub(" ", line)
    line = _WIKILINK.sub(lambda m: m.group(2) or m.group(1), line)
    line = _MD_LINK.sub(r"\1", line)
    return line


def page_segments(text: str, names: list[str]) -> tuple[list[Segment], list[tuple[int, str]]]:
    """The prose of a page file as segments, and its marked quotations (line, text)."""
    quotes = []
    for match in _QUOTE.finditer(text):
        quotes.append((text.count("\n", 0, match.start()) + 1, " ".join(match.group(1).split())))
    # quotations and fixed names become segment breaks, longest first
    text = _QUOTE.sub(lambda m: " \x01 " + "\n" * m.group(0).count("\n"), text)
    for name in sorted(names, key=len, reverse=True):
        pattern = re.compile(r"\s+".join(re.escape(part) for part in name.split()), re.IGNORECASE)
        text = pattern.sub(lambda m: " \x01 " + "\n" * m.group(0).count("\n"), text)

    segments: list[Segment] = []
    current: list[tuple[str, int]] = []

    def close() -> None:
        if current:
            segments.append(Segment([w for w, _ in current], [n for _, n in current], " ".join(w for w, _ in current)))
            current.clear()

    lines = text.split("\n")
    in_front = bool(lines) and lines[0].strip() == "---"
    for number, raw in enumerate(lines, start=1):
        line = raw
        if in_front:
            if number > 1 and raw.strip() == "---":
                in_front = False
                close()
                continue
            key = _KEY_LINE.match(line)
            if key:
                close()
                name = key.group(0).strip().lstrip("- ").rstrip(":")
                if name in _PROSE_KEYS_SKIP:
                    continue
                line = line[key.end() :]
            elif _LIST_ITEM.match(line):
                close()
                line = _LIST_ITEM.sub("", line)
            line = line.strip().strip("'\"").lstrip(">|-")
        else:
            stripped = line.strip()
            if not stripped or stripped.startswith(("#", "!!!", "???", "|", "```", "~~~")) or _LIST_ITEM.match(line):
                close()
            if stripped.startswith("!!!"):
                continue
            line = _LIST_ITEM.sub("", stripped).lstrip("#>| ").replace("|", " \x01 ")
        line = _strip_markup(line)
        for part_index, part in enumerate(line.split("\x01")):
            if part_index:
                close()
            for word in words(part):
                current.append((word, number))
    close()
    return segments, quotes


# --------------------------------------------------------------- the matching


def _approximate_match(window: list[str], region: list[str]) -> int:
    """Fewest edits turning ``window`` into some stretch of ``region`` (Sellers' algorithm)."""
    previous = [0] * (len(region) + 1)
    for i, word in enumerate(window, start=1):
        current = [i] + [0] * len(region)
        for j, other in enumerate(region, start=1):
            current[j] = min(
                previous[j - 1] + (word != other),
                previous[j] + 1,
                current[j - 1] + 1,
            )
        previous = current
    return min(previous)


def window_hits(segment: Segment, sources: Sources) -> list[tuple[int, int]]:
    """(page word index, source stream index) for each window that is a near-copy."""
    hits = []
    w = segment.words
    for s in range(len(w) - WINDOW + 1):
        window = w[s : s + WINDOW]
        if sum(is_content(x) and x not in sources.names for x in window) < MIN_WINDOW_CONTENT:
            continue
        tried = set()
        for t in range(WINDOW - 2):
            for j in sources.trigrams.get(tuple(window[t : t + 3]), ()):
                origin = j - t
                if origin in tried:
                    continue
                tried.add(origin)
                region = sources.stream[max(0, origin - MAX_EDITS) : max(0, origin + WINDOW + MAX_EDITS)]
                # never across a sentence end of the source: cut the region at the seed's sentence
                seed = j - max(0, origin - MAX_EDITS)
                left = max((k for k, x in enumerate(region[:seed]) if x == "\x00"), default=-1) + 1
                right = next((k for k, x in enumerate(region[seed:], seed) if x == "\x00"), len(region))
                if _approximate_match(window, region[left:right]) <= MAX_EDITS:
                    hits.append((s, j))
                    break
            else:
                continue
            break
    return hits


def in_order_share(source: Sentence, page_words: list[str], names: set[str]) -> tuple[int, int]:
    """Words of the source sentence found in order in the page sentence, clause by clause, and out of how many.

    Only runs of two or more words count (single shared words are vocabulary), and names and
    numbers count on neither side: facts carry over, sentences do not.
    """
    matched = 0
    for clause in source.clauses:
        blocks = SequenceMatcher(None, clause, page_words, autojunk=False).get_matching_blocks()
        for block in blocks:
            if block.size >= 2:
                matched += sum(not _is_fact(w, names) for w in clause[block.a : block.a + block.size])
    return matched, sum(not _is_fact(w, names) for w in source.words)


def _is_fact(word: str, names: set[str]) -> bool:
    return word in names or word.isdigit()


def sentence_hits(sentence_words: list[str], sources: Sources) -> Sentence | None:
    content = {w for w in sentence_words if is_content(w) and w not in sources.names}
    if len(sentence_words) < 6 or len(content) < 3:
        return None
    counts: dict[int, int] = defaultdict(int)
    for word in content:
        for index in sources.by_word.get(word, ()):
            counts[index] += 1
    best, best_share = None, 0.0
    for index, shared in counts.items():
        if shared < 3:
            continue
        source = sources.sentences[index]
        matched, total = in_order_share(source, sentence_words, sources.names)
        if total < SENTENCE_MIN_WORDS:
            continue
        share = matched / total
        if matched >= SENTENCE_MIN_MATCHED and share >= SENTENCE_SHARE and share > best_share:
            best, best_share = source, share
    return best


def check_text(path: str, text: str, sources: Sources, names: list[str]) -> list[Finding]:
    findings: list[Finding] = []
    segments, quotes = page_segments(_split_sentences(text), names)
    for line, quote in quotes:
        quote_words = words(quote)
        sentences = [words(part) for part in re.split(r"(?<=[.!?])\s+", quote)]
        if len(quote_words) > MAX_QUOTE_WORDS or sum(len(part) >= 4 for part in sentences) > 1:
            findings.append(Finding(path, line, "quote", quote, None))
    flagged_lines: set[int] = set()
    for segment in segments:
        for s, j in window_hits(segment, sources):
            line = segment.lines[s]
            if line in flagged_lines:
                continue
            flagged_lines.add(line)
            sentence = sources.sentences[sources.where[j][0]]
            findings.append(Finding(path, line, "window", " ".join(segment.words[s : s + WINDOW]), sentence))
        source = sentence_hits(segment.words, sources)
        if source is not None:
            line = segment.lines[0]
            if line not in flagged_lines:
                flagged_lines.add(line)
                findings.append(Finding(path, line, "sentence", segment.text, source))
    return findings


def _split_sentences(text: str) -> str:
    """Mark sentence ends as segment breaks (keeping line numbers) so segments are sentences."""
    return re.sub(r"(?<=[.!?])(?=\s)", " \x01", text)


def pages() -> list[Path]:
    found = sorted(p for p in PRACTICES.glob("*/*.md") if not p.parent.name.startswith("_"))
    found += sorted(p for p in (REPO / "docs").glob("*.md"))
    return found


def check_all(paths: list[Path] | None = None, sources: Sources | None = None) -> list[Finding]:
    sources = sources or Sources.load()
    names = fixed_names()
    findings = []
    for path in paths or pages():
        rel = str(path.resolve().relative_to(REPO)) if path.resolve().is_relative_to(REPO) else str(path)
        findings += check_text(rel, path.read_text(encoding="utf-8"), sources, names)
    return findings


if __name__ == "__main__":
    if not SOURCES_DIR.is_dir():
        sys.exit(f"bronartikelen niet gevonden in {SOURCES_DIR}")
    results = check_all([Path(a) for a in sys.argv[1:]] or None)
    for finding in results:
        print(finding)
    by_kind = defaultdict(int)
    for finding in results:
        by_kind[finding.kind] += 1
    files = len({f.path for f in results})
    print(
        f"\n{len(results)} vondsten in {files} bestanden: " + ", ".join(f"{k} {v}" for k, v in sorted(by_kind.items()))
    )
    sys.exit(1 if results else 0)
