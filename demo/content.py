"""The demo news content: one YAML file per site and per article, shipped as package data.

Each article file carries what a page needs (title, date, paragraphs) and what pantau is
expected to find in it (`records`), so the demo doubles as an end-to-end check. A record's
`zone` is the one the text attaches to that entity (devset convention: never inferred from the
number), None where the text states none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import yaml

SITES_DIR = Path(__file__).resolve().parent / "sites"
RECORD_KEYS = ("agency_name", "government", "score", "assessment_year", "zone")


@dataclass(frozen=True)
class DemoArticle:
    site: str
    slug: str
    title: str
    published: datetime
    category: str
    author: str
    paragraphs: tuple[str, ...]
    records: tuple[dict, ...] = ()
    related: tuple[str, ...] = ()  # slugs shown as "Baca juga" links inside the body
    comments: tuple[tuple[str, str], ...] = ()  # (name, text)
    number: int = 0  # stable numeric id (WordPress post id, portal article id)

    @property
    def excerpt(self) -> str:
        first = self.paragraphs[0]
        return first if len(first) <= 220 else first[:217].rsplit(" ", 1)[0] + " …"


@dataclass(frozen=True)
class DemoSiteContent:
    name: str
    platform: str  # blogger, wordpress, portal
    title: str
    tagline: str
    language: str
    menu: tuple[str, ...]
    footer: str
    articles: tuple[DemoArticle, ...] = field(default_factory=tuple)  # newest first


def load_sites(root: Path = SITES_DIR) -> list[DemoSiteContent]:
    """Every site folder under `root` (sorted by name), its articles newest first."""
    sites = []
    for folder in sorted(p for p in root.iterdir() if (p / "site.yaml").exists()):
        meta = _read_yaml(folder / "site.yaml")
        articles = [_article(path, folder.name) for path in sorted(folder.glob("articles/*.yaml"))]
        articles.sort(key=lambda a: (a.published, a.slug), reverse=True)
        sites.append(
            DemoSiteContent(
                name=folder.name,
                platform=meta["platform"],
                title=meta["title"],
                tagline=meta.get("tagline", ""),
                language=meta.get("language", "id"),
                menu=tuple(meta.get("menu", ())),
                footer=meta.get("footer", ""),
                articles=tuple(articles),
            )
        )
    return sites


def _read_yaml(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping")
    return data


def _article(path: Path, site: str) -> DemoArticle:
    data = _read_yaml(path)
    missing = [k for k in ("slug", "title", "published", "paragraphs", "number") if k not in data]
    if missing:
        raise ValueError(f"{path}: missing {', '.join(missing)}")
    if data.get("site", site) != site:
        raise ValueError(f"{path}: site {data['site']!r} but stored under {site!r}")
    published = data["published"]
    if isinstance(published, str):
        published = datetime.fromisoformat(published)
    if published.tzinfo is None:
        raise ValueError(f"{path}: published needs a UTC offset")
    records = []
    for record in data.get("records") or ():
        unknown = set(record) - set(RECORD_KEYS)
        if unknown or "agency_name" not in record or "score" not in record:
            raise ValueError(f"{path}: bad record {record}")
        records.append({key: record.get(key) for key in RECORD_KEYS})
    return DemoArticle(
        site=site,
        slug=data["slug"],
        title=data["title"],
        published=published,
        category=data.get("category", "Berita"),
        author=data.get("author", "Redaksi"),
        paragraphs=tuple(data["paragraphs"]),
        records=tuple(records),
        related=tuple(data.get("related") or ()),
        comments=tuple((c["name"], c["text"]) for c in data.get("comments") or ()),
        number=int(data["number"]),
    )
