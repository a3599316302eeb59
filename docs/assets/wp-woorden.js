/* Wijkpraktijk: which pages really hold the words of a query (loaded by wp-search.js; sets window.WPWoorden).
 *
 * Pagefind finds too much for a knowledge base that must say when it does not know: a word it has not
 * indexed falls back to a shorter indexed word ('dementie' → 'de', every page) and its Dutch stemmer
 * strips 'ge-' ('geweld' → 'wel'). The build writes, next to Pagefind's index, which page holds which
 * word (scripts/wijkpraktijk/search_index.py: pagefind/woorden/), keyed by a light base form. Here a
 * query word finds a page only when the page holds that word in one of its forms ('huisbezoeken' →
 * huisbezoek), as the first part of a compound ('keukentafel' → keukentafelgesprek), or through a listed
 * synonym (practices/synoniemen.yml, on the page as meta). Pagefind still ranks and writes excerpts.
 *
 * Ranking: pages with more of the query's words first; then pages whose title or alias holds them (or a
 * synonym of that name); then pages where a synonym of a term in the title holds them; then methods,
 * concepts, practice stories and tensions before places and organisations; then Pagefind's score. fold, words and base do exactly what their namesakes
 * in search_index.py do (tests/fixtures/woordvormen.yml is run through both).
 *
 * From disk (the offline download, file://) a browser fetches nothing, so Pagefind cannot run there: the
 * download holds the same word list and each page's text as one script (scripts/wijkpraktijk/offline.py),
 * and OfflinePages below stands in for the little of Pagefind that Words and Verkennen use (search with
 * filters and a sort, filters, preload, a result's data). A classic script, not an ES module, for the same reason: a browser imports no module from disk.
 */
(function (global) {
"use strict";

const COMBINING = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const APOSTROPHE = /(?<=[\p{L}\p{N}_])['’](?=[\p{L}\p{N}_])/gu;
const WORD = /[a-z0-9]+(?:-[a-z0-9]+)*/g;
const MIN_BASE = 3;
const STRONG = 1;
const COMPOUND = 2;
const NEAR = 4;
/* Words that say nothing about a topic ("wat is kwartiermaken"): left out unless the query has nothing else. */
const STOP_WORDS = new Set(("de het een en of in op aan van voor met bij naar om te tot door over uit is zijn was " +
  "wat wie hoe waar wanneer welke welk die dat dit deze er ik je jij u we wij zij ze hij als dan niet geen ook nog " +
  "maar mijn hun kan kun kunnen moet wordt worden heb heeft hebben zo al meer alles iets iemand").split(" "));
const MAX_FORMS = 4;

function fold(text) {
  let lowered = String(text).toLowerCase();
  if (/[^\x00-\x7f]/.test(lowered)) lowered = lowered.normalize("NFD").replace(COMBINING, "");
  return lowered.replace(APOSTROPHE, "");
}

function words(text) {
  const found = [];
  for (const m of fold(text).matchAll(WORD)) {
    const word = m[0];
    if (word.includes("-")) found.push(word.replace(/-/g, ""), ...word.split("-"));
    else found.push(word);
  }
  return found;
}

function base(word, endings) {
  let key = word.replace(/(.)\1+/g, "$1").replace(/z/g, "s").replace(/v/g, "f");
  for (let i = 0; i < 3; i++) {
    const ending = endings.find((e) => key.endsWith(e) && key.length - e.length >= MIN_BASE);
    if (ending === undefined) break;
    key = key.slice(0, -ending.length);
  }
  return key;
}

/* A query as the visitor typed it: one entry per word, a hyphenated word kept whole. */
function queryTerms(query) {
  const terms = [];
  for (const m of fold(query).matchAll(WORD)) terms.push(m[0]);
  return terms;
}

class Words {
  /* folder: the URL of pagefind/woorden/ (ending in '/'); or data: the offline index (offline.py), whole. */
  constructor(folder, data) {
    this.folder = folder;
    this.data = data || null;
    this.indexPromise = null;
    this.chunks = new Map();
  }

  load() {
    if (!this.indexPromise && this.data) this.indexPromise = Promise.resolve(this.data.index);
    if (!this.indexPromise) {
      this.indexPromise = fetch(new URL("index.json", this.folder)).then((r) => {
        if (!r.ok) throw new Error("woordenlijst ontbreekt: " + r.status);
        return r.json();
      });
      this.indexPromise.catch(() => { this.indexPromise = null; });
    }
    return this.indexPromise;
  }

  async chunk(prefix) {
    const index = await this.load();
    if (this.data) return this.data.chunks[prefix] || {};
    const name = index.chunks[prefix];
    if (!name) return {};
    if (!this.chunks.has(name)) {
      const loading = fetch(new URL(name, this.folder)).then((r) => {
        if (!r.ok) throw new Error(name + ": " + r.status);
        return r.json();
      });
      this.chunks.set(name, loading);
      loading.catch(() => this.chunks.delete(name));
    }
    return this.chunks.get(name);
  }

  async entry(key) {
    return (await this.chunk(key.slice(0, 2)))[key] || null;
  }

  key(word, index) {
    return base(word, index.endings);
  }

  /* While the visitor types: fetch what the words so far will need, so the answer does not wait for it. */
  async prefetch(query) {
    const index = await this.load();
    const prefixes = new Set();
    for (const term of queryTerms(query)) {
      for (const part of [term.replace(/-/g, ""), ...term.split("-")]) {
        const key = this.key(part, index);
        if (key.length >= 2) prefixes.add(key.slice(0, 2));
      }
    }
    await Promise.all([...prefixes].map((p) => this.chunk(p).catch(() => ({}))));
  }

  /* The words of a query: {text, key, entry (null: no page holds it), stop}. Two words that the site
     writes as one ('kwartier maken') count as that one word; a hyphenated word the site does not hold
     whole counts as its parts. */
  async parse(query) {
    const index = await this.load();
    const known = async (text) => {
      const key = this.key(text, index);
      return { text, key, entry: key ? await this.entry(key) : null, stop: STOP_WORDS.has(text) };
    };
    const terms = [];
    for (const term of queryTerms(query)) {
      if (!term.includes("-")) { terms.push(term); continue; }
      const whole = await known(term.replace(/-/g, ""));
      if (whole.entry) terms.push(whole.text); else terms.push(...term.split("-"));
    }
    const parsed = [];
    for (let i = 0; i < terms.length; i++) {
      if (i + 1 < terms.length) {
        const joined = await known(terms[i] + terms[i + 1]);
        if (joined.entry) { parsed.push({ ...joined, text: terms[i] + " " + terms[i + 1] }); i++; continue; }
      }
      parsed.push(await known(terms[i]));
    }
    const content = parsed.filter((w) => !w.stop);
    return content.length ? content : parsed;
  }

  /* The pages that hold the query's words, best first, each with its Pagefind result (for data()):
     {words: parse(query), pages: [{page, hash, type, matched, strong, near, score, result}]}. */
  async find(pf, query) {
    const index = await this.load();
    /* Pagefind's index chunks load while the word list is read: two round trips become one. */
    for (const term of queryTerms(query)) if (!STOP_WORDS.has(term)) pf.preload(term).catch(() => {});
    const parsed = await this.parse(query);
    const known = parsed.filter((w) => w.entry);
    const pages = new Map();
    known.forEach((word, i) => {
      for (const posting of word.entry.p) {
        const number = Math.floor(posting / index.flags), flags = posting % index.flags;
        let page = pages.get(number);
        if (!page) {
          const [hash, type] = index.pages[number];
          page = { page: number, hash, type: index.types[type], matched: new Set(), strong: 0, near: 0, score: 0, result: null };
          pages.set(number, page);
        }
        page.matched.add(i);
        if (flags & STRONG) page.strong++;
        else if (flags & NEAR) page.near++;
      }
    });
    const byHash = new Map([...pages.values()].map((p) => [p.hash, p]));
    /* Pagefind's score per word: the query word and the forms the site uses (its stemmer joins most). */
    await Promise.all(known.map(async (word) => {
      const terms = [...new Set([word.text, ...word.entry.f])].slice(0, MAX_FORMS + 1);
      const best = new Map();
      for (const search of await Promise.all(terms.map((t) => pf.search(t)))) {
        for (const r of search.results) {
          if (!byHash.has(r.id)) continue;
          const seen = best.get(r.id);
          if (!seen || r.score > seen.score) best.set(r.id, r);
        }
      }
      for (const [hash, r] of best) {
        const page = byHash.get(hash);
        page.score += r.score;
        if (!page.result || r.score > page.bestScore) { page.result = r; page.bestScore = r.score; }
      }
    }));
    /* A page with several of the words: its excerpt should show them all. */
    if (known.length > 1) {
      const together = await pf.search(known.map((w) => w.text).join(" "));
      for (const r of together.results) {
        const page = byHash.get(r.id);
        if (page && page.matched.size > 1) page.result = r;
      }
    }
    const ranked = [...pages.values()].filter((p) => p.result);
    ranked.sort((a, b) => b.matched.size - a.matched.size || b.strong - a.strong || b.near - a.near ||
      a.type.tier - b.type.tier || b.score - a.score || a.page - b.page);
    return { words: parsed, pages: ranked };
  }

  /* facet → value → Set of page numbers, for the explore page's counts when a query narrows it. */
  async facets() {
    const index = await this.load();
    if (!this.facetPromise) {
      const raw = this.data ? Promise.resolve(this.data.facets || {}) : fetch(new URL(index.facets, this.folder)).then((r) => {
        if (!r.ok) throw new Error(index.facets + ": " + r.status);
        return r.json();
      });
      this.facetPromise = raw.then((data) => {
        const out = {};
        for (const [facet, values] of Object.entries(data)) {
          out[facet] = {};
          for (const [value, numbers] of Object.entries(values)) out[facet][value] = new Set(numbers);
        }
        return out;
      });
      this.facetPromise.catch(() => { this.facetPromise = null; });
    }
    return this.facetPromise;
  }
}

/* From disk: what Words needs of Pagefind, over the offline index's pages (offline.py writes data.pages,
   in the word list's page order). Words decides which pages hold the words; this only scores them, as
   Pagefind would roughly (a word in the title counts more than one in the text), and writes an excerpt.
   An excerpt is a list of {text, mark} pieces, never HTML: the page text is the contributors', so
   wp-search.js shows it with textContent. */
const EXCERPT_BEFORE = 60;
const EXCERPT_LENGTH = 220;
const TITLE_WEIGHT = 7;
const NAMES_WEIGHT = 2;

function occurrences(haystack, needle) {
  let n = 0;
  for (let at = haystack.indexOf(needle); needle && at >= 0; at = haystack.indexOf(needle, at + needle.length)) n++;
  return n;
}

function excerpt(text, terms) {
  const lower = text.toLowerCase();
  const hits = terms.map((t) => lower.indexOf(t)).filter((at) => at >= 0);
  let start = hits.length ? Math.max(0, Math.min(...hits) - EXCERPT_BEFORE) : 0;
  if (start > 0) start = text.indexOf(" ", start) + 1;
  const window = text.slice(start, start + EXCERPT_LENGTH);
  const lowWindow = window.toLowerCase();
  const pieces = [];
  let from = 0;
  for (;;) {
    let at = -1, term = "";
    for (const t of terms) {
      const i = t ? lowWindow.indexOf(t, from) : -1;
      if (i >= 0 && (at < 0 || i < at)) { at = i; term = t; }
    }
    if (at < 0) break;
    if (at > from) pieces.push({ text: window.slice(from, at), mark: false });
    pieces.push({ text: window.slice(at, at + term.length), mark: true });
    from = at + term.length;
  }
  pieces.push({ text: window.slice(from) + (start + EXCERPT_LENGTH < text.length ? " …" : ""), mark: false });
  if (start > 0) pieces.unshift({ text: "… ", mark: false });
  return pieces;
}

class OfflinePages {
  /* data: the offline index (offline.py): data.index.pages[n] = [hash, type], data.pages[n] = the page,
     data.facets[facet][value] = the numbers of the pages that have it. */
  constructor(data) {
    this.pages = data.pages.map((page, n) => ({ page, n, hash: data.index.pages[n][0], folded: null }));
    this.facetSets = {};
    for (const [facet, values] of Object.entries(data.facets || {})) {
      this.facetSets[facet] = {};
      for (const [value, numbers] of Object.entries(values)) this.facetSets[facet][value] = new Set(numbers);
    }
  }

  preload() { return Promise.resolve(); }

  /* Pagefind's filters(): facet → value → how many pages have it. */
  filters() {
    const out = {};
    for (const [facet, values] of Object.entries(this.facetSets)) {
      out[facet] = {};
      for (const [value, pages] of Object.entries(values)) out[facet][value] = pages.size;
    }
    return Promise.resolve(out);
  }

  /* As Pagefind: within a facet any chosen value, between facets all ({facet: {any: [values]}}). */
  passes(p, filters) {
    return Object.entries(filters || {}).every(([facet, chosen]) =>
      (chosen.any || []).some((value) => Boolean(this.facetSets[facet] && this.facetSets[facet][value] && this.facetSets[facet][value].has(p.n))));
  }

  /* Every page, with a score for the words of ``text`` (Words keeps only the pages its word list found);
     with ``text`` null (Verkennen without a query), every page that passes ``options.filters``, sorted by
     title if asked, and per facet value how many of them have it (Pagefind's search().filters). */
  search(text, options) {
    if (text === null) return Promise.resolve(this.browse(options || {}));
    const terms = [...new Set(words(text))];
    const results = this.pages.map((p) => {
      if (!p.folded) p.folded = { title: fold(p.page.title), names: fold(p.page.names), text: fold(p.page.summary + " " + p.page.text) };
      let score = 0;
      for (const t of terms) {
        score += TITLE_WEIGHT * occurrences(p.folded.title, t) + NAMES_WEIGHT * occurrences(p.folded.names, t) + occurrences(p.folded.text, t);
      }
      const page = p.page;
      return {
        id: p.hash, score,
        data: () => Promise.resolve({ url: page.url, meta: { title: page.title, summary: page.summary, type: page.type }, excerpt: excerpt(page.text, terms), sub_results: [] })
      };
    });
    return Promise.resolve({ results });
  }

  browse(options) {
    const kept = this.pages.filter((p) => this.passes(p, options.filters));
    if (options.sort) kept.sort((a, b) => a.page.sort.localeCompare(b.page.sort, "nl") || a.n - b.n);
    const counts = {};
    for (const [facet, values] of Object.entries(this.facetSets)) {
      counts[facet] = {};
      for (const [value, pages] of Object.entries(values)) counts[facet][value] = kept.filter((p) => pages.has(p.n)).length;
    }
    const results = kept.map((p) => ({
      id: p.hash, score: 0,
      data: () => Promise.resolve({ url: p.page.url, meta: { title: p.page.title, summary: p.page.summary, type: p.page.type }, excerpt: [], sub_results: [] })
    }));
    return { results, filters: counts };
  }
}

global.WPWoorden = { fold, words, base, Words, OfflinePages, STRONG, COMPOUND, NEAR, STOP_WORDS };
})(typeof window !== "undefined" ? window : globalThis);
