// Entry of a parse worker. Worker threads do not inherit a loader registered by the parent in
// every setting (vitest's workers, `node --import tsx`), so the worker registers tsx itself
// before loading the TypeScript.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
