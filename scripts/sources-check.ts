// `npm run sources:check`: see src/maintain/check.ts.
import { checkSources, CHECK_USAGE } from "../src/maintain/check.ts";
import { runCommand } from "../src/maintain/command.ts";

process.exitCode = await runCommand(checkSources, CHECK_USAGE);
