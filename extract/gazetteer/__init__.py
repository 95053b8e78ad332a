"""Hand-kept gazetteers (YAML) for region and agency names, and the regex they compile into.

A package (not a plain folder) so the YAML files ship with the wheel. The phrase lists are
compiled into one trie-shaped regex alternation: matching stays linear in the text and does not
slow down as the lists grow, unlike a loop over names or a flat `a|b|c` alternation.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

SEPARATOR = "\x00"  # marks a place in a phrase where space, hyphen or nothing may stand


@cache
def load_gazetteer(name: str) -> dict:
    """The parsed `<name>.yaml` of this package (read once per process)."""
    text = resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


def phrase_units(phrase: str) -> str:
    """Lower-cased phrase where each run of spaces/hyphens becomes one SEPARATOR."""
    return re.sub(r"[\s\-]+", SEPARATOR, phrase.strip().lower())


def compact_key(phrase: str) -> str:
    """Lookup key that ignores case, spacing, hyphens and dots: "Bau-Bau" == "Baubau"."""
    return re.sub(r"[\W_]+", "", phrase.lower())


def trie_pattern(phrases: list[str] | set[str], separator: str = r"[\s\-]?") -> str:
    """One regex (no flags, no anchors) matching any phrase, longest first at each branch.

    Phrases are compared lower-case; compile the result with re.IGNORECASE. Between words the
    text may have a space, a hyphen or nothing, so "Deli Serdang" also matches "Deliserdang".
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase_units(phrase):
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(trie, separator) or "(?!)"


def _node_pattern(node: dict, separator: str) -> str | None:
    if not node or list(node) == [""]:
        return None
    ends_here = "" in node
    branches = []
    for char in sorted(k for k in node if k):
        head = separator if char == SEPARATOR else re.escape(char)
        tail = _node_pattern(node[char], separator)
        branches.append(head + (tail or ""))
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return "(?:" + body + ")?"
    return body
