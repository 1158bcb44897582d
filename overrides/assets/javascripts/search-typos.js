/* Noisy Signals: search that forgives typos, loaded by lazy-search.js when a query finds
   nothing. A plain query (no lunr syntax) is tried again with each word spelled a little
   differently (lunr's fuzzy terms, `word~1`); if that finds nothing either, as the theme keyword
   it most likely meant (the readers' own words, from assets/generated/previews.json, fetched
   only then): "rejcted", "interveiw" and "selfdoubt" find their theme pages. A line above the
   results says what was searched for instead. */

const words = (query) => query.toLowerCase().match(/[\p{L}\p{N}']+/gu) || [];
const plain = (query) => !/[~*^:+]/.test(query) && words(query).length > 0;
const fuzzy = (query) =>
  words(query)
    .map((word) => (word.length >= 4 ? `${word}~1` : word))
    .join(" ");
const compact = (text) => words(text).join("");

/* Edits (insert, delete, replace, swap two neighbours) turning a into b, up to `most` + 1. */
const distance = (a, b, most) => {
  if (Math.abs(a.length - b.length) > most) return most + 1;
  let before = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j], before[j - 2] + 1);
      }
    }
    [before, previous] = [previous, row];
  }
  return previous[b.length];
};

let keywords = null;
const themeWords = (root) => {
  keywords ||= fetch(new URL("assets/generated/previews.json", root))
    .then((response) => (response.ok ? response.json() : {}))
    .then((data) => (data.themes || []).flatMap((theme) => theme.keywords || []))
    .catch(() => []);
  return keywords;
};

/* The theme keyword the reader most likely meant: "selfdoubt" is "self-doubt". */
const closest = (query, list) => {
  const typed = compact(query);
  const most = typed.length >= 8 ? 2 : typed.length >= 5 ? 1 : 0;
  let best = null;
  let bestDistance = most + 1;
  for (const word of list) {
    const d = distance(typed, compact(word), most);
    if (d < bestDistance) [best, bestDistance] = [word, d];
  }
  return best;
};

const say = (text) => {
  const meta = document.querySelector("[data-md-component=search-result] .md-search-result__meta");
  if (!meta) return;
  const note = document.createElement("p");
  note.className = "ns-search-note";
  note.textContent = text;
  meta.after(note);
};

/* The reader's query, tag.query, found nothing (`empty`): try it the next way. lazy-search.js
   calls `then` with a result that finds something, and this again with one that does not. */
export function retry(tag, empty, { ask, deliver, root, wanted }) {
  const query = tag.query.trim();
  const shown = (note) => (data) => {
    deliver(data);
    say(note);
  };
  if (!plain(query)) return deliver(empty);
  if (!tag.fuzzy) {
    const note = `No exact match for “${query}”: showing near spellings.`;
    return ask(fuzzy(query), { query: tag.query, fuzzy: true, empty, then: shown(note) });
  }
  return themeWords(root).then((list) => {
    if (!wanted(tag)) return;
    const word = closest(query, list);
    if (!word) return deliver(tag.empty);
    const note = `No match for “${query}”: showing results for “${word}”.`;
    ask(word, { query: tag.query, done: true, empty: tag.empty, then: shown(note) });
  });
}
