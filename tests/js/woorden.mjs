// The search's word rules in JavaScript (docs/assets/wp-woorden.js), for tests/test_search_words.py.
// Reads {"endings": [...], "words": [...], "texts": [...]} on stdin; prints {"base": {word: [fold, base]},
// "words": [[...], ...]}.
import { readFileSync } from "node:fs";
import { base, fold, words } from "../../docs/assets/wp-woorden.js";

const job = JSON.parse(readFileSync(0, "utf-8"));
const out = { base: {}, words: job.texts.map((t) => words(t)) };
for (const w of job.words) out.base[w] = [fold(w), base(fold(w), job.endings)];
process.stdout.write(JSON.stringify(out));
