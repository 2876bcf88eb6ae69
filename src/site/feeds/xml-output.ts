/** Outputs that are XML, or end up in one (the e-mail letter is pasted into mailing tools that parse it as XHTML). */
export function isXmlOutput(outputPath: string | false): boolean {
  return typeof outputPath === "string" && /(\.xml|\.opml|\/courriel\.html)$/.test(outputPath);
}
