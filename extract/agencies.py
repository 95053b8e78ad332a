"""Agency mentions in article text: regional governments, their units, vertical offices, ministries.

Every mention carries its canonical full name and the regional government it belongs to, with a
flag saying whether that government was written in the mention itself ("Dinkes Kota Magelang") or
taken from the article (`context`). Recognition is rule-based: short forms come from
`gazetteer/agencies.yaml`, region names from `extract.regions`, and all lists are compiled into
trie-shaped regexes so the cost stays linear in the text. (spaCy's `id` tokenizer was measured at
~8 s to load and ~45 ms per article, and splits forms like "Utara(TTU"; the regexes need neither.)

Not agencies: the Ombudsman itself and the province of its Perwakilan, people (a unit preceded by
"Kepala"/"Bupati" is returned but flagged `person_title`), "Zona Integritas".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from extract.gazetteer import compact_key, load_gazetteer, trie_pattern
from extract.regions import LEVELS, Region, RegionMention, find_region_mentions, region_by_code

PEMERINTAH_DAERAH = "pemerintah_daerah"
PERANGKAT_DAERAH = "perangkat_daerah"
PUSKESMAS = "puskesmas"
RUMAH_SAKIT = "rumah_sakit"
KECAMATAN = "kecamatan"
SEKOLAH = "sekolah"
VERTIKAL = "vertikal"
KEMENTERIAN = "kementerian"
LEMBAGA = "lembaga"


@dataclass
class AgencyMention:
    """One agency named in a text; `text[start:end] == surface`.

    `government` is the parent regional government ("Kabupaten Serang"); None for ministries,
    national agencies and vertical offices (whose served region is in `place`).
    """

    start: int
    end: int
    surface: str
    canonical_name: str
    agency_type: str
    abbreviation: str | None = None
    government: str | None = None
    region_code: str | None = None
    government_stated: bool = False
    bare_name: bool = False  # a region name alone ("Bantul"): the caller decides if it is an agency
    person_title: bool = False  # preceded by Bupati/Kepala/…: may name a person, not the body
    unit_name: str | None = None  # canonical name without the government ("Dinas Sosial")
    place: str | None = None  # region a vertical office serves ("Kabupaten Kupang")


def canonical_agency_name(mention: AgencyMention) -> str:
    """Full canonical name: "Dinas Sosial Kabupaten Serang", "Pemerintah Kabupaten Serang".

    Units and kecamatan get their government appended; Puskesmas, hospitals, schools and vertical
    offices have names of their own (the government stays in `government`).
    """
    unit = mention.unit_name or mention.canonical_name
    if mention.agency_type == PEMERINTAH_DAERAH:
        return f"Pemerintah {mention.government}" if mention.government else unit
    if mention.agency_type in (PERANGKAT_DAERAH, KECAMATAN) and mention.government:
        return f"{unit} {mention.government}"
    return unit


# --- compiled gazetteer -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Form:
    written: str  # as listed in the gazetteer
    full: str | None  # None: ambiguous, keep the surface
    kind: str  # perangkat_daerah | kementerian | lembaga


@dataclass
class _Gazetteer:
    forms: dict[str, _Form]
    form_pattern: re.Pattern
    unit_words: frozenset[str]
    lembaga_names: frozenset[str]


@cache
def _gazetteer() -> _Gazetteer:
    gaz = load_gazetteer("agencies")
    forms: dict[str, _Form] = {}
    for section in ("perangkat_daerah", "kementerian", "lembaga"):
        for written, full in (gaz.get(section) or {}).items():
            forms[compact_key(written)] = _Form(written, full, section)
    for written, _choices in (gaz.get("ambiguous") or {}).items():
        forms[compact_key(written)] = _Form(written, None, PERANGKAT_DAERAH)
    words = {w.lower() for w in gaz.get("unit_words") or []}
    for section in ("perangkat_daerah", "kementerian", "lembaga"):
        for full in (gaz.get(section) or {}).values():
            words.update(re.findall(r"[a-z]+", full.lower()))
    for choices in (gaz.get("ambiguous") or {}).values():
        for full in choices:
            words.update(re.findall(r"[a-z]+", full.lower()))
    # Head words and "lembaga" start a new name: "Dinas Kesehatan, Dinas Sosial" is two units.
    words -= {"dan", "serta", "di", "dinas", "badan", "kantor", "kementerian", "lembaga"}
    words -= {"satuan", "sekretariat", "inspektorat", "bagian", "unit", "komisi"}
    pattern = re.compile(
        r"(?<![\w/])(?P<form>(?i:" + trie_pattern([f.written for f in forms.values()]) + r"))"
        r"(?![\w]|/\w)"
    )
    lembaga = frozenset((gaz.get("lembaga") or {}).values())
    return _Gazetteer(forms, pattern, frozenset(words), lembaga)


def _form_case_ok(surface: str, form: _Form) -> bool:
    """Capitalised forms need a capital initial; forms listed in capitals need capitals."""
    letters = re.sub(r"[^A-Za-z]", "", form.written.split()[0])
    first = surface.split()[0]
    if letters.isupper():
        return re.sub(r"[^A-Za-z]", "", first).isupper()
    return surface[0].isupper()


# --- small regexes ------------------------------------------------------------------------------

_SPACE = r"[ \t\xa0]"  # spaces inside a line; a line break ends every name


def _rx(pattern: str) -> re.Pattern:
    """Compile `pattern` with each literal space standing for one space, tab or NBSP."""
    return re.compile(pattern.replace(" ", _SPACE))


_GAP = _rx(" *")
_NEXT_WORD = _rx(r"(?P<sep> +| *, *| *& *)(?P<word>[^\W\d_][\w'’]*(?:[/\-][^\W\d_][\w'’]*)*)")
_NAME_TOKEN = _rx(
    r" +(?P<word>(?:dr|Dr|drg|H|Hj|Prof|Ir)\.|[A-Z][\w'’]*(?:[.\-][A-Za-z]\w*)*\.?|\d\b|[IVX]{1,3}\b)"
)
_TITLES = re.compile(r"(?:dr|Dr|drg|H|Hj|Prof|Ir)\.")
_TITLES_AND_INITIALS = re.compile(r"(?:dr|Dr|drg|H|Hj|Prof|Ir|[A-Z])\.")  # "Prof. Dr. W. Z. …"
_DECIMAL_AFTER = re.compile(r"[.,]\s?\d")
_PAREN_ABBR = _rx(r" *\((?P<abbr>[A-Z][A-Za-z0-9]*(?:[\-/&][A-Za-z0-9]+)*)\)")
_ABBR_BEFORE = _rx(r"(?P<abbr>[A-Z][A-Za-z0-9]*(?:[\-/][A-Za-z0-9]+)*) *\($")

_MAX_NAME_WORDS = 24  # the longest real unit names have about 15 words
_CONNECTORS = frozenset({"dan", "serta", "&"})
_LEVEL_WORDS = frozenset(
    "kabupaten kab kota provinsi prov pemkab pemkot pemprov pemda pemerintah kotamadya".split()  # noqa: SIM905
)
# Capitalised short forms that may end a unit name: "Dinas Sosial PPPA".
_NAME_SUFFIXES = frozenset("PPPA P3A PMD KB PPKB P2KB UKM UMKM PTSP SDM PP TSP PM KUKM".split())  # noqa: SIM905
# Capitalised words that end a name written after RSUD/Puskesmas/Polres (headlines, verbs).
_NAME_STOP = frozenset(
    """terendah tertinggi raih meraih mendapat mendapatkan memperoleh menerima dengan yang dan
    zona nilai skor kategori predikat tahun masuk hijau kuning merah peringkat sebagai di ke dari
    pada untuk juga hanya berhasil sedangkan serta atau baca ini itu tersebut berada menjadi
    mencatat kabupaten kota provinsi pemkab pemkot pemprov pemda se dalam polres polresta
    polrestabes polda polsek jajaran wilayah""".split()  # noqa: SIM905
)

_UNIT_HEAD = _rx(
    r"(?<![\w/])(?P<head>(?i:dinas|badan|kantor|kementerian|satuan|sekretariat|inspektorat|bagian))"
    r"(?= )"
)
_HEAD_TYPE = dict.fromkeys(
    ("dinas", "badan", "kantor", "satuan", "sekretariat", "inspektorat", "bagian"), PERANGKAT_DAERAH
)
_HEAD_TYPE["kementerian"] = KEMENTERIAN
# Kinds of body rather than bodies: "Satuan Kerja", "Badan Usaha" name no one in particular.
_GENERIC_NAMES = frozenset(
    {
        "satuan kerja",
        "satuan kerja perangkat daerah",
        "badan usaha",
        "badan layanan umum",
        "badan layanan umum daerah",
        "kantor pelayanan",
        "dinas daerah",
        "badan daerah",
    }
)
# "Kantor Pertanahan", "Kantor Wilayah", "Kantor Camat" … have their own rules.
_KANTOR_OTHER = frozenset(
    {"pertanahan", "wilayah", "camat", "imigrasi", "kementerian", "bpn", "pusat", "kecamatan"}
)

_NAMED_HEAD = _rx(
    r"(?<![\w/])(?P<head>"
    r"(?P<upt>(?:UPTD?|Unit +Pelaksana +Teknis(?: +Daerah)?) +)?"
    r"(?P<pkm>Puskesmas|PUSKESMAS|Pusat +Kesehatan +Masyarakat|Pustu)"
    r"|(?P<rs>RSUD|Rumah +Sakit +Umum +Daerah|RSU)"
    r"|(?P<kec>Kecamatan|Kec\.|Kantor +Camat|Kantor +Kecamatan)"
    r")(?= )"
)
_SCHOOL = _rx(
    r"(?<![\w/])(?P<kind>SMAN|SMPN|SDN|SMKN|SLBN|(?:SMA|SMP|SD|SMK|SLB) +Negeri) *(?P<num>\d{1,3})\b"
)
_SCHOOL_BASE = {"SMAN": "SMA", "SMPN": "SMP", "SDN": "SD", "SMKN": "SMK", "SLBN": "SLB"}

_POLICE = _rx(
    r"(?<![\w/])(?P<sat>(?:Satpas|Sat ?Lantas|Satlantas) +)?"
    r"(?P<kind>Polrestabes|Polresta|Polres|Polda|Polsek|POLRES|POLDA"
    r"|Kepolisian +(?:Resor|Resort|Daerah|Sektor)(?: +Kota(?: +Besar)?)?)(?= )"
)
_POLICE_NAME = {
    "polres": "Kepolisian Resor",
    "polresta": "Kepolisian Resor Kota",
    "polrestabes": "Kepolisian Resor Kota Besar",
    "polda": "Kepolisian Daerah",
    "polsek": "Kepolisian Sektor",
}
_LEVEL_AFTER = _rx(r" +(?P<lvl>Kota|Kabupaten)\b(?! +[A-Z])")  # "Polres Kupang Kota"
_BPN = r"(?:ATR */ *BPN|BPN|Badan +Pertanahan +Nasional|Agraria +dan +Tata +Ruang */ *Badan +Pertanahan +Nasional)"
_LAND = _rx(
    r"(?<![\w/])(?P<kind>"
    rf"(?P<kanwil>(?:Kanwil|Kantor +Wilayah) +(?:Kementerian +)?{_BPN}(?: *\((?:ATR */ *BPN|BPN)\))?)"
    r"|Kantah|Kantor +Pertanahan(?: *\(Kantah\))?|Kantor +(?:ATR */ *)?BPN"
    r")(?= )"
)
_KANWIL_BEFORE = _rx(r"(?:Kanwil|Kantor +Wilayah) +$")
_BARE_PEM = re.compile(r"(?<![\w/])(?P<pem>Pemkab|Pemkot|Pemprov|Pemda)(?![\w/])")
_PEM_LEVEL = {"pemkab": "kabupaten", "pemkot": "kota", "pemprov": "provinsi", "pemda": None}

_OMBUDSMAN = _rx(
    r"(?i:omb(?:udsman|dusman))"
    r"(?: +(?:Republik +Indonesia|RI|R\.I\.)| *\((?:RI|ORI)\)| +(?i:perwakilan|wilayah|provinsi|prov\.|di))*"
    r" +"
)
_PERWAKILAN = _rx(r"(?<!\w)Perwakilan +(?:(?:Provinsi|Prov\.) +)?")
_SE_BEFORE = _rx(r"(?<!\w)(?i:se)(?:-| )$")  # "se-Kaltim": everywhere in Kaltim, not a body
_PAREN_AFTER = _rx(r" *\([^()\n]{1,25}\)")
_WALI_BEFORE = _rx(r"(?<!\w)Wali +$")
_PERSON_BEFORE = _rx(
    r"(?:(?P<kabu>Bupati|Wabup)|(?P<kota>Wali *[Kk]ota|Walikota|Walkot)|(?P<prov>Gubernur|Wagub)"
    r"|Kepala|Sekda|Sekretaris(?: +Daerah)?|Plt\.?|Pj\.?|Penjabat|Asisten|Ketua"
    r"|Kadis\w*|Kaban\w*|Kabag\w*|Kasat\w*|Kapolres\w*|Kapolda|Kakanwil|Kakantah|Camat|Lurah)"
    r"(?: *\([^()\n]{1,15}\))? +$"
)
_LINGKUNGAN = _rx(r"(?i:lingkungan|jajaran) +$")


# --- the finder ---------------------------------------------------------------------------------


@dataclass
class _Candidate:
    mention: AgencyMention
    priority: int  # breaks ties between spans of equal length


@lru_cache(maxsize=8)
def _region_mentions(text: str) -> tuple[RegionMention, ...]:
    """Region mentions of a text; cached because callers run article_government first."""
    return tuple(find_region_mentions(text))


# "BONTANG, Samarinda Daily – …", "TELISIK | MEDAN – …", "Jambi, Gatra.com – …": the place a story
# was filed from and the outlet's name open the first line; neither is a body that gets a score.
_DATELINE = re.compile(
    r"(?m)^[ \t]{0,3}(?P<line>(?P<first>[^\W\d_][\w.'’&-]*)(?:[ \t,|/()]{1,3}[\w.'’&-]+){0,7}?"
    r"[ \t]{0,2}\)?)[ \t]{0,2}[–—-](?=[ \t]{0,2}[\"“A-Z])"
)


_BODY_WORDS = re.compile(
    r"\b(?i:kabupaten|kota|kab|pemkab|pemkot|pemprov|pemda|provinsi|dinas|badan|polres|"
    r"puskesmas|rsud|kantor|kecamatan)\b"
)


def _dateline_spans(text: str) -> list[tuple[int, int]]:
    """The dateline: the first short line opening before a dash, with a comma/bar or in capitals.

    Only one, near the top, and never a line naming a kind of body ("KOTA BANTUL - …" in a
    list, "Kota A, Kabupaten B – keduanya …").
    """
    for match in _DATELINE.finditer(text, 0, min(len(text), 800)):
        line = match.group("line")
        first = re.sub(r"[^A-Za-z]", "", match.group("first"))
        if len(line) > 60 or _BODY_WORDS.search(line):
            continue
        wire = re.search(r"\([A-Z][A-Za-z.]{1,20}\)", line)  # "Bandung (ANTARA) -"
        if "," in line or "|" in line or wire or (len(first) >= 3 and first.isupper()):
            return [(match.start("line"), match.end("line"))]
    return []


class _Scan:
    """State of one pass over a text: region mentions by start, blocked (Ombudsman) spans."""

    def __init__(self, text: str, context: Region | None, datelines: bool = False):
        self.text = text
        self.context = context
        blocked: list[tuple[int, int]] = _dateline_spans(text) if datelines else []
        regions = _region_mentions(text)
        by_start = {m.start: m for m in regions}
        for pattern in (_OMBUDSMAN, _PERWAKILAN):
            for match in pattern.finditer(text):
                after = by_start.get(match.end())
                if after is not None and (pattern is _OMBUDSMAN or after.prefix is None):
                    # "… Perwakilan Sulawesi Utara (Sulut)": the short form is the same office.
                    paren = _PAREN_AFTER.match(text, after.end)
                    blocked.append((match.start(), paren.end() if paren else after.end))
                elif pattern is _OMBUDSMAN:
                    blocked.append((match.start(), match.end()))
        self.blocked = _Spans(len(text))
        for start, end in blocked:
            self.blocked.add(start, end)
        self.regions = [
            m
            for m in regions
            if not self.is_blocked(m.start, m.end)
            and not _SE_BEFORE.search(text, max(0, m.start - 4), m.start)
        ]
        self.region_at = {m.start: m for m in self.regions}
        self.definitions: dict[str, tuple[str, str]] = {}  # abbreviation -> (name, type)

    def is_blocked(self, start: int, end: int) -> bool:
        return self.blocked.overlaps(start, end)

    def place_after(self, pos: int) -> RegionMention | None:
        """The region mention that starts after spaces at `pos`, if any."""
        return self.region_at.get(_GAP.match(self.text, pos).end())

    def person_title(self, start: int) -> str | None:
        """The title before `start` ("Bupati" -> "kabupaten", "Kepala" -> "person"), or None."""
        text = self.text
        if text.startswith("Kota", start) and _WALI_BEFORE.search(text, max(0, start - 12), start):
            return "kota"  # "Wali Kota Serang": the region pattern took "Kota Serang"
        match = _PERSON_BEFORE.search(text, max(0, start - 40), start)
        if match is None:
            return None
        for level in ("kabupaten", "kota", "provinsi"):
            if match.group(level[:4]):
                return level
        return "person"

    def resolve(self, place: RegionMention, level: str | None = None) -> Region | None:
        """The region a place mention means, using `level` and the article context for ties."""
        if place.region is not None:
            return place.region
        candidates = place.candidates
        if level:
            at_level = [r for r in candidates if r.level == level]
            if len(at_level) == 1:
                return at_level[0]
        if self.context is not None and self.context in candidates:
            return self.context
        if self.context is not None and self.context.level == "provinsi":
            # A province-level article naming "Jambi" or "Gorontalo" compares provinces.
            provinces = [r for r in candidates if r.level == "provinsi"]
            if len(provinces) == 1:
                return provinces[0]
        return None

    def mention(
        self,
        start: int,
        end: int,
        unit_name: str,
        agency_type: str,
        *,
        place: RegionMention | None = None,
        abbreviation: str | None = None,
        inherits_government: bool = True,
    ) -> AgencyMention:
        """A unit mention: government from the written place, else from the article context."""
        government: Region | None = None
        stated = False
        if place is not None:
            government = self.resolve(place)
            stated = True
        elif inherits_government and self.context is not None:
            government = self.context
        mention = AgencyMention(
            start=start,
            end=end,
            surface=self.text[start:end],
            canonical_name=unit_name,
            agency_type=agency_type,
            abbreviation=abbreviation,
            government=government.name if government else None,
            region_code=government.code if government else None,
            government_stated=stated and government is not None,
            person_title=self.person_title(start) is not None,
            unit_name=unit_name,
        )
        mention.canonical_name = canonical_agency_name(mention)
        return mention


def find_agency_mentions(text: str, context: Region | None = None) -> list[AgencyMention]:
    """Every agency mention in `text`, sorted by position, non-overlapping (longest wins).

    `context` is the article's parent government (see `article_government`); units written
    without a place ("Dinsos") take it, with `government_stated=False`.
    """
    if not isinstance(text, str) or not text:
        return []
    scan = _Scan(text, context, datelines=True)
    candidates: list[_Candidate] = []
    candidates += _long_units(scan)
    candidates += _named_units(scan)
    candidates += _schools(scan)
    candidates += _police(scan)
    candidates += _land_offices(scan)
    candidates += _short_forms(scan)
    candidates += _defined_forms(scan)
    candidates += _governments(scan)
    candidates += _bare_pem(scan)
    return _select(candidates, scan)


class _Spans:
    """Non-overlapping character spans of one text; checks cost the span's length, not the count."""

    def __init__(self, size: int) -> None:
        self.taken = bytearray(size)

    def overlaps(self, start: int, end: int) -> bool:
        return self.taken.find(1, start, end) != -1

    def add(self, start: int, end: int) -> None:
        self.taken[start:end] = b"\x01" * (end - start)


def _select(candidates: list[_Candidate], scan: _Scan) -> list[AgencyMention]:
    chosen: list[AgencyMention] = []
    taken = _Spans(len(scan.text))
    ordered = sorted(
        candidates,
        key=lambda c: (-(c.mention.end - c.mention.start), -c.priority, c.mention.start),
    )
    for cand in ordered:
        m = cand.mention
        if m.start == m.end or scan.is_blocked(m.start, m.end) or taken.overlaps(m.start, m.end):
            continue
        taken.add(m.start, m.end)
        chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


def _consume_unit_words(scan: _Scan, pos: int) -> tuple[list[str], int]:
    """Words of a unit's long name after its head word, stopping at a place or a foreign word."""
    text = scan.text
    words_ = _gazetteer().unit_words
    words: list[str] = []
    end = pos
    pending: list[str] = []
    while len(words) < _MAX_NAME_WORDS:
        match = _NEXT_WORD.match(text, pos)
        if not match:
            break
        word = match.group("word")
        low = word.lower()
        if match.start("word") in scan.region_at or low in _LEVEL_WORDS:
            break
        sep = match.group("sep")
        if "&" in sep:
            pending.append("&")
        if low in _CONNECTORS:
            pending.append(low)
            pos = match.end()
            continue
        if not (low in words_ or word in _NAME_SUFFIXES):
            fixed = _misspelt_unit_word(word)
            if fixed is None:
                break
            word = fixed
        if "," in sep:
            pending.insert(0, ",")
        words.extend(pending)
        pending = []
        words.append(word)
        pos = end = match.end()
    return words, end


@lru_cache(maxsize=1024)
def _misspelt_unit_word(word: str) -> str | None:
    """The unit word a capitalised word misspells ("Pencatatn", "Pendidkan"), if any.

    One edit for words of six to nine letters, two from ten; the first letter must agree and
    the word must be capitalised as part of a name, so ordinary words ("menerima") stay out.
    """
    if len(word) < 6 or not word[0].isupper() or not word[1:].islower() or not word.isalpha():
        return None
    low = word.lower()
    limit = 1 if len(low) < 10 else 2
    choices = [
        w for w in _gazetteer().unit_words if w[0] == low[0] and abs(len(w) - len(low)) <= limit
    ]
    found = process.extractOne(low, choices, scorer=Levenshtein.distance, score_cutoff=limit)
    return found[0] if found else None


def _join_name(head: str, words: list[str]) -> str:
    """ "Dinas" + ["Penanaman", "Modal", "dan", "perizinan"] -> "Dinas Penanaman Modal dan Perizinan"."""
    out = head[:1].upper() + head[1:].lower()
    for word in words:
        if word == ",":
            out += ","
        elif word in _CONNECTORS or word.isupper() and (word in _NAME_SUFFIXES or len(word) <= 4):
            out += " " + word
        else:
            out += " " + word[:1].upper() + word[1:].lower()
    return out


def _long_units(scan: _Scan) -> list[_Candidate]:
    """ "Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil) Kota Malang" and kin."""
    text = scan.text
    gaz = _gazetteer()
    out: list[_Candidate] = []
    for match in _UNIT_HEAD.finditer(text):
        head = match.group("head")
        if not head[0].isupper():
            continue
        key = head.lower()
        nxt = _NEXT_WORD.match(text, match.end())
        if key == "kantor" and nxt and nxt.group("word").lower() in _KANTOR_OTHER:
            continue
        words, end = _consume_unit_words(scan, match.end())
        if not words:
            continue
        name = _join_name(head, words)
        if name.lower() in _GENERIC_NAMES:
            continue
        agency_type = _HEAD_TYPE[key]
        if agency_type == PERANGKAT_DAERAH and (
            name in gaz.lembaga_names or {"Nasional", "Pusat"} & set(name.split())
        ):
            agency_type = LEMBAGA
        abbreviation = None
        paren = _PAREN_ABBR.match(text, end)
        if paren:
            abbreviation = paren.group("abbr")
            end = paren.end()
        before = _ABBR_BEFORE.search(text, max(0, match.start() - 20), match.start())
        if before and compact_key(before.group("abbr")) != compact_key(head):
            scan.definitions.setdefault(before.group("abbr"), (name, agency_type))
        if abbreviation:
            scan.definitions[abbreviation] = (name, agency_type)
        out.append(_unit_candidate(scan, match.start(), end, name, agency_type, abbreviation))
    return out


def _unit_candidate(
    scan: _Scan,
    start: int,
    end: int,
    name: str,
    agency_type: str,
    abbreviation: str | None,
    priority: int = 2,
) -> _Candidate:
    """A unit with an optional place right after it; ministries with a place are vertical."""
    place = scan.place_after(end)
    if agency_type in (KEMENTERIAN, LEMBAGA):
        if place is None:
            return _Candidate(
                scan.mention(
                    start,
                    end,
                    name,
                    agency_type,
                    abbreviation=abbreviation,
                    inherits_government=False,
                ),
                priority,
            )
        return _Candidate(_vertical(scan, start, place.end, name, place, abbreviation), priority)
    if place is not None:
        end = place.end
    return _Candidate(
        scan.mention(start, end, name, agency_type, place=place, abbreviation=abbreviation),
        priority,
    )


def _place_label(scan: _Scan, place: RegionMention, *, province: bool = False) -> str:
    """How a vertical office's place is named: the region's name, or as written if ambiguous."""
    region = scan.resolve(place)
    if region is None:
        return re.sub(r"\s+", " ", place.surface)
    if province or place.explicit_level:
        return region.name
    return region.short_name


def _vertical(
    scan: _Scan,
    start: int,
    end: int,
    office: str,
    place: RegionMention | None,
    abbreviation: str | None,
    label: str | None = None,
) -> AgencyMention:
    region = scan.resolve(place) if place is not None else None
    if label is None and place is not None:
        label = _place_label(scan, place)
    name = f"{office} {label}" if label else office
    return AgencyMention(
        start=start,
        end=end,
        surface=scan.text[start:end],
        canonical_name=name,
        agency_type=VERTIKAL,
        abbreviation=abbreviation,
        person_title=scan.person_title(start) is not None,
        unit_name=name,
        place=region.name if region else label,
    )


def _written_name(
    scan: _Scan, pos: int, *, digits: bool = False, initials: bool = False
) -> tuple[str, int]:
    """Capitalised name words after `pos` ("Panembahan Senopati", "Kebumen 1"), at most seven."""
    text = scan.text
    words: list[str] = []
    end = pos
    while len(words) < 7:
        match = _NAME_TOKEN.match(text, end)
        if not match:
            break
        word = match.group("word")
        if word.lower().rstrip(".") in _NAME_STOP:
            break
        if (word[0].isdigit() or word in ("I", "II", "III", "IV")) and not (
            digits and words and len(word) <= 2 and not _DECIMAL_AFTER.match(text, match.end())
        ):
            break
        if match.start("word") in scan.region_at and scan.region_at[match.start("word")].prefix:
            break
        words.append(word)
        end = match.end()
        titles = _TITLES_AND_INITIALS if initials else _TITLES
        if word.endswith(".") and not titles.fullmatch(word):
            end -= 1
            words[-1] = word[:-1]
            break
    return " ".join(words), end


def _named_units(scan: _Scan) -> list[_Candidate]:
    """Puskesmas, RSUD and Kecamatan with their own names; place only when written after."""
    text = scan.text
    out: list[_Candidate] = []
    for match in _NAMED_HEAD.finditer(text):
        place = scan.place_after(match.end())
        if match.group("rs") and place is not None:
            # "RSUD Kota Yogyakarta", "RSUD Banten": the hospital of that government.
            name = f"Rumah Sakit Umum Daerah {_place_label(scan, place)}"
            abbreviation = "RSUD" if match.group("rs").startswith("RS") else None
            out.append(
                _Candidate(
                    scan.mention(
                        match.start(),
                        place.end,
                        name,
                        RUMAH_SAKIT,
                        place=place,
                        abbreviation=abbreviation,
                    ),
                    2,
                )
            )
            continue
        written, end = _written_name(
            scan, match.end(), digits=bool(match.group("pkm")), initials=bool(match.group("rs"))
        )
        if not written:
            continue
        if match.group("pkm"):
            upt = match.group("upt")
            prefix = ""
            if upt:
                prefix = (
                    "UPTD " if upt.strip().upper().startswith("UPTD") or "Daerah" in upt else "UPT "
                )
            name, agency_type = f"{prefix}Puskesmas {written}", PUSKESMAS
            abbreviation = upt.strip() if upt else None
        elif match.group("rs"):
            name, agency_type = f"Rumah Sakit Umum Daerah {written}", RUMAH_SAKIT
            abbreviation = "RSUD" if match.group("rs").startswith("RS") else None
        else:
            name, agency_type, abbreviation = f"Kecamatan {written}", KECAMATAN, None
        place = scan.place_after(end)
        if place is not None and place.prefix:
            end = place.end
        else:
            place = None
        out.append(
            _Candidate(
                scan.mention(
                    match.start(), end, name, agency_type, place=place, abbreviation=abbreviation
                ),
                2,
            )
        )
    return out


def _schools(scan: _Scan) -> list[_Candidate]:
    """ "SMAN 1 Pontang", "SMP Negeri 5 Yogyakarta": SMA/SMK/SLB belong to the province."""
    text = scan.text
    out: list[_Candidate] = []
    for match in _SCHOOL.finditer(text):
        kind = match.group("kind")
        base = _SCHOOL_BASE.get(kind, kind.split()[0])
        full = f"{base} Negeri"
        end = match.end()
        place = scan.place_after(end)
        if place is not None:
            label = re.sub(r"\s+", " ", place.surface)
            end = place.end
        else:
            label, end = _written_name(scan, end)
        name = f"{full} {match.group('num')}" + (f" {label}" if label else "")
        mention = scan.mention(match.start(), end, name, SEKOLAH, place=place, abbreviation=kind)
        region = scan.resolve(place) if place is not None else scan.context
        if region is not None and base in ("SMA", "SMK", "SLB") and region.level != "provinsi":
            province = region_by_code(region.province_code)
            mention.government, mention.region_code = province.name, province.code
        out.append(_Candidate(mention, 2))
    return out


def _police(scan: _Scan) -> list[_Candidate]:
    """Polres/Polresta/Polda X (and Satpas Polres X): vertical, government None."""
    text = scan.text
    out: list[_Candidate] = []
    for match in _POLICE.finditer(text):
        kind = re.sub(r"\s+", " ", match.group("kind"))
        office = _POLICE_NAME.get(kind.lower())
        if office is None:  # written out: "Kepolisian Resor Kota"
            office = kind.replace("Resort", "Resor")
        if match.group("sat"):
            sat = match.group("sat").strip().lower().replace(" ", "")
            unit = (
                "Satuan Penyelenggara Administrasi SIM" if sat == "satpas" else "Satuan Lalu Lintas"
            )
            office = f"{unit} {office}"
        place = scan.place_after(match.end())
        region = scan.resolve(place) if place is not None else None
        if place is not None and office.endswith("Kepolisian Daerah"):
            if region is not None and region.level == "provinsi":
                label = region.province_name
            else:  # "Polda Metro Jaya": not the Kota Metro of Lampung
                place = region = None
        elif place is not None:
            city_level = office.endswith(("Kota", "Kota Besar"))
            label = region.short_name if city_level and region else _place_label(scan, place)
        if place is not None:
            end = place.end
        else:
            label, end = _written_name(scan, match.end())
            if not label or label.lower().startswith("se-"):
                continue  # "Polres di …", "Polres se-Maluku": police in general
        tail = _LEVEL_AFTER.match(text, end)
        if tail:
            label += " " + tail.group("lvl")
            end = tail.end()
        abbreviation = kind if kind.lower() in _POLICE_NAME else None
        out.append(
            _Candidate(_vertical(scan, match.start(), end, office, place, abbreviation, label), 3)
        )
    return out


def _land_offices(scan: _Scan) -> list[_Candidate]:
    """Kantah/Kantor Pertanahan X and Kanwil BPN X: vertical, government None."""
    out: list[_Candidate] = []
    for match in _LAND.finditer(scan.text):
        place = scan.place_after(match.end())
        if place is None:
            continue
        if match.group("kanwil"):
            office = "Kantor Wilayah Badan Pertanahan Nasional"
            label = _place_label(scan, place, province=True)
        else:
            office = "Kantor Pertanahan"
            region = scan.resolve(place)
            label = region.name if region else re.sub(r"\s+", " ", place.surface)
        kind = match.group("kind")
        abbreviation = "Kantah" if kind.startswith("Kantah") else None
        if kind.startswith("Kanwil"):
            abbreviation = "Kanwil BPN"
        out.append(
            _Candidate(
                _vertical(scan, match.start(), place.end, office, place, abbreviation, label), 3
            )
        )
    return out


def _short_forms(scan: _Scan) -> list[_Candidate]:
    """Gazetteer short forms (Dinsos, DPMPTSP, Kemenag, BPOM …), with a place when written."""
    gaz = _gazetteer()
    out: list[_Candidate] = []
    for match in gaz.form_pattern.finditer(scan.text):
        surface = match.group("form")
        form = gaz.forms.get(compact_key(surface))
        if form is None or not _form_case_ok(surface, form):
            continue
        defined = scan.definitions.get(surface)
        if defined:
            name, agency_type = defined
        else:
            name, agency_type = form.full or surface, form.kind
        kanwil = _KANWIL_BEFORE.search(scan.text, max(0, match.start() - 20), match.start())
        start = kanwil.start() if kanwil else match.start()
        if kanwil and agency_type == KEMENTERIAN:
            place = scan.place_after(match.end())
            if place is not None:
                label = _place_label(scan, place, province=True)
                out.append(
                    _Candidate(
                        _vertical(
                            scan, start, place.end, f"Kantor Wilayah {name}", place, surface, label
                        ),
                        1,
                    )
                )
                continue
        end = match.end()
        suffix = _SUFFIX_ABBR.match(scan.text, end)
        if (
            suffix
            and agency_type == PERANGKAT_DAERAH
            and _is_name_suffix(suffix.group("abbr"))
            and suffix.start("abbr") not in scan.region_at
            and compact_key(suffix.group("abbr")) not in gaz.forms
        ):
            end = suffix.end()  # "Dinsos P3AKB", "Dinkes P2KB": one unit with its extra remit
            name = f"{name} {suffix.group('abbr')}"
            surface = scan.text[match.start() : end]
        out.append(_unit_candidate(scan, match.start(), end, name, agency_type, surface, 1))
    return out


_SUFFIX_ABBR = _rx(r" (?P<abbr>[A-Z][A-Z0-9]{1,7})(?![\w/])")


def _is_name_suffix(abbr: str) -> bool:
    """A remit short form that extends a unit's name: listed, or P-initial ("PMD", "P3AKB")."""
    return abbr in _NAME_SUFFIXES or (abbr[0] == "P" and len(abbr) >= 3)


def _defined_forms(scan: _Scan) -> list[_Candidate]:
    """Short forms the article itself defined ("… Satu Pintu (DPMPTSP)"), wherever they recur."""
    if not scan.definitions:
        return []
    pattern = re.compile(
        r"(?<![\w/])(?:"
        + "|".join(re.escape(a) for a in sorted(scan.definitions, key=len, reverse=True))
        + r")(?![\w]|/\w)"
    )
    out: list[_Candidate] = []
    for match in pattern.finditer(scan.text):
        name, agency_type = scan.definitions[match.group(0)]
        out.append(
            _unit_candidate(scan, match.start(), match.end(), name, agency_type, match.group(0), 3)
        )
    return out


def _governments(scan: _Scan) -> list[_Candidate]:
    """Every region mention as a regional government ("Pemkab Serang", "Kabupaten Serang", "Bantul")."""
    out: list[_Candidate] = []
    for i, place in enumerate(scan.regions):
        title = scan.person_title(place.start)
        level = title if title in LEVELS else None
        region = scan.resolve(place, level)
        if region is None and level is None and place.prefix is None:
            region = _peer_level_region(scan, i) or _lead_in_level_region(scan, place)
        prefix = place.prefix or ""
        pem = re.match(r"(?i)(pemkab|pemkot|pemprov|pemda)\b", prefix)
        mention = AgencyMention(
            start=place.start,
            end=place.end,
            surface=place.surface,
            canonical_name=place.surface,
            agency_type=PEMERINTAH_DAERAH,
            abbreviation=pem.group(1) if pem else None,
            government=region.name if region else None,
            region_code=region.code if region else None,
            government_stated=region is not None,
            bare_name=place.prefix is None,
            person_title=title is not None,
        )
        mention.canonical_name = canonical_agency_name(mention)
        out.append(_Candidate(mention, 0))
    return out


_LIST_GAP = re.compile(r"[ \t]{0,2}(?:\([^()\n]{0,12}\))?[ \t]{0,2}(?:,|;|dan|serta)[ \t]{1,3}")


def _peer_level_region(scan: _Scan, i: int) -> Region | None:
    """ "Sumbar (81,64), Jambi (79,20) dan Babel (69,33)": a name shared by a province and a
    city means the province when its list neighbours are provinces (and a kota among kota)."""
    place = scan.regions[i]
    neighbours = []
    if i > 0 and _LIST_GAP.fullmatch(scan.text, scan.regions[i - 1].end, place.start):
        neighbours.append(scan.regions[i - 1])
    if i + 1 < len(scan.regions) and _LIST_GAP.fullmatch(
        scan.text, place.end, scan.regions[i + 1].start
    ):
        neighbours.append(scan.regions[i + 1])
    levels = {n.region.level if n.region else None for n in neighbours}
    if len(levels) != 1 or None in levels:
        return None
    same = [r for r in place.candidates if r.level in levels]
    return same[0] if len(same) == 1 else None


# "Pemerintah kota: Magelang 99,47; …", "Kabupaten: A, B": a list line that names its level.
_LEVEL_LEAD_IN = re.compile(
    r"[ \t\W]{0,4}(?:(?:pemerintah|pemda)[ \t]+)?(?:(?P<kab>kabupaten|kab\.?|pemkab)|"
    r"(?P<kot>kota|kotamadya|pemkot)|(?P<pro>provinsi|prov\.?|pemprov))[ \t]{0,2}"
    r"(?:\([^()\n]{0,20}\))?[ \t]{0,2}:",
    re.IGNORECASE,
)


def _lead_in_level_region(scan: _Scan, place: RegionMention) -> Region | None:
    """A bare name shared by levels, in a line whose lead-in states the level, is of that level."""
    line_start = scan.text.rfind("\n", 0, place.start) + 1
    lead = _LEVEL_LEAD_IN.match(scan.text, line_start, place.start)
    if lead is None:
        return None
    level = "kabupaten" if lead.group("kab") else "kota" if lead.group("kot") else "provinsi"
    same = [r for r in place.candidates if r.level == level]
    return same[0] if len(same) == 1 else None


def _bare_pem(scan: _Scan) -> list[_Candidate]:
    """A lone "Pemkot"/"Pemkab" refers to the article's government when the level fits."""
    context = scan.context
    if context is None:
        return []
    out: list[_Candidate] = []
    for match in _BARE_PEM.finditer(scan.text):
        level = _PEM_LEVEL[match.group("pem").lower()]
        if level is not None and level != context.level:
            continue
        mention = AgencyMention(
            start=match.start(),
            end=match.end(),
            surface=match.group(0),
            canonical_name=f"Pemerintah {context.name}",
            agency_type=PEMERINTAH_DAERAH,
            abbreviation=match.group(0),
            government=context.name,
            region_code=context.code,
            government_stated=False,
            person_title=scan.person_title(match.start()) is not None,
        )
        out.append(_Candidate(mention, 0))
    return out


# --- the article's own government ---------------------------------------------------------------


def article_government(text: str) -> Region | None:
    """The regional government an article is about, or None when no single one stands out.

    Votes: each explicit government mention ("Pemkab Serang", "Kota Serang") counts 1, one after
    "di lingkungan" counts 3, a head of region ("Bupati Serang") 1, a bare unique name 0.5.
    Mentions of the Ombudsman's own Perwakilan do not vote.
    """
    if not isinstance(text, str) or not text:
        return None
    scan = _Scan(text, None, datelines=True)
    votes: Counter[Region] = Counter()
    for place in scan.regions:
        title = scan.person_title(place.start)
        level = title if title in LEVELS else None
        region = scan.resolve(place, level)
        if region is None:
            continue
        if place.explicit_level or place.prefix:
            weight = 3.0 if _LINGKUNGAN.search(text, max(0, place.start - 20), place.start) else 1.0
        elif level is not None:
            weight = 1.0
        else:
            weight = 0.5
        votes[region] += weight
    if not votes:
        return None
    ranked = votes.most_common(2)
    top_region, top = ranked[0]
    if len(ranked) > 1 and ranked[1][1] >= top:
        return None
    if len(ranked) > 1 and top < 2:
        return None
    return top_region
