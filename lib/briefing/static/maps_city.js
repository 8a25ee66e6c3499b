/* City detail for the map's city views (derived open data, see maps/city.py): each layer is
   parsed from its inert JSON block the first time its view is shown, drawn quietly under the
   book's points, and credited; a ring road gets its name as text. Used by static/maps.js. */
(function () {
  "use strict";
  if (window.briefingCityLayers) {
    return;
  }
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
    major_road: { color: "#a29b8e", weight: 1.8, opacity: 1, fill: false, lineCap: "round" },
    // a named ring road, labelled (both carriageways: they read as one band at a city's zoom)
    ring_road: {
      color: "#c9893f", weight: 2, opacity: 0.9, fill: false, lineCap: "round", smoothFactor: 0.5
    }
  };
  var RING_LABEL_INSET = [70, 24]; // px: a ring's label sits this far inside the map's edges

  function escapeText(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // For one map: show(block ids) draws those layers and removes the others; placeLabels()
  // puts each ring's name where the view shows it (also done whenever the view moves).
  window.briefingCityLayers = function (map, container) {
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
            var named = [];
            var shapes = L.geoJSON(JSON.parse(block.textContent), {
              pane: CITY_PANE,
              interactive: false,
              style: function (feature) {
                return CITY_STYLES[feature.properties.kind] || CITY_STYLES.land;
              },
              onEachFeature: function (feature) {
                if (feature.properties.kind === "ring_road" && feature.properties.name) {
                  named.push(ringLabel(feature));
                }
              }
            });
            layer = L.layerGroup([shapes].concat(named.map(function (label) {
              return label.marker;
            })));
            layer.briefingLabels = named;
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

    // A ring road's name, as text on the map: at the northernmost of the ring's points that lie
    // inside the view (inset from its edges), so it reads above the places in the middle; moved
    // whenever the view moves, hidden when no point of the ring is in view.
    function ringLabel(feature) {
      var points = [];
      var coords = feature.geometry.type === "LineString" ?
        [feature.geometry.coordinates] : feature.geometry.coordinates;
      coords.forEach(function (line) {
        line.forEach(function (p) { points.push(L.latLng(p[1], p[0])); });
      });
      var text = document.createElement("span");
      text.className = "briefing-maps__ring-label";
      text.textContent = feature.properties.name; // data: shown as text, never as HTML
      var marker = L.marker(points[0], {
        pane: CITY_PANE,
        interactive: false,
        keyboard: false,
        zIndexOffset: 1000, // over the pane's SVG (leaflet's CSS gives it z-index 200)
        icon: L.divIcon({ className: "briefing-maps__ring-icon", html: text, iconSize: null })
      });
      return { marker: marker, points: points, text: text };
    }

    function placeRingLabels() {
      var size = map.getSize();
      var inset = L.bounds(
        L.point(RING_LABEL_INSET[0], RING_LABEL_INSET[1]),
        L.point(size.x - RING_LABEL_INSET[0], size.y - RING_LABEL_INSET[1])
      );
      shownLayers.forEach(function (layer) {
        (layer.briefingLabels || []).forEach(function (label) {
          var best = null;
          label.points.forEach(function (point) {
            var at = map.latLngToContainerPoint(point);
            if (inset.contains(at) && (!best || point.lat > best.lat)) {
              best = point;
            }
          });
          if (best) {
            label.marker.setLatLng(best);
          }
          label.text.hidden = !best;
        });
      });
    }
    map.on("moveend zoomend", placeRingLabels);

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

    return { show: showCityLayers, placeLabels: placeRingLabels };
  };
})();
