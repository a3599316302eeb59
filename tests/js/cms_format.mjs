// Drives the admin page's file format (docs/assets/cms/wijkpraktijk-format.js) from the
// tests, with npm's yaml, the package the page vendors. Reads one JSON job list on stdin:
//   {"config": "<config.yml>", "jobs": [{"text": "<file>", "set": {...}} | {"new": {...}}]}
// and prints the files the format writes, in order. "set" changes top-level fields of the form's data
// (null clears one) after reading "text"; "new" writes an entry that had no file; "check" gives the Dutch
// message saveProblem has for form data ({"check": data, "used": [...], "isNew": bool, "slug": ...}), or null.
import { readFileSync } from "node:fs";
import * as YAML from "yaml";
import { createFormat, fieldsByType, saveProblem } from "../../docs/assets/cms/wijkpraktijk-format.js";

const job = JSON.parse(readFileSync(0, "utf-8"));
const config = YAML.parse(readFileSync(job.config, "utf-8"));
const format = createFormat(YAML, fieldsByType(config));
// Decap keeps entry data as Immutable maps; JSON is what survives that trip (no functions, no undefined).
const through = (data) => JSON.parse(JSON.stringify(data));
const out = job.jobs.map((j) => {
  if (j.check) return saveProblem(j.check, { used: new Set(j.used || []), isNew: j.isNew, slug: j.slug });
  if (j.new) return format.toFile(through(j.new));
  const data = through(format.fromFile(j.text));
  for (const [key, value] of Object.entries(j.set || {})) data[key] = value;
  return format.toFile(data);
});
process.stdout.write(JSON.stringify(out));
