/* FAQ search, the text: fold, words, Porter2 stems, tokens, the question's intent and the
   edit distance of the fuzzy match, as lib/briefing/faq/text.py. Used by faq-rank.js through
   window.briefingFaqText. */
(function () {
  "use strict";
  if (window.briefingFaqText) return;

  var patterns = new WeakMap();  // rules -> their regular expressions (faq/rules.json)

  function patternsOf(rules) {
    var found = patterns.get(rules);
    if (!found) {
      found = {
        marks: new RegExp("[" + rules.combining + "]", "g"),
        word: new RegExp(rules.word_pattern, "g"),
        initialism: new RegExp(rules.initialism_pattern, "g")
      };
      patterns.set(rules, found);
    }
    return found;
  }

  function fold(text, rules) {
    return String(text).normalize("NFKD").replace(patternsOf(rules).marks, "");
  }

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function words(text, rules) {
    var found = patternsOf(rules);
    var joined = fold(text, rules).replace(found.initialism, function (m) {  // U.S. -> US
      return m.replace(/\./g, "");
    });
    return (joined.match(found.word) || []).map(function (w) { return w.toLowerCase(); });
  }

  var LETTERS = /^[a-z]+$/;
  var stems = new Map();

  /* Porter2 (window.briefingStem: wink-porter2-stemmer, the algorithm of faq/text.py's
     snowballstemmer), only for words of ASCII letters, as faq/text.py stem(). */
  function stem(w) {
    if (w.length < 3 || !LETTERS.test(w)) return w;
    var found = stems.get(w);
    if (found === undefined) {
      found = window.briefingStem(w);
      if (stems.size >= 8192) stems.clear();
      stems.set(w, found);
    }
    return found;
  }

  function kept(text, rules, stop) {
    return words(text, rules).filter(function (w) {
      var ascii = w.charCodeAt(0) < 128;
      var number = /^[0-9]+$/.test(w);
      return (w.length >= rules.min_token || !ascii || number) && !stop.has(w);
    });
  }

  function tokenize(text, rules, stop) {
    return kept(text, rules, stop).map(stem);
  }

  /* [token, the word as written] for each token (faq/text.py token_words). */
  function tokenWords(text, rules, stop) {
    return kept(text, rules, stop).map(function (w) { return [stem(w), w]; });
  }

  function intentOf(text, rules) {
    var all = words(text, rules);
    var i;
    for (i = 0; i < all.length; i++) {
      if (has(rules.intent_cues, all[i])) return rules.intent_cues[all[i]];
    }
    for (i = 0; i < all.length; i++) {
      if (!has(rules.question_words, all[i])) continue;
      var intent = rules.question_words[all[i]];
      var after = intent === "how" && i + 1 < all.length ? all[i + 1] : "";
      if (after && rules.many.indexOf(after) >= 0) return "how many";
      if (after && has(rules.how_cues, after)) return rules.how_cues[after];  // "how long": when
      return intent;
    }
    return "";
  }

  function osaDistance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev2 = [], prev = [];
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      var row = [i];
      var least = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var best = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          best = Math.min(best, prev2[j - 2] + 1);
        }
        row.push(best);
        if (best < least) least = best;
      }
      if (least > limit) return limit + 1;
      prev2 = prev;
      prev = row;
    }
    return Math.min(prev[b.length], limit + 1);
  }

  /* ["next", "X"] for "what came after X", ["previous", "X"] for "before X", else null: the
     first cue word followed by words with a token, the first not a number (faq/text.py). */
  function sequenceOf(text, rules, stop) {
    var all = words(text, rules);
    for (var i = 0; i < all.length; i++) {
      var rest = all.slice(i + 1);
      if (has(rules.sequence_cues, all[i]) && rest.length && !/^[0-9]+$/.test(rest[0]) &&
          tokenize(rest.join(" "), rules, stop).length) {
        return [rules.sequence_cues[all[i]], rest.join(" ")];
      }
    }
    return null;
  }

  window.briefingFaqText = {
    sequenceOf: sequenceOf,
    fold: fold,
    has: has,
    words: words,
    stem: stem,
    tokenize: tokenize,
    tokenWords: tokenWords,
    intentOf: intentOf,
    osaDistance: osaDistance
  };
})();
