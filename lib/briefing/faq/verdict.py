"""The verdict: whether the first hit answers the query (static/faq-rank.js `answers` and
`namesHeld` do the same). `engine` is a `FaqSearch`; `expansions` and `best_terms` are a
search's, token by token."""

from __future__ import annotations

import numpy as np

from .rules import FACTORS


def _within(found, entries: np.ndarray) -> np.ndarray:
    """The entries in both (a posting's entries are sorted and unique); found None: all."""
    return entries if found is None else np.intersect1d(found, entries, assume_unique=True)


def names_held(engine, entry_no: int, tokens, expansions, best_terms) -> bool:
    """Whether the query names records or dates (a word of a record's name, a number), the
    entry holds every one of them, and the book knows every word of the query (not only as a
    typo): "where could X and Y meet next month?" is answered by X and Y's meeting, "the
    weather in X" is not."""
    known = {FACTORS[k] for k in engine.rules["known_factors"]}
    names = 0
    for token, expanded, part_term in zip(tokens, expansions, best_terms, strict=True):
        if not expanded or expanded[0][1] not in known:
            return False
        if token.isdigit() or expanded[0][0] in engine._record_words:
            if part_term[entry_no] < 0:
                return False
            names += 1
    return names > 0


def rare_held(engine, entry_no: int, expansions, best_terms, specific) -> bool:
    """Whether at least half of the query's words are words few entries use (`specific`: the
    (token number, term number) pairs of FaqSearch._specific), the entry holds every one of
    them, and the book knows every word of the query (not only as a typo): "Saint Vincent and
    the Grenadines Amazon summit" is answered by the one entry naming Saint Vincent."""
    known = {FACTORS[k] for k in engine.rules["known_factors"]}
    if not all(expanded and expanded[0][1] in known for expanded in expansions):
        return False
    held = all(best_terms[i][entry_no] >= 0 for i, _ in specific)
    return held and len(specific) > 0 and 2 * len(specific) >= len(expansions)


def covers(engine, entry_no: int, expansions, best_terms, coverage: int = 0) -> bool:
    """Whether the first hit matches enough of the query (a word found only in its answer
    or passing mentions counts half), and not only words most entries use."""
    unknown = engine.rules["unknown_info"] * FACTORS["exact"]
    wanted = got = 0  # in halves
    together = strongly = None  # the entries holding every term this one matched (strongly)
    all_strong = True
    for expanded, part_term in zip(expansions, best_terms, strict=True):
        factors = dict(expanded)
        best = max((engine._info[engine._term_no[t]] * f for t, f in expanded), default=unknown)
        wanted += 2 * best
        term_no = int(part_term[entry_no])
        if term_no >= 0:
            term = engine.terms[term_no]
            entries, _, strong = engine._postings[term]
            is_strong = int(strong[np.searchsorted(entries, entry_no)])
            got += engine._info[term_no] * factors[term] * (1 + is_strong)
            all_strong = all_strong and bool(is_strong)
            held = entries[strong > 0]
            together = _within(together, entries)
            strongly = _within(strongly, held)
    # not only words most entries use: few entries hold all the words it matched, or it
    # holds them in its question or subjects and few entries do (a city a few entries name)
    share = engine.rules["rare"] * len(engine.ids)
    rare = together is not None and len(together) * 100 <= share
    rare = rare or (strongly is not None and all_strong and len(strongly) * 100 <= share)
    return rare and 100 * got >= (coverage or engine.rules["coverage"]) * wanted
