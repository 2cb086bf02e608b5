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

  function start() {
    drawCharts();
    showFocus();
    document.body.setAttribute("data-ready", "1");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
