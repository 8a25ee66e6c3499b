"""FAQ search: a small ranked index that Python and the page's JavaScript read the same way.

`faq_index(briefing)` builds a plain JSON-serialisable index once, in Python: the vocabulary,
integer term weights per entry (BM25F-like: field boosts, length normalisation, saturation and
idf, scaled and rounded here so no floating point is left to the search), each term's
information (idf) and the rules. `FaqSearch` ranks queries over it; `static/faq.js` runs the
same algorithm on the same JSON, with integer arithmetic only, so the same query gives the same
answers in the same order, and the same verdict (answered or not), in both lives. Python scores
with numpy; the hits of a search are made as they are read.

What the index knows about an entry (all derived from the data, nothing story-specific):
- fields: question, subjects, topic, answer, mentions, related (FIELD_BOOSTS). The subjects are
  the listed entities its question names, by name or alias (a name inside a longer named one
  does not count; none named: the first listed); they bring all their words, titles included
  but not another entity's name inside an alias. The other listed entities are passing
  mentions and bring only their distinctive words (alias words no other entity shares). Each
  word counts once per entry however many aliases repeat it. Related: for each group of
  search.yaml (optional, in the data folder) the entry uses a member of (a word or a phrase),
  the other members' words.
- weight(term) = idf * (sat(tf in question + subjects) + WEAK_SHARE * sat(tf elsewhere) +
  FOCUS / question length if the term is the question's or a subject's), where a question's
  length counts each entity it names, with a subject's own words, as one word; and whether the
  term is "strong" there (in the question or a subject).
- intent: the kind of question it answers (intent_of its question); defines: the entity its
  question is about alone ("Who is X?"), if any.

The algorithm, step by step (faq.js follows it line for line):

1. Words: NFKD, drop combining marks (the ranges in COMBINING), take runs of ASCII letters and
   digits (and single CJK ideographs), lower-case them. Intent: a cue word's (INTENT_CUES),
   else the first question word's (INTENTS; "how many"/"how much" is one). Tokens: words of at
   least MIN_TOKEN characters (any CJK ideograph) that are not stop words (question words and
   cues included), an ASCII plural folded (stem); a query keeps the first of repeated tokens,
   and a when/where/why/how (many) query drops EVENT_VERBS unless nothing else is left.
2. Each query token q expands to vocabulary terms, each with the best factor that applies:
   exact (q itself), prefix (len(q) >= PREFIX_MIN and the term starts with q; prefix_of_word
   when q is itself a term), fuzzy (q not in the vocabulary, len(q) >= 4, optimal-string-
   alignment distance <= 1, or <= 2 from 8 chars). Ordered by factor (high first), then term.
3. For each entry: part(q) = max over expansions of weight(term, entry) * factor (the first
   expansion wins ties); matched += 2 when that term is strong in the entry, 1 when not.
   score = sum of parts * matched * (100 + INTENT_BONUS if the entry's intent is the query's;
   100 - INTENT_PENALTY if the query asks when/where/why/how (many) and the entry answers
   who/what, DESCRIBING_INTENTS: a description does not say when, where, why or how many).
4. Keep entries with score > 0 that pass the topic and entity filters; order by score (high
   first), then FAQ order. No content token at all: every entry that passes the filters, in
   FAQ order, score 0 (answered).
5. Answered or not, judged on the first hit: best(q) = max over q's expansions of
   info(term) * factor, or unknown_info * exact factor when q expands to nothing (a word the
   FAQ never uses); got(q) = info * factor * (2 if strong else 1) of the term q matched in the
   first hit. Answered when 100 * sum(got) >= COVERAGE * 2 * sum(best), some matched term is
   used by at most half the entries, and, for a who/what question whose every token's best
   term is a word of one entity X, the first hit defines X. Otherwise the hits are only
   suggestions: the view says "No answer matches" and offers the first SUGGESTIONS questions.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from .model import Briefing

INDEX_VERSION = 2
# field: boost (question > subject entities > topic = answer = related words > passing mentions)
FIELD_BOOSTS = {
    "question": 3.0,
    "subjects": 2.0,
    "topic": 1.0,
    "answer": 1.0,
    "mentions": 0.5,
    "related": 1.0,
}
# A term's weight: idf * (saturated tf in the strong fields + WEAK_SHARE * saturated tf in the
# others), so a subject or question word outweighs any number of passing mentions.
WEAK_SHARE = 0.5
# ... + FOCUS / (the question's length) for a word of the question or subject: "Who is the
# mayor?" is more about the mayor than "What did the mayor and the governor discuss?"
FOCUS = 1.0
INTENT_BONUS = 40  # percent added to the score of an entry answering the query's kind of question
# A question asking when, where, why or how (many) is not answered by a description: entries
# answering who/what (DESCRIBING_INTENTS) lose this percent of their score for such a query.
INTENT_PENALTY = 40
DESCRIBING_INTENTS = ("who", "what")
# Verbs that only frame such a question ("when did the summit happen?" asks when the summit was):
# not content tokens of a when/where/why/how (many) query (they stay one of a "what" query's:
# "what happened to X?"); as tokens, so plurals are folded ("happens" is "happen").
EVENT_VERBS = ("happen", "happened", "occur", "occurred")
K1 = 1.2
B = 0.75
WEIGHT_SCALE = 1000
# exact > prefix > fuzzy; a token the vocabulary has as a word extends to longer words only weakly
FACTORS = {"exact": 100, "prefix": 75, "fuzzy1": 60, "fuzzy2": 45, "prefix_of_word": 40}
MIN_TOKEN = 2
PREFIX_MIN = 3
FUZZY_MIN = 4  # tokens of 4-7 chars allow distance 1
FUZZY2_MIN = 8  # from 8 chars, distance 2
COVERAGE = 45  # percent of the query's information the first hit must match to be an answer
UNKNOWN_SHARE = 60  # a word the FAQ never uses counts as this percent of the rarest term's info
SUGGESTIONS = 3
# "Who is X?" / "What is X?" about one entity is answered only by an entry about X alone
DEFINING_INTENTS = ("who", "what")
COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# Question words -> the intent they ask for ("how" followed by "many"/"much" is "how many").
INTENTS = {
    "who": "who",
    "whom": "who",
    "whose": "who",
    "what": "what",
    "when": "when",
    "where": "where",
    "why": "why",
    "how": "how",
}
MANY = ("many", "much")
# Words that ask for an intent without a question word ("the reason for", "the dates of");
# they outrank a question word ("what was the reason" asks why) and are not content tokens.
INTENT_CUES = {
    "reason": "why",
    "purpose": "why",
    "date": "when",
    "dates": "when",
    "venue": "where",
    "location": "where",
}
STRONG_FIELDS = ("question", "subjects")  # a match elsewhere (answer, topic...) is incidental
# "us" is deliberately absent: a reader's "us" is usually "US", a country. Question words are
# stop words as tokens (they are the intent instead); so are words that only frame a request.
STOP_WORDS = frozenset(
    """a about after again all also am an and any are aren as at be been before being between both
    but by can could date dates did didn do does doesn don during each either else explain for
    from had has hasn have haven he her here hers him his how if in into is isn it its just
    know location many me more most much my no nor not of off on once only or other our out
    over own please purpose reason same she should so some something such tell than that the
    their theirs them then there these they this those through to too under until up venue very
    want was wasn we were weren what when where which while who whom whose why will with won
    would wouldn you your""".split()  # noqa: SIM905
) | {"arent", "cant", "couldnt", "didnt", "doesnt", "dont", "isnt", "wasnt", "werent", "wont"}
_MARKS = re.compile(f"[{COMBINING}]")
# ASCII words, and CJK ideographs one by one (so 东京 finds Tokyo by its alias).
WORD_PATTERN = "[A-Za-z0-9]+|[\u3400-\u9fff]"
_WORD = re.compile(WORD_PATTERN)
_FUZZY_CACHE_LIMIT = 4096


def fold(text: str) -> str:
    """Text with compatibility forms decomposed and diacritics removed ("Zürich" -> "Zurich")."""
    return _MARKS.sub("", unicodedata.normalize("NFKD", text))


def words(text: str) -> list[str]:
    """Every folded word of a text, lower case (stop words and short words included)."""
    return [w.lower() for w in _WORD.findall(fold(text))]


def stem(word: str) -> str:
    """An ASCII plural folded to its singular: countries -> country, talks -> talk (not 'us')."""
    if len(word) <= 3 or not word.isascii():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokenize(text: str) -> list[str]:
    """The index's tokens of a text: folded words, lower case, no stop words, plurals folded."""
    return [
        stem(w)
        for w in words(text)
        if (len(w) >= MIN_TOKEN or not w.isascii()) and w not in STOP_WORDS
    ]


def intent_of(text: str) -> str:
    """The kind of question a text asks: a cue word's intent, else its first question word's
    intent, else ""."""
    found = words(text)
    for w in found:
        if w in INTENT_CUES:
            return INTENT_CUES[w]
    for i, w in enumerate(found):
        intent = INTENTS.get(w)
        if intent:
            if intent == "how" and i + 1 < len(found) and found[i + 1] in MANY:
                return "how many"
            return intent
    return ""


def osa_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment (Damerau-Levenshtein) distance, or limit + 1 once it is over."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, prev2[j - 2] + 1)
            row[j] = best
        if min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return min(prev[len(b)], limit + 1)


def _spans(tokens: list[str], phrase: list[str]) -> list[tuple[int, int]]:
    """Where a phrase's tokens occur one after another in a token list."""
    n = len(phrase)
    if not n or phrase[0] not in tokens:  # most phrases are not there: one scan in C
        return []
    first = phrase[0]
    return [
        (i, i + n)
        for i in range(len(tokens) - n + 1)
        if tokens[i] == first and tokens[i : i + n] == phrase
    ]


def _entity_words(briefing: Briefing) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Each entity's words, each once. For entries it is the subject of: its name's words, its
    one-word aliases, and its longer aliases' words except another entity's name ("France's
    chief diplomat" gives the minister "chief diplomat", not "France"). For passing mentions,
    only its distinctive words: alias words no other entity shares, so a title such as "Foreign
    Minister" that several people carry is not in every entry that mentions one of them."""
    phrases = {e.id: [tokenize(n) for n in (e.name, *e.aliases)] for e in briefing.faq_subjects}
    owners = Counter(w for ps in phrases.values() for w in {w for p in ps for w in p})
    names = {  # the name and one-word aliases: what stands for an entity inside another's alias
        entity_id: [p for i, p in enumerate(ps) if p and (i == 0 or len(p) == 1)]
        for entity_id, ps in phrases.items()
    }
    every, distinctive = {}, {}
    for entity_id, (name, *aliases) in phrases.items():
        others = [p for k, ps in names.items() if k != entity_id for p in ps]
        found = list(name)
        for alias in aliases:
            inside = {i for p in others for a, b in _spans(alias, p) for i in range(a, b)}
            found += (
                alias if len(alias) == 1 else [w for i, w in enumerate(alias) if i not in inside]
            )
        every[entity_id] = list(dict.fromkeys(found))
        kept = list(name)
        for alias in aliases:
            kept += alias if len(alias) == 1 else [w for w in alias if owners[w] == 1]
        distinctive[entity_id] = list(dict.fromkeys(kept))
    return every, distinctive


def subjects(briefing: Briefing, entry: Any) -> list[str]:
    """The entities an entry's question is about: those of its listed entities the question
    names (by name or alias; a name inside a longer named one does not count), else the first."""
    question = tokenize(entry.question)
    found: dict[str, list[tuple[int, int]]] = {}
    for entity_id in entry.entities:
        e = briefing.named(entity_id)
        spans = [sp for n in (e.name, *e.aliases) for sp in _spans(question, tokenize(n))]
        if spans:
            found[entity_id] = spans
    every = [sp for spans in found.values() for sp in spans]

    def inside(span: tuple[int, int]) -> bool:
        return any(o[0] <= span[0] and span[1] <= o[1] and o != span for o in every)

    named = [i for i, spans in found.items() if not all(inside(sp) for sp in spans)]
    return named or list(entry.entities[:1])


def _defines(briefing: Briefing, entry: Any, subject_ids: list[str], length: int) -> str:
    """The entity an entry's question asks about and nothing else ("Who is X?", "What is X?",
    "Is X a minister?" when that is X's title), or ""."""
    if len(subject_ids) != 1 or length != 1:
        return ""
    e = briefing.named(subject_ids[0])
    question = tokenize(entry.question)
    named = any(_spans(question, tokenize(n)) for n in (e.name, *e.aliases))
    return e.id if named else ""


def _question_length(
    briefing: Briefing, entry: Any, question: list[str], subject_words: dict[str, list[str]]
) -> int:
    """A question's length with each listed entity it names counted as one word, however many
    words its name has ("Who is Jane Q. Public?" is as short as "Who is Public?"); a subject's
    own words (its titles) belong to it ("Is Public the mayor?" is about Public only)."""
    covered: set[int] = set()
    named = 0
    for entity_id in entry.entities:
        e = briefing.named(entity_id)
        spans = [sp for n in (e.name, *e.aliases) for sp in _spans(question, tokenize(n))]
        fresh = {i for a, b in spans for i in range(a, b)}
        if fresh and entity_id in subject_words:
            fresh |= {i for i, w in enumerate(question) if w in subject_words[entity_id]}
        fresh -= covered
        if fresh:
            named += 1
            covered |= fresh
    return len(question) - len(covered) + named


def _related(groups: list[list[list[str]]], texts: list[list[str]]) -> list[str]:
    """Words of the related terms an entry does not use, for each group it uses a member of."""
    out: list[str] = []
    for group in groups:
        used = [any(_spans(t, member) for t in texts) for member in group]
        if any(used):
            out += [w for member, u in zip(group, used, strict=True) if not u for w in member]
    return list(dict.fromkeys(out))


def faq_index(briefing: Briefing) -> dict[str, Any]:
    """The FAQ's search index as plain JSON data, for FaqSearch and for the page's faq.js."""
    entity_words, distinctive = _entity_words(briefing)
    groups = [[tokenize(t) for t in g.terms] for g in briefing.search]
    groups = [[m for m in g if m] for g in groups]
    fields = []
    defines = []
    for entry in briefing.faq:
        subject_ids = subjects(briefing, entry)
        subject_words = list(dict.fromkeys(w for i in subject_ids for w in entity_words[i]))
        mentions = [
            w
            for i in entry.entities
            if i not in subject_ids
            for w in distinctive[i]
            if w not in subject_words
        ]
        question = tokenize(entry.question)
        doc = {
            "question": question,
            "subjects": subject_words,
            "topic": tokenize(entry.topic),
            "answer": tokenize(entry.answer),
            "mentions": list(dict.fromkeys(mentions)),
        }
        names = [
            tokenize(n)
            for i in entry.entities
            for n in (briefing.named(i).name, *briefing.named(i).aliases)
        ]
        own = {w for f in doc.values() for w in f}
        related = _related(groups, [doc["question"], doc["topic"], doc["answer"], *names])
        doc["related"] = [w for w in related if w not in own]
        own_words = {i: entity_words[i] for i in subject_ids}
        doc["lengths"] = {"question": _question_length(briefing, entry, question, own_words)}
        fields.append(doc)
        defines.append(_defines(briefing, entry, subject_ids, doc["lengths"]["question"]))
    listed = sorted({i for entry in briefing.faq for i in entry.entities})
    return build_index(
        [entry.id for entry in briefing.faq],
        [entry.topic for entry in briefing.faq],
        [list(entry.entities) for entry in briefing.faq],
        fields,
        [intent_of(entry.question) for entry in briefing.faq],
        defines,
        {i: sorted(entity_words[i]) for i in listed},
    )


def _idf(n: int, df: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _saturate(tf: float) -> float:
    return tf * (K1 + 1) / (tf + K1)


def build_index(
    ids: list[str],
    topics: list[str],
    entities: list[list[str]],
    fields: list[dict[str, list[str]]],
    intents: list[str] | None = None,
    defines: list[str] | None = None,
    entity_words: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """The index from entries already split into tokens per field (also used by the benchmark)."""
    n = len(ids)
    intents = intents if intents is not None else [""] * n
    defines = defines if defines is not None else [""] * n

    def length(doc: dict[str, Any], f: str) -> int:
        return doc.get("lengths", {}).get(f, len(doc.get(f, ())))

    avg = {f: (sum(length(doc, f) for doc in fields) / n if n else 0.0) for f in FIELD_BOOSTS}
    pseudo_tf: list[dict[str, list[float]]] = []  # term -> [strong fields' tf, the others']
    for doc in fields:
        tf: dict[str, list[float]] = {}
        for f, boost in FIELD_BOOSTS.items():
            norm = 1 - B + B * (length(doc, f) / avg[f]) if avg[f] else 1.0
            for term, count in Counter(doc.get(f, [])).items():
                tf.setdefault(term, [0.0, 0.0])[f not in STRONG_FIELDS] += boost * count / norm
        pseudo_tf.append(tf)
    df = Counter(term for tf in pseudo_tf for term in tf)
    terms = sorted(df)
    position = {term: i for i, term in enumerate(terms)}
    postings: list[list[int]] = [[] for _ in terms]
    for entry_no, tf in enumerate(pseudo_tf):
        question = set(fields[entry_no].get("question", ())) | set(
            fields[entry_no].get("subjects", ())
        )
        focus = FOCUS / max(1, length(fields[entry_no], "question"))
        for term in sorted(tf):
            strong, weak = tf[term]
            weight = _idf(n, df[term]) * (
                _saturate(strong) + WEAK_SHARE * _saturate(weak) + focus * (term in question)
            )
            postings[position[term]] += [
                entry_no,
                max(1, round(WEIGHT_SCALE * weight)),
                int(strong > 0),
            ]
    return {
        "version": INDEX_VERSION,
        "ids": list(ids),
        "topics": list(topics),
        "entities": [list(e) for e in entities],
        "terms": terms,
        "postings": postings,
        "df": [df[t] for t in terms],
        "info": [round(WEIGHT_SCALE * _idf(n, df[t])) for t in terms],
        "intents": list(intents),
        "defines": list(defines),
        "entity_words": dict(sorted((entity_words or {}).items())),
        "rules": {
            "factors": dict(FACTORS),
            "min_token": MIN_TOKEN,
            "prefix_min": PREFIX_MIN,
            "fuzzy_min": FUZZY_MIN,
            "fuzzy2_min": FUZZY2_MIN,
            "stop_words": sorted(STOP_WORDS),
            "question_words": dict(INTENTS),
            "intent_cues": dict(INTENT_CUES),
            "many": list(MANY),
            "coverage": COVERAGE,
            "intent_bonus": INTENT_BONUS,
            "intent_penalty": INTENT_PENALTY,
            "describing_intents": list(DESCRIBING_INTENTS),
            "event_verbs": list(EVENT_VERBS),
            "defining_intents": list(DEFINING_INTENTS),
            "unknown_info": round(WEIGHT_SCALE * _idf(n, 1) * UNKNOWN_SHARE / 100),
            "suggestions": SUGGESTIONS,
        },
    }


@dataclass(frozen=True)
class FaqHit:
    """One answer the search found: which entry, how well it scored, which terms matched."""

    id: str
    score: int
    matched: tuple[str, ...]


class FaqSearch:
    """Ranks queries over a `faq_index` (the same algorithm as static/faq.js)."""

    def __init__(self, index: dict[str, Any]):
        self.index = index
        self.ids: list[str] = index["ids"]
        self.terms: list[str] = index["terms"]
        self.rules: dict[str, Any] = index["rules"]
        self.vocabulary = set(self.terms)
        self._term_no = {term: i for i, term in enumerate(self.terms)}
        self._info = index["info"]
        self._df = index["df"]
        self._postings = {}  # term -> (entry numbers, integer weights, strong flags)
        for term, flat in zip(self.terms, index["postings"], strict=True):
            rows = np.asarray(flat, dtype=np.int64).reshape(-1, 3)
            self._postings[term] = (rows[:, 0].copy(), rows[:, 1].copy(), rows[:, 2].copy())
        kinds = sorted(set(index["intents"]))  # "" first: no intent
        self._intent_code = {kind: code for code, kind in enumerate(kinds)}
        self._intents = np.asarray([self._intent_code[i] for i in index["intents"]], np.int16)
        self._describes = np.isin(index["intents"], self.rules["describing_intents"])
        self._topics = np.asarray(index["topics"], dtype=object)
        self._entity_words = {e: frozenset(ws) for e, ws in index["entity_words"].items()}
        self._expansions: dict[str, list[tuple[str, int]]] = {}

    @classmethod
    def from_briefing(cls, briefing: Briefing) -> FaqSearch:
        return cls(faq_index(briefing))

    @cached_property
    def _deletes(self) -> dict[str, list[str]]:
        # Strings reachable by up to two deletions -> terms: candidates for the fuzzy match.
        table: dict[str, list[str]] = {}
        for term in self.terms:
            for variant in _deletions(term, 2 if len(term) >= FUZZY2_MIN - 2 else 1):
                table.setdefault(variant, []).append(term)
        return table

    def expand(self, token: str) -> list[tuple[str, int]]:
        """The vocabulary terms a query token stands for, with their factors, best first."""
        cached = self._expansions.get(token)
        if cached is not None:
            return cached
        best: dict[str, int] = {}
        if token in self.vocabulary:
            best[token] = FACTORS["exact"]
        if len(token) >= PREFIX_MIN:
            prefix = FACTORS["prefix_of_word" if token in self.vocabulary else "prefix"]
            i = bisect_left(self.terms, token)
            while i < len(self.terms) and self.terms[i].startswith(token):
                best.setdefault(self.terms[i], prefix)
                i += 1
        if token not in self.vocabulary and len(token) >= FUZZY_MIN:
            limit = 2 if len(token) >= FUZZY2_MIN else 1
            candidates = {t for v in _deletions(token, limit) for t in self._deletes.get(v, ())}
            for term in candidates:
                distance = osa_distance(token, term, limit)
                if distance <= limit:
                    factor = FACTORS["fuzzy1" if distance <= 1 else "fuzzy2"]
                    best[term] = max(best.get(term, 0), factor)
        expansions = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        if len(self._expansions) >= _FUZZY_CACHE_LIMIT:
            self._expansions.clear()
        self._expansions[token] = expansions
        return expansions

    def search(self, query: str = "", topic: str = "", entity: str = "") -> FaqResults:
        """Ranked hits for a query, limited to a topic and an entity ("" means any), and
        whether they answer it (`answered`) or are only the closest questions."""
        allowed = self._allowed(topic, entity)
        intent = intent_of(query)
        tokens = list(dict.fromkeys(tokenize(query)))
        if intent and intent not in self.rules["describing_intents"]:  # when/where/why/how
            tokens = [t for t in tokens if t not in self.rules["event_verbs"]] or tokens
        if not tokens:
            order = np.flatnonzero(allowed) if allowed is not None else np.arange(len(self.ids))
            zeros = np.zeros(len(order), dtype=np.int64)
            return FaqResults(self, order, zeros, [], answered=len(order) > 0)
        n = len(self.ids)
        totals = np.zeros(n, dtype=np.int64)
        counts = np.zeros(n, dtype=np.int64)  # matched tokens, in halves: incidental ones count 1
        best_terms = []
        expansions = []
        for token in tokens:
            part = np.zeros(n, dtype=np.int64)
            part_term = np.full(n, -1, dtype=np.int32)
            part_strong = np.zeros(n, dtype=np.int64)
            expanded = self.expand(token)
            for term, factor in expanded:
                entries, weights, strong = self._postings[term]
                values = weights * factor
                better = values > part[entries]  # strictly: the first expansion wins ties
                won = entries[better]
                part[won] = values[better]
                part_term[won] = self._term_no[term]
                part_strong[won] = strong[better]
            totals += part
            part_strong += part > 0
            counts += part_strong  # 2 for a strong match, 1 for an incidental one, else 0
            best_terms.append(part_term)
            expansions.append(expanded)
        totals *= counts
        scores = totals * 100
        code = self._intent_code.get(intent) if intent else None
        if code is not None:  # the entries answering this kind of question get the bonus
            same = self._intents == code
            scores[same] += totals[same] * self.rules["intent_bonus"]
        if intent and intent not in self.rules["describing_intents"]:  # when/where/why/how
            scores[self._describes] -= totals[self._describes] * self.rules["intent_penalty"]
        hit = scores > 0
        if allowed is not None:
            hit &= allowed
        entry_nos = np.flatnonzero(hit)
        ranked = entry_nos[np.lexsort((entry_nos, -scores[entry_nos]))]
        answered = len(ranked) > 0 and self._answers(int(ranked[0]), expansions, best_terms)
        if answered and intent in self.rules["defining_intents"]:
            named = self._named(expansions)
            answered = not named or self.index["defines"][int(ranked[0])] in named
        return FaqResults(self, ranked, scores[ranked], best_terms, answered=answered)

    def _named(self, expansions) -> set[str]:
        """The entities whose words hold every query token's best term ("who is X?" names X)."""
        if not all(expansions):
            return set()
        best = [expanded[0][0] for expanded in expansions]
        return {e for e, ws in self._entity_words.items() if all(t in ws for t in best)}

    def _answers(self, entry_no: int, expansions, best_terms) -> bool:
        """Whether the first hit matches enough of the query (a word found only in its answer
        or passing mentions counts half), and not only words most entries use."""
        unknown = self.rules["unknown_info"] * FACTORS["exact"]
        wanted = got = 0  # in halves
        rare = False
        for expanded, part_term in zip(expansions, best_terms, strict=True):
            factors = dict(expanded)
            best = max((self._info[self._term_no[t]] * f for t, f in expanded), default=unknown)
            wanted += 2 * best
            term_no = int(part_term[entry_no])
            if term_no >= 0:
                term = self.terms[term_no]
                entries, _, strong = self._postings[term]
                is_strong = int(strong[np.searchsorted(entries, entry_no)])
                got += self._info[term_no] * factors[term] * (1 + is_strong)
                rare = rare or self._df[term_no] * 2 <= len(self.ids)
        return rare and 100 * got >= self.rules["coverage"] * wanted

    def ids_for(self, query: str = "", topic: str = "", entity: str = "") -> list[str]:
        """Just the entry ids of `search`, in order."""
        return self.search(query, topic, entity).ids

    def _allowed(self, topic: str, entity: str) -> np.ndarray | None:
        if not topic and not entity:
            return None
        mask = np.ones(len(self.ids), dtype=bool)
        if topic:
            mask &= self._topics == topic
        if entity:
            mask &= np.fromiter((entity in e for e in self.index["entities"]), bool, len(self.ids))
        return mask


class FaqResults(Sequence[FaqHit]):
    """The ranked hits of one search; each FaqHit is made when it is read (there may be 10,000)."""

    def __init__(self, engine: FaqSearch, order, scores, best_terms, answered: bool = True):
        self._engine, self._order, self._scores, self._best = engine, order, scores, best_terms
        self.answered = answered  # False: no hit answers the query; they are only suggestions

    def __len__(self) -> int:
        return len(self._order)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        entry_no = int(self._order[i])
        terms = self._engine.terms
        matched = tuple(terms[b[entry_no]] for b in self._best if b[entry_no] >= 0)
        return FaqHit(self._engine.ids[entry_no], int(self._scores[i]), matched)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"FaqResults({list(self)[:5]!r}{', ...' if len(self) > 5 else ''})"

    @property
    def ids(self) -> list[str]:
        """The entry ids, best first."""
        ids = self._engine.ids
        return [ids[i] for i in self._order.tolist()]

    @property
    def shown(self) -> list[str]:
        """What the views list: the answers, or when none answers, the closest questions."""
        return self.ids if self.answered else self.suggestions

    @property
    def suggestions(self) -> list[str]:
        """When nothing answers the query: the ids of the closest questions to offer instead."""
        if self.answered:
            return []
        ids = self._engine.ids
        return [ids[i] for i in self._order[: self._engine.rules["suggestions"]].tolist()]


def _deletions(word: str, limit: int) -> set[str]:
    """The word and every string made from it by deleting up to `limit` characters."""
    found = {word}
    frontier = {word}
    for _ in range(limit):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found
