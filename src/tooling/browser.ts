import { chromium, type Browser, type BrowserServer, type LaunchOptions } from "playwright-core";

/** Debian's Chromium; the flags keep it from calling home on this closed network (Playwright gives it a fresh profile). */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const LAUNCH: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(LAUNCH);
}

/** The same Chromium, reachable by other processes (`chromium.connect`): the test run starts one for all its files. */
export function launchBrowserServer(): Promise<BrowserServer> {
  return chromium.launchServer(LAUNCH);
}
