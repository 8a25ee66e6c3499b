"""Text to tokens, the same way in Python and in static/faq-text.js: fold, words, stems, intent,
and the edit distance of the fuzzy match."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer  # PyStemmer: Snowball's C stemmers

from .rules import (
    COMBINING,
    HOW_CUES,
    INITIALISM_PATTERN,
    INTENT_CUES,
    INTENTS,
    MANY,
    MIN_TOKEN,
    SEQUENCE_CUES,
    STOP_WORDS,
    WORD_PATTERN,
)

_MARKS = re.compile(f"[{COMBINING}]")
_WORD = re.compile(WORD_PATTERN)
_INITIALISM = re.compile(INITIALISM_PATTERN, re.ASCII)  # \b as the page's RegExp reads it


def fold(text: str) -> str:
    """Text with compatibility forms decomposed and diacritics removed ("Zürich" -> "Zurich")."""
    return _MARKS.sub("", unicodedata.normalize("NFKD", text))


def words(text: str) -> list[str]:
    """Every folded word of a text, lower case (stop words and short words included)."""
    text = fold(text)
    if "." in text:  # U.S. -> US
        text = _INITIALISM.sub(lambda m: m.group().replace(".", ""), text)
    return [w.lower() for w in _WORD.findall(text)]


# rules.json "stemmer": Snowball English (Porter2). PyStemmer 2.2.0.3 is Snowball 2.2.0 compiled,
# the same algorithm as snowballstemmer 2.2.0's Python (which uses it when it is installed) and
# the page's wink-porter2-stemmer; about 15 times faster than the Python on the book's words.
_ENGLISH = Stemmer.Stemmer("english")


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A word's Porter2 stem (Snowball English; the page runs the same algorithm from the npm
    package wink-porter2-stemmer): deported, deportation -> deport; talks -> talk; us -> us.
    Only words of ASCII letters are stemmed (not 2023, g20 or 王毅)."""
    if len(word) < 3 or not (word.isascii() and word.isalpha()):
        return word
    return _ENGLISH.stemWord(word)


def tokenize(text: str) -> list[str]:
    """The index's tokens of a text: folded words, lower case, no stop words, stemmed; a
    word of one letter only as a number (the 7 of "7 August")."""
    return list(_tokens(text))


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    """tokenize's work, once per text: building the index tokenizes each subject's names once
    per entry (4,140 calls for 577 texts in the book)."""
    return tuple(stem(w) for w in kept_words(text))


def token_words(text: str) -> list[tuple[str, str]]:
    """(token, the word as written) for each of tokenize's tokens: a typo is matched on the
    word as written ("cooperaton" is one letter from "cooperation", not from "cooper")."""
    return [(stem(w), w) for w in kept_words(text)]


@lru_cache(maxsize=8192)
def kept_words(text: str) -> tuple[str, ...]:
    """The words of a text that become tokens, as written (lower case, folded)."""
    return tuple(
        w
        for w in words(text)
        if (len(w) >= MIN_TOKEN or not w.isascii() or w.isdigit()) and w not in STOP_WORDS
    )


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
            after = found[i + 1] if intent == "how" and i + 1 < len(found) else ""
            if after in MANY:
                return "how many"
            if after in HOW_CUES:  # "how long": when
                return HOW_CUES[after]
            return intent
    return ""


def sequence_of(text: str) -> tuple[str, str]:
    """("next", "X") for "what came after X", ("previous", "X") for "before X", else ("", ""):
    the first cue word followed by words with a token, the first of them not a number
    ("before 2023" is a date, not an event)."""
    found = words(text)
    for i, w in enumerate(found):
        rest = found[i + 1 :]
        if w in SEQUENCE_CUES and rest and not rest[0].isdigit() and tokenize(" ".join(rest)):
            return SEQUENCE_CUES[w], " ".join(rest)
    return "", ""


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


def deletions(word: str, limit: int) -> set[str]:
    """The word and every string made from it by deleting up to `limit` characters."""
    found = {word}
    frontier = {word}
    for _ in range(limit):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found
