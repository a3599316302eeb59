/* Wijkpraktijk: "Geraadpleegd op [datum]" in a page's APA citation (templates/_cite.md.j2) is the day the
   reader reads, prints or copies the page, not the day the site was built. Without script the citation says
   "[datum]", for the reader to fill in. No dependencies, no requests. */
(function () {
  var MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december"];
  function fill() {
    var d = new Date();
    var text = d.getDate() + " " + MONTHS[d.getMonth()] + " " + d.getFullYear();
    document.querySelectorAll(".wp-accessed").forEach(function (span) {
      if (span.textContent !== text) span.textContent = text;
    });
  }
  fill();
  /* A page left open past midnight: copied or printed the next day, it says that day. */
  document.addEventListener("copy", fill, true);
  document.addEventListener("pointerdown", fill, true);
  window.addEventListener("beforeprint", fill);
})();
