import { describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import { decodeBody } from "../../src/ingest/decode.ts";
import { fixture } from "./support.ts";

describe("decoder", () => {
  it("reads windows-1252 announced by the HTTP charset only, curly quotes and euro included", () => {
    const decoded = decodeBody(fixture("windows-1252-by-header.xml"), "text/xml; charset=windows-1252");
    expect(decoded.from).toBe("http");
    expect(decoded.text).toContain("L\u2019été « à Brest » – œuvre");
    expect(decoded.text).toContain("\u201ccourbes\u201d et \u20ac");
  });

  it("reads ISO-8859-1 declared only in the XML prolog", () => {
    const decoded = decodeBody(fixture("iso-8859-1-by-prolog.xml"), "application/xml");
    expect(decoded.from).toBe("prolog");
    expect(decoded.text).toContain("Déjà vu à Noël");
  });

  it("reads UTF-16 by its byte order mark, whatever the header says", () => {
    const decoded = decodeBody(fixture("utf-16le-with-bom.xml"), "text/xml; charset=utf-8");
    expect(decoded.from).toBe("bom");
    expect(decoded.text).toContain("Égalité des chances – 2026");
  });

  it("recognises UTF-16 without a BOM from the width of the first character", () => {
    const decoded = decodeBody(iconv.encode('<?xml version="1.0"?><rss>é</rss>', "utf-16be"));
    expect(decoded.encoding).toBe("utf-16be");
    expect(decoded.text).toContain("<rss>é</rss>");
  });

  it("lets the HTTP charset win over the prolog", () => {
    const bytes = iconv.encode('<?xml version="1.0" encoding="utf-8"?><rss>\u2019</rss>', "windows-1252");
    expect(decodeBody(bytes, "text/xml; charset='windows-1252'").text).toContain("<rss>\u2019</rss>");
  });

  it("keeps every accent of a UTF-8 feed with stray windows-1252 bytes", () => {
    const bytes = Buffer.concat([Buffer.from("<rss>Café ", "utf8"), iconv.encode("été\u2019", "windows-1252"), Buffer.from("</rss>")]);
    const decoded = decodeBody(bytes);
    expect(decoded.from).toBe("utf-8+windows-1252");
    expect(decoded.text).toBe("<rss>Café été\u2019</rss>");
  });

  it("ignores an unknown charset label and falls back to UTF-8", () => {
    expect(decodeBody(Buffer.from("<rss>é</rss>"), "text/xml; charset=x-bogus").text).toBe("<rss>é</rss>");
  });
});
