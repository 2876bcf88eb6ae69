// `npm run sources:import -- <file.opml>`: see src/maintain/import.ts.
import { runCommand } from "../src/maintain/command.ts";
import { importOpml, IMPORT_USAGE } from "../src/maintain/import.ts";

process.exitCode = await runCommand(importOpml, IMPORT_USAGE);
