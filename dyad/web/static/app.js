/* dyad: draw the Plotly charts whose specs sit in <script type="application/json"> blocks.
   No inline script anywhere: this file is the only code the pages run (besides plotly.min.js). */
(function () {
  "use strict";

  function safeLocal(url) {
    // only same-site paths: never javascript:, data: or another host
    return typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/";
  }

  function drawCharts() {
    var boxes = document.querySelectorAll("[data-chart]");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var source = document.getElementById(box.getAttribute("data-chart"));
      if (!source || !window.Plotly) { continue; }
      var spec = JSON.parse(source.textContent);
      window.Plotly.newPlot(box, spec.data, spec.layout, { responsive: true, displaylogo: false });
      box.setAttribute("data-drawn", "1");
      if (spec.link && !document.body.hasAttribute("data-offline")) {
        box.on("plotly_click", function (event) {
          var point = event.points && event.points[0];
          if (point && safeLocal(point.customdata)) { window.location.assign(point.customdata); }
        });
      }
    }
  }

  function showFocus() {
    var mark = document.querySelector("mark.focus");
    if (mark) { mark.scrollIntoView({ block: "center" }); }
  }

  function cellKey(row, col) {
    var cell = row.cells[col];
    var text = cell ? (cell.getAttribute("data-sort") || cell.textContent).trim() : "";
    var num = Number(text);
    return text !== "" && !isNaN(num) ? num : text.toLowerCase();
  }

  function sortBy(table, col, th) {
    // sorts the rows of this page; the server pages in date order
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).filter(function (r) { return r.cells.length > 1; });
    var asc = th.getAttribute("aria-sort") !== "ascending";
    rows.sort(function (a, b) {
      var x = cellKey(a, col), y = cellKey(b, col);
      if (x === y) { return 0; }
      return (x < y ? -1 : 1) * (asc ? 1 : -1);
    });
    rows.forEach(function (r) { body.appendChild(r); });
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) { heads[i].removeAttribute("aria-sort"); }
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
  }

  function makeSortable() {
    var tables = document.querySelectorAll("table.sortable");
    for (var t = 0; t < tables.length; t++) {
      var table = tables[t];
      if (!table.tHead || !table.tBodies.length) { continue; }
      var heads = table.tHead.rows[0].cells;
      for (var c = 0; c < heads.length; c++) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "sort";
        button.textContent = heads[c].textContent;
        heads[c].textContent = "";
        heads[c].appendChild(button);
        button.addEventListener("click", sortBy.bind(null, table, c, heads[c]));
      }
    }
  }

  function start() {
    drawCharts();
    makeSortable();
    showFocus();
    document.body.setAttribute("data-ready", "1");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
