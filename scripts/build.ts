// `npm run build [-- eleventy flags]`: the site, then its search index (src/site/build.ts).
import { buildAll } from "../src/site/build.ts";

process.exitCode = await buildAll(process.argv.slice(2));
