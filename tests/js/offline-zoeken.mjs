// The search from disk (docs/assets/wp-woorden.js: Words over OfflinePages), for tests/test_offline.py.
// Reads {"data": the offline index (scripts/wijkpraktijk/offline.py), "queries": [...]} on stdin; prints, per
// query, {"urls": the pages found, best first, "unknown": the query words no page holds, "excerpt": the first
// result's excerpt pieces}.
import { readFileSync } from "node:fs";
import "../../docs/assets/wp-woorden.js";

const { Words, OfflinePages } = globalThis.WPWoorden;
const job = JSON.parse(readFileSync(0, "utf-8"));
const words = new Words(null, job.data);
const pages = new OfflinePages(job.data);
const out = [];
for (const query of job.queries) {
  const found = await words.find(pages, query);
  const first = found.pages.length ? await found.pages[0].result.data() : null;
  out.push({
    urls: await Promise.all(found.pages.map(async (p) => (await p.result.data()).url)),
    unknown: found.words.filter((w) => !w.entry).map((w) => w.text),
    excerpt: first ? first.excerpt : [],
  });
}
process.stdout.write(JSON.stringify(out));
