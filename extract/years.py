"""Assessment years: the ones the text states, the relative ones, and the one a date implies.

Results are named after the assessment year but reported for months after it (domain.md §3.3:
national releases in November–December, regional follow-ups until about April, the 2025 opinion
in January 2026), so the publication year is not the assessment year. Years that belong to
laws ("UU Nomor 25 Tahun 2009"), dates ("13 Februari 2025", "(22/12/2022)") and plan periods
("RPJMN 2015-2019") are not assessment years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from extract.numbers import find_numbers

FIRST_YEAR = 2013  # the programme's first round
NO_ROUND = {2020}  # postponed for the pandemic

_LAW_CONTEXT = re.compile(
    r"(?:nomor|nomer|no\.?|nr\.?|uu|pp|perpres|permen\w{0,10}|perda|keputusan)\s{0,3}\d{1,4}"
    r"[^\d\n]{0,4}(?:tahun|th\.?|thn)?\s{0,3}$|\d\s{0,2}/\s{0,2}$|"
    r"(?:undang-undang|peraturan|perpres|permen\w{0,10}|uu|pp)\b[^.\n]{0,40}tahun\s{0,3}$",
    re.IGNORECASE,
)
_PERIOD_CONTEXT = re.compile(r"(?:rpjmn|rpjmd|renstra|periode|sejak|hingga|sampai)\s{0,3}$", re.I)
_RELATIVE = re.compile(
    r"\b(?:(tahun\s{1,3}(?:lalu|sebelumnya|kemarin))|(tahun\s{1,3}ini)|(taong\s{1,3}ini))\b",
    re.IGNORECASE,
)
_ASSESSMENT_WORDS = re.compile(
    r"penilaian|survei|survey|predikat|penganugerahan|anugerah|opini|kepatuhan|pelayanan\s+publik|"
    r"standar\s+pelayanan|ombudsman|zona|maladministrasi|pengambilan\s+data|pengumpulan\s+data",
    re.IGNORECASE,
)
_FULL_DATE = re.compile(
    r"\b(\d{1,2})\s{0,2}/\s{0,2}(\d{1,2})\s{0,2}/\s{0,2}((?:19|20)?\d{2})\b|"
    r"\b(\d{1,2})\s{1,3}(januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|"
    r"november|desember)\s{1,3}((?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_MONTH_NUMBER = {
    m: i
    for i, m in enumerate(
        [
            "januari",
            "februari",
            "maret",
            "april",
            "mei",
            "juni",
            "juli",
            "agustus",
            "september",
            "oktober",
            "november",
            "desember",
        ],
        start=1,
    )
}


@dataclass(frozen=True)
class YearMention:
    """A year the text may mean as an assessment round; relation is explicit/previous/current."""

    start: int
    end: int
    year: int | None
    relation: str


def find_year_mentions(text: str) -> list[YearMention]:
    """Explicit years that can be assessment years, plus relative ones ("tahun lalu")."""
    return list(_find_year_mentions(text))


@lru_cache(maxsize=4)
def _find_year_mentions(text: str) -> tuple[YearMention, ...]:
    """Cached: records and the article-year rule both read the same text's years."""
    mentions = []
    for number in find_numbers(text):
        if number.kind != "year" or not FIRST_YEAR - 3 <= number.value <= 2100:
            continue
        before = text[max(0, number.start - 60) : number.start]
        after = text[number.end : number.end + 6]
        if _LAW_CONTEXT.search(before) or _PERIOD_CONTEXT.search(before):
            continue
        if re.search(r"[/]\s{0,2}$", before) or re.search(
            r"(?:januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|"
            r"desember|jan|feb|mar|apr|jun|jul|agu|agt|sep|okt|nov|des)\.?\s{1,3}$",
            before,
            re.IGNORECASE,
        ):
            continue
        if re.match(r"\s{0,2}[-–]\s{0,2}(?:19|20)\d\d", after) or re.search(
            r"(?:19|20)\d\d\s{0,2}[-–]\s{0,2}$", before
        ):
            continue
        mentions.append(YearMention(number.start, number.end, int(number.value), "explicit"))
    for m in _RELATIVE.finditer(text):
        relation = "previous" if m.group(1) else "current"
        mentions.append(YearMention(m.start(), m.end(), None, relation))
    mentions.sort(key=lambda y: y.start)
    return tuple(mentions)


def stated_article_year(
    text: str, title: str | None = None, expected: int | None = None
) -> int | None:
    """The assessment year the article states near assessment words (title first), if any.

    With `expected` (the round the article's date implies), a stated year far from it is
    background ("zona hijau sejak 2016") and loses to a nearer one.
    """
    candidates: list[int] = []
    current: list[int] = []  # "Pada tahun 2017 ini": the round the article is about
    for source in (title or "", text):
        for mention in find_year_mentions(source):
            if mention.relation != "explicit" or mention.year is None:
                continue
            if not FIRST_YEAR <= mention.year <= 2100:
                continue
            after = source[mention.end : mention.end + 12]
            if _PAST_AFTER.match(after):
                continue  # "di Tahun 2016 lalu": background, not this round
            if _CURRENT_AFTER.match(after):
                current.append(mention.year)
            window = source[max(0, mention.start - 120) : mention.start]
            window = window[max(window.rfind(". "), window.rfind("\n")) + 1 :]
            if _ASSESSMENT_WORDS.search(window):
                candidates.append(mention.year)
    if not candidates and not current:
        candidates = _month_years(text)
    if expected is not None:
        now = [c for c in current if expected - 1 <= c <= expected + 1]
        near = [c for c in candidates if expected - 1 <= c <= expected + 1]
        if now:
            return now[0]
        return expected if expected in near else (near[0] if near else None)
    candidates = current + candidates
    return candidates[0] if candidates else None


_PAST_AFTER = re.compile(r"\s{1,3}(?:lalu|kemarin|sebelumnya)\b", re.IGNORECASE)
_CURRENT_AFTER = re.compile(r"\s{1,3}ini\b", re.IGNORECASE)


def _month_years(text: str) -> list[int]:
    """Years of month-year phrases ("periode Juli-Agustus 2019") near assessment words."""
    years = []
    for m in re.finditer(
        r"(?<!\d\s)(?<!\d)\b(?:januari|februari|maret|april|mei|juni|juli|agustus|september|"
        r"oktober|november|desember)\s{1,3}((?:19|20)\d\d)\b",
        text,
        re.IGNORECASE,
    ):
        window = text[max(0, m.start() - 120) : m.start()]
        if re.search(r"\d\s{0,2}$", window):
            continue
        if _ASSESSMENT_WORDS.search(window) or re.search(
            r"penilaian|dilakukan|survei", window, re.I
        ):
            year = int(m.group(1))
            if year >= FIRST_YEAR:
                years.append(year)
    return years


def reference_date(published: str | None, text: str) -> date | None:
    """The article's date: its publication date, else the first full date written in it."""
    if published:
        try:
            return date.fromisoformat(published[:10])
        except ValueError:
            match = re.match(r"((?:19|20)\d\d)-(\d\d)", published)
            if match:
                return date(int(match.group(1)), int(match.group(2)), 1)
    for m in _FULL_DATE.finditer(text):
        try:
            if m.group(1):
                year = int(m.group(3))
                year = year + 2000 if year < 100 else year
                return date(year, int(m.group(2)), int(m.group(1)))
            return date(int(m.group(6)), _MONTH_NUMBER[m.group(5).lower()], int(m.group(4)))
        except ValueError:
            continue
    return None


def year_from_date(day: date | None) -> int | None:
    """The round an article of that date most likely reports (release calendar, domain §3.3).

    November–December: that year's national release. January–October: the previous round,
    whose regional follow-ups run into the next year (the 2025 opinion came out in January
    2026). 2020 had no round, so articles of 2021 before November report 2019.
    """
    if day is None:
        return None
    year = day.year if day.month >= 11 else day.year - 1
    if year in NO_ROUND:
        year -= 1
    return year if year >= FIRST_YEAR else None
