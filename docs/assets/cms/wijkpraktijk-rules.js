// The body rules of `make check` in the form at /admin/, before saving, with the same Dutch messages: a
// reference on every block that needs one (rules.py, on body.py's blocks), the fixed headings (types.py) and
// text from a template left in (leftovers.py). What the rules need from the Python side (the headings per
// type, the templates' sentences) comes from wijkpraktijk-rules.json, which cms.py writes from the same
// constants. tests/fixtures/body_rules.yml holds example pages that both must judge alike
// (tests/test_body_rules.py runs make check and this module on each; tests/js/body_rules.mjs drives this one).
//
// Safety rules (no HTML, allowed links, the rendered allowlist) stay with make check and the build only:
// they refuse what the form cannot produce by accident, and a copy here could only be weaker.

const FENCE = /^\s*(```|~~~)/;
const INLINE_CODE = /`[^`]*`/g;
const GROUP = /\[(@[^\[\]\n]{0,500})\]/g;
const ITEM = /^@([a-z0-9]+(?:-[a-z0-9]+)*)\s*(?:,\s*(.*))?$/s;
const ADMONITION = /^!!!\s+[\w-]+(?:\s+"(.*)")?\s*$/;
const LIST_ITEM = /^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s+\S/;
const BLOCK_HEADING = /^\s{0,3}#{1,6}(\s|$)/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const HEADING = /^(#{1,6})[ \t]+(.*)$/;

// body.prose_lines: lines outside fenced code, inline code removed; [number, line] with 1-based numbers.
function proseLines(text) {
  const out = [];
  let inFence = false;
  text.split("\n").forEach((line, i) => {
    if (FENCE.test(line)) { inFence = !inFence; return; }
    if (inFence) return;
    out.push([i + 1, line.includes("`") ? line.replace(INLINE_CODE, "") : line]);
  });
  return out;
}

// references.has_citation: one readable [@key] outside code.
export function hasCitation(text) {
  if (!text) return false;
  for (const [, line] of proseLines(text)) {
    if (!line.includes("[@")) continue;
    for (const m of line.matchAll(GROUP)) {
      if (m[1].split(";").some((part) => ITEM.test(part.trim()))) return true;
    }
  }
  return false;
}

function kindOf(line) {
  const stripped = line.trimStart();
  if (LIST_ITEM.test(line)) return "lijstpunt";
  if (stripped.startsWith("|")) return "tabel";
  if (stripped.startsWith(">")) return "citaat";
  return "alinea";
}

// references.blocks: paragraphs, list items, tables and quotes, with their first line and whether they are
// inside an "Advies van de redactie" block.
export function blocks(body, editorsTitle) {
  const found = [];
  let current = [];
  let start = 0, kind = "alinea", editorial = false;
  let inAdmonition = false, admonitionEditorial = false, inFence = false;
  const close = () => {
    if (current.length) found.push({ line: start, kind, text: current.join("\n"), editorial });
    current = [];
  };
  body.split("\n").forEach((line, i) => {
    const number = i + 1;
    if (FENCE.test(line)) { inFence = !inFence; close(); return; }
    if (inFence) return;
    if (inAdmonition && line.trim() && !(line.startsWith("    ") || line.startsWith("\t"))) {
      inAdmonition = false;
      close();
    }
    let content = line;
    if (inAdmonition && line.trim()) content = line.startsWith("    ") ? line.slice(4) : line.slice(1);
    if (!content.trim()) { close(); return; }
    const m = ADMONITION.exec(line);
    if (m) {
      close();
      inAdmonition = true;
      admonitionEditorial = (m[1] || "").trim() === editorsTitle;
      return;
    }
    if (BLOCK_HEADING.test(content) || RULE.test(content)) { close(); return; }
    const newKind = kindOf(content);
    const table = (k) => k === "tabel" || k === "citaat";
    if (current.length && (newKind === "lijstpunt" || table(kind) !== table(newKind))) close();
    if (!current.length) { start = number; kind = newKind; editorial = inAdmonition && admonitionEditorial; }
    current.push(content);
  });
  close();
  return found;
}

// body.headings: (line, level, text) of every heading outside code.
function headings(body) {
  const out = [];
  for (const [number, line] of proseLines(body)) {
    const m = HEADING.exec(line);
    if (m) out.push([number, m[1].length, m[2].trimEnd().replace(/#+$/, "").trimEnd()]);
  }
  return out;
}

function headingProblems(body, section) {
  const problems = [];
  const { required, order: allowed } = section;
  const seen = [];
  const quoted = (list) => list.map((h) => `'## ${h}'`).join(", ");
  for (const [line, level, text] of headings(body)) {
    if (level === 1) {
      problems.push({ line, message: "Een kop met één # is niet toegestaan; de titel komt uit het veld 'title'.", hint: "Gebruik '## ' voor hoofdstukken en '### ' voor tussenkopjes." });
    } else if (level === 2) {
      if (text === "Bronnen") {
        problems.push({ line, message: "De kop 'Bronnen' wordt automatisch gemaakt.", hint: "Haal deze kop weg en zet de bronnen in het veld 'sources'." });
      } else if (!allowed.includes(text)) {
        problems.push({ line, message: `Onbekende kop '## ${text}'.`, hint: `Toegestane koppen voor dit soort pagina: ${quoted(allowed) || "geen"}. Gebruik '### ' voor een tussenkopje.` });
      } else if (seen.includes(text)) {
        problems.push({ line, message: `De kop '## ${text}' staat er twee keer in.`, hint: "Voeg de twee stukken samen onder één kop." });
      } else {
        seen.push(text);
      }
    }
  }
  const missing = required.filter((h) => !seen.includes(h));
  if (missing.length) {
    problems.push({ line: 1, message: `Verplichte kop(pen) ontbreken: ${quoted(missing)}.`, hint: `Elk soort pagina heeft vaste koppen, in deze volgorde: ${quoted(allowed)}.` });
  }
  const order = allowed.filter((h) => seen.includes(h));
  if (!missing.length && seen.join("\n") !== order.join("\n")) {
    problems.push({ line: 1, message: "De koppen staan niet in de vaste volgorde.", hint: `Volgorde: ${quoted(order)}.` });
  }
  return problems;
}

function citationProblems(body, kind, keys, rules) {
  const example = `[@${keys[0] || "woltring-leeuwarden"}]`;
  if (rules.full_coverage.includes(kind)) {
    return blocks(body, rules.editors_title).filter((b) => !b.editorial && !hasCitation(b.text)).map((b) => ({
      line: b.line,
      message: `${b.kind === "lijstpunt" || b.kind === "citaat" ? "Dit" : "Deze"} ${b.kind} noemt geen bron.`,
      hint: `Zet er een verwijzing achter naar een bron van deze pagina, zoals ${example}. Is het eigen advies van de redactie, zet het dan ingesprongen onder ${rules.editors_example}.`,
    }));
  }
  if (body.trim() && !hasCitation(body)) {
    return [{ line: 1, message: "De tekst noemt nergens een bron.", hint: `Zet achter de zinnen die uit een bron komen een verwijzing, zoals ${example}.` }];
  }
  return [];
}

// leftovers.normalise and leftovers.sentences.
export function normalise(text) {
  const plain = text.replace(/\[@[^\[\]\n]*\]/g, "").normalize("NFC").replace(/[*_`>]/g, "");
  return plain.split(/\s+/).filter(Boolean).join(" ").replace(/ ([.,;:!?])/g, "$1").toLowerCase();
}

function words(text) { return text.split(/\s+/).filter(Boolean).length; }

export function sentences(text) {
  return normalise(text).split(/(?<=[.!?])\s+/).map(normalise).filter((s) => words(s) >= 2);
}

// leftovers._leaves: every prose string of the form's data, with its field path (list indexes left out, as
// make check names the field) and the item numbers of the lists it is in (one finding per item, as make check).
function* leaves(data, notProse, path = [], items = []) {
  if (Array.isArray(data)) {
    for (const [i, value] of data.entries()) yield* leaves(value, notProse, path, [...items, i + 1]);
  } else if (data && typeof data === "object") {
    for (const [key, value] of Object.entries(data)) {
      if (!notProse.includes(key) && key !== "body") yield* leaves(value, notProse, [...path, key], items);
    }
  } else if (typeof data === "string" && words(data) >= 2) {
    yield [path.join("."), items, data];
  }
}

function leftoverProblems(data, body, rules) {
  const { placeholders, editors_title: editorsTitle } = rules;
  const fields = new Set(placeholders.fields), said = new Set(placeholders.body);
  const problems = [];
  for (const [field, items, text] of leaves(data, rules.not_prose)) {
    if (fields.has(normalise(text))) {
      problems.push({ field, ...(items.length ? { items } : {}), message: rules.leftovers.field_message, hint: rules.leftovers.field_hint });
    }
  }
  for (const block of blocks(body, editorsTitle)) {
    if (sentences(block.text).some((s) => said.has(s))) {
      problems.push({ line: block.line, message: rules.leftovers.body_message, hint: rules.leftovers.body_hint });
    }
  }
  return problems;
}

// Every problem make check would report for these rules, fields first, then by line:
// {line | field (+ items), message, hint}.
export function bodyProblems(data, rules) {
  const kind = data.type;
  const section = rules.sections[kind];
  if (!section) return [];
  const body = typeof data.body === "string" ? data.body.replace(/\r\n?/g, "\n") : "";
  const keys = (data.sources || []).map((s) => (typeof s === "string" ? s : s && s.key)).filter(Boolean);
  const all = [...headingProblems(body, section), ...citationProblems(body, kind, keys, rules), ...leftoverProblems(data, body, rules)];
  const seen = new Set();
  return all
    .filter((p) => { const k = JSON.stringify(p); if (seen.has(k)) return false; seen.add(k); return true; })
    .sort((a, b) => (a.field ? -1 : 0) - (b.field ? -1 : 0) || (a.line || 0) - (b.line || 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}

// What the form says on saving: each problem with where it is, its message and the way out, as make check.
export function describe(problems, labels) {
  return problems.map((p) => {
    const item = p.items ? ` (nr. ${p.items.join(".")})` : "";
    const where = p.field ? `Veld '${labels[p.field] || p.field}'${item}` : `Tekst, regel ${p.line}`;
    return `${where}: ${p.message} → ${p.hint}`;
  });
}
