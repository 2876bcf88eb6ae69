/** The one address the preview, the editor's backend and its guard listen on: this machine only. */
export const LOOPBACK_HOST = "127.0.0.1";
