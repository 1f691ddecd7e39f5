// Filters for record listings (stories): reveal the form, hide items that do not match, and keep
// the choice in the URL (?topic=...&year=...) so that a filtered list can be linked to.
// Without this script every item stays visible.
(function () {
  function apply(form, list) {
    var wanted = {};
    form.querySelectorAll("select").forEach(function (select) {
      if (select.value) wanted[select.name] = select.value;
    });
    var items = list.querySelectorAll(".record");
    var shown = 0;
    items.forEach(function (item) {
      var ok = Object.keys(wanted).every(function (name) {
        return (item.dataset[name] || "").split(" ").indexOf(wanted[name]) >= 0;
      });
      item.hidden = !ok;
      if (ok) shown += 1;
    });
    form.querySelector("output").textContent = "Hiện " + shown + "/" + items.length + " bài";
    var params = new URLSearchParams(wanted);
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function init() {
    document.querySelectorAll("form.record-filter").forEach(function (form) {
      var list = document.getElementById(form.dataset.list);
      if (!list) return;
      var params = new URLSearchParams(location.search);
      form.querySelectorAll("select").forEach(function (select) {
        if (params.get(select.name)) select.value = params.get(select.name);
        select.addEventListener("change", function () { apply(form, list); });
      });
      form.hidden = false;
      apply(form, list);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

// Long tables (rankings, lists of districts): a box that keeps the rows whose text contains
// what was typed, with or without accents ("nguyen van" finds "Nguyễn Văn"), and headers that
// sort the rows when pressed. The whole table stays readable without this script.
(function () {
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  // "12%", "3/12", "1.234" read as numbers, so that 9% sorts before 10%
  function value(cell) {
    var text = cell.textContent.trim();
    var number = text.replace(/\./g, "").replace(",", ".").match(/^-?\d+(\.\d+)?/);
    return number ? parseFloat(number[0]) : fold(text);
  }

  function sortBy(table, column, button) {
    var th = button.parentNode;
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th[aria-sort]").forEach(function (x) { x.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a.cells[column]), y = value(b.cells[column]);
      var order = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0)
        : (typeof x === "number" ? -1 : 1);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  var count = 0;
  function enhance(holder) {
    var table = holder.querySelector("table");
    if (!table || !table.tBodies.length) return;
    count += 1;
    // A table grouped under headings (one <tbody> each, its first row a .group heading): rows
    // are found by their heading's words too, a heading shows while any of its rows does, and
    // the rows are not sorted across groups.
    var groups = Array.prototype.map.call(table.tBodies, function (body) {
      var head = body.querySelector("tr.group");
      var rows = Array.prototype.filter.call(body.rows, function (row) { return row !== head; });
      var prefix = head ? fold(head.textContent) + " " : "";
      return { head: head, rows: rows, texts: rows.map(function (row) {
        return prefix + fold(row.textContent);
      }) };
    });
    var grouped = groups.some(function (g) { return g.head; });
    var total = groups.reduce(function (n, g) { return n + g.rows.length; }, 0);
    var box = document.createElement("div");
    box.className = "table-filter-box";
    var id = "loc-bang-" + count;
    box.innerHTML = '<label for="' + id + '">Lọc bảng</label>' +
      '<input type="search" id="' + id + '" placeholder="Gõ tên, có dấu hay không dấu">' +
      '<output role="status" aria-live="polite"></output>';
    var input = box.querySelector("input"), output = box.querySelector("output");
    function apply() {
      var wanted = fold(input.value), shown = 0;
      groups.forEach(function (g) {
        var here = 0;
        g.rows.forEach(function (row, i) {
          row.hidden = wanted !== "" && g.texts[i].indexOf(wanted) < 0;
          if (!row.hidden) here += 1;
        });
        if (g.head) g.head.hidden = here === 0;
        shown += here;
      });
      output.textContent = "Hiện " + shown + "/" + total + " dòng";
    }
    input.addEventListener("input", apply);
    holder.parentNode.insertBefore(box, holder);
    if (!grouped) {
      table.querySelectorAll("thead th").forEach(function (th, column) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "sort";
        button.textContent = th.textContent;
        button.setAttribute("aria-label", "Sắp xếp theo " + th.textContent);
        button.addEventListener("click", function () { sortBy(table, column, button); });
        th.textContent = "";
        th.appendChild(button);
      });
    }
    apply();
  }

  function init() { document.querySelectorAll(".table-filter").forEach(enhance); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

// A table wider than the screen scrolls inside its box (Material wraps each table in one): the
// box gets a name and keyboard focus, so that it can be scrolled without a mouse, and says it
// scrolls (WCAG 2.1.1; axe's scrollable-region-focusable).
(function () {
  function mark() {
    document.querySelectorAll(".md-typeset__scrollwrap, .grid-scroll").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        if (!box.hasAttribute("aria-label")) box.setAttribute("aria-label", "Bảng, cuộn ngang để xem hết");
      }
      box.classList.toggle("scrolls", scrolls);
    });
  }
  // Material wraps tables from its own script, after the page loads
  if (window.document$ && document$.subscribe) document$.subscribe(function () { setTimeout(mark, 0); });
  window.addEventListener("load", mark);
  window.addEventListener("resize", mark);
})();

// On a phone, a table of records reads as cards: each row a block, each cell on its own line
// under the name of its column, so that no column hides off the screen (the CSS is in
// site.css, for screens under 45em). Without this script the table scrolls sideways instead.
(function () {
  function label() {
    document.querySelectorAll(".md-typeset table:not([class])").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.replace(/\s+/g, " ").trim();
      });
      // a table of figures keeps its grid (it scrolls, its first column pinned)
      if (heads.length < 3 || table.hasAttribute("data-cards") || table.closest(".numeric")) return;
      table.setAttribute("data-cards", "");
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          Array.prototype.forEach.call(row.cells, function (cell, i) {
            if (heads[i]) cell.setAttribute("data-label", heads[i]);
          });
        });
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", label);
  else label();
})();

// Filters folded behind "Lọc": open on a wide screen, folded on a phone so that the results
// come first, open whenever a filter is chosen; the summary counts the filters chosen.
(function () {
  var WIDE = "(min-width: 45em)";

  function count(details) {
    var chosen = [].filter.call(details.querySelectorAll("select"), function (s) {
      return s.value;
    }).length;
    details.querySelector("[data-fold-count]").textContent = chosen ? "(" + chosen + " đang chọn)" : "";
    return chosen;
  }

  function init() {
    document.querySelectorAll("details.fold-filters").forEach(function (details) {
      // after the other scripts have set the selects from the address
      setTimeout(function () {
        details.open = window.matchMedia(WIDE).matches || count(details) > 0;
        count(details);
      });
      details.addEventListener("change", function () { count(details); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

// Search (search.js, then Pagefind's index) is loaded when a reader is about to search: on the
// search page at once, elsewhere when the header box is focused or the search button pressed.
// A reader who only reads a page never downloads it, which counts on a slow link.
(function () {
  var url = new URL("search.js", document.currentScript.src).href;
  var loading = null;
  function load() {
    if (!loading) loading = import(url);
    return loading;
  }
  function init() {
    if (document.querySelector("[data-pf-page]")) return load();
    var box = document.querySelector("[data-pf-search]");
    if (!box) return;
    box.addEventListener("focusin", load);
    box.addEventListener("pointerdown", load);
    var toggle = document.getElementById("__search");
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (!toggle.checked) return;
        var input = box.querySelector("[data-pf-input]");
        if (input) input.focus();  // within the tap, so that a phone opens its keyboard
        load();
      });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
