"""Configuration in one place: the sources file, search vocabulary, paths and defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import yaml

from pantau.errors import ConfigError

DISCOVERY_ROUTES = ("sitemap", "feed", "wordpress", "blogger", "search")

# Words that the Ombudsman assessment is reported with: used as search terms on routes that
# accept a query and to filter discovered URLs/titles before an article is fetched.
DEFAULT_SEARCH_TERMS = (
    "ombudsman",
    "kepatuhan",
    "pelayanan publik",
    "zona hijau",
    "opini kualitas",
)

DEFAULT_DB_PORT = 8001
USER_AGENT = "pantau/0.1 (+https://github.com/pantau-id/pantau; Ombudsman score monitor)"
PACKAGED_SOURCES = Path(__file__).resolve().parent.parent / "crawler" / "sources.yaml"


@dataclass(frozen=True)
class SourceConfig:
    """One news site to crawl, as written in the sources file."""

    name: str
    url: str
    discover: tuple[str, ...] = ()  # empty: auto-detect
    platform: str | None = None  # wordpress, blogger, … (informational, used by auto-detect)
    search_terms: tuple[str, ...] = DEFAULT_SEARCH_TERMS
    checked: bool = True  # False: entry not yet verified against the live site
    notes: str | None = None
    extra: dict = field(default_factory=dict)


def workdir_for(db_path: Path, workdir: Path | None) -> Path:
    """Crawl state, archive and logs live in `./data/` next to the database unless told otherwise."""
    return Path(workdir) if workdir else Path(db_path).resolve().parent / "data"


def load_sources(path: Path) -> list[SourceConfig]:
    """Read and validate a sources YAML file; every problem becomes one actionable line."""
    path = Path(path)
    if not path.exists():
        raise ConfigError(f"sources file not found: {path} (pass --sources with a YAML file)")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"sources file {path} is not UTF-8 text") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ConfigError(f"sources file {path} is not valid YAML{where}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("sources"), list):
        raise ConfigError(f"sources file {path} must have a top-level 'sources:' list")
    if not raw["sources"]:
        raise ConfigError(f"sources file {path} lists no sources")
    defaults_terms = tuple(raw.get("search_terms") or DEFAULT_SEARCH_TERMS)
    sources = []
    for index, entry in enumerate(raw["sources"], start=1):
        sources.append(_parse_source(path, index, entry, defaults_terms))
    names = [s.name for s in sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"sources file {path}: duplicate source name {dupes[0]!r}")
    return sources


def _parse_source(path: Path, index: int, entry, default_terms) -> SourceConfig:
    where = f"sources file {path}, entry {index}"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a mapping with 'name' and 'url'")
    url = entry.get("url")
    name = entry.get("name") or (urlparse(url).hostname if isinstance(url, str) else None)
    if name:
        where = f"{where} ({name})"
    if not url or not isinstance(url, str):
        raise ConfigError(f"{where}: missing 'url'")
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ConfigError(f"{where}: url {url!r} is not an http(s) URL")
    discover = entry.get("discover") or ()
    if isinstance(discover, str):
        discover = (discover,)
    unknown = [d for d in discover if d not in DISCOVERY_ROUTES]
    if unknown:
        raise ConfigError(
            f"{where}: unknown discovery route {unknown[0]!r} "
            f"(choose from {', '.join(DISCOVERY_ROUTES)})"
        )
    terms = entry.get("search_terms") or default_terms
    known = {"name", "url", "discover", "platform", "search_terms", "checked", "notes"}
    return SourceConfig(
        name=str(name),
        url=url,
        discover=tuple(discover),
        platform=entry.get("platform"),
        search_terms=tuple(terms),
        checked=bool(entry.get("checked", True)),
        notes=entry.get("notes"),
        extra={k: v for k, v in entry.items() if k not in known},
    )
