// `npm run sources:add -- <url>`: see src/maintain/add.ts.
import { addSource, ADD_USAGE } from "../src/maintain/add.ts";
import { runCommand } from "../src/maintain/command.ts";

process.exitCode = await runCommand(addSource, ADD_USAGE);
