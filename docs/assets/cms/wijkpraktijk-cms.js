// The contributors' form at /admin/: starts Decap CMS with the generated config.yml (cms.py),
// the file format of practices/ (wijkpraktijk-format.js), a preview in the site's own styles,
// the rules the form can only check on saving (a new page's id must be free), and make check's body
// rules (wijkpraktijk-rules.js), so the form refuses before saving what the check would refuse after.
//
// A module, loaded from the site itself (the page's CSP allows no inline script): it sets
// CMS_MANUAL_INIT before Decap's bundle runs, so everything is registered before Decap starts.

import * as YAML from "../../admin/vendor/yaml/index.js"; // copied there by cms.py, from npm
import { createFormat, fieldsByType, saveProblem } from "./wijkpraktijk-format.js";
import { bodyProblems, describe } from "./wijkpraktijk-rules.js";

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`${src} kon niet worden geladen`));
    document.head.appendChild(script);
  });
}

async function fetchText(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.text();
}

// The site's stylesheets, as its home page lists them: the preview looks like a page of the site.
async function siteStylesheets() {
  try {
    const home = new URL("../", location.href);
    const html = await fetchText(home);
    const page = new DOMParser().parseFromString(html, "text/html");
    return [...page.querySelectorAll('link[rel="stylesheet"][href]')].map((link) => new URL(link.getAttribute("href"), home).href);
  } catch (error) {
    console.warn("Voorbeeld zonder de stijl van de site:", error);
    return [];
  }
}

function previewTemplate(h) {
  return function WijkpraktijkPreview({ entry, widgetFor }) {
    const data = entry.get("data");
    return h(
      "div",
      { className: "md-main__inner md-grid wp-cms-preview" },
      h(
        "div",
        { className: "md-content" },
        h(
          "article",
          { className: "md-content__inner md-typeset" },
          h("h1", null, data.get("title") || ""),
          data.get("summary") ? h("p", { className: "wp-summary" }, data.get("summary")) : null,
          widgetFor("body"),
        ),
      ),
    );
  };
}

// Field labels by path ('credits.name' → 'Bijdragers › Naam'), so a message names the field as the form shows it.
function fieldLabels(config) {
  const labels = {};
  const walk = (fields, path, names) => {
    for (const field of fields || []) {
      const here = [...path, field.name], shown = [...names, field.label || field.name];
      labels[here.join(".")] = shown.join(" › ");
      walk(field.fields || (field.field ? [field.field] : []), here, shown);
      for (const type of field.types || []) walk(type.fields, here, shown);
    }
  };
  for (const collection of config.collections) walk(collection.fields, [], []);
  return labels;
}

// Decap shows a refusal as "Kan item niet opslaan: <error>"; an Error without a name reads as its message
// alone, without the English "Error:".
function refusal(text) {
  const error = new Error(text);
  error.name = "";
  return error;
}

// Rules of validate.py the fields alone cannot show (wijkpraktijk-format.js), then make check's body rules
// (wijkpraktijk-rules.js): refused in Dutch on saving, before anything is written.
function guard(used, rules, labels) {
  return ({ entry }) => {
    const data = entry.get("data").toJS();
    const problem = saveProblem(data, {
      used,
      isNew: Boolean(entry.get("newRecord")),
      slug: entry.get("slug"),
    });
    if (problem) throw refusal(problem);
    const found = describe(bodyProblems(data, rules), labels);
    if (found.length) {
      const head = found.length === 1 ? "make check zou deze pagina weigeren:" : `make check zou deze pagina weigeren (${found.length} punten):`;
      throw refusal([head, ...found].join("\n"));
    }
    return undefined;
  };
}

// Never inside another site's frame: a meta CSP cannot set frame-ancestors, and a form that saves is worth
// nothing to clickjack (security review 3, I2). The page says so and links to itself instead of starting.
if (window.top !== window.self) {
  const main = document.createElement("main");
  main.className = "wp-cms-noscript";
  const link = Object.assign(document.createElement("a"), { href: location.href, target: "_top", rel: "noopener" });
  link.textContent = "Open het formulier in een eigen venster";
  main.append(Object.assign(document.createElement("h1"), { textContent: "Bijdragen aan Wijkpraktijk" }), link);
  document.body.replaceChildren(main);
  throw new Error("Het formulier start niet in een frame van een andere pagina.");
}

window.CMS_MANUAL_INIT = true;
const [configText, usedIds, rules, stylesheets] = await Promise.all([
  fetchText("config.yml"),
  fetchText("wijkpraktijk-ids.json").then(JSON.parse),
  fetchText("wijkpraktijk-rules.json").then(JSON.parse),
  siteStylesheets(),
]);
const config = YAML.parse(configText);
await loadScript("vendor/decap-cms.js");
const CMS = window.CMS;
CMS.registerCustomFormat("wijkpraktijk", "md", createFormat(YAML, fieldsByType(config)));
for (const href of stylesheets) CMS.registerPreviewStyle(href);
CMS.registerPreviewStyle(new URL("wijkpraktijk-cms-preview.css", import.meta.url).href);
const preview = previewTemplate(window.h);
for (const collection of config.collections) CMS.registerPreviewTemplate(collection.name, preview);
CMS.registerEventListener({ name: "preSave", handler: guard(new Set(usedIds), rules, fieldLabels(config)) });
// Decap's Dutch phrases lack the button of a list with several kinds of item ("Add bronnen"): added here.
const nl = CMS.getLocale && CMS.getLocale("nl");
if (nl) {
  const widgets = nl.editor.editorWidgets;
  CMS.registerLocale("nl", {
    ...nl,
    editor: { ...nl.editor, editorWidgets: { ...widgets, list: { addType: "Voeg %{item} toe", ...widgets.list } } },
  });
}
CMS.init({ config: { ...config, load_config_file: false } });
