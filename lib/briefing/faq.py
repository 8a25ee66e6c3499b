"""FAQ search: a small ranked index that Python and the page's JavaScript read the same way.

`faq_index(briefing)` builds a plain JSON-serialisable index once, in Python: the vocabulary,
integer term weights per entry (BM25F: field boosts, length normalisation, saturation and idf,
scaled and rounded here so no floating point is left to the search), and the rules (stop words,
match factors). `FaqSearch` ranks queries over it; `static/faq.js` runs the same algorithm on
the same JSON, with integer arithmetic only, so the same query gives the same answers in the
same order in both lives. Python scores with numpy (a folium dependency already) so 10,000
entries rank well under 2 ms; the hits of a search are made as they are read.

The algorithm, step by step (faq.js follows it line for line):

1. Tokens: NFKD, drop combining marks (the ranges in COMBINING), take runs of ASCII letters and
   digits (and single CJK ideographs), lower-case them, drop ASCII tokens shorter than MIN_TOKEN
   and stop words; keep the first of repeated query tokens.
2. Each query token q expands to vocabulary terms, each with the best factor that applies:
   exact (q itself), prefix (len(q) >= PREFIX_MIN and the term starts with q), fuzzy (q not in
   the vocabulary, len(q) >= 4, optimal-string-alignment distance <= 1, or <= 2 from 8 chars).
   Expansions are ordered by factor (high first), then term.
3. For each entry: part(q) = max over expansions of weight(term, entry) * factor (the first
   expansion wins ties); total = sum of parts; score = total * (number of q with part > 0).
4. Keep entries with score > 0 that pass the topic and entity filters; order by score (high
   first), then FAQ order. No content token at all: every entry that passes the filters, in
   FAQ order, score 0.
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

INDEX_VERSION = 1
# field: boost (question > entity names > topic > answer)
FIELD_BOOSTS = {"question": 3.0, "entities": 2.0, "topic": 1.5, "answer": 1.0}
K1 = 1.2
B = 0.75
WEIGHT_SCALE = 1000
FACTORS = {"exact": 100, "prefix": 75, "fuzzy1": 60, "fuzzy2": 45}
MIN_TOKEN = 2
PREFIX_MIN = 3
FUZZY_MIN = 4  # tokens of 4-7 chars allow distance 1
FUZZY2_MIN = 8  # from 8 chars, distance 2
COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# "us" is deliberately absent: it is the United States here.
STOP_WORDS = frozenset(
    """a about after again all also am an and any are as at be been before being between both but
    by can could did do does doesn don during each either for from had has have he her here hers
    him his how if in into is it its just me more most my no nor not of off on once only or
    other our out over own same she should so some such than that the their theirs them then
    there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your""".split()  # noqa: SIM905
)
_MARKS = re.compile(f"[{COMBINING}]")
# ASCII words, and CJK ideographs one by one (so 东京 finds Tokyo by its alias).
WORD_PATTERN = "[A-Za-z0-9]+|[\u3400-\u9fff]"
_WORD = re.compile(WORD_PATTERN)
_FUZZY_CACHE_LIMIT = 4096


def fold(text: str) -> str:
    """Text with compatibility forms decomposed and diacritics removed ("Zürich" -> "Zurich")."""
    return _MARKS.sub("", unicodedata.normalize("NFKD", text))


def tokenize(text: str) -> list[str]:
    """The index's tokens of a text: folded ASCII words, lower case, no stop words."""
    words = (w.lower() for w in _WORD.findall(fold(text)))
    return [w for w in words if (len(w) >= MIN_TOKEN or not w.isascii()) and w not in STOP_WORDS]


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


def _entity_tokens(briefing: Briefing, entity_ids: list[str]) -> list[str]:
    # Each entity counts its words once, however many aliases repeat them.
    out: list[str] = []
    for entity_id in entity_ids:
        entity = briefing.entity(entity_id)
        out.extend(dict.fromkeys(tokenize(" ".join([entity.name, *entity.aliases]))))
    return out


def faq_index(briefing: Briefing) -> dict[str, Any]:
    """The FAQ's search index as plain JSON data, for FaqSearch and for the page's faq.js."""
    fields = [
        {
            "question": tokenize(entry.question),
            "entities": _entity_tokens(briefing, entry.entities),
            "topic": tokenize(entry.topic),
            "answer": tokenize(entry.answer),
        }
        for entry in briefing.faq
    ]
    return build_index(
        [entry.id for entry in briefing.faq],
        [entry.topic for entry in briefing.faq],
        [list(entry.entities) for entry in briefing.faq],
        fields,
    )


def build_index(
    ids: list[str],
    topics: list[str],
    entities: list[list[str]],
    fields: list[dict[str, list[str]]],
) -> dict[str, Any]:
    """The index from entries already split into tokens per field (also used by the benchmark)."""
    n = len(ids)
    avg = {f: (sum(len(doc[f]) for doc in fields) / n if n else 0.0) for f in FIELD_BOOSTS}
    pseudo_tf: list[dict[str, float]] = []
    for doc in fields:
        tf: dict[str, float] = {}
        for f, boost in FIELD_BOOSTS.items():
            norm = 1 - B + B * (len(doc[f]) / avg[f]) if avg[f] else 1.0
            for term, count in Counter(doc[f]).items():
                tf[term] = tf.get(term, 0.0) + boost * count / norm
        pseudo_tf.append(tf)
    df = Counter(term for tf in pseudo_tf for term in tf)
    terms = sorted(df)
    position = {term: i for i, term in enumerate(terms)}
    postings: list[list[int]] = [[] for _ in terms]
    for entry_no, tf in enumerate(pseudo_tf):
        for term in sorted(tf):
            idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
            weight = idf * tf[term] * (K1 + 1) / (tf[term] + K1)
            postings[position[term]] += [entry_no, max(1, round(WEIGHT_SCALE * weight))]
    return {
        "version": INDEX_VERSION,
        "ids": list(ids),
        "topics": list(topics),
        "entities": [list(e) for e in entities],
        "terms": terms,
        "postings": postings,
        "rules": {
            "factors": dict(FACTORS),
            "min_token": MIN_TOKEN,
            "prefix_min": PREFIX_MIN,
            "fuzzy_min": FUZZY_MIN,
            "fuzzy2_min": FUZZY2_MIN,
            "stop_words": sorted(STOP_WORDS),
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
        self.vocabulary = set(self.terms)
        self._term_no = {term: i for i, term in enumerate(self.terms)}
        self._postings = {}  # term -> (entry numbers, integer weights)
        for term, flat in zip(self.terms, index["postings"], strict=True):
            pairs = np.asarray(flat, dtype=np.int64).reshape(-1, 2)
            self._postings[term] = (pairs[:, 0].copy(), pairs[:, 1].copy())
        self._topics = np.asarray(index["topics"], dtype=object)
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
            i = bisect_left(self.terms, token)
            while i < len(self.terms) and self.terms[i].startswith(token):
                best.setdefault(self.terms[i], FACTORS["prefix"])
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
        """Ranked hits for a query, limited to a topic and an entity ("" means any)."""
        allowed = self._allowed(topic, entity)
        tokens = list(dict.fromkeys(tokenize(query)))
        if not tokens:
            order = np.flatnonzero(allowed) if allowed is not None else np.arange(len(self.ids))
            return FaqResults(self, order, np.zeros(len(order), dtype=np.int64), [])
        n = len(self.ids)
        totals = np.zeros(n, dtype=np.int64)
        counts = np.zeros(n, dtype=np.int64)
        best_terms = []
        for token in tokens:
            part = np.zeros(n, dtype=np.int64)
            part_term = np.full(n, -1, dtype=np.int32)
            for term, factor in self.expand(token):
                entries, weights = self._postings[term]
                values = weights * factor
                better = values > part[entries]  # strictly: the first expansion wins ties
                part[entries[better]] = values[better]
                part_term[entries[better]] = self._term_no[term]
            totals += part
            counts += part > 0
            best_terms.append(part_term)
        scores = totals * counts
        hit = scores > 0
        if allowed is not None:
            hit &= allowed
        entry_nos = np.flatnonzero(hit)
        ranked = entry_nos[np.lexsort((entry_nos, -scores[entry_nos]))]
        return FaqResults(self, ranked, scores[ranked], best_terms)

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

    def __init__(self, engine: FaqSearch, order: np.ndarray, scores: np.ndarray, best_terms):
        self._engine, self._order, self._scores, self._best = engine, order, scores, best_terms

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


def _deletions(word: str, limit: int) -> set[str]:
    """The word and every string made from it by deleting up to `limit` characters."""
    found = {word}
    frontier = {word}
    for _ in range(limit):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found
