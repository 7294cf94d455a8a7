// Search in the browser, with MiniSearch (static/js/vendor/minisearch.js). Progressive enhancement: on the live
// app the server renders the results (kiosk/search/), and this script only shows them as you type; in the static
// export there is no server, so this script searches the language's index (/<lang>/search/index.json, kept
// offline by the service worker) for the query in the address.
//
// The index carries the normalisation rules (kiosk/search/rules.json), applied here exactly as the server
// applies them (kiosk/search/normalise.py), and MiniSearch is given the server's boosts, weights and BM25
// parameters, so both put the same cards first. tests/search_cases.json is run against both.
"use strict";

(() => {
  const WORD = /[\p{L}\p{M}\p{N}]+/gu;
  const NONSPACING_MARK = /^\p{Mn}$/u;
  const FIELDS = ["title", "summary", "points", "questions"];

  function normalise(text, rules, lang) {
    for (const [upper, lower] of Object.entries(rules.lowercase[lang.split("-")[0]] || {})) {
      text = text.split(upper).join(lower);
    }
    let out = "";
    for (const ch of text.toLowerCase().normalize("NFD")) {
      if (NONSPACING_MARK.test(ch) && !rules.keep_marks.some(([low, high]) => low <= ch && ch <= high)) continue;
      if (rules.remove.includes(ch)) continue;
      out += Object.hasOwn(rules.fold, ch) ? rules.fold[ch] : ch;
    }
    return out.normalize("NFC");
  }

  const words = (text) => text.match(WORD) || [];
  const terms = (text, rules, lang) => words(text).map((word) => normalise(word, rules, lang)).filter(Boolean);

  // What kiosk/search/__init__.py read_query does: control characters and runs of spaces become one space.
  const cleanQuery = (query) => query.replace(/[\p{C}\p{Z}]+/gu, " ").trim();

  function create(index) {
    const { rules, lang } = index;
    // Each word is normalised once: the cards use a few thousand words, and marking results asks again and again.
    const known = new Map();
    const normaliseWord = (word) => {
      let term = known.get(word);
      if (term === undefined) known.set(word, (term = normalise(word, rules, lang)));
      return term;
    };
    const fuzzyPattern = new RegExp(rules.fuzzy.pattern);
    const mini = new MiniSearch({
      idField: "slug",
      fields: FIELDS,
      extractField: (doc, field) => (Array.isArray(doc[field]) ? doc[field].join("\n") : doc[field]),
      tokenize: words,
      processTerm: (term) => normaliseWord(term) || null,
      searchOptions: {
        boost: rules.boost,
        weights: rules.weights,
        bm25: rules.bm25,
        prefix: (term) => term.length >= rules.prefix_min_length,
        fuzzy: (term) => (fuzzyPattern.test(term) && term.length >= rules.fuzzy.min_length ? rules.fuzzy.max_distance : false),
      },
    });
    mini.addAll(index.documents);
    const bySlug = new Map(index.documents.map((doc) => [doc.slug, doc]));
    return {
      index,
      normaliseWord,
      // [{slug, url, score, matched: Set of the card's words that matched}], best first
      search: (query) => mini.search(query).map((result) => ({
        ...bySlug.get(result.id), score: result.score, matched: new Set(result.terms),
      })),
    };
  }

  function markedParts(text, matched, normaliseWord) {
    const parts = [];
    let position = 0;
    for (const found of text.matchAll(WORD)) {
      if (!matched.has(normaliseWord(found[0]))) continue;
      if (found.index > position) parts.push([text.slice(position, found.index), false]);
      parts.push([found[0], true]);
      position = found.index + found[0].length;
    }
    if (position < text.length) parts.push([text.slice(position), false]);
    return parts;
  }

  function snippet(doc, matched, normaliseWord) {
    for (const text of [doc.summary, ...doc.points, ...doc.questions]) {
      if (words(text).some((word) => matched.has(normaliseWord(word)))) return text;
    }
    return doc.summary;
  }

  function appendMarked(element, parts) {
    for (const [text, hit] of parts) {
      if (!hit) {
        element.append(text);
        continue;
      }
      const mark = document.createElement("mark");
      mark.textContent = text;
      element.append(mark);
    }
  }

  window.KioskSearch = { normalise, words, terms, create, markedParts, snippet };

  const page = document.querySelector(".search-page");
  const input = document.getElementById("search-q");
  if (!page || !input || typeof MiniSearch === "undefined") return;
  // The static export hides what only this script can make work (kiosk/templates/search.html).
  for (const hidden of page.querySelectorAll(".search-box[hidden], .search-topics[hidden]")) hidden.hidden = false;
  const counts = JSON.parse(page.dataset.counts);
  const maxLength = Number(page.dataset.maxLength);
  const list = document.getElementById("search-results");
  const count = document.getElementById("search-count");
  const nothing = document.getElementById("search-nothing");
  const cutNote = document.getElementById("search-cut");

  function show(searcher, typed) {
    const cleaned = cleanQuery(typed);
    const query = cleaned.slice(0, maxLength);
    const results = query ? searcher.search(query) : [];
    list.replaceChildren(...results.map((result) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = result.url;
      appendMarked(link, markedParts(result.title, result.matched, searcher.normaliseWord));
      const text = document.createElement("p");
      const shown = snippet(result, result.matched, searcher.normaliseWord);
      appendMarked(text, markedParts(shown, result.matched, searcher.normaliseWord));
      item.append(link, text);
      return item;
    }));
    const countText = query ? counts[results.length] : "";
    if (count.textContent !== countText) count.textContent = countText;
    nothing.hidden = !query || results.length > 0;
    cutNote.hidden = cleaned.length <= maxLength;
  }

  fetch(page.dataset.index)
    .then((response) => response.json())
    .then((index) => {
      const searcher = create(index);
      // The static export's page, or a kept copy shown offline, was rendered for no query (or another one):
      // search for the one in the address.
      const asked = new URLSearchParams(location.search).get("q") || "";
      if (cleanQuery(asked) !== page.dataset.query) {
        input.value = asked;
        show(searcher, asked);
      }
      input.addEventListener("input", () => {
        show(searcher, input.value);
        const address = new URL(location.href);
        address.searchParams.set("q", input.value);
        history.replaceState(null, "", address);
      });
      page.dataset.searchReady = "true";
    })
    .catch(() => {
      page.dataset.searchReady = "failed"; // the server's results (or the home page's list of cards) remain
    });
})();
