"""The book's search: the FAQ's entries and an answer card for every record (cards.py), in a
small ranked index that Python and the page's JavaScript read the same way.

`faq_index(briefing)` builds a plain JSON-serialisable index once, in Python: the vocabulary,
integer term weights per entry (BM25F-like: field boosts, length normalisation, saturation and
idf, scaled and rounded here so no floating point is left to the search), each term's
information (idf) and the rules. `FaqSearch` ranks queries over it; `static/faq-rank.js` (its
text steps in `static/faq-text.js`, a word's terms in `static/faq-terms.js`) runs the same
algorithm on the same JSON, with integer
arithmetic only, so the same query gives the same answers in the same order, and the same
verdict (answered or not), in both lives. Python scores with numpy; the hits of a search are
made as they are read.

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
- an event card's previous and next (the event card just before and just after its event: in
  its thread, else in the book); a tie card's hub (its event's card, else its object's) and
  group (its type and hub).
- the book's (names.py): every record's full name, alias, place label and event title as its
  tokens -> the records it names (exact_names), and its words as written whose stems differ
  from them -> their stems (spellings).

The algorithm, step by step (static/faq-rank.js follows it line for line):

1. Words: NFKD, drop combining marks (the ranges in COMBINING), join initialisms ("U.S." is
   "US": INITIALISM_PATTERN), take runs of ASCII letters and
   digits (and single CJK ideographs), lower-case them. Intent: a cue word's (INTENT_CUES),
   else the first question word's (INTENTS; "how many"/"how much" is one, "how long" asks when:
   HOW_CUES). Tokens: words of at
   least MIN_TOKEN characters (any CJK ideograph, any number) that are not stop words
   (question words and cues included), Porter2-stemmed when made of ASCII letters (text.stem);
   a query keeps the first of repeated tokens,
   and a when/where/why/how (many) query drops EVENT_VERBS ("happen", "take place", "held",
   "long", "arrive", "start", "end") unless nothing else is left.
2. Each query token q expands to vocabulary terms, each with the best factor that applies:
   exact (q itself), prefix (len(q) >= PREFIX_MIN and the term starts with q; prefix_of_word
   when q is itself a term), fuzzy (q not in the vocabulary, len(q) >= 4, optimal-string-
   alignment distance <= 1, or <= 2 from 8 chars, and the same first letter; q, and the word
   as the query wrote it, against the terms and against the spellings, a spelling standing
   for its stem), synonym (a word of one of its synonym groups, rules.json). Ordered by factor
   (high first), then term (terms.py).
3. For each entry: part(q) = max over expansions of weight(term, entry) * factor (the first
   expansion wins ties); matched += 2 when that term is strong in the entry, 1 when not.
   score = sum of parts * matched * (100 + INTENT_BONUS if the entry answers the query's intent;
   100 - INTENT_PENALTY if the query asks when/where/why/how (many) and the entry answers
   who/what, DESCRIBING_INTENTS: a description does not say when, where, why or how many;
   + SPECIFIC_BONUS for each query word the book holds as it is in at most SPECIFIC_SHARE
   percent of the entries, where the entry matched it).
4. Keep entries with score > 0 that pass the topic and entity filters; order by score (high
   first), then index order (the FAQ, then the cards). No content token at all: every FAQ
   entry that passes the filters (no card), in FAQ order, score 0 (answered).
5. Sequence: "after X" / "before X" (SEQUENCE_CUES, the next word not a number) ranks X alone;
   the first of its first SEQUENCE_DEPTH hits with a next (previous) event card gives that card,
   which goes first and answers. Named: the records a full name, alias, label or title names
   when the tokens' best terms are exactly its tokens (exact_names; else without POST_WORDS:
   "X's title" asks who X is), else the records whose name words (else name and alias words)
   hold every token's best term. When exactly one record is named and the query is a
   keyword or a who/what/where question (NAMING_INTENTS), the first hit about that record alone
   (for where: one answering where) goes first and answers. Else, when a card is first, the
   best FAQ entry goes first if it answers, scores at least FAQ_FIRST percent of the card,
   matches as many query tokens, and (when/where/why/how) does not answer another kind of
   question where the card answers this one. Then, when the first hit is a tie and another tie
   of its group scores at least HUB_SHARE percent of it, its hub goes first (the verdict stays
   the tie's).
6. Answered or not, judged on the first hit: best(q) = max over q's expansions of
   info(term) * factor, or unknown_info * exact factor when q expands to nothing (a word the
   FAQ never uses); got(q) = info * factor * (2 if strong else 1) of the term q matched in the
   first hit. Answered when 100 * sum(got) >= COVERAGE * 2 * sum(best) (NAMED_COVERAGE when
   the hit is about a record a word of the query names alone and every query word expands),
   at most RARE percent of the entries hold every term it matched (or, when it holds them all
   in its question or subjects, hold them all there), and, for a who/what question naming
   records, the first hit is about one of them. Not answered so, a query that does not only
   name one record nor ask who/what a named record is is still answered when it names records
   or dates (a token whose best term is a word of a record's name or alias, or a number), the
   first hit matches every such token, and every token's best expansion is one of
   KNOWN_FACTORS (the book knows the word as it is or as a prefix, not only as a typo or a
   synonym): "where could X and Y meet next month?"; or, every word so known, at least half of
   the query's tokens are specific (step 3's few-entries words) and the first hit matches every
   one of those ("Saint Vincent and the Grenadines Amazon summit"). Otherwise the hits are
   only suggestions: the view says "No answer matches" and offers the first SUGGESTIONS
   questions. Answered, the views list the hits scoring at least LIST_SHARE percent of the
   best.
"""

from __future__ import annotations

from .index import build_index, faq_index
from .names import subjects
from .ranking import FaqHit, FaqResults, FaqSearch
from .rules import (
    DESCRIBING_INTENTS,
    FACTORS,
    INTENT_BONUS,
    INTENT_PENALTY,
    RULES,
    STOP_WORDS,
)
from .text import fold, intent_of, osa_distance, stem, tokenize, words

__all__ = [
    "DESCRIBING_INTENTS",
    "FACTORS",
    "INTENT_BONUS",
    "INTENT_PENALTY",
    "RULES",
    "STOP_WORDS",
    "FaqHit",
    "FaqResults",
    "FaqSearch",
    "build_index",
    "faq_index",
    "fold",
    "intent_of",
    "osa_distance",
    "stem",
    "subjects",
    "tokenize",
    "words",
]
