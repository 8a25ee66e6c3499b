/* Text first, then views. The page carries plotly.js and leaflet as inert
   <script type="text/plain" data-briefing-lib=NAME> blocks after the text, and each view's
   own start as <script type="text/plain" data-briefing-start data-briefing-needs=NAMES>.
   A library block with data-encoding="deflate-base64" holds its code packed (raw DEFLATE,
   base64; data-length = the code's UTF-8 bytes): it is unpacked here, synchronously, with the
   plain "inflate" library (tiny-inflate) just before it runs.
   A view is built when it comes near the viewport (IntersectionObserver), running the
   libraries it needs first, once; one view per task, nearest first, with a paint between;
   every view is built before printing. A page whose <body> says data-briefing-start="now"
   (a preview of a few views) builds them all at once. */
(function () {
  "use strict";
  if (window.briefingStart) {
    return;
  }
  var ran = {};
  var AHEAD = "100% 0px"; // start a view one screen before it scrolls in

  function run(code) {
    var script = document.createElement("script");
    script.text = code; // an inline script runs as it is inserted, so this returns when done
    document.head.appendChild(script);
    document.head.removeChild(script);
  }

  function bytes(base64) {
    var binary = atob(base64); // atob skips whitespace itself
    var out = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      out[i] = binary.charCodeAt(i);
    }
    return out;
  }

  // a library block's code, unpacked if it is packed
  function code(block) {
    if (block.getAttribute("data-encoding") !== "deflate-base64") {
      return block.textContent;
    }
    need("inflate");
    var length = Number(block.getAttribute("data-length"));
    var out = window.briefingInflate(bytes(block.textContent), new Uint8Array(length));
    if (out.length !== length) {
      throw new Error("briefing: library " + block.getAttribute("data-briefing-lib") + " is damaged");
    }
    return new TextDecoder().decode(out);
  }

  function need(name) {
    if (!name || ran[name]) {
      return;
    }
    ran[name] = true;
    var block = document.querySelector('script[type="text/plain"][data-briefing-lib="' + name + '"]');
    if (block) {
      run(code(block));
    }
  }

  function starts(root) {
    return Array.prototype.slice.call(
      root.querySelectorAll('script[type="text/plain"][data-briefing-start]'));
  }

  function start(view) {
    starts(view).forEach(function (block) {
      if (block.getAttribute("data-briefing-started") === "true") {
        return;
      }
      block.setAttribute("data-briefing-started", "true");
      (block.getAttribute("data-briefing-needs") || "").split(/\s+/).forEach(need);
      run(block.textContent);
    });
    view.setAttribute("data-briefing-built", "true");
  }

  function views() {
    var out = [];
    starts(document).forEach(function (block) {
      var view = block.closest("[data-briefing-view]") || block.parentNode;
      if (out.indexOf(view) < 0) {
        out.push(view);
      }
    });
    return out;
  }

  // Views that came near the viewport wait here; one is built per task, the nearest first,
  // and the browser paints between two, so the view a reader scrolled to shows before the
  // one a screen ahead of it is built.
  var queue = [];
  var waiting = false;

  function distance(view) {
    var box = view.getBoundingClientRect();
    var height = window.innerHeight || document.documentElement.clientHeight;
    return box.bottom < 0 ? -box.bottom : Math.max(0, box.top - height);
  }

  function pump() {
    queue = queue.filter(function (view) { return !view.hasAttribute("data-briefing-built"); });
    if (!queue.length) {
      return;
    }
    queue.sort(function (a, b) { return distance(a) - distance(b); });
    start(queue.shift());
    if (queue.length && !waiting) {
      waiting = true;
      // the next one after the browser has painted this one
      window.requestAnimationFrame(function () {
        window.setTimeout(function () { waiting = false; pump(); }, 0);
      });
    }
  }

  function startAll() {
    views().forEach(start);
  }

  function init() {
    var list = views();
    var now = document.body && document.body.getAttribute("data-briefing-start") === "now";
    if (now || !("IntersectionObserver" in window)) {
      list.forEach(start);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          queue.push(entry.target);
        }
      });
      pump();
    }, { rootMargin: AHEAD });
    list.forEach(function (view) { observer.observe(view); });
  }

  // unpack: a block's text, unpacked when it is packed (the FAQ's record cards use it too)
  window.briefingStart = { start: start, startAll: startAll, need: need, unpack: code };
  // printing (and a PDF) needs every view: beforeprint, and print media where it does not fire
  window.addEventListener("beforeprint", startAll);
  if (window.matchMedia) {
    var print = window.matchMedia("print");
    var onPrint = function (event) { if (event.matches) startAll(); };
    if (print.addEventListener) print.addEventListener("change", onPrint);
    else if (print.addListener) print.addListener(onPrint);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
