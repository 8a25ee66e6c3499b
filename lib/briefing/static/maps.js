/* Map views with no kernel: real buttons switch the view (fitBounds) of the in-page leaflet map.
   Wires every [data-briefing-view="maps"] once; does nothing when there is none. */
(function () {
  "use strict";
  if (window.briefingMapsScript) {
    return;
  }
  window.briefingMapsScript = true;
  var LABEL_ZOOM = 7;
  // City detail (derived open data, see maps/city.py): drawn quietly, under the book's points,
  // in a pane above the offline basemap and under online tiles.
  var CITY_PANE = "briefingCity";
  var CITY_STYLES = {
    // the box with the land as holes (even-odd): water exactly where the land is not
    water: { stroke: false, fillColor: "#c6dbe7", fillOpacity: 1, fillRule: "evenodd" },
    land: { stroke: false, fillColor: "#f3efe6", fillOpacity: 1 },
    urban: { stroke: false, fillColor: "#e6dfd1", fillOpacity: 1 },
    lake: { color: "#a4c3d6", weight: 0.8, fillColor: "#c6dbe7", fillOpacity: 1 },
    river: { color: "#8fb8d3", weight: 2.5, opacity: 1, fill: false, lineCap: "round" },
    park: { stroke: false, fillColor: "#d9e6c8", fillOpacity: 1 },
    road: { color: "#bdb7ab", weight: 1, opacity: 1, fill: false, lineCap: "round" },
    major_road: { color: "#a29b8e", weight: 1.8, opacity: 1, fill: false, lineCap: "round" }
  };

  function escapeText(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function parseViews(root) {
    try {
      return JSON.parse(root.getAttribute("data-views") || "{}");
    } catch (error) {
      return {};
    }
  }

  function wire(root) {
    if (root.getAttribute("data-wired") === "true") {
      return;
    }
    var container = root.querySelector(".briefing-maps__map");
    var map = container && container.briefingMap;
    if (!map) {
      return; // the map's own script has not run yet; it fires briefing-map-ready when it has
    }
    root.setAttribute("data-wired", "true");
    var views = parseViews(root);
    var buttons = Array.prototype.slice.call(root.querySelectorAll("button[data-view]"));
    var status = root.querySelector(".briefing-maps__status");

    var pending = null;
    var cityLayers = {}; // block id -> leaflet layer, parsed the first time its view is shown
    var shownLayers = [];

    function cityLayer(id) {
      if (!Object.prototype.hasOwnProperty.call(cityLayers, id)) {
        var block = document.getElementById(id);
        var layer = null;
        if (block) {
          try {
            if (!map.getPane(CITY_PANE)) {
              var pane = map.createPane(CITY_PANE);
              pane.style.zIndex = 180; // over the basemap (150), under tiles (200) and points
              pane.style.pointerEvents = "none";
            }
            layer = L.geoJSON(JSON.parse(block.textContent), {
              pane: CITY_PANE,
              interactive: false,
              style: function (feature) {
                return CITY_STYLES[feature.properties.kind] || CITY_STYLES.land;
              }
            });
            // one credit per source; leaflet shows each text once however many layers use it
            layer.briefingCredits = (block.getAttribute("data-attribution") || "")
              .split("\n").filter(Boolean).map(escapeText);
          } catch (error) {
            layer = null; // a broken block draws nothing; the rest of the map still works
          }
        }
        cityLayers[id] = layer;
      }
      return cityLayers[id];
    }

    function showCityLayers(ids) {
      var wanted = (ids || []).map(cityLayer).filter(Boolean);
      var credits = map.attributionControl;
      shownLayers.forEach(function (layer) {
        if (wanted.indexOf(layer) < 0) {
          map.removeLayer(layer);
          if (credits) {
            layer.briefingCredits.forEach(function (text) { credits.removeAttribution(text); });
          }
        }
      });
      wanted.forEach(function (layer) {
        if (!map.hasLayer(layer)) {
          layer.addTo(map);
          if (credits) {
            layer.briefingCredits.forEach(function (text) { credits.addAttribution(text); });
          }
        }
      });
      shownLayers = wanted;
      container.setAttribute("data-city-layers", String(wanted.length));
    }

    function show(key) {
      var view = views[key];
      if (!view) {
        return;
      }
      if (!container.clientWidth || !container.clientHeight) {
        // fitting a map with no size gives zoom Infinity (a blank map): wait until it has one,
        // as in a live output iframe that is still being laid out
        pending = key;
        return;
      }
      pending = null;
      map.invalidateSize(false);
      map.closePopup();
      showCityLayers(view.layers);
      map.fitBounds(view.bounds, { padding: [24, 24], animate: false });
      root.setAttribute("data-current-view", key);
      buttons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("data-view") === key));
      });
      // looked up each time: the map's script may run before the rest of its section is parsed
      var texts = Array.prototype.slice.call(root.querySelectorAll("[data-view-text]"));
      texts.forEach(function (text) {
        text.hidden = text.getAttribute("data-view-text") !== key;
      });
      if (status) {
        status.textContent = "Showing: " + view.label;
      }
    }

    // place names show from city zoom on; in the overview they would pile up
    function labels() {
      container.classList.toggle("briefing-maps--labels", map.getZoom() >= LABEL_ZOOM);
    }
    map.on("zoomend", labels);
    labels();

    // below that zoom a place's name still shows while the pointer is on its marker
    map.eachLayer(function (layer) {
      var tip = layer.getTooltip && layer.getTooltip();
      if (!tip || String(tip.options.className).indexOf("briefing-maps__label") < 0) {
        return;
      }
      layer.on("mouseover", function () {
        var element = tip.getElement();
        if (element) {
          element.classList.add("briefing-maps__label--hover");
        }
      });
      layer.on("mouseout", function () {
        var element = tip.getElement();
        if (element) {
          element.classList.remove("briefing-maps__label--hover");
        }
      });
    });

    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        if (pending) {
          show(pending);
        }
      }).observe(container);
    }

    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        show(button.getAttribute("data-view"));
      });
    });
    show(root.getAttribute("data-initial-view") || Object.keys(views)[0]);
  }

  function wireAll() {
    var roots = document.querySelectorAll('[data-briefing-view="maps"]');
    Array.prototype.forEach.call(roots, wire);
  }

  document.addEventListener("briefing-map-ready", wireAll);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wireAll);
  } else {
    wireAll();
  }
})();
