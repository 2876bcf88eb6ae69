// The server lives with the bench, which serves built sites too (src/bench never imports tests/).
export { serveStatic, type StaticServer } from "../../src/tooling/static-server.ts";
