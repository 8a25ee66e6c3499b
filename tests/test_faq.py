"""FAQ search (briefing.faq): tokens, fuzzy matching, ranking, filters and the JSON index."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import pytest
from sample_book import make_record

from briefing.faq import FaqHit, FaqSearch, faq_index, fold, osa_distance, tokenize
from briefing.model import (
    Article,
    Briefing,
    Country,
    FaqEntry,
    Organisation,
    Person,
    Source,
)

HOSTILE = "<img src=x onerror=alert(1)></script>\u2028\"'"
URL = "https://example.org/a"
SRC = {"sources": ["src"], "confidence": "high"}


def small_briefing(payload: str = "") -> Briefing:
    """Five FAQ entries over a handful of entities; `payload` is added to every text field."""
    t = (lambda text: text + payload) if payload else (lambda text: text)
    people = (
        make_record(
            Person,
            id="wang-yi",
            name="Wang Yi",
            aliases=["Wang", "王毅"],
            role=t("Diplomat"),
            country="china",
            summary=t("China's top diplomat."),
            **SRC,
        ),
        make_record(
            Person,
            id="sergei-lavrov",
            name=t("Sergei Lavrov"),
            aliases=["Lavrov", "Sergey Lavrov"],
            role=t("Minister"),
            country="russia",
            summary=t("Minister."),
            **SRC,
        ),
        make_record(
            Person,
            id="nikolai-patrushev",
            name="Nikolai Patrushev",
            aliases=["Patrushev"],
            role=t("Secretary"),
            country="russia",
            summary=t("Secretary."),
            **SRC,
        ),
    )
    organisations = (
        make_record(
            Organisation,
            id="icc",
            name="International Criminal Court",
            aliases=["ICC"],
            kind=t("Court"),
            summary=t("A court."),
            **SRC,
        ),
        make_record(
            Organisation,
            id="brf",
            name="Belt and Road Forum",
            aliases=["BRF"],
            kind=t("Summit"),
            summary=t("A summit."),
            **SRC,
        ),
    )
    countries = (
        make_record(Country, id="china", name="China", summary=t("A country."), **SRC),
        make_record(Country, id="russia", name="Russia", summary=t("A country."), **SRC),
    )
    faq = (
        make_record(
            FaqEntry,
            id="what-is-brf",
            question=t("What is the Belt and Road Forum?"),
            answer=t("A summit China hosts in Beijing."),
            topic="Belt and Road",
            entities=["brf", "china"],
            **SRC,
        ),
        make_record(
            FaqEntry,
            id="what-is-icc",
            question=t("What is the International Criminal Court?"),
            answer=t("A court in The Hague that tries individuals."),
            topic="ICC",
            entities=["icc"],
            **SRC,
        ),
        make_record(
            FaqEntry,
            id="who-is-lavrov",
            question=t("Who is Sergei Lavrov?"),
            answer=t("Russia's foreign minister since 2004."),
            topic="People",
            entities=["sergei-lavrov", "russia"],
            **SRC,
        ),
        make_record(
            FaqEntry,
            id="who-is-patrushev",
            question=t("Who is Nikolai Patrushev?"),
            answer=t("Secretary of the Security Council; he invited Wang Yi."),
            topic="People",
            entities=["nikolai-patrushev", "wang-yi"],
            **SRC,
        ),
        make_record(
            FaqEntry,
            id="why-moscow",
            question=t("Why did Wang Yi go to Moscow?"),
            answer=t("To hold security consultations with Patrushev and to see Lavrov."),
            topic="The visit",
            entities=["wang-yi", "nikolai-patrushev", "sergei-lavrov"],
            **SRC,
        ),
    )
    article = Article(
        headline=t("Wang Yi visits Russia"),
        summary=t("A visit."),
        dateline=t("Moscow"),
        date=dt.date(2023, 9, 18),
        subject_event="visit",
        origin=t("Seed"),
        key_points=[t("A point.")],
        body=t("Body."),
    )
    source = make_record(
        Source,
        id="src",
        title=t("A source"),
        kind="news",
        publisher=t("Publisher"),
        url=URL,
        accessed=dt.date(2026, 11, 30),
    )
    return Briefing(
        article=article,
        sources=(source,),
        countries=countries,
        people=people,
        organisations=organisations,
        places=(),
        events=(),
        relations=(),
        faq=faq,
    )


@pytest.fixture(scope="module")
def engine() -> FaqSearch:
    return FaqSearch.from_briefing(small_briefing())


def ids(engine: FaqSearch, query: str = "", topic: str = "", entity: str = "") -> list[str]:
    return engine.ids_for(query, topic, entity)


ALL = ["what-is-brf", "what-is-icc", "who-is-lavrov", "who-is-patrushev", "why-moscow"]


def test_tokens_fold_case_diacritics_and_drop_stop_words():
    assert fold("Lavróv Ñ") == "Lavrov N"
    assert tokenize("Who is LAVRÓV, the Minister?") == ["lavrov", "minister"]
    assert tokenize("Lvova-Belova's U.S. ties") == ["lvova", "belova", "ties"]
    assert tokenize("王毅 met Wang") == ["王", "毅", "met", "wang"]
    assert tokenize("the of a") == []


@pytest.mark.parametrize(
    ("a", "b", "limit", "expected"),
    [
        ("lavorv", "lavrov", 1, 1),  # one transposition
        ("patrushef", "patrushev", 2, 1),
        ("patrshef", "patrushev", 2, 2),
        ("lavrov", "lavrov", 1, 0),
        ("moscow", "russia", 1, 2),  # over the limit: limit + 1
        ("ab", "abcdef", 2, 3),
    ],
)
def test_osa_distance(a, b, limit, expected):
    assert osa_distance(a, b, limit) == expected


def test_empty_query_lists_everything_in_faq_order(engine):
    hits = engine.search("")
    assert [h.id for h in hits] == ALL
    assert all(h.score == 0 and h.matched == () for h in hits)
    assert ids(engine, "  the  ") == ALL  # only stop words: nothing to rank by


def test_filters_without_query_keep_faq_order(engine):
    assert ids(engine, topic="People") == ["who-is-lavrov", "who-is-patrushev"]
    assert ids(engine, entity="wang-yi") == ["who-is-patrushev", "why-moscow"]
    assert ids(engine, topic="People", entity="wang-yi") == ["who-is-patrushev"]
    assert ids(engine, topic="ICC", entity="wang-yi") == []


def test_question_outranks_answer(engine):
    assert ids(engine, "Lavrov") == ["who-is-lavrov", "why-moscow"]
    assert ids(engine, "Patrushev")[0] == "who-is-patrushev"


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Patrushef", "who-is-patrushev"),
        ("Lavorv", "who-is-lavrov"),
        ("lavróv", "who-is-lavrov"),
        ("LAVROV", "who-is-lavrov"),
        ("Belt Road", "what-is-brf"),
        ("BRF", "what-is-brf"),
        ("ICC", "what-is-icc"),
        ("criminal court", "what-is-icc"),
        ("Sergey", "who-is-lavrov"),
        ("王毅", "who-is-patrushev"),
        ("Patr", "who-is-patrushev"),  # prefix while typing
    ],
)
def test_typos_aliases_and_prefixes_find_the_right_entry(engine, query, first):
    assert ids(engine, query)[0] == first


def test_exact_beats_fuzzy_and_matched_terms_are_reported(engine):
    exact = engine.search("Lavrov")[0]
    typo = engine.search("Lavorv")[0]
    assert exact.id == typo.id == "who-is-lavrov"
    assert exact.score > typo.score > 0
    assert typo.matched == ("lavrov",)
    assert isinstance(exact, FaqHit)


def test_no_match(engine):
    assert engine.search("xyzzy quux") == []
    assert engine.search("Lavrov", topic="ICC") == []


def test_more_query_words_matched_rank_higher(engine):
    assert ids(engine, "Wang Patrushev consultations")[0] == "why-moscow"


def test_ties_break_by_faq_order():
    engine = FaqSearch.from_briefing(small_briefing())
    hits = engine.search("china")
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    for a, b in itertools.pairwise(hits):
        if a.score == b.score:
            assert ALL.index(a.id) < ALL.index(b.id)


def test_index_is_plain_json_with_integer_weights():
    index = faq_index(small_briefing())
    assert json.loads(json.dumps(index)) == index
    assert index["ids"] == ALL
    assert index["terms"] == sorted(index["terms"])
    assert all(isinstance(v, int) for flat in index["postings"] for v in flat)
    assert "lavrov" in index["terms"] and "the" not in index["terms"]
    assert index == faq_index(small_briefing())  # deterministic


def test_search_is_deterministic_and_cached_expansions_agree(engine):
    first = engine.search("Patrushef Lavorv")
    assert engine.search("Patrushef Lavorv") == first
    fresh = FaqSearch.from_briefing(small_briefing())
    assert fresh.search("Patrushef Lavorv") == first


def test_hostile_text_is_just_text_in_the_index():
    index = faq_index(small_briefing(HOSTILE))
    assert "img" in index["terms"] and "onerror" in index["terms"]
    assert all(term.isalnum() for term in index["terms"])


def test_real_faq(briefing):
    engine = FaqSearch.from_briefing(briefing)
    assert ids(engine) == [entry.id for entry in briefing.faq]
    lavrov = engine.search("Lavorv")
    assert lavrov and all("lavrov" in h.matched for h in lavrov)
    assert "sergei-lavrov" in briefing.faq[_position(briefing, lavrov[0].id)].entities
    icc = ids(engine, "ICC")
    assert all(
        "international-criminal-court" in briefing.faq[_position(briefing, i)].entities
        or "ICC" in briefing.faq[_position(briefing, i)].question
        for i in icc[:3]
    )
    assert ids(engine, "Belt Road")[0] in {e.id for e in briefing.faq if e.topic == "Belt and Road"}


def _position(briefing, entry_id):
    return [e.id for e in briefing.faq].index(entry_id)
