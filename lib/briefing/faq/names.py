"""What names a record, for the index: each record's words (its name, its aliases), the records
an entry's question names and is about, every full name as its tokens (`exact_names`), and the
book's words as written whose stems differ from them (`spellings`, for typos)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..model import Briefing
from .rules import FUZZY_MIN
from .text import kept_words, stem, tokenize


def phrase_spans(tokens: list[str], phrase: list[str]) -> list[tuple[int, int]]:
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


def entity_words_of(briefing: Briefing) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
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
    starting: dict[str, list[tuple[str, list[str]]]] = {}  # first word -> (entity, phrase)
    for entity_id, ps in names.items():
        for p in ps:
            starting.setdefault(p[0], []).append((entity_id, p))
    every, distinctive = {}, {}
    for entity_id, (name, *aliases) in phrases.items():
        found = list(name)
        for alias in aliases:
            others = [p for w in set(alias) for k, p in starting.get(w, ()) if k != entity_id]
            inside = {i for p in others for a, b in phrase_spans(alias, p) for i in range(a, b)}
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
        spans = [sp for n in (e.name, *e.aliases) for sp in phrase_spans(question, tokenize(n))]
        if spans:
            found[entity_id] = spans
    every = [sp for spans in found.values() for sp in spans]

    def inside(span: tuple[int, int]) -> bool:
        return any(o[0] <= span[0] and span[1] <= o[1] and o != span for o in every)

    named = [i for i, spans in found.items() if not all(inside(sp) for sp in spans)]
    return named or list(entry.entities[:1])


def defines_of(briefing: Briefing, entry: Any, subject_ids: list[str], length: int) -> str:
    """The entity an entry's question asks about and nothing else ("Who is X?", "What is X?",
    "Is X a minister?" when that is X's title), or ""."""
    if len(subject_ids) != 1 or length != 1:
        return ""
    e = briefing.named(subject_ids[0])
    question = tokenize(entry.question)
    named = any(phrase_spans(question, tokenize(n)) for n in (e.name, *e.aliases))
    return e.id if named else ""


def question_length(
    briefing: Briefing, entry: Any, question: list[str], subject_words: dict[str, list[str]]
) -> int:
    """A question's length with each listed entity it names counted as one word, however many
    words its name has ("Who is Jane Q. Public?" is as short as "Who is Public?"); a subject's
    own words (its titles) belong to it ("Is Public the mayor?" is about Public only)."""
    covered: set[int] = set()
    named = 0
    for entity_id in entry.entities:
        e = briefing.named(entity_id)
        spans = [sp for n in (e.name, *e.aliases) for sp in phrase_spans(question, tokenize(n))]
        fresh = {i for a, b in spans for i in range(a, b)}
        if fresh and entity_id in subject_words:
            fresh |= {i for i, w in enumerate(question) if w in subject_words[entity_id]}
        fresh -= covered
        if fresh:
            named += 1
            covered |= fresh
    return len(question) - len(covered) + named


def exact_names(briefing: Briefing) -> dict[str, list[str]]:
    """Each full name, alias, place label and event title as its tokens (sorted, unique,
    joined by spaces) -> the records it names ("foreign ministri" -> the ministry, not
    the two places whose labels also hold those words). Keys as in name_words: an entity's
    id, "place:<id>", "event:<id>"."""
    named: dict[str, set[str]] = {}
    records = [(e.id, (e.name, *e.aliases)) for e in briefing.faq_subjects]
    records += [(f"place:{p.id}", (p.name, p.label or "", *p.aliases)) for p in briefing.places]
    records += [(f"event:{e.id}", (e.title,)) for e in briefing.events]
    for record, names in records:
        for name in names:
            key = " ".join(sorted(set(tokenize(name))))
            if key:
                named.setdefault(key, set()).add(record)
    return {key: sorted(found) for key, found in named.items()}  # keys sorted by build_index


def spellings(texts: list[str]) -> dict[str, str]:
    """The words of the texts as written whose stems differ from them, long enough for a typo
    to be matched (rules.json fuzzy_min), each with its stem: a misspelt word is matched on the
    word as written, and stands for the stem ("internatonal" -> "international" ->
    "intern")."""
    found: dict[str, str] = {}
    for text in texts:
        for word in kept_words(text):  # tokenize's words, cached: the texts were tokenized
            if len(word) >= FUZZY_MIN and word.isascii() and word.isalpha():
                token = stem(word)
                if token != word:
                    found[word] = token
    return found  # sorted by build_index


def name_tokens(text: str, name: str) -> list[str]:
    """A name's tokens, or a one-word alias's token ("UN"); nothing of a longer alias."""
    found = tokenize(text)
    return found if text == name or len(found) == 1 else []
