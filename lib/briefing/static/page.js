/* The page on a phone or a tablet:
   - the contents are a folded menu on a narrow screen: open on tap, closed again by a tap on
     a heading link, outside it, or Escape; always open on a wide screen;
   - glossary notes open on tap (a tap focuses the term) and close on a tap elsewhere or
     Escape; hover and keyboard focus work as before. */
(function () {
  "use strict";
  if (window.briefingPage) {
    return;
  }
  window.briefingPage = true;
  var wide = window.matchMedia ? window.matchMedia("(min-width: 60.0625rem)") : null;

  function menu() {
    return document.querySelector(".bb-toc-menu");
  }

  function fitMenu() {
    var details = menu();
    if (details && wide) {
      details.open = wide.matches;
    }
  }

  function closeMenu() {
    var details = menu();
    if (details && details.open && wide && !wide.matches) {
      details.open = false;
    }
  }

  function closeNote(term) {
    var gloss = term && term.closest(".bk-gloss");
    if (gloss) {
      gloss.classList.add("bk-gloss--closed");
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var details = menu();
    if (details && target.closest) {
      if (target.closest(".bb-toc-menu a") || !target.closest(".bb-toc-menu")) {
        closeMenu();
      }
    }
  });

  // a tap outside any glossary term takes the focus (and the note) away from the open one
  document.addEventListener("pointerdown", function (event) {
    var open = document.activeElement;
    if (open && open.classList && open.classList.contains("bk-term") &&
        !(event.target.closest && event.target.closest(".bk-gloss"))) {
      open.blur();
    }
  });

  document.addEventListener("focusin", function (event) {
    var gloss = event.target.closest && event.target.closest(".bk-gloss");
    if (gloss) {
      gloss.classList.remove("bk-gloss--closed");
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var active = document.activeElement;
    if (active && active.classList && active.classList.contains("bk-term")) {
      closeNote(active);
    }
    var details = menu();
    if (details && details.open && wide && !wide.matches) {
      details.open = false;
      var summary = details.querySelector("summary");
      if (summary && details.contains(active)) summary.focus();
    }
  });

  if (wide) {
    if (wide.addEventListener) wide.addEventListener("change", fitMenu);
    else if (wide.addListener) wide.addListener(fitMenu);
  }
})();
