/* recon audit: language toggle, finding filters, the paged facts explorer, sortable tables, copy
   buttons. No network, no libraries. */
(function () {
  "use strict";
  function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }
  function value(id) { return document.getElementById(id).value; }
  function json(id) { return JSON.parse(document.getElementById(id).textContent); }
  function chinese() { return document.body.classList.contains("zh"); }

  var labels = json("labels-data");
  function label(key, fallback) { var pair = labels[key]; return pair ? pair[chinese() ? 1 : 0] : fallback; }

  document.getElementById("lang-toggle").addEventListener("click", function () {
    var zh = document.body.classList.toggle("zh");
    document.documentElement.lang = zh ? "zh-CN" : "en";
    all("option[data-zh]").forEach(function (o) { o.textContent = zh ? o.dataset.zh : o.dataset.en; });
    renderFacts();
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
      if (visible && card.closest("#conflicts")) { shown += 1; }
    });
    all("details.note-group").forEach(function (group) {
      group.hidden = !group.querySelector("article.finding:not([hidden])");
    });
    document.getElementById("f-count").textContent = shown;
  }
  all("#finding-filters select").forEach(function (s) { s.addEventListener("change", filterFindings); });

  all("button.copy").forEach(function (button) {
    button.addEventListener("click", function () {
      var text = button.dataset.copy, code = button.parentNode.querySelector("code");
      var selection = window.getSelection(), range = document.createRange();
      range.selectNodeContents(code);
      selection.removeAllRanges();
      selection.addRange(range);
      if (navigator.clipboard) { navigator.clipboard.writeText(text).catch(function () {}); }
      button.classList.add("done");
    });
  });

  // The facts explorer: rows arrive as JSON and one page of them is in the document at a time,
  // so the page stays quick with thousands of facts.
  var data = json("facts-data"), field = {};
  data.fields.forEach(function (name, i) { field[name] = i; });
  var table = document.getElementById("facts-table"), body = table.tBodies[0];
  var size = parseInt(table.dataset.page, 10), page = 0, matching = data.rows, order = null;

  function cell(row, text, className) {
    var td = document.createElement("td");
    if (className) { td.className = className; }
    if (text !== undefined) { td.textContent = text; }
    row.appendChild(td);
    return td;
  }
  function marked(td, pieces) {
    pieces.forEach(function (piece) {
      var node = piece[1] ? document.createElement("mark") : document.createTextNode(piece[0]);
      if (piece[1]) { node.textContent = piece[0]; }
      td.appendChild(node);
    });
  }
  function renderFacts() {
    var pages = Math.max(1, Math.ceil(matching.length / size));
    page = Math.min(page, pages - 1);
    var rows = document.createDocumentFragment();
    matching.slice(page * size, (page + 1) * size).forEach(function (f) {
      var tr = document.createElement("tr");
      tr.className = "fact";
      tr.id = "claim-" + f[field.claim_id];
      tr.dataset.doc = f[field.doc_id];
      cell(tr, f[field.doc_id]);
      cell(tr, f[field.location], "nowrap");
      cell(tr, f[field.metric_id]).title = f[field.metric_text];
      cell(tr, f[field.period]);
      cell(tr, f[field.geo]);
      var stated = cell(tr);
      marked(stated, [[f[field.surface], true]]);
      if (f[field.qualifier] !== "exact") {
        var q = document.createElement("span");
        q.className = "muted";
        q.textContent = " " + label("qualifier." + f[field.qualifier], f[field.qualifier]);
        stated.appendChild(q);
      }
      cell(tr, f[field.value], "num");
      cell(tr, label("kind." + f[field.kind], f[field.kind]));
      marked(cell(tr, undefined, "quote-cell"), f[field.quote]);
      rows.appendChild(tr);
    });
    body.replaceChildren(rows);
    document.getElementById("x-count").textContent = matching.length;
    document.getElementById("x-page").textContent = (page + 1) + " " + label("page.of", "of") + " " + pages;
    document.getElementById("x-prev").disabled = page === 0;
    document.getElementById("x-next").disabled = page >= pages - 1;
  }
  function text(f) {
    return [f[field.doc_id], f[field.metric_id], f[field.metric_text], f[field.period], f[field.geo],
      f[field.surface], f[field.value], f[field.quote].map(function (p) { return p[0]; }).join("")]
      .join(" ").toLowerCase();
  }
  function filterFacts() {
    var doc = value("x-doc"), metric = value("x-metric"), period = value("x-period"),
        needle = value("x-text").trim().toLowerCase();
    matching = data.rows.filter(function (f) {
      return (!doc || f[field.doc_id] === doc) && (!metric || f[field.metric_id] === metric)
        && (!period || f[field.period] === period) && (!needle || text(f).indexOf(needle) >= 0);
    });
    if (order) { matching.sort(order); }
    page = 0;
    renderFacts();
  }
  all("#fact-filters select").forEach(function (s) { s.addEventListener("change", filterFacts); });
  document.getElementById("x-text").addEventListener("input", filterFacts);
  document.getElementById("x-prev").addEventListener("click", function () { page -= 1; renderFacts(); });
  document.getElementById("x-next").addEventListener("click", function () { page += 1; renderFacts(); });
  all("#facts-table th[data-key]").forEach(function (th) {
    th.addEventListener("click", function () {
      var key = field[th.dataset.key], numeric = th.hasAttribute("data-num"),
          ascending = th.getAttribute("aria-sort") !== "ascending";
      all("#facts-table th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      order = function (a, b) {
        var x = a[key], y = b[key];
        if (!numeric) { x = String(x).toLowerCase(); y = String(y).toLowerCase(); }
        var sign = x < y ? -1 : x > y ? 1 : 0;
        return ascending ? sign : -sign;
      };
      matching.sort(order);
      page = 0;
      renderFacts();
    });
  });
  renderFacts();

  // A printed report shows every folded part: arithmetic, originals, notes.
  window.addEventListener("beforeprint", function () {
    all("details").forEach(function (details) { details.open = true; });
  });

  function sortKey(cellNode, numeric) {
    var raw = cellNode.hasAttribute("data-value") ? cellNode.getAttribute("data-value") : cellNode.textContent.trim();
    return numeric ? parseFloat(raw) : raw.toLowerCase();
  }
  all("table.sortable th[data-sort]").forEach(function (th) {
    th.addEventListener("click", function () {
      var sortable = th.closest("table"), tbody = sortable.tBodies[0], column = th.cellIndex,
          numeric = th.dataset.sort === "num",
          ascending = th.getAttribute("aria-sort") !== "ascending";
      all("#" + sortable.id + " th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(tbody.rows);
      rows.sort(function (a, b) {
        var x = sortKey(a.cells[column], numeric), y = sortKey(b.cells[column], numeric);
        var sign = x < y ? -1 : x > y ? 1 : 0;
        return ascending ? sign : -sign;
      });
      rows.forEach(function (row) { tbody.appendChild(row); });
    });
  });
}());
