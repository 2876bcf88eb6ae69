// `npm run build [-- options]`: the site, then its search index (src/site/build.ts).
import { parseCommandLine, runCli } from "../src/core/cli-args.ts";
import { buildAll } from "../src/site/build.ts";

const USAGE = `Usage : npm run build -- [options]
  --pathprefix=/CHEMIN/  préfixe des adresses quand le site est servi dans un sous-dossier (ex. GitHub Pages)
  --output DOSSIER       où écrire le site (défaut : _site)
  --quiet                n'afficher que les erreurs et le bilan`;

process.exitCode = await runCli(USAGE, async () => {
  // These options are Eleventy's own: once checked here, they go to Eleventy as they were written.
  const argv = process.argv.slice(2);
  parseCommandLine(argv, {
    usage: USAGE,
    options: { pathprefix: { type: "string" }, output: { type: "string" }, quiet: { type: "boolean" } },
  });
  return buildAll(argv);
});
