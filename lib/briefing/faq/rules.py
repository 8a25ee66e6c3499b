"""The search's rules, from rules.json: the one file both lives read (Python here; the page's
static/faq-rank.js through the index's "rules", which `index.build_index` copies from RULES).

Each rule is named here as a constant for the Python side; change a rule in rules.json only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RULES: dict[str, Any] = json.loads((Path(__file__).parent / "rules.json").read_text("utf-8"))

INDEX_VERSION: int = RULES["index_version"]
# field: boost (question > subject entities > topic = answer = related words > passing mentions)
FIELD_BOOSTS: dict[str, float] = RULES["field_boosts"]
STRONG_FIELDS: tuple[str, ...] = tuple(RULES["strong_fields"])  # a match elsewhere is incidental
# A term's weight: idf * (saturated tf in the strong fields + WEAK_SHARE * saturated tf in the
# others) + FOCUS / (the question's length) for a word of the question or subject.
WEAK_SHARE: float = RULES["weak_share"]
FOCUS: float = RULES["focus"]
K1: float = RULES["k1"]
B: float = RULES["b"]
WEIGHT_SCALE: int = RULES["weight_scale"]
# percent of an entry's weights a record's card gets, by kind (a FAQ entry: 100)
CARD_SHARE: dict[str, int] = RULES["card_share"]
# a FAQ entry that answers goes before a card that scores higher, down to this percent of it
FAQ_FIRST: int = RULES["faq_first"]
# the share of the query (percent) an entry or card about a record the query names must match
NAMED_COVERAGE: int = RULES["named_coverage"]
# an answered search lists the hits scoring at least this percent of the best
LIST_SHARE: int = RULES["list_share"]
# a query naming records is answered by an entry holding every name if the book knows all its words
KNOWN_FACTORS: tuple[str, ...] = tuple(RULES["known_factors"])  # ...not only as a typo
# the first hit must match a term at most this percent of the entries use
RARE: int = RULES["rare"]
# groups of words of the same sense in the questions readers ask (not story words)
SYNONYMS: list[list[str]] = RULES["synonyms"]
INTENT_BONUS: int = RULES["intent_bonus"]  # percent added for the query's kind of question
INTENT_PENALTY: int = RULES["intent_penalty"]  # percent taken from a description for when/where/..
DESCRIBING_INTENTS: tuple[str, ...] = tuple(RULES["describing_intents"])
# a query of these kinds that only names a record is answered by the entry or card about it
NAMING_INTENTS: tuple[str, ...] = tuple(RULES["naming_intents"])
# words asking for a record's post: "X's title", "what is X's job" name X as "who is X?" does
POST_WORDS: tuple[str, ...] = tuple(RULES["post_words"])
EVENT_VERBS: tuple[str, ...] = tuple(RULES["event_verbs"])  # only frame a when/where question
# exact > prefix > fuzzy; a token the vocabulary has as a word extends to longer words only weakly
FACTORS: dict[str, int] = RULES["factors"]
MIN_TOKEN: int = RULES["min_token"]
PREFIX_MIN: int = RULES["prefix_min"]
FUZZY_MIN: int = RULES["fuzzy_min"]  # tokens of 4-7 chars allow distance 1
FUZZY2_MIN: int = RULES["fuzzy2_min"]  # from 8 chars, distance 2
COVERAGE: int = RULES["coverage"]  # percent of the query's information the first hit must match
UNKNOWN_SHARE: int = RULES["unknown_share"]  # an unknown word: this percent of the rarest's info
SUGGESTIONS: int = RULES["suggestions"]
COMBINING: str = RULES["combining"]
WORD_PATTERN: str = RULES["word_pattern"]  # ASCII words, and CJK ideographs one by one
INITIALISM_PATTERN: str = RULES["initialism_pattern"]  # "U.S.", "U.N.": one word ("US")
INTENTS: dict[str, str] = RULES["question_words"]  # question word -> the intent it asks
MANY: tuple[str, ...] = tuple(RULES["many"])  # "how many", "how much"
HOW_CUES: dict[str, str] = RULES["how_cues"]  # "how long" asks when
# "after X": the event after X's ("next"); "before X": the one before ("previous")
SEQUENCE_CUES: dict[str, str] = RULES["sequence_cues"]
# a tie first with another alike scoring this percent of it: the card they gather answers
HUB_SHARE: int = RULES["hub_share"]
# a query word the book uses in at most this percent of its entries, matched as it is...
SPECIFIC_SHARE: int = RULES["specific_share"]
SPECIFIC_BONUS: int = RULES["specific_bonus"]  # ...adds this percent to the entries holding it
SEQUENCE_DEPTH: int = RULES["sequence_depth"]  # X's event card among the first this many hits
INTENT_CUES: dict[str, str] = RULES["intent_cues"]  # "reason" asks why, "venue" where...
# "us" is deliberately absent: a reader's "us" is usually "US", a country. Question words are
# stop words as tokens (they are the intent instead); so are words that only frame a request.
STOP_WORDS: frozenset[str] = frozenset(RULES["stop_words"])
