"""Discovery routes without the network: parse robots.txt, sitemaps, feeds, WordPress and Blogger
search results and search pages into candidate article links, and decide which links are worth
fetching (date window + relevance).

Pure functions over bytes, so each route is unit-tested on saved documents and the spider only
orchestrates requests. The relevance vocabulary lives here (RELEVANCE_STEMS): a link is fetched
when its URL slug, title or snippet mentions the assessment, and also when the URL carries no
words at all (`/?p=123`, `/read/28576`), because a filter that cannot judge must not drop.
"""

from __future__ import annotations

import gzip
import io
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlencode, urljoin, urlsplit

from lxml import etree, html

from extract.urls import same_site

# Word stems that news about the Ombudsman assessment uses in titles and URL slugs. Matched as
# substrings of the lower-cased slug/title (stems of ≥ 4 letters) — "nilai" also finds
# "penilaian", "layanan" finds "pelayanan". Measured on the devset URLs: see tests.
RELEVANCE_STEMS = (
    "ombudsman",
    "ombudsmas",  # a common typo in headlines
    "kepatuhan",
    "patuh",
    "layanan",
    "palayanan",
    "publik",
    "zona",
    "hijau",
    "kuning",
    "merah",
    "opini",
    "kualitas",
    "predikat",
    "nilai",
    "skor",
    "tertinggi",
    "terbaik",
    "terendah",
    "penghargaan",
    "anugerah",
    "penganugrahan",
    "piagam",
    "sertifikat",
    "rapor",
    "maladministrasi",
    "malaadministrasi",
    "standar",
    "prestasi",
    "peringkat",
    "kategori",
    "survei",
    "kelola",  # "tata kelola pelayanan"
)
# Short words that only count as whole tokens (substring matches would be noise).
RELEVANCE_TOKENS = frozenset({"ori", "opd", "spp"})

COMMON_SITEMAP_PATHS = (
    "/sitemap.xml",
    "/sitemap_index.xml",
    "/news-sitemap.xml",
    "/sitemap-news.xml",
    "/wp-sitemap.xml",
)
COMMON_FEED_PATHS = ("/feed", "/rss", "/rss.xml", "/atom.xml", "/feeds/posts/default")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
_WORD = re.compile(r"[a-z]+")
# huge_tree: a legal 50 MB sitemap has text nodes past libxml2's 10 MB default (entities stay off)
_XML = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=True)
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit for one (uncompressed) file


@dataclass(frozen=True)
class Link:
    """A candidate article found by a discovery route, with what the route told us about it."""

    url: str
    route: str
    title: str | None = None
    snippet: str | None = None
    date: str | None = None  # ISO date/datetime: lastmod, published or updated
    found_on: str | None = None


# ---------------------------------------------------------------- relevance and dates


def relevance_words(terms: tuple[str, ...] | list[str] = ()) -> tuple[str, ...]:
    """The stems used to judge a link: the built-in vocabulary plus each search term's words."""
    extra = [w for term in terms for w in _WORD.findall(term.lower()) if len(w) >= 4]
    return tuple(dict.fromkeys((*RELEVANCE_STEMS, *extra)))


def is_relevant(link: Link, stems: tuple[str, ...] = RELEVANCE_STEMS) -> bool:
    """Whether a link's slug, title or snippet mentions the assessment.

    A URL path with no words to judge (numeric ids, `?p=123`) passes unless a title or snippet
    is given and says nothing relevant.
    """
    parts = urlsplit(link.url)
    slug_words = [w for w in _WORD.findall((parts.path + " " + parts.query).lower()) if len(w) > 2]
    texts = [" ".join(slug_words), (link.title or "").lower(), (link.snippet or "").lower()]
    for text in texts:
        if not text:
            continue
        if any(stem in text for stem in stems):
            return True
        if RELEVANCE_TOKENS.intersection(_WORD.findall(text)):
            return True
    has_text = bool(link.title or link.snippet)
    judgeable = sum(1 for w in slug_words if w not in _NOISE_WORDS) >= 2
    return not (has_text or judgeable)


# Path words that say nothing about a story's topic.
_NOISE_WORDS = frozenset(
    {"read", "berita", "news", "html", "htm", "php", "index", "amp", "post", "baca", "artikel"}
    | {"detail", "view", "bacaberita", "utama", "nasional", "daerah", "regional", "www", "com"}
)


def parse_datetime(value: str | None) -> datetime | None:
    """A datetime from ISO 8601 (sitemaps, Atom, WordPress) or RFC 822 (RSS); None when unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


def parse_date(value: str | None) -> date | None:
    """The calendar date of `parse_datetime(value)`."""
    moment = parse_datetime(value)
    return moment.date() if moment else None


def in_window(value: str | None, since: date | None, until: date | None) -> bool:
    """Whether a route-reported date is inside [since, until]; undated links are kept."""
    day = parse_date(value)
    if day is None:
        return True
    return (since is None or day >= since) and (until is None or day <= until)


# /2024/12/10/, /2024/12/, /10/12/2024/ (day-month-year), /20241210/ in a path: the date a news
# URL carries; sitemaps named by month (sitemap-2019-12.xml) have the year-month form.
_URL_YMD = re.compile(
    r"(?<!\d)((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)"
)
_URL_DMY = re.compile(r"/(0[1-9]|[12]\d|3[01])/(0[1-9]|1[0-2])/((?:19|20)\d\d)/")
_URL_YM = re.compile(r"(?<!\d)((?:19|20)\d\d)[/_-](0[1-9]|1[0-2])(?!\d)")


def url_date_range(url: str) -> tuple[date, date] | None:
    """First and last day a URL's path can date from (one day, or a whole month); None if the
    path carries no date."""
    path = urlsplit(url).path
    for pattern, order in ((_URL_YMD, "ymd"), (_URL_DMY, "dmy")):
        match = pattern.search(path)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            try:
                day = date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                continue
            return day, day
    match = _URL_YM.search(path)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        first = date(year, month, 1)
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return first, last
    return None


def link_in_window(link_or_url, route_date: str | None, since, until) -> bool:
    """The window test for a link: the route's date when it gives one, else the URL's own date
    (a backfill must not fetch ten years of /2015/… articles to learn their dates)."""
    if since is None and until is None:
        return True
    if parse_date(route_date) is not None:
        return in_window(route_date, since, until)
    span = url_date_range(link_or_url)
    if span is None:
        return True
    first, last = span
    return (since is None or last >= since) and (until is None or first <= until)


# ---------------------------------------------------------------- robots.txt and sitemaps


def sitemaps_in_robots(text: str, base_url: str) -> list[str]:
    """`Sitemap:` lines of a robots.txt, absolute, in order, without repeats."""
    found = []
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and value.strip():
            found.append(urljoin(base_url, value.strip()))
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: str | None = None
    news_title: str | None = None
    news_date: str | None = None


def parse_sitemap(body: bytes) -> tuple[str | None, list[SitemapEntry]]:
    """('index' | 'urlset' | None, entries) for an XML sitemap, gzip or not; Google-News tags read."""
    body = _maybe_gunzip(body)
    if not body.strip():
        return None, []
    try:
        root = etree.fromstring(body, _XML)
    except etree.XMLSyntaxError:
        return None, []
    if root is None:
        return None, []
    kind = etree.QName(root).localname
    if kind not in ("sitemapindex", "urlset"):
        return None, []
    child = "sitemap" if kind == "sitemapindex" else "url"
    entries = []
    for node in root.iterchildren():
        if not isinstance(node.tag, str) or etree.QName(node).localname != child:
            continue
        fields = _child_texts(node)
        if not fields.get("loc"):
            continue
        entries.append(
            SitemapEntry(
                loc=fields["loc"],
                lastmod=fields.get("lastmod"),
                news_title=fields.get("title"),
                news_date=fields.get("publication_date"),
            )
        )
    return ("index" if kind == "sitemapindex" else "urlset"), entries


def _child_texts(node) -> dict[str, str]:
    out = {}
    for el in node.iter():
        if el is node or not isinstance(el.tag, str):
            continue
        name = etree.QName(el).localname
        text = (el.text or "").strip()
        if text and name not in out:
            out[name] = text
    return out


def _maybe_gunzip(body: bytes) -> bytes:
    if body[:2] != b"\x1f\x8b":
        return body
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as f:
            return f.read(MAX_SITEMAP_BYTES)
    except (OSError, EOFError):
        return b""


def sitemap_links(entries: list[SitemapEntry], found_on: str) -> list[Link]:
    return [
        Link(
            url=e.loc,
            route="sitemap",
            title=e.news_title,
            date=e.news_date or e.lastmod,
            found_on=found_on,
        )
        for e in entries
    ]


# ---------------------------------------------------------------- feeds (RSS, Atom, Blogger)


def parse_feed(body: bytes, base_url: str, route: str = "feed") -> tuple[list[Link], str | None]:
    """Items of an RSS 2.0 / RSS 1.0 / Atom / JSON Feed, and the feed's next page if any."""
    body = body.lstrip()
    if body.startswith(b"{"):
        return _parse_json_feed(body, base_url, route)
    if not body.startswith(b"<"):
        return [], None
    try:
        root = etree.fromstring(body, _XML)
    except etree.XMLSyntaxError:
        return [], None
    if root is None:
        return [], None
    links: list[Link] = []
    next_url = None
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        name = etree.QName(node).localname
        if name == "link" and node.get("rel") == "next" and _is_feed_level(node, root):
            next_url = urljoin(base_url, node.get("href", ""))
        if name not in ("item", "entry"):
            continue
        fields = {}
        href = None
        for el in node.iterchildren():
            if not isinstance(el.tag, str):
                continue
            local = etree.QName(el).localname
            if local == "link":
                rel = el.get("rel", "alternate")
                if el.get("href") and rel == "alternate":
                    href = el.get("href")
                elif (el.text or "").strip() and href is None:
                    href = el.text.strip()
            elif local not in fields:
                fields[local] = "".join(el.itertext()).strip()
        href = href or (fields.get("guid") if fields.get("guid", "").startswith("http") else None)
        if not href:
            continue
        links.append(
            Link(
                url=urljoin(base_url, href),
                route=route,
                title=fields.get("title") or None,
                snippet=_strip_tags(fields.get("description") or fields.get("summary") or ""),
                date=fields.get("pubDate")
                or fields.get("published")
                or fields.get("updated")
                or fields.get("date"),
                found_on=base_url,
            )
        )
    return links, next_url


def _parse_json_feed(body: bytes, base_url: str, route: str) -> tuple[list[Link], str | None]:
    """JSON Feed 1.x (jsonfeed.org): `items` with url/title/summary/date_published."""
    try:
        feed = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return [], None
    items = feed.get("items") if isinstance(feed, dict) else None
    if not isinstance(items, list):
        return [], None
    links = []
    for item in items:
        url = item.get("url") or item.get("external_url") if isinstance(item, dict) else None
        if not isinstance(url, str):
            continue
        links.append(
            Link(
                url=urljoin(base_url, url),
                route=route,
                title=item.get("title") or None,
                snippet=_strip_tags(item.get("summary") or item.get("content_text") or ""),
                date=item.get("date_modified") or item.get("date_published"),
                found_on=base_url,
            )
        )
    next_url = feed.get("next_url")
    return links, urljoin(base_url, next_url) if isinstance(next_url, str) else None


def _is_feed_level(node, root) -> bool:
    """A <link> of the feed itself (Atom: under <feed>; RSS: under <channel>), not of an item."""
    parent = node.getparent()
    return parent is root or etree.QName(parent).localname == "channel"


def _strip_tags(text: str) -> str | None:
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:500] or None


def feed_links_in_html(body: bytes, base_url: str) -> list[str]:
    """Feeds a page advertises with `<link rel="alternate" type="application/rss+xml">`."""
    doc = _html(body)
    if doc is None:
        return []
    found = []
    for el in doc.iter("link"):
        rel = (el.get("rel") or "").lower().split()
        if "alternate" in rel and (el.get("type") or "").lower() in _FEED_TYPES and el.get("href"):
            href = urljoin(base_url, el.get("href"))
            if "/comments/" not in href:  # WordPress also advertises its comments feed
                found.append(href)
    return list(dict.fromkeys(found))


# ---------------------------------------------------------------- WordPress REST and Blogger search


def wordpress_search_url(
    base_url: str, term: str, since: date | None, until: date | None, page: int = 1
) -> str:
    params = {"search": term, "per_page": 100, "page": page, "orderby": "date", "order": "desc"}
    params["_fields"] = "link,title,date,modified,excerpt"
    if since:
        params["after"] = f"{since.isoformat()}T00:00:00"
    if until:
        params["before"] = f"{until.isoformat()}T23:59:59"
    return urljoin(base_url, "/wp-json/wp/v2/posts") + "?" + urlencode(params)


def parse_wordpress_posts(body: bytes, found_on: str) -> list[Link]:
    """Posts of a `/wp-json/wp/v2/posts` answer; an unexpected shape yields no links."""
    try:
        posts = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return []
    if not isinstance(posts, list):
        return []
    links = []
    for post in posts:
        if not isinstance(post, dict) or not isinstance(post.get("link"), str):
            continue
        title = post.get("title")
        excerpt = post.get("excerpt")
        links.append(
            Link(
                url=post["link"],
                route="wordpress",
                title=_strip_tags(title.get("rendered", "")) if isinstance(title, dict) else None,
                snippet=_strip_tags(excerpt.get("rendered", ""))
                if isinstance(excerpt, dict)
                else None,
                date=post.get("modified") or post.get("date"),
                found_on=found_on,
            )
        )
    return links


def is_wordpress_api(body: bytes) -> bool:
    """Whether a `/wp-json/` answer is a WordPress REST index offering wp/v2."""
    try:
        index = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return False
    if not isinstance(index, dict) or "wp/v2" not in (index.get("namespaces") or []):
        return False
    routes = index.get("routes")
    # Some sites keep the API but unregister posts (security plugins): then search cannot work.
    return not isinstance(routes, dict) or "/wp/v2/posts" in routes


def blogger_search_url(
    base_url: str, term: str, since: date | None, until: date | None, start: int = 1
) -> str:
    params: dict[str, str | int] = {"q": term, "max-results": 50, "start-index": start}
    if since:
        params["published-min"] = f"{since.isoformat()}T00:00:00Z"
    if until:
        params["published-max"] = f"{until.isoformat()}T23:59:59Z"
    return urljoin(base_url, "/feeds/posts/default") + "?" + urlencode(params)


def is_blogger_feed(body: bytes) -> bool:
    head = body[:4000].lower()
    return b"<feed" in head and b"blogger" in head


# ---------------------------------------------------------------- on-site search pages


def site_search_url(base_url: str, term: str, template: str | None) -> str:
    """The site's search page for a term: the source's `search_url` template or WordPress' `/?s=`."""
    if template:
        return template.replace("{term}", urlencode({"": term})[1:])
    return urljoin(base_url, "/") + "?" + urlencode({"s": term})


_NEXT_TEXT = re.compile(r"^\s*(next|selanjutnya|berikutnya|lanjut|older|»|›|>)\s*", re.I)
_ARTICLE_PATH = re.compile(r"/(19|20)\d\d/|\d{4,}|[a-z0-9]+(?:-[a-z0-9]+){3,}", re.I)


def search_page_links(body: bytes, base_url: str) -> tuple[list[Link], str | None]:
    """Article-looking links on a search-results page (same site, dated or long-slug paths) and
    the page's next-page link."""
    doc = _html(body)
    if doc is None:
        return [], None
    links: dict[str, Link] = {}
    next_url = None
    for a in doc.iter("a"):
        href = a.get("href")
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = urljoin(base_url, href)
        text = " ".join(a.itertext()).strip()
        rel = (a.get("rel") or "").lower().split()
        if "next" in rel or (_NEXT_TEXT.match(text) and len(text) < 20):
            next_url = next_url or url
            continue
        if not same_site(url, base_url) or "?" in url and "p=" not in url:
            continue
        if _ARTICLE_PATH.search(urlsplit(url).path) and url not in links:
            links[url] = Link(url=url, route="search", title=text or None, found_on=base_url)
    for el in doc.iter("link"):
        if "next" in (el.get("rel") or "").lower().split() and el.get("href"):
            next_url = urljoin(base_url, el.get("href"))
    return list(links.values()), next_url


def _html(body: bytes):
    if not body or not body.strip():
        return None
    try:
        return html.fromstring(body)
    except (etree.ParserError, ValueError):
        return None


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
