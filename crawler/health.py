"""Per-source health of one run: what was fetched, archived, left unchanged, and what went wrong.

Errors are pages or routes that were lost (not archived) — they make `pantau run` exit 1.
Warnings are problems that lost nothing (a page archived despite a wrong charset, a pagination
trap cut short) and are reported next to the errors.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class SourceHealth:
    source: str
    run_id: str
    started_at: str
    finished_at: str | None = None
    pages_fetched: int = 0
    articles_found: int = 0
    not_modified: int = 0
    skipped_known: int = 0  # already archived: not requested again
    errors_by_kind: Counter = field(default_factory=Counter)
    warnings_by_kind: Counter = field(default_factory=Counter)

    def error(self, kind: str) -> None:
        self.errors_by_kind[kind] += 1

    def warning(self, kind: str) -> None:
        self.warnings_by_kind[kind] += 1

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "run_id": self.run_id,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "pages_fetched": self.pages_fetched,
            "articles_found": self.articles_found,
            "not_modified": self.not_modified,
            "errors_total": sum(self.errors_by_kind.values()),
            "errors_by_kind": dict(sorted(self.errors_by_kind.items())),
            "warnings_by_kind": dict(sorted(self.warnings_by_kind.items())),
            "skipped_known": self.skipped_known,
        }
