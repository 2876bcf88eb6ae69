// @ts-check
/**
 * A YAML format for Decap CMS that keeps the file's comments. Decap's own YAML format rewrites a
 * data file from its values alone, which drops every comment (the registry's section headings,
 * licence notes, the theme catalogue's instructions) and cannot edit a file whose top level is a
 * list. This one reads the file as a `yaml` Document, hands Decap a map (a top-level list under
 * LIST_KEY) with the text as read under SOURCE_TEXT_KEY, and on save writes the new values into
 * that Document: nodes left unchanged keep their comments, quoting and flow style.
 *
 * Served as is to the browser (`/admin/`), and imported by the tests and the config generator.
 */

/** Hidden key of an entry: the file as read, so that saving keeps its comments. */
export const SOURCE_TEXT_KEY = "__texte_lu";
/** Key under which a data file whose top level is a list is edited (Decap edits maps only). */
export const LIST_KEY = "entrees";
/** Name under which `admin.js` registers this format with Decap. */
export const FORMAT_NAME = "yaml-commente";

/** @param {unknown} value */
const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
/** @param {unknown} value */
const isEmpty = (value) => value === undefined || value === null || value === "";

/**
 * A value the file did not have yet, without the empty keys the editor gives for optional
 * fields left blank: "" is not a valid address or phone number, an absent key is.
 * @param {unknown} value
 * @returns {unknown}
 */
function withoutEmpty(value) {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(/** @type {Record<string, unknown>} */ (value))
      .filter(([, child]) => !isEmpty(child))
      .map(([key, child]) => [key, withoutEmpty(child)]),
  );
}

/**
 * @param {typeof import("yaml")} YAML the `yaml` library (its browser build in the editor)
 * @returns {{ fromFile(text: string): Record<string, unknown>, toFile(data: Record<string, unknown>): string }}
 */
export function commentedYamlFormat(YAML) {
  /**
   * Writes `value` into `node` of `doc`, touching only what changed.
   * @param {import("yaml").Document} doc
   * @param {unknown} node
   * @param {unknown} value
   * @returns {unknown} the node to keep in place of `node`
   */
  function merge(doc, node, value) {
    if (YAML.isMap(node) && isObject(value)) {
      const entries = /** @type {Record<string, unknown>} */ (value);
      for (const pair of [...node.items]) {
        const key = YAML.isScalar(pair.key) ? pair.key.value : pair.key;
        const next = entries[String(key)];
        // A key emptied in the form leaves the file, unless the file itself had it empty.
        if (next === undefined || (isEmpty(next) && !(YAML.isScalar(pair.value) && isEmpty(pair.value.value)))) node.delete(key);
      }
      for (const [key, child] of Object.entries(entries)) {
        if (isEmpty(child) && !node.has(key)) continue;
        const current = node.get(key, true);
        const next = merge(doc, current, child);
        if (next !== current) node.set(key, next);
      }
      return node;
    }
    if (YAML.isSeq(node) && Array.isArray(value)) {
      // `[]` in the file: entries added in the editor are written one per line, not inline.
      if (node.items.length === 0 && value.length > 0) node.flow = false;
      // Entries with an id (sources, themes) are matched by id, so that each keeps its own comments
      // when another is removed or the order changes.
      const ids = node.items.map((item) => (YAML.isMap(item) ? item.get("id") : undefined));
      const keyed = value.every((v) => isObject(v) && typeof (/** @type {any} */ (v).id) === "string");
      if (keyed && ids.every((id) => typeof id === "string") && new Set(ids).size === ids.length) {
        const byId = new Map(node.items.map((item, i) => [ids[i], item]));
        node.items = value.map((v) => {
          const current = byId.get(/** @type {any} */ (v).id);
          return /** @type {any} */ (current ? merge(doc, current, v) : doc.createNode(withoutEmpty(v)));
        });
        return node;
      }
      value.forEach((child, index) => {
        const current = node.get(index, true);
        const next = merge(doc, current, child);
        if (next !== current) node.set(index, next);
      });
      while (node.items.length > value.length) node.items.pop();
      return node;
    }
    if (YAML.isScalar(node) && node.value === value) return node;
    return doc.createNode(withoutEmpty(value));
  }

  return {
    fromFile(text) {
      const value = YAML.parse(text) ?? {};
      return Array.isArray(value) ? { [LIST_KEY]: value, [SOURCE_TEXT_KEY]: text } : { ...value, [SOURCE_TEXT_KEY]: text };
    },
    toFile(data) {
      const { [SOURCE_TEXT_KEY]: source, ...values } = data;
      const doc = YAML.parseDocument(typeof source === "string" ? source : "");
      const value = LIST_KEY in values ? values[LIST_KEY] : values;
      doc.contents = /** @type {any} */ (merge(doc, doc.contents, value));
      return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
    },
  };
}
