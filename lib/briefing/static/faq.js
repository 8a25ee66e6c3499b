/* FAQ lookup, static twin: wires the search box, topics, entity menu and list of the page's
   FAQ to the ranking in faq-rank.js (the same search as lib/briefing/faq).
   window.briefingFaq.search(root, query, topic, entity) returns the ids the page lists: the
   answers, best first, or the closest questions when none answers.
   The list is compact: the best answer open, the rest closed (<details>: one click or Enter
   opens each); "Show all answers" opens every one; printing opens everything (faq.css). */
(function () {
  "use strict";
  if (window.briefingFaq) return;

  function R() {  // faq-rank.js
    return window.briefingFaqRank;
  }

  function prepare(index) {
    return R().prepare(index);
  }

  function tokenize(text, rules, stop) {
    return R().tokenize(text, rules, stop);
  }

  function rank(index, query, topic, entity) {
    return R().rank(index, query, topic, entity);
  }

  function shownIds(result, rules) {
    return R().shownIds(result, rules);
  }

  function statusMessage(data, count, query, topic, entity, answered) {
    var m = data.messages;
    var total = prepare(data.index).faq.filter(Boolean).length;  // the FAQ's own entries
    var entityName = entity ? data.entity_names[entity] || "" : "";
    var filters = (topic ? m.topic.replace("{topic}", topic) : "") +
      (entityName ? m.entity.replace("{entity}", entityName) : "");
    query = query.trim();
    var state = prepare(data.index);
    var key;
    if (!query || !tokenize(query, state.rules, state.stop).length) {
      key = count === total ? "all" : count ? "filtered" : "empty_filtered";
    } else if (count === 0) {
      key = filters ? "none_filtered" : "none";
    } else if (!answered) {
      key = "suggest";
    } else {
      key = count === 1 ? "one" : "many";
    }
    var values = { count: String(count), total: String(total), filters: filters,
      example: data.example, query: query };
    var text = m[key];
    ["count", "total", "filters", "example", "query"].forEach(function (name) {
      text = text.split("{" + name + "}").join(values[name]);
    });
    return text;
  }

  function dataOf(root) {
    if (!root._briefingFaqData) {
      var script = root.querySelector("script.briefing-faq-data");
      root._briefingFaqData = JSON.parse(script.textContent);
    }
    return root._briefingFaqData;
  }

  function search(root, query, topic, entity) {
    var index = dataOf(root).index;
    return shownIds(rank(index, query, topic, entity), index.rules);
  }

  function currentTopic(root) {
    var pressed = root.querySelector(".briefing-faq-topic-button[aria-pressed='true']");
    return pressed ? pressed.getAttribute("data-topic") : "";
  }

  function visibleItems(root) {
    return Array.prototype.filter.call(
      root.querySelectorAll(".briefing-faq-item"),
      function (item) { return !item.hidden; }
    );
  }

  function visibleSummaries(root) {
    return visibleItems(root).map(function (item) {
      return item.querySelector(".briefing-faq-summary");
    });
  }

  function setRovingStop(elements, target) {
    elements.forEach(function (element) {
      element.setAttribute("tabindex", element === target ? "0" : "-1");
    });
  }

  function listed(list) {
    var items = new Map();
    Array.prototype.forEach.call(list.children, function (item) {
      items.set(item.getAttribute("data-entry-id"), item);
    });
    return items;
  }

  /* The records' cards travel packed (faq_cards.html.j2, rendered and escaped in Python): they
     join the list, hidden, the first time a search shows one. */
  function unpackCards(root, list) {
    var block = root.querySelector("script.briefing-faq-cards");
    if (!block || !window.briefingStart) return false;
    list.insertAdjacentHTML("beforeend", window.briefingStart.unpack(block));
    block.parentNode.removeChild(block);
    return true;
  }

  function update(root) {
    var data = dataOf(root);
    var query = root.querySelector(".briefing-faq-query").value;
    var topic = currentTopic(root);
    var entity = root.querySelector(".briefing-faq-entity").value;
    var result = rank(data.index, query, topic, entity);
    var ids = shownIds(result, data.index.rules);
    var list = root.querySelector(".briefing-faq-list");
    var items = listed(list);
    if (ids.some(function (id) { return !items.has(id); }) && unpackCards(root, list)) {
      items = listed(list);
    }
    var shown = new Set(ids);
    var order = ids.concat(data.index.ids.filter(function (id) { return !shown.has(id); }));
    order.forEach(function (id, position) {
      var item = items.get(id);
      if (!item) return;
      item.hidden = !shown.has(id);
      if (list.children[position] !== item) list.insertBefore(item, list.children[position] || null);
    });
    var suggesting = !result.answered && ids.length > 0;
    list.classList.toggle("briefing-faq-suggestions", suggesting);
    if (suggesting) list.setAttribute("aria-label", data.messages.suggestions_label);
    else list.removeAttribute("aria-label");
    var all = root.querySelector(".briefing-faq-expand").getAttribute("aria-pressed") === "true";
    visibleItems(root).forEach(function (item, position) {
      item.querySelector(".briefing-faq-entry").open =
        result.answered && (all || position === 0);
    });
    root.querySelector(".briefing-faq-status").textContent =
      statusMessage(data, ids.length, query, topic, entity, result.answered);
    var summaries = visibleSummaries(root);
    setRovingStop(summaries, summaries[0]);
  }

  function moveFocus(list, current, key) {
    var i = list.indexOf(current);
    var next = key === "Home" ? 0 : key === "End" ? list.length - 1 :
      key === "ArrowDown" || key === "ArrowRight" ? Math.min(i + 1, list.length - 1) :
      Math.max(i - 1, 0);
    return list[next];
  }

  function wire(root) {
    if (root.getAttribute("data-faq-wired") === "1") return;
    root.setAttribute("data-faq-wired", "1");
    var input = root.querySelector(".briefing-faq-query");
    var select = root.querySelector(".briefing-faq-entity");
    var expand = root.querySelector(".briefing-faq-expand");
    var buttons = Array.prototype.slice.call(root.querySelectorAll(".briefing-faq-topic-button"));
    var run = function () { update(root); };
    input.addEventListener("input", run);
    input.addEventListener("search", run);
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      event.preventDefault();
      run();
      var first = visibleSummaries(root)[0];
      if (first) first.focus();
    });
    select.addEventListener("change", run);
    expand.addEventListener("click", function () {
      var pressed = expand.getAttribute("aria-pressed") === "true";
      expand.setAttribute("aria-pressed", pressed ? "false" : "true");
      run();
    });
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        buttons.forEach(function (b) {
          b.setAttribute("aria-pressed", b === button ? "true" : "false");
        });
        setRovingStop(buttons, button);
        run();
      });
      button.addEventListener("keydown", function (event) {
        if (["ArrowLeft", "ArrowRight", "Home", "End"].indexOf(event.key) < 0) return;
        event.preventDefault();
        var next = moveFocus(buttons, button, event.key);
        setRovingStop(buttons, next);
        next.focus();
      });
    });
    root.querySelector(".briefing-faq-list").addEventListener("keydown", function (event) {
      if (["ArrowUp", "ArrowDown", "Home", "End"].indexOf(event.key) < 0) return;
      var summary = event.target.closest && event.target.closest(".briefing-faq-summary");
      if (!summary || summary !== event.target) return;
      event.preventDefault();
      var summaries = visibleSummaries(root);
      var next = moveFocus(summaries, summary, event.key);
      setRovingStop(summaries, next);
      next.focus();
    });
    root.querySelector(".briefing-faq-controls").hidden = false;
    update(root);
  }

  function wireAll() {
    var roots = document.querySelectorAll("[data-briefing-view='faq']");
    Array.prototype.forEach.call(roots, function (root) {
      try {
        wire(root);
      } catch (error) {
        if (window.console) console.error("briefing faq:", error);
      }
    });
  }

  window.briefingFaq = {
    fold: function (text, index) { return R().fold(text, index.rules); },
    tokenize: function (text, index) {
      var state = prepare(index);
      return tokenize(text, state.rules, state.stop);
    },
    stem: function (word) { return R().stem(word); },
    intentOf: function (text, index) { return R().intentOf(text, index.rules); },
    rank: rank,
    search: search,
    statusMessage: statusMessage,
    wireAll: wireAll
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wireAll);
  else wireAll();
})();
