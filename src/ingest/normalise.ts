/**
 * Normaliser: a raw item as the publisher wrote it to an Item the rest of the pipeline can trust:
 * plain-text title and summary, an absolute link without tracking parameters, a canonical form
 * of that link for dedupe, and a date in Europe/Paris (or the fetch time, flagged, when the
 * feed's own date is missing, unreadable or in the future).
 */
import { DateTime } from "luxon";
import { toIso, ZONE } from "../core/time.ts";
import { SUMMARY_MAX, TITLE_MAX } from "../core/watch-item.ts";
import type { ParsedFeed, RawItem } from "./parse/index.ts";
import { toPlainText, truncateText } from "./sanitise.ts";

/** Clocks and time zones drift: a date this far ahead is a publisher's mistake, not news. */
const FUTURE_TOLERANCE_MS = 60 * 60_000;
const EARLIEST_YEAR = 1995;

export type DateFlag = "missing" | "invalid" | "future" | "ancient";

export interface Item {
  guid: string;
  url: string;
  canonicalUrl: string;
  title: string;
  summary: string;
  /** The feed's HTML content, still untrusted: only the sanitiser may turn it into a body. */
  html?: string;
  /** ISO 8601 with offset, Europe/Paris. */
  date: string;
  dateFlag?: DateFlag;
  /** The feed's own date string when it was not used, for the report. */
  rawDate?: string;
  categories: string[];
}

export interface Rejected {
  rejected: "no-link";
  title: string;
}

export interface FeedContext {
  /** The URL that answered, after redirects. */
  feedUrl: string;
  feed: Pick<ParsedFeed, "link">;
  fetchedAt: DateTime;
  /**
   * Where an item without any link points instead of being rejected: the feed URL with the
   * item's rank. Only the conformance harness sets it, to see what corpus items (most have no
   * link) would become; real runs never publish an item that links nowhere.
   */
  unlinkedRank?: number;
}

const TRACKING_PARAMS =
  /^(utm_.*|xtor|xts|xtref|fbclid|gclid|gclsrc|dclid|msclkid|yclid|mc_cid|mc_eid|igshid|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|wt_mc|wt\.mc_id|at_medium|at_campaign|at_platform|at_creation|at_send_date|at_link|at_link_id|at_link_type|at_ptr_name|at_recipient_id|at_recipient_list|ns_source|ns_mchannel|ns_campaign|ns_linkname|ns_fee|cmpid|ito|s_cid|pk_campaign|pk_kwd|pk_source|pk_medium|mtm_.*|ref_src|ref_url)$/i;

/** Absolute http(s) URL without tracking parameters (nor a tracking-only fragment), or undefined. */
export function cleanUrl(value: string | undefined, base: string): string | undefined {
  if (!value?.trim()) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  for (const key of [...url.searchParams.keys()]) if (TRACKING_PARAMS.test(key)) url.searchParams.delete(key);
  if (/^#(xtor|xts|at_|utm_)/i.test(url.hash)) url.hash = "";
  url.username = "";
  url.password = "";
  return url.href;
}

/**
 * The same article under its usual disguises (http/https, www or not, trailing slash, query
 * order, fragment) gives one canonical string.
 */
export function canonicalUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.sort();
  const host = u.hostname.toLowerCase().replace(/^www\./, "");
  // A loop rather than /\/+$/, which is quadratic on a path of many slashes.
  let end = u.pathname.length;
  while (end > 0 && u.pathname.charCodeAt(end - 1) === 47) end--;
  const path = u.pathname.slice(0, end) || "/";
  const query = u.searchParams.toString();
  return `${host}${u.port ? `:${u.port}` : ""}${path}${query ? `?${query}` : ""}`;
}

/**
 * The longest date string worth reading: RFC 822 and ISO 8601 dates stay under 40 characters.
 * The cap keeps the parsers' patterns (luxon's, ours) linear whatever a feed sends: a 500 kB
 * pubDate kept a run busy 158 s.
 */
const DATE_MAX = 100;

function parseDate(value: string): DateTime | undefined {
  const text = value.trim();
  if (text.length > DATE_MAX) return undefined;
  const attempts = [
    () => DateTime.fromISO(text, { setZone: true, zone: ZONE }),
    () => DateTime.fromRFC2822(text, { setZone: true }),
    () => DateTime.fromHTTP(text, { setZone: true }),
    () => DateTime.fromSQL(text, { zone: ZONE }),
    // RFC 822 dates with zone names luxon does not know ("CEST", "Z"): JavaScript's parser copes.
    () => DateTime.fromJSDate(new Date(text.replace(/\s+CES?T$/i, (z) => (/S/i.test(z) ? " +0200" : " +0100")))),
  ];
  for (const attempt of attempts) {
    const parsed = attempt();
    if (parsed.isValid) return parsed;
  }
  return undefined;
}

export function normaliseDate(value: string | undefined, fetchedAt: DateTime): Pick<Item, "date" | "dateFlag" | "rawDate"> {
  const fallback = (dateFlag: DateFlag) => ({ date: toIso(fetchedAt), dateFlag, ...(value ? { rawDate: value.slice(0, 100) } : {}) });
  if (!value?.trim()) return fallback("missing");
  const parsed = parseDate(value);
  if (!parsed) return fallback("invalid");
  // Milliseconds, as luxon adds minutes: the same limit without a zone lookup per item (0.7 s of a
  // cold bench fetch went to `plus`).
  if (parsed.toMillis() > fetchedAt.toMillis() + FUTURE_TOLERANCE_MS) return fallback("future");
  if (parsed.year < EARLIEST_YEAR) return fallback("ancient");
  return { date: toIso(parsed) };
}

export function normaliseItem(raw: RawItem, context: FeedContext): Item | Rejected {
  const base = context.feed.link ? safeBase(context.feed.link, context.feedUrl) : context.feedUrl;
  const summarySource = raw.summary ?? raw.content ?? "";
  const summaryText = toPlainText(summarySource);
  const title = truncateText(toPlainText(raw.title ?? "") || truncateText(summaryText, 120) || "Sans titre", TITLE_MAX);
  // RSS allows a permalink GUID instead of a link: use it when it is the only URL there is.
  const url =
    cleanUrl(raw.link, base) ??
    (raw.guid && /^https?:\/\//i.test(raw.guid) ? cleanUrl(raw.guid, base) : undefined) ??
    (context.unlinkedRank !== undefined ? cleanUrl(`?item=${context.unlinkedRank}`, context.feedUrl) : undefined);
  if (!url) return { rejected: "no-link", title };
  const item: Item = {
    guid: raw.guid || url,
    url,
    canonicalUrl: canonicalUrl(url),
    title,
    summary: truncateText(summaryText, SUMMARY_MAX),
    ...normaliseDate(raw.date, context.fetchedAt),
    categories: raw.categories.map(toPlainText).filter(Boolean),
  };
  const html = raw.content ?? raw.summary;
  if (html) item.html = html;
  return item;
}

/** A feed's declared home page is only a usable base when it is itself a valid absolute URL. */
function safeBase(link: string, feedUrl: string): string {
  try {
    return new URL(link, feedUrl).href;
  } catch {
    return feedUrl;
  }
}
