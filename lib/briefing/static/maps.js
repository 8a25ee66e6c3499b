/* Map views with no kernel: real buttons switch the view of the in-page leaflet map (framed and
   labelled by static/maps_labels.js). Wires every [data-briefing-view="maps"] once; does nothing
   when there is none. */
(function () {
  "use strict";
  if (window.briefingMapsScript) {
    return;
  }
  window.briefingMapsScript = true;
  var LABEL_ZOOM = 7;
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
    var current = null; // the view last shown
    var framing = false; // while a view is framed, its own moves do not re-place the labels
    // city layers and ring names (static/maps_city.js), the street map (static/maps_streets.js)
    var cities = window.briefingCityLayers(map, container);
    var streets = window.briefingStreetMap(root, map, container);

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
      cities.show(view.layers);
      if (streets) {
        streets.show(Boolean(view.streets));
      }
      current = view;
      framing = true;
      try {
        window.briefingMapLabels.apply(map, window.briefingMapLabels.frame(map, container, view, function () {
          labels();
          return container.classList.contains("briefing-maps--labels");
        }));
      } finally {
        framing = false;
      }
      cities.placeLabels();
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

    // a reader's own zoom or pan: the labels are placed again (the view is not re-framed)
    map.on("moveend", function () {
      if (!framing) {
        labels();
        window.briefingMapLabels.apply(map, window.briefingMapLabels.layout(map, container, current,
          container.classList.contains("briefing-maps--labels")));
      }
    });

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
