import { IANAZone, type DateTime } from "luxon";

/** The group works in Brest: every date the site shows, and every date the ingest writes, is in Paris time. */
export const ZONE = "Europe/Paris";

const DAY_MS = 86_400_000;

/**
 * An IANA zone that remembers its offset by UTC day. luxon asks Intl for the offset of every date
 * it places in an IANA zone (formatToParts: 0.3 s of a cold bench fetch of 15 000 items). A day
 * whose first and last millisecond share an offset keeps it throughout (no zone changes twice in
 * a day), so only the days of a change ask again for each date.
 */
class DayCachedZone extends IANAZone {
  private readonly days = new Map<number, number>();

  override offset(ts: number): number {
    const day = Math.floor(ts / DAY_MS);
    const known = this.days.get(day);
    if (known !== undefined) return known;
    const first = super.offset(day * DAY_MS);
    if (first !== super.offset(day * DAY_MS + DAY_MS - 1)) return super.offset(ts);
    this.days.set(day, first);
    return first;
  }
}

/** ZONE as a luxon zone, for code that places many dates in it. */
export const PARIS_ZONE = new DayCachedZone(ZONE);

/** A date as the ingest writes it: ISO 8601 in Paris time with its offset, milliseconds only when there are some. */
export function toIso(date: DateTime): string {
  return date.setZone(PARIS_ZONE).toISO({ suppressMilliseconds: true })!;
}
