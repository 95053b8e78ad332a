"""Which agency a score belongs to: the rules that tie score candidates to agency mentions.

Works sentence by sentence on character offsets. Within a sentence a score goes to the nearest
subject mention before it ("X dengan nilai N", "X (N)", "X N" in a list); in a sentence that opens
with a score it goes to the mention right after it ("nilai N untuk X", "Dengan nilai N, Kota X");
"A, B dan C … masing-masing N1; N2; N3" aligns by position; the second value of a change
("dari N1 menjadi N2") stays with the first value's agency; a score whose sentence names no
agency ("Nilainya N") goes to the one agency of the sentence before. Mentions that only compare
("di bawah Provinsi X") or locate ("Pemkab X, Jawa Tengah") are never subjects.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from extract.numbers import Number
from extract.sentences import Sentence

_COMPARISON_BEFORE = re.compile(
    r"(?:di\s?bawah|di\s?atas|setelah|sesudah|mengungguli|menyusul|melampaui|dibanding(?:kan)?"
    r"(?:\s+dengan)?|daripada|ketimbang|mengalahkan|menggeser|menyalip|seperti|sama\s+dengan|"
    r"selain|bersama(?:\s+dengan)?|lebih\s+\w+\s+(?:dari|daripada)|tertinggal\s+dari|"
    r"unggul\s+(?:dari|atas)|kalah\s+dari)"
    r"(?:\s+(?:nilai|posisi|peringkat|skor))?\s{1,3}$",
    re.IGNORECASE,
)
_LOCATIVE_GAP = re.compile(r"^\s{0,2}(?:,|di|se-?|wilayah|provinsi)\s{0,2}$", re.IGNORECASE)
_COORDINATION_GAP = re.compile(r"^\s{0,2}(?:dan|serta|&|maupun)\s{1,3}$", re.IGNORECASE)
_RESPECTIVELY = re.compile(r"masing[-\s]?masing|berturut[-\s]?turut|secara\s+berurutan", re.I)
_SCORE_FIRST_GAP = re.compile(
    r"^[\s,:;\-–\"'”“)(]{0,6}(?:(?:untuk|bagi|kepada|yaitu|yakni|oleh|diraih|ditempati|diperoleh|"
    r"adalah|ialah|milik|dicapai|didapat|didapatkan|berada|pada|di|posisi|peringkat|urutan|ke|"
    r"dengan|predikat|zona|hijau|kuning|merah|\d{1,3}|kata|ujar|ungkap|jelas|tutur|papar|sebut|"
    r"tegas|terang|imbuh|tambah|kepala|kadis|direktur|sekretaris|plt\.?|pj\.?|menempatkan|"
    r"membawa|mengantar(?:kan)?|menjadikan|membuat|mengukuhkan|meloloskan)\w{0,4}"
    r"[\s,:;\-–\"'”“)(]{0,6}){0,8}$",
    re.IGNORECASE,
)
_TRANSITION_GAP = re.compile(
    r"^(?:[^.;\d]|(?:19|20)\d\d){0,80}?(?:menjadi|jadi|ke\s+angka|kini|sekarang|tahun\s+ini)"
    r"[^.;\d]{0,20}$",
    re.IGNORECASE,
)
# "N1 setelah di tahun sebelumnya berada di zona kuning (nilai N2)": N2 is the earlier value.
_EARLIER_GAP = re.compile(
    r"^[^.;\d]{0,80}\b(?:sebelumnya|semula|tahun\s+lalu)\b[^.;\d]{0,60}$|"
    r"^[\s,]{0,3}(?:naik|meningkat|turun|menurun|melonjak|anjlok|merosot)\b[^.;]{0,40}?"
    r"\b(?:dari|dibanding(?:kan)?)\s{1,3}(?:nilai\s{1,3}|sebelumnya\s{1,3})?$",
    re.IGNORECASE,
)
# "X meraih 84,10 pada 2023 dan 88,20 pada 2022": one agency's values of two rounds.
_YEAR_PAIR_GAP = re.compile(
    r"^[\s,]{0,3}(?:(?:pada|di|untuk)\s{1,3})?(?:tahun\s{1,3})?\(?(?:19|20)\d\d\)?"
    r"[\s,]{0,3}(?:dan|serta|sedangkan|sementara|,)\s{1,3}(?:(?:pada|di)\s{1,3})?"
    r"(?:tahun\s{1,3})?(?:(?:19|20)\d\d\s{0,2}[,:]?\s{0,2})?$",
    re.IGNORECASE,
)
_RECIPIENT_GAP = re.compile(r"^\s{0,2}(?:untuk|bagi|kepada|buat)\s", re.IGNORECASE)
_CONNECTOR_WORD = re.compile(
    r"\b(?:untuk|bagi|kepada|yaitu|yakni|oleh|diraih|ditempati|diperoleh|adalah|ialah|milik|"
    r"dicapai|didapat\w*|kata|ujar|ungkap|jelas|tutur|papar|sebut)\b",
    re.IGNORECASE,
)
_BACK_REFERENCE = re.compile(
    r"^\W{0,3}(?:(?:kabupaten|kota|provinsi|pemkab|pemkot|pemprov|pemda|dinas|instansi|"
    r"puskesmas|lembaga|kementerian|kantor|unit|rumah\s+sakit|daerah)\s+(?:itu|tersebut|ini)|"
    r"nilai(?:nya)?|skor(?:nya)?|capaian(?:nya)?|ia|dia|pihaknya|kami|kita|"
    r"dengan\s+(?:total\s+)?nilai|ombudsman|hasil(?:nya)?|perolehan|meraih|mendapat)",
    re.IGNORECASE,
)


@dataclass
class Link:
    """A score tied to the mention(s) it belongs to, and how the tie was made."""

    number: Number
    mention: Any
    sentence: Sentence
    method: str
    confidence: float
    flags: list[str] = field(default_factory=list)


def subjects_of(text: str, mentions: list[Any]) -> list[Any]:
    """The mentions that are subjects (see `is_subject`), in order, in O(n log n).

    Only a mention ending at most 12 characters before another can make it a qualifier or
    a coordinated comparison, so those neighbours are found by bisecting the sorted ends
    instead of rescanning every mention: a page dense with names stays linear. The answer for
    the last sentences is kept, since the labeller asks again for every score of a sentence.
    """
    key = (id(text), tuple(map(id, mentions)))
    cached = _SUBJECTS.get(key)
    if cached is not None and cached[0] is text:
        return list(cached[2])
    by_end = sorted(mentions, key=lambda m: m.end)
    ends = [m.end for m in by_end]
    out = []
    for mention in mentions:
        lo = bisect_left(ends, mention.start - 12)
        hi = bisect_right(ends, mention.start)
        if is_subject(mention, text, by_end[lo:hi]):
            out.append(mention)
    if len(_SUBJECTS) > 64:
        _SUBJECTS.clear()
    _SUBJECTS[key] = (text, list(mentions), out)  # holding the objects keeps their ids unique
    return list(out)


_SUBJECTS: dict[tuple, tuple[str, list[Any], list[Any]]] = {}


def is_subject(mention: Any, text: str, mentions: list[Any]) -> bool:
    """False for mentions that compare with or locate another agency."""
    before = text[max(0, mention.start - 40) : mention.start]
    if _COMPARISON_BEFORE.search(before):
        return False
    for other in mentions:
        if other is mention or other.end > mention.start or mention.start - other.end > 12:
            continue
        gap = text[other.end : mention.start]
        if (
            len(gap) <= 12
            and _LOCATIVE_GAP.match(gap)
            and _is_region_qualifier(mention, other, gap)
        ):
            return False
        if (
            len(gap) <= 12
            and _COORDINATION_GAP.match(gap)
            and _COMPARISON_BEFORE.search(text[max(0, other.start - 40) : other.start])
        ):
            return False  # "di bawah Provinsi A dan Provinsi B"
    return True


def _is_region_qualifier(mention: Any, owner: Any, gap: str) -> bool:
    """A region name right after an agency ("X, Jawa Tengah", "X di Kota Kupang") locates it."""
    if re.fullmatch(r"\s{1,2}di\s{1,2}", gap) and getattr(mention, "agency_type", "") == (
        "pemerintah_daerah"
    ):
        return True
    if not getattr(mention, "bare_name", False):
        return False
    owner_gov = getattr(owner, "government", None) or ""
    gov = getattr(mention, "government", None) or ""
    return gov.startswith("Provinsi") or (bool(gov) and gov == owner_gov)


def link_sentence(
    text: str,
    sentence: Sentence,
    mentions: list[Any],
    scores: list[Number],
    previous: list[Any] | None,
    speakers: list[Any] | None = None,
) -> list[Link]:
    """Links for the scores of one sentence; `previous` are subject mentions of the sentence before."""
    if not scores:
        return []
    subjects = subjects_of(text, mentions)
    links = _respectively(text, sentence, subjects, scores) or _paired(
        text, sentence, subjects, scores
    )
    done = {id(link.number) for link in links}
    score_first = _opens_with_score(text, subjects, scores)
    last: Link | None = None
    for i, score in enumerate(scores):
        if id(score) in done:
            continue
        prev_bound = scores[i - 1].end if i else sentence.start
        next_bound = scores[i + 1].start if i + 1 < len(scores) else sentence.end
        before = [m for m in subjects if prev_bound <= m.start and m.end <= score.start]
        after = [m for m in subjects if score.end <= m.start and m.end <= next_bound]
        gap = text[score.end : after[0].start] if after else ""
        follows = bool(after) and bool(_SCORE_FIRST_GAP.match(gap)) and len(gap) <= 80
        link = None
        if (
            last is not None
            and not before
            and _TRANSITION_GAP.match(text[last.number.end : score.start])
        ):
            link = Link(score, last.mention, sentence, "change", last.confidence)
        elif (
            last is not None
            and not before
            and not after
            and _EARLIER_GAP.match(text[last.number.end : score.start])
        ):
            link = Link(score, last.mention, sentence, "earlier", last.confidence)
        elif (
            last is not None
            and not before
            and not after
            and _YEAR_PAIR_GAP.match(text[last.number.end : score.start])
        ):
            link = Link(score, last.mention, sentence, "year_pair", last.confidence)
        elif (
            follows
            and (score_first or _RECIPIENT_GAP.match(gap))
            and not _owns_next(text, after[0], scores, i)
        ):
            link = Link(score, after[0], sentence, "score_first", 0.8)
        elif (
            before
            and (owner := _relative_clause_owner(text, mentions, before[-1].end, score))
            not in (None, before[-1])
            and _COMPARISON_BEFORE.search(text[max(0, owner.start - 40) : owner.start])
        ):
            link = Link(score, owner, sentence, "before", 0.8)  # "seperti Y yang meraih N"
        elif before:
            owner = _appositive_owner(text, subjects, before, score, prev_bound)
            link = Link(score, owner, sentence, "before", 0.9)
            partner = _coordinated(text, before)
            if partner is not None:
                links.append(Link(score, partner, sentence, "shared", 0.7, ["shared_score"]))
                link.flags.append("shared_score")
        elif follows and _CONNECTOR_WORD.search(gap):
            link = Link(score, after[0], sentence, "score_first", 0.75)
        elif (owner := _relative_clause_owner(text, mentions, prev_bound, score)) is not None:
            link = Link(score, owner, sentence, "before", 0.75)
        elif (speaker := _speaker(text, score, speakers)) is not None:
            link = Link(score, speaker, sentence, "speaker", 0.7)
        elif not any(m.start < score.start for m in subjects):
            fallback = _previous_subject(text, sentence, score, previous)
            if fallback is not None:
                link = Link(score, fallback, sentence, "previous_sentence", 0.6)
        if link is not None:
            links.append(link)
            last = link
    return links


_APPOSITIVE = re.compile(
    r"^\s{0,2},\s{0,2}(?:yang|satu|dua|tiga|sebagai|selaku|bersama|setelah|meski|walau|usai)\b"
    r"[^,.;]{0,160},[^,.;\d]{0,60}$",
    re.IGNORECASE,
)
_RELATIVE_SCORE = re.compile(
    r"^\s{0,2}(?:yang\s+(?:hanya\s+|juga\s+)?)(?:meraih|memperoleh|mendapat\w{0,3}|mencatat\w{0,3}|"
    r"dengan|berada)\b[^,.;\d]{0,30}$",
    re.IGNORECASE,
)


def _appositive_owner(
    text: str, subjects: list[Any], before: list[Any], score: Number, floor: int
) -> Any:
    """ "X, yang bersama Y masuk lima besar, memperoleh nilai N": N is X's, not Y's."""
    for candidate in subjects:
        if candidate.start < floor or candidate.end > before[-1].start:
            continue
        if _APPOSITIVE.match(text[candidate.end : score.start]):
            return candidate
    return before[-1]


def _relative_clause_owner(text: str, mentions: list[Any], floor: int, score: Number) -> Any | None:
    """ "lebih tinggi dari Kabupaten Y yang meraih N": the compared body owns its own score."""
    between = [m for m in mentions if floor <= m.start and m.end <= score.start]
    if between and _RELATIVE_SCORE.match(text[between[-1].end : score.start]):
        return between[-1]
    return None


_FIRST_PERSON = re.compile(r"\b(?:kami|kita)\b", re.IGNORECASE)
_ATTRIBUTION = re.compile(
    r"[”\"]\s{0,2},?\s{0,2}(?:ujar|kata|ungkap|jelas|tutur|papar|sebut|tegas|terang|imbuh|tambah)"
    r"\w{0,4}\s{1,3}(?:(?:kepala|kadis|direktur|sekretaris|plt\.?|pj\.?)\s{1,3})?$",
    re.IGNORECASE,
)


def may_quote_speaker(text: str, scores: list[Number]) -> bool:
    """Whether one of `scores` may be a speaker's ("Nilai kami 86,20," ujar Kepala X).

    Only then does the linker read the mentions after the sentence (`speakers`); the test is
    the one `_speaker` makes first.
    """
    return any(_FIRST_PERSON.search(text[max(0, n.start - 80) : n.start]) for n in scores)


def _speaker(text: str, score: Number, speakers: list[Any] | None) -> Any | None:
    """ "Nilai kami 86,20," ujar Kepala UPT X: first-person scores belong to the speaker's body."""
    if not speakers:
        return None
    lead = text[max(0, score.start - 80) : score.start]
    if not _FIRST_PERSON.search(lead):
        return None
    for mention in speakers:
        if (
            mention.start > score.end
            and mention.start - score.end <= 250
            and _ATTRIBUTION.search(text[max(score.end, mention.start - 60) : mention.start])
        ):
            return mention
    return None


def _owns_next(text: str, mention: Any, scores: list[Number], i: int) -> bool:
    """ "untuk Bantul 66,67": the mention is followed by its own score, so it is no recipient."""
    if i + 1 >= len(scores):
        return False
    return bool(re.fullmatch(r"\s{0,2}[:=]?\s{0,2}", text[mention.end : scores[i + 1].start]))


def _opens_with_score(text: str, subjects: list[Any], scores: list[Number]) -> bool:
    """A sentence whose first score comes before any agency, or says "N untuk X", runs score-first."""
    first = scores[0]
    after = [m for m in subjects if m.start >= first.end]
    if not after:
        return False
    if not any(m.start < first.start for m in subjects):
        return True
    return bool(_RECIPIENT_GAP.match(text[first.end : after[0].start]))


def _coordinated(text: str, before: list[Any]) -> Any | None:
    """In "A dan B dengan nilai N" the score is shared: return A."""
    if len(before) < 2:
        return None
    a, b = before[-2], before[-1]
    if _COORDINATION_GAP.match(text[a.end : b.start]) and _name(a) != _name(b):
        if len(before) >= 3 and re.fullmatch(r"\s*,\s*", text[before[-3].end : a.start]):
            return None  # "A, B dan C": a list, not a pair
        return a
    return None


def _respectively(
    text: str, sentence: Sentence, subjects: list[Any], scores: list[Number]
) -> list[Link]:
    """ "A, B dan C … masing-masing N1; N2; dan N3": align mentions and scores by position."""
    match = _RESPECTIVELY.search(sentence.text)
    if not match:
        return []
    pivot = sentence.start + match.start()
    after = [s for s in scores if s.start > pivot]
    earlier_scores = [s for s in scores if s.end <= pivot]
    floor = earlier_scores[-1].end if earlier_scores else sentence.start
    group = [m for m in subjects if floor <= m.start and m.end <= pivot]
    group = _dedupe(group)
    if len(group) < 2 or len(after) < 2:
        return []
    return [
        Link(score, mention, sentence, "respectively", 0.8)
        for mention, score in zip(group, after, strict=False)
    ]


_PAIR_JOIN = re.compile(r"\s{0,2}(?:,|;)?\s{0,2}(?:dan|serta)?\s{0,2}")


def _paired(text: str, sentence: Sentence, subjects: list[Any], scores: list[Number]) -> list[Link]:
    """ "A dan B meraih nilai N1 dan N2": as many coordinated names as joined scores, in order.

    Only when every name comes before every score, the names are joined by commas/"dan", and
    the scores by commas/"dan" alone; one score after "A dan B" stays a shared score.
    """
    if len(scores) < 2 or len(subjects) != len(scores):
        return []
    if subjects[-1].end > scores[0].start or any(
        not _COORDINATION_GAP.match(text[a.end : b.start]) and text[a.end : b.start].strip() != ","
        for a, b in zip(subjects, subjects[1:], strict=False)
    ):
        return []
    if not all(
        _PAIR_JOIN.fullmatch(text, a.end, b.start) and text[a.end : b.start].strip()
        for a, b in zip(scores, scores[1:], strict=False)
    ):
        return []
    if len({_name(m) for m in subjects}) != len(subjects):
        return []
    return [
        Link(score, mention, sentence, "paired", 0.75)
        for mention, score in zip(subjects, scores, strict=True)
    ]


def _dedupe(mentions: list[Any]) -> list[Any]:
    out: list[Any] = []
    for m in mentions:
        if out and _name(out[-1]) == _name(m):
            continue
        out.append(m)
    return out


_GROUP_EXTREME = re.compile(r"\b(?:terendah|tertinggi|terbaik|terburuk|terbawah)\b", re.I)


def _previous_subject(
    text: str, sentence: Sentence, score: Number, previous: list[Any] | None
) -> Any | None:
    """ "Nilainya N": the score of the one agency the sentence before was about."""
    if not previous:
        return None
    names = {_name(m) for m in previous}
    lead = text[sentence.start : score.start]
    if _GROUP_EXTREME.search(lead):
        return None  # "Untuk OPD, skor terendah …": one of a group, not the agency before
    if len(names) == 1 or _BACK_REFERENCE.match(lead):
        return previous[0]
    return None


def _name(mention: Any) -> str:
    return getattr(mention, "canonical_name", None) or mention.surface
