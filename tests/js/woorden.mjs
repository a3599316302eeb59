// The search's word rules in JavaScript (docs/assets/wp-woorden.js), for tests/test_search_words.py.
// Reads {"endings": [...], "words": [...], "texts": [...]} on stdin; prints {"base": {word: [fold, base]},
// "words": [[...], ...]}. wp-woorden.js is a classic script (a browser imports no module from disk): it sets
// globalThis.WPWoorden.
import { readFileSync } from "node:fs";
import "../../docs/assets/wp-woorden.js";

const { base, fold, words } = globalThis.WPWoorden;
const job = JSON.parse(readFileSync(0, "utf-8"));
const out = { base: {}, words: job.texts.map((t) => words(t)) };
for (const w of job.words) out.base[w] = [fold(w), base(fold(w), job.endings)];
process.stdout.write(JSON.stringify(out));
