/**
 * Pagefind alone, for the benchmark: the site's own indexing function (the one its build runs
 * after Eleventy) over an already built site, timed from inside so that process start-up is left
 * out. Prints one JSON line.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { writeSearchIndex } from "../site/search/pagefind.ts";

const site = process.argv[2] ?? "_site";
await rm(join(site, "pagefind"), { recursive: true, force: true });
const started = performance.now();
const { pages } = await writeSearchIndex(site);
console.log(JSON.stringify({ wallMs: Math.round(performance.now() - started), pages }));
