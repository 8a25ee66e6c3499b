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
    major_road: { color: "#a29b8e", weight: 1.8, opacity: 1, fill: false, lineCap: "round" },
    // a named ring road, labelled (both carriageways: they read as one band at a city's zoom)
    ring_road: {
      color: "#c9893f", weight: 2, opacity: 0.9, fill: false, lineCap: "round", smoothFactor: 0.5
    }
  };
  var RING_LABEL_INSET = [70, 24]; // px: a ring's label sits this far inside the map's edges

  // The offline basemap (maps/basemap.py): its shapes are projected once, at zoom 0, into flat
  // arrays, and each redraw writes one SVG path per style straight from them: rings and lines
  // off the view are skipped, points closer than a pixel to the last one kept are dropped, and
  // only shapes crossing the view's edge are clipped (by leaflet's own clipping). L.geoJSON
  // would make a LatLng and a Point object per vertex (17,000 of them) and simplify them all at
  // every redraw. The paths sit in the basemap pane's SVG as L.geoJSON's did, with the same
  // attributes (fill="none" for borders), so the page's dark and print styles apply as before.
  var MAX_LATITUDE = 85.0511287798; // as leaflet's spherical mercator
  var BasemapShapes = null;

  function zoomZero(coords) {
    var xy = new Float64Array(coords.length * 2);
    var box = [Infinity, Infinity, -Infinity, -Infinity];
    for (var i = 0; i < coords.length; i++) {
      var lat = Math.max(Math.min(MAX_LATITUDE, coords[i][1]), -MAX_LATITUDE);
      var sin = Math.sin(lat * Math.PI / 180);
      var x = 256 * (0.5 + coords[i][0] / 360);
      var y = 256 * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI));
      xy[2 * i] = x;
      xy[2 * i + 1] = y;
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
    }
    return { xy: xy, box: box };
  }

  function basemapShapes() {
    if (BasemapShapes) {
      return BasemapShapes;
    }
    BasemapShapes = L.Path.extend({
      initialize: function (lines, closed, options) {
        L.setOptions(this, options);
        this._lines = lines.map(zoomZero);
        this._closed = closed;
      },
      _project: function () {}, // projected once, in initialize
      _updateBounds: function () {},
      _containsPoint: function () {
        return false;
      },
      _empty: function () {
        return !this._lines.length;
      },
      _update: function () {
        if (this._map) {
          this._renderer._setPath(this, this._pathData() || "M0 0");
        }
      },
      _pathData: function () {
        var map = this._map;
        var k = map.options.crs.scale(map.getZoom()) / 256;
        var origin = map.getPixelOrigin();
        var bounds = this._renderer._bounds;
        var closed = this._closed;
        var out = [];
        this._lines.forEach(function (line) {
          var box = line.box;
          var west = box[0] * k - origin.x, north = box[1] * k - origin.y;
          var east = box[2] * k - origin.x, south = box[3] * k - origin.y;
          if (east < bounds.min.x || west > bounds.max.x || south < bounds.min.y || north > bounds.max.y) {
            return; // off the view
          }
          var xy = line.xy, n = xy.length, kept = [], lastX = 0, lastY = 0;
          for (var i = 0; i < n; i += 2) {
            var x = Math.round(xy[i] * k) - origin.x, y = Math.round(xy[i + 1] * k) - origin.y;
            if (i && i < n - 2 && (x - lastX) * (x - lastX) + (y - lastY) * (y - lastY) < 1) {
              continue; // within a pixel of the last point kept
            }
            kept.push(x, y);
            lastX = x;
            lastY = y;
          }
          var inside = west >= bounds.min.x && east <= bounds.max.x &&
            north >= bounds.min.y && south <= bounds.max.y;
          var parts = inside ? [kept] : clipParts(kept, closed, bounds);
          parts.forEach(function (part) {
            if (part.length < (closed ? 6 : 4)) {
              return;
            }
            var d = "M" + part[0] + " " + part[1];
            for (var j = 2; j < part.length; j += 2) {
              d += "L" + part[j] + " " + part[j + 1];
            }
            out.push(closed ? d + "z" : d);
          });
        });
        return out.join("");
      }
    });
    return BasemapShapes;
  }

  // A ring or line crossing the view's edge, clipped as leaflet clips its polygons and lines.
  function clipParts(flat, closed, bounds) {
    var points = [];
    for (var i = 0; i < flat.length; i += 2) {
      points.push(L.point(flat[i], flat[i + 1]));
    }
    var parts = [];
    if (closed) {
      parts.push(L.PolyUtil.clipPolygon(points, bounds, true));
    } else {
      var part = null;
      for (var j = 0; j < points.length - 1; j++) {
        var segment = L.LineUtil.clipSegment(points[j], points[j + 1], bounds, j, true);
        if (!segment) {
          continue;
        }
        if (!part) {
          part = [segment[0]];
          parts.push(part);
        }
        part.push(segment[1]);
        if (segment[1] !== points[j + 1]) {
          part = null; // the line leaves the view here
        }
      }
    }
    return parts.map(function (ring) {
      var out = [];
      ring.forEach(function (p) { out.push(p.x, p.y); });
      return out;
    });
  }

  // The basemap layer for the map's script (folium_map.BasemapLayer): one path per style,
  // land under borders, in GeoJSON order; points (if a folder's basemap has any) via L.geoJSON.
  function basemap(data, options) {
    var groups = {}, order = [], others = [];
    (data.features || []).forEach(function (feature) {
      var geometry = feature.geometry || {};
      var kind = feature.properties && feature.properties.kind === "border" ? "border" : "land";
      var closed = /Polygon$/.test(geometry.type || "");
      var lines = {
        LineString: [geometry.coordinates],
        MultiLineString: geometry.coordinates,
        Polygon: geometry.coordinates,
        MultiPolygon: [].concat.apply([], geometry.coordinates || [])
      }[geometry.type];
      if (!lines) {
        others.push(feature);
        return;
      }
      var key = kind + (closed ? " closed" : " open");
      if (!groups[key]) {
        groups[key] = { kind: kind, closed: closed, lines: [] };
        order.push(key);
      }
      Array.prototype.push.apply(groups[key].lines, lines.filter(function (line) {
        return line && line.length > 1;
      }));
    });
    var Shapes = basemapShapes();
    var layers = order.map(function (key) {
      var group = groups[key];
      var style = L.extend({ fill: group.closed }, options[group.kind], {
        pane: options.pane,
        interactive: false
      });
      return new Shapes(group.lines, group.closed, style);
    });
    if (others.length) {
      layers.push(L.geoJSON({ type: "FeatureCollection", features: others }, {
        pane: options.pane,
        interactive: false,
        style: function (feature) {
          return options[feature.properties && feature.properties.kind === "border" ? "border" : "land"];
        }
      }));
    }
    return L.layerGroup(layers, { pane: options.pane, attribution: options.attribution });
  }
  window.briefingMaps = { basemap: basemap };

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

    // "Street map (online)": in a city view, a tap offers OpenStreetMap's tiles, says first
    // that they are requested from openstreetmap.org, and loads them only when the reader says
    // so; with no connection it says so and stays on the offline map. The tile layer is the
    // layers menu's own (folium_map.StreetMap), so the menu and this control agree.
    var streets = streetControl();

    function streetControl() {
      var box = root.querySelector("[data-streets]");
      var layers = map.briefingStreets;
      if (!box || !layers) {
        return null;
      }
      var toggle = box.querySelector("[data-streets-toggle]");
      var ask = box.querySelector("[data-streets-ask]");
      var message = box.querySelector("[data-streets-message]");
      var agreed = false; // asked once per page
      var attempt = null; // tiles loaded since the layer was last added
      var control = L.control({ position: "topleft" });
      control.onAdd = function () {
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      };
      control.addTo(map);

      function on() {
        return map.hasLayer(layers.tiles);
      }
      function say(key) {
        message.textContent = key ? message.getAttribute("data-" + key) : "";
        message.hidden = !key;
      }
      function state(name) {
        container.setAttribute("data-street-map", name);
        toggle.textContent = toggle.getAttribute(on() ? "data-on-label" : "data-off-label");
        toggle.setAttribute("aria-expanded", String(!ask.hidden));
      }
      function load() {
        ask.hidden = true; // its buttons go: the focus goes back to the control's own button
        agreed = true;
        toggle.focus();
        if (navigator.onLine === false) {
          say("failed"); // known to be offline: no request at all
          state("failed");
          return;
        }
        say("loading");
        map.removeLayer(layers.offline);
        map.addLayer(layers.tiles);
        state("loading");
      }
      function offline(reason) {
        attempt = null;
        map.removeLayer(layers.tiles);
        map.addLayer(layers.offline);
        say(reason);
        state(reason || "off");
      }
      map.on("layeradd", function (event) {
        if (event.layer === layers.tiles) {
          attempt = { loaded: 0 };
        }
      });
      layers.tiles.on("tileload", function () {
        if (attempt) {
          attempt.loaded += 1;
        }
        if (container.getAttribute("data-street-map") === "loading") {
          say("");
          state("on");
        }
      });
      layers.tiles.on("load", function () {
        if (attempt && !attempt.loaded) {
          // every tile of the view failed: no network. Removed after leaflet's own handling
          // of this event, which still needs the layer on the map.
          setTimeout(function () {
            if (on()) {
              offline("failed");
            }
          }, 0);
        }
        attempt = null;
      });
      map.on("baselayerchange", function () {
        say("");
        state(on() ? "on" : "off"); // chosen in the layers menu
      });
      toggle.addEventListener("click", function () {
        if (on()) {
          offline("");
        } else if (agreed) {
          load();
        } else {
          ask.hidden = !ask.hidden;
          say("");
          state("off");
        }
      });
      box.querySelector("[data-streets-load]").addEventListener("click", load);
      box.querySelector("[data-streets-cancel]").addEventListener("click", function () {
        ask.hidden = true;
        state("off");
        toggle.focus();
      });
      state("off");
      return {
        show: function (offered) {
          box.hidden = !offered;
          if (!offered) {
            ask.hidden = true;
            say("");
            if (on()) {
              offline("");
            }
          }
        }
      };
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
      if (streets) {
        streets.show(Boolean(view.streets));
      }
      map.fitBounds(view.bounds, { padding: [24, 24], animate: false });
      placeRingLabels();
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

    // Place names (permanent tooltips, handed over unbound by the map's script: see
    // folium_map.DeferredLabel) are bound the first time they are needed, so the overview does
    // not lay out labels it hides: all of them from city zoom on, one on hover below it.
    var labelled = [];
    map.eachLayer(function (layer) {
      if (layer.briefingLabel) {
        labelled.push(layer);
      }
    });

    function bindLabel(layer) {
      if (!layer.getTooltip()) {
        layer.bindTooltip(layer.briefingLabel[0], layer.briefingLabel[1]);
      }
      return layer.getTooltip();
    }

    // place names show from city zoom on; in the overview they would pile up
    function labels() {
      var shown = map.getZoom() >= LABEL_ZOOM;
      if (shown) {
        labelled.forEach(bindLabel);
      }
      container.classList.toggle("briefing-maps--labels", shown);
    }
    map.on("zoomend", labels);
    labels();

    // below that zoom a place's name still shows while the pointer is on its marker
    labelled.forEach(function (layer) {
      layer.on("mouseover", function () {
        var element = bindLabel(layer).getElement();
        if (element) {
          element.classList.add("briefing-maps__label--hover");
        }
      });
      layer.on("mouseout", function () {
        var tip = layer.getTooltip();
        var element = tip && tip.getElement();
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
