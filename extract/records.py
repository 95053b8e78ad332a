"""Article → score records: relevance, numbers, agencies, links, then zone/category/year per link.

`extract_records` is deterministic and keeps provenance: every record carries the shortest
fragment holding its agency mention and its score (`quote`, with `start`/`end` so that
`article.text[start:end] == quote`), says whether zone, category and year were stated by the
text or derived/inferred, and flags what a reader should check.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any

from extract.agencies import article_government, find_agency_mentions
from extract.linking import Link, link_sentence, may_quote_speaker, subjects_of
from extract.model import Article, ScoreRecord
from extract.nlp import window_entities
from extract.numbers import Number, find_numbers
from extract.relevance import is_relevant
from extract.scales import (
    LETTER_ZONES,
    Label,
    category_for_letter,
    derive_category,
    derive_zone,
    find_labels,
    scheme_for_year,
)
from extract.sentences import Sentence, split_sentences
from extract.years import (
    YearMention,
    find_year_mentions,
    reference_date,
    stated_article_year,
    year_from_date,
)

MAX_SCORES_PER_SENTENCE = 120
# The budget for hostile pages: labelled articles stay under 20,000 characters and 300 numbers,
# a national ranking under 3,000 numbers. Past these a "page" is a dump (digit runs, a comma
# flood, one story pasted a thousand times) and reading it all would take minutes, so
# extraction reads the prefix within budget and flags its records `text_truncated`.
MAX_TEXT_CHARS = 300_000
MAX_TITLE_CHARS = 1_000  # headlines run under 200 characters
MAX_NUMBERS = 5_000
_DIGIT_RUN = re.compile(r"\d+")

# Sentences about other indices (satisfaction, perception of maladministration, COVID risk,
# Zona Integritas) whose numbers are not compliance scores unless the sentence says so.
_FOREIGN_INDEX = re.compile(
    r"persepsi|kepuasan|\bIKM\b|\bSKM\b|berakhlak|covid|zona\s+integritas|\bWBK\b|\bWBBM\b|"
    r"indeks\s+(?!kepatuhan)|\bIPM\b|reformasi\s+birokrasi|\bSAKIP\b|\bSPBE\b|\bLPPD\b",
    re.IGNORECASE,
)
_COMPLIANCE = re.compile(
    r"kepatuhan|opini|zona(?:si)?\s+(?:hijau|kuning|merah)(?!\W{0,3}(?:covid|corona|pandemi))|"
    r"kualitas\s+(?:tertinggi|tinggi|sedang)",
    re.IGNORECASE,
)
_FOLLOWING_LABEL = re.compile(
    r"^\W{0,3}(?:(?:nilai|skor|capaian|hasil|predikat|angka)(?:nya)?\s+(?:tersebut|itu|ini)|"
    r"dengan\s+(?:nilai|skor|capaian|hasil)\s+(?:tersebut|itu|ini)|"
    r"(?:keduanya|ketiganya|keempatnya|semuanya|seluruhnya))",
    re.IGNORECASE,
)
_COMPARISON_YEAR = re.compile(
    r"(?:dibanding(?:kan)?|daripada|ketimbang|sejak|semenjak)(?:\s+(?:dengan|pada|di))?"
    r"(?:\s+(?:penilaian|survei|hasil))?(?:\s+tahun)?\s{0,3}$",
    re.IGNORECASE,
)
_AFTER_SCORE_YEAR = re.compile(
    r"^(?:\s{1,2}(?:poin|point|persen|%))?[\s,()]{0,4}"
    r"(?:(?:di|pada|untuk|tahun|th\.?|thn|taong|penilaian|survei|periode)\s{1,3}){0,3}$",
    re.IGNORECASE,
)
# "tahun lalu … kini meraih N", "dari tahun sebelumnya menjadi N": the year is the one compared
# with, so N is not its score.
_LATER_TRANSITION = re.compile(r"\b(?:kini|sekarang|menjadi|jadi)\b", re.IGNORECASE)
# "naik dibanding tahun sebelumnya, ketika X memperoleh N": N is that year's.
_WHEN_CLAUSE = re.compile(r"^[\s,]{0,3}(?:ketika|saat|manakala|tatkala|kala|waktu)\b", re.I)
_NOW_TRANSITION = re.compile(r"\b(?:kini|sekarang)\b", re.IGNORECASE)


def extract_records(article: Article) -> list[ScoreRecord]:
    """Every score the article ties to an agency, one record per (agency, year, score)."""
    full = article.text or ""
    if article.title and len(article.title) > MAX_TITLE_CHARS:
        article = replace(article, title=article.title[:MAX_TITLE_CHARS])
    if not full.strip() or not is_relevant(article):
        return []
    text = _within_budget(full)
    records = _records(article, text)
    if len(text) < len(full):
        for record in records:
            record.flags = sorted({*record.flags, "text_truncated"})
    return records


def _within_budget(text: str) -> str:
    """The prefix of `text` within MAX_TEXT_CHARS and MAX_NUMBERS, cut at a line end or space."""
    limit = min(len(text), MAX_TEXT_CHARS)
    over = next(islice(_DIGIT_RUN.finditer(text, 0, limit), MAX_NUMBERS, None), None)
    if over is not None:
        limit = over.start()
    if limit >= len(text):
        return text
    line = text.rfind("\n", 0, limit)
    cut = line if line > limit - 2_000 else max(text.rfind(" ", 0, limit), limit - 2_000)
    return text[: max(cut, 0)]


def _records(article: Article, text: str) -> list[ScoreRecord]:
    """Every record of `text` (the article's text or its prefix within budget)."""
    government = article_government(f"{article.title or ''}\n{text}")
    mentions = [m for m in find_agency_mentions(text, government) if m.end > m.start]
    if not mentions:
        return []
    numbers = find_numbers(text)
    sentences = split_sentences(text)
    labels = find_labels(text)
    years = find_year_mentions(text)
    day = reference_date(article.published, text)
    inferred_year = year_from_date(day)
    stated_year = stated_article_year(text, article.title, inferred_year)
    base_year = stated_year or inferred_year
    base_source = "stated" if stated_year else ("inferred" if inferred_year else None)

    plan = []  # (sentence, its mentions, its score candidates, foreign index?)
    for sentence in sentences:
        in_sentence = _within(mentions, sentence.start, sentence.end)
        scores = [
            n
            for n in _within(numbers, sentence.start, sentence.end)
            if sentence.start <= n.start
            and n.end <= sentence.end
            and (
                n.kind == "score"
                or (n.kind == "percent" and _right_after_mention(text, n, in_sentence))
            )
        ]
        head = text[sentence.start : scores[-1].end] if scores else sentence.text
        foreign = bool(_FOREIGN_INDEX.search(sentence.text)) and not _COMPLIANCE.search(head)
        if foreign or len(scores) > MAX_SCORES_PER_SENTENCE:
            scores = []  # no prose sentence lists hundreds of scores: a digit dump, not a story
        plan.append((sentence, in_sentence, scores, foreign))

    # spaCy carries the entities the linker reads: the sentences holding a score, with the 300
    # characters after one whose score may be quoted ("Nilai kami N," ujar Kepala Dinas X), one
    # Doc per run of overlapping windows so no text is tokenised twice.
    windows: list[list[Any]] = []
    for s, _, n, _ in plan:
        if not n:
            continue
        end = min(len(text), s.end + 300) if may_quote_speaker(text, n) else s.end
        if windows and s.start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
            windows[-1][3].extend(n)
        else:
            windows.append([s.start, end, [], list(n)])
    for window in windows:
        window[2] = _within(mentions, window[0], window[1])
    docs = list(window_entities(text, [tuple(w) for w in windows])) if windows else []
    doc_starts = [doc.start for doc in docs]
    links: list[Link] = []
    context: list[Any] | None = None  # subjects the next sentence may refer back to
    for sentence, in_sentence, scores, foreign in plan:
        found: list[Link] = []
        if scores:
            doc = docs[bisect_right(doc_starts, sentence.start) - 1]
            scores = _within(doc.scores, sentence.start, sentence.end)
            in_sentence = _within(doc.agencies, sentence.start, sentence.end)
            nearby = (
                _within(doc.agencies, sentence.end, sentence.end + 300)
                if may_quote_speaker(text, scores)
                else []
            )
            found = link_sentence(text, sentence, in_sentence, scores, context, nearby)
        links.extend(found)
        context = _context_after(text, in_sentence, found, foreign, context)

    records: list[ScoreRecord] = []
    kept: dict[tuple, ScoreRecord] = {}
    by_sentence: dict[int, list[Link]] = {}
    for link in links:
        by_sentence.setdefault(link.sentence.start, []).append(link)
    year_of = _assign_years(text, links, years, base_year, base_source, mentions)
    named = _named_labels(text, sentences, mentions, labels, by_sentence, years, base_year)
    counted = _counted_back_labels(sentences, links, labels)
    for link in links:
        sentence_links = by_sentence[link.sentence.start]
        zone, category, letter, _ = _stated_labels(
            text, link, sentence_links, labels, sentences, mentions, by_sentence
        )
        if not (zone or category or letter) and id(link) in counted:
            zone, category, letter = counted[id(link)]
        year, year_source = year_of[id(link)]
        if zone is None or (category is None and letter is None):
            zone, category, letter = _fill_named(named, link, year, zone, category, letter)
        record = _record(article, link, year, year_source, zone, category, letter)
        key = (record.agency_name, record.assessment_year, round(record.score, 2))
        if key in kept:
            _merge_stated(kept[key], record)
            continue
        kept[key] = record
        records.append(record)
    return records


_COUNT_BACK = re.compile(
    r"^\W{0,3}(?:(keduanya|kedua\w*\s+\w+\s+(?:tersebut|itu))|(ketiganya|ketiga\s+\w+\s+"
    r"(?:tersebut|itu))|(keempatnya|keempat\s+\w+\s+(?:tersebut|itu))|(kelimanya|kelima\s+\w+"
    r"\s+(?:tersebut|itu)))\b",
    re.IGNORECASE,
)


def _counted_back_labels(
    sentences: list[Sentence], links: list[Link], labels: list[Label]
) -> dict[int, tuple[str | None, str | None, str | None]]:
    """ "A 84,92, disusul B 83,53. Sementara C 75,16. Ketiganya berada dalam kategori X": the
    labels of a sentence opening with a count word belong to that many agencies just before it."""
    out: dict[int, tuple[str | None, str | None, str | None]] = {}
    for sentence in sentences:
        match = _COUNT_BACK.match(sentence.text)
        if not match:
            continue
        count = next(i for i, group in enumerate(match.groups(), start=2) if group)
        found = _pick(_within(labels, sentence.start, sentence.end), None)
        if not any(found):
            continue
        before = [x for x in links if x.number.end <= sentence.start]
        owners: list[int] = []
        for link in reversed(before):
            if id(link.mention) not in owners:
                owners.append(id(link.mention))
            if len(owners) > count:
                break
            out.setdefault(id(link), found)
    return out


_WISH = re.compile(
    r"\b(?:target\w*|menargetkan|berharap|harap\w*|ingin|agar|supaya|semoga|upaya\w*|"
    r"hampir|nyaris|terancam|bisa|dapat|akan)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _NamedLabels:
    """Zone/category a sentence without scores states for one agency named in it."""

    position: int
    years: frozenset[int]
    zone: str | None
    category: str | None
    letter: str | None


def _named_labels(
    text: str,
    sentences: list[Sentence],
    mentions: list[Any],
    labels: list[Label],
    by_sentence: dict[int, list[Link]],
    years: list[YearMention],
    base_year: int | None,
) -> dict[str, list[_NamedLabels]]:
    """ "Ombudsman menyebut nilai Puskesmas X masih berada di zona kuning": X's labels, by name.

    Only clauses of sentences that hold no linked score, that state a label without wishing
    for it, and name one subject agency or a bare list of them under one label ("yang masih di
    zona kuning antara lain A, B, dan C"); the explicit year (or "tahun lalu") says which round.
    """
    named: dict[str, list[_NamedLabels]] = {}
    for sentence, start, end in _clauses(sentences, by_sentence):
        found = _within(labels, start, end)
        if not found or _WISH.search(text, start, end):
            continue
        local = _within(mentions, start, end)
        subjects = [
            m
            for m in subjects_of(text, local)
            if not _PLACE_BEFORE.search(text, max(0, m.start - 12), m.start)
        ]
        names = {_mention_name(m) for m in subjects}
        if not names or (len(names) > 1 and not _one_label_for_a_list(text, subjects, found)):
            continue
        stated = {y.year for y in _within(years, sentence.start, sentence.end) if y.year}
        relative = {y.relation for y in _within(years, sentence.start, sentence.end)}
        if not stated and base_year is not None:
            stated = {base_year - 1} if "previous" in relative else {base_year}
        zone, category, letter = _pick(found, None)
        for name in names:
            named.setdefault(name, []).append(
                _NamedLabels(sentence.start, frozenset(stated), zone, category, letter)
            )
    return named


_NAME_LIST_JOIN = re.compile(r"[ \t]{0,2}(?:,|;|dan|serta|,[ \t]{0,2}dan)[ \t]{1,3}")


_CLAUSE_SPLIT = re.compile(
    r",?\s{1,3}(?:sementara(?:\s+itu)?|sedangkan|adapun|namun|tetapi)\b|;", re.IGNORECASE
)


def _clauses(sentences: list[Sentence], by_sentence: dict[int, list[Link]]):
    """(sentence, start, end) of each clause of the sentences that hold no linked score."""
    for sentence in sentences:
        if sentence.start in by_sentence:
            continue
        start = sentence.start
        for cut in _CLAUSE_SPLIT.finditer(sentence.text):
            yield sentence, start, sentence.start + cut.start()
            start = sentence.start + cut.end()
        yield sentence, start, sentence.end


def _one_label_for_a_list(text: str, subjects: list[Any], found: list[Label]) -> bool:
    """One zone/category said of a bare list of names, the label wholly before or after it."""
    if len({(lab.kind, lab.value) for lab in found}) != 1:
        return False
    label = found[0]
    ordered = sorted(subjects, key=lambda m: m.start)
    if not (label.end <= ordered[0].start or ordered[-1].end <= label.start):
        return False
    return all(
        _NAME_LIST_JOIN.fullmatch(text, a.end, b.start)
        for a, b in zip(ordered, ordered[1:], strict=False)
    )


def _fill_named(
    named: dict[str, list[_NamedLabels]],
    link: Link,
    year: int | None,
    zone: str | None,
    category: str | None,
    letter: str | None,
) -> tuple[str | None, str | None, str | None]:
    """Fill missing labels from the nearest sentence stating them for the same agency and round."""
    options = [
        n
        for n in named.get(_mention_name(link.mention), [])
        if (year in n.years if n.years else True)
    ]
    if not options:
        return zone, category, letter
    near = min(options, key=lambda n: abs(n.position - link.sentence.start))
    derived = derive_zone(link.number.value, year)
    if zone is None and near.zone is not None and derived in (None, near.zone):
        zone = near.zone
    if category is None and letter is None:
        category, letter = near.category, near.letter
    return zone, category, letter


def _merge_stated(kept: ScoreRecord, duplicate: ScoreRecord) -> None:
    """The same score told twice: keep labels the second telling states and the first lacks."""
    if kept.zone_source != "stated" and duplicate.zone_source == "stated":
        kept.zone, kept.zone_source = duplicate.zone, duplicate.zone_source
    if kept.category_source != "stated" and duplicate.category_source == "stated":
        kept.category, kept.category_source = duplicate.category, duplicate.category_source


def _mention_name(mention: Any) -> str:
    return getattr(mention, "canonical_name", None) or mention.surface


# "terbaik di NTB", "OPD di lingkungan Pemkab X", "empat OPD Pemkab X": X is where, not who.
_PLACE_BEFORE = re.compile(
    r"\b(?:di|ke|se|lingkungan|jajaran|wilayah|OPD|SKPD|instansi|unit|UPT)[\s-]{1,2}$",
    re.IGNORECASE,
)


def _right_after_mention(text: str, number: Number, mentions: list[Any]) -> bool:
    """ "Pemkab X 61,8 persen": a percentage written straight after a name is its score."""
    return number.decimals > 0 and any(
        re.fullmatch(r"\s{0,2}[:(]?\s{0,2}", text[m.end : number.start]) for m in mentions
    )


def _context_after(
    text: str, in_sentence: list[Any], found: list[Link], foreign: bool, context: list[Any] | None
) -> list[Any] | None:
    """What "Nilainya N" in the next sentence may refer to: one agency, never a foreign index."""
    if foreign:
        return None
    if found:
        owners = {id(link.mention) for link in found}
        return [found[-1].mention] if len(owners) == 1 else None
    if in_sentence:
        return subjects_of(text, in_sentence) or None
    return context


def _record(
    article: Article,
    link: Link,
    year: int | None,
    year_source: str | None,
    zone: str | None,
    category: str | None,
    letter: str | None,
) -> ScoreRecord:
    text = article.text
    mention, number = link.mention, link.number
    start = min(mention.start, number.start)
    end = max(mention.end, number.end)
    if text[end : end + 1] == ")" and text[start:end].count("(") > text[start:end].count(")"):
        end += 1  # "Dinkes (79,02)": the quote closes the bracket it opened
    flags = list(link.flags)
    score = number.value
    derived_zone = derive_zone(score, year)
    derived_category = derive_category(score, year)
    zone_source = category_source = None
    if zone is None and letter and scheme_for_year(year) in (None, "opini_ae"):
        zone = LETTER_ZONES.get(letter)
    if zone is not None:
        zone_source = "stated"
        if derived_zone is not None and derived_zone != zone:
            flags.append("zone_inconsistent_with_score")
    elif derived_zone is not None:
        zone, zone_source = derived_zone, "derived"
    if category is None and letter:
        category = category_for_letter(letter, year)
    head = {"zone3": "kepatuhan", "opini_ae": "kualitas"}.get(scheme_for_year(year) or "")
    if category in ("tinggi", "sedang", "rendah") and head:
        category = f"{head} {category}"  # "kategori sedang" in the year's own words
    if category is not None:
        category_source = "stated"
        if (
            derived_category is not None
            and derived_category.split()[-1:] != category.split()[-1:]
            and category.split()[0] == derived_category.split()[0]
        ):
            flags.append("category_inconsistent_with_score")
    elif derived_category is not None:
        category, category_source = derived_category, "derived"
    if score > 100:
        flags.append("out_of_range")
    confidence = link.confidence
    if zone_source == "stated" and "zone_inconsistent_with_score" not in flags:
        confidence = min(1.0, confidence + 0.05)
    if year is None:
        confidence -= 0.1
    return ScoreRecord(
        doc_id=article.doc_id,
        agency=mention.surface,
        agency_name=getattr(mention, "canonical_name", None) or mention.surface,
        score=score,
        quote=text[start:end],
        start=start,
        end=end,
        government=getattr(mention, "government", None),
        region_code=getattr(mention, "region_code", None),
        agency_type=getattr(mention, "agency_type", None),
        zone=zone,
        zone_source=zone_source,
        category=category,
        category_source=category_source,
        assessment_year=year,
        year_source=year_source if year is not None else None,
        confidence=round(max(0.05, min(1.0, confidence)), 2),
        flags=sorted(set(flags)),
        article_url=article.canonical_url or article.url,
    )


def _assign_years(
    text: str,
    links: list[Link],
    years: list[YearMention],
    base_year: int | None,
    base_source: str | None,
    mentions: list[Any],
) -> dict[int, tuple[int | None, str | None]]:
    """Each link's assessment year: its own clause's year, else the article's.

    A year written right after a score ("89,02 di tahun 2019") is that score's; one written
    before applies to the scores that follow it in the sentence ("Pada tahun 2022 A 66,99, B
    65,27"). Relative years resolve against the sentence's explicit year, else the article's.
    In a change ("dari N1 menjadi N2") the first value is the round before the second.
    """
    result: dict[int, tuple[int | None, str | None]] = {}
    chosen_of: dict[int, YearMention | None] = {}
    scores_in: dict[int, list[Number]] = {}
    for link in links:
        bucket = scores_in.setdefault(link.sentence.start, [])
        if all(n is not link.number for n in bucket):
            bucket.append(link.number)
    for link in links:
        sentence = link.sentence
        scores = sorted(scores_in[sentence.start], key=lambda n: n.start)
        local = _within(years, sentence.start, sentence.end)
        spans = [(m.start, m.end) for m in _within(mentions, sentence.start, sentence.end)]
        chosen = _clause_year(text, link.number, scores, local, spans)
        chosen_of[id(link)] = chosen
        result[id(link)] = _resolve(chosen, local, base_year, base_source)
    for i, link in enumerate(links):
        if link.method == "earlier" and chosen_of[id(link)] is None:
            later = next((x for x in reversed(links[:i]) if x.mention is link.mention), None)
            if later is not None and result[id(later)][0] is not None:
                y, source = result[id(later)]
                result[id(link)] = (y - 1, source)  # "naik dari N": the round before
            continue
        if link.method != "change" or i == 0:
            continue
        first = next(
            (x for x in reversed(links[:i]) if x.mention is link.mention and x.method != "change"),
            None,
        )
        if first is None:
            continue
        y1, s1 = result[id(first)]
        y2, s2 = result[id(link)]
        c1, c2 = chosen_of[id(first)], chosen_of[id(link)]
        if c1 is not None and c2 is None and y1 is not None and (y2 is None or y2 <= y1):
            result[id(link)] = (y1 + 1, s1)  # "dari N1 pada 2022 menjadi N2"
        elif c1 is None and y2 is not None:
            result[id(first)] = (y2 - 1, s2)
        elif c2 is c1 and c1 is not None and y1 is not None:
            compared = _COMPARISON_YEAR.search(text[max(0, c1.start - 30) : c1.start])
            if c1.relation == "previous" or compared:  # "naik dibanding 2023, dari N1 ke N2"
                result[id(link)] = (y1 + 1, s1)
            else:
                result[id(first)] = (y1 - 1, s1)
    return result


def _resolve(
    chosen: YearMention | None,
    local: list[YearMention],
    base_year: int | None,
    base_source: str | None,
) -> tuple[int | None, str | None]:
    if chosen is None:
        return base_year, base_source
    if chosen.relation == "explicit":
        return chosen.year, "stated"
    anchor = [y for y in local if y.relation == "explicit" and y.end <= chosen.start]
    if chosen.relation == "current":
        anchor = []  # "tahun ini" is the article's round, not the year named earlier
    year, source = (anchor[-1].year, "stated") if anchor else (base_year, base_source)
    if year is None:
        return None, None
    return (year - 1, source) if chosen.relation == "previous" else (year, source)


def _clause_year(
    text: str,
    score: Number,
    scores: list[Number],
    local: list[YearMention],
    mention_spans: list[tuple[int, int]],
) -> YearMention | None:
    def segment_start(s: Number) -> int:
        prior = [x.end for x in scores if x.end <= s.start]
        return prior[-1] if prior else -1

    def owner(y: YearMention) -> Number | None:
        prior = [s for s in scores if s.end <= y.start]
        if not prior:
            return None
        s = prior[-1]
        gap = text[s.end : y.start]
        if not _AFTER_SCORE_YEAR.match(gap):
            return None
        later = [x for x in scores if x.start >= y.end]
        if (
            y.relation != "explicit"
            and later
            and _LATER_TRANSITION.search(text[y.end : later[0].start])
        ):
            return None  # "57,65 tahun ini justru menurun menjadi 54,32": the next value's year
        if "," in gap and any(
            segment_start(s) <= x.start and x.end <= s.start for x in local if x is not y
        ):
            return None  # "dengan nilai 59,74, di tahun 2023 nilai anjlok …": a new clause
        return s

    owners = {id(y): owner(y) for y in local}
    for y in local:
        if owners[id(y)] is score:
            return y
    preceding = []
    for y in local:
        if y.end > score.start or owners[id(y)] is not None:
            continue
        between = text[y.end : score.start]
        transition = {"explicit": _NOW_TRANSITION, "previous": _LATER_TRANSITION}.get(y.relation)
        if transition is not None and transition.search(between):
            continue  # "yang tahun lalu tertinggal, kini meraih N"
        if (
            y.relation == "explicit"
            and any(segment_start(score) <= x.end <= y.start for x in scores)
            and _LATER_TRANSITION.search(between)
        ):
            continue  # "dari 72,1 pada 2022 menjadi N": the year of the value before the change
        comparison = _COMPARISON_YEAR.search(text[max(0, y.start - 30) : y.start])
        if (
            comparison
            and not _WHEN_CLAUSE.match(between)
            and any(y.end <= a and b <= score.start for a, b in mention_spans)
        ):
            continue  # "Dibandingkan tahun 2021, Kabupaten X meraih nilai 90"
        preceding.append(y)
    return preceding[-1] if preceding else None


def _stated_labels(
    text: str,
    link: Link,
    sentence_links: list[Link],
    labels: list[Label],
    sentences: list[Sentence],
    mentions: list[Any],
    by_sentence: dict[int, list[Link]] | None = None,
) -> tuple[str | None, str | None, str | None, bool]:
    """Zone, category and A–E letter that the text attaches to this link's agency and score."""
    sentence = link.sentence
    number, mention = link.number, link.mention
    local = _within(mentions, sentence.start, sentence.end)
    subjects = subjects_of(text, local)
    other_scores = sorted(
        {id(x.number): x.number for x in sentence_links}.values(), key=lambda n: n.start
    )
    if link.method in ("change", "earlier", "year_pair"):
        prior = [n for n in other_scores if n.end <= number.start]
        item_start = prior[-1].end if prior else number.start
    else:
        item_start = (
            min(mention.start, number.start) if mention.start >= sentence.start else number.start
        )
    anchor = max(number.end, mention.end if mention.start >= sentence.start else 0)
    stops = [m.start for m in subjects if m.start >= anchor and m is not mention]
    stops += [n.start for n in other_scores if n.start >= anchor and n is not number]
    for x in sentence_links:
        marker = x.method == "earlier" and x.number.start > anchor
        found = marker and _EARLIER_MARK.search(text, anchor, x.number.start)
        if found:
            stops.append(found.start())  # "N1 setelah tahun sebelumnya di zona kuning (N2)"
    item_end = min(stops + [sentence.end])
    item = _within(labels, item_start, item_end)
    stated_before = {lab.kind for lab in item if lab.start < number.end}
    item = [
        lab
        for lab in item
        if lab.start < number.end
        or lab.kind not in stated_before
        or not _CLAUSE_BREAK.search(text, number.end, lab.start)
    ]
    chosen = _pick(item, number)
    if not any(chosen):
        first_subject = min(
            [m.start for m in subjects] + [n.start for n in other_scores] + [sentence.end]
        )
        lead = _within(labels, sentence.start, first_subject)
        chosen = _pick(lead, None)
    if (
        not any(chosen)
        and other_scores
        and (
            _WHOLE_LIST.search(text, other_scores[-1].end, sentence.end)
            or _tight_list_to_end(text, link, sentence_links)
        )
    ):
        chosen = _pick(_within(labels, other_scores[-1].end, sentence.end), None)
    before_change = link.method == "earlier" or any(
        x.method == "change" and x.mention is mention and x.number.start > number.end
        for x in sentence_links
    )
    if (
        not any(chosen) and not before_change
    ):  # "Dengan capaian itu … kini zona hijau": the later value's
        following = _next_sentence(sentences, sentence)
        if following is not None and _FOLLOWING_LABEL.match(following.text):
            trailing = _within(labels, following.start, following.end)
            chosen = _pick(trailing, None)
    if not any(chosen) and _GROUP_BACK_REFERENCE.search(sentence.text):
        before = _previous_sentence(sentences, sentence)
        if before is not None and before.start not in (by_sentence or {}):
            chosen = _pick(_within(labels, before.start, before.end), None)
    zone, category, letter = chosen
    return zone, category, letter, zone is not None


def _pick(labels: list[Label], number: Number | None) -> tuple[str | None, str | None, str | None]:
    def best(kind: str) -> str | None:
        found = [lab for lab in labels if lab.kind == kind]
        if not found:
            return None
        if number is not None:
            after = [lab for lab in found if lab.start >= number.end]
            if after:
                return after[0].value
            return found[-1].value
        return found[-1].value

    return best("zone"), best("category"), best("letter")


# "… kualitas tertinggi dengan nilai N dikarenakan memenuhi kriteria kepatuhan tinggi": a reason.
_CLAUSE_BREAK = re.compile(
    r"\b(?:karena|dikarenakan|sebab|sehingga|dimana|di\s+mana|meski\w{0,3}|walau\w{0,3}|"
    r"namun|sedangkan|sementara)\b",
    re.IGNORECASE,
)
_EARLIER_MARK = re.compile(r"\b(?:sebelumnya|semula|tahun\s+lalu)\b", re.IGNORECASE)
# "Ke-15 Pemda tersebut adalah A (N1), B (N2)": a list whose labels the sentence before states.
_GROUP_BACK_REFERENCE = re.compile(
    r"^\W{0,3}ke[\s-]?\d{1,3}\s+[a-z]{3,}|^\W{0,3}ke\w{2,8}nya\s+\w+\s+(?:tersebut|itu)|"
    r"^\W{0,3}(?:mereka|yaitu|yakni|antara\s+lain|di\s?antaranya)\b|"
    r"\b(?:tersebut|dimaksud)\s+(?:adalah|ialah|yaitu|yakni|masing-masing|antara\s+lain)\b",
    re.IGNORECASE,
)
# "… dan 100 untuk D, dimana semua yang disurvei masuk zona kepatuhan tinggi": every item's.
_WHOLE_LIST = re.compile(r"\b(?:semua|semuanya|seluruh|seluruhnya|kesemuanya)\b", re.IGNORECASE)


_LIST_JOIN = re.compile(r"\s{0,2}\)?\s{0,2}(?:,|;|dan|serta|,\s{0,2}dan)\s{1,3}")
_NAME_TO_SCORE = re.compile(r"\s{0,2}[(:]?\s{0,2}")


def _tight_list_to_end(text: str, link: Link, sentence_links: list[Link]) -> bool:
    """ "A (45,10) dan B (48,20) masuk zona merah": a bare list of name–score items whose
    predicate after the last item is said of every item."""
    items = sorted({id(x.number): x for x in sentence_links}.values(), key=lambda x: x.number.start)
    position = next((i for i, x in enumerate(items) if x.number is link.number), None)
    if position is None or position == len(items) - 1:
        return False
    for x in items[position:]:
        if x.mention.end > x.number.start or not _NAME_TO_SCORE.fullmatch(
            text, x.mention.end, x.number.start
        ):
            return False
    return all(
        _LIST_JOIN.fullmatch(text, a.number.end, b.mention.start)
        for a, b in zip(items[position:], items[position + 1 :], strict=False)
    )


def _previous_sentence(sentences: list[Sentence], sentence: Sentence) -> Sentence | None:
    i = bisect_left(_starts(sentences), sentence.start)
    return sentences[i - 1] if i >= 1 else None


def _next_sentence(sentences: list[Sentence], sentence: Sentence) -> Sentence | None:
    i = bisect_left(_starts(sentences), sentence.start)
    return sentences[i + 1] if i + 1 < len(sentences) else None


def _within(items: list[Any], lo: int, hi: int) -> list[Any]:
    """Items (sorted by start) lying inside [lo, hi): a bisect, so long pages stay linear."""
    starts = [getattr(item, "start", 0) for item in items] if len(items) < 64 else _starts(items)
    i = bisect_left(starts, lo)
    out = []
    while i < len(items) and items[i].start < hi:
        if items[i].end <= hi:
            out.append(items[i])
        i += 1
    return out


_STARTS: dict[int, tuple[list[Any], list[int]]] = {}


def _starts(items: list[Any]) -> list[int]:
    cached = _STARTS.get(id(items))
    if cached is None or cached[0] is not items:
        if len(_STARTS) > 16:
            _STARTS.clear()
        cached = (items, [item.start for item in items])
        _STARTS[id(items)] = cached
    return cached[1]
