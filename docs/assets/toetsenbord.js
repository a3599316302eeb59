/* Wijkpraktijk: the menu and search buttons in Material's header are <label>s, which a keyboard
   cannot reach. Make them buttons for everyone: focusable, named, operable with Enter and Space,
   and say whether they are open. Escape closes the menu again. The heading permalinks get a name in
   words, and reference markers their source as description. No dependencies, no requests. */
(function () {
  var names = { __drawer: "Menu", __search: "Zoeken" };
  document.querySelectorAll("label.md-header__button[for]").forEach(function (label) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle || !names[label.htmlFor]) return;
    label.tabIndex = 0;
    label.setAttribute("role", "button");
    label.setAttribute("aria-label", names[label.htmlFor]);
    var sync = function () { label.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); };
    sync();
    toggle.addEventListener("change", sync);
    label.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      label.click();
      sync();
      if (label.htmlFor === "__drawer" && toggle.checked) {
        var first = document.querySelector(".md-sidebar--primary a[href], .md-sidebar--primary label[tabindex]");
        if (first) first.focus();
      }
    });
  });
  /* The heading permalinks show "¶", which a screen reader reads as the link's name ("link, alinea"); the
     title "Link naar dit deel" is superseded by it. Named in words, the sign kept for the eye. */
  document.querySelectorAll("a.headerlink").forEach(function (link) {
    if (link.querySelector(".wp-sr")) return;
    var sign = document.createElement("span");
    sign.setAttribute("aria-hidden", "true");
    sign.textContent = link.textContent;
    var name = document.createElement("span");
    name.className = "wp-sr";
    name.textContent = "Link naar dit deel";
    link.replaceChildren(sign, name);
    link.removeAttribute("title");  /* the same words again, read as its description */
  });
  /* A reference marker is described by the source it points at, the text its tooltip shows. Material's
     tooltip is a dialog (aria-controls) and drops aria-describedby when it closes: tied again at once. */
  document.querySelectorAll("a.footnote-ref[href^='#']").forEach(function (marker) {
    var id = decodeURIComponent(marker.getAttribute("href").slice(1));
    if (!document.getElementById(id)) return;
    var tie = function () { if (marker.getAttribute("aria-describedby") !== id) marker.setAttribute("aria-describedby", id); };
    tie();
    new MutationObserver(tie).observe(marker, { attributes: true, attributeFilter: ["aria-describedby"] });
  });
  document.addEventListener("keydown", function (event) {
    var drawer = document.getElementById("__drawer");
    if (event.key === "Escape" && drawer && drawer.checked) {
      drawer.checked = false;
      drawer.dispatchEvent(new Event("change"));
      var button = document.querySelector("label.md-header__button[for='__drawer']");
      if (button) button.focus();
    }
  });
})();
