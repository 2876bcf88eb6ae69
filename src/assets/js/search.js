// Search page, built on Pagefind's JavaScript API. The page's own GET form is the state: its
// fields (q, tri and one checkbox per filter value) are what the URL holds, so a search can be
// bookmarked, shared, reloaded and walked back with the browser's history. Without this script
// the form still submits, and a <noscript> message points to the watch and the directory.

/**
 * The facets as src/site/search-facets.ts declares them (id, label, `open`, `descending`), in the
 * order readers scan them, rendered into the page by content/recherche.njk.
 */
const FACETS = JSON.parse(document.getElementById("facettes-recherche").textContent);
/** The site may be published under a path prefix: this script sits at <site>/assets/js/. */
const SITE_ROOT = new URL("../../", import.meta.url);
const PAGE_SIZE = 20;
const TYPING_DELAY_MS = 300;

const form = document.querySelector("[data-search]");
const query = form.elements.namedItem("q");
const sort = form.elements.namedItem("tri");
const facetsBox = form.querySelector("[data-search-facets]");
const resetButton = form.querySelector("[data-search-reset]");
const status = form.querySelector("[data-search-status]");
const list = form.querySelector("[data-search-list]");
const moreButton = form.querySelector("[data-search-more]");
const emptyHelp = form.querySelector("[data-search-empty]");

const collator = new Intl.Collator("fr", { numeric: true });
const longDate = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "UTC" });
// French writes the first day of a month as an ordinal: « 1er décembre 2026 » (as src/site/filters.ts does).
const frenchDate = (date) =>
  longDate
    .formatToParts(date)
    .map((p) => (p.type === "day" && p.value === "1" ? "1er" : p.value))
    .join("");
const plural = (count, one, many) => `${count.toLocaleString("fr-FR")} ${count > 1 ? many : one}`;

let pagefind;
let latestSearch = 0;
let shown = [];

/** The search the form describes, as Pagefind takes it. */
function readForm() {
  const data = new FormData(form);
  const filters = {};
  for (const { id } of FACETS) {
    const values = data.getAll(id);
    if (values.length) filters[id] = values;
  }
  return { term: String(data.get("q") ?? "").trim(), byDate: data.get("tri") === "date", filters };
}

/** The URL of the search the form describes: only what differs from an empty search. */
function urlOfForm() {
  const params = new URLSearchParams();
  const { term, byDate, filters } = readForm();
  if (term) params.set("q", term);
  for (const [name, values] of Object.entries(filters)) for (const value of values) params.append(name, value);
  if (byDate) params.set("tri", "date");
  const search = params.toString();
  return `${location.pathname}${search ? `?${search}` : ""}`;
}

function fillFormFromUrl() {
  const params = new URLSearchParams(location.search);
  query.value = params.get("q") ?? "";
  sort.value = params.get("tri") === "date" ? "date" : "pertinence";
  for (const box of facetsBox.querySelectorAll("input[type=checkbox]")) {
    box.checked = params.getAll(box.name).includes(box.value);
  }
}

/** Filter values a URL asks for that the index does not hold, so they still show and can be removed. */
function valuesInUrl(name) {
  return new URLSearchParams(location.search).getAll(name);
}

function renderFacets(available) {
  for (const facet of FACETS) {
    const values = [...new Set([...Object.keys(available[facet.id] ?? {}), ...valuesInUrl(facet.id)])];
    if (!values.length) continue;
    values.sort((a, b) => (facet.descending ? collator.compare(b, a) : collator.compare(a, b)));
    facetsBox.append(facetGroup(facet, values));
  }
}

/**
 * A facet folds away, so the results stay a few key presses away. Beside the results, the busiest
 * facets start open; on a narrow screen, where they come before the results, only chosen ones do.
 */
function facetGroup({ id: name, label, open }, values) {
  const details = document.createElement("details");
  details.className = "facet";
  const busiest = Boolean(open) && matchMedia("(min-width: 56rem)").matches;
  details.open = busiest || valuesInUrl(name).length > 0;
  const summary = document.createElement("summary");
  summary.textContent = label;
  const fieldset = document.createElement("fieldset");
  const legend = document.createElement("legend");
  legend.className = "visually-hidden";
  legend.textContent = label;
  const options = document.createElement("ul");
  options.append(...values.map((value, index) => facetOption(name, value, `filtre-${name}-${index}`)));
  fieldset.append(legend, options);
  details.append(summary, fieldset);
  return details;
}

function facetOption(name, value, id) {
  const item = document.createElement("li");
  const box = document.createElement("input");
  Object.assign(box, { type: "checkbox", id, name, value });
  const label = document.createElement("label");
  label.htmlFor = id;
  const text = document.createElement("span");
  text.textContent = value;
  const tally = document.createElement("span");
  tally.className = "facet__count";
  label.append(text, " ", tally);
  item.append(box, label);
  return item;
}

/**
 * Pagefind's `filters` counts what adding a value would leave. Values of one facet are OR-ed, so a
 * facet's counts must ignore its own choice: with a single facet chosen that is `totalFilters`,
 * otherwise one more search without it (each search over a large index costs, so only then).
 */
async function facetCounts(term, filters, found) {
  const chosen = Object.keys(filters);
  const counts = await Promise.all(
    FACETS.map(async ({ id: name }) => {
      if (!filters[name]) return [name, found.filters?.[name] ?? {}];
      if (chosen.length === 1) return [name, found.totalFilters?.[name] ?? {}];
      const { [name]: _own, ...others } = filters;
      const without = await pagefind.search(term || null, { filters: asPagefindFilters(others) });
      return [name, without.filters?.[name] ?? {}];
    }),
  );
  return Object.fromEntries(counts);
}

function asPagefindFilters(filters) {
  return Object.fromEntries(Object.entries(filters).map(([name, values]) => [name, { any: values }]));
}

function updateFacets(counts, filters) {
  for (const item of facetsBox.querySelectorAll("li")) {
    const box = item.querySelector("input");
    const count = counts?.[box.name]?.[box.value] ?? 0;
    item.querySelector(".facet__count").textContent = counts ? `(${count.toLocaleString("fr-FR")})` : "";
    // A value that would empty the list is hidden, unless chosen or under the keyboard focus.
    item.hidden = Boolean(counts) && count === 0 && !box.checked && !item.contains(document.activeElement);
  }
  for (const group of facetsBox.querySelectorAll(".facet")) {
    group.hidden = !group.querySelector("li:not([hidden])") && !group.contains(document.activeElement);
  }
  facetsBox.hidden = !facetsBox.querySelector(".facet:not([hidden])");
  resetButton.hidden = Object.keys(filters).length === 0;
}

async function search({ focusResults = false } = {}) {
  const ticket = ++latestSearch;
  const { term, byDate, filters } = readForm();
  const filtered = Object.keys(filters).length > 0;
  if (!term && !filtered) {
    updateFacets(null, filters);
    await showResults([], "Saisissez un ou plusieurs mots, ou choisissez un filtre.", { suggest: false });
    return;
  }
  const found = await pagefind.search(term || null, { filters: asPagefindFilters(filters), ...(byDate ? { sort: { date: "desc" } } : {}) });
  const { results } = found;
  const counts = await facetCounts(term, filters, found);
  if (ticket !== latestSearch) return;
  updateFacets(counts, filters);
  const count = plural(results.length, "résultat", "résultats");
  const what = term ? ` pour «\u202F${term}\u202F»` : "";
  const among = filtered ? `, ${plural(Object.values(filters).flat().length, "filtre actif", "filtres actifs")}` : "";
  const order = results.length > 1 ? (byDate ? ", du plus récent au plus ancien" : ", les plus pertinents d’abord") : "";
  await showResults(results, `${results.length ? count : "Aucun résultat"}${what}${among}${order}.`);
  if (focusResults) document.getElementById("titre-resultats").focus();
}

/** The status is written last, so a screen reader hears the outcome once the list is there. */
async function showResults(results, message, { suggest = results.length === 0 } = {}) {
  shown = results;
  list.replaceChildren();
  await showMore();
  if (shown !== results) return;
  emptyHelp.hidden = !suggest;
  status.textContent = message;
}

async function showMore() {
  const start = list.children.length;
  const current = shown;
  const page = await Promise.all(current.slice(start, start + PAGE_SIZE).map((r) => r.data()));
  if (current !== shown) return undefined; // a newer search has replaced the list meanwhile
  list.append(...page.map(renderResult));
  const left = shown.length - list.children.length;
  moreButton.hidden = left === 0;
  moreButton.textContent = `Afficher ${plural(Math.min(PAGE_SIZE, left), "résultat", "résultats")} de plus`;
  return list.children[start];
}

function renderResult(result) {
  const item = document.createElement("li");
  item.className = "search-result";
  const title = document.createElement("h3");
  title.className = "search-result__title";
  const link = document.createElement("a");
  link.href = result.url;
  link.textContent = result.meta.title ?? result.url;
  title.append(link);
  const meta = document.createElement("p");
  meta.className = "search-result__meta";
  const add = (...nodes) => meta.append(...(meta.childNodes.length ? [" · ", ...nodes] : nodes));
  if (result.meta.type) add(result.meta.type);
  if (result.meta.date) add("publié le ", timeOf(result.meta.date));
  if (result.meta.redigee) add("fiche rédigée le ", timeOf(result.meta.redigee));
  if (result.meta.source) add(result.meta.source);
  if (result.meta.statut) {
    const mark = document.createElement("strong");
    mark.textContent = result.meta.statut;
    add(mark);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "search-result__excerpt";
  // Pagefind escapes the page text and only adds <mark> around the matched words.
  excerpt.innerHTML = result.excerpt;
  item.append(title, meta, excerpt);
  return item;
}

function timeOf(iso) {
  const time = document.createElement("time");
  time.dateTime = iso;
  time.textContent = frenchDate(new Date(`${iso}T00:00:00Z`));
  return time;
}

let typingTimer;
form.addEventListener("input", (event) => {
  if (event.target !== query) return;
  clearTimeout(typingTimer);
  // Typing refines the current entry of the history instead of stacking one per letter.
  typingTimer = setTimeout(() => {
    history.replaceState(null, "", urlOfForm());
    search();
  }, TYPING_DELAY_MS);
});
form.addEventListener("change", (event) => {
  if (event.target === query) return;
  history.pushState(null, "", urlOfForm());
  search();
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typingTimer);
  const url = urlOfForm();
  if (url !== `${location.pathname}${location.search}`) history.pushState(null, "", url);
  search({ focusResults: true });
});
resetButton.addEventListener("click", () => {
  for (const box of facetsBox.querySelectorAll("input:checked")) box.checked = false;
  history.pushState(null, "", urlOfForm());
  search();
  query.focus();
});
moreButton.addEventListener("click", async () => {
  const first = await showMore();
  first?.querySelector("a").focus();
});
window.addEventListener("popstate", () => {
  fillFormFromUrl();
  search();
});

async function start() {
  status.textContent = "Chargement de la recherche…";
  try {
    pagefind = await import(new URL("pagefind/pagefind.js", SITE_ROOT).href);
    await pagefind.options({ baseUrl: SITE_ROOT.pathname });
    renderFacets(await pagefind.filters());
  } catch {
    status.textContent = "La recherche n’a pas pu être chargée. Vous pouvez parcourir la veille et l’annuaire des ressources.";
    emptyHelp.hidden = false;
    return;
  }
  fillFormFromUrl();
  await search();
}

start();
