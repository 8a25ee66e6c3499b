/* "Street map (online)" for a city view (templates/maps_streets.html.j2). Used by
   static/maps.js: briefingStreetMap(root, map, container) returns {show(offered)}, or null
   where the map or its section has no street map. */
(function () {
  "use strict";
  if (window.briefingStreetMap) {
    return;
  }

  window.briefingStreetMap = function (root, map, container) {
    // "Street map (online)": in a city view, a tap offers OpenStreetMap's tiles, says first
    // that they are requested from openstreetmap.org, and loads them only when the reader says
    // so; with no connection it says so and stays on the offline map. The tile layer is the
    // layers menu's own (folium_map.StreetMap), so the menu and this control agree.
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

    return streetControl();
  };
})();
