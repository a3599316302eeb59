/* Wijkpraktijk search and explore, on Pagefind (site/pagefind/, same origin).
 *
 * - A search button in Material's header opens a results dialog; "/" or
 *   Ctrl-K / Cmd-K opens it from anywhere, arrows and Enter pick a result.
 * - The explore page (Verkennen, #wp-explore) filters every entry by facets;
 *   the URL holds the filters, so a view can be shared or cited. Where the
 *   results sit below the filters (a phone), its intro folds away and a sticky
 *   "Toon N resultaten" button jumps to them.
 * From disk (the offline download, file://) a browser fetches nothing, so
 * Pagefind cannot run: there the dialog searches the index the download holds
 * as a script (assets/wp-zoekindex.js, scripts/wijkpraktijk/offline.py), with
 * the same word rules and ranking (wp-woorden.js), and Verkennen filters on
 * the facets that index holds.
 * Loads nothing when the theme's own search is on, or online when
 * site/pagefind/ is missing: then the page stays as is.
 */
(function () {
  "use strict";

  var FACETS = [
    ["type", "Type"], ["thema", "Thema"], ["plaats", "Plaats"], ["organisatie", "Organisatie"],
    ["methode", "Methode"], ["onderbouwing", "Onderbouwing"], ["doelgroep", "Doelgroep"], ["niveau", "Niveau"], ["periode", "Periode"]
  ];
  var META_WEIGHTS = { title: 7, aliassen: 6, verwant: 2, synoniemen: 0.5, summary: 1, type: 0.5, id: 0.5 };
  var PAGE_SIZE = 30;
  /* Below this width the explore page shows its results under the filters (wp-search.css). */
  var STACKED = "(max-width: 59.9375em)";
  var RESULTS_SHOWN = 8;
  var ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>';

  function siteBase() {
    var base = ".";
    try { base = JSON.parse(document.getElementById("__config").textContent).base || "."; } catch (e) { /* default */ }
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "html") node.innerHTML = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  /* Pagefind escapes page text in excerpts; keep only its <mark> tags, to be sure. */
  function safeExcerpt(html) {
    return (html || "").replace(/<(?!\/?mark>)/g, "&lt;");
  }

  /* An excerpt: Pagefind's HTML (its own <mark>s only), or from disk a list of {text, mark} pieces of page
     text, set as text (the page text is the contributors': never parsed as markup). */
  function excerptNode(excerpt) {
    if (typeof excerpt === "string") return el("span", { html: safeExcerpt(excerpt) });
    return el("span", {}, (excerpt || []).map(function (piece) {
      return piece.mark ? el("mark", { text: piece.text }) : document.createTextNode(piece.text);
    }));
  }

  var BASE = siteBase();
  var OFFLINE = location.protocol === "file:";
  var OFFLINE_INDEX = "assets/wp-zoekindex.js";  /* sets window.WP_ZOEKINDEX (offline.py) */

  /* A page of the site by its folder ('verkennen/'): from disk a folder is no page, its index.html is. */
  function sitePage(path) {
    return new URL(OFFLINE && /\/$/.test(path) ? path + "index.html" : path, BASE);
  }

  /* A script of the site, once: a <script src> also loads from disk, where import() and fetch() do not. */
  var scripts = {};
  function loadScript(path) {
    if (!scripts[path]) {
      scripts[path] = new Promise(function (resolve, reject) {
        var script = el("script", { src: new URL(path, BASE).href });
        script.addEventListener("load", resolve);
        script.addEventListener("error", function () { delete scripts[path]; script.remove(); reject(new Error(path)); });
        document.head.appendChild(script);
      });
    }
    return scripts[path];
  }
  /* Pagefind ranks and writes excerpts; wp-woorden.js decides which pages hold the words (see there). */
  var enginePromise = null;
  function engine() {
    if (!enginePromise) {
      if (OFFLINE) return offlineEngine();
      var pagefind = import(new URL("pagefind/pagefind.js", BASE).href).then(function (pf) {
        /* Aliases weigh like a title; synonyms of words in the text only lightly (search_terms.py). */
        return pf.options({ baseUrl: BASE.pathname, ranking: { metaWeights: META_WEIGHTS } }).then(function () { return pf.init(); }).then(function () { return pf; });
      });
      var words = loadScript("assets/wp-woorden.js").then(function () {
        var list = new window.WPWoorden.Words(new URL("pagefind/woorden/", BASE));
        return list.load().then(function () { return list; });
      });
      enginePromise = Promise.all([pagefind, words]).then(function (both) { return { pf: both[0], words: both[1] }; });
      enginePromise.catch(function () { enginePromise = null; });
    }
    return enginePromise;
  }

  /* From disk: the word list and the pages' text from the download's own index, and a stand-in for Pagefind. */
  function offlineEngine() {
    enginePromise = Promise.all([loadScript("assets/wp-woorden.js"), loadScript(OFFLINE_INDEX)]).then(function () {
      var data = window.WP_ZOEKINDEX;
      return { pf: new window.WPWoorden.OfflinePages(data), words: new window.WPWoorden.Words(null, data) };
    });
    enginePromise.catch(function () { enginePromise = null; });
    return enginePromise;
  }

  /* Themes and databanks for a query without results (kennisbank/zoekhulp.json, search_terms.py). */
  var helpPromise = null;
  function searchHelp() {
    if (!helpPromise) {
      helpPromise = OFFLINE
        ? loadScript(OFFLINE_INDEX).then(function () { return window.WP_ZOEKINDEX.help; })
        : fetch(new URL("kennisbank/zoekhulp.json", BASE).href).then(function (r) { return r.ok ? r.json() : { themes: [], databanks: [] }; });
      helpPromise.catch(function () { helpPromise = null; });
    }
    return helpPromise;
  }

  /* Before the visitor types: Pagefind, its WebAssembly and language data, the word list and the help. */
  function warmUp() {
    engine().catch(function () { /* the dialog says so when it is opened */ });
    searchHelp().catch(function () {});
  }

  /* ---------- search dialog ---------- */
  var dialog, input, list, status, typesBox, moreBox, noneBox, active = -1, items = [], searchSeq = 0, timer = null;
  var lastFound = null, lastQuery = "", chosenType = null;

  function buildDialog() {
    input = el("input", {
      type: "search", class: "wp-search__input", placeholder: "Zoek een woord, methode, plaats…",
      "aria-label": "Zoekwoord", autocomplete: "off", spellcheck: "false", role: "combobox",
      "aria-controls": "wp-search-results", "aria-expanded": "false", enterkeyhint: "search"
    });
    var close = el("button", { type: "button", class: "wp-search__close", "aria-label": "Sluiten", text: "Sluiten" });
    status = el("p", { class: "wp-search__status", role: "status", "aria-live": "polite" });
    typesBox = el("div", { class: "wp-search__types", role: "group", "aria-label": "Soort pagina", hidden: "" });
    list = el("ul", { id: "wp-search-results", class: "wp-search__results", role: "listbox", "aria-label": "Zoekresultaten" });
    /* Outside the listbox: a listbox may only hold options (WCAG 4.1.2, axe aria-required-children). */
    moreBox = el("p", { class: "wp-search__more" });
    noneBox = el("div", { class: "wp-search__none", hidden: "" });
    var help = el("p", { class: "wp-search__help" }, [
      el("span", { class: "wp-search__keys", html: "<kbd>↑</kbd> <kbd>↓</kbd> kiezen · <kbd>Enter</kbd> openen · <kbd>Esc</kbd> sluiten · " }),
      el("a", { href: sitePage("verkennen/").href, text: "Verkennen met filters" })
    ]);
    dialog = el("dialog", { class: "wp-search", "aria-label": "Zoeken in Wijkpraktijk" }, [
      el("div", { class: "wp-search__bar" }, [el("span", { class: "wp-search__icon", html: ICON }), input, close]),
      status, typesBox, list, moreBox, noneBox, help
    ]);
    document.body.appendChild(dialog);
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("click", function (ev) { if (ev.target === dialog) dialog.close(); });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      prefetch(input.value);
      timer = setTimeout(runSearch, 100);
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        ev.preventDefault();
        if (!items.length) return;
        var next = active + (ev.key === "ArrowDown" ? 1 : -1);
        setActive((next + items.length) % items.length);
      } else if (ev.key === "Enter") {
        ev.preventDefault();
        var target = items[active >= 0 ? active : 0];
        if (target) location.href = target.href;
      }
    });
  }

  /* While typing: fetch the word-list chunks and Pagefind's index chunks the words so far will need. */
  function prefetch(query) {
    if (!enginePromise || !query.trim()) return;
    engine().then(function (e) {
      e.words.prefetch(query).catch(function () {});
      var last = query.trim().split(/\s+/).pop();
      if (last.length >= 2) e.pf.preload(last).catch(function () {});
    }).catch(function () {});
  }

  /* items are the result links themselves: each <a> is the option, so no link sits inside an
     option (axe nested-interactive); the <li> around it is role="none". */
  function setActive(i) {
    items.forEach(function (item, n) { item.setAttribute("aria-selected", n === i ? "true" : "false"); });
    active = i;
    if (items[i]) {
      input.setAttribute("aria-activedescendant", items[i].id);
      items[i].scrollIntoView({ block: "nearest" });
    }
  }

  /* Where the word occurs: the best-matching section of the page, if not its top. */
  function where(data) {
    var subs = (data.sub_results || []).filter(function (s) { return s.url !== data.url && s.title !== data.meta.title; });
    return subs.length ? subs[0] : null;
  }

  function resultItem(data, n, found) {
    var sub = where(data);
    var excerpt = sub ? sub.excerpt : data.excerpt;
    return el("li", { class: "wp-search__result", role: "none" }, [
      el("a", { href: new URL(data.url, BASE).href, id: "wp-search-result-" + n, role: "option", "aria-selected": "false", "data-words": found.words }, [
        el("span", { class: "wp-search__type", text: data.meta.type || "Pagina" }),
        el("span", { class: "wp-search__title", text: data.meta.title || data.url }),
        data.meta.summary ? el("span", { class: "wp-search__summary", text: data.meta.summary }) : null,
        el("span", { class: "wp-search__excerpt" }, [
          sub ? el("span", { class: "wp-search__where", text: "In ‘" + sub.title + "’: " }) : null,
          excerptNode(excerpt)
        ])
      ])
    ]);
  }

  function quoted(words) {
    return words.map(function (w) { return "‘" + w.text + "’"; }).join(", ");
  }

  function showNone(query) {
    noneBox.hidden = false;
    noneBox.replaceChildren(el("p", { class: "wp-search__none-lead", text: "Zo kom je misschien verder:" }));
    var ways = el("ul");
    ways.appendChild(el("li", { text: "Probeer een ander of algemener woord; één woord werkt vaak het best." }));
    var explore = sitePage("verkennen/");
    ways.appendChild(el("li", {}, [el("span", { text: "Filter alle pagina's op thema, soort of plaats in " }), el("a", { href: explore.href, text: "Verkennen" }), el("span", { text: "." })]));
    noneBox.appendChild(ways);
    searchHelp().then(function (helpData) {
      if (lastQuery !== query) return;
      if (helpData.themes.length) {
        noneBox.insertBefore(el("p", { class: "wp-search__none-lead", text: "Of kijk per thema:" }), null);
        noneBox.appendChild(el("ul", { class: "wp-search__themes" }, helpData.themes.map(function (t) {
          return el("li", {}, [el("a", { href: sitePage(t.url).href, text: t.label })]);
        })));
      }
      if (helpData.databanks.length) {
        noneBox.appendChild(el("p", { class: "wp-search__none-lead", text: "Gaat je vraag over een onderwerp dat hier (nog) niet staat? Zoek dan in de landelijke databanken met beschreven en beoordeelde aanpakken:" }));
        noneBox.appendChild(el("ul", { class: "wp-search__databanks" }, helpData.databanks.map(function (d) {
          return el("li", {}, [el("a", { href: d.url, text: d.label })]);
        })));
      }
    }).catch(function () {});
  }

  function typeChips(found) {
    var counts = {}, order = [];
    found.pages.forEach(function (p) {
      if (!counts[p.type.label]) { counts[p.type.label] = 0; order.push(p.type); }
      counts[p.type.label]++;
    });
    if (chosenType && !counts[chosenType]) chosenType = null;
    if (order.length < 2) { typesBox.hidden = true; typesBox.replaceChildren(); return; }
    order.sort(function (a, b) { return a.tier - b.tier || counts[b.label] - counts[a.label] || a.label.localeCompare(b.label, "nl"); });
    function chip(label, value, n) {
      var button = el("button", { type: "button", class: "wp-search__chip", "aria-pressed": String(chosenType === value), "data-type": value || "" }, [
        el("span", { text: label }), el("span", { class: "wp-search__chip-n", text: String(n) })
      ]);
      button.addEventListener("click", function () { chosenType = value; showResults(lastFound, lastQuery); });
      return button;
    }
    typesBox.replaceChildren.apply(typesBox, [chip("Alles", null, found.pages.length)].concat(order.map(function (t) {
      return chip(t.plural, t.label, counts[t.label]);
    })));
    typesBox.hidden = false;
  }

  function showResults(found, query) {
    var seq = searchSeq;
    var known = found.words.filter(function (w) { return w.entry; });
    var unknown = found.words.filter(function (w) { return !w.entry; });
    typeChips(found);
    var pages = chosenType ? found.pages.filter(function (p) { return p.type.label === chosenType; }) : found.pages;
    var top = pages.slice(0, RESULTS_SHOWN);
    var total = pages.length;
    var best = total > RESULTS_SHOWN ? ", de beste " + RESULTS_SHOWN + " hieronder" : "";
    moreBox.replaceChildren();
    noneBox.hidden = true;
    noneBox.replaceChildren();
    if (!found.pages.length) {
      status.textContent = "Geen pagina gevonden met " + quoted(found.words) + ".";
      showNone(query);
    } else if (unknown.length) {
      status.textContent = "Geen pagina noemt " + quoted(unknown) + ". Wel " + (total === 1 ? "1 pagina" : total + " pagina's") +
        " met " + quoted(known) + best + ".";
    } else {
      status.textContent = (total === 1 ? "1 resultaat" : total + " resultaten") + best +
        (known.length > 1 && found.pages[0].matched.size < known.length ? ". Geen pagina noemt alle woorden; die met de meeste staan bovenaan." : "");
    }
    if (total > RESULTS_SHOWN) {
      var more = sitePage("verkennen/");
      more.searchParams.set("q", query);
      if (chosenType) more.searchParams.set("type", chosenType);
      moreBox.appendChild(el("a", { href: more.href, text: "Alle " + total + " resultaten, met filters" }));
    }
    /* Each result shows as soon as it and those above it have their excerpt: on a slow connection the
       first one does not wait for the eighth. */
    list.replaceChildren();
    items = []; active = -1;
    input.removeAttribute("aria-activedescendant");
    input.setAttribute("aria-expanded", top.length ? "true" : "false");
    var shown = 0, loaded = top.map(function (p) { return p.result.data(); });
    function next() {
      if (seq !== searchSeq || shown >= loaded.length) return Promise.resolve();
      return loaded[shown].then(function (d) {
        if (seq !== searchSeq) return;
        var matched = Array.from(top[shown].matched).map(function (i) { return known[i].text; });
        var item = resultItem(d, shown, { words: matched.join("|") });
        list.appendChild(item);
        items.push(item.firstChild);
        shown++;
        if (shown === 1) list.setAttribute("data-first", query);
        return next();
      });
    }
    if (!top.length) list.setAttribute("data-first", query);
    return next().then(function () {
      if (seq === searchSeq) list.setAttribute("data-query", query);
    });
  }

  function runSearch() {
    var query = input.value.trim();
    var seq = ++searchSeq;
    if (!query) {
      list.replaceChildren(); moreBox.replaceChildren(); items = []; active = -1;
      typesBox.hidden = true; noneBox.hidden = true;
      status.textContent = "";
      input.setAttribute("aria-expanded", "false");
      return;
    }
    if (!lastFound) status.textContent = "Zoeken…";
    engine().then(function (e) { return e.words.find(e.pf, query); }).then(function (found) {
      if (seq !== searchSeq) return null;
      lastFound = found; lastQuery = query;
      return showResults(found, query);
    }).catch(function () {
      if (seq === searchSeq) status.textContent = "Zoeken is nu niet beschikbaar.";
    });
  }

  function openSearch(initial) {
    if (!dialog) buildDialog();
    if (!dialog.open) dialog.showModal();
    if (typeof initial === "string") { input.value = initial; runSearch(); }
    input.focus();
    input.select();
    warmUp();
  }

  function addHeaderButton() {
    var header = document.querySelector(".md-header__inner");
    if (!header) return;
    var button = el("button", {
      type: "button", class: "md-header__button wp-search-button", "aria-label": "Zoeken", title: "Zoeken (/ of Ctrl-K)",
      "aria-keyshortcuts": "/ Control+K Meta+K"
    }, [
      el("span", { class: "wp-search-button__icon md-icon", html: ICON }),
      el("span", { class: "wp-search-button__label", text: "Zoeken" }),
      el("kbd", { class: "wp-search-button__key", text: "/" })
    ]);
    button.addEventListener("click", function () { openSearch(); });
    button.addEventListener("pointerenter", warmUp);
    button.addEventListener("focus", warmUp);
    var source = header.querySelector(".md-header__source");
    header.insertBefore(button, source);
  }

  function isTyping(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function bindKeys() {
    /* Capture phase, so Material's own "/" handler never sees these keys. */
    window.addEventListener("keydown", function (ev) {
      var ctrlK = (ev.ctrlKey || ev.metaKey) && !ev.altKey && ev.key.toLowerCase() === "k";
      var slash = ev.key === "/" && !ev.ctrlKey && !ev.metaKey && !ev.altKey && !isTyping(ev.target);
      if (ctrlK || slash) {
        ev.preventDefault();
        ev.stopImmediatePropagation();
        openSearch();
      }
    }, true);
  }

  /* ---------- explore page ---------- */
  function explore(root) {
    var state = readState();
    var shown = PAGE_SIZE, lastSearch = null, seq = 0, typing = null;
    var form = el("form", { class: "wp-explore__filters", role: "search", "aria-label": "Filters" });
    var queryInput = el("input", { type: "search", name: "q", class: "wp-explore__query", placeholder: "Zoekwoord (mag leeg blijven)", "aria-label": "Zoekwoord" });
    queryInput.value = state.q;
    form.appendChild(el("label", { class: "wp-explore__label", text: "Zoekwoord" }, [queryInput]));
    var groups = {};
    FACETS.forEach(function (f) {
      var box = el("div", { class: "wp-explore__values" });
      var details = el("details", { class: "wp-explore__facet", "data-facet": f[0] }, [el("summary", { text: f[1] }), box]);
      if (state.filters[f[0]].length) details.open = true;
      groups[f[0]] = box;
      form.appendChild(details);
    });
    var clear = el("button", { type: "button", class: "md-button wp-explore__clear", text: "Alle filters wissen" });
    form.appendChild(clear);
    /* On a phone the results are below a long list of filters: this button stays in view while the
       visitor scrolls the filters, says how many pages the choice leaves, and jumps to them. */
    var jump = el("button", { type: "button", class: "md-button md-button--primary wp-explore__jump", text: "Resultaten tonen" });
    form.appendChild(jump);
    var summary = el("p", { class: "wp-explore__count", id: "wp-explore-count", role: "status", "aria-live": "polite", tabindex: "-1" });
    var share = el("p", { class: "wp-explore__share" });
    var results = el("ol", { class: "wp-explore__results" });
    var more = el("button", { type: "button", class: "md-button wp-explore__more", text: "Meer tonen", hidden: "" });
    root.replaceChildren(form, el("div", { class: "wp-explore__main" }, [summary, share, results, more]));
    root.hidden = false;
    document.querySelectorAll(".wp-nojs").forEach(function (n) { n.hidden = true; });

    function readState() {
      var params = new URLSearchParams(location.search);
      var filters = {};
      FACETS.forEach(function (f) { filters[f[0]] = params.getAll(f[0]); });
      return { q: params.get("q") || "", filters: filters };
    }

    function writeState() {
      var params = new URLSearchParams();
      if (state.q) params.set("q", state.q);
      FACETS.forEach(function (f) { state.filters[f[0]].forEach(function (v) { params.append(f[0], v); }); });
      var qs = params.toString();
      history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
      share.replaceChildren();
      if (qs) {
        share.appendChild(el("span", { text: "Deze selectie delen of citeren: " }));
        share.appendChild(el("a", { href: location.href, class: "wp-explore__permalink", text: "vaste link naar deze selectie" }));
      }
    }

    function pagefindFilters(except) {
      var out = {};
      FACETS.forEach(function (f) {
        if (f[0] !== except && state.filters[f[0]].length) out[f[0]] = { any: state.filters[f[0]] };
      });
      return out;
    }

    /* Values within one facet are alternatives, so a chosen facet's own counts come
       from a search without that facet: "how many pages if I also pick this value". */
    function facetCounts(pf, search, totals) {
      /* Pagefind gives no per-value counts for an unfiltered, empty query: then every page counts. */
      function of(found, filters, key) {
        if (!state.q && !Object.keys(filters).length) return totals[key] || {};
        return (found.filters || {})[key] || {};
      }
      var counts = {};
      var all = pagefindFilters();
      FACETS.forEach(function (f) { counts[f[0]] = of(search, all, f[0]); });
      var chosen = FACETS.filter(function (f) { return state.filters[f[0]].length; });
      return Promise.all(chosen.map(function (f) {
        var without = pagefindFilters(f[0]);
        return pf.search(state.q || null, { filters: without }).then(function (other) {
          counts[f[0]] = of(other, without, f[0]);
        });
      })).then(function () { return counts; });
    }

    function renderFacets(counts, totals) {
      FACETS.forEach(function (f) {
        var key = f[0], box = groups[key];
        var values = Object.keys(totals[key] || {});
        state.filters[key].forEach(function (v) { if (values.indexOf(v) < 0) values.push(v); });
        values.sort(function (a, b) { return a.localeCompare(b, "nl"); });
        box.replaceChildren.apply(box, values.map(function (value) {
          var n = (counts[key] || {})[value] || 0;
          var checkbox = el("input", { type: "checkbox", value: value, "data-facet": key });
          checkbox.checked = state.filters[key].indexOf(value) >= 0;
          checkbox.addEventListener("change", function () {
            var list = state.filters[key];
            if (checkbox.checked) list.push(value); else list.splice(list.indexOf(value), 1);
            shown = PAGE_SIZE;
            update();
          });
          return el("label", { class: "wp-explore__value" + (n === 0 && !checkbox.checked ? " wp-explore__value--empty" : "") }, [
            checkbox, el("span", { text: value }), el("span", { class: "wp-explore__n", text: String(n) })
          ]);
        }));
        var active = state.filters[key].length;
        box.parentNode.querySelector("summary").textContent = f[1] + (active ? " (" + active + " gekozen)" : "");
      });
    }

    function renderResults(search) {
      var total = search.results.length;
      var unknown = (search.words || []).filter(function (w) { return !w.entry; });
      summary.textContent = (total === 1 ? "1 pagina" : total + " pagina's") +
        (unknown.length ? "; geen pagina noemt " + unknown.map(function (w) { return "‘" + w.text + "’"; }).join(", ") : "");
      jump.textContent = total === 0 ? "Geen resultaten" : "Toon " + (total === 1 ? "1 resultaat" : total + " resultaten");
      jump.setAttribute("data-count", String(total));
      var slice = search.results.slice(0, shown);
      return Promise.all(slice.map(function (r) { return r.data(); })).then(function (data) {
        results.replaceChildren.apply(results, data.map(function (d) {
          return el("li", { class: "wp-explore__result" }, [
            el("span", { class: "wp-search__type", text: d.meta.type || "Pagina" }),
            el("a", { href: OFFLINE ? new URL(d.url, BASE).href : d.url, class: "wp-explore__title", text: d.meta.title || d.url }),
            d.meta.summary ? el("span", { class: "wp-search__summary", text: d.meta.summary }) : null
          ]);
        }));
        more.hidden = total <= shown;
      });
    }

    /* Without a query: Pagefind's filters and counts, sorted by title. */
    function browse(pf) {
      return Promise.all([pf.search(null, { filters: pagefindFilters(), sort: { titel: "asc" } }), pf.filters()]).then(function (found) {
        return Promise.all([found[0], facetCounts(pf, found[0], found[1]), found[1]]);
      });
    }

    /* With a query: the pages that hold its words (wp-woorden.js), best first, narrowed by the facets;
       a facet's counts are over the pages the other facets leave (as facetCounts does). */
    function narrow(e) {
      return Promise.all([e.words.find(e.pf, state.q), e.words.facets(), e.pf.filters()]).then(function (got) {
        var found = got[0], sets = got[1], totals = got[2];
        function holds(page, key, value) { return Boolean(sets[key] && sets[key][value] && sets[key][value].has(page.page)); }
        function passes(page, except) {
          return FACETS.every(function (f) {
            var chosen = state.filters[f[0]];
            return f[0] === except || !chosen.length || chosen.some(function (v) { return holds(page, f[0], v); });
          });
        }
        var counts = {};
        FACETS.forEach(function (f) {
          var key = f[0], values = Object.keys(sets[key] || {}), c = {};
          found.pages.forEach(function (page) {
            if (!passes(page, key)) return;
            values.forEach(function (v) { if (holds(page, key, v)) c[v] = (c[v] || 0) + 1; });
          });
          counts[key] = c;
        });
        var kept = found.pages.filter(function (page) { return passes(page); });
        return [{ results: kept.map(function (page) { return page.result; }), words: found.words }, counts, totals];
      });
    }

    function update() {
      var mine = ++seq;
      writeState();
      engine().then(function (e) {
        return state.q ? narrow(e) : browse(e.pf);
      }).then(function (found) {
        if (mine !== seq) return null;
        lastSearch = found[0];
        renderFacets(found[1], found[2]);
        return renderResults(found[0]);
      }).then(function () {
        if (mine === seq) root.setAttribute("data-ready", "true");
      }).catch(function () {
        summary.textContent = "Filteren is nu niet beschikbaar; gebruik de overzichten hieronder.";
        document.querySelectorAll(".wp-nojs").forEach(function (n) { n.hidden = false; });
      });
    }

    queryInput.addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(function () { state.q = queryInput.value.trim(); shown = PAGE_SIZE; update(); }, 150);
    });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    clear.addEventListener("click", function () {
      FACETS.forEach(function (f) { state.filters[f[0]] = []; });
      state.q = ""; queryInput.value = ""; shown = PAGE_SIZE;
      update();
    });
    jump.addEventListener("click", function () {
      summary.scrollIntoView({ block: "start" });
      summary.focus({ preventScroll: true });
    });
    more.addEventListener("click", function () {
      shown += PAGE_SIZE;
      if (lastSearch) renderResults(lastSearch);
    });
    update();
  }

  /* On a phone the explore page's intro folds away, so the filters start near the top; without JavaScript
     it stays open (docs/verkennen.md), and a tap on its summary opens it again. Run at once: this script
     loads at the end of the page, so the intro never shows open first. */
  function foldIntro() {
    var intro = document.querySelector("details.wp-explore-intro");
    if (intro && window.matchMedia && window.matchMedia(STACKED).matches) intro.open = false;
  }
  foldIntro();

  function start() {
    if (document.querySelector(".md-search")) return; /* Material's own search is on */
    if (OFFLINE) { /* the download's index loads when the dialog opens, or at once on Verkennen */
      addSearch();
      var offlineRoot = document.getElementById("wp-explore");
      if (offlineRoot) explore(offlineRoot);
      return;
    }
    fetch(new URL("pagefind/pagefind-entry.json", BASE).href, { method: "HEAD" }).then(function (r) {
      if (!r.ok) return;
      addSearch();
      var root = document.getElementById("wp-explore");
      if (root) explore(root);
    }).catch(function () { /* no index: no search UI */ });
  }

  function addSearch() {
    addHeaderButton();
    bindKeys();
    document.documentElement.classList.add("wp-has-search");
    /* The first search must not wait for Pagefind's chain of downloads: start it when the page is idle. From
       disk nothing waits on a network, and the index is the whole site's text: it loads when asked for. */
    if (OFFLINE) return;
    if (window.requestIdleCallback) requestIdleCallback(warmUp, { timeout: 2500 });
    else setTimeout(warmUp, 1200);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
