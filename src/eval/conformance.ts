/**
 * Conformance harness over Universal Feed Parser's public corpus (`sanitize/`, `encoding/`,
 * `illformed/`). Every file is served by a real local HTTP server with its `Header:` lines, then
 * goes through the real pipeline; cases are scored by properties (corpus README), not by
 * comparing feedparser's own serialisation:
 * - sanitize: nothing executable survives in the Markdown written, and for attacks the harmless
 *   text around them is kept (feed-level fields are never stored, so only neutralisation counts);
 * - encoding: the decoded text equals what `Expect:` names (or the encoding is the one named);
 * - illformed: the run completes, and a feed it cannot read is reported by name.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { decodeHTML } from "entities";
import { decodeBody } from "../ingest/decode.ts";
import { createHttpClient } from "../ingest/http.ts";
import { parseFeed, type ParsedFeed } from "../ingest/parse/index.ts";
import { runIngest } from "../ingest/run.ts";
import { repairText, toPlainText } from "../ingest/sanitise.ts";
import { createScratchSite, listenLoopback } from "../tooling/feed-server.ts";

export const FOLDERS = ["sanitize", "encoding", "illformed"] as const;
type Folder = (typeof FOLDERS)[number];

export interface CorpusCase {
  folder: Folder;
  /** Path relative to the folder. */
  name: string;
  bytes: Buffer;
  headers: Record<string, string>;
  expect: string;
}

export interface CaseResult {
  folder: Folder;
  name: string;
  pass: boolean;
  kind: string;
  /** sanitize only: nothing executable survived (an attack can be neutralised yet lose its text). */
  neutralised?: boolean;
  detail?: string;
}

const EXECUTABLE = [
  /<script/i,
  /<(iframe|frame|frameset|object|embed|applet|meta|link|base|form|style|svg)\b/i,
  /<[^>]*\son[a-z]+\s*=/i,
  /(java|vb|live)script\s*:/i,
  /data:text\/html/i,
];

/** The case's header comment, read after decoding since some files are UTF-16 or UTF-32. */
function readCase(folder: Folder, name: string, bytes: Buffer): CorpusCase {
  const text = decodeBody(bytes).text;
  const comment = /<!--([\s\S]*?)-->/.exec(text)?.[1] ?? "";
  const headers: Record<string, string> = {};
  for (const [, key, value] of comment.matchAll(/^\s*Header:\s*([^:\r\n]+):\s*(.*?)\s*$/gm)) headers[key!.trim().toLowerCase()] = value!;
  if (!headers["content-type"]) headers["content-type"] = "application/xml";
  const expect = /^\s*Expect:\s*(.*?)\s*$/m.exec(comment)?.[1] ?? "";
  return { folder, name, bytes, headers, expect };
}

function loadCorpus(dir: string): CorpusCase[] {
  return FOLDERS.flatMap((folder) =>
    readdirSync(join(dir, folder), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith(".xml"))
      .map((e) => relative(join(dir, folder), join(e.parentPath, e.name)))
      .sort()
      .map((name) => readCase(folder, name, readFileSync(join(dir, folder, name)))),
  );
}

/** A Python string literal from an `Expect:` line ('...' with \\uXXXX, \\xXX escapes). */
function pythonString(literal: string): string {
  const body = literal
    .slice(1, -1)
    .replace(/\\x([0-9a-fA-F]{2})/g, "\\u00$1")
    .replace(/\\'/g, "'")
    .replace(/"/g, '\\"');
  return JSON.parse(`"${body}"`) as string;
}

/** What an `Expect:` line checks about text: field and expected value. */
function expectedText(expect: string): { field: string; value: string } | undefined {
  const ord = /ord\(entries\[0\]\['(\w+)'\]\)\s*==\s*(\d+)/.exec(expect);
  if (ord) return { field: ord[1]!, value: String.fromCodePoint(Number(ord[2])) };
  const m = /(?:entries\[0\](?:\['(\w+)'\]|\.(\w+))|feed\['(\w+)'\])\s*==\s*('(?:[^'\\]|\\.)*')(?!\s*\+)/.exec(expect);
  if (!m) return undefined;
  const field = m[1] ? m[1] : m[2] ? m[2] : `feed.${m[3]}`;
  return { field, value: pythonString(m[4]!) };
}

const ASCII_COMPATIBLE = new Set(["us-ascii", "utf-8", "iso-8859-1", "windows-1252"]);
const LABEL_EQUIVALENTS: Record<string, string> = { gb2312: "gb18030", "iso-8859-1": "windows-1252", "us-ascii": "windows-1252" };

function fieldOf(feed: ParsedFeed, field: string): string[] {
  if (field.startsWith("feed.")) return field === "feed.title" ? [feed.title ?? ""] : [];
  const item = feed.items[0];
  if (!item) return [];
  return [item.title, item.summary, item.content].filter((v): v is string => v !== undefined);
}

async function scoreEncoding(
  c: CorpusCase,
  url: string,
  fetchBody: (url: string) => Promise<{ body: Buffer; contentType?: string }>,
): Promise<CaseResult> {
  const result = { folder: c.folder, name: c.name };
  const expectation = expectedText(c.expect);
  const wantedLabel = /encoding\s*==\s*'([^']+)'/.exec(c.expect)?.[1]?.toLowerCase();
  const mustParse = /^not bozo/.test(c.expect);
  const { body, contentType } = await fetchBody(url);
  const decoded = decodeBody(body, contentType);
  let feed: ParsedFeed | undefined;
  let parseError: string | undefined;
  try {
    feed = await parseFeed(decoded.text, contentType, url);
  } catch (error) {
    parseError = (error as Error).message;
  }
  if (expectation) {
    if (!feed) return { ...result, kind: "texte", pass: false, detail: `flux illisible : ${parseError}` };
    const wanted = expectation.value;
    const values = fieldOf(feed, expectation.field);
    const pass =
      values.some((v) => toPlainText(v) === toPlainText(wanted) && toPlainText(wanted) !== "") ||
      values.some((v) => repairText(decodeHTML(v)).includes(repairText(decodeHTML(wanted))));
    return {
      ...result,
      kind: "texte",
      pass,
      ...(pass ? {} : { detail: `attendu ${JSON.stringify(wanted)}, obtenu ${JSON.stringify(values)}` }),
    };
  }
  if (wantedLabel) {
    const ours = decoded.encoding;
    const same = (LABEL_EQUIVALENTS[wantedLabel] ?? wantedLabel) === (LABEL_EQUIVALENTS[ours] ?? ours);
    const asciiOnly = !/[^\x00-\x7f]/.test(decoded.text);
    const compatible = asciiOnly && ASCII_COMPATIBLE.has(wantedLabel) && ASCII_COMPATIBLE.has(ours);
    const pass = (same || compatible) && !decoded.text.includes("\ufffd") && (!mustParse || !!feed);
    return {
      ...result,
      kind: "encodage",
      pass,
      ...(pass ? {} : { detail: `attendu ${wantedLabel}, décodé en ${ours}${parseError ? ` ; ${parseError}` : ""}` }),
    };
  }
  const pass = !decoded.text.includes("\ufffd") && (!mustParse || !!feed);
  return { ...result, kind: "lecture", pass, ...(pass ? {} : { detail: parseError ?? "caractère de remplacement dans le texte décodé" }) };
}

function sourceId(c: CorpusCase): string {
  return `${c.folder}-${c.name}`
    .toLowerCase()
    .replace(/\.xml$/, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function sanitizeKind(name: string): "attaque" | "acceptable" | "style" {
  if (name.startsWith("acceptable_")) return "acceptable";
  if (name.startsWith("style_")) return "style";
  return "attaque";
}

export interface ConformanceReport {
  results: CaseResult[];
  summary: Record<Folder, { total: number; pass: number; byKind: Record<string, { total: number; pass: number }> }>;
}

export async function runConformance(corpusDir: string): Promise<ConformanceReport> {
  const cases = loadCorpus(corpusDir);
  const byPath = new Map(cases.map((c) => [`/${c.folder}/${c.name}`, c]));
  const server = await listenLoopback((req, res) => {
    const c = byPath.get(decodeURIComponent(req.url ?? ""));
    if (!c) res.writeHead(404).end();
    else res.writeHead(200, c.headers).end(c.bytes);
  });
  const urlOf = (c: CorpusCase) => `${server.base}/${c.folder}/${c.name.split("/").map(encodeURIComponent).join("/")}`;
  const site = createScratchSite("conformance-", [{ id: "essai", label: "Essai", description: "Thème d'essai." }]);
  try {
    // sanitize and illformed: the whole pipeline, every file a source, everything kept and republished.
    const piped = cases.filter((c) => c.folder !== "encoding");
    site.writeSources(
      piped.map((c) => ({
        id: sourceId(c),
        name: c.name,
        feed: urlOf(c),
        section: "recherche",
        territory: "international",
        keep: "all",
        reuse: "full",
      })),
    );
    const report = await runIngest(site.runOptions({ firstFetchDays: 365 * 100, keepUnlinked: true }));
    const results: CaseResult[] = piped.map((c, i) => {
      const r = report.sources[i]!;
      const markdown = r.added.map((p) => readFileSync(join(site.contentDir, p), "utf8")).join("\n");
      const executable = EXECUTABLE.find((re) => re.test(markdown));
      if (c.folder === "illformed") {
        const pass = r.status === "ok" || (r.status === "failing" && !!r.error);
        return { folder: c.folder, name: c.name, kind: "mal formé", pass, detail: r.error ?? `${r.added.length} article(s)` };
      }
      const kind = sanitizeKind(c.name);
      const base = { folder: c.folder, name: c.name, kind, neutralised: !executable };
      if (executable) return { ...base, pass: false, detail: `reste exécutable : ${executable}` };
      if (r.status !== "ok") return { ...base, pass: false, detail: r.error ?? r.status };
      const wantsSafeText = kind === "attaque" && /== 'safe description'/.test(c.expect) && !/feed\[/.test(c.expect);
      if (wantsSafeText && !(/\bsafe\b/.test(markdown) && /\bdescription\b/.test(markdown)))
        return { ...base, pass: false, detail: "neutralisé, mais le texte inoffensif est perdu" };
      return { ...base, pass: true };
    });

    const client = createHttpClient({
      userAgent: "conformance",
      connectTimeoutMs: 5000,
      totalTimeoutMs: 10_000,
      maxBytes: 10 * 1024 * 1024,
      maxRedirects: 0,
      allowHosts: ["127.0.0.1"],
    });
    const fetchBody = async (url: string) => {
      const r = await client.fetchFeed(url, {});
      if (r.kind !== "fetched") throw new Error(`réponse inattendue pour ${url}`);
      return { body: r.body, ...(r.contentType ? { contentType: r.contentType } : {}) };
    };
    for (const c of cases.filter((c) => c.folder === "encoding")) results.push(await scoreEncoding(c, urlOf(c), fetchBody));
    await client.close();

    const summary = Object.fromEntries(
      FOLDERS.map((f) => [f, { total: 0, pass: 0, byKind: {} as Record<string, { total: number; pass: number }> }]),
    ) as ConformanceReport["summary"];
    for (const r of results) {
      const s = summary[r.folder];
      const k = (s.byKind[r.kind] ??= { total: 0, pass: 0 });
      s.total++;
      k.total++;
      if (r.pass) {
        s.pass++;
        k.pass++;
      }
    }
    return { results, summary };
  } finally {
    await server.close();
    site.cleanup();
  }
}

export function formatConformance(report: ConformanceReport): string {
  const lines = ["Conformité sur le corpus de Universal Feed Parser", ""];
  for (const folder of FOLDERS) {
    const s = report.summary[folder];
    lines.push(`${folder}/ : ${s.pass}/${s.total} cas réussis`);
    for (const [kind, k] of Object.entries(s.byKind)) lines.push(`  ${kind} : ${k.pass}/${k.total}`);
    const sanitized = report.results.filter((r) => r.folder === folder && r.neutralised !== undefined);
    if (sanitized.length)
      lines.push(`  rien d'exécutable dans le Markdown : ${sanitized.filter((r) => r.neutralised).length}/${sanitized.length}`);
  }
  const failed = report.results.filter((r) => !r.pass);
  if (failed.length) {
    lines.push("", "Cas en échec :");
    for (const r of failed) lines.push(`  ${r.folder}/${r.name} (${r.kind}) : ${r.detail ?? ""}`);
  }
  return `${lines.join("\n")}\n`;
}
