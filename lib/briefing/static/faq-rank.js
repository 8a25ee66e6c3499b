/* FAQ search, the ranking: the same steps as lib/briefing/faq (see its docstring) on the same
   index, with integer scores, so Python and the page give the same answers in the same order
   and the same verdict. The rules come from the index (faq/rules.json). Used by faq.js through
   window.briefingFaqRank. */
(function () {
  "use strict";
  if (window.briefingFaqRank) return;

  var prepared = new WeakMap();
  function T() {  // faq-text.js (inlined after this file: read when a query is ranked)
    return window.briefingFaqText;
  }
  function expand(state, token, written) {  // faq-terms.js: a query word's terms
    return window.briefingFaqTerms.expand(state, token, written);
  }
  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }
  function prepare(index) {
    var state = prepared.get(index);
    if (state) return state;
    var postings = new Map(), termNo = new Map();
    for (var i = 0; i < index.terms.length; i++) {
      postings.set(index.terms[i], index.postings[i]);
      termNo.set(index.terms[i], i);
    }
    state = {
      index: index, rules: index.rules,
      stop: new Set(index.rules.stop_words),
      postings: postings, termNo: termNo,
      number: new Map(index.ids.map(function (id, i) { return [id, i]; })),
      nameWords: new Map(Object.keys(index.name_words || {}).map(function (entity) {
        return [entity, new Set(index.name_words[entity])];
      })),
      entityWords: new Map(Object.keys(index.entity_words).map(function (entity) {
        return [entity, new Set(index.entity_words[entity])];
      })),
      expansions: new Map(),
      recordWords: new Set(),  // every word of a record's name or alias (faq.py _record_words)
      // an entry answers one kind of question, a card may answer several ("when where who")
      intents: index.intents.map(function (kinds) { return kinds ? kinds.split(" ") : []; }),
      faq: (index.kinds || index.ids.map(function () { return "faq"; })).map(function (kind) {
        return kind === "faq";
      })
    };
    [state.nameWords, state.entityWords].forEach(function (table) {
      table.forEach(function (words) {
        words.forEach(function (w) { state.recordWords.add(w); });
      });
    });
    var describing = index.rules.describing_intents;
    state.describes = state.intents.map(function (kinds) {
      return kinds.length > 0 && kinds.every(function (k) { return describing.indexOf(k) >= 0; });
    });
    prepared.set(index, state);
    return state;
  }

  function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function allowedEntries(index, topic, entity) {
    var out = [];
    for (var i = 0; i < index.ids.length; i++) {
      if (topic && index.topics[i] !== topic) continue;
      if (entity && index.entities[i].indexOf(entity) < 0) continue;
      out.push(i);
    }
    return out;
  }

  /* Whether the first hit answers the query (faq.py, FaqSearch._answers). */
  function answers(state, entryNo, expansions, parts, coverage) {
    var index = state.index;
    var unknown = state.rules.unknown_info * state.rules.factors.exact;
    var wanted = 0, got = 0;
    var held = new Set(), allStrong = true;  // the term numbers this entry matched
    for (var i = 0; i < expansions.length; i++) {
      var best = -1;
      var factors = new Map();
      expansions[i].forEach(function (pair) {
        best = Math.max(best, index.info[state.termNo.get(pair[0])] * pair[1]);
        factors.set(pair[0], pair[1]);
      });
      wanted += 2 * (best < 0 ? unknown : best);
      var no = parts[i].term[entryNo];
      if (no >= 0) {
        got += index.info[no] * factors.get(index.terms[no]) * (1 + parts[i].strong[entryNo]);
        held.add(no);
        allStrong = allStrong && parts[i].strong[entryNo] === 1;
      }
    }
    // not only words most entries use: few entries hold all the words it matched, or it holds
    // them in its question or subjects and few entries do (faq.py)
    var together = 0, strongly = 0;
    if (held.size) {
      var seen = new Uint16Array(index.ids.length), seenStrong = new Uint16Array(index.ids.length);
      held.forEach(function (no) {
        var flat = index.postings[no];
        for (var k = 0; k < flat.length; k += 2) {
          seen[flat[k]] += 1;
          if (flat[k + 1] > 0) seenStrong[flat[k]] += 1;
        }
      });
      for (var e = 0; e < seen.length; e++) {
        together += seen[e] === held.size ? 1 : 0;
        strongly += seenStrong[e] === held.size ? 1 : 0;
      }
    }
    var share = state.rules.rare * index.ids.length;
    var rare = held.size > 0 && (together * 100 <= share || (allStrong && strongly * 100 <= share));
    return rare && 100 * got >= (coverage || state.rules.coverage) * wanted;
  }

  /* The entities whose words hold every query token's best term ("who is X?" names X);
     faq.py, FaqSearch._named. */
  /* Not answered by its share of words, the query still is when the book knows every word of
     it (not only as a typo) and it names records or dates (a word of a record's name, a number)
     the entry all holds, or half its words are ones few entries use (fewUse) the entry all
     holds (faq.py names_held, rare_held). */
  function heldAll(state, entryNo, tokens, expansions, parts, fewUse) {
    var known = state.rules.known_factors.map(function (k) { return state.rules.factors[k]; });
    var names = 0, namesHeld = true;
    for (var i = 0; i < tokens.length; i++) {
      var expanded = expansions[i];
      if (!expanded.length || known.indexOf(expanded[0][1]) < 0) return false;
      if (/^[0-9]+$/.test(tokens[i]) || state.recordWords.has(expanded[0][0])) {
        names += 1;
        namesHeld = namesHeld && parts[i].term[entryNo] >= 0;
      }
    }
    if (names > 0 && namesHeld) return true;
    var rare = fewUse.every(function (pair) { return parts[pair[0]].term[entryNo] >= 0; });
    return rare && fewUse.length > 0 && 2 * fewUse.length >= tokens.length;
  }

  function namedEntities(state, expansions) {
    var named = new Set();
    if (expansions.some(function (expanded) { return !expanded.length; })) return named;
    var best = expansions.map(function (expanded) { return expanded[0][0]; });
    var asked = best.filter(function (term) { return state.rules.post_words.indexOf(term) < 0; });
    if (!asked.length) asked = best;  // "X's title", "what is X's job" ask what X is (faq.py)
    var names = state.index.exact_names || {};
    var tries = [best, asked];
    for (var t = 0; t < tries.length; t++) {  // a full name, alias, label or title (faq.py)
      var key = Array.from(new Set(tries[t])).sort(compareText).join(" ");
      if (has(names, key)) return new Set(names[key]);
    }
    best = asked;
    var holds = function (words, entity) {
      if (best.every(function (term) { return words.has(term); })) named.add(entity);
    };
    state.nameWords.forEach(holds);  // names first, else names and aliases
    if (!named.size) state.entityWords.forEach(holds);
    return named;
  }

  /* The records one of whose name's words is a query token's best term, where that word names
     only one record (faq.py, FaqSearch._mentioned). */
  function mentionedRecords(state, expansions) {
    var found = new Set();
    expansions.forEach(function (expanded) {
      if (!expanded.length) return;
      var owners = [];
      state.nameWords.forEach(function (words, record) {
        if (words.has(expanded[0][0])) owners.push(record);
      });
      if (owners.length === 1) found.add(owners[0]);
    });
    return found;
  }

  /* {answered, hits: [{id, score, matched}]} for a query over a faq_index, as FaqSearch.search:
     when answered is false the hits are only the closest questions. Per-entry state lives in
     typed arrays (10,000 entries: no object per entry and token). */
  function rank(index, query, topic, entity) {
    var state = prepare(index);
    topic = topic || "";
    entity = entity || "";
    var allowed = allowedEntries(index, topic, entity);
    var intent = T().intentOf(query || "", state.rules);
    var describing = state.rules.describing_intents;
    var specific = intent && describing.indexOf(intent) < 0;  // when/where/why/how (many)
    var written = new Map();  // token -> the query's word as written (its first)
    T().tokenWords(query || "", state.rules, state.stop).forEach(function (pair) {
      if (!written.has(pair[0])) written.set(pair[0], pair[1]);
    });
    var tokens = Array.from(written.keys());
    if (specific) {  // faq.py EVENT_VERBS: "when did X happen" asks when X was
      var framed = tokens.filter(function (t) { return state.rules.event_verbs.indexOf(t) < 0; });
      if (framed.length) tokens = framed;
    }
    if (!tokens.length) {  // no words: the FAQ's own entries, in its order (no card)
      allowed = allowed.filter(function (i) { return state.faq[i]; });
      return {
        answered: allowed.length > 0,
        hits: allowed.map(function (i) {
          return { id: index.ids[i], score: 0, matched: [] };
        })
      };
    }
    var n = index.ids.length;
    var totals = new Float64Array(n);
    var counts = new Int32Array(n), matched = new Int32Array(n);  // halves; matched tokens
    var parts = [], expansions = [];
    tokens.forEach(function (token) {
      var value = new Float64Array(n);
      var term = new Int32Array(n).fill(-1);
      var strong = new Uint8Array(n);
      var expanded = expand(state, token, written.get(token));
      expanded.forEach(function (pair) {
        var flat = state.postings.get(pair[0]);
        var no = state.termNo.get(pair[0]);
        for (var k = 0; k < flat.length; k += 2) {  // [entry, weight]: weight < 0 if weak
          var w = flat[k + 1];
          var v = (w < 0 ? -w : w) * pair[1];
          var e = flat[k];
          if (v > value[e]) {  // strictly: the first expansion wins ties
            value[e] = v;
            term[e] = no;
            strong[e] = w > 0 ? 1 : 0;
          }
        }
      });
      for (var e = 0; e < n; e++) {
        if (value[e] > 0) {
          totals[e] += value[e];
          counts[e] += 1 + strong[e];
          matched[e] += 1;
        }
      }
      parts.push({ term: term, strong: strong });
      expansions.push(expanded);
    });
    var allowedSet = topic || entity ? new Set(allowed) : null;
    var fewUse = [];  // [token, term number]: a word few entries use, as it is (faq.py _specific)
    expansions.forEach(function (expanded, i) {
      var no = expanded.length ? state.termNo.get(expanded[0][0]) : -1;
      if (no >= 0 && expanded[0][1] === state.rules.factors.exact &&
          index.df[no] * 100 <= state.rules.specific_share * n) fewUse.push([i, no]);
    });
    var scores = new Float64Array(n);
    var found = 0;
    var order = new Int32Array(n);
    for (var e = 0; e < n; e++) {
      if (counts[e] > 0 && (!allowedSet || allowedSet.has(e))) {
        var percent = 100;
        if (intent && state.intents[e].indexOf(intent) >= 0) percent += state.rules.intent_bonus;
        else if (specific && state.describes[e]) {
          percent -= state.rules.intent_penalty;  // a who/what entry for a when/where/why/how query
        }
        for (var s = 0; s < fewUse.length; s++) {
          if (parts[fewUse[s][0]].term[e] === fewUse[s][1]) percent += state.rules.specific_bonus;
        }
        scores[e] = totals[e] * counts[e] * percent;
        order[found++] = e;
      }
    }
    order = order.subarray(0, found).sort(function (a, b) {
      return scores[b] - scores[a] || a - b;
    });
    var hits = new Array(found);
    for (var h = 0; h < found; h++) hits[h] = [scores[order[h]], order[h]];
    var target = sequenceTarget(state, query || "", topic, entity, allowedSet);
    if (target >= 0) {  // "what came after X?": the event after X's answers, first (faq.py)
      hits = hits.filter(function (hit) { return hit[1] !== target; });
      hits.unshift([scores[target], target]);
      return finish(true, hits);
    }
    // a query that only names a record is answered by the first entry or card about it alone,
    // which goes first (faq.py)
    var named = namedEntities(state, expansions);
    var about = -1;
    var naming = named.size === 1 && state.rules.naming_intents.indexOf(intent) >= 0;
    for (var a = 0; a < hits.length && naming; a++) {
      var no = hits[a][1];  // "where is X?": an entry about X that says where (faq.py)
      if (specific && state.intents[no].indexOf(intent) < 0) continue;
      if (named.has(index.defines[no])) { about = a; break; }
    }
    if (about > 0) hits.unshift(hits.splice(about, 1)[0]);
    var aboutNo = about >= 0 ? hits[0][1] : -1;
    var defining = describing.indexOf(intent) >= 0 && named.size > 0;
    var mentioned = mentionedRecords(state, expansions);
    var verdict = function (entryNo) {  // the entry answers the query (faq.py verdict)
      if (aboutNo >= 0) return entryNo === aboutNo;
      if (defining && !named.has(index.defines[entryNo])) return false;  // "who is X?"
      // about a record the query names: a lower share of the query will do (faq.py)
      var aboutNamed = index.defines[entryNo] && mentioned.has(index.defines[entryNo]) &&
        expansions.every(function (expanded) { return expanded.length > 0; });  // every word known
      return answers(state, entryNo, expansions, parts,
        aboutNamed ? state.rules.named_coverage : 0);
    };
    if (about < 0 && hits.length > 1 && !state.faq[hits[0][1]]) {  // does an entry answer?
      for (var f = 1; f < hits.length; f++) {
        if (!state.faq[hits[f][1]]) continue;
        var top = hits[0][1], entry = hits[f][1], kinds = state.intents[entry];
        // it matches as much of the query, and answers its kind of question if the card does
        var close = 100 * hits[f][0] >= state.rules.faq_first * hits[0][0] &&
          matched[entry] >= matched[top] && !(specific && kinds.length &&
          state.intents[top].indexOf(intent) >= 0 && kinds.indexOf(intent) < 0);
        if (close && verdict(entry)) {
          hits.unshift(hits.splice(f, 1)[0]);  // the hand-written answer goes first
        }
        break;
      }
    }
    var answered = hits.length > 0 && verdict(hits[0][1]);
    if (!answered && hits.length && aboutNo < 0 && !defining) {  // names it all (faq.py)
      answered = heldAll(state, hits[0][1], tokens, expansions, parts, fewUse);
    }
    var hub = about < 0 ? hubOf(state, hits, allowedSet) : -1;
    if (hub >= 0) {  // ties alike first ("which countries are members of X?"): what they gather
      hits = hits.filter(function (hit) { return hit[1] !== hub; });
      hits.unshift([scores[hub], hub]);
    }
    return finish(answered, hits);
    function finish(answered, hits) {
      return { answered: answered, hits: hits.map(function (hit) {
        var matched = [];
        for (var i = 0; i < parts.length; i++) {
          var no = parts[i].term[hit[1]];
          if (no >= 0) matched.push(index.terms[no]);
        }
        return { id: index.ids[hit[1]], score: hit[0], matched: matched };
      }) };
    }
  }

  /* The card a first tie's kind of ties gathers, when another tie alike scores at least
     hub_share percent of it; else -1 (faq.py _hub). */
  function hubOf(state, hits, allowedSet) {
    if (!hits.length) return -1;
    var index = state.index, top = hits[0][1], hub = index.hub[top];
    if (hub < 0 || (allowedSet && !allowedSet.has(hub))) return -1;
    for (var i = 1; i < hits.length; i++) {
      if (100 * hits[i][0] >= hits[0][0] * state.rules.hub_share &&
          index.group[hits[i][1]] === index.group[top]) return hub;
    }
    return -1;
  }

  /* For "what came after X?" ("before X"): the event card after (before) the first of X's hits
     that has one, among its first sequence_depth hits; else -1 (faq.py _sequence_target). */
  function sequenceTarget(state, query, topic, entity, allowedSet) {
    var found = T().sequenceOf(query, state.rules, state.stop);
    if (!found) return -1;
    var steps = state.index[found[0]];
    var sub = rank(state.index, found[1], topic, entity).hits;
    for (var i = 0; i < sub.length && i < state.rules.sequence_depth; i++) {
      var target = steps[state.number.get(sub[i].id)];
      if (target >= 0 && (!allowedSet || allowedSet.has(target))) return target;
    }
    return -1;
  }

  /* The ids the page lists for a query: the answers, best first, or when none answers it,
     the closest questions (FaqResults.shown). */
  function shownIds(result, rules) {
    var ids = result.hits.map(function (hit) { return hit.id; });
    if (!result.answered) return ids.slice(0, rules.suggestions);
    var best = 0;
    result.hits.forEach(function (hit) { best = Math.max(best, hit.score); });
    return result.hits.filter(function (hit, i) {  // faq.py FaqResults.shown: no long tail
      return i === 0 || hit.score * 100 >= best * rules.list_share;
    }).map(function (hit) { return hit.id; });
  }

  window.briefingFaqRank = {
    prepare: prepare,
    fold: function (text, rules) { return T().fold(text, rules); },
    tokenize: function (text, rules, stop) { return T().tokenize(text, rules, stop); },
    stem: function (word) { return T().stem(word); },
    intentOf: function (text, rules) { return T().intentOf(text, rules); },
    rank: rank,
    shownIds: shownIds
  };
})();
