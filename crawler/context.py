"""What every source's spider in one run shares: the run id, the window, the state and the archive."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from crawler.archive import ArchiveWriter
from crawler.state import CrawlState


@dataclass
class CrawlContext:
    run_id: str
    state: CrawlState
    archive: ArchiveWriter
    since: date | None = None
    until: date | None = None
    requested: set[str] = field(default_factory=set)  # canonical URLs requested this run
    claimed: set[str] = field(default_factory=set)  # canonical URLs archived this run
