import { Parser } from "htmlparser2";

/**
 * Deepest nesting of elements an imported body may have. Eleventy's HTML transforms (path prefix,
 * feeds' absolute URLs) walk the tree recursively: 20 000 unclosed `<b>` overflow the stack and
 * stop the build. Sanitised articles nest a few levels; 100 leaves room for any real one.
 */
export const BODY_DEPTH_MAX = 100;

/** How deep elements nest in `html`, as an HTML parser builds them (implied end tags closed). */
export function htmlDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  const parser = new Parser({
    onopentag() {
      depth += 1;
      if (depth > deepest) deepest = depth;
    },
    onclosetag() {
      depth -= 1;
    },
  });
  parser.end(html);
  return deepest;
}
