/* Charts' static twin: the "Focus on a person" <select> dims all but one neighbourhood by
   applying restyles precomputed in Python (network.focus_restyles) to the in-page figure. */
(function () {
  "use strict";

  function readFocus(section) {
    var data = section.querySelector("script[data-chart-focus-data]");
    try {
      return data ? JSON.parse(data.textContent) : null;
    } catch (err) {
      return null;
    }
  }

  function applyFocus(graph, calls) {
    if (!graph || !calls || typeof window.Plotly === "undefined") {
      return;
    }
    calls.forEach(function (call) {
      window.Plotly.restyle(graph, call.update, call.traces);
    });
  }

  function wire(section) {
    if (section.dataset.chartWired === "1") {
      return;
    }
    section.dataset.chartWired = "1";
    var select = section.querySelector("select[data-chart-focus]");
    var restyles = readFocus(section);
    if (!select || !restyles) {
      return;
    }
    select.addEventListener("change", function () {
      var graph = section.querySelector(".plotly-graph-div");
      applyFocus(graph, restyles[select.value] || restyles[""]);
    });
  }

  function wireAll() {
    var sections = document.querySelectorAll('[data-briefing-view="chart"]');
    Array.prototype.forEach.call(sections, wire);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wireAll);
  } else {
    wireAll();
  }
})();
