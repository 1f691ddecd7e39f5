// Search with Pagefind, behind Material's search box and on the search page (search/).
//
// Pagefind folds tone and vowel marks ("xom moi" finds "Xóm Mới") but keeps "đ" apart from "d",
// while people typing without diacritics write "dang vien" for "đảng viên". In Vietnamese "đ"
// and "d" only begin a syllable, so each word starting with "d" is also searched with "đ" and
// the results are merged. When the query itself carries diacritics, pages containing the words
// exactly as typed are ranked first. The index is fetched only when someone starts to search.

const PAGE_SIZE = 10;
const DROPDOWN_SIZE = 6;
const RERANK = 16; // results loaded at once and re-ranked (each costs one small download)
const MAX_VARIANTS = 8;

const box = document.querySelector("[data-pf-search]");
// The root of the site: "." or "../.." on most pages, "/" or "/bantin/" on the 404 page.
const siteRoot = new URL((box ? box.dataset.pfBase : ".").replace(/\/$/, "") + "/", location.href);
let loading = null;

// The index comes in parts (scripts/searchindex.py): the main one, and one for each year of
// reports, listed in pagefind/parts.json and merged into the main one.
function pagefind() {
  if (!loading) {
    // A word as typed ranks above longer words it begins ("hoa" above "hoạch", "Hoàng").
    const options = { baseUrl: siteRoot.pathname, excerptLength: 26,
                      ranking: { termSimilarity: 6 } };
    loading = Promise.all([
      import(new URL("pagefind/pagefind.js", siteRoot).href),
      fetch(new URL("pagefind/parts.json", siteRoot)).then((r) => (r.ok ? r.json() : { parts: [] }))
        .catch(() => ({ parts: [] })),
    ]).then(async ([pf, manifest]) => {
      await pf.options(options);
      await pf.init();
      // all at once: on a slow link each part's first request costs a round trip
      const parts = (manifest.parts || []).filter((part) => /^nam-\d{4}$/.test(part));
      await Promise.all(parts.map((part) =>
        pf.mergeIndex(new URL(`pagefind/${part}/`, siteRoot).pathname, { ...options })));
      return pf;
    });
  }
  return loading;
}

function words(query) {
  return query.normalize("NFC").toLowerCase().split(/\s+/).filter(Boolean);
}

// "don dac" -> ["don dac", "đon dac", "don đac", "đon đac"], fewest substitutions first.
export function variants(query) {
  let out = [[]];
  for (const word of words(query)) {
    const alternatives = word.startsWith("d") ? [word, "đ" + word.slice(1)] : [word];
    out = out.flatMap((prefix) => alternatives.map((w) => prefix.concat([w])));
  }
  const changes = (v) => v.filter((w) => w.startsWith("đ")).length;
  const sorted = out.sort((a, b) => changes(a) - changes(b)).map((v) => v.join(" "));
  if (sorted.length > MAX_VARIANTS) {
    return sorted.slice(0, MAX_VARIANTS - 1).concat([sorted[sorted.length - 1]]);
  }
  return sorted;
}

function hasDiacritics(query) {
  return /[^\u0000-\u007f]/.test(query);
}

// Every variant is searched with the same filters; a page keeps its best score. With no words,
// the filters alone list their pages (every report of a topic, say).
export async function search(query, filters) {
  const pf = await pagefind();
  if (!words(query).length) {
    return (await pf.search(null, { filters })).results;
  }
  const found = new Map();
  const runs = await Promise.all(variants(query).map((v) => pf.search(v, { filters })));
  for (const run of runs) {
    for (const result of run.results) {
      const seen = found.get(result.id);
      if (!seen || seen.score < result.score) found.set(result.id, result);
    }
  }
  return [...found.values()].sort((a, b) => b.score - a.score);
}

// Old and new tone placement ("Hoà"/"Hòa", "Thuỷ"/"Thủy") read as one: official lists mix
// both. Decomposed, the tone mark of "oa", "oe", "uy" moves onto the second vowel.
function tones(value) {
  return value.normalize("NFD")
    .replace(/([oOuU])([\u0300\u0301\u0303\u0309\u0323])([aeAEyY])/g, "$1$3$2").normalize("NFC");
}

function fold(value) {
  return value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d")
    .replace(/Đ/g, "d").toLowerCase();
}

const LETTER = "a-z0-9";

// Does `text` (folded) hold `phrase` (folded) as whole words, not as the start of longer ones?
function holdsWords(text, phrase) {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^${LETTER}])${escaped}($|[^${LETTER}])`).test(text);
}

const KIND_PAGE = "Trang";

// Pagefind scores words one by one and matches the start of words. The head of the list is
// re-ranked with what a reader means: a title holding the whole query as words ("Huyện Thạnh
// Phú" for "thanh phu") first, the shorter the title the better; then pages holding more of the
// words whole ("hoa" before "hoạch"); then records before the guide pages, which quote names
// in their examples; then, when the query carries diacritics, pages with the words as typed.
function rank(data, query) {
  const folded = words(fold(query));
  const phrase = folded.join(" ");
  const typed = hasDiacritics(query) ? words(tones(query)) : [];
  const keyed = data.map((d, i) => {
    const title = fold(d.meta.title || "");
    const content = fold(d.content);
    const text = tones(d.content.normalize("NFC")).toLowerCase();
    // the more of the title the query covers, the more the page is about it
    return { d, i, title: holdsWords(title, phrase) ? phrase.length / title.length : 0,
             whole: folded.filter((w) => holdsWords(content, w) || holdsWords(title, w)).length,
             record: (d.meta.loai || "") === KIND_PAGE ? 0 : 1,
             exact: typed.filter((w) => text.includes(w)).length };
  });
  keyed.sort((a, b) => b.title - a.title || b.whole - a.whole || b.record - a.record
                       || b.exact - a.exact || a.i - b.i);
  return keyed.map((k) => k.d);
}

// Results loaded a page at a time; the first RERANK are loaded together and re-ranked.
export class Hits {
  constructor(results, query, rerank) {
    this.results = results;
    this.query = query;
    this.rerank = rerank;
    this.head = null;
    this.shown = 0;
  }

  get total() {
    return this.results.length;
  }

  async next(count) {
    if (!this.head) {
      const first = await Promise.all(this.results.slice(0, this.rerank).map((r) => r.data()));
      this.head = rank(first, this.query);
    }
    const start = this.shown;
    const fromHead = this.head.slice(start, start + count);
    const rest = this.results.slice(Math.max(this.head.length, start + fromHead.length),
                                    start + count);
    const more = await Promise.all(rest.map((r) => r.data()));
    this.shown += fromHead.length + more.length;
    return fromHead.concat(more);
  }
}

function best(data) {
  // A month page holds many reports: point at the one that matched best.
  const subs = (data.sub_results || []).filter((s) => s.url.includes("#"));
  if ((data.meta.loai || "") === "Báo cáo theo dõi" && subs.length) {
    const top = subs.reduce((a, b) => ((b.locations || []).length > (a.locations || []).length ? b : a));
    return { url: top.url, title: top.title, excerpt: top.excerpt };
  }
  return { url: data.url, title: data.meta.title, excerpt: data.excerpt };
}

function text(tag, className, value) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  el.textContent = value;
  return el;
}

// Pagefind's excerpt is HTML: page text with <mark> around the words found. It is read in an
// inert document (nothing in it runs or loads) and only its text and marks are kept, so that
// no markup from an indexed page can reach the results, whatever Pagefind escapes.
function excerptOf(html) {
  const p = document.createElement("p");
  const parsed = new DOMParser().parseFromString(html, "text/html");
  for (const node of parsed.body.childNodes) {
    if (node.nodeName === "MARK") p.appendChild(text("mark", "", node.textContent));
    else p.appendChild(document.createTextNode(node.textContent));
  }
  return p;
}

// A record's own summary (its `tom_tat` metadata, written by the build) reads better than text
// cut around the words found on a page of labels and names; the words found are marked in it.
function summaryOf(summary, query) {
  const p = document.createElement("p");
  const wanted = words(fold(query));
  for (const part of summary.split(/([^\p{L}\p{N}]+)/u)) {
    const word = fold(part);
    if (word && wanted.some((w) => word.startsWith(w))) p.appendChild(text("mark", "", part));
    else p.appendChild(document.createTextNode(part));
  }
  return p;
}

export function resultItem(data, query = "") {
  const hit = best(data);
  const li = document.createElement("li");
  li.className = "md-search-result__item";
  const a = document.createElement("a");
  a.className = "md-search-result__link";
  a.href = hit.url;
  const article = document.createElement("article");
  article.className = "md-search-result__article md-typeset";
  article.appendChild(text("h1", "", hit.title || data.meta.title || data.url));
  const facts = [data.meta.loai, data.meta.dia_ban, data.meta.ngay].filter(Boolean).join(" · ");
  if (facts) article.appendChild(text("p", "pf-result-meta", facts));
  article.appendChild(data.meta.tom_tat && hit.url === data.url
    ? summaryOf(data.meta.tom_tat, query) : excerptOf(hit.excerpt || ""));
  a.appendChild(article);
  li.appendChild(a);
  return li;
}

function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// ---- the header box ---------------------------------------------------------------------------

function initHeader() {
  if (!box) return;
  const input = box.querySelector("[data-pf-input]");
  const list = box.querySelector("[data-pf-results]");
  const status = box.querySelector("[data-pf-status]");
  const toggle = document.getElementById("__search");
  const searchPage = new URL("search/", siteRoot);
  let latest = "";

  const run = debounce(async () => {
    const query = input.value.trim();
    latest = query;
    list.replaceChildren();
    if (!query) {
      status.textContent = "Gõ để tìm bài, báo cáo, địa bàn, cán bộ, bản tin";
      return;
    }
    status.textContent = "Đang tìm…";
    const results = await search(query, {});
    const hits = new Hits(results, query, Math.min(RERANK, 10));
    const data = await hits.next(DROPDOWN_SIZE);
    if (query !== latest) return; // a newer query is on its way
    data.forEach((d) => list.appendChild(resultItem(d, query)));
    status.textContent = results.length ? `${results.length} kết quả` : "Không tìm thấy kết quả";
    if (results.length > DROPDOWN_SIZE) {
      const more = document.createElement("li");
      more.className = "md-search-result__item pf-more-link";
      const a = text("a", "md-search-result__link", `Xem cả ${results.length} kết quả, lọc theo loại, chủ đề, địa bàn, năm`);
      a.href = `${searchPage.pathname}?q=${encodeURIComponent(query)}`;
      more.appendChild(a);
      list.appendChild(more);
    }
  }, 150);

  // The results open when there is something to show, not on focus: a keyboard user tabbing
  // through the header must not land in a dimmed page under an empty dropdown. They close when
  // focus leaves the box, and with Escape.
  const open = (yes) => {
    if (toggle && toggle.checked !== yes) toggle.checked = yes;
  };
  input.addEventListener("focus", () => {
    pagefind(); // start fetching while the person types
    if (input.value.trim()) open(true);
  });
  input.addEventListener("input", () => {
    open(Boolean(input.value.trim()));
    run();
  });
  box.addEventListener("focusout", (event) => {
    if (!box.contains(event.relatedTarget)) open(false);
  });
  // Arrow keys move between the box and the results; Escape closes and returns to the box.
  const links = () => [...list.querySelectorAll("a")];
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      open(false);
      input.blur();
    } else if (event.key === "ArrowDown" && links().length) {
      event.preventDefault();
      open(true);
      links()[0].focus();
    }
  });
  list.addEventListener("keydown", (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" && at < all.length - 1) {
      event.preventDefault();
      all[at + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (at > 0 ? all[at - 1] : input).focus();
    } else if (event.key === "Escape") {
      input.focus(); // focus first: focusing a box that holds a query opens the results
      open(false);
    }
  });
  if (toggle) {
    toggle.addEventListener("change", () => {
      if (toggle.checked) input.focus();
    });
  }
  box.querySelector("form").addEventListener("reset", () => {
    list.replaceChildren();
    latest = "";
  });
  // This script is loaded when the reader focuses the box (filter.js): what they did before
  // it arrived is taken up here.
  if (document.activeElement === input) pagefind();
  if (input.value.trim()) {
    open(document.activeElement === input);
    run();
  }
}

// Districts of the chosen province only, communes of the chosen district only: unit selects
// carry their level (0 = province), and each option the names of the units above it.
function narrow(selects) {
  const levels = Object.values(selects).filter((s) => s.dataset.level !== undefined);
  for (const select of levels) {
    const above = levels.filter((s) => +s.dataset.level < +select.dataset.level && s.value);
    for (const option of select.options) {
      if (!option.value) continue;
      const up = (option.dataset.up || "").split("|");
      option.hidden = above.some((s) => !up.includes(s.value));
    }
  }
}

// ---- the search page --------------------------------------------------------------------------

async function initPage() {
  const page = document.querySelector("[data-pf-page]");
  if (!page) return;
  const form = page.querySelector("form");
  const input = form.querySelector("input[name=q]");
  const list = page.querySelector("[data-pf-page-results]");
  const status = page.querySelector("[data-pf-page-status]");
  const moreButton = page.querySelector("[data-pf-page-more]");
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  const selects = {};
  form.querySelectorAll("select").forEach((select) => {
    selects[select.name] = select;
    select.value = params.get(select.name) || "";
    select.addEventListener("change", () => {
      narrow(selects);
      run();
    });
  });
  narrow(selects);
  form.hidden = false;
  // Filters chosen in the address: their fold opens and counts them (filter.js), whichever
  // script ran first.
  const fold = form.querySelector("details.fold-filters");
  if (fold && Object.values(selects).some((s) => s.value)) {
    fold.open = true;
    fold.dispatchEvent(new Event("change"));
  }

  let hits = new Hits([], "", RERANK);
  let latest = "";

  async function more() {
    const query = latest;
    const data = await hits.next(PAGE_SIZE);
    if (query !== latest) return;
    data.forEach((d) => list.appendChild(resultItem(d, query)));
    moreButton.hidden = hits.shown >= hits.total;
  }

  async function run() {
    const query = input.value.trim();
    const filters = {};
    const url = new URLSearchParams();
    if (query) url.set("q", query);
    for (const [key, select] of Object.entries(selects)) {
      if (select.value) {
        filters[key] = select.value;
        url.set(key, select.value);
      }
    }
    history.replaceState(null, "", location.pathname + (url.toString() ? "?" + url : ""));
    latest = query;
    list.replaceChildren();
    moreButton.hidden = true;
    if (!query && !Object.keys(filters).length) {
      status.textContent = "Nhập từ cần tìm; gõ có dấu hay không dấu đều được.";
      return;
    }
    status.textContent = "Đang tìm…";
    const results = await search(query, filters);
    if (query !== latest) return;
    hits = new Hits(results, query, RERANK);
    await more();
    if (query !== latest) return;
    const what = query ? ` cho «${query}»` : "";
    status.textContent = results.length ? `${results.length} kết quả${what}` : `Không tìm thấy kết quả${what}`;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  input.addEventListener("input", debounce(run, 250));
  moreButton.addEventListener("click", more);
  run();
}

initHeader();
initPage();
