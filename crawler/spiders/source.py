"""One spider per source: find article links through the source's discovery routes, fetch each
new or changed article once, and hand it to the archive pipeline.

Routes (pantau.config.DISCOVERY_ROUTES): `sitemap` (robots.txt `Sitemap:` lines, then common
paths; indexes, Google-News tags, lastmod window), `feed` (RSS/Atom advertised on the home page,
then common paths; paginated), `wordpress` (REST search per term, paginated by X-WP-TotalPages),
`blogger` (feed search per term with published-min/max), `search` (the site's own search page).
A source without `discover` is auto-detected: the cheapest route the site offers wins
(WordPress API → Blogger feed → sitemaps → feeds → configured search page).

Parsing lives in crawler.discovery (pure functions); this module only orchestrates requests,
counts health and logs one line per failure.
"""

from __future__ import annotations

import logging
from datetime import datetime
from urllib.parse import urljoin

import scrapy
from scrapy import signals
from scrapy.exceptions import CloseSpider

from crawler.archive import content_hash
from crawler.context import CrawlContext
from crawler.discovery import (
    COMMON_FEED_PATHS,
    COMMON_SITEMAP_PATHS,
    MAX_SITEMAP_BYTES,
    Link,
    blogger_search_url,
    feed_links_in_html,
    is_blogger_feed,
    is_relevant,
    is_wordpress_api,
    link_in_window,
    parse_datetime,
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
from crawler.failures import CONNECTION_KINDS, classify_failure
from crawler.health import SourceHealth
from crawler.items import ArticleResponse
from crawler.responses import (
    declared_charset,
    decodes,
    looks_like_html,
    page_canonical,
    status_phrase,
)
from extract.urls import canonical_url, same_site
from pantau.config import SourceConfig

log = logging.getLogger("pantau.crawl")

_SEARCHED_ROUTES = ("wordpress", "blogger")  # the site's own search already chose the posts

# Discovery plans: ordered probes; the first that finds links starts its route.
_SITEMAP_PLAN = ("robots", *(f"sitemap_path:{p}" for p in COMMON_SITEMAP_PATHS))
_FEED_PLAN = ("home", *(f"feed_path:{p}" for p in COMMON_FEED_PATHS))
_AUTO_PLAN = ("wp_probe", "blogger_probe", *_SITEMAP_PLAN, *_FEED_PLAN, "search_if_configured")


class SourceSpider(scrapy.Spider):
    """Crawls one pantau source; `health` holds its counts when the crawl ends."""

    name = "source"

    def __init__(self, source: SourceConfig, ctx: CrawlContext, **kwargs):
        super().__init__(name=source.name, **kwargs)
        self.source = source
        self.ctx = ctx
        self.health = SourceHealth(source.name, ctx.run_id, utc_now())
        self.stems = relevance_words(source.search_terms)
        # Shared by every source of the run, so a story two sources list is fetched once.
        self.seen = ctx.requested  # canonical URLs requested (or decided on) this run
        self.claimed = ctx.claimed  # canonical URLs archived this run
        self.warned: set[str] = set()
        self.consecutive_failures = 0
        self.giving_up = False
        self.max_route_pages = 50
        self.max_sitemap_depth = 3
        self.site_down_after = 10

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.max_route_pages = settings.getint("PANTAU_MAX_ROUTE_PAGES", 50)
        spider.max_sitemap_depth = settings.getint("PANTAU_MAX_SITEMAP_DEPTH", 3)
        spider.site_down_after = settings.getint("PANTAU_SITE_DOWN_AFTER", 10)
        crawler.signals.connect(spider._on_response, signal=signals.response_received)
        return spider

    def closed(self, reason: str) -> None:
        self.health.finished_at = utc_now()

    def _on_response(self, response, request, spider=None):
        self.health.pages_fetched += 1
        self.consecutive_failures = 0

    # ------------------------------------------------------------ start and plans

    async def start(self):
        routes = self.source.discover or ("auto",)
        for route in routes:
            for request in self._start_route(route):
                yield request

    def _start_route(self, route: str):
        if route == "auto":
            yield from self._continue(list(_AUTO_PLAN), route="auto")
        elif route == "sitemap" and self._listed("sitemaps"):
            for url in self._listed("sitemaps"):
                yield self._discovery_request(url, self.parse_sitemap, meta={"route": "sitemap"})
        elif route == "sitemap":
            yield from self._continue(list(_SITEMAP_PLAN), route="sitemap")
        elif route == "feed" and self._listed("feeds"):
            for url in self._listed("feeds"):
                yield self._discovery_request(url, self.parse_feed, meta={"route": "feed"})
        elif route == "feed":
            yield from self._continue(list(_FEED_PLAN), route="feed")
        elif route == "wordpress":
            yield from self._wordpress_requests()
        elif route == "blogger":
            yield from self._blogger_requests()
        elif route == "search":
            yield from self._search_requests()

    def _listed(self, key: str) -> list[str]:
        """URLs a source entry gives for a route (`sitemaps:`/`feeds:`), absolute."""
        value = self.source.extra.get(key) or []
        return [urljoin(self.source.url, v) for v in ([value] if isinstance(value, str) else value)]

    def _continue(self, plan: list[str], route: str):
        """Run the next probe of a discovery plan; when none is left, report that nothing was found."""
        if not plan:
            self.health.error("no_route")
            wanted = "discovery route" if route == "auto" else f"{route} route"
            log.warning(
                "%s: found no %s at %s — add a `discover:` route or `search_url` to its entry",
                self.source.name,
                wanted,
                self.source.url,
            )
            return
        step, rest = plan[0], plan[1:]
        meta = {"probe": True, "plan": rest, "plan_route": route}
        if step == "wp_probe":
            url, callback = urljoin(self.source.url, "/wp-json/"), self.on_wp_probe
        elif step == "blogger_probe":
            url = urljoin(self.source.url, "/feeds/posts/default?max-results=1")
            callback = self.on_blogger_probe
        elif step == "robots":
            url, callback = urljoin(self.source.url, "/robots.txt"), self.on_robots
        elif step.startswith("sitemap_path:"):
            url, callback = urljoin(self.source.url, step.split(":", 1)[1]), self.on_sitemap_probe
        elif step == "home":
            url, callback = self.source.url, self.on_home
        elif step.startswith("feed_path:"):
            url, callback = urljoin(self.source.url, step.split(":", 1)[1]), self.on_feed_probe
        elif step == "search_if_configured":
            if self.source.extra.get("search_url"):
                yield from self._search_requests()
            else:
                yield from self._continue(rest, route)
            return
        else:  # pragma: no cover - plans are module constants
            raise ValueError(step)
        yield self._discovery_request(url, callback, meta=meta, dont_filter=True)

    def _discovery_request(self, url, callback, *, meta=None, dont_filter=False, priority=0):
        meta = {"kind": "discovery", **(meta or {})}
        if callback in (self.parse_sitemap, self.on_sitemap_probe):
            meta["download_maxsize"] = MAX_SITEMAP_BYTES  # sitemaps may be 50 MB by the spec
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            meta=meta,
            dont_filter=dont_filter,
            priority=priority,
        )

    # ------------------------------------------------------------ probes (auto-detection)

    def on_wp_probe(self, response):
        if is_wordpress_api(response.body):
            log.info("%s: WordPress REST API found — searching posts", self.source.name)
            yield from self._wordpress_requests()
        else:
            yield from self._continue(response.meta["plan"], response.meta["plan_route"])

    def on_blogger_probe(self, response):
        if is_blogger_feed(response.body):
            log.info("%s: Blogger feed found — searching posts", self.source.name)
            yield from self._blogger_requests()
        else:
            yield from self._continue(response.meta["plan"], response.meta["plan_route"])

    def on_robots(self, response):
        sitemaps = sitemaps_in_robots(response.text if _is_text(response) else "", response.url)
        if not sitemaps:
            yield from self._continue(response.meta["plan"], response.meta["plan_route"])
            return
        log.info("%s: %d sitemap(s) listed in robots.txt", self.source.name, len(sitemaps))
        for url in sitemaps:
            yield self._discovery_request(url, self.parse_sitemap, meta={"route": "sitemap"})

    def on_sitemap_probe(self, response):
        kind, _ = parse_sitemap(response.body)
        if kind is None:
            yield from self._continue(response.meta["plan"], response.meta["plan_route"])
            return
        log.info("%s: sitemap found at %s", self.source.name, response.url)
        yield from self.parse_sitemap(response)

    def on_home(self, response):
        feeds = feed_links_in_html(response.body, response.url) if _is_text(response) else []
        if not feeds:
            yield from self._continue(response.meta["plan"], response.meta["plan_route"])
            return
        log.info("%s: %d feed(s) advertised on the home page", self.source.name, len(feeds))
        for url in feeds:
            yield self._discovery_request(url, self.parse_feed, meta={"route": "feed"})

    def on_feed_probe(self, response):
        links, _ = parse_feed(response.body, response.url)
        if not links:
            yield from self._continue(response.meta["plan"], response.meta["plan_route"])
            return
        log.info("%s: feed found at %s", self.source.name, response.url)
        yield from self.parse_feed(response)

    # ------------------------------------------------------------ routes

    def parse_sitemap(self, response):
        kind, entries = parse_sitemap(response.body)
        depth = response.meta.get("sitemap_depth", 0)
        if kind is None:
            self._fail("not_sitemap", response.url, "not a sitemap (no <urlset> or <sitemapindex>)")
            return
        if kind == "index":
            since = self.ctx.since
            children = sorted(entries, key=lambda e: e.lastmod or "", reverse=True)
            for entry in children:
                changed = parse_datetime(entry.lastmod)
                if since and changed and changed.date() < since:
                    continue  # nothing in that sitemap changed inside the window
                if not changed and not link_in_window(entry.loc, None, since, self.ctx.until):
                    continue  # a sitemap named for a month outside the window
                if depth + 1 > self.max_sitemap_depth:
                    self._warn_once("sitemap_depth", response.url, "sitemap nesting limit")
                    break
                yield self._discovery_request(
                    entry.loc,
                    self.parse_sitemap,
                    meta={"route": "sitemap", "sitemap_depth": depth + 1},
                )
            return
        for link in sitemap_links(entries, response.url):
            yield from self._consider(link)

    def parse_feed(self, response):
        route = response.meta.get("route", "feed")
        links, next_url = parse_feed(response.body, response.url, route=route)
        for link in links:
            yield from self._consider(link)
        if next_url and links:
            yield from self._next_page(response, next_url, self.parse_feed)

    def _wordpress_requests(self):
        for term in self.source.search_terms:
            url = wordpress_search_url(self.source.url, term, self.ctx.since, self.ctx.until)
            yield self._discovery_request(
                url, self.parse_wordpress, meta={"route": "wordpress", "term": term, "page_no": 1}
            )

    def parse_wordpress(self, response):
        for link in parse_wordpress_posts(response.body, response.url):
            yield from self._consider(link)
        try:
            total = int(response.headers.get(b"X-WP-TotalPages") or 1)
        except ValueError:
            total = 1
        page = response.meta.get("page_no", 1)
        if page < total:
            term = response.meta["term"]
            url = wordpress_search_url(
                self.source.url, term, self.ctx.since, self.ctx.until, page=page + 1
            )
            yield from self._next_page(response, url, self.parse_wordpress)

    def _blogger_requests(self):
        for term in self.source.search_terms:
            url = blogger_search_url(self.source.url, term, self.ctx.since, self.ctx.until)
            yield self._discovery_request(
                url, self.parse_feed, meta={"route": "blogger", "term": term, "page_no": 1}
            )

    def _search_requests(self):
        template = self.source.extra.get("search_url")
        for term in self.source.search_terms:
            url = site_search_url(self.source.url, term, template)
            yield self._discovery_request(
                url, self.parse_search, meta={"route": "search", "term": term, "page_no": 1}
            )

    def parse_search(self, response):
        links, next_url = search_page_links(response.body, response.url)
        for link in links:
            yield from self._consider(link)
        if next_url and links:
            yield from self._next_page(response, next_url, self.parse_search)

    def _next_page(self, response, url, callback):
        """Follow pagination, stopping at PANTAU_MAX_ROUTE_PAGES (calendar and paging traps)."""
        page = response.meta.get("page_no", 1) + 1
        route = response.meta.get("route", "?")
        if page > self.max_route_pages:
            self._warn_once(
                f"page_limit:{route}:{response.meta.get('term')}",
                response.url,
                f"stopped following {route} pages after {self.max_route_pages} (pagination limit)",
                kind="page_limit",
            )
            return
        meta = {k: response.meta[k] for k in ("route", "term") if k in response.meta}
        yield self._discovery_request(url, callback, meta={**meta, "page_no": page})

    # ------------------------------------------------------------ articles

    def _consider(self, link: Link, filter_relevance: bool = True):
        """Request an article link if it is in the window, relevant, new or changed."""
        if not link_in_window(link.url, link.date, self.ctx.since, self.ctx.until):
            return
        relevant = link.route in _SEARCHED_ROUTES or not filter_relevance
        if not relevant and not is_relevant(link, self.stems):
            return
        canonical = canonical_url(link.url)
        if canonical in self.seen:
            return
        self.seen.add(canonical)
        headers = {}
        known = self.ctx.state.known(canonical)
        if known is not None:
            newer = _is_newer(link.date, known.route_lastmod)
            validators = known.etag or known.last_modified
            if newer is False or (newer is None and not validators):
                self.health.skipped_known += 1
                return
            if known.etag:
                headers["If-None-Match"] = known.etag
            if known.last_modified:
                headers["If-Modified-Since"] = known.last_modified
        yield scrapy.Request(
            link.url,
            callback=self.parse_article,
            errback=self.on_error,
            headers=headers,
            priority=10,  # archive what was found before discovering more
            dont_filter=True,  # dedup is by canonical URL above; lets redirect loops surface
            meta={
                "kind": "article",
                "link": link,
                "canonical": canonical,
                "handle_httpstatus_list": [304] if headers else [],
            },
        )

    def parse_article(self, response) -> ArticleResponse | None:
        """The article item to archive, or None (unchanged, duplicate or unusable).

        A plain function, not a generator: Scrapy re-inspects the source of generator callbacks
        on every call (bound methods miss its cache), which cost ~2 ms per article.
        """
        link: Link = response.meta["link"]
        canonical = response.meta["canonical"]
        if response.status == 304:
            self.health.not_modified += 1
            self._touch(canonical, response, link)
            return
        body = response.body
        if not body.strip():
            self._fail("empty_body", response.url, "empty body")
            return
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        if not looks_like_html(ctype, body):
            self._fail("not_html", response.url, f"not HTML ({ctype or 'no Content-Type'})")
            self._record_non_article(response, canonical, link, "not_html")
            return
        charset = declared_charset(ctype, body)
        if charset in ("utf-8", "utf8") and not decodes(body, "utf-8"):
            self._fail("bad_encoding", response.url, "declared UTF-8 but is not", kept=True)
        primary = canonical_url(response.url)
        declared = page_canonical(body, response.url)
        if declared and same_site(declared, response.url) and canonical_url(declared) != primary:
            # A copy (print view, syndicated duplicate, tracking URL) naming its original:
            # archive the original itself, fetched through its own URL, once.
            self._record_non_article(response, canonical, link, "duplicate")
            original = Link(declared, link.route, link.title, None, link.date, response.url)
            return next(iter(self._consider(original, filter_relevance=False)), None)
        keys = {canonical, primary}
        self.seen.update(keys)
        if primary in self.claimed:  # another URL of this run already led to the same page
            self._record_non_article(response, canonical, link, "duplicate")
            return
        digest = content_hash(body)
        known = self.ctx.state.known(primary)
        if known is not None and known.content_hash == digest:
            self.health.not_modified += 1
            self._touch(primary, response, link)  # else a bumped lastmod refetches every run
            if canonical != primary:  # remember the alias so it is not fetched again
                self._record_non_article(response, canonical, link, "duplicate")
            return
        self.claimed.add(primary)
        headers = [
            (k.decode("latin-1"), v.decode("latin-1"))
            for k, values in response.headers.items()
            for v in values
        ]
        request_headers = [
            (k.decode("latin-1"), v.decode("latin-1"))
            for k, values in response.request.headers.items()
            for v in values
        ]
        return ArticleResponse(
            url=response.url,
            canonical=primary,
            status=response.status,
            reason=status_phrase(response.status),
            headers=headers,
            body=body,
            request_headers=request_headers,
            method=response.request.method,
            fetched_at=utc_now(),
            source=self.source.name,
            route=link.route,
            found_on=link.found_on,
            route_date=link.date,
            content_hash=digest,
            aliases=tuple(sorted(keys - {primary})),
        )

    def _touch(self, canonical: str, response, link: Link) -> None:
        """Remember the newest route date and validators of a page that did not change."""
        self.ctx.state.touch(
            canonical,
            route_lastmod=link.date,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
            fetched_at=utc_now(),
        )

    def _record_non_article(self, response, canonical, link, outcome, status=0):
        self.ctx.state.record_page(
            canonical=canonical,
            url=response.url,
            source=self.source.name,
            route=link.route,
            status=response.status if status == 0 else status,
            outcome=outcome,
            route_lastmod=link.date,
            fetched_at=utc_now(),
            run_id=self.ctx.run_id,
        )

    # ------------------------------------------------------------ failures

    def on_error(self, failure):
        request = failure.request
        meta = request.meta
        kind, what = classify_failure(failure)
        if meta.get("probe") and kind not in CONNECTION_KINDS:
            log.debug("%s: probe %s: %s", self.source.name, request.url, what)
            yield from self._continue(meta.get("plan", []), meta.get("plan_route", "auto"))
            return
        # (a probe that cannot even connect ends its plan: the other probes would fail alike)
        if self.giving_up:  # the site is down and the source is stopping: nothing new to say
            return
        tries = meta.get("retry_times", 0) + 1
        after = f" after {tries} tries" if tries > 1 else ""
        self._fail(kind, request.url, what, after)
        if kind in ("robots_forbidden", "http_410") and meta.get("kind") == "article":
            # Policy or permanent: do not ask again until the route reports a change.
            status = 410 if kind == "http_410" else None
            self._record_non_article(request, meta["canonical"], meta["link"], kind, status)
        if kind in CONNECTION_KINDS:
            self.consecutive_failures += 1
            if self.consecutive_failures >= self.site_down_after:
                self.giving_up = True
                self.health.error("site_down")
                log.error(
                    "%s: %d requests in a row failed to connect — the site seems down; "
                    "stopping this source (the rest is tried on the next run)",
                    self.source.name,
                    self.consecutive_failures,
                )
                raise CloseSpider("site_down")

    def _fail(self, kind: str, url: str, what: str, after: str = "", kept: bool = False) -> None:
        """Count one error and say it in one line: `source: what on URL[ after N tries] — skipped`."""
        self.health.error(kind)
        outcome = "archived as fetched" if kept else "skipped"
        log.warning("%s: %s on %s%s — %s", self.source.name, what, url, after, outcome)

    def _warn_once(self, key: str, url: str, what: str, kind: str | None = None) -> None:
        if key in self.warned:
            return
        self.warned.add(key)
        self.health.warning(kind or key.split(":")[0])
        log.warning("%s: %s at %s", self.source.name, what, url)


def _is_newer(route_date: str | None, known_date: str | None) -> bool | None:
    """True/False when both dates are known; None when the route gives no date to compare."""
    new = parse_datetime(route_date)
    old = parse_datetime(known_date)
    if new is None:
        return None
    if old is None:
        return True
    return _naive(new) > _naive(old)


def _naive(value: datetime) -> datetime:
    """UTC wall time without tzinfo, so dated and undated values compare."""
    offset = value.utcoffset()
    naive = value.replace(tzinfo=None)
    return naive - offset if offset else naive


def _header(response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _is_text(response) -> bool:
    return isinstance(response, scrapy.http.TextResponse)
