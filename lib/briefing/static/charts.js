/* Charts' static twin. static/start.js calls briefingCharts.draw when a chart nears the
   viewport (plotly.js has run by then). draw():
   - on a narrow screen (a phone) turns the figure's button rows (plotly updatemenus, which
     never wrap) into HTML buttons above it that wrap, moves the title out of the figure
     (plotly never wraps it either), puts the legend under the plot, keeps the names of the
     biggest nodes only (every name shows on tap) and leaves one-finger drags to the page;
   - in dark mode swaps the figure's light colours for dark ones (the `dark` map, from Python);
     print is always light.
   The network's "Focus on a person" <select> applies restyles precomputed in Python
   (network.focus_restyles) to the drawn figure. */
(function () {
  "use strict";
  if (window.briefingCharts) {
    return;
  }
  var NARROW = 600; // px: below this width a chart gets the compact layout
  var LABELLED = 6; // nodes that keep their name beside them in the compact layout
  var darkQuery = window.matchMedia ? window.matchMedia("screen and (prefers-color-scheme: dark)") : null;
  var printing = false;
  var drawn = [];

  function copy(value) {
    return JSON.parse(JSON.stringify(value));
  }

  // every string equal to a key of `colours` (case-insensitive) becomes its value
  function recolour(value, colours) {
    if (typeof value === "string") {
      var swap = colours[value.toLowerCase()];
      return swap === undefined ? value : swap;
    }
    if (Array.isArray(value)) {
      return value.map(function (item) { return recolour(item, colours); });
    }
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (key) { out[key] = recolour(value[key], colours); });
      return out;
    }
    return value;
  }

  function inverse(colours) {
    var out = {};
    Object.keys(colours).forEach(function (key) { out[colours[key].toLowerCase()] = key; });
    return out;
  }

  function wantDark() {
    return !printing && !!darkQuery && darkQuery.matches;
  }

  function plainText(html) {
    var doc = new DOMParser().parseFromString("<p>" + String(html || "").replace(/<br\s*\/?>/gi, " ") + "</p>", "text/html");
    return doc.body.textContent.replace(/\s+/g, " ").trim();
  }

  // the figure's own button rows, as HTML buttons that wrap
  function htmlMenus(section, graph, layout) {
    var menus = (layout.updatemenus || []).filter(function (menu) {
      return menu.type === "buttons" && Array.isArray(menu.buttons);
    });
    if (!menus.length) {
      return copy(layout);
    }
    var box = document.createElement("div");
    box.className = "briefing-chart__menus";
    var groups = menus.map(function (menu) {
      var group = document.createElement("div");
      group.className = "briefing-chart__menu";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", menu.name ? "Show by " + menu.name : "Chart view");
      menu.buttons.forEach(function (spec, index) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "briefing-chart__menu-button";
        button.textContent = plainText(spec.label);
        button.setAttribute("aria-pressed", String(index === (menu.active || 0)));
        button.addEventListener("click", function () { press(menu, index); });
        group.appendChild(button);
      });
      box.appendChild(group);
      return group;
    });

    function select(menuIndex, index) {
      Array.prototype.forEach.call(groups[menuIndex].children, function (button, i) {
        button.setAttribute("aria-pressed", String(i === index));
      });
    }

    function press(menu, index) {
      var spec = menu.buttons[index];
      var args = copy(spec.args || []);
      var relayout = {};
      // "updatemenus[k].active": v resets another row: done here on its HTML buttons
      Object.keys(args[args.length - 1] || {}).forEach(function (key) {
        var reset = /^updatemenus\[(\d+)\]\.active$/.exec(key);
        if (reset && spec.method === "update") {
          var target = layout.updatemenus[Number(reset[1])];
          var k = menus.indexOf(target);
          if (k >= 0) select(k, args[1][key]);
          delete args[1][key];
        }
      });
      select(menus.indexOf(menu), index);
      if (spec.method === "update") {
        window.Plotly.update(graph, args[0] || {}, args[1] || relayout);
      } else if (spec.method === "relayout") {
        window.Plotly.relayout(graph, args[0] || {});
      } else if (spec.method === "restyle") {
        window.Plotly.restyle(graph, args[0] || {}, args[1]);
      }
    }

    var plot = section ? section.querySelector(".briefing-chart__figure") : null;
    var parent = plot ? plot.parentNode : graph.parentNode;
    parent.insertBefore(box, plot || graph);
    var out = copy(layout);
    out.updatemenus = [];
    return out;
  }

  function labelled(trace) {
    return trace.type === "scatter" && typeof trace.mode === "string" &&
      trace.mode.indexOf("markers") >= 0 && trace.mode.indexOf("text") >= 0 &&
      Array.isArray(trace.text) && !!trace.textposition;
  }

  function compact(section, graph, data, layout, config) {
    if (graph.clientWidth >= NARROW) {
      return { data: data, layout: layout, config: config };
    }
    var title = layout.title || {};
    var text = plainText(typeof title === "string" ? title : title.text);
    var sub = plainText(title.subtitle && title.subtitle.text);
    if (section && (text || sub)) {
      var caption = document.createElement("div");
      caption.className = "briefing-chart__caption";
      [[text, "briefing-chart__caption-title"], [sub, "briefing-chart__caption-sub"]].forEach(function (pair) {
        if (!pair[0]) return;
        var p = document.createElement("p");
        p.className = pair[1];
        p.textContent = pair[0];
        caption.appendChild(p);
      });
      var figure = section.querySelector(".briefing-chart__figure");
      figure.parentNode.insertBefore(caption, figure);
    }
    var out = htmlMenus(section, graph, layout);
    out.title = { text: "" };
    var margin = out.margin || {};
    out.margin = { l: Math.min(margin.l || 0, 40), r: 8, t: 28, b: Math.min(margin.b || 0, 40) };
    // one legend under the plot: plotly makes room below for the first, but a second one
    // set a fixed distance below it is overlapped as soon as the first wraps onto more rows
    if (out.legend2) {
      delete out.legend2;
      data = data.map(function (trace) {
        return trace.legend === "legend2" ? Object.assign({}, trace, { legend: "legend" }) : trace;
      });
    }
    if (out.legend) {
      out.legend = Object.assign({}, out.legend, {
        orientation: "h", x: 0, xanchor: "left", y: -0.08, yanchor: "top"
      });
    }
    // a label pinned to a date may run off a narrow chart's left edge: pin it to the plot's
    // left edge instead (its colour matches the band it names)
    out.annotations = (out.annotations || []).map(function (note) {
      return note.xref === "x" ? Object.assign({}, note, { xref: "paper", x: 0, xanchor: "left" }) : note;
    });
    out.dragmode = false; // one finger scrolls the page; the buttons zoom
    // names beside every node pile up on a phone: the biggest LABELLED nodes keep theirs, the
    // others show their name on tap (hover text is separate from these labels)
    var sized = [];
    data.forEach(function (trace, t) {
      if (labelled(trace)) {
        var size = trace.marker && trace.marker.size;
        trace.text.forEach(function (text, i) {
          sized.push({ t: t, i: i, size: Array.isArray(size) ? Number(size[i]) || 0 : Number(size) || 0 });
        });
      }
    });
    sized.sort(function (a, b) { return b.size - a.size || a.t - b.t || a.i - b.i; });
    var keep = {};
    sized.slice(0, LABELLED).forEach(function (p) { keep[p.t + ":" + p.i] = true; });
    var points = data.map(function (trace, t) {
      if (!labelled(trace)) {
        return trace;
      }
      var out = Object.assign({}, trace);
      out.text = trace.text.map(function (text, i) { return keep[t + ":" + i] ? text : ""; });
      return out;
    });
    // no tool bar of small icons on a phone: the buttons above zoom, a tap shows the details
    return { data: points, layout: out, config: Object.assign({}, config, { displayModeBar: false }) };
  }

  function draw(id, data, layout, config, dark) {
    var graph = document.getElementById(id);
    if (!graph || typeof window.Plotly === "undefined" || graph.briefingChart) {
      return;
    }
    var section = graph.closest('[data-briefing-view="chart"]');
    var fitted = compact(section, graph, data, layout, config);
    var state = { graph: graph, dark: dark || {}, isDark: false, config: fitted.config };
    graph.briefingChart = state;
    drawn.push(state);
    if (wantDark()) {
      state.isDark = true;
      fitted.data = recolour(fitted.data, state.dark);
      fitted.layout = recolour(fitted.layout, state.dark);
    }
    window.Plotly.newPlot(graph, fitted.data, fitted.layout, fitted.config);
  }

  // light <-> dark on the figure as it stands (filters and focus kept)
  function theme(state) {
    var dark = wantDark();
    if (dark === state.isDark || !state.graph.data) {
      return;
    }
    var colours = dark ? state.dark : inverse(state.dark);
    state.isDark = dark;
    window.Plotly.react(state.graph, recolour(state.graph.data, colours),
      recolour(state.graph.layout, colours), state.config);
  }

  function themeAll() {
    drawn.forEach(theme);
  }

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
    var state = graph.briefingChart;
    calls.forEach(function (call) {
      var update = state && state.isDark ? recolour(call.update, state.dark) : call.update;
      window.Plotly.restyle(graph, update, call.traces);
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

  window.briefingCharts = { draw: draw, recolour: recolour, themeAll: themeAll };
  if (darkQuery) {
    if (darkQuery.addEventListener) darkQuery.addEventListener("change", themeAll);
    else if (darkQuery.addListener) darkQuery.addListener(themeAll);
  }
  window.addEventListener("beforeprint", function () { printing = true; themeAll(); });
  window.addEventListener("afterprint", function () { printing = false; themeAll(); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wireAll);
  } else {
    wireAll();
  }
})();
