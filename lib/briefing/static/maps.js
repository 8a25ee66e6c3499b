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


  // Frames and labels. A view is fitted with room kept for the map's controls (zoom top left,
  // layers top right, scale and credits at the bottom, measured as drawn), so none of its points
  // sits under one. Then every shown label is placed, in a fixed order (the view's own places
  // and the journey's stops first, then north to south), on the first side of its point where
  // it overlaps no other label or point, stays inside the map and clear of the controls. When
  // a view's own labels cannot all be placed so, the view is panned, or zoomed out a quarter
  // step at a time (one zoom level at most), until they can; another place's label that still
  // cannot be placed is hidden (its name shows while the pointer is on its marker).
  // maps/data.py `sight` mirrors this framing to list every place a view can show.
  var EDGE = 4; // px a label keeps from the map's edge and from a control
  var GAP = 20; // px between a view's outermost point and the map's edge or controls
  var REACH = 10; // px: a point's dot (with a ring) reaches about this far from its centre
  var ZOOM_OUTS = 4; // quarter steps a view may zoom out so its labels fit
  var OPPOSITE = { left: "right", right: "left", top: "bottom", bottom: "top" };
  var CORNERS = { ne: 1, nw: 1, se: 1, sw: 1 };
  var LEADER_PANE = "briefingLeaders";

  function overlap(a, b) {
    var w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    var h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return w > 0 && h > 0 ? w * h : 0;
  }

  function grow(box, by) {
    return { left: box.left - by, top: box.top - by, right: box.right + by, bottom: box.bottom + by };
  }

  // the area of the box outside the rectangle
  function outside(box, rect) {
    var area = (box.right - box.left) * (box.bottom - box.top);
    return area - overlap(box, rect);
  }

  // The map's controls as boxes in the map's own pixels, and how far they reach from its top
  // and bottom (the bands a view's points are kept out of).
  function controls(container, size) {
    var origin = container.getBoundingClientRect();
    var boxes = [], top = 0, bottom = 0;
    Array.prototype.forEach.call(container.querySelectorAll(".leaflet-control"), function (el) {
      var r = el.getBoundingClientRect();
      if (!r.width || !r.height) {
        return;
      }
      var box = {
        left: r.left - origin.left, top: r.top - origin.top,
        right: r.right - origin.left, bottom: r.bottom - origin.top
      };
      boxes.push(box);
      if (box.top + box.bottom < size.y) {
        top = Math.max(top, box.bottom);
      } else {
        bottom = Math.max(bottom, size.y - box.top);
      }
    });
    return { boxes: boxes, top: top, bottom: bottom };
  }

  // A place label's box for a side and offset (leaflet's tooltip layout: see Tooltip.js
  // _setPosition, and the 6 px margin leaflet.css gives each direction).
  function tipBox(point, side, dx, dy, size) {
    var x = point.x + dx, y = point.y + dy, w = size[0], h = size[1], left, top;
    if (side === "right") { left = x + 6; top = y - h / 2; }
    else if (side === "left") { left = x - 6 - w; top = y - h / 2; }
    else if (side === "top") { left = x - w / 2; top = y - 6 - h; }
    else { left = x - w / 2; top = y + 6; }
    return { left: left, top: top, right: left + w, bottom: top + h };
  }

  // A journey stop's label box at a corner (maps.css: 8 px beside, 6 px above or below).
  function stopBox(point, corner, size) {
    var w = size[0], h = size[1];
    var left = corner[1] === "e" ? point.x + 8 : point.x - 8 - w;
    var top = corner[0] === "n" ? point.y - 6 - h : point.y + 6;
    return { left: left, top: top, right: left + w, bottom: top + h };
  }

  function measured(el) {
    if (!el.briefingSize || !el.briefingSize[0]) {
      el.briefingSize = [el.offsetWidth, el.offsetHeight];
    }
    return el.briefingSize;
  }

  // Where a place label may go: the side maps/folium_map.py chose (and its offset, which stacks
  // the labels of coinciding places), the other sides, each side slid along its point (by half
  // a label height, or a quarter of its width, at a time), then rows further above and below,
  // up to `rows` away; a label whose pointer would miss its point gets a leader line instead.
  function tipCandidates(item, size, rows) {
    var options = item.layer.briefingLabel[1];
    var first = options.direction || "right";
    var sides = [first, OPPOSITE[first]].concat(["top", "bottom", "right", "left"].filter(
      function (side) { return side !== first && side !== OPPOSITE[first]; }));
    var reach = item.reach, w = size[0], h = size[1];
    var offset = options.offset || [0, 0];
    var out = [{ side: first, dx: offset[0], dy: offset[1], led: offset[1] !== 0 }];
    for (var row = 0; row <= rows; row++) {
      (row ? [row, -row] : [0]).forEach(function (shift) {
        sides.forEach(function (side) {
          if (side === "left" || side === "right") {
            out.push({ side: side, dx: side === "right" ? reach : -reach, dy: shift * (h + 3),
              led: shift !== 0 });
          } else if (shift >= 0) { // rows away from the point: `shift` more label heights
            var dy = (side === "top" ? -1 : 1) * (reach + shift * (h + 3));
            [0, 1, -1, 2, -2].forEach(function (slide) {
              out.push({ side: side, dx: slide * w / 4, dy: dy, led: shift > 0 || Math.abs(slide) > 1 });
            });
          }
        });
      });
    }
    return out;
  }

  // What the map shows now: every point's dot (a place's rings are dots too) and every label
  // to place: the place names (when shown) and the journey's stops.
  function collect(map, view, shownLabels) {
    var framed = {};
    ((view && view.places) || []).forEach(function (id) { framed[id] = true; });
    var dots = [], items = [], reach = {};
    map.eachLayer(function (layer) {
      var latlng = layer.getLatLng ? layer.getLatLng() : null;
      if (layer instanceof L.CircleMarker && !(layer instanceof L.Circle)) {
        var point = map.latLngToContainerPoint(latlng);
        var r = layer.getRadius() + (layer.options.weight || 0) / 2;
        var key = latlng.lat + "," + latlng.lng;
        dots.push({ key: key, framed: !!(layer.briefingLabel && framed[layer.briefingLabel[2]]),
          box: { left: point.x - r, top: point.y - r, right: point.x + r, bottom: point.y + r } });
        reach[key] = Math.max(reach[key] || 0, r);
        var tip = layer.briefingLabel && shownLabels && layer.getTooltip();
        if (tip && tip.getElement()) {
          items.push({ kind: "tip", layer: layer, el: tip.getElement(), point: point, key: key,
            framed: !!framed[layer.briefingLabel[2]], lat: latlng.lat, lon: latlng.lng,
            id: layer.briefingLabel[2] });
        }
      } else if (layer instanceof L.Marker && layer.getElement()) {
        var stop = layer.getElement().querySelector(".briefing-maps__stop");
        if (stop) {
          items.push({ kind: "stop", layer: layer, el: stop, key: "",
            point: map.latLngToContainerPoint(latlng), framed: !!(view && view.stops),
            lat: latlng.lat, lon: latlng.lng, id: stop.textContent });
        }
      }
    });
    items.forEach(function (item) {
      item.reach = Math.max(reach[item.key] || 0, 8);
      item.size = measured(item.el);
      item.candidates = item.kind === "tip" ? tipCandidates(item, item.size, item.framed ? 3 : 1) :
        Object.keys(CORNERS).sort(function (a, b) {
          // the corner maps/folium_map.py chose first (away from the neighbouring stops)
          var first = item.el.briefingSide = item.el.briefingSide ||
            (/briefing-maps__stop--(\w\w)\b/.exec(item.el.className) || [])[1];
          return (b === first) - (a === first) || (a < b ? -1 : 1);
        });
    });
    // the view's own first, the journey's stops before place names, then north to south
    items.sort(function (a, b) {
      return (b.framed - a.framed) || (a.kind === b.kind ? 0 : a.kind === "stop" ? -1 : 1) ||
        (b.lat - a.lat) || (a.lon - b.lon) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
    return { dots: dots, items: items };
  }

  // Each label in turn on its first candidate clear of everything placed before it (or, if
  // none is, its least bad one).
  function place(order, dots, inner, blocked) {
    var placed = [], out = [];
    order.forEach(function (item) {
      var on = item.point.x >= 0 && item.point.y >= 0 && item.point.x <= inner.right + EDGE &&
        item.point.y <= inner.bottom + EDGE;
      var best = null;
      for (var i = 0; i < item.candidates.length && !(best && best.cost === 0); i++) {
        var c = item.candidates[i];
        var box = item.kind === "tip" ? tipBox(item.point, c.side, c.dx, c.dy, item.size) :
          stopBox(item.point, c, item.size);
        var hard = outside(box, inner);
        blocked.forEach(function (b) { hard += overlap(box, b); });
        var soft = 0;
        placed.forEach(function (b) { soft += overlap(box, b); });
        dots.forEach(function (dot) {
          var own = item.kind === "tip" ? dot.key === item.key : overlap(dot.box, grow(
            { left: item.point.x, top: item.point.y, right: item.point.x, bottom: item.point.y }, 1));
          if (!own) {
            soft += overlap(box, dot.box);
          }
        });
        if (!best || hard * 10 + soft < best.cost) {
          best = { choice: c, box: box, cost: hard * 10 + soft, hard: hard };
        }
      }
      best.item = item;
      best.hidden = !on || (best.cost > 0 && !item.framed);
      if (!best.hidden) {
        placed.push(grow(best.box, 2));
      }
      out.push(best);
    });
    return out;
  }

  // Place the labels; if one of the view's own is not clear, try again with it first (a few
  // times; the arrangement with the fewest such labels, then the least overlap, wins).
  function layoutLabels(map, container, view, shownLabels) {
    var size = map.getSize();
    var ctl = controls(container, size);
    var inner = { left: EDGE, top: EDGE, right: size.x - EDGE, bottom: size.y - EDGE };
    var blocked = ctl.boxes.map(function (box) { return grow(box, EDGE); });
    var found = collect(map, view, shownLabels);
    var order = found.items.slice(), best = null;
    for (var round = 0; round < 6; round++) {
      var placed = place(order, found.dots, inner, blocked);
      var bad = placed.filter(function (p) { return p.item.framed && !p.hidden && p.cost > 0; });
      var cost = 0;
      bad.forEach(function (p) { cost += p.cost; });
      if (!best || bad.length < best.bad.length || (bad.length === best.bad.length && cost < best.cost)) {
        best = { placed: placed, bad: bad, cost: cost };
      }
      if (!bad.length || order[0] === bad[0].item) {
        break;
      }
      order.splice(order.indexOf(bad[0].item), 1);
      order.unshift(bad[0].item);
    }
    var union = null;
    function add(box) {
      union = union ? { left: Math.min(union.left, box.left), top: Math.min(union.top, box.top),
        right: Math.max(union.right, box.right), bottom: Math.max(union.bottom, box.bottom) } : box;
    }
    found.dots.forEach(function (dot) {
      if (dot.framed) {
        add(dot.box);
      }
    });
    best.placed.forEach(function (p) {
      if (p.item.framed && !p.hidden) {
        add(p.box);
      }
    });
    return {
      placed: best.placed,
      clear: !best.bad.length,
      cramped: best.bad.some(function (p) { return p.hard > 0; }),
      union: union,
      ctl: ctl
    };
  }

  // Leader lines from points to their shifted labels, in a pane under the points.
  function applyLabels(map, result) {
    if (!map.getPane(LEADER_PANE)) {
      var pane = map.createPane(LEADER_PANE);
      pane.style.zIndex = 395; // over the city-only areas (390), under the points (400)
      pane.style.pointerEvents = "none";
    }
    if (map.briefingLeaders) {
      map.removeLayer(map.briefingLeaders);
    }
    var leaders = [];
    result.placed.forEach(function (p) {
      var item = p.item;
      if (item.kind === "tip") {
        var tip = item.layer.getTooltip();
        var el = tip.getElement();
        el.classList.toggle("briefing-maps__label--hidden", p.hidden);
        el.classList.toggle("briefing-maps__label--led", !!p.choice.led);
        var offset = tip.options.offset;
        if (tip.options.direction !== p.choice.side || !offset || offset[0] !== p.choice.dx ||
            offset[1] !== p.choice.dy) {
          tip.options.direction = p.choice.side;
          tip.options.offset = [p.choice.dx, p.choice.dy];
          tip.update();
        }
        if (p.choice.led && !p.hidden) {
          var b = p.box, at = item.point;
          var end = L.point(Math.max(b.left, Math.min(at.x, b.right)),
            Math.max(b.top, Math.min(at.y, b.bottom)));
          leaders.push([map.containerPointToLatLng(at), map.containerPointToLatLng(end)]);
        }
      } else {
        item.el.className = item.el.className.replace(/briefing-maps__stop--\w\w\b/,
          "briefing-maps__stop--" + p.choice);
        item.el.classList.toggle("briefing-maps__stop--hidden", p.hidden);
      }
    });
    map.briefingLeaders = L.polyline(leaders, { pane: LEADER_PANE, interactive: false,
      color: "#6b665c", weight: 1, opacity: 0.9, className: "briefing-maps__leader" }).addTo(map);
  }

  // Fit the view clear of the controls, then place its labels, panning or zooming out until
  // its own labels fit (see above).
  function frameView(map, container, view, shownLabels) {
    var size = map.getSize();
    var ctl = controls(container, size);
    var side = GAP + REACH;
    map.fitBounds(view.bounds, {
      paddingTopLeft: [side, ctl.top + side],
      paddingBottomRight: [side, ctl.bottom + side],
      animate: false
    });
    var zoomOuts = 0, result = layoutLabels(map, container, view, shownLabels());
    for (var tries = 0; tries < 3 * ZOOM_OUTS && !result.clear && result.union; tries++) {
      var u = result.union;
      var room = { left: EDGE, top: result.ctl.top + EDGE, right: size.x - EDGE,
        bottom: size.y - result.ctl.bottom - EDGE };
      var dx = 0, dy = 0;
      if (u.right - u.left <= room.right - room.left && u.bottom - u.top <= room.bottom - room.top) {
        dx = u.left < room.left ? u.left - room.left : u.right > room.right ? u.right - room.right : 0;
        dy = u.top < room.top ? u.top - room.top : u.bottom > room.bottom ? u.bottom - room.bottom : 0;
      }
      if (Math.round(dx) || Math.round(dy)) {
        map.panBy([Math.round(dx), Math.round(dy)], { animate: false });
      } else if (result.cramped && zoomOuts < ZOOM_OUTS && map.getZoom() > map.getMinZoom()) {
        // a label pushed off the map or under a control: more room around the points (labels
        // that only crowd each other would crowd more)
        zoomOuts += 1;
        var middle = map.containerPointToLatLng([(u.left + u.right) / 2, (u.top + u.bottom) / 2]);
        map.setView(middle, map.getZoom() - (map.options.zoomSnap || 1), { animate: false });
      } else {
        break;
      }
      result = layoutLabels(map, container, view, shownLabels());
    }
    return result;
  }

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
    var current = null; // the view last shown
    var framing = false; // while a view is framed, its own moves do not re-place the labels
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
      current = view;
      framing = true;
      try {
        applyLabels(map, frameView(map, container, view, function () {
          labels();
          return container.classList.contains("briefing-maps--labels");
        }));
      } finally {
        framing = false;
      }
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
        applyLabels(map, layoutLabels(map, container, current,
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
