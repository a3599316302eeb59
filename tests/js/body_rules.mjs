// Drives the form's copy of make check's body rules (docs/assets/cms/wijkpraktijk-rules.js)
// from tests/test_body_rules.py. Reads {"rules": <wijkpraktijk-rules.json>, "pages": ["<file text>", ...]} on
// stdin; each page is read the way the form holds it (its front matter's fields, the text as "body"), and
// what the form would say about it is printed: [[{line | field, message, hint}, ...], ...].
import { readFileSync } from "node:fs";
import * as YAML from "yaml";
import { bodyProblems } from "../../docs/assets/cms/wijkpraktijk-rules.js";

const job = JSON.parse(readFileSync(0, "utf-8"));
const out = job.pages.map((text) => {
  const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
  const data = { ...YAML.parse(m[1]), body: m[2] };
  return bodyProblems(JSON.parse(JSON.stringify(data)), job.rules);
});
process.stdout.write(JSON.stringify(out));
