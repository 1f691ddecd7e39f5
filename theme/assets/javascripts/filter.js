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
