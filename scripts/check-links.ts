// `npm run check:links`: see src/maintain/links.ts.
import { runCommand } from "../src/maintain/command.ts";
import { checkLinks, LINKS_USAGE } from "../src/maintain/links.ts";

process.exitCode = await runCommand(checkLinks, LINKS_USAGE);
