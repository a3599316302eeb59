/* Wijkpraktijk werkmap: a coach's own selection of pages for a workshop (docs/werkmap.md).
 *
 * The selection lives in this browser's localStorage under one key, "wp-werkmap": no cookie,
 * no request, nothing leaves the browser (tests/test_privacy.py allows exactly this key).
 * On every page this file puts the werkmap, with its count, in the header; on an entry page it
 * puts the add/remove button in the slot the generator left (templates/entry.md.j2). The
 * werkmap page itself (#wp-werkmap) loads werkmap-pagina.js, which builds on window.wpWerkmap.
 * Entry types are not named here: any page with a slot can go into the werkmap.
 */
(function () {
  "use strict";

  var KEY = "wp-werkmap";
  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;  /* model.ID_PATTERN */
  var ID_MAX = 80;
  var MAX_ITEMS = 50;
  var TITLE_MAX = 120;
  var FOLDER = "M20 18H4V8h16m0-2h-8l-2-2H4c-1.11 0-2 .89-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V8a2 2 0 0 0-2-2";
  var PLUS = "M11 10h2v2h2v2h-2v2h-2v-2H9v-2h2z";
  var MINUS = "M9 12h6v2H9z";
  var SCRIPT = document.currentScript;

  function siteBase() {
    var base = ".";
    try { base = JSON.parse(document.getElementById("__config").textContent).base || "."; } catch (e) { /* default */ }
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }
  var BASE = siteBase();
  /* From disk (the offline download) a folder is no page: its index.html is (scripts/wijkpraktijk/offline.py). */
  var FILE = location.protocol === "file:";

  function sitePage(path) {
    return new URL(FILE ? path + "/index.html" : path + "/", BASE);
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function icon(d) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", d);
    svg.appendChild(path);
    return svg;
  }

  function pages(n) { return n === 1 ? "1 pagina" : n + " pagina's"; }

  function validId(id) { return typeof id === "string" && id.length <= ID_MAX && ID.test(id); }

  /* A real calendar date: 2024-13-45 has the shape but showed as "45 undefined 2024" (security review 3, I1). */
  function validDate(value) {
    var m = typeof value === "string" && /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!m) return false;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
  }

  function empty() { return { items: [], title: "", date: "" }; }

  /* Whatever is stored (or comes from an address) is checked before use: ids by the model's pattern, at most
     MAX_ITEMS, no duplicates, short single-line texts. */
  function normalise(data) {
    var state = empty();
    if (!data || typeof data !== "object") return state;
    var seen = {};
    (Array.isArray(data.items) ? data.items : []).forEach(function (item) {
      if (!item || !validId(item.id) || seen[item.id] || state.items.length >= MAX_ITEMS) return;
      seen[item.id] = true;
      state.items.push({ id: item.id, title: typeof item.title === "string" ? item.title.replace(/\s+/g, " ").slice(0, 300) : "" });
    });
    if (typeof data.title === "string") {
      state.title = data.title.replace(/[\u202a-\u202e\u2066-\u2069]/g, "").replace(/\s+/g, " ").slice(0, TITLE_MAX);
    }
    if (validDate(data.date)) state.date = data.date;
    return state;
  }

  var storage = null;
  try {
    storage = window.localStorage;
    storage.getItem(KEY);
  } catch (e) {
    storage = null; /* storage refused (a privacy setting): the werkmap can only show shared links */
  }

  function read() {
    if (!storage) return empty();
    try { return normalise(JSON.parse(storage.getItem(KEY) || "null")); } catch (e) { return empty(); }
  }

  var listeners = [];
  function notify(state) { listeners.forEach(function (fn) { fn(state); }); }

  /* An empty werkmap removes the key, so nothing stays behind in the browser. */
  function write(state) {
    state = normalise(state);
    if (storage) {
      try {
        if (!state.items.length && !state.title && !state.date) storage.removeItem(KEY);
        else storage.setItem(KEY, JSON.stringify(state));
      } catch (e) { /* storage full or refused: the change holds on this page only */ }
    }
    notify(state);
    return state;
  }

  /* Another tab changed the werkmap. */
  window.addEventListener("storage", function (ev) {
    if (ev.key === KEY || ev.key === null) notify(read());
  });

  function headerLink() {
    var header = document.querySelector(".md-header__inner");
    if (!header) return;
    /* Named by what it shows, "Werkmap 2", with "pagina's" for screen readers only: a name that holds the
       visible text is what speech input users say (WCAG 2.5.3). On a phone the word is hidden, and the
       name is "Werkmap 2 pagina's" all the same. */
    var count = el("span", { class: "wp-werkmap-link__count" });
    var unit = el("span", { class: "wp-sr" });
    var link = el("a", { class: "md-header__button wp-werkmap-link", href: sitePage("werkmap").href }, [
      icon(FOLDER), el("span", { class: "wp-werkmap-link__label", text: "Werkmap" }), count, unit
    ]);
    header.insertBefore(link, header.querySelector(".wp-search-button, .md-header__source"));
    function update(state) {
      var n = state.items.length;
      count.textContent = String(n);
      unit.textContent = n === 1 ? " pagina" : " pagina's";
      link.classList.toggle("wp-werkmap-link--empty", n === 0);
    }
    update(read());
    listeners.push(update);
  }

  function pageTitle() {
    var h1 = document.querySelector(".md-content h1");
    if (!h1) return "";
    var copy = h1.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (a) { a.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function entryButton() {
    var slot = document.querySelector(".wp-werkmap-slot[data-wp-id]");
    if (!slot) return;
    var id = slot.getAttribute("data-wp-id");
    if (!validId(id) || !storage) return;
    var title = pageTitle() || id;
    var button = el("button", { type: "button", class: "md-button wp-werkmap-toggle" }, [icon(FOLDER), el("span")]);
    var sign = icon(PLUS).firstChild;
    var note = el("span", { class: "wp-werkmap-note", role: "status" });
    slot.replaceChildren(button, note);
    function update(state) {
      var inside = state.items.some(function (item) { return item.id === id; });
      button.lastChild.textContent = inside ? "Uit werkmap halen" : "Aan werkmap toevoegen";
      sign.setAttribute("d", inside ? MINUS : PLUS);
      button.firstChild.appendChild(sign);
      button.classList.toggle("wp-werkmap-toggle--in", inside);
    }
    button.addEventListener("click", function () {
      var state = read();
      var at = -1;
      state.items.forEach(function (item, n) { if (item.id === id) at = n; });
      if (at >= 0) {
        state.items.splice(at, 1);
        state = write(state);
        note.textContent = "Uit je werkmap gehaald; er staan nog " + pages(state.items.length) + " in.";
      } else if (state.items.length >= MAX_ITEMS) {
        note.textContent = "Je werkmap is vol (" + MAX_ITEMS + " pagina's). Haal eerst een pagina weg.";
      } else {
        state.items.push({ id: id, title: title });
        state = write(state);
        note.textContent = "Toegevoegd; je werkmap heeft nu " + pages(state.items.length) + ".";
      }
    });
    update(read());
    listeners.push(update);
  }

  window.wpWerkmap = {
    MAX_ITEMS: MAX_ITEMS, TITLE_MAX: TITLE_MAX, BASE: BASE, FILE: FILE, canStore: !!storage,
    read: read, write: write, normalise: normalise, onChange: function (fn) { listeners.push(fn); },
    validId: validId, validDate: validDate, sitePage: sitePage, pages: pages, el: el, icon: icon
  };

  function start() {
    headerLink();
    entryButton();
    if (document.getElementById("wp-werkmap") && SCRIPT) {
      var script = document.createElement("script");
      script.src = new URL("werkmap-pagina.js", SCRIPT.src).href;
      document.head.appendChild(script);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
