/* Wijkpraktijk: the menu and search buttons in Material's header are <label>s, which a keyboard
   cannot reach. Make them buttons for everyone: focusable, named, operable with Enter and Space,
   and say whether they are open. Escape closes the menu again. No dependencies, no requests. */
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
