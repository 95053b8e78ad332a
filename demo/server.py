"""Serve the embedded demo news sites on 127.0.0.1, one free port per site.

`start_demo_sites()` is what tests and `pantau demo` use; `python -m demo.server` serves them
until Ctrl-C for people who want to look. Responses carry Content-Type with charset,
Last-Modified and ETag, and conditional requests get 304, so incremental crawling is exercised.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from demo import discovery
from demo.content import DemoSiteContent, load_sites
from demo.render import article_path, render_article, render_home, render_search, render_static

log = logging.getLogger("pantau.demo")

HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"
TYPES = {
    "rss": "application/rss+xml; charset=UTF-8",
    "atom": "application/atom+xml; charset=UTF-8",
    "json": "application/json; charset=UTF-8",
}
STATIC_PAGES = {
    "blogger": {
        "/p/tentang-kami.html": "Tentang Kami",
        "/p/kontak-kami.html": "Kontak Kami",
        "/p/redaksi.html": "Redaksi",
        "/p/pedoman-media-siber.html": "Pedoman Media Siber",
    },
    "wordpress": {
        "/tentang-kami/": "Tentang Kami",
        "/redaksi/": "Redaksi",
        "/pedoman-media-siber/": "Pedoman Media Siber",
        "/kontak/": "Kontak",
    },
    "portal": {
        "/about": "Tentang Kami",
        "/redaksi": "Redaksi",
        "/pedoman": "Pedoman Media Siber",
        "/privasi": "Kebijakan Data Pribadi",
    },
}


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes
    last_modified: datetime | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteInfo:
    name: str
    platform: str
    base_url: str


class DemoSiteApp:
    """Every route of one demo site; static documents are rendered once at start."""

    def __init__(self, content: DemoSiteContent, base: str):
        self.content = content
        self.base = base
        self.newest = content.articles[0].published if content.articles else None
        self.static: dict[str, Response] = {}
        self._render()

    def _add(self, path: str, ctype: str, text: str, modified: datetime | None) -> None:
        self.static[path] = Response(200, ctype, text.encode("utf-8"), modified)

    def _render(self) -> None:
        site, base, newest = self.content, self.base, self.newest
        articles = list(site.articles)
        self._add(
            "/robots.txt", "text/plain; charset=utf-8", discovery.robots_txt(site, base), None
        )
        self._add("/", HTML, render_home(site, base), newest)
        for article in articles:
            path = article_path(site, article)
            self._add(path, HTML, render_article(site, article, base), article.published)
        for path, heading in STATIC_PAGES[site.platform].items():
            self._add(path, HTML, render_static(site, base, heading, path), None)
        if site.platform == "blogger":
            index = discovery.sitemap_index([(f"{base}/sitemap.xml?page=1", newest)])
            self._add("/sitemap.xml", XML, index, newest)
            self._add("/sitemap.xml?page=1", XML, discovery.url_set(site, articles, base), newest)
        elif site.platform == "wordpress":
            index = discovery.sitemap_index([(f"{base}/wp-sitemap-posts-post-1.xml", None)])
            self._add("/wp-sitemap.xml", XML, index, newest)
            posts = discovery.url_set(site, articles, base)
            self._add("/wp-sitemap-posts-post-1.xml", XML, posts, newest)
            self._add("/wp-json/", TYPES["json"], json.dumps(discovery.wp_index(site, base)), None)
            for page in range(1, max(1, -(-len(articles) // 10)) + 1):
                chunk = articles[(page - 1) * 10 : page * 10]
                suffix = "" if page == 1 else f"?paged={page}"
                feed = discovery.rss(site, chunk, base, f"{base}/feed/{suffix}", full=True)
                self._add(f"/feed/{suffix}", TYPES["rss"], feed, newest)
        else:
            months = sorted({a.published.strftime("%Y-%m") for a in articles}, reverse=True)
            entries = [(f"{base}/sitemap-news.xml", newest)]
            for month in months:
                in_month = [a for a in articles if a.published.strftime("%Y-%m") == month]
                entries.append((f"{base}/sitemap-{month}.xml", in_month[0].published))
                self._add(
                    f"/sitemap-{month}.xml",
                    XML,
                    discovery.url_set(site, in_month, base),
                    in_month[0].published,
                )
            self._add("/sitemap.xml", XML, discovery.sitemap_index(entries), newest)
            news = discovery.news_sitemap(site, articles[:5], base)
            self._add("/sitemap-news.xml", XML, news, newest)
            feed = discovery.rss(site, articles[:20], base, f"{base}/rss", full=False)
            self._add("/rss", TYPES["rss"], feed, newest)
            self._add("/indeks", HTML, render_home(site, base), newest)

    def handle(self, target: str) -> Response:
        parts = urlsplit(target)
        path = parts.path or "/"
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        full = f"{path}?{parts.query}" if parts.query else path
        if full in self.static:
            return self.static[full]
        platform = self.content.platform
        try:
            if platform == "wordpress" and path.rstrip("/") == "/wp-json/wp/v2/posts":
                posts, headers = discovery.wp_posts(self.content, self.base, query)
                body = json.dumps(posts, ensure_ascii=False).encode("utf-8")
                return Response(200, TYPES["json"], body, None, headers)
            if platform == "wordpress" and path == "/feed/" and "paged" in query:
                return _not_found()  # pages of the feed that exist are in self.static
            if platform == "blogger" and path in ("/feeds/posts/default", "/feeds/posts/summary"):
                text, kind = discovery.blogger_feed(
                    self.content, self.base, query, summary=path.endswith("summary")
                )
                return Response(200, TYPES[kind], text.encode("utf-8"), self.newest)
        except discovery.BadRequest as error:
            return Response(400, TYPES["json"], json.dumps(error.body).encode("utf-8"))
        if platform == "wordpress" and path == "/" and "s" in query:
            found = discovery.search_articles(self.content.articles, query["s"])
            page = render_search(self.content, self.base, query["s"], found)
            return Response(200, HTML, page.encode("utf-8"))
        if not parts.query and path in self.static:
            return self.static[path]
        if parts.query and path in self.static and not path.endswith(".xml"):
            return self.static[path]  # tracking parameters (?utm_source=…, ?m=1) on a page
        return _not_found()


def _not_found() -> Response:
    body = b"<!DOCTYPE html><html><head><title>404</title></head><body><h1>404 Not Found</h1></body></html>"
    return Response(404, HTML, body)


def _handler_for(app: DemoSiteApp) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "demo-news/1.0"
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self._respond(include_body=True)

        def do_HEAD(self) -> None:
            self._respond(include_body=False)

        def _respond(self, include_body: bool) -> None:
            response = app.handle(self.path)
            etag = '"' + hashlib.sha1(response.body).hexdigest()[:20] + '"'
            headers = {"Content-Type": response.content_type, **response.headers}
            if response.status == 200:
                headers["ETag"] = etag
                if response.last_modified is not None:
                    headers["Last-Modified"] = format_datetime(
                        response.last_modified.astimezone(UTC), usegmt=True
                    )
                if _not_modified(self.headers, etag, response.last_modified):
                    self.send_response(304)
                    for name in ("ETag", "Last-Modified"):
                        if name in headers:
                            self.send_header(name, headers[name])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            body = response.body
            if len(body) > 1024 and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body, compresslevel=6, mtime=0)
                headers["Content-Encoding"] = "gzip"
            headers["Vary"] = "Accept-Encoding"
            self.send_response(response.status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if include_body:
                self.wfile.write(body)

        def log_message(self, format: str, *args) -> None:  # noqa: A002 (stdlib signature)
            log.debug("%s %s", app.content.name, format % args)

    return Handler


def _not_modified(request_headers, etag: str, last_modified: datetime | None) -> bool:
    match = request_headers.get("If-None-Match")
    if match:
        return etag in [tag.strip() for tag in match.split(",")] or match.strip() == "*"
    since = request_headers.get("If-Modified-Since")
    if since and last_modified is not None:
        try:
            moment = parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return last_modified.replace(microsecond=0) <= moment
    return False


class DemoSites:
    """The running demo sites; use as a context manager or call `.stop()`."""

    def __init__(self, host: str = "127.0.0.1"):
        self._servers: list[ThreadingHTTPServer] = []
        self._apps: list[DemoSiteApp] = []
        self.sites: list[SiteInfo] = []
        try:
            for content in load_sites():
                server = ThreadingHTTPServer((host, 0), BaseHTTPRequestHandler)
                server.daemon_threads = True
                base = f"http://{host}:{server.server_address[1]}"
                app = DemoSiteApp(content, base)
                server.RequestHandlerClass = _handler_for(app)
                thread = threading.Thread(
                    target=server.serve_forever, name=f"demo-{content.name}", daemon=True
                )
                thread.start()
                self._servers.append(server)
                self._apps.append(app)
                self.sites.append(SiteInfo(content.name, content.platform, base))
        except BaseException:
            self.stop()
            raise

    def sources_yaml(self) -> str:
        """A sources file naming each site by name and home URL only (routes auto-detected)."""
        lines = ["sources:"]
        for site in self.sites:
            lines += [f"  - name: {site.name}", f"    url: {site.base_url}/"]
        return "\n".join(lines) + "\n"

    def expected_records(self) -> list[dict]:
        """The score records each served article holds, with the article URL as served."""
        out = []
        for app in self._apps:
            for article in app.content.articles:
                url = app.base + article_path(app.content, article)
                out.extend({"url": url, **record} for record in article.records)
        return out

    def article_urls(self) -> list[str]:
        """Every article URL as served (for tests that need the pages themselves)."""
        return [
            app.base + article_path(app.content, article)
            for app in self._apps
            for article in app.content.articles
        ]

    def stop(self) -> None:
        """Stop every site (in parallel: each shutdown waits up to one poll interval)."""
        stoppers = [threading.Thread(target=s.shutdown) for s in self._servers]
        for stopper in stoppers:
            stopper.start()
        for stopper in stoppers:
            stopper.join()
        for server in self._servers:
            server.server_close()
        self._servers.clear()

    def __enter__(self) -> DemoSites:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start_demo_sites() -> DemoSites:
    """Start every demo site on its own free port on 127.0.0.1."""
    return DemoSites()


def main() -> None:
    sites = start_demo_sites()
    try:
        for site in sites.sites:
            print(f"{site.name:<18} {site.platform:<10} {site.base_url}/")
        count = len(sites.article_urls())
        print(f"{count} articles, {len(sites.expected_records())} expected score records.")
        print("Serving until Ctrl-C.", flush=True)
        threading.Event().wait()
    except KeyboardInterrupt:
        print("stopped")
    finally:
        sites.stop()


if __name__ == "__main__":
    main()
