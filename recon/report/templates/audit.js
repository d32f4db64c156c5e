/* recon audit: language toggle, finding and fact filters, sortable tables. No network, no libraries. */
(function () {
  "use strict";
  function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }
  function value(id) { return document.getElementById(id).value; }

  document.getElementById("lang-toggle").addEventListener("click", function () {
    var chinese = document.body.classList.toggle("zh");
    document.documentElement.lang = chinese ? "zh-CN" : "en";
  });

  function filterFindings() {
    var severity = value("f-severity"), status = value("f-status"), doc = value("f-doc"),
        metric = value("f-metric"), shown = 0;
    all("article.finding").forEach(function (card) {
      var visible = (!severity || card.dataset.severity === severity)
        && (!status || card.dataset.status === status)
        && (!doc || card.dataset.docs.split(" ").indexOf(doc) >= 0)
        && (!metric || card.dataset.metric === metric);
      card.hidden = !visible;
      if (visible && card.classList.contains("outcome-fail")) { shown += 1; }
    });
    document.getElementById("f-count").textContent = shown;
  }
  all("#finding-filters select").forEach(function (s) { s.addEventListener("change", filterFindings); });

  function filterFacts() {
    var doc = value("x-doc"), metric = value("x-metric"), period = value("x-period"),
        text = value("x-text").trim().toLowerCase(), shown = 0;
    all("tr.fact").forEach(function (row) {
      var visible = (!doc || row.dataset.doc === doc) && (!metric || row.dataset.metric === metric)
        && (!period || row.dataset.period === period)
        && (!text || row.textContent.toLowerCase().indexOf(text) >= 0);
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    document.getElementById("x-count").textContent = shown;
  }
  all("#fact-filters select").forEach(function (s) { s.addEventListener("change", filterFacts); });
  document.getElementById("x-text").addEventListener("input", filterFacts);

  // A printed report shows every corroboration's arithmetic, folded or not.
  window.addEventListener("beforeprint", function () {
    all("details").forEach(function (details) { details.open = true; });
  });

  function sortKey(cell, numeric) {
    var raw = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
    return numeric ? parseFloat(raw) : raw.toLowerCase();
  }
  all("table.sortable th[data-sort]").forEach(function (th) {
    th.addEventListener("click", function () {
      var table = th.closest("table"), body = table.tBodies[0], column = th.cellIndex,
          numeric = th.dataset.sort === "num",
          ascending = th.getAttribute("aria-sort") !== "ascending";
      all("#" + table.id + " th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = sortKey(a.cells[column], numeric), y = sortKey(b.cells[column], numeric);
        var order = x < y ? -1 : x > y ? 1 : 0;
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
}());
