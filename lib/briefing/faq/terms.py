"""The terms a query word stands for: itself, a prefix of longer terms, a typo (of a term, or of
one of the book's words as written, which stands for its stem) and a word of the same sense,
each with its factor (rules.json "factors"). static/faq-terms.js does the same."""

from __future__ import annotations

from bisect import bisect_left
from functools import cached_property

from .rules import FACTORS, FUZZY2_MIN, FUZZY_MIN, PREFIX_MIN
from .text import deletions, osa_distance

_CACHE_LIMIT = 4096


class Terms:
    """An index's vocabulary (sorted terms), its synonym table and its words as written
    (`index.spellings`), with the expansions of the query words seen so far."""

    def __init__(self, terms: list[str], synonyms: dict[str, list[str]], spellings: dict[str, str]):
        self.terms = terms
        self.known = set(terms)
        self.synonyms = synonyms
        self.spellings = spellings
        self._expansions: dict[tuple[str, str], list[tuple[str, int]]] = {}

    @cached_property
    def _deletes(self) -> dict[str, list[str]]:
        return _deletion_table(self.terms)  # candidates for a typo of a term

    @cached_property
    def _spelling_deletes(self) -> dict[str, list[str]]:
        return _deletion_table(self.spellings)  # ... of a word as written ("spellings")

    def _typos(self, written: str, spelled: bool = False) -> dict[str, int]:
        """The terms a word not in the vocabulary may be a typo of (within 1 edit, 2 from
        FUZZY2_MIN letters, keeping the first letter), with their factors: of a term, or
        (spelled) of a word as written, which stands for its stem."""
        table = self._spelling_deletes if spelled else self._deletes
        found: dict[str, int] = {}
        if len(written) < FUZZY_MIN:
            return found
        limit = 2 if len(written) >= FUZZY2_MIN else 1
        candidates = {t for v in deletions(written, limit) for t in table.get(v, ())}
        for candidate in candidates:
            if candidate[0] != written[0]:  # a typo keeps the word's first letter
                continue
            distance = osa_distance(written, candidate, limit)
            if distance <= limit:
                term = self.spellings[candidate] if spelled else candidate
                factor = FACTORS["fuzzy1" if distance <= 1 else "fuzzy2"]
                found[term] = max(found.get(term, 0), factor)
        return found

    def expand(self, token: str, written: str = "") -> list[tuple[str, int]]:
        """The vocabulary terms a query token stands for, with their factors, best first;
        `written` is the query's word as written (a typo of an inflected word is matched on
        the index's words as written: "cooperaton" -> "cooperation" -> "cooper")."""
        key = (token, written if token not in self.known else "")
        cached = self._expansions.get(key)
        if cached is not None:
            return cached
        best: dict[str, int] = {}
        if token in self.known:
            best[token] = FACTORS["exact"]
        if len(token) >= PREFIX_MIN:
            prefix = FACTORS["prefix_of_word" if token in self.known else "prefix"]
            i = bisect_left(self.terms, token)
            while i < len(self.terms) and self.terms[i].startswith(token):
                best.setdefault(self.terms[i], prefix)
                i += 1
        for other in self.synonyms.get(token, ()):  # a word of the same sense
            if other in self.known:
                best[other] = max(best.get(other, 0), FACTORS["synonym"])
        if token not in self.known:
            typos = self._typos(token)
            if written:  # the word as written, against the terms and the words as written
                found = [self._typos(written, spelled=True)]
                if written != token:
                    found.append(self._typos(written))
                for term, factor in (pair for f in found for pair in f.items()):
                    typos[term] = max(typos.get(term, 0), factor)
            for term, factor in typos.items():
                best[term] = max(best.get(term, 0), factor)
        expansions = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        if len(self._expansions) >= _CACHE_LIMIT:
            self._expansions.clear()
        self._expansions[key] = expansions
        return expansions


def _deletion_table(words) -> dict[str, list[str]]:
    """Strings reachable by deleting up to two letters (one from a word of under FUZZY2_MIN - 2
    letters) -> the words they come from: a typo's candidates are found by its own deletions."""
    table: dict[str, list[str]] = {}
    for word in words:
        for variant in deletions(word, 2 if len(word) >= FUZZY2_MIN - 2 else 1):
            table.setdefault(variant, []).append(word)
    return table
