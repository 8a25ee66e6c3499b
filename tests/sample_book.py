"""A small Briefing built from the model classes, for tests that must not wait for data/.

`sample_briefing(payload)` appends `payload` to every free-text field, so one call gives a
book whose every name, title and note carries a hostile string. `write_data_folder` writes a
Briefing out as a data folder, for tests that run `briefing check` or `export` on it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum
from pathlib import Path

import yaml

from briefing.book import with_settings
from briefing.files import ARTICLE_BODY, ARTICLE_FILE, CORRECTIONS_FILE, RECORD_FILES
from briefing.model import (
    Article,
    Briefing,
    Correction,
    Country,
    Event,
    FaqEntry,
    Organisation,
    Person,
    Place,
    Relation,
    Source,
)
from briefing.schema import build


def make_record(record_type, /, **fields):
    """A record checked and converted as records read from data/ are (enums from strings)."""
    return build(record_type, fields)


HOSTILE = "<img src=x onerror=alert(1)></script>\u2028\"'"

BODY = """\
China's Foreign Minister, Wang Yi, visited Russia this week. Wang met Sergei Lavrov in Moscow;
Wang Yi also saw Vladimir Putin.

Putin has not travelled since the International Criminal Court (ICC) issued a warrant.
The ICC sits in The Hague. Wangaratta and Moscowitz are not mentions.

Wang spoke to Jake Sullivan in Malta before the visit.

FAQ

What is the International Criminal Court (ICC)?

A court in The Hague that tries individuals.

What is the Belt and Road Forum?

A summit in Beijing.
"""


ACCESSED = dt.date(2026, 11, 30)


def sample_briefing(payload: str = "", with_corrections: bool = True) -> Briefing:
    """A tiny but complete briefing; `payload` is appended to every free-text field."""

    def t(text: str) -> str:
        return text + payload

    sources = (
        make_record(
            Source,
            id="tass",
            title=t("Wang Yi to visit Russia"),
            kind="wire",
            publisher=t("TASS"),
            published=dt.date(2023, 9, 18),
            url="https://tass.com/world/1676173",
            accessed=ACCESSED,
        ),
        make_record(
            Source,
            id="kremlin",
            title=t("Meeting with Wang Yi"),
            kind="official",
            publisher=t("Kremlin"),
            published=dt.date(2023, 9, 20),
            url="http://kremlin.ru/events/president/news/72306",
            accessed=ACCESSED,
            note=t("Russian and English versions"),
        ),
        make_record(
            Source,
            id="icc",
            title=t("ICC press release"),
            kind="official",
            publisher=t("ICC"),
            url="https://www.icc-cpi.int/news/situation-ukraine-icc-judges-issue-arrest-warrants",
            accessed=ACCESSED,
        ),
    )
    countries = (
        make_record(Country, id="china", name=t("China"), summary=t("A country."), **_src("tass")),
        make_record(
            Country, id="russia", name=t("Russia"), summary=t("A country."), **_src("tass")
        ),
        make_record(
            Country, id="malta", name=t("Malta"), summary=t("An island state."), **_src("tass")
        ),
        make_record(
            Country, id="netherlands", name="Netherlands", summary=t("A country."), **_src("icc")
        ),
    )
    people = (
        make_record(
            Person,
            id="wang-yi",
            name="Wang Yi",
            aliases=["Wang"],
            role=t("Foreign Minister of China"),
            country="china",
            summary=t("China's top diplomat."),
            **_src("tass", "kremlin"),
        ),
        make_record(
            Person,
            id="lavrov",
            name="Sergei Lavrov",
            aliases=["Lavrov"],
            role=t("Foreign Minister of Russia"),
            country="russia",
            summary=t("Russia's foreign minister since 2004."),
            **_src("tass"),
        ),
        make_record(
            Person,
            id="putin",
            name="Vladimir Putin",
            aliases=["Putin", "Russian President"],
            role=t("President of Russia"),
            country="russia",
            summary=t("Subject of an ICC warrant."),
            **_src("kremlin", "icc"),
        ),
        make_record(
            Person,
            id="sullivan",
            name="Jake Sullivan",
            aliases=["Sullivan"],
            role=t("US National Security Advisor"),
            country="china",
            summary=t("Met Wang in Malta."),
            sources=["tass"],
            confidence="medium",
        ),
    )
    organisations = (
        make_record(
            Organisation,
            id="icc",
            name="International Criminal Court",
            aliases=["ICC"],
            kind=t("International court"),
            country="netherlands",
            summary=t("Tries individuals for the gravest crimes."),
            **_src("icc"),
        ),
        make_record(
            Organisation,
            id="brf",
            name="Belt and Road Forum",
            kind=t("Summit"),
            summary=t("China's Belt and Road summit."),
            **_src("tass"),
        ),
    )
    places = (
        make_record(
            Place,
            id="reception-house",
            name=t("MFA Reception House"),
            city="Moscow",
            country="russia",
            lat=55.757,
            lon=37.594,
            precision="exact",
            **_src("tass"),
        ),
        make_record(
            Place,
            id="valletta",
            name=t("Valletta (venue not public)"),
            city="Malta",
            country="malta",
            lat=35.8989,
            lon=14.5146,
            precision="city",
            note=t("The meeting venue was never made public."),
            sources=["tass"],
            confidence="medium",
        ),
        make_record(
            Place,
            id="icc-building",
            name=t("ICC building"),
            city="The Hague",
            country="netherlands",
            lat=52.1064,
            lon=4.3168,
            precision="approximate",
            sources=["icc"],
            confidence="low",
        ),
    )
    events = (
        make_record(
            Event,
            id="sullivan-talks",
            title=t("Wang Yi – Jake Sullivan talks"),
            start=dt.date(2023, 9, 16),
            end=dt.date(2023, 9, 17),
            place="valletta",
            participants=["wang-yi", "sullivan"],
            thread="china-us",
            summary=t("Talks in Malta."),
            note=t("Venue never made public."),
            sources=["tass"],
            confidence="high",
        ),
        make_record(
            Event,
            id="visit",
            title=t("Wang Yi visits Russia"),
            start=dt.date(2023, 9, 18),
            end=dt.date(2023, 9, 21),
            place="reception-house",
            participants=["wang-yi", "lavrov"],
            thread="china-russia",
            summary=t("The visit the article is about."),
            **_src("tass"),
        ),
        make_record(
            Event,
            id="brf-3",
            title=t("Third Belt and Road Forum"),
            start=dt.date(2023, 10, 17),
            end=dt.date(2023, 10, 18),
            place="reception-house",
            participants=["putin"],
            thread="belt-and-road",
            summary=t("Putin attends."),
            **_src("kremlin"),
        ),
        make_record(
            Event,
            id="warrant",
            title=t("ICC arrest warrant"),
            start=dt.date(2023, 3, 17),
            place="icc-building",
            participants=["putin", "icc"],
            thread="icc",
            summary=t("A warrant for Putin."),
            **_src("icc"),
        ),
    )
    faq = (
        make_record(
            FaqEntry,
            id="what-is-icc",
            question=t("What is the ICC?"),
            answer=t("A court."),
            topic=t("ICC"),
            entities=["icc"],
            from_article=True,
            **_src("icc"),
        ),
    )
    article = make_record(
        Article,
        headline=t("Wang Yi visits Russia"),
        summary=t("Wang Yi went to Russia to prepare Putin's trip to Beijing."),
        dateline=t("Moscow"),
        date=dt.date(2023, 9, 18),
        date_note=t("undated; the visit began 18 September 2023"),
        subject_event="visit",
        origin=t("A news article given to us undated."),
        key_points=[t("Wang met Lavrov."), t("Putin may go to Beijing.")],
        body=BODY + payload,
        sources=["tass"],
    )
    relations = (
        make_record(
            Relation,
            id="wang-met-lavrov",
            subject="wang-yi",
            type=t("met"),
            object="lavrov",
            start=dt.date(2023, 9, 18),
            event="visit",
            **_src("tass"),
        ),
    )
    corrections = (
        make_record(
            Correction,
            id="talks-date",
            date=dt.date(2026, 11, 30),
            records=["events.yaml#sullivan-talks", "faq.yaml#what-is-icc"],
            was=t("The talks took one day."),
            now=t("The talks took two days, 16 and 17 September."),
            why=t("The Kremlin's readout dates them to both days."),
            sources=["kremlin"],
        ),
    )
    return with_settings(
        Briefing(
            article=article,
            sources=sources,
            countries=countries,
            people=people,
            organisations=organisations,
            places=places,
            events=events,
            relations=relations,
            faq=faq,
            corrections=corrections if with_corrections else (),
        )
    )


def write_data_folder(folder: Path, book: Briefing) -> Path:
    """Write `book` as a data folder (YAML files and article.txt) that load_briefing reads back."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in RECORD_FILES:
        _dump(folder / name, [_plain(r) for r in getattr(book, name.removesuffix(".yaml"))])
    article = _plain(book.article)
    (folder / ARTICLE_BODY).write_text(article.pop("body"), "utf-8")
    _dump(folder / ARTICLE_FILE, article)
    if book.corrections:
        _dump(folder / CORRECTIONS_FILE, [_plain(c) for c in book.corrections])
    return folder


def _plain(record) -> dict:
    """A record as YAML holds it: enums as their values, no field left at None."""
    out = {}
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if value is not None:
            out[f.name] = value.value if isinstance(value, Enum) else value
    return out


def _dump(path: Path, data) -> None:
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), "utf-8"
    )


def _src(*ids: str) -> dict:
    return {"sources": list(ids), "confidence": "high"}
