/* The map's frames and labels (issue 25), for static/maps.js: a view fitted clear of the map's
   controls, and every label placed clear of the others, the map's edge and its controls.
   docs/maps-frames.md tells how; maps/data.py `sight` mirrors the framing. */
(function () {
  "use strict";
  if (window.briefingMapLabels) {
    return;
  }

  // A view is fitted with room kept for the map's controls (zoom top left,
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

  window.briefingMapLabels = { frame: frameView, layout: layoutLabels, apply: applyLabels };
})();
