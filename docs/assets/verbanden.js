/* Verbanden: the link graph, drawn with cytoscape (vendored from npm).
   graph.json holds every node's position, laid out at build time (views.py), so the picture is the same
   on every load. This script adds what a reader needs: names at a legible size that never cover another
   name or a node (placed anew after every zoom or pan, largest pages first), focus on a page and its
   neighbours by mouse, touch or keyboard, and a filter by type. Without JavaScript the page keeps its
   static list. From disk (the offline download, file://) a browser fetches nothing: there the download
   holds the same data as a script (assets/wp-verbanden-data.js, offline.py), loaded before this one. */
(function () {
  "use strict";
  var box = document.querySelector(".wp-graph-box");
  var el = document.getElementById("wp-graph");
  if (!box || !el || typeof window.cytoscape !== "function") return;
  var status = box.querySelector(".wp-graph-status");
  var panel = box.querySelector(".wp-graph-focus");
  var filters = Array.prototype.slice.call(box.querySelectorAll(".wp-graph-filter input"));
  box.hidden = false;

  var LABEL_PX = 12; // rendered size of a name, whatever the zoom
  var LABEL_MAX = 150; // rendered width before a name is cut off with an ellipsis
  var MIDDLE_MAX = 240; // the stories in the middle column have room for longer names
  var FOCUS_MAX = 260; // the focused page's name may be longer
  var LINE = 16; // rendered height of one line of text (cytoscape's label box at 12 px is 15.4 px)
  var GAP = 4; // between a circle and its name, and between two names side by side
  var NEAR = 3; // how much nearer than GAP cytoscape may draw a name above or below its circle
  var LARGE = Number(el.getAttribute("data-large")) || 300; // above this many pages, only a focused page's lines
  var EDGE = 2; // a name keeps this far inside the drawing: cytoscape's own box is a pixel or so larger
  var TRY = { l: ["l", "t", "b", "r"], r: ["r", "t", "b", "l"], b: ["b", "t", "r", "l"], t: ["t", "b", "r", "l"] };
  // Each type's label, column, colour and name side come with the data (graph.json "types", from types.py):
  // this script names no type.
  var TYPES = {};
  var UNKNOWN = { label: "", column: 1, colour: "#777777", side: "b" };
  function typeOf(name) { return TYPES[name] || UNKNOWN; }

  var family = window.getComputedStyle(el).fontFamily || "sans-serif";
  var measure = document.createElement("canvas").getContext("2d");
  function textWidth(text, bold, max) {
    measure.font = (bold ? "bold " : "") + LABEL_PX + "px " + family;
    return Math.min(measure.measureText(text).width, max);
  }

  var large = false; // set once the data is in: above LARGE pages, lines are drawn for the focused page only

  function styles(zoom) {
    var z = zoom || 1;
    var s = [
      { selector: "node", style: {
        "background-color": "data(colour)", "width": "data(size)", "height": "data(size)",
        "border-width": 1, "border-color": "#ffffff", "label": "",
        "font-family": family, "font-size": LABEL_PX / z, "color": "#1d2a33",
        "text-wrap": "ellipsis", "text-max-width": LABEL_MAX / z,
        "text-background-color": "#fafbfc", "text-background-opacity": 0.9, "text-background-padding": 0,
        "overlay-opacity": 0 } },
      { selector: "node.show", style: { "label": "data(label)" } },
      { selector: "node[column = 1]", style: { "text-max-width": MIDDLE_MAX / z } },
      { selector: "node.lb-r", style: { "text-halign": "right", "text-valign": "center", "text-margin-x": GAP / z } },
      { selector: "node.lb-l", style: { "text-halign": "left", "text-valign": "center", "text-margin-x": -GAP / z } },
      { selector: "node.lb-b", style: { "text-halign": "center", "text-valign": "bottom", "text-margin-y": GAP / z } },
      { selector: "node.lb-t", style: { "text-halign": "center", "text-valign": "top", "text-margin-y": -GAP / z } },
      { selector: "node.off", style: { "display": "none" } },
      { selector: "edge", style: {
        "width": 1, "line-color": "#aab4c0", "opacity": 0.45, "curve-style": "haystack",
        "display": large ? "none" : "element" } },
      { selector: "edge.arc", style: {
        "curve-style": "unbundled-bezier", "control-point-distances": "data(bend)", "control-point-weights": 0.5 } },
      { selector: ".faded", style: { "opacity": 0.12 } },
      { selector: "edge.faded", style: { "opacity": 0.05 } },
      { selector: "edge.lit", style: {
        "line-color": "#37474f", "opacity": 0.9, "width": 1.5, "z-index": 5, "display": "element" } },
      { selector: "node.near", style: { "border-color": "#37474f", "border-width": 1.5 } },
      { selector: "node.focus", style: {
        "border-color": "#bf360c", "border-width": 3, "font-weight": "bold", "text-max-width": FOCUS_MAX / z,
        "z-index": 10 } }
    ];
    return s;
  }

  var OFFLINE = location.protocol === "file:";
  function graphData() {
    if (window.WP_VERBANDEN) return Promise.resolve(window.WP_VERBANDEN);
    return fetch(el.getAttribute("data-src")).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    });
  }

  graphData().then(function (data) {
    // Thousands of long lines take seconds to draw on a phone and show nothing but grey: a large graph
    // draws a page's own lines when it is focused.
    large = data.nodes.length > LARGE;
    TYPES = data.types || {};
    var elements = [];
    data.nodes.forEach(function (n) {
      elements.push({ group: "nodes", data: {
        id: n[0], label: n[1], type: n[2], degree: n[3], size: n[6], colour: typeOf(n[2]).colour,
        column: typeOf(n[2]).column
      }, position: { x: n[4], y: n[5] } });
    });
    var middle = data.nodes.reduce(function (m, n) { return m + n[4]; }, 0) / Math.max(data.nodes.length, 1);
    data.edges.forEach(function (e, i) {
      var a = data.nodes[e[0]], b = data.nodes[e[1]];
      var edge = { group: "edges", data: { id: "e" + i, source: a[0], target: b[0] } };
      if (Math.abs(a[4] - b[4]) < 1) {
        // Two pages in one column: an arc towards the middle, so the line does not run over the column.
        var inward = a[4] < middle ? 1 : -1;
        var down = b[5] > a[5] ? 1 : -1;
        edge.data.bend = -inward * down * Math.min(0.35 * Math.abs(a[5] - b[5]), 160);
        edge.classes = "arc";
      }
      elements.push(edge);
    });

    var cy = window.cytoscape({
      container: el,
      elements: elements,
      layout: { name: "preset", fit: false },
      style: styles(1),
      minZoom: 0.1,
      maxZoom: 4,
      wheelSensitivity: 0.3,
      // While panning or zooming a large graph, move a snapshot.
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      boxSelectionEnabled: false,
      autoungrabify: true,
      autounselectify: true
    });

    // The opening view: everything in sight, with room for the names of the outer columns when it fits.
    (function openingView() {
      var bb = cy.nodes().boundingBox({ includeLabels: false });
      var w = cy.width(), h = cy.height(), pad = 12;
      var fit = Math.min((w - 2 * pad) / Math.max(bb.w, 1), (h - 2 * pad) / Math.max(bb.h, 1));
      var roomy = Math.min((w - 2 * (LABEL_MAX + GAP + pad)) / Math.max(bb.w, 1), (h - 2 * pad) / Math.max(bb.h, 1));
      var zoom = Math.min(roomy >= 0.6 * fit ? roomy : fit, 1.5);
      cy.zoom(zoom);
      cy.pan({ x: (w - bb.w * zoom) / 2 - bb.x1 * zoom, y: (h - bb.h * zoom) / 2 - bb.y1 * zoom });
    })();

    var focused = null;
    var pinned = false;
    // The line under the graph names the focused page; it keeps its place when nothing is focused.
    var name = panel.querySelector("strong"), about = panel.querySelector("span"), open = panel.querySelector("a");
    var idle = about.textContent;
    var total = { nodes: data.nodes.length, edges: data.edges.length };

    function rectFor(side, p, r, w) {
      if (side === "r") return [p.x + r + GAP, p.y - LINE / 2, p.x + r + GAP + w, p.y + LINE / 2];
      if (side === "l") return [p.x - r - GAP - w, p.y - LINE / 2, p.x - r - GAP, p.y + LINE / 2];
      // Above and below, cytoscape draws the name up to NEAR px closer to its circle than the margin says
      // (measured at a phone's zoom), so the box starts there: a name beside a neighbour's would touch it.
      if (side === "b") return [p.x - w / 2, p.y + r + GAP - NEAR, p.x + w / 2, p.y + r + GAP + LINE];
      return [p.x - w / 2, p.y - r - GAP - LINE, p.x + w / 2, p.y - r - GAP + NEAR];
    }
    function hits(a, b) {
      return a[0] < b[2] + GAP && b[0] < a[2] + GAP && a[1] < b[3] && b[1] < a[3];
    }
    function column(n) {
      return n.data("column");
    }
    function maxWidth(n) {
      if (n === focused) return FOCUS_MAX;
      return column(n) === 1 ? MIDDLE_MAX : LABEL_MAX;
    }

    // Boxes by 64-pixel cell, so a name is checked against what is near it, not against every page.
    function Boxes() { this.cells = {}; }
    Boxes.prototype.each = function (box, visit) {
      for (var x = Math.floor(box[0] / 64); x <= Math.floor(box[2] / 64); x++) {
        for (var y = Math.floor(box[1] / 64); y <= Math.floor(box[3] / 64); y++) visit(x + "," + y);
      }
    };
    Boxes.prototype.add = function (box, id) {
      var cells = this.cells;
      this.each(box, function (key) { (cells[key] = cells[key] || []).push({ box: box, id: id }); });
    };
    Boxes.prototype.hits = function (rect, except) {
      var cells = this.cells, found = false;
      this.each(rect, function (key) {
        found = found || (cells[key] || []).some(function (b) { return b.id !== except && hits(rect, b.box); });
      });
      return found;
    };

    // Names: the focused page first, then its neighbours (or, without focus, every page), largest first;
    // each takes the first side where it stays in view and touches no circle and no name already placed.
    var widths = {};
    function placeLabels() {
      var w = cy.width(), h = cy.height();
      var visible = cy.nodes().not(".off");
      var discs = new Boxes(), names = new Boxes();
      visible.forEach(function (n) {
        var p = n.renderedPosition(), r = n.renderedOuterWidth() / 2;
        if (p.x + r >= 0 && p.x - r <= w && p.y + r >= 0 && p.y - r <= h) discs.add([p.x - r, p.y - r, p.x + r, p.y + r], n.id());
      });
      var candidates = focused
        ? [focused].concat(focused.neighborhood("node").not(".off").sort(byDegree).toArray())
        : visible.sort(byDegree).toArray();
      function fits(rect, n) {
        return rect[0] >= EDGE && rect[1] >= EDGE && rect[2] <= w - EDGE && rect[3] <= h - EDGE &&
          !names.hits(rect, null) && !discs.hits(rect, n.id());
      }
      cy.batch(function () {
        cy.nodes().removeClass("show lb-l lb-r lb-t lb-b");
        cy.nodes().removeStyle("text-max-width");
        candidates.forEach(function (n) {
          var p = n.renderedPosition(), r = n.renderedOuterWidth() / 2;
          if (p.x + r + FOCUS_MAX < 0 || p.x - r - FOCUS_MAX > w || p.y + r + LINE < 0 || p.y - r - LINE > h) return;
          var key = n.id() + (n === focused ? "!" : "");
          var width = widths[key] || (widths[key] = textWidth(n.data("label"), n === focused, maxWidth(n)) + 2);
          var side = typeOf(n.data("type")).side;
          var sides = TRY[side];
          var placed = false;
          for (var i = 0; i < sides.length && !placed; i++) {
            var rect = rectFor(sides[i], p, r, width);
            if (fits(rect, n)) {
              names.add(rect, n.id());
              n.addClass("show lb-" + sides[i]);
              placed = true;
            } else if (sides[i] === side && side !== "b" && n !== focused &&
                       rect[0] >= EDGE && rect[1] >= EDGE && rect[2] <= w - EDGE && rect[3] <= h - EDGE) {
              // A name of an outer column moves inside only when its own side is out of view (a phone),
              // not to dodge a neighbour: names on both sides of one column would be hard to tell apart.
              break;
            }
          }
          // The focused page's name always shows: where the full name does not fit, a shortened one
          // (cytoscape ends it with an ellipsis) on the first side with room for it.
          for (var cut = 0.8; !placed && n === focused && cut >= 0.3; cut -= 0.1) {
            for (var j = 0; j < sides.length && !placed; j++) {
              var short = rectFor(sides[j], p, r, Math.max(60, width * cut));
              if (fits(short, n)) {
                names.add(short, n.id());
                n.style("text-max-width", (short[2] - short[0] - 2) / cy.zoom());
                n.addClass("show lb-" + sides[j]);
                placed = true;
              }
            }
          }
        });
      });
    }
    function byDegree(a, b) {
      return b.data("degree") - a.data("degree") || (a.id() < b.id() ? -1 : 1);
    }

    var pending = 0;
    function relabel() {
      window.clearTimeout(pending);
      el.removeAttribute("data-settled");
      pending = window.setTimeout(function () {
        cy.style(styles(cy.zoom()));
        placeLabels();
        el.setAttribute("data-settled", "true");
      }, 80);
    }
    cy.on("viewport resize", relabel);

    function setFocus(node, pin) {
      focused = node;
      pinned = !!(node && pin);
      cy.batch(function () {
        cy.elements().removeClass("faded focus near lit");
        if (node) {
          cy.elements().addClass("faded");
          node.closedNeighborhood().removeClass("faded");
          node.addClass("focus");
          node.neighborhood("node").addClass("near");
          node.connectedEdges().addClass("lit");
        }
      });
      placeLabels();
      if (node) {
        var type = typeOf(node.data("type")).label;
        var count = node.neighborhood("node").not(".off").length;
        name.textContent = node.data("label");
        about.textContent = " (" + type.toLowerCase() + "): " + count + (count === 1 ? " verbinding. " : " verbindingen. ");
        open.setAttribute("href", url(node));
        open.hidden = false;
      } else {
        name.textContent = "";
        about.textContent = idle;
        open.hidden = true;
      }
    }
    function url(node) {
      return el.getAttribute("data-base") + node.id() + (OFFLINE ? "/index.html" : "/");
    }

    cy.on("mouseover", "node", function (evt) { if (!pinned) setFocus(evt.target, false); });
    cy.on("mouseout", "node", function () { if (!pinned) setFocus(null, false); });
    cy.on("tap", function (evt) {
      var touch = evt.originalEvent && /^touch|^pointer/.test(evt.originalEvent.type) &&
        (evt.originalEvent.pointerType ? evt.originalEvent.pointerType === "touch" : true);
      if (evt.target === cy) {
        setFocus(null, false);
      } else if (evt.target.isNode()) {
        // A mouse has shown the neighbours on hover already: a click opens. A first tap only shows them.
        if (!touch || (pinned && focused === evt.target)) window.location.href = url(evt.target);
        else setFocus(evt.target, true);
      }
    });

    // Keyboard: arrows walk the pages (up and down in reading order, left and right to the nearest page
    // on that side), Enter opens, Escape lets go. The view follows the focused page when it leaves it.
    function readingOrder() {
      return cy.nodes().not(".off").sort(function (a, b) {
        return (column(a) - column(b)) || (a.position("x") - b.position("x")) ||
          (a.position("y") - b.position("y"));
      }).toArray();
    }
    function sideways(direction) {
      var from = focused.position(), best = null, score = Infinity;
      cy.nodes().not(".off").forEach(function (n) {
        var dx = n.position("x") - from.x, dy = n.position("y") - from.y;
        if (dx * direction <= 1) return;
        var s = Math.abs(dy) * 2 + Math.abs(dx);
        if (s < score) { score = s; best = n; }
      });
      return best;
    }
    function show(node) {
      var p = node.renderedPosition(), m = 40;
      if (p.x < m || p.y < m || p.x > cy.width() - m || p.y > cy.height() - m) cy.center(node);
      setFocus(node, true);
    }
    el.addEventListener("keydown", function (e) {
      var order = readingOrder();
      if (!order.length) return;
      var at = focused ? order.indexOf(focused) : -1;
      var next = null;
      if (e.key === "ArrowDown") next = order[Math.min(at + 1, order.length - 1)];
      else if (e.key === "ArrowUp") next = at < 0 ? order[0] : order[Math.max(at - 1, 0)];
      else if (e.key === "Home") next = order[0];
      else if (e.key === "End") next = order[order.length - 1];
      else if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
        next = focused ? sideways(e.key === "ArrowRight" ? 1 : -1) || focused : order[0];
      } else if (e.key === "Enter" && focused) {
        window.location.href = url(focused);
        return;
      } else if (e.key === "Escape" && focused) {
        setFocus(null, false);
        e.preventDefault();
        return;
      } else {
        return;
      }
      e.preventDefault();
      show(next);
    });

    function counts() {
      var nodes = cy.nodes().not(".off").length;
      var edges = cy.edges().filter(function (e) {
        return !e.source().hasClass("off") && !e.target().hasClass("off");
      }).length;
      status.textContent = (nodes === total.nodes
        ? total.nodes + " pagina's, " + total.edges + " verbindingen."
        : nodes + " van de " + total.nodes + " pagina's en " + edges + " van de " + total.edges +
          " verbindingen zichtbaar.") + (large ? " De lijnen van een pagina verschijnen als je haar kiest." : "");
    }
    filters.forEach(function (input) {
      input.addEventListener("change", function () {
        cy.nodes('[type = "' + input.value + '"]').toggleClass("off", !input.checked);
        if (focused && focused.hasClass("off")) setFocus(null, false);
        else if (focused) setFocus(focused, pinned);
        placeLabels();
        counts();
      });
    });

    window.wpGraph = cy;
    counts();
    cy.style(styles(cy.zoom()));
    placeLabels();
    el.setAttribute("data-settled", "true");
    el.setAttribute("data-ready", "true");
  }).catch(function () {
    status.textContent = "Het netwerk kon niet worden geladen; gebruik de lijst hieronder.";
  });
})();
