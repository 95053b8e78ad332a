"""Group syndicated copies of one story so that a score reprinted by ten outlets counts once.

Regional news is heavily syndicated (Antara copy, a press release pasted by several portals).
Two articles belong to one story when the Jaccard similarity of their word 5-shingle sets is at
least 0.8. Candidate pairs come from a bottom-k sketch (the k smallest shingle hashes of each text):
near-identical texts share most of them, so only articles sharing a sketch hash are compared
exactly. Everything is deterministic: no hash here depends on Python's per-process salt.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable

SHINGLE_WORDS = 5
THRESHOLD = 0.8
SKETCH_SIZE = 16
MAX_BUCKET = 200  # a sketch hash shared by more texts is boilerplate, not a story

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[int]:
    """Hashes of every run of `size` consecutive lower-cased words.

    Words become CRC-32 ids (deterministic, unlike the salted `hash()` of a str); a run of ids is
    hashed as a tuple of ints, which Python hashes without salt. Both are C-speed.
    """
    ids = [zlib.crc32(word.encode()) for word in _WORD.findall(text.casefold())]
    if len(ids) < size:
        return frozenset([hash(tuple(ids))]) if ids else frozenset()
    return frozenset(hash(tuple(ids[i : i + size])) for i in range(len(ids) - size + 1))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def cluster_stories(
    articles: Iterable[tuple[str, str, str | None]], threshold: float = THRESHOLD
) -> dict[str, str]:
    """Map each article key to its story id: the key of the story's earliest-published member.

    `articles` yields (key, text, published). Articles with no near-duplicate are their own story.
    Ties on the publication date are broken by key, so the result never depends on input order.
    """
    items = sorted(articles, key=lambda item: item[0])
    sets = {key: shingles(text) for key, text, _ in items}
    published = {key: pub or "9999" for key, _, pub in items}
    parent = {key: key for key, _, _ in items}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    buckets: dict[int, list[str]] = defaultdict(list)
    for key, _, _ in items:
        for h in sorted(sets[key])[:SKETCH_SIZE]:
            buckets[h].append(key)
    compared: set[tuple[str, str]] = set()
    for members in buckets.values():
        if len(members) > MAX_BUCKET:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if (a, b) in compared:
                    continue
                compared.add((a, b))
                if find(a) != find(b) and jaccard(sets[a], sets[b]) >= threshold:
                    parent[find(b)] = find(a)

    groups: dict[str, list[str]] = defaultdict(list)
    for key in parent:
        groups[find(key)].append(key)
    story_of: dict[str, str] = {}
    for members in groups.values():
        founder = min(members, key=lambda k: (published[k], k))
        for key in members:
            story_of[key] = founder
    return story_of
