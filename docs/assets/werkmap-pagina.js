/* The werkmap page (docs/werkmap.md): order, title and date, share link, one printed handout, presenting.
 * Loaded by werkmap.js, which keeps the selection (window.wpWerkmap).
 *
 * What the list shows comes from kennisbank/werkmap/<id>.json (citing.py): title, type, permanent URL,
 * QR code and the page's APA texts, so the closing source list uses the same citation data as the pages.
 * The printed handout takes each page's content from the page itself, so every entry prints exactly as
 * that page's A4 handout does (docs/assets/handout.css). The site's own pages are parsed by DOMParser
 * (inert), stripped of anything active and adopted; every other text goes in through textContent.
 *
 * The address holds what is on view: werkmap/?ids=a,b&titel=…&datum=…. Without ids, or with the ids of
 * the own werkmap, the page edits the own werkmap and keeps the address in step; with other ids it shows
 * that shared selection and offers to take it over, never replacing the own werkmap unasked.
 */
(function () {
  "use strict";

  var W = window.wpWerkmap;
  var root = document.getElementById("wp-werkmap");
  if (!W || !root) return;
  var el = W.el;
  var RECORDS = new URL(root.getAttribute("data-records") || "kennisbank/werkmap/", W.BASE);
  var MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december"];
  var ARROW_UP = "M7.41 15.41 12 10.83l4.59 4.58L18 14l-6-6-6 6z";
  var ARROW_DOWN = "M7.41 8.59 12 13.17l4.59-4.58L18 10l-6 6-6-6z";
  var CLOSE = "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z";

  function nlDate(iso) {
    var p = iso.split("-").map(Number);
    return p[2] + " " + MONTHS[p[1] - 1] + " " + p[0];
  }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }
  function quoted(text) { return "‘" + text + "’"; }
  function list(names) {
    var q = names.map(quoted);
    return q.length > 1 ? q.slice(0, -1).join(", ") + " en " + q[q.length - 1] : q.join("");
  }
  function button(text, attrs, onClick) {
    var b = el("button", Object.assign({ type: "button", class: "md-button", text: text }, attrs || {}));
    if (onClick) b.addEventListener("click", onClick);
    return b;
  }

  /* ---------- what is on view ---------- */

  function fromAddress() {
    var params = new URLSearchParams(location.search);
    if (!params.has("ids")) return null;
    var ids = [];
    (params.get("ids") || "").split(",").forEach(function (id) {
      id = id.trim();
      if (id && ids.indexOf(id) < 0) ids.push(id);
    });
    /* Without direction overrides (U+202A–U+202E, U+2066–U+2069), which show a title other than it is (I6). */
    var title = (params.get("titel") || "").replace(/[\u202a-\u202e\u2066-\u2069]/g, "").replace(/\s+/g, " ").trim().slice(0, W.TITLE_MAX);
    var date = params.get("datum") || "";
    return { ids: ids, title: title, date: W.validDate(date) ? date : "" };
  }

  function ownView() {
    var state = W.read();
    return { ids: state.items.map(function (i) { return i.id; }), title: state.title, date: state.date };
  }

  function sameView(a, b) {
    return a.ids.join(",") === b.ids.join(",") && a.title === b.title && a.date === b.date;
  }

  /* What the share field, the printed cover and the first slide link to: a shared werkmap as far as its pages
     were found, the own werkmap as it is stored. */
  function linkView() {
    var view = current.view;
    if (current.mode !== "shared") return view;
    return { ids: current.entries.map(function (r) { return r.id; }), title: view.title, date: view.date };
  }

  function address(view, base) {
    var url = (base || W.sitePage("werkmap")).href.split(/[?#]/)[0];
    if (!view.ids.length) return url;
    var query = "?ids=" + view.ids.join(",");  /* ids are [a-z0-9-]: the commas stay readable */
    if (view.title) query += "&titel=" + encodeURIComponent(view.title);
    if (view.date) query += "&datum=" + view.date;
    return url + query;
  }

  /* ---------- records (kennisbank/werkmap/<id>.json) and page content ---------- */

  var records = {};
  function record(id) {
    if (!records[id]) {
      records[id] = !W.validId(id) ? Promise.resolve({ status: "invalid" })
        : fetch(new URL(id + ".json", RECORDS).href).then(function (r) {
          if (r.status === 404) return { status: "missing" };
          if (!r.ok) return { status: "error" };
          return r.json().then(function (rec) {
            /* Written by our own build (citing.py); still, only web addresses become links. */
            var ok = rec && W.validId(rec.id) && typeof rec.title === "string" && typeof rec.type === "string"
              && /^https?:\/\//.test(rec.url) && typeof rec.page === "string" && typeof rec.qr === "string";
            return ok ? { status: "ok", rec: rec } : { status: "error" };
          });
        }).catch(function () { return { status: "error" }; });
    }
    return records[id];
  }

  /* Every requested id, looked up: found entries in order (a former id under its new id, once), and the rest. */
  function resolve(ids) {
    return Promise.all(ids.map(record)).then(function (results) {
      var out = { entries: [], missing: [], failed: [], renamed: [] };
      var seen = {};
      results.forEach(function (res, n) {
        var id = ids[n];
        if (res.status === "ok") {
          if (res.rec.id !== id) out.renamed.push([id, res.rec]);
          if (!seen[res.rec.id]) { seen[res.rec.id] = true; out.entries.push(res.rec); }
        } else if (res.status === "error") out.failed.push(id);
        else out.missing.push(id);
      });
      return out;
    });
  }

  /* A record's page or QR code, relative to the record itself; never anything but a web address. */
  function recUrl(rec, key) {
    var url = new URL(rec[key], new URL(rec.id + ".json", RECORDS));
    return /^https?:$/.test(url.protocol) ? url : new URL(rec.id + ".json", RECORDS);
  }

  function safeUrl(value, base) {
    try {
      var url = new URL(value, base);
      return /^(https?|mailto):$/.test(url.protocol) ? url.href : null;
    } catch (e) { return null; }
  }

  var ACTIVE = "script, style, link, meta, iframe, frame, object, embed, template, noscript, form, input, button, "
    + "select, textarea, .wp-actions, .wp-werkmap-slot, .wp-search-data, .headerlink";
  var contents = {};
  /* The content of an entry page as its handout prints it: the children of the element that holds its h1. */
  function pageContent(rec) {
    if (!contents[rec.id]) {
      var url = recUrl(rec, "page");
      contents[rec.id] = fetch(url.href).then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.text();
      }).then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var h1 = doc.querySelector("article h1");
        if (!h1) return null;
        doc.querySelectorAll(ACTIVE).forEach(function (n) { n.remove(); });
        var fragment = document.createDocumentFragment();
        Array.prototype.forEach.call(h1.parentNode.childNodes, function (n) { fragment.appendChild(document.importNode(n, true)); });
        fragment.querySelectorAll("*").forEach(function (node) {
          Array.prototype.slice.call(node.attributes).forEach(function (a) {
            var name = a.name.toLowerCase();
            if (name.indexOf("on") === 0 || name === "style" || name === "srcset" || name.indexOf("data-pagefind") === 0) node.removeAttribute(a.name);
            else if (name === "href" || name === "src" || name === "xlink:href") {
              if (a.value.charAt(0) === "#") return;  /* made unique per entry in adopt() */
              var safe = safeUrl(a.value, url);
              if (safe) node.setAttribute(a.name, safe); else node.removeAttribute(a.name);
            }
          });
        });
        return fragment;
      }).catch(function () { return null; });
    }
    return contents[rec.id];
  }

  /* A copy of a page's content for place n: its ids (and the links to them) get a prefix, so two entries
     with a 'Stappen' heading keep distinct anchors. */
  function adopt(fragment, n) {
    var copy = fragment.cloneNode(true);
    var prefix = "wm" + n + "-";
    copy.querySelectorAll("[id]").forEach(function (node) { node.id = prefix + node.id; });
    copy.querySelectorAll("[href^='#']").forEach(function (node) { node.setAttribute("href", "#" + prefix + node.getAttribute("href").slice(1)); });
    ["aria-labelledby", "aria-describedby"].forEach(function (attr) {
      copy.querySelectorAll("[" + attr + "]").forEach(function (node) {
        node.setAttribute(attr, node.getAttribute(attr).split(/\s+/).map(function (t) { return prefix + t; }).join(" "));
      });
    });
    return copy;
  }

  /* When a page cannot be fetched: what its record holds, in the handout's classes. */
  function fallback(rec) {
    var box = document.createDocumentFragment();
    box.appendChild(el("h1", { text: rec.title }));
    box.appendChild(el("p", { class: "wp-type", text: rec.type }));
    box.appendChild(el("p", { class: "wp-summary", text: rec.summary || "" }));
    box.appendChild(el("p", { text: "De volledige tekst van deze pagina kon niet worden geladen; je vindt hem op de vaste link hieronder." }));
    var cite = el("div", { class: "wp-cite" }, [
      el("p", {}, ["Vaste link: ", el("a", { class: "wp-permalink", href: rec.url, text: rec.url })]),
      el("p", {}, [el("img", { class: "wp-qr", src: recUrl(rec, "qr").href, alt: "QR-code met de vaste link van deze pagina", width: "132", height: "132" })])
    ]);
    box.appendChild(cite);
    return box;
  }

  /* ---------- the werkmap's own QR code ---------- */

  /* qrcode-generator (npm, pinned; views.py copies it into the site): loaded once, when first needed. */
  var qrLib = null;
  function qrLibrary() {
    if (!qrLib) {
      qrLib = new Promise(function (resolve, reject) {
        if (window.qrcode) { resolve(window.qrcode); return; }
        var script = document.createElement("script");
        script.src = new URL(root.getAttribute("data-qrcode") || "kennisbank/assets/vendor/qrcode.js", W.BASE).href;
        script.onload = function () { if (window.qrcode) resolve(window.qrcode); else reject(new Error("qrcode")); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
      qrLib.catch(function () { qrLib = null; });
    }
    return qrLib;
  }

  /* A QR code of ``link`` as an <img> (an SVG data URL: the CSP allows data: images), or null without
     the library: then the link is still printed in full. */
  function qrImage(lib, link, alt, size) {
    if (!lib) return null;
    try {
      var code = lib(0, "M");
      code.addData(link, "Byte");
      code.make();
      var cells = code.getModuleCount() + 8;
      var svg = code.createSvgTag({ cellSize: 1, margin: 4, scalable: true });
      return el("img", { class: "wp-wm-qr", src: "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg), alt: alt,
        width: String(size), height: String(size), "data-link": link, "data-cells": String(cells) });
    } catch (e) {
      return null;  /* a link too long for a QR code: the printed address remains */
    }
  }

  /* ---------- the printed handout: cover, the entries, one source list ---------- */

  var printBox = el("div", { class: "wp-wm-print" });
  var printSeq = 0;

  /* A page's APA text leaves its access date to the reader ("Geraadpleegd op [datum]", citing.py): the
     handout was read on the day it is printed. */
  var ACCESSED = "Geraadpleegd op [datum], van ";
  function readerDated(text) {
    var at = typeof text === "string" ? text.lastIndexOf(ACCESSED) : -1;
    if (at < 0) return text;
    return text.slice(0, at) + "Geraadpleegd op " + nlDate(today()) + ", van " + text.slice(at + ACCESSED.length);
  }

  function sourceList(entries) {
    var seen = {};
    var texts = [];
    entries.forEach(function (rec) {
      [readerDated(rec.apa)].concat(rec.source_apa || []).forEach(function (text) {
        if (typeof text === "string" && text && !seen[text]) { seen[text] = true; texts.push(text); }
      });
    });
    /* APA orders the reference list by its first words, not by quotes or brackets. */
    return texts.sort(function (a, b) { return a.localeCompare(b, "nl", { sensitivity: "base", ignorePunctuation: true }); });
  }

  function cover(view, entries, link, lib) {
    return el("section", { class: "wp-wm-cover" }, [
      qrImage(lib, link, "QR-code met de link naar deze werkmap", 120),
      el("h1", { text: view.title || "Werkmap" }),
      view.date ? el("p", { class: "wp-wm-cover__date", text: nlDate(view.date) }) : null,
      el("h2", { text: "In deze werkmap" }),
      el("ol", { class: "wp-wm-cover__list" }, entries.map(function (rec) {
        return el("li", {}, [
          el("strong", { text: rec.title }), " (" + rec.type.toLowerCase() + ")",
          el("br"), el("span", { class: "wp-wm-cover__url", text: rec.url })
        ]);
      })),
      el("p", { class: "wp-wm-cover__foot" }, [
        "Achterin staan de bronnen van alle pagina's (APA). Deze werkmap online: ",
        el("span", { class: "wp-wm-cover__url", text: link }), ". Samengesteld op " + nlDate(today()) + " met Wijkpraktijk."
      ])
    ]);
  }

  function renderPrint(view, entries) {
    var seq = ++printSeq;
    root.setAttribute("data-print", "loading");
    var lib = qrLibrary().catch(function () { return null; });
    return Promise.all([lib].concat(entries.map(pageContent))).then(function (loaded) {
      if (seq !== printSeq) return;
      var fragments = loaded.slice(1);
      var online = onlineWerkmap();
      var parts = [cover(view, entries, address(linkView(), online || undefined), online ? loaded[0] : null)];
      entries.forEach(function (rec, n) {
        var section = el("section", { class: "wp-wm-entry", "data-wp-id": rec.id });
        section.appendChild(fragments[n] ? adopt(fragments[n], n + 1) : fallback(rec));
        parts.push(section);
      });
      if (entries.length) {
        parts.push(el("section", { class: "wp-wm-sources" }, [
          el("h1", { text: "Bronnen" }),
          el("p", { text: "De pagina's in deze werkmap en de oorspronkelijke bronnen van de praktijkverhalen, in APA-stijl (7e editie)." }),
          el("ul", { class: "wp-wm-apa" }, sourceList(entries).map(function (text) { return el("li", { text: text }); }))
        ]));
      }
      printBox.replaceChildren.apply(printBox, parts);
      var images = Array.prototype.slice.call(printBox.querySelectorAll("img"));
      return Promise.all(images.map(function (img) { return img.decode().catch(function () { return null; }); })).then(function () {
        if (seq === printSeq) root.setAttribute("data-print", "ready");
      });
    });
  }

  /* ---------- presenting: one entry per screen ---------- */

  function slideContent(slide, view) {
    if (slide === null) {
      /* The first slide carries the werkmap's own link as a QR code: the room scans its way to it. */
      var online = onlineWerkmap();
      var qr = online ? qrImage(window.qrcode, address(linkView(), online), "QR-code met de link naar deze werkmap", 132) : null;
      return [
        el("div", { class: "wp-wm-slide__text" }, [
          el("p", { class: "wp-wm-slide__kicker", text: "Werkmap" }),
          el("h2", { class: "wp-wm-slide__title", text: view.title || "Werkmap" }),
          view.date ? el("p", { class: "wp-wm-slide__summary", text: nlDate(view.date) }) : null,
          el("ol", { class: "wp-wm-slide__list" }, current.entries.map(function (rec) { return el("li", { text: rec.title }); }))
        ]),
        qr ? el("figure", { class: "wp-wm-slide__qr" }, [qr, el("figcaption", { text: "Scan voor deze werkmap, met alle pagina's" })]) : null
      ];
    }
    return [
      el("div", { class: "wp-wm-slide__text" }, [
        el("p", { class: "wp-wm-slide__kicker", text: slide.type }),
        el("h2", { class: "wp-wm-slide__title", text: slide.title }),
        el("p", { class: "wp-wm-slide__summary", text: slide.summary || "" })
      ]),
      el("figure", { class: "wp-wm-slide__qr" }, [
        el("img", { src: recUrl(slide, "qr").href, alt: "QR-code naar de pagina " + quoted(slide.title), width: "132", height: "132" }),
        el("figcaption", { text: slide.url })
      ])
    ];
  }

  function present(opener) {
    var view = current.view;
    var slides = [null].concat(current.entries);
    var at = 0;
    var counter = el("p", { class: "wp-wm-present__count", "aria-live": "polite" });
    var stage = el("div", { class: "wp-wm-slide", role: "group", "aria-roledescription": "dia" });
    var prev = button("Vorige", { class: "md-button wp-wm-present__prev" }, function () { go(at - 1); });
    var next = button("Volgende", { class: "md-button md-button--primary wp-wm-present__next", autofocus: "" }, function () { go(at + 1); });
    var full = document.fullscreenEnabled
      ? button("Volledig scherm", { class: "md-button wp-wm-present__full" }, function () {
        if (document.fullscreenElement) document.exitFullscreen(); else dialog.requestFullscreen().catch(function () { return null; });
      }) : null;
    var close = el("button", { type: "button", class: "md-button wp-wm-present__close" }, [W.icon(CLOSE), el("span", { text: "Sluiten" }), el("span", { class: "wp-wm-present__key", text: " (Esc)" })]);
    var dialog = el("dialog", { class: "wp-wm-present md-typeset", "aria-label": "Werkmap presenteren" }, [
      stage,
      el("div", { class: "wp-wm-present__bar" }, [prev, counter, next, full, close])
    ]);
    qrLibrary().then(function () { if (at === 0 && dialog.open) go(0); }).catch(function () { return null; });
    function go(n) {
      at = Math.max(0, Math.min(slides.length - 1, n));
      var slide = slides[at];
      stage.classList.toggle("wp-wm-slide--cover", slide === null);
      stage.setAttribute("aria-label", "Dia " + (at + 1) + " van " + slides.length);
      stage.replaceChildren.apply(stage, slideContent(slide, view).filter(Boolean));
      counter.textContent = (at + 1) + " / " + slides.length + (slide ? ": " + slide.title : "");
      prev.disabled = at === 0;
      next.disabled = at === slides.length - 1;
      if (document.activeElement && document.activeElement.disabled) (at === 0 ? next : prev).focus();
    }
    dialog.addEventListener("keydown", function (ev) {
      if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
      var moves = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };
      if (moves[ev.key]) { ev.preventDefault(); go(at + moves[ev.key]); }
      else if (ev.key === "Home") { ev.preventDefault(); go(0); }
      else if (ev.key === "End") { ev.preventDefault(); go(slides.length - 1); }
    });
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () {
      if (document.fullscreenElement) document.exitFullscreen().catch(function () { return null; });
      dialog.remove();
      if (opener) opener.focus();
    });
    document.body.appendChild(dialog);
    go(0);
    dialog.showModal();
    next.focus();
  }

  /* ---------- the page ---------- */

  var app = el("div", { class: "wp-wm-app" });
  var status = el("p", { class: "wp-wm-status", role: "status" });
  var current = { mode: "own", view: { ids: [], title: "", date: "" }, entries: [] };
  var focusAfter = null;
  var confirming = false;
  var quiet = false;
  var refreshTimer = null;

  var sayTimer = null;
  /* Said once by screen readers (role=status), and shown for a while at the bottom of the screen. */
  function say(text) {
    status.textContent = text;
    clearTimeout(sayTimer);
    sayTimer = setTimeout(function () { status.textContent = ""; }, 10000);
  }

  function onlineWerkmap() {
    if (!W.FILE) return W.sitePage("werkmap");
    var canonical = document.querySelector("link[rel=canonical]");
    return canonical ? new URL(canonical.href.replace(/werkmap(\.html)?$/, "werkmap/")) : null;
  }

  function saveOwn(change) {
    var state = W.read();
    change(state);
    quiet = true;
    try { state = W.write(state); } finally { quiet = false; }
    return state;
  }

  function titles(entries) {
    var map = {};
    entries.forEach(function (rec) { map[rec.id] = rec.title; });
    return map;
  }

  /* In the own werkmap a renamed page moves to its new id, and every title is refreshed (for the offline list). */
  function tidyOwn(found) {
    var byRequested = {};
    found.renamed.forEach(function (pair) { byRequested[pair[0]] = pair[1].id; });
    var names = titles(found.entries);
    var state = W.read();
    var before = JSON.stringify(state.items);
    var seen = {};
    state.items = state.items.map(function (item) {
      var id = byRequested[item.id] || item.id;
      return { id: id, title: names[id] || item.title };
    }).filter(function (item) { return seen[item.id] ? false : (seen[item.id] = true); });
    if (JSON.stringify(state.items) !== before) saveOwn(function (s) { s.items = state.items; });
  }

  function notes(found, shared) {
    var box = el("div", { class: "wp-wm-notes" });
    if (found.renamed.length) {
      box.appendChild(el("p", { class: "wp-wm-note" }, [
        found.renamed.map(function (pair) {
          return "De pagina met id " + quoted(pair[0]) + " heet nu " + quoted(pair[1].title) + " (id " + quoted(pair[1].id) + ")";
        }).join("; ") + ". Ze staat hieronder onder haar nieuwe naam."
      ]));
    }
    if (found.missing.length) {
      var p = el("p", { class: "wp-wm-note wp-wm-note--warning" }, [
        (found.missing.length === 1 ? "Deze pagina bestaat niet (meer) in de kennisbank: " : "Deze pagina's bestaan niet (meer) in de kennisbank: ")
        + list(found.missing) + ". " + (shared ? "Ze zijn niet in deze werkmap opgenomen." : "Ze staan nog wel in je werkmap.")
      ]);
      if (!shared) {
        p.appendChild(document.createTextNode(" "));
        p.appendChild(button("Haal ze weg", { class: "md-button wp-wm-drop-missing" }, function () {
          saveOwn(function (s) { s.items = s.items.filter(function (i) { return found.missing.indexOf(i.id) < 0; }); });
          say(found.missing.length === 1 ? "De onbekende pagina is uit je werkmap gehaald." : "De onbekende pagina's zijn uit je werkmap gehaald.");
          focusAfter = ".wp-wm-list-heading";
          show();
        }));
      }
      box.appendChild(p);
    }
    if (found.dropped && found.dropped.length) {
      box.appendChild(el("p", { class: "wp-wm-note wp-wm-note--warning", text: "Een werkmap heeft hoogstens " + W.MAX_ITEMS
        + " pagina's; deze zijn niet opgenomen: " + list(found.dropped) + "." }));
    }
    if (found.failed.length) {
      box.appendChild(el("p", { class: "wp-wm-note wp-wm-note--warning", text:
        "Deze pagina's konden nu niet worden geladen: " + list(found.failed) + ". Controleer je verbinding en laad de pagina opnieuw." }));
    }
    return box.childNodes.length ? box : null;
  }

  function sharedBanner(found) {
    var own = W.read();
    var box = el("section", { class: "wp-wm-shared", "aria-labelledby": "wp-wm-shared-title" }, [
      el("h2", { id: "wp-wm-shared-title", text: "Gedeelde werkmap" }),
      el("p", { text: "Je bekijkt een werkmap die iemand met je heeft gedeeld. Je kunt hem afdrukken en presenteren zoals hij is." })
    ]);
    var take = found.entries.map(function (rec) { return { id: rec.id, title: rec.title }; });
    function takeOver(state, label) {
      saveOwn(function (s) { s.items = state.items; s.title = state.title; s.date = state.date; });
      current.mode = "own";
      say(label);
      focusAfter = ".wp-wm-list-heading";
      show();
    }
    if (!W.canStore) {
      box.appendChild(el("p", { text: "Je browser bewaart geen gegevens voor deze site, dus je kunt deze werkmap niet als je eigen werkmap bewaren." }));
      return box;
    }
    var actions = el("p", { class: "wp-wm-actions" });
    if (!own.items.length) {
      actions.appendChild(button("Bewaar als mijn werkmap", { class: "md-button md-button--primary wp-wm-take" }, function () {
        takeOver({ items: take, title: current.view.title, date: current.view.date }, "Bewaard als je eigen werkmap.");
      }));
    } else {
      box.appendChild(el("p", { text: "Je eigen werkmap heeft " + W.pages(own.items.length) + (own.title ? " (" + quoted(own.title) + ")" : "")
        + ". Die blijft zoals hij is, tot je hieronder iets kiest." }));
      actions.appendChild(button("Vervang mijn werkmap door deze", { class: "md-button wp-wm-replace" }, function () {
        takeOver({ items: take, title: current.view.title, date: current.view.date }, "Je werkmap is vervangen door de gedeelde werkmap.");
      }));
      actions.appendChild(button("Voeg deze pagina's toe aan mijn werkmap", { class: "md-button wp-wm-merge" }, function () {
        var items = own.items.slice();
        take.forEach(function (item) {
          if (!items.some(function (i) { return i.id === item.id; })) items.push(item);
        });
        var kept = items.slice(0, W.MAX_ITEMS);
        takeOver({ items: kept, title: own.title || current.view.title, date: own.date || current.view.date },
          "De pagina's zijn aan je werkmap toegevoegd" + (kept.length < items.length ? "; je werkmap is nu vol (" + W.MAX_ITEMS + ")." : "."));
      }));
      actions.appendChild(el("a", { href: W.sitePage("werkmap").href, class: "wp-wm-own-link", text: "Naar mijn eigen werkmap" }));
    }
    box.appendChild(actions);
    return box;
  }

  function metaFields(view, shared) {
    if (shared) {
      if (!view.title && !view.date) return null;
      return el("div", { class: "wp-wm-meta" }, [
        view.title ? el("p", {}, [el("strong", { text: "Titel: " }), view.title]) : null,
        view.date ? el("p", {}, [el("strong", { text: "Datum: " }), nlDate(view.date)]) : null
      ]);
    }
    var title = el("input", { id: "wp-wm-title", type: "text", maxlength: String(W.TITLE_MAX), value: view.title, autocomplete: "off", placeholder: "Bijvoorbeeld: Training outreachend werken" });
    var date = el("input", { id: "wp-wm-date", type: "date", value: view.date });
    title.addEventListener("input", function () {
      saveOwn(function (s) { s.title = title.value; });
      refresh();
    });
    date.addEventListener("change", function () {
      saveOwn(function (s) { s.date = W.validDate(date.value) ? date.value : ""; });
      refresh();
    });
    return el("div", { class: "wp-wm-meta" }, [
      el("p", { class: "wp-wm-field" }, [el("label", { for: "wp-wm-title", text: "Titel van de werksessie" }), title]),
      el("p", { class: "wp-wm-field" }, [el("label", { for: "wp-wm-date", text: "Datum" }), date])
    ]);
  }

  /* Moves among the pages on view; ids that were not found keep their place at the end. */
  function move(id, by) {
    var order = current.entries.map(function (r) { return r.id; });
    var from = order.indexOf(id);
    var to = from + by;
    if (from < 0 || to < 0 || to >= order.length) return;
    order.splice(to, 0, order.splice(from, 1)[0]);
    saveOwn(function (s) {
      var byId = {};
      s.items.forEach(function (i) { byId[i.id] = i; });
      s.items = order.map(function (i) { return byId[i] || { id: i, title: "" }; })
        .concat(s.items.filter(function (i) { return order.indexOf(i.id) < 0; }));
    });
    var rec = current.entries[from];
    say(quoted(rec.title) + " staat nu op plaats " + (to + 1) + " van " + order.length + ".");
    focusAfter = "[data-wp-id='" + id + "'] .wp-wm-" + (by < 0 ? "up" : "down") + ", [data-wp-id='" + id + "'] .wp-wm-" + (by < 0 ? "down" : "up");
    show();
  }

  function remove(id, n) {
    var rec = current.entries.filter(function (r) { return r.id === id; })[0];
    var state = saveOwn(function (s) { s.items = s.items.filter(function (i) { return i.id !== id; }); });
    say(quoted(rec ? rec.title : id) + " is uit je werkmap gehaald; er staan nog " + W.pages(state.items.length) + " in.");
    var next = current.entries[n + 1] || current.entries[n - 1];
    focusAfter = next ? "[data-wp-id='" + next.id + "'] .wp-wm-remove" : ".wp-wm-list-heading";
    show();
  }

  function item(rec, n, count, shared) {
    var li = el("li", { class: "wp-wm-item", "data-wp-id": rec.id }, [
      el("span", { class: "wp-wm-item__pos", "aria-hidden": "true", text: String(n + 1) }),
      el("span", { class: "wp-wm-item__text" }, [
        el("span", { class: "wp-wm-item__type", text: rec.type }),
        el("a", { class: "wp-wm-item__title", href: recUrl(rec, "page").href, text: rec.title })
      ])
    ]);
    if (!shared) {
      var up = el("button", { type: "button", class: "wp-wm-icon wp-wm-up", "aria-label": "Zet " + quoted(rec.title) + " hoger", title: "Hoger" }, [W.icon(ARROW_UP)]);
      var down = el("button", { type: "button", class: "wp-wm-icon wp-wm-down", "aria-label": "Zet " + quoted(rec.title) + " lager", title: "Lager" }, [W.icon(ARROW_DOWN)]);
      var drop = el("button", { type: "button", class: "wp-wm-icon wp-wm-remove", "aria-label": "Haal " + quoted(rec.title) + " uit je werkmap", title: "Uit werkmap halen" }, [W.icon(CLOSE)]);
      up.disabled = n === 0;
      down.disabled = n === count - 1;
      up.addEventListener("click", function () { move(rec.id, -1); });
      down.addEventListener("click", function () { move(rec.id, 1); });
      drop.addEventListener("click", function () { remove(rec.id, n); });
      li.appendChild(el("span", { class: "wp-wm-item__actions" }, [up, down, drop]));
    }
    return li;
  }

  function emptyState() {
    if (!W.canStore) {
      return el("p", { class: "wp-wm-note wp-wm-note--warning", text: "Je browser bewaart geen gegevens voor deze site (een privacy-instelling), dus hier kun je geen eigen werkmap maken. Een gedeelde link naar een werkmap werkt wel." });
    }
    return el("div", { class: "wp-wm-empty" }, [
      el("p", { text: "Je werkmap is nog leeg. Open een pagina in de kennisbank en kies Aan werkmap toevoegen, bijvoorbeeld bij:" }),
      el("ul", {}, [
        el("li", {}, [el("a", { href: W.sitePage("kennisbank/overzicht/methoden").href, text: "de methoden" })]),
        el("li", {}, [el("a", { href: W.sitePage("kennisbank/overzicht/praktijken").href, text: "de praktijkverhalen" })])
      ])
    ]);
  }

  function shareBlock() {
    var link = address(linkView());
    var field = el("input", { id: "wp-wm-link", type: "text", readonly: "", value: link, class: "wp-wm-link" });
    var copy = button("Kopieer link", { class: "md-button wp-wm-copy" }, function () {
      field.select();
      var done = function () { say("De link staat op je klembord."); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        /* What the field shows now: title and date change it after the block was drawn. */
        navigator.clipboard.writeText(field.value).then(done, function () { say("Kopiëren lukte niet; selecteer de link en kopieer hem zelf."); });
      } else {
        say("Selecteer de link en kopieer hem zelf.");
      }
    });
    return el("section", { class: "wp-wm-share", "aria-labelledby": "wp-wm-share-title" }, [
      el("h2", { id: "wp-wm-share-title", text: "Delen" }),
      el("p", { text: "Met deze link zien deelnemers dezelfde pagina's in dezelfde volgorde, met titel en datum. Er wordt niets opgeslagen: de selectie staat in de link zelf." }),
      el("p", { class: "wp-wm-field wp-wm-field--link" }, [el("label", { for: "wp-wm-link", text: "Link naar deze werkmap" }), el("span", { class: "wp-wm-link-row" }, [field, copy])])
    ]);
  }

  /* Resolves once every page of the handout is in and its images are decoded. */
  function whenPrintReady() {
    return new Promise(function (done) {
      if (root.getAttribute("data-print") === "ready") return done();
      var watch = new MutationObserver(function () {
        if (root.getAttribute("data-print") === "ready") { watch.disconnect(); done(); }
      });
      watch.observe(root, { attributes: true, attributeFilter: ["data-print"] });
    });
  }

  function useBlock() {
    var printButton = button("Afdrukken of opslaan als pdf", { class: "md-button md-button--primary wp-wm-print-button" }, function () {
      if (root.getAttribute("data-print") !== "ready") say("De handout wordt klaargezet; het afdrukvenster komt zo.");
      whenPrintReady().then(function () { window.print(); });
    });
    var presentButton = button("Presenteren", { class: "md-button wp-wm-present-button" }, function () { present(presentButton); });
    return el("section", { class: "wp-wm-use", "aria-labelledby": "wp-wm-use-title" }, [
      el("h2", { id: "wp-wm-use-title", text: "Afdrukken en presenteren" }),
      el("p", { text: "De handout begint met een voorblad met titel, datum en de lijst van pagina's. Daarna volgt elke pagina zoals ze als handout wordt afgedrukt, met QR-code en vaste link, en achterin één bronnenlijst. Kies in het afdrukvenster Opslaan als pdf om er een pdf van te maken. Presenteren toont één pagina per scherm; blader met de pijltjestoetsen en sluit met Esc." }),
      el("p", { class: "wp-wm-actions" }, [printButton, presentButton])
    ]);
  }

  /* Wis alles, after a question in place (no browser dialog), with the focus on the safe answer. */
  function wipeBlock() {
    var wipe = el("p", { class: "wp-wm-actions wp-wm-wipe" });
    var start = button("Wis alles", { class: "md-button wp-wm-wipe-start" }, function () {
      confirming = true;
      wipe.replaceChildren(
        el("span", { id: "wp-wm-wipe-question", text: "Alles wissen? Dit haalt alle pagina's, de titel en de datum uit je werkmap. " }),
        button("Ja, wis alles", { class: "md-button wp-wm-wipe-yes", "aria-describedby": "wp-wm-wipe-question" }, function () {
          confirming = false;
          saveOwn(function (s) { s.items = []; s.title = ""; s.date = ""; });
          say("Je werkmap is gewist.");
          focusAfter = ".wp-wm-list-heading";
          show();
        }),
        button("Annuleren", { class: "md-button wp-wm-wipe-no" }, function () {
          confirming = false;
          wipe.replaceChildren(start);
          start.focus();
        })
      );
      wipe.querySelector(".wp-wm-wipe-no").focus();
    });
    wipe.appendChild(start);
    return wipe;
  }

  /* The parts that depend on title and date only, without rebuilding the form someone is typing in. */
  function refresh() {
    if (current.mode === "own") current.view = ownView();
    var link = address(linkView());
    var field = app.querySelector("#wp-wm-link");
    if (field) field.value = link;
    if (current.mode === "own" && !W.FILE) history.replaceState(null, "", link);
    clearTimeout(refreshTimer);  /* the cover follows the title after a pause in typing, not at every key */
    root.setAttribute("data-print", "loading");
    refreshTimer = setTimeout(function () { renderPrint(current.view, current.entries); }, 250);
  }

  function render(found) {
    var shared = current.mode === "shared";
    var view = current.view;
    var entries = found.entries;
    current.entries = entries;
    var parts = [];
    if (shared) parts.push(sharedBanner(found));
    parts.push(notes(found, shared));
    parts.push(metaFields(view, shared));
    parts.push(el("h2", { class: "wp-wm-list-heading", tabindex: "-1", text: (shared ? "Pagina's in deze werkmap" : "Pagina's in je werkmap") + " (" + entries.length + ")" }));
    if (entries.length) {
      var count = entries.length;
      parts.push(el("ol", { class: "wp-wm-list" }, entries.map(function (rec, n) { return item(rec, n, count, shared); })));
      parts.push(shareBlock());
      parts.push(useBlock());
      if (!shared) parts.push(wipeBlock());
    } else if (!shared) {
      parts.push(emptyState());
      if (view.title || view.date) parts.push(wipeBlock());
    }
    app.replaceChildren.apply(app, parts.filter(Boolean));
    root.setAttribute("data-mode", current.mode);
    root.setAttribute("data-state", "ready");
    if (!shared && !W.FILE) history.replaceState(null, "", address(view));
    if (focusAfter) {
      var target = Array.prototype.filter.call(app.querySelectorAll(focusAfter), function (n) { return !n.disabled; })[0];
      if (target) target.focus();
      focusAfter = null;
    }
    renderPrint(view, entries);
  }

  var showSeq = 0;
  function show() {
    var seq = ++showSeq;
    if (current.mode === "own") current.view = ownView();
    var view = current.view;
    root.setAttribute("data-state", "loading");
    return resolve(view.ids.slice(0, W.MAX_ITEMS)).then(function (found) {
      if (seq !== showSeq) return;
      if (current.mode === "own") {
        tidyOwn(found);
        current.view = view = ownView();
        found.entries = found.entries.filter(function (rec) { return view.ids.indexOf(rec.id) >= 0; });
      }
      found.dropped = view.ids.slice(W.MAX_ITEMS);
      render(found);
    });
  }

  /* The offline download opens pages from disk, where a browser fetches nothing: say so, and hand the selection on. */
  function offline() {
    var own = W.read();
    var online = onlineWerkmap();
    var link = online ? address(ownView(), online) : null;
    var parts = [
      el("div", { class: "admonition warning" }, [
        el("p", { class: "admonition-title", text: "De werkmap werkt alleen op de online site" }),
        el("p", { text: "In deze offline versie kan de werkmap de pagina's niet ophalen, dus afdrukken als één handout en presenteren gaan hier niet. Je kunt wel pagina's kiezen; open ze daarna op de online site." + (link ? " Deze link neemt je keuze mee:" : "") }),
        link ? el("p", {}, [el("a", { href: link, class: "wp-wm-online-link", text: link })]) : null
      ].filter(Boolean)),
      el("h2", { text: "Pagina's in je werkmap (" + own.items.length + ")" })
    ];
    if (own.items.length) {
      parts.push(el("ol", { class: "wp-wm-list" }, own.items.map(function (i) {
        return el("li", { class: "wp-wm-item" }, [el("a", { href: new URL("../" + i.id + "/index.html", RECORDS).href, text: i.title || i.id })]);
      })));
    } else {
      parts.push(emptyState());
    }
    app.replaceChildren.apply(app, parts);
    root.setAttribute("data-mode", "offline");
    root.setAttribute("data-state", "ready");
    root.setAttribute("data-print", "ready");
  }

  root.replaceChildren(app, status, printBox);
  root.hidden = false;
  document.querySelectorAll(".wp-nojs").forEach(function (n) { n.hidden = true; });

  if (W.FILE) {
    offline();
    W.onChange(offline);
    return;
  }
  var shared = fromAddress();
  current.mode = shared && !sameView(shared, ownView()) ? "shared" : "own";
  current.view = current.mode === "shared" ? shared : ownView();
  /* Another tab changed the werkmap (or this page's own buttons did, outside saveOwn). */
  W.onChange(function () { if (!quiet && !confirming) show(); });
  show();
})();
