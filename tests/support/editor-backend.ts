/**
 * Requests to the editor's local backend (the guard in front of decap-server), shaped as the
 * editor sends them: a JSON `action` and its `params` posted to `/api/v1` on 127.0.0.1.
 */
import { request } from "node:http";

export interface BackendAnswer {
  status: number;
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

/** Sends `body` (as JSON, when given) to the backend listening on `port`. */
export function postToBackend(port: number, body: unknown, headers: Record<string, string> = {}, method = "POST"): Promise<BackendAnswer> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, method, path: "/api/v1", headers: { "content-type": "application/json", ...headers } },
      (res) => {
        let data = "";
        res.on("data", (chunk) => (data += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, body: data ? JSON.parse(data) : undefined, headers: res.headers }));
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

/** The editor's save of one file. */
export function persistEntry(path: string, raw: string): unknown {
  return {
    action: "persistEntry",
    params: {
      branch: "main",
      dataFiles: [{ slug: "x", path, raw }],
      assets: [],
      options: { commitMessage: "essai", useWorkflow: false, status: "draft" },
    },
  };
}
