"""Ranking: `FaqSearch` orders an index's entries for a query and says whether the first one
answers it; static/faq-rank.js does the same, step by step (see the package's docstring)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..model import Briefing
from .index import faq_index
from .rules import FACTORS
from .terms import Terms
from .text import intent_of, sequence_of, token_words
from .verdict import covers, names_held, rare_held


@dataclass(frozen=True)
class FaqHit:
    """One answer the search found: which entry, how well it scored, which terms matched."""

    id: str
    score: int
    matched: tuple[str, ...]


class FaqSearch:
    """Ranks queries over a `faq_index` (the same algorithm as static/faq-rank.js)."""

    def __init__(self, index: dict[str, Any]):
        self.index = index
        self.ids: list[str] = index["ids"]
        self.terms: list[str] = index["terms"]
        self.rules: dict[str, Any] = index["rules"]
        self._term_no = {term: i for i, term in enumerate(self.terms)}
        self._info = index["info"]
        self._df = index["df"]
        self._postings = {}  # term -> (entry numbers, integer weights, strong flags)
        for term, flat in zip(self.terms, index["postings"], strict=True):
            rows = np.asarray(flat, dtype=np.int64).reshape(-1, 2)  # a weak term's weight < 0
            weights = rows[:, 1]
            self._postings[term] = (rows[:, 0].copy(), np.abs(weights), (weights > 0).astype(int))
        # an entry answers one kind of question, a card may answer several ("when where who")
        asked = [i.split() for i in index["intents"]]
        kinds = sorted({k for ks in asked for k in ks})
        self._answers_intent = {k: np.asarray([k in ks for ks in asked], bool) for k in kinds}
        describing = set(self.rules["describing_intents"])
        self._describes = np.asarray([bool(ks) and set(ks) <= describing for ks in asked], bool)
        self._asks = np.asarray([bool(ks) for ks in asked], bool)
        self._faq = np.asarray([k == "faq" for k in index.get("kinds", ["faq"] * len(asked))])
        self._topics = np.asarray(index["topics"], dtype=object)
        self._entity_words = {e: frozenset(ws) for e, ws in index["entity_words"].items()}
        defined_by: dict[str, list[int]] = {}
        for entry_no, record in enumerate(index["defines"]):
            if record:
                defined_by.setdefault(record, []).append(entry_no)
        self._defined_by = {r: np.asarray(e, dtype=np.int64) for r, e in defined_by.items()}
        self._name_words = {e: frozenset(ws) for e, ws in index.get("name_words", {}).items()}
        self._record_words = frozenset().union(
            *self._name_words.values(), *self._entity_words.values()
        )
        self.lexicon = Terms(self.terms, self.rules["synonyms"], index.get("spellings", {}))
        self.vocabulary = self.lexicon.known  # the terms as a set

    @classmethod
    def from_briefing(cls, briefing: Briefing, cards: bool = True) -> FaqSearch:
        """The search over a book's FAQ and, unless cards is False, its records' cards."""
        return cls(faq_index(briefing, None if cards else []))

    def expand(self, token: str, written: str = "") -> list[tuple[str, int]]:
        """The vocabulary terms a query token stands for, with their factors, best first
        (`terms.Terms.expand`)."""
        return self.lexicon.expand(token, written)

    def search(self, query: str = "", topic: str = "", entity: str = "") -> FaqResults:
        """Ranked hits for a query, limited to a topic and an entity ("" means any), and
        whether they answer it (`answered`) or are only the closest questions."""
        allowed = self._allowed(topic, entity)
        intent = intent_of(query)
        written: dict[str, str] = {}  # token -> the query's word as written (its first)
        for token, word in token_words(query):
            written.setdefault(token, word)
        tokens = list(written)
        specific = bool(intent) and intent not in self.rules["describing_intents"]
        if specific:  # when/where/why/how
            tokens = [t for t in tokens if t not in self.rules["event_verbs"]] or tokens
        if not tokens:  # no words: the FAQ's own entries, in its order (no card)
            listed = self._faq if allowed is None else self._faq & allowed
            order = np.flatnonzero(listed)
            zeros = np.zeros(len(order), dtype=np.int64)
            return FaqResults(self, order, zeros, [], answered=len(order) > 0)
        n = len(self.ids)
        totals = np.zeros(n, dtype=np.int64)
        counts = np.zeros(n, dtype=np.int64)  # matched tokens, in halves: incidental ones count 1
        matched = np.zeros(n, dtype=np.int64)  # matched tokens
        best_terms = []
        expansions = []
        for token in tokens:
            part = np.zeros(n, dtype=np.int64)
            part_term = np.full(n, -1, dtype=np.int32)
            part_strong = np.zeros(n, dtype=np.int64)
            expanded = self.expand(token, written[token])
            for term, factor in expanded:
                entries, weights, strong = self._postings[term]
                values = weights * factor
                better = values > part[entries]  # strictly: the first expansion wins ties
                won = entries[better]
                part[won] = values[better]
                part_term[won] = self._term_no[term]
                part_strong[won] = strong[better]
            totals += part
            matched += part > 0
            part_strong += part > 0
            counts += part_strong  # 2 for a strong match, 1 for an incidental one, else 0
            best_terms.append(part_term)
            expansions.append(expanded)
        totals *= counts
        scores = totals * 100
        specific_words = self._specific(expansions)
        for i, term_no in specific_words:  # a word few entries use: theirs go first
            holds = best_terms[i] == term_no
            scores[holds] += totals[holds] * self.rules["specific_bonus"]
        same = self._answers_intent.get(intent) if intent else None
        if same is not None:  # the entries answering this kind of question get the bonus
            scores[same] += totals[same] * self.rules["intent_bonus"]
        if intent and intent not in self.rules["describing_intents"]:  # when/where/why/how
            scores[self._describes] -= totals[self._describes] * self.rules["intent_penalty"]
        hit = scores > 0
        if allowed is not None:
            hit &= allowed
        entry_nos = np.flatnonzero(hit)
        ranked = entry_nos[np.lexsort((entry_nos, -scores[entry_nos]))]
        target = self._sequence_target(query, topic, entity, allowed)
        if target >= 0:  # "what came after X?": the event after X's answers, first
            ranked = np.concatenate(([target], ranked[ranked != target]))
            return FaqResults(self, ranked, scores[ranked], best_terms, answered=True)
        # a query that only names a record ("Rome", "who is X?", "where is X?") is answered by
        # the first entry or card about that record alone, which goes first
        named = self._named(expansions)
        defines = self.index["defines"]
        about = []
        if len(named) == 1 and intent in self.rules["naming_intents"]:
            # "where is X?" is answered by an entry about X that says where
            answering = None
            if specific:
                answering = same if same is not None else np.zeros(n, dtype=bool)
            about = self._first_about(ranked, next(iter(named)), answering)
        if about and about[0] != ranked[0]:
            ranked = np.concatenate((about, ranked[ranked != about[0]]))
        defining = intent in self.rules["describing_intents"] and named
        mentioned = self._mentioned(expansions)

        def verdict(entry_no: int) -> bool:  # the entry answers the query
            if about:
                return entry_no == about[0]
            if defining and defines[entry_no] not in named:  # "who is X?" needs X's entry
                return False
            # about a record the query names: a lower share of the query will do
            # (when the book knows every word of the query: "population of X" asks what it lacks)
            about_named = defines[entry_no] and defines[entry_no] in mentioned and all(expansions)
            coverage = self.rules["named_coverage"] if about_named else 0
            return covers(self, entry_no, expansions, best_terms, coverage)

        if not about and len(ranked) > 1 and not self._faq[ranked[0]]:  # does an entry answer?
            entries = ranked[self._faq[ranked]]
            if len(entries):
                entry = int(entries[0])
                top = int(ranked[0])
                close = 100 * scores[entry] >= self.rules["faq_first"] * scores[top]
                # it matches as much of the query, and answers its kind of question if the card does
                close = close and matched[entry] >= matched[top]
                if specific and same is not None and same[top] and not same[entry]:
                    close = close and not self._asks[entry]  # it answers another kind
                if close and verdict(entry):  # the hand-written answer goes first
                    ranked = np.concatenate(([entry], ranked[ranked != entry]))
        answered = len(ranked) > 0 and verdict(int(ranked[0]))
        if not answered and len(ranked) and not about and not defining:
            top = int(ranked[0])
            answered = names_held(self, top, tokens, expansions, best_terms) or rare_held(
                self, top, expansions, best_terms, specific_words
            )
        hub = self._hub(ranked, scores, allowed) if not about else -1
        if hub >= 0:  # ties alike first ("which countries are members of X?"): what they gather
            ranked = np.concatenate(([hub], ranked[ranked != hub]))
        return FaqResults(self, ranked, scores[ranked], best_terms, answered=answered)

    def _specific(self, expansions) -> list[tuple[int, int]]:
        """(token number, term number) of the query's words the book holds as they are in at
        most SPECIFIC_SHARE percent of its entries ("Indonesia" among 66)."""
        share = self.rules["specific_share"] * len(self.ids)
        found = []
        for i, expanded in enumerate(expansions):
            if expanded and expanded[0][1] == FACTORS["exact"]:
                term_no = self._term_no[expanded[0][0]]
                if self._df[term_no] * 100 <= share:
                    found.append((i, term_no))
        return found

    def _hub(self, ranked: np.ndarray, scores: np.ndarray, allowed) -> int:
        """The card a first tie's kind of ties gathers, when another tie alike scores at least
        HUB_SHARE percent of it; else -1."""
        if not len(ranked):
            return -1
        top = int(ranked[0])
        hub, group = self.index["hub"][top], self.index["group"][top]
        if hub < 0 or (allowed is not None and not allowed[hub]):
            return -1
        floor = scores[top] * self.rules["hub_share"]
        alike = (int(e) for e in ranked[1:] if 100 * scores[e] >= floor)
        return hub if any(self.index["group"][e] == group for e in alike) else -1

    def _sequence_target(self, query: str, topic: str, entity: str, allowed) -> int:
        """For "what came after X?" ("before X"): the event card after (before) the first of
        X's hits that has one, among its first SEQUENCE_DEPTH hits; else -1."""
        direction, rest = sequence_of(query)
        if not direction:
            return -1
        steps = self.index[direction]
        for entry_no in self.search(rest, topic, entity)._order[: self.rules["sequence_depth"]]:
            target = steps[int(entry_no)]
            if target >= 0 and (allowed is None or allowed[target]):
                return target
        return -1

    def _first_about(self, ranked: np.ndarray, record: str, answering=None) -> list[int]:
        """[the first ranked entry or card about the record alone (answering the question's
        kind, if given)], or []."""
        entries = self._defined_by.get(record)
        if entries is not None and answering is not None:
            entries = entries[answering[entries]]
        if entries is None or not len(entries) or not len(ranked):
            return []
        place = np.full(len(self.ids), len(ranked), dtype=np.int64)
        place[ranked] = np.arange(len(ranked))
        best = int(place[entries].min())
        return [int(ranked[best])] if best < len(ranked) else []

    def _mentioned(self, expansions) -> set[str]:
        """The records one of whose name's words is a query token's best term, where that word
        names at most one record ("Smith" in "which office does Jane Smith work for")."""
        found: set[str] = set()
        for expanded in expansions:
            if expanded:
                term = expanded[0][0]
                owners = [r for r, ws in self._name_words.items() if term in ws]
                if len(owners) == 1:
                    found.add(owners[0])
        return found

    def _named(self, expansions) -> set[str]:
        """The records (entities, places) whose words hold every query token's best term ("who
        is X?" names X): those whose names do, else those whose names or aliases do."""
        if not all(expansions):
            return set()
        best = [expanded[0][0] for expanded in expansions]
        # "X's title", "what is X's job": the post words ask what X is
        asked = [t for t in best if t not in self.rules["post_words"]] or best
        names = self.index.get("exact_names", {})
        for words in (best, asked):  # a full name, alias, label or title names its records alone
            exact = names.get(" ".join(sorted(set(words))))
            if exact:
                return set(exact)
        best = asked
        by_name = {e for e, ws in self._name_words.items() if all(t in ws for t in best)}
        return by_name or {e for e, ws in self._entity_words.items() if all(t in ws for t in best)}

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
        """What the views list: the answers scoring at least LIST_SHARE percent of the best
        (a long tail of passing matches says nothing), or when none answers, the closest
        questions."""
        if not self.answered:
            return self.suggestions
        if not len(self._scores):
            return []
        floor = int(self._scores.max()) * self._engine.rules["list_share"]
        keep = self._scores * 100 >= floor
        keep[0] = True  # the answer itself
        ids = self._engine.ids
        return [ids[i] for i in self._order[keep].tolist()]

    @property
    def suggestions(self) -> list[str]:
        """When nothing answers the query: the ids of the closest questions to offer instead."""
        if self.answered:
            return []
        ids = self._engine.ids
        return [ids[i] for i in self._order[: self._engine.rules["suggestions"]].tolist()]
