"""Consensus per agency and assessment year, counting syndicated copies once.

Each story cluster (see `stories.py`) casts one vote for the score it reports (its most common
value if its copies differ). The consensus is the value most stories report; ties go to the value
reported first, then the lower value, so the result is deterministic. When stories disagree
(80,42 vs 80,43 is a typical typo), `conflict` is 1 and `competing_values` lists every value with
its number of stories, so a reader can check the quotes. A zone or category no outlet stated is
derived from the score with the year's published cut-offs (`scales.py`) and marked `derived`.
A score outside 0–100 (a typo such as 107, flagged `out_of_range`) never becomes a consensus; it
stays visible in `mentions`.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict

from db.scales import derive_category, derive_zone, normalize_category


def assessment_rows(mentions: list[dict], published_of: dict[str, str | None]) -> list[dict]:
    """One row per (agency_id, assessment_year) for mentions whose year is known."""
    grouped: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for m in mentions:
        if m["assessment_year"] is not None and _usable(m):
            grouped[(m["agency_id"], m["assessment_year"])].append(m)
    rows = []
    for (agency, year), ms in sorted(grouped.items()):
        rows.append(_consensus(agency, year, ms, published_of))
    return rows


def _usable(mention: dict) -> bool:
    flags = json.loads(mention["flags"] or "[]")
    return 0 <= mention["score"] <= 100 and "out_of_range" not in flags


def _consensus(agency: str, year: int, ms: list[dict], published_of: dict) -> dict:
    def when(m: dict) -> str:
        return published_of.get(m["article_url"]) or "9999"

    ms = sorted(ms, key=lambda m: (when(m), m["article_url"], m["start"]))
    by_story: dict[str, list[dict]] = defaultdict(list)
    for m in ms:
        by_story[m["story_id"] or m["article_url"]].append(m)
    story_value: dict[str, float] = {}
    for story, copies in by_story.items():
        counts = Counter(round(m["score"], 2) for m in copies)
        story_value[story] = min(counts, key=lambda v: (-counts[v], v))
    votes = Counter(story_value.values())
    first_seen = {}
    for m in ms:
        first_seen.setdefault(round(m["score"], 2), when(m))
    score = min(votes, key=lambda v: (-votes[v], first_seen[v], v))
    agreeing = [m for m in ms if round(m["score"], 2) == score]
    first = agreeing[0]

    zone, zone_source = _field(agreeing, "zone", "zone_source")
    if zone is None and (zone := derive_zone(score, year)):
        zone_source = "derived"
    category, category_source = _field(
        agreeing, "category", "category_source", lambda v: normalize_category(v, year)
    )
    if category is None and (category := derive_category(score, year)):
        category_source = "derived"
    competing = sorted(votes, key=lambda v: (-votes[v], first_seen[v], v))
    return {
        "agency_id": agency,
        "assessment_year": year,
        "agency_name": first["agency_name"],
        "government": first["government"],
        "region_code": first["region_code"],
        "province": None,
        "level": None,
        "agency_type": first["agency_type"],
        "score": score,
        "zone": zone,
        "zone_source": zone_source,
        "category": category,
        "category_source": category_source,
        "sources": len(by_story),
        "reports": len(ms),
        "first_reported": published_of.get(ms[0]["article_url"]),
        "first_article_url": first["article_url"],
        "quote": first["quote"],
        "conflict": int(len(votes) > 1),
        "competing_values": "; ".join(
            f"{_number(v)} ({votes[v]} {'story' if votes[v] == 1 else 'stories'})"
            for v in competing
        )
        if len(votes) > 1
        else None,
    }


def _field(
    ms: list[dict], name: str, source_name: str, normalize=lambda value: value
) -> tuple[str | None, str | None]:
    """Most common (normalised) value among mentions, preferring values an outlet stated."""
    for wanted in ("stated", None):
        values = Counter(
            normalize(m[name])
            for m in ms
            if m[name] and (wanted is None or m[source_name] == wanted)
        )
        if values:
            value = min(values, key=lambda v: (-values[v], v))
            sources = Counter(
                m[source_name]
                for m in ms
                if m[name] and normalize(m[name]) == value and m[source_name]
            )
            return value, (min(sources, key=lambda s: (-sources[s], s)) if sources else None)
    return None, None


def _number(value: float) -> str:
    """Indonesian decimal comma, as the news prints it: 80,42."""
    return f"{value:.2f}".replace(".", ",")
