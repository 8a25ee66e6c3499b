/* FAQ search, the terms a query word stands for: exact, a prefix, a typo (of a term, or of a
   word as written: index.spellings) and a word of the same sense, with their factors, as
   lib/briefing/faq/terms.py. Used by faq-rank.js (its `state`) through window.briefingFaqTerms. */
(function () {
  "use strict";
  if (window.briefingFaqTerms) return;

  function T() {  // faq-text.js
    return window.briefingFaqText;
  }
  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }
  function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  var spelledOf = new WeakMap();  // index -> the words as written (keys of index.spellings)

  /* The typos a word not in the vocabulary may be of, among `candidates` (within 1 edit, 2
     from fuzzy2_min letters, keeping the first letter), into `best` as their terms (spelled:
     the candidates are words as written, each standing for its stem: index.spellings) with
     their factors (faq.py _typos). */
  function typos(state, written, candidates, best, spelled) {
    var rules = state.rules, f = rules.factors, spellings = state.index.spellings || {};
    if (written.length < rules.fuzzy_min) return;
    var limit = written.length >= rules.fuzzy2_min ? 2 : 1;
    for (var i = 0; i < candidates.length; i++) {
      var candidate = candidates[i];
      if (candidate[0] !== written[0]) continue;  // a typo keeps the word's first letter
      var d = T().osaDistance(written, candidate, limit);
      if (d > limit) continue;
      var term = spelled ? spellings[candidate] : candidate;
      best.set(term, Math.max(best.get(term) || 0, d <= 1 ? f.fuzzy1 : f.fuzzy2));
    }
  }

  /* The terms a query token stands for, best first, cached in the ranking's state
     (faq.py FaqSearch.expand); `written` is the query's word as written. */
  function expand(state, token, written) {
    var known = state.postings.has(token);
    var key = token + " " + (known ? "" : written || "");
    var cached = state.expansions.get(key);
    if (cached) return cached;
    var rules = state.rules;
    var f = rules.factors;
    var terms = state.index.terms;
    var best = new Map();
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i];
      if (term === token) best.set(term, f.exact);
      else if (token.length >= rules.prefix_min && term.startsWith(token)) {
        best.set(term, known ? f.prefix_of_word : f.prefix);
      }
    }
    if (!known) {  // a typo: of a term, or (the word as written) of a term or a word as written
      var typo = new Map();
      typos(state, token, terms, typo);
      if (written) {
        if (written !== token) typos(state, written, terms, typo);
        var spelled = spelledOf.get(state.index);
        if (!spelled) {
          spelled = Object.keys(state.index.spellings || {});
          spelledOf.set(state.index, spelled);
        }
        typos(state, written, spelled, typo, true);
      }
      typo.forEach(function (factor, term) {
        best.set(term, Math.max(best.get(term) || 0, factor));
      });
    }
    var same = has(rules.synonyms, token) ? rules.synonyms[token] : [];
    same.forEach(function (other) {  // a word of the same sense (faq/rules.json synonyms)
      if (state.postings.has(other)) best.set(other, Math.max(best.get(other) || 0, f.synonym));
    });
    var list = Array.from(best.entries());
    list.sort(function (a, b) {
      return b[1] - a[1] || compareText(a[0], b[0]);
    });
    if (state.expansions.size >= 4096) state.expansions.clear();
    state.expansions.set(key, list);
    return list;
  }

  window.briefingFaqTerms = { expand: expand };
})();
