"""spaCy's Indonesian pipeline as the carrier of pantau's entities: agencies and scores as doc.ents.

`get_nlp()` builds `spacy.blank("id")` (the Indonesian Language class: its tokenizer, tokenizer
exceptions and lexical attributes) once per process, because loading it takes seconds, and adds
two rule-based components in spaCy's component style:

- `pantau_agencies` turns the gazetteer's agency matches (extract.agencies) into entities
  labelled GOV, UNIT, VERTICAL or NATIONAL, with `Span._.agency` holding the AgencyMention;
- `pantau_scores` turns score candidates (extract.numbers) into SCORE entities, with
  `Span._.score` holding the Number.

Entity spans are token-aligned (spaCy's tokens), while the carried AgencyMention / Number keep
the exact character offsets in the article, so `text[start:end] == quote` still holds. The
complete, possibly overlapping sets are in `doc.spans["pantau_agencies"]` / `["pantau_scores"]`;
`doc.ents` holds the non-overlapping ones. `window_entities` runs the pipeline (`nlp.pipe`) over
only the windows that hold a score, which is what keeps it cheap enough for every article.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extract.agencies import (
    KECAMATAN,
    KEMENTERIAN,
    LEMBAGA,
    PEMERINTAH_DAERAH,
    PERANGKAT_DAERAH,
    PUSKESMAS,
    RUMAH_SAKIT,
    SEKOLAH,
    VERTIKAL,
    AgencyMention,
    find_agency_mentions,
)
from extract.numbers import Number, find_numbers

AGENCY_LABELS = {
    PEMERINTAH_DAERAH: "GOV",
    PERANGKAT_DAERAH: "UNIT",
    PUSKESMAS: "UNIT",
    RUMAH_SAKIT: "UNIT",
    KECAMATAN: "UNIT",
    SEKOLAH: "UNIT",
    VERTIKAL: "VERTICAL",
    KEMENTERIAN: "NATIONAL",
    LEMBAGA: "NATIONAL",
}
SCORE_LABEL = "SCORE"
AGENCY_GROUP = "pantau_agencies"
SCORE_GROUP = "pantau_scores"

for _attr, _owner in (
    ("agency", Span),
    ("score", Span),
    ("offset", Doc),
    ("agency_candidates", Doc),
    ("score_candidates", Doc),
):
    if not _owner.has_extension(_attr):
        _owner.set_extension(_attr, default=None)


@Language.factory(
    "pantau_agencies",
    assigns=["doc.ents", "span._.agency"],
    requires=["doc._.agency_candidates"],
)
def make_agency_entities(nlp: Language, name: str) -> AgencyEntities:
    return AgencyEntities(name)


@Language.factory(
    "pantau_scores",
    assigns=["doc.ents", "span._.score"],
    requires=["doc._.score_candidates"],
)
def make_score_entities(nlp: Language, name: str) -> ScoreEntities:
    return ScoreEntities(name)


class AgencyEntities:
    """Agency mentions as GOV/UNIT/VERTICAL/NATIONAL entities carrying their AgencyMention.

    Reads the mentions the caller found on the whole article (`doc._.agency_candidates`, whose
    offsets are the article's; `doc._.offset` is where the doc starts in it), because a mention's
    government is resolved against the whole article. A doc without candidates is scanned here.
    """

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        mentions = doc._.agency_candidates
        if mentions is None:
            mentions = [m for m in find_agency_mentions(doc.text) if m.end > m.start]
        items = [(m, AGENCY_LABELS.get(m.agency_type, "UNIT")) for m in mentions]
        _add_entities(doc, items, AGENCY_GROUP, "agency")
        return doc


class ScoreEntities:
    """Score candidates as SCORE entities carrying their Number (`doc._.score_candidates`)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        numbers = doc._.score_candidates
        if numbers is None:
            numbers = [n for n in find_numbers(doc.text) if n.kind == "score"]
        _add_entities(doc, [(n, SCORE_LABEL) for n in numbers], SCORE_GROUP, "score")
        return doc


def _add_entities(doc: Doc, items: list[tuple[Any, str]], group: str, attr: str) -> None:
    offset = doc._.offset or 0
    spans = []
    for i, (item, label) in enumerate(items):
        aligned = doc.char_span(item.start - offset, item.end - offset, alignment_mode="expand")
        if aligned is None:  # outside this doc: not its entity
            continue
        span = Span(doc, aligned.start, aligned.end, label=label, span_id=f"{attr}{i}")
        span._.set(attr, item)
        spans.append(span)
    doc.spans[group] = spans
    doc.ents = filter_spans([*doc.ents, *spans])


@cache
def get_nlp() -> Language:
    """The Indonesian pipeline with pantau's components, built once per process (load: seconds)."""
    nlp = spacy.blank("id")
    nlp.add_pipe("pantau_agencies")
    nlp.add_pipe("pantau_scores")
    return nlp


@dataclass(frozen=True)
class WindowEntities:
    """The agencies and scores spaCy carried for one window of the article, in text order."""

    start: int
    end: int
    agencies: list[AgencyMention]
    scores: list[Number]


def window_entities(
    text: str, windows: Iterable[tuple[int, int, list[Any], list[Number]]]
) -> Iterator[WindowEntities]:
    """Run the pipeline over `text[start:end]` for each window and read its entities back.

    Each window comes with the article's candidates inside it (mentions, numbers); the doc
    hands them back as entity spans, still with article offsets.
    """
    nlp = get_nlp()
    docs = []
    for start, end, mentions, numbers in windows:
        doc = nlp.make_doc(text[start:end])
        doc._.offset = start
        doc._.agency_candidates = mentions
        doc._.score_candidates = numbers
        docs.append(doc)
    for doc in nlp.pipe(docs):
        start = doc._.offset
        agencies = [s._.agency for s in doc.spans[AGENCY_GROUP]]
        scores = [s._.score for s in doc.spans[SCORE_GROUP]]
        yield WindowEntities(start, start + len(doc.text), agencies, scores)
