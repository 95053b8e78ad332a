"""`pantau sources check`: a live canary per source — reachable, robots.txt, discovery routes,
one article fetched and parsed — printed as a table (Fundus' publisher-coverage idea).

Plain urllib with a timeout on every request (no Scrapy: the reactor can run once per process
and the check must be callable anywhere). Sources are checked in parallel, each politely
(a handful of sequential requests, robots.txt respected).
"""

from __future__ import annotations

import logging
import socket
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urljoin

from protego import Protego

from crawler.discovery import (
    COMMON_FEED_PATHS,
    COMMON_SITEMAP_PATHS,
    Link,
    blogger_search_url,
    feed_links_in_html,
    is_blogger_feed,
    is_relevant,
    is_wordpress_api,
    parse_feed,
    parse_sitemap,
    parse_wordpress_posts,
    relevance_words,
    search_page_links,
    site_search_url,
    sitemap_links,
    sitemaps_in_robots,
    utc_now,
    wordpress_search_url,
)
from extract.model import Page
from pantau.config import USER_AGENT, SourceConfig

log = logging.getLogger("pantau.check")
MAX_CHECK_BYTES = 5 * 1024 * 1024


@dataclass
class Result:
    """What checking one source found; `ok` when an article could be found and parsed."""

    source: str
    url: str
    reachable: bool = False
    status: int | None = None
    robots: str = "?"  # allowed, disallowed, none (no robots.txt)
    routes: dict[str, int] = field(default_factory=dict)  # route → links found
    article_url: str | None = None
    article_title: str | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.reachable and self.robots != "disallowed" and self.article_url is not None


def check_sources(sources: list[SourceConfig], timeout: float = 20.0) -> list[Result]:
    """Check every source live; results in the order of `sources`."""
    with ThreadPoolExecutor(max_workers=min(8, max(1, len(sources)))) as pool:
        return list(pool.map(lambda s: check_source(s, timeout), sources))


def check_source(source: SourceConfig, timeout: float = 20.0) -> Result:
    result = Result(source.name, source.url)
    fetch = _Fetcher(timeout)
    status, body, _ = fetch(source.url)
    result.status = status
    result.reachable = status is not None and status < 400
    if not result.reachable:
        result.problem = fetch.last_error or f"home page answered {status}"
        return result
    robots_status, robots_body, _ = fetch(urljoin(source.url, "/robots.txt"))
    robots_text = robots_body.decode("utf-8", "replace") if robots_status == 200 else ""
    robots = Protego.parse(robots_text)
    if robots_status != 200:
        result.robots = "none"
    elif robots.can_fetch(source.url, USER_AGENT):
        result.robots = "allowed"
    else:
        result.robots = "disallowed"
        result.problem = "robots.txt disallows pantau on this site"
        return result
    links: list[Link] = []
    for route in source.discover or _detect(fetch, source.url, body):
        found = _route_links(fetch, source, route, body, robots_text)
        result.routes[route] = len(found)
        links.extend(found)
    if not links:
        result.problem = "no discovery route gave article links"
        return result
    stems = relevance_words(source.search_terms)
    candidates = [link for link in links if is_relevant(link, stems)] or links
    for link in candidates[:3]:
        if not robots.can_fetch(link.url, USER_AGENT):
            continue
        status, article_body, headers = fetch(link.url)
        if status != 200:
            result.problem = fetch.last_error or f"article answered {status}: {link.url}"
            continue
        title, problem = _parse(
            Page(link.url, article_body, headers, status, utc_now(), source.name)
        )
        if problem:
            result.problem = f"{link.url}: {problem}"
            continue
        result.article_url, result.article_title, result.problem = link.url, title, None
        break
    return result


def _detect(fetch, base: str, home: bytes) -> list[str]:
    """The cheapest route the site offers, as the crawler's auto-detection would pick it."""
    status, body, _ = fetch(urljoin(base, "/wp-json/"))
    if status == 200 and is_wordpress_api(body):
        return ["wordpress"]
    status, body, _ = fetch(urljoin(base, "/feeds/posts/default?max-results=1"))
    if status == 200 and is_blogger_feed(body):
        return ["blogger"]
    return ["sitemap", "feed"]


def _route_links(fetch, source: SourceConfig, route: str, home: bytes, robots: str) -> list[Link]:
    base, term = source.url, source.search_terms[0]
    if route == "wordpress":
        status, body, _ = fetch(wordpress_search_url(base, term, None, None))
        return parse_wordpress_posts(body, base) if status == 200 else []
    if route == "blogger":
        status, body, _ = fetch(blogger_search_url(base, term, None, None))
        return parse_feed(body, base, route="blogger")[0] if status == 200 else []
    if route == "search":
        url = site_search_url(base, term, source.extra.get("search_url"))
        status, body, _ = fetch(url)
        return search_page_links(body, url)[0] if status == 200 else []
    if route == "sitemap":
        candidates = sitemaps_in_robots(robots, base) or [
            urljoin(base, p) for p in COMMON_SITEMAP_PATHS
        ]
        for url in candidates[:5]:
            links = _sitemap_links(fetch, url, depth=0)
            if links:
                return links
        return []
    if route == "feed":
        feeds = feed_links_in_html(home, base) or [urljoin(base, p) for p in COMMON_FEED_PATHS]
        for url in feeds[:5]:
            status, body, _ = fetch(url)
            links = parse_feed(body, url)[0] if status == 200 else []
            if links:
                return links
    return []


def _sitemap_links(fetch, url: str, depth: int) -> list[Link]:
    status, body, _ = fetch(url)
    if status != 200:
        return []
    kind, entries = parse_sitemap(body)
    if kind == "urlset":
        return sitemap_links(entries, url)
    if kind == "index" and depth < 2:
        newest = sorted(entries, key=lambda e: e.lastmod or "", reverse=True)
        for entry in newest[:2]:
            links = _sitemap_links(fetch, entry.loc, depth + 1)
            if links:
                return links
    return []


def _parse(page: Page) -> tuple[str | None, str | None]:
    """(title, None) when extract.page can use the page, (None, reason) when it cannot."""
    try:
        from extract.page import UnusablePage, parse_page
    except ImportError:  # extraction not installed: fetching the article is all we can check
        return page.url, None
    try:
        article = parse_page(page)
    except UnusablePage as reason:
        return None, str(reason)
    return article.title or article.text[:60], None


class _Fetcher:
    """GET with pantau's User-Agent and a timeout; never raises, remembers the last error."""

    def __init__(self, timeout: float):
        self.timeout = timeout
        self.last_error: str | None = None

    def __call__(self, url: str) -> tuple[int | None, bytes, dict[str, str]]:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read(MAX_CHECK_BYTES)
                return response.status, body, dict(response.headers.items())
        except urllib.error.HTTPError as error:
            self.last_error = f"{error.code} on {url}"
            return error.code, b"", {}
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            self.last_error = _describe(getattr(error, "reason", error))
            return None, b"", {}


def _describe(reason) -> str:
    """A few words for a network failure, short enough for a table cell."""
    if isinstance(reason, socket.gaierror):
        return "DNS lookup failed"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, TimeoutError | socket.timeout):
        return "timed out"
    return str(reason)[:80]


def render_check_table(results: list[Result]) -> None:
    """Print one row per source: what works, what does not and why."""
    from rich.console import Console
    from rich.table import Table

    table = Table("source", "reachable", "robots", "routes (links)", "article", "problem")
    for r in results:
        routes = ", ".join(f"{k} {v}" for k, v in r.routes.items()) or "-"
        table.add_row(
            ("[green]" if r.ok else "[red]") + r.source,
            "yes" if r.reachable else f"no ({r.status})" if r.status else "no",
            r.robots,
            routes,
            (r.article_title or "")[:50] or "-",
            r.problem or "",
        )
    console = Console()
    console.print(table)
    good = sum(r.ok for r in results)
    console.print(f"{good}/{len(results)} sources OK")
