/* Printing: open every collapsed part (FAQ answers, text versions of maps and charts) so the
   paper brief holds them, then put the page back as the reader left it. */
(function () {
  "use strict";
  if (window.briefingPrint) return;
  var opened = [];
  window.briefingPrint = {
    expand: function () {
      document.querySelectorAll("details:not([open])").forEach(function (d) {
        d.open = true;
        opened.push(d);
      });
    },
    restore: function () {
      opened.forEach(function (d) { d.open = false; });
      opened = [];
    },
  };
  window.addEventListener("beforeprint", window.briefingPrint.expand);
  window.addEventListener("afterprint", window.briefingPrint.restore);
})();
