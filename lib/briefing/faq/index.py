"""The search index: every entry split into weighted terms, as plain JSON data that
`ranking.FaqSearch` and static/faq-rank.js read the same way."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from ..model import Briefing
from .cards import Card, record_cards
from .names import (
    defines_of,
    entity_words_of,
    exact_names,
    name_tokens,
    phrase_spans,
    question_length,
    spellings,
    subjects,
)
from .rules import (
    CARD_SHARE,
    COMBINING,
    COVERAGE,
    DESCRIBING_INTENTS,
    EVENT_VERBS,
    FACTORS,
    FAQ_FIRST,
    FIELD_BOOSTS,
    FOCUS,
    FUZZY2_MIN,
    FUZZY_MIN,
    HOW_CUES,
    HUB_SHARE,
    INDEX_VERSION,
    INITIALISM_PATTERN,
    INTENT_BONUS,
    INTENT_CUES,
    INTENT_PENALTY,
    INTENTS,
    K1,
    KNOWN_FACTORS,
    LIST_SHARE,
    MANY,
    MIN_TOKEN,
    NAMED_COVERAGE,
    NAMING_INTENTS,
    POST_WORDS,
    PREFIX_MIN,
    RARE,
    SEQUENCE_CUES,
    SEQUENCE_DEPTH,
    SPECIFIC_BONUS,
    SPECIFIC_SHARE,
    STOP_WORDS,
    STRONG_FIELDS,
    SUGGESTIONS,
    SYNONYMS,
    UNKNOWN_SHARE,
    WEAK_SHARE,
    WEIGHT_SCALE,
    WORD_PATTERN,
    B,
)
from .text import intent_of, stem, tokenize


def _related(groups: list[list[list[str]]], texts: list[list[str]]) -> list[str]:
    """Words of the related terms an entry does not use, for each group it uses a member of."""
    out: list[str] = []
    present = {w for t in texts for w in t}  # a member whose first word is absent is not used
    for group in groups:
        used = [
            member[0] in present and any(phrase_spans(t, member) for t in texts) for member in group
        ]
        if any(used):
            out += [w for member, u in zip(group, used, strict=True) if not u for w in member]
    return list(dict.fromkeys(out))


def faq_index(briefing: Briefing, cards: list[Card] | None = None) -> dict[str, Any]:
    """The search index as plain JSON data, for FaqSearch and for the page's faq.js: the FAQ
    entries, then the records' answer cards (`cards.record_cards`, unless given)."""
    cards = record_cards(briefing) if cards is None else cards
    entity_words, distinctive = entity_words_of(briefing)
    groups = [[tokenize(t) for t in g.terms] for g in briefing.search]
    groups = [[m for m in g if m] for g in groups]
    fields = []
    defines = []
    for entry in briefing.faq:
        subject_ids = subjects(briefing, entry)
        question = tokenize(entry.question)
        doc = _doc(briefing, entry, subject_ids, question, entity_words, distinctive, groups)
        doc["topic"] = tokenize(entry.topic)
        own_words = {i: entity_words[i] for i in subject_ids}
        doc["lengths"] = {"question": question_length(briefing, entry, question, own_words)}
        fields.append(doc)
        defines.append(defines_of(briefing, entry, subject_ids, doc["lengths"]["question"]))
    for card in cards:
        question = tokenize(card.question)
        doc = _doc(briefing, card, list(card.subjects), question, entity_words, distinctive, groups)
        doc["subjects"] = list(dict.fromkeys(doc["subjects"] + tokenize(card.terms)))
        named = set(doc["subjects"])
        doc["lengths"] = {
            "question": max(1, len(card.subjects) + sum(w not in named for w in question))
        }
        fields.append(doc)
        defines.append(card.defines)
    docs = [*briefing.faq, *cards]
    number = {d.id: i for i, d in enumerate(docs)}
    sequence = {
        "previous": [-1] * len(briefing.faq) + [number.get(c.before, -1) for c in cards],
        "next": [-1] * len(briefing.faq) + [number.get(c.after, -1) for c in cards],
        "hub": [-1] * len(briefing.faq) + [number.get(c.hub, -1) for c in cards],
        "group": [""] * len(briefing.faq) + [c.group for c in cards],
    }
    texts = [t for d in docs for t in (d.question, d.answer)]
    texts += [n for e in briefing.faq_subjects for n in (e.name, *e.aliases)]
    return build_index(
        [d.id for d in docs],
        [d.topic for d in docs],
        [list(d.entities) for d in docs],
        fields,
        [intent_of(e.question) for e in briefing.faq] + [c.intents for c in cards],
        defines,
        {
            **{e.id: sorted(entity_words[e.id]) for e in briefing.faq_subjects},
            **{
                f"place:{p.id}": sorted(set(tokenize(p.name)) | set(tokenize(p.label or "")))
                for p in briefing.places
            },
        },
        kinds=["faq"] * len(briefing.faq) + [c.kind for c in cards],
        shares=[100] * len(briefing.faq) + [CARD_SHARE[c.weight or c.kind] for c in cards],
        name_words={
            **{  # its name and one-word aliases (UN, Smith): what names it alone
                e.id: sorted({w for n in (e.name, *e.aliases) for w in name_tokens(n, e.name)})
                for e in briefing.faq_subjects
            },
            **{
                f"place:{p.id}": sorted(set(tokenize(p.name)) | set(tokenize(p.label or "")))
                for p in briefing.places
            },
        },
        sequence=sequence,
        spellings=spellings(texts),
        exact_names=exact_names(briefing),
    )


def _doc(briefing, entry, subject_ids, question, entity_words, distinctive, groups) -> dict:
    """An entry's or a card's words by field: its question, its subjects' words, its answer,
    its other entities' distinctive words, and related terms (search.yaml) it does not use."""
    subject_words = list(dict.fromkeys(w for i in subject_ids for w in entity_words[i]))
    mentions = [
        w
        for i in entry.entities
        if i not in subject_ids
        for w in distinctive[i]
        if w not in subject_words
    ]
    doc = {
        "question": question,
        "subjects": subject_words,
        "topic": [],
        "answer": tokenize(entry.answer),
        "mentions": list(dict.fromkeys(mentions)),
    }
    names = [
        tokenize(n)
        for i in entry.entities
        for n in (briefing.named(i).name, *briefing.named(i).aliases)
    ]
    own = {w for f in doc.values() for w in f}
    related = _related(groups, [doc["question"], tokenize(entry.topic), doc["answer"], *names])
    doc["related"] = [w for w in related if w not in own]
    return doc


def synonym_table() -> dict[str, list[str]]:
    """Each stemmed word of a synonym group (rules.json) -> the other words of its groups."""
    table: dict[str, list[str]] = {}
    for group in SYNONYMS:
        stems = list(dict.fromkeys(stem(w) for w in group))
        for s in stems:
            table.setdefault(s, [])
            table[s] += [o for o in stems if o != s and o not in table[s]]
    return dict(sorted(table.items()))


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
    kinds: list[str] | None = None,
    name_words: dict[str, list[str]] | None = None,
    shares: list[int] | None = None,
    sequence: dict[str, list[int]] | None = None,
    spellings: dict[str, str] | None = None,
    exact_names: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """The index from entries already split into tokens per field (also used by the benchmark).
    kinds: "faq" for a hand-written entry (the default), else the record kind of a card, whose
    weights are CARD_SHARE percent of an entry's (a FAQ entry that answers as well wins).
    sequence: "previous" and "next", per entry the entry number of the event card before and
    after its event, or -1; "hub" and "group", a tie's hub card (entry number) and its type
    and hub ("" for an entry). spellings: words as written -> their stems (`spellings`), for
    the typos of inflected words. exact_names: names as their tokens -> the records they name
    (`exact_names`)."""
    n = len(ids)
    intents = intents if intents is not None else [""] * n
    defines = defines if defines is not None else [""] * n
    kinds = kinds if kinds is not None else ["faq"] * n

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
    idf = {term: _idf(n, df[term]) for term in terms}
    for entry_no, tf in enumerate(pseudo_tf):  # entries in order: each posting list is sorted
        question = set(fields[entry_no].get("question", ())) | set(
            fields[entry_no].get("subjects", ())
        )
        focus = FOCUS / max(1, length(fields[entry_no], "question"))
        share = (shares[entry_no] if shares else 100) / 100
        for term, (strong, weak) in tf.items():
            weight = (
                share
                * idf[term]
                * (_saturate(strong) + WEAK_SHARE * _saturate(weak) + focus * (term in question))
            )
            # [entry, weight]; a negative weight: the term is only incidental there (not in
            # the question or a subject), which saves a third of the page's index
            value = max(1, round(WEIGHT_SCALE * weight))
            postings[position[term]] += [entry_no, value if strong > 0 else -value]
    return {
        "version": INDEX_VERSION,
        "ids": list(ids),
        "topics": list(topics),
        "entities": [list(e) for e in entities],
        "terms": terms,
        "postings": postings,
        "df": [df[t] for t in terms],
        "info": [round(WEIGHT_SCALE * idf[t]) for t in terms],
        "intents": list(intents),
        "defines": list(defines),
        "kinds": list(kinds),
        "previous": list((sequence or {}).get("previous", [-1] * n)),
        "next": list((sequence or {}).get("next", [-1] * n)),
        "hub": list((sequence or {}).get("hub", [-1] * n)),
        "group": list((sequence or {}).get("group", [""] * n)),
        "name_words": dict(sorted((name_words or {}).items())),
        "entity_words": dict(sorted((entity_words or {}).items())),
        "spellings": {w: t for w, t in sorted((spellings or {}).items()) if t in position},
        "exact_names": dict(sorted((exact_names or {}).items())),
        "rules": {
            "factors": dict(FACTORS),
            "min_token": MIN_TOKEN,
            "prefix_min": PREFIX_MIN,
            "fuzzy_min": FUZZY_MIN,
            "fuzzy2_min": FUZZY2_MIN,
            "stop_words": sorted(STOP_WORDS),
            "combining": COMBINING,
            "word_pattern": WORD_PATTERN,
            "initialism_pattern": INITIALISM_PATTERN,
            "question_words": dict(INTENTS),
            "intent_cues": dict(INTENT_CUES),
            "many": list(MANY),
            "how_cues": dict(HOW_CUES),
            "sequence_cues": dict(SEQUENCE_CUES),
            "sequence_depth": SEQUENCE_DEPTH,
            "hub_share": HUB_SHARE,
            "specific_share": SPECIFIC_SHARE,
            "specific_bonus": SPECIFIC_BONUS,
            "coverage": COVERAGE,
            "intent_bonus": INTENT_BONUS,
            "intent_penalty": INTENT_PENALTY,
            "describing_intents": list(DESCRIBING_INTENTS),
            "event_verbs": sorted({stem(v) for v in EVENT_VERBS}),
            "naming_intents": list(NAMING_INTENTS),
            "post_words": sorted({stem(w) for w in POST_WORDS}),
            "unknown_info": round(WEIGHT_SCALE * _idf(n, 1) * UNKNOWN_SHARE / 100),
            "suggestions": SUGGESTIONS,
            "faq_first": FAQ_FIRST,
            "named_coverage": NAMED_COVERAGE,
            "list_share": LIST_SHARE,
            "known_factors": list(KNOWN_FACTORS),
            "rare": RARE,
            "synonyms": synonym_table(),
        },
    }
