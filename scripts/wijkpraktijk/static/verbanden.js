/* Verbanden: the interactive link graph, drawn with cytoscape (vendored from npm).
   Reads graph.json (written at build time); without JavaScript the page keeps
   its static list. Clicking a node opens that page. */
(function () {
  "use strict";
  var box = document.querySelector(".wp-graph-box");
  var el = document.getElementById("wp-graph");
  if (!box || !el || typeof window.cytoscape !== "function") return;
  var status = box.querySelector(".wp-graph-status");
  box.hidden = false;

  fetch(el.getAttribute("data-src")).then(function (r) {
    if (!r.ok) throw new Error(r.status);
    return r.json();
  }).then(function (data) {
    var elements = [];
    data.nodes.forEach(function (n) {
      var node = { group: "nodes", data: { id: n[0], label: n[1], type: n[2], degree: n[3], size: Math.round(10 + 3 * Math.sqrt(n[3])) } };
      if (n.length > 4) node.position = { x: n[4], y: n[5] };
      elements.push(node);
    });
    data.edges.forEach(function (e, i) {
      elements.push({ group: "edges", data: { id: "e" + i, source: data.nodes[e[0]][0], target: data.nodes[e[1]][0] } });
    });
    var large = data.nodes.length > 0 && data.nodes[0].length > 4;
    // Small graphs get a force layout here; large ones come with build-time rings (hubs in the middle).
    var layout = large
      ? { name: "preset", fit: true, padding: 10 }
      : { name: "cose", animate: false, randomize: false, nodeRepulsion: function () { return 60000; }, idealEdgeLength: function () { return 90; }, numIter: 1500 };
    var cy = window.cytoscape({
      container: el,
      elements: elements,
      layout: layout,
      minZoom: 0.05,
      maxZoom: 4,
      wheelSensitivity: 0.3,
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      style: [
        { selector: "node", style: {
          "background-color": "#777", "width": "data(size)", "height": "data(size)",
          "label": large ? "" : "data(label)",
          "font-size": 9, "text-valign": "bottom", "text-margin-y": 2, "color": "#333",
          "text-wrap": "ellipsis", "text-max-width": 110, "min-zoomed-font-size": 7 } },
        { selector: 'node[type = "practice"]', style: { "background-color": "#00897b" } },
        { selector: 'node[type = "method"]', style: { "background-color": "#ef6c00" } },
        { selector: 'node[type = "concept"]', style: { "background-color": "#5e35b1" } },
        { selector: 'node[type = "place"]', style: { "background-color": "#1e88e5" } },
        { selector: 'node[type = "organisation"]', style: { "background-color": "#6d4c41" } },
        { selector: 'node[type = "tension"]', style: { "background-color": "#c2185b" } },
        { selector: "edge", style: { "width": 1, "line-color": "#c5cad3", "curve-style": "haystack", "opacity": 0.7 } },
        { selector: ".faded", style: { "opacity": 0.12 } },
        { selector: "node.focus", style: { "label": "data(label)", "font-size": 11, "font-weight": "bold", "z-index": 10 } },
        { selector: "edge.focus", style: { "line-color": "#555", "opacity": 1, "width": 1.5 } }
      ]
    });
    cy.on("mouseover", "node", function (evt) {
      var hood = evt.target.closedNeighborhood();
      cy.elements().addClass("faded");
      hood.removeClass("faded").addClass("focus");
    });
    cy.on("mouseout", "node", function () { cy.elements().removeClass("faded focus"); });
    cy.on("tap", "node", function (evt) {
      window.location.href = el.getAttribute("data-base") + evt.target.id() + "/";
    });
    window.wpGraph = cy;
    status.textContent = data.nodes.length + " pagina's, " + data.edges.length + " verbindingen. Zoom met het wieltje of twee vingers.";
    el.setAttribute("data-ready", "true");
  }).catch(function () {
    status.textContent = "Het netwerk kon niet worden geladen; gebruik de lijst hieronder.";
  });
})();
