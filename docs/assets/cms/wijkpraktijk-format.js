// The file format of practices/ for Decap CMS: YAML front matter between two '---' lines, then the body.
//
// Why not Decap's own 'yaml-frontmatter': it writes YAML 1.2, and `make check` reads YAML 1.1
// (PyYAML), so a title 'yes', a time '1:30' or a number '1_000' would come back as true, 90 or 1000
// and fail. This format reads and writes with the rules of read.py: YAML 1.1 scalars exactly as
// PyYAML resolves them, dates kept as text (written unquoted: 2026-11-30).
//
// It also keeps a contributor's file as it was: the front matter is edited in place (comments,
// quoting, list style and key order stay), only changed values are written anew, new keys go where
// the template puts them, empty optional fields are left out (never null), and the body is written
// back byte for byte. Loading an entry and saving it unchanged gives the same file.
//
// Pure functions over a YAML library passed in: the admin page passes its vendored copy of npm's
// 'yaml', the tests pass the same package from node_modules.

const TYPE_KEY = "soort"; // sources: list items of two types (cms.py)
const REGISTRY = "bronnenlijst";

// PyYAML's implicit resolvers (yaml/resolver.py), where they differ from yaml's YAML 1.1 schema.
const PYYAML = {
  boolTrue: /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/,
  boolFalse: /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/,
  int: /^[-+]?(?:0|[1-9][0-9_]*)$/,
  intTime: /^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+$/,
  float: /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*|\.[0-9_]+)$/,
  floatExp: /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*|\.[0-9_]+)[eE][-+][0-9]+$/,
};
// Plain scalars PyYAML cannot load at all ('=' is its 'value' tag): always written in quotes.
const ALWAYS_QUOTED = new Set(["=", "<<"]);

function pyyamlTags(tags) {
  return tags
    // read.py keeps dates as text; '<<' is a plain text here (written in quotes), never a merge key
    .filter((t) => t.tag !== "tag:yaml.org,2002:timestamp" && t.tag !== "tag:yaml.org,2002:merge")
    .map((t) => {
      if (t.tag === "tag:yaml.org,2002:bool") {
        return { ...t, test: t.resolve().value ? PYYAML.boolTrue : PYYAML.boolFalse };
      }
      if (t.tag === "tag:yaml.org,2002:int" && !t.format) return { ...t, test: PYYAML.int };
      if (t.tag === "tag:yaml.org,2002:int" && t.format === "TIME") return { ...t, test: PYYAML.intTime };
      if (t.tag === "tag:yaml.org,2002:float" && t.format === "EXP") return { ...t, test: PYYAML.floatExp };
      if (t.tag === "tag:yaml.org,2002:float" && !t.format && !/inf/.test(t.test.source)) {
        return { ...t, test: PYYAML.float };
      }
      return t;
    });
}

export function yamlOptions() {
  return {
    version: "1.1",
    schema: "yaml-1.1",
    customTags: pyyamlTags,
    merge: false,
    uniqueKeys: true,
    lineWidth: 0, // never fold a long line
    minContentWidth: 0,
    indentSeq: true,
    flowCollectionPadding: false,
  };
}

// -- the front matter as the form sees it ------------------------------------------------------

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function fieldMap(fields) {
  return new Map((fields || []).map((f) => [f.name, f]));
}

// A source is a key from bronnen.yml (a string) or written out (an object): two list types in the form.
function toForm(value, fields) {
  if (!isObject(value)) return value;
  const byName = fieldMap(fields);
  const out = {};
  for (const [key, item] of Object.entries(value)) {
    const field = byName.get(key);
    if (field && field.types && Array.isArray(item)) {
      out[key] = item.map((v) => (isObject(v) ? { [TYPE_KEY]: "uitgeschreven", ...v } : { [TYPE_KEY]: REGISTRY, key: v }));
    } else if (field && field.fields && Array.isArray(item)) {
      out[key] = item.map((v) => toForm(v, field.fields));
    } else if (field && field.fields && isObject(item)) {
      out[key] = toForm(item, field.fields);
    } else {
      out[key] = item;
    }
  }
  return out;
}

function subfields(field, item) {
  if (!field) return undefined;
  if (field.types && isObject(item)) {
    const type = field.types.find((t) => t.name === item[TYPE_KEY]);
    return type ? type.fields : undefined;
  }
  return field.fields;
}

function isBlank(value) {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

// Back from the form: sources to their two shapes; empty optional values left out (never null or '').
function fromForm(value, fields) {
  if (Array.isArray(value)) {
    return value.map((v) => fromForm(v, fields)).filter((v) => !isBlank(v) && !(isObject(v) && !Object.keys(v).length));
  }
  if (!isObject(value)) return isBlank(value) ? undefined : value;
  const byName = fieldMap(fields);
  const out = {};
  for (const [key, item] of Object.entries(value)) {
    const field = byName.get(key);
    let clean;
    if (field && field.types && Array.isArray(item)) {
      clean = item
        .filter(isObject)
        .map((v) => {
          if (v[TYPE_KEY] === REGISTRY) return isBlank(v.key) ? undefined : v.key;
          const { [TYPE_KEY]: _type, ...rest } = v;
          const written = fromForm(rest, subfields(field, v));
          return written && Object.keys(written).length ? written : undefined;
        })
        .filter((v) => v !== undefined);
    } else if (Array.isArray(item)) {
      clean = item
        .map((v) => fromForm(v, subfields(field, v)))
        .filter((v) => v !== undefined && !(isObject(v) && !Object.keys(v).length));
    } else if (isObject(item)) {
      clean = fromForm(item, subfields(field, item));
      if (clean && !Object.keys(clean).length) clean = undefined;
    } else {
      clean = isBlank(item) ? undefined : item;
    }
    if (clean !== undefined) out[key] = clean;
  }
  return out;
}

// Fresh objects in the order of their fields (the template's order at the top).
function ordered(value, fields) {
  if (Array.isArray(value)) return value.map((v) => ordered(v, fields));
  if (!isObject(value)) return value;
  const names = (fields || []).map((f) => f.name);
  const byName = fieldMap(fields);
  const keys = [...names.filter((n) => n in value), ...Object.keys(value).filter((k) => !names.includes(k))];
  return Object.fromEntries(keys.map((k) => [k, ordered(value[k], subfields(byName.get(k), value[k]) || byName.get(k)?.fields)]));
}

function same(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => same(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
  }
  return false;
}

// -- editing the YAML document in place ----------------------------------------------------------

export function createFormat(YAML, fieldsByType) {
  const options = yamlOptions();
  const originals = new Map(); // id → the front matter as read: {text, doc, data}

  // Numbers keep their value but not their notation: yaml would write 1:30 back as 01:30 and 1.0e+3 as
  // 1e+3, which PyYAML reads as text. Written out plainly (90, 1000.0) they stay the numbers they were.
  function parse(text) {
    const doc = YAML.parseDocument(text, options);
    YAML.visit(doc, {
      Scalar(_key, scalar) {
        if (typeof scalar.value === "number") delete scalar.format;
      },
    });
    return doc;
  }

  function fields(type) {
    return fieldsByType[type] || [];
  }

  function fresh(doc, value, subs) {
    const node = doc.createNode(ordered(value, subs));
    YAML.visit(node, {
      Scalar(_key, scalar) {
        // PyYAML refuses a tab where a block text's indentation could be: such texts go in double quotes
        if (typeof scalar.value === "string" && (ALWAYS_QUOTED.has(scalar.value) || scalar.value.includes("\t"))) {
          scalar.type = "QUOTE_DOUBLE";
        }
      },
    });
    return node;
  }

  function valueOf(doc, node) {
    return YAML.isNode(node) ? node.toJS(doc) : node === null || node === undefined ? null : node;
  }

  // `old` (a node) becomes `value`: maps are updated key by key, lists item by item, so what did not
  // change keeps its text and comments.
  function replace(doc, old, value, subs, byItem) {
    if (same(valueOf(doc, old), value)) return old;
    if (YAML.isMap(old) && isObject(value)) {
      update(doc, old, value, subs);
      return old;
    }
    if (YAML.isSeq(old) && Array.isArray(value)) {
      const seq = new YAML.YAMLSeq(doc.schema);
      seq.flow = old.flow && value.every((v) => !isObject(v) && !Array.isArray(v));
      seq.commentBefore = old.commentBefore;
      seq.comment = old.comment;
      seq.items = value.map((item, i) => {
        const before = old.items[i];
        const itemFields = byItem ? byItem(item) : subs;
        return before === undefined ? fresh(doc, item, itemFields) : replace(doc, before, item, itemFields);
      });
      return seq;
    }
    const node = fresh(doc, value, subs);
    if (YAML.isNode(old)) {
      node.commentBefore = old.commentBefore;
      node.comment = old.comment;
    }
    return node;
  }

  function update(doc, map, value, subs) {
    const byName = fieldMap(subs);
    const order = (subs || []).map((f) => f.name);
    const keyOf = (pair) => (YAML.isScalar(pair.key) ? pair.key.value : pair.key);
    map.items = map.items.filter((pair) => Object.hasOwn(value, keyOf(pair)));
    for (const pair of map.items) {
      const key = keyOf(pair);
      const field = byName.get(key);
      const byItem = field && field.types ? (item) => (isObject(item) ? inlineFields(field) : undefined) : undefined;
      pair.value = replace(doc, pair.value, value[key], field ? field.fields : undefined, byItem);
    }
    const present = new Set(map.items.map(keyOf));
    for (const key of Object.keys(value)) {
      if (present.has(key)) continue;
      const field = byName.get(key);
      const sub = field && field.types ? inlineFields(field) : field && field.fields;
      const pair = doc.createPair(key, null);
      pair.value = fresh(doc, value[key], sub);
      const rank = order.indexOf(key);
      let at = map.items.length;
      if (rank !== -1) {
        at = 0;
        map.items.forEach((p, i) => {
          const r = order.indexOf(keyOf(p));
          if (r !== -1 && r < rank) at = i + 1;
        });
      }
      map.items.splice(at, 0, pair);
      present.add(key);
    }
  }

  function inlineFields(field) {
    const inline = (field.types || []).find((t) => t.name !== REGISTRY);
    return inline ? inline.fields : undefined;
  }

  return {
    fromFile(content) {
      const lines = content.split("\n");
      if (lines[0].trim() !== "---") return { body: content };
      const end = lines.findIndex((line, i) => i > 0 && line.trimEnd() === "---");
      if (end === -1) throw new Error("De front matter wordt niet afgesloten met een regel '---'.");
      const text = lines.slice(1, end).join("\n");
      const doc = parse(text);
      if (doc.errors.length) {
        throw new Error(`De front matter is geen geldige YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
      }
      const data = doc.toJS() || {};
      if (typeof data.id === "string") originals.set(data.id, { text, data });
      return { ...toForm(data, fields(data.type)), body: lines.slice(end + 1).join("\n") };
    },

    toFile(entry, sortedKeys = []) {
      const { body = "", ...meta } = entry;
      const subs = fields(meta.type);
      const order = subs.length ? subs : sortedKeys.map((name) => ({ name }));
      const value = fromForm(meta, subs) || {};
      const original = typeof value.id === "string" ? originals.get(value.id) : undefined;
      let front;
      if (original && same(original.data, value)) {
        front = original.text ? `${original.text}\n` : "";
      } else {
        const doc = original ? parse(original.text) : new YAML.Document(null, options);
        if (!YAML.isMap(doc.contents)) doc.contents = new YAML.YAMLMap(doc.schema);
        update(doc, doc.contents, value, order);
        front = doc.toString(options);
      }
      return `---\n${front}---\n${body}`;
    },
  };
}

// The form's fields per entry type, from the collections of config.yml.
export function fieldsByType(config) {
  const found = {};
  for (const collection of config.collections || []) {
    const type = (collection.fields || []).find((f) => f.name === "type");
    if (type && type.default) found[type.default] = collection.fields.filter((f) => f.name !== "body");
  }
  return found;
}

// -- rules checked on saving ---------------------------------------------------------------------

const CITATION = /\[@[a-z0-9]/; // the start of a reference [@key]; references.py reads the rest

// The first rule of validate.py that the form's data breaks, in Dutch, or null. These need more than one
// field (or the whole knowledge base: `used`, every id in use or once used), so no widget can check them.
export function saveProblem(data, { used, isNew, slug }) {
  const id = data.id;
  if (isNew && used.has(id)) {
    return `De id '${id}' is al in gebruik of was eerder in gebruik (een webadres blijft van één pagina). Kies een andere id, bijvoorbeeld met de plaatsnaam erbij.`;
  }
  if (!isNew && slug && id !== slug) {
    return `De id van een bestaande pagina verander je niet in het formulier (was '${slug}'). Vraag de redactie om de pagina te hernoemen; de oude id komt dan in 'Eerdere ids'.`;
  }
  if ((data.related || []).includes(id)) return "Een pagina kan niet naar zichzelf verwijzen: haal haar weg bij 'Zie ook'.";
  const basis = data.basis || [];
  if (data.status === "compleet" && basis.length === 1 && basis[0] === "plan") {
    return "Een pagina die alleen op een plan steunt, kan niet 'compleet' zijn: wat er gebeurde ontbreekt nog.";
  }
  const period = data.period || {};
  if (Number.isInteger(period.start) && Number.isInteger(period.end) && period.end < period.start) {
    return "Het eindjaar van de periode ligt voor het beginjaar.";
  }
  const steps = data.steps || [];
  for (const [i, step] of steps.entries()) {
    if (!step.editorial && !CITATION.test(`${step.title || ""} ${step.text || ""}`)) {
      return `Stap ${i + 1} ('${step.title || ""}') noemt geen bron: zet in de uitleg een verwijzing [@key], of zet 'Advies van de redactie' aan als het eigen advies is.`;
    }
  }
  if (data.origin && !CITATION.test(data.origin)) {
    return "De herkomst van de methode noemt geen bron: zet er een verwijzing [@key] achter, of laat het veld leeg.";
  }
  for (const position of data.positions || []) {
    if (!CITATION.test(position.summary || "")) {
      return `Het standpunt '${position.title || ""}' noemt geen bron: zet in de samenvatting een verwijzing [@key].`;
    }
  }
  const keys = (data.sources || []).map((s) => (typeof s === "string" ? s : s.key)).filter(Boolean);
  for (const fact of data.facts || []) {
    if (fact.source && !keys.includes(fact.source)) {
      return `Het kerncijfer '${fact.label || ""}' verwijst naar bron '${fact.source}', die deze pagina niet noemt. Kies een van: ${keys.join(", ") || "(geen bron met een key)"}.`;
    }
  }
  return null;
}
