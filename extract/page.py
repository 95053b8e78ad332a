"""One fetched page → one Article: decode the bytes, keep the main text, find the date.

trafilatura strips the chrome (menus, "Berita Terpopuler" sidebars, comments, footers; inline
"Baca juga" boxes are pruned first) and reads the title in one pass over a tree parsed once;
htmldate runs inside that pass in fast mode. The date is then chosen by provenance (JSON-LD/meta,
URL, an Indonesian visible date, htmldate) and recorded in `date_source`; the canonical URL
comes from rel=canonical or og:url. Everything that is not a usable news page raises
`UnusablePage` with a one-line reason a person can act on.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
import zlib
from datetime import date
from urllib.parse import urljoin, urlparse

import htmldate
import trafilatura
from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url
from trafilatura.utils import load_html

from extract.model import Article, Page

log = logging.getLogger("pantau.extract.page")

# trafilatura's cost grows with the tree (about 2 s per MB of dense markup on one core); the
# article sits in the first part of any real page, so only this much markup is parsed.
MAX_HTML_CHARS = 2_000_000
# Executable scripts, styles, inline SVG and comments are what make real pages huge; trafilatura
# discards them anyway, so they are cut before parsing (JSON scripts stay: they carry metadata).
BULK = re.compile(
    r"<script\b(?![^>]*json)[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>"
    r"|<svg\b[^>]*>.*?</svg\s*>|<!--.*?-->",
    re.I | re.S,
)
# Decompressed bodies larger than this are cut (a compressed "bomb" must not exhaust memory).
MAX_DECOMPRESSED_BYTES = 50_000_000
# A page whose main text is shorter than this is a stub or an error page (the shortest score
# brief, "Pemkab X raih nilai 88,1", is longer).
MIN_TEXT_CHARS = 20
# Below this much main text, trafilatura's backup extractors get a second try.
FALLBACK_BELOW_CHARS = 500

HTML_TYPES = ("text/html", "application/xhtml+xml", "text/xml", "application/xml")

# Magic numbers of formats that crawlers meet under .html URLs (downloads, images, archives).
BINARY_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF (WebP/AVI/WAV) file"),
    (b"PK\x03\x04", "a ZIP/Office document"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Labels that browsers (WHATWG Encoding) decode as windows-1252: pages declaring them routinely
# contain cp1252 punctuation (’ “ ” –) in the 0x80–0x9F range.
CP1252_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "cp819"}

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
URL_DATE = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])(?:/([0-3]\d))?/")

META_DATE_XPATH = (
    '//meta[@property="article:published_time" or @name="article:published_time"'
    ' or @property="og:published_time" or @itemprop="datePublished"'
    ' or @name="pubdate" or @name="publishdate" or @name="date"'
    ' or @name="dc.date" or @name="DC.date.issued" or @name="content_PublishedDate"]/@content'
    '|//*[@itemprop="datePublished"]/@datetime|//*[@itemprop="datePublished"]/@title'
    "|//time[@pubdate]/@datetime"
)

# Inline "read more" boxes that regional sites put between body paragraphs: a short block that
# starts with one of these labels and links to another story. trafilatura keeps them as body
# text, so they are pruned before extraction.
RELATED_LABELS = (
    "baca juga",
    "baca pula",
    "simak juga",
    "lihat juga",
    "simak pula",
    "berita terkait",
    "artikel terkait",
    "baca berita lainnya",
)
_UPPER_TO_LOWER = "'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'"
RELATED_BLOCKS = {"p", "div", "li", "section", "aside", "h2", "h3", "h4"}
MAX_RELATED_CHARS = 400


# Visible dates in Indonesian ("Rabu, 05 Februari 2025", "5 Des 2024 10:00 WIB", "14/11/2024"),
# which htmldate does not read, looked for only in date-like elements outside the chrome.
ID_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "maret": 3,
    "mar": 3, "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "agus": 8, "september": 9, "sep": 9,
    "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12,
}  # fmt: skip
ID_DATE = re.compile(
    r"\b([0-3]?\d)\s+(" + "|".join(sorted(ID_MONTHS, key=len, reverse=True)) + r")\.?\s+"
    r"((?:19|20)\d\d)\b"
    r"|\b([0-3]?\d)[/.-]([01]?\d)[/.-]((?:19|20)\d\d)\b",
    re.I,
)
_CLASS = f"translate(concat(@class, ' ', @id), {_UPPER_TO_LOWER})"
CHROME = ("sidebar", "widget", "popular", "terpopuler", "related", "terkait", "comment", "footer")
VISIBLE_DATE_XPATH = (
    "//*[self::time or "
    + " or ".join(
        f"contains({_CLASS}, '{word}')"
        for word in ("date", "tanggal", "time", "publish", "posted", "post-meta", "byline")
    )
    + "][not(ancestor-or-self::aside or ancestor::footer or ancestor::nav)]"
    + "".join(f"[not(ancestor::*[contains({_CLASS}, '{word}')])]" for word in CHROME)
)

# Pages that answer 200 but are not articles: soft 404s, bot challenges, block notices.
NOT_ARTICLE = re.compile(
    r"halaman (yang anda cari )?tidak ditemukan|page not found|404 not found|"
    r"just a moment\.\.\.|attention required|checking your browser|"
    r"enable javascript and cookies|access denied|403 forbidden|internet ?positif|"
    r"situs (ini )?diblokir",
    re.I,
)
MAX_NOTICE_CHARS = 600


class UnusablePage(Exception):
    """The page holds no article text pantau can use; str() is a one-line reason."""


def _cp1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decode bytes that are invalid UTF-8 as windows-1252 (mis-declared legacy pages)."""
    chars = []
    for byte in error.object[error.start : error.end]:
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))  # the five bytes cp1252 leaves undefined: keep as latin-1
    return "".join(chars), error.end


codecs.register_error("pantau-cp1252", _cp1252_fallback)


def parse_page(page: Page) -> Article:
    """Main text and citation metadata of one news page; raises UnusablePage if there is none."""
    where = page.url
    if page.status and page.status >= 400:
        raise UnusablePage(f"HTTP status {page.status}, not an article")
    body = _decompress(page.body or b"", _header(page.headers, "content-encoding"), where)
    if not body.strip():
        raise UnusablePage("empty body")
    content_type = _header(page.headers, "content-type")
    _reject_non_html(body, content_type)
    html = decode_html(body, content_type)
    if "<" not in html[:65536]:
        raise UnusablePage("no HTML markup in the body (plain text or data, not a web page)")
    if len(html) > MAX_HTML_CHARS:
        html = BULK.sub("", html)
    if len(html) > MAX_HTML_CHARS:
        log.debug(
            "%s: page is %d characters, only the first %d are parsed",
            where,
            len(html),
            MAX_HTML_CHARS,
        )
        html = html[:MAX_HTML_CHARS]
    tree = load_html(html)
    if tree is None:
        raise UnusablePage("the body could not be parsed as HTML")
    stated = _stated_dates(tree)
    _drop_related_boxes(tree)
    try:
        text = _main_text(tree, page.url, fast=True)
        if len(text) < FALLBACK_BELOW_CHARS:  # the main extractor found little: ask the backups
            text = _main_text(tree, page.url, fast=False)
        title, found = _title_and_date(tree, page.url)
    except (ValueError, TypeError) as error:
        raise UnusablePage(f"HTML could not be processed: {error}") from None
    if len(text) < MIN_TEXT_CHARS:
        raise UnusablePage("no article text found in the page (index, stub or script-only page)")
    notice = NOT_ARTICLE.search(f"{title or ''}\n{text[:MAX_NOTICE_CHARS]}")
    if notice and len(text) < MAX_NOTICE_CHARS:
        raise UnusablePage(f"not an article: the page says {notice.group(0)!r}")
    canonical = _canonical(tree, page.url)
    published, date_source = _publication_date(found, stated, tree, html, page.url)
    return Article(
        doc_id=canonical or page.url,
        text=text,
        url=page.url,
        canonical_url=canonical,
        site=_host(page.url),
        title=(title or None),
        published=published,
        date_source=date_source,
        fetched_at=page.fetched_at,
        source=page.source,
    )


def _main_text(tree: HtmlElement, url: str, *, fast: bool) -> str:
    """trafilatura's main text; `fast` skips its backup extractors (readability, jusText).

    On regional news pages the main extractor alone gives the same text at half the cost, so
    the backups run only when it finds less than FALLBACK_BELOW_CHARS.
    """
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=fast,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
    )
    return (document.text or "").strip() if document is not None else ""


def _title_and_date(tree: HtmlElement, url: str) -> tuple[str | None, str | None]:
    """The title and htmldate's fast-mode date, as trafilatura's metadata pass finds them.

    That pass also hunts for author, site name, categories, tags and licence, which pantau
    does not use and which cost about 40 % of trafilatura's time, so only its title and date
    steps run: meta tags, then JSON-LD, then the title elements; the date for the page's own URL.
    """
    metadata = examine_meta(tree)
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception:  # trafilatura's JSON-LD reader can trip over malformed data: meta tags stay
        log.debug("%s: unreadable JSON-LD metadata", url)
    title = metadata.title or extract_title(tree)
    link = metadata.url or extract_url(tree, url)
    found = htmldate.find_date(tree, extensive_search=False, original_date=True, url=link)
    return title, found


def _drop_related_boxes(tree: HtmlElement) -> None:
    """Remove short blocks that start with a "Baca juga"-type label and link elsewhere.

    Found through their label text (a scan of the text nodes, ~1 ms a page) rather than by
    testing every element's whole text in XPath, which costs ~15 ms a page.
    """
    labelled = [
        t for t in tree.xpath("//body//text()") if any(x in t.lower() for x in RELATED_LABELS)
    ]
    for text in labelled:
        block = text.getparent()
        if block is not None and text.is_tail:
            block = block.getparent()
        for _ in range(3):
            if block is None or block.tag in RELATED_BLOCKS:
                break
            block = block.getparent()
        if block is None or block.tag not in RELATED_BLOCKS or block.getparent() is None:
            continue
        content = " ".join(block.text_content().split()).lower()
        if (
            len(content) < MAX_RELATED_CHARS
            and content.startswith(RELATED_LABELS)
            and block.find(".//a") is not None
        ):
            block.drop_tree()


def _decompress(body: bytes, encoding: str | None, where: str) -> bytes:
    """Undo gzip/deflate/br transfer compression when an archive kept the body as sent."""
    encoding = (encoding or "").strip().lower()
    gzipped = body[:2] == b"\x1f\x8b"
    if not gzipped and encoding not in ("deflate", "br"):
        return body  # identity, or a header left behind after a client already decoded the body
    if encoding == "br" and not gzipped:
        import brotli

        try:
            return brotli.decompress(body)[:MAX_DECOMPRESSED_BYTES]
        except brotli.error as error:
            return _plain_or_fail(body, "br", error)
    wbits = 16 + zlib.MAX_WBITS if gzipped else zlib.MAX_WBITS
    if not gzipped and body[:1] != b"\x78":
        wbits = -zlib.MAX_WBITS  # raw deflate without the zlib header, as some servers send it
    try:
        inflater = zlib.decompressobj(wbits)
        data = inflater.decompress(body, MAX_DECOMPRESSED_BYTES)
    except zlib.error as error:
        return _plain_or_fail(body, "gzip" if gzipped else "deflate", error)
    if inflater.unconsumed_tail:
        log.debug("%s: decompressed body cut at %d bytes", where, MAX_DECOMPRESSED_BYTES)
    return data


def _plain_or_fail(body: bytes, kind: str, error: Exception) -> bytes:
    if body.lstrip()[:1] == b"<":
        return body  # declared compressed but sent plain
    raise UnusablePage(f"{kind}-compressed body could not be decompressed ({error})")


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Bytes → text: BOM, then the declared charset (header, then <meta>), then detection.

    Invalid UTF-8 bytes are read as windows-1252, the usual reason a page "in UTF-8" does not
    decode; latin-1 labels are read as windows-1252 like browsers do.
    """
    for bom, encoding in BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace")
    declared = _declared_charset(body, content_type)
    if declared in ("utf-8", "utf8"):
        return body.decode("utf-8", errors="pantau-cp1252")
    if declared:
        encoding = "cp1252" if declared in CP1252_LABELS else declared
        try:
            return body.decode(encoding)
        except LookupError:
            log.debug("unknown charset %r declared, detecting instead", declared)
        except UnicodeDecodeError:
            if encoding == "cp1252":
                return body.decode("latin-1")
            log.debug("bytes do not match declared charset %r, detecting instead", declared)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _detect(body)


def _detect(body: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    if best is not None and best.encoding not in ("utf_8", "ascii"):
        try:
            return body.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    return body.decode("utf-8", errors="pantau-cp1252")


def _declared_charset(body: bytes, content_type: str | None) -> str | None:
    if content_type:
        match = HEADER_CHARSET.search(content_type)
        if match:
            return match.group(1).lower()
    match = META_CHARSET.search(body[:32768])
    if match:
        return match.group(1).decode("ascii").lower()
    return None


def _reject_non_html(body: bytes, content_type: str | None) -> None:
    media = (content_type or "").split(";")[0].strip().lower()
    if media and media not in HTML_TYPES and not media.startswith("text/"):
        raise UnusablePage(f"not an HTML page (Content-Type {media})")
    head = body.lstrip()[:16]
    for signature, what in BINARY_SIGNATURES:
        if head.startswith(signature):
            raise UnusablePage(f"binary content: {what}, not an HTML page")
    sample = body[:1024]
    if not any(body.startswith(bom) for bom, _ in BOMS) and b"\x00" in sample:
        raise UnusablePage("binary content (NUL bytes), not an HTML page")


def _header(headers: dict[str, str] | None, name: str) -> str | None:
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return value
    return None


def _host(url: str) -> str | None:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https"):
        return None
    return parsed.netloc.lower() or None


def _stated_dates(tree: HtmlElement) -> dict[str, set[str]]:
    """Publication dates the page states explicitly, by where they are stated (for provenance)."""
    found: dict[str, set[str]] = {"json-ld": set(), "meta": set()}
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for value in _json_values(data, "datePublished"):
            found["json-ld"].add(_iso_day(value))
    for value in tree.xpath(META_DATE_XPATH):
        found["meta"].add(_iso_day(value))
    return found


def _iso_day(value: str) -> str:
    """'2024/12/05 10:00:00', '2024-12-05T10:00+07:00' → '2024-12-05' (as htmldate reports)."""
    match = re.match(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", str(value))
    if not match:
        return str(value).strip()[:10]
    return f"{match.group(1)}-{int(match.group(2)):02d}-{int(match.group(3)):02d}"


def _json_values(data, key: str):
    if isinstance(data, dict):
        for name, value in data.items():
            if name == key and isinstance(value, str):
                yield value
            else:
                yield from _json_values(value, key)
    elif isinstance(data, list):
        for item in data:
            yield from _json_values(item, key)


def _publication_date(
    found: str | None, stated: dict[str, set[str]], tree: HtmlElement, html: str, url: str
) -> tuple[str | None, str | None]:
    """The date and where it came from, most trustworthy source first.

    Order: a date the page states in JSON-LD or meta tags; a full date in the URL; an
    Indonesian date in a date-like element outside the chrome (htmldate cannot read those and
    its fast search otherwise picks up sidebar dates); htmldate's fast then deep search. A
    month-only URL (Blogger's /2024/12/slug.html) bounds the text/htmldate dates and, failing
    them, gives the first of the month. Copyright years ("© 2025" → 2025-01-01) are dropped.
    """
    if found and found in stated["json-ld"]:
        return found, "json-ld"
    if found and found in stated["meta"]:
        return found, "meta"
    for where in ("json-ld", "meta"):  # stated in a form htmldate did not pick up
        days = sorted(d for d in stated[where] if re.fullmatch(r"\d{4}-\d\d-\d\d", d))
        if days:
            return days[0], where
    match = URL_DATE.search(url or "")
    if match and match.group(3):
        return f"{match.group(1)}-{match.group(2)}-{match.group(3)}", "url"
    month = f"{match.group(1)}-{match.group(2)}" if match else None
    visible = _visible_date(tree)
    if visible and (month is None or visible.startswith(month)):
        return visible, "text"
    if found and (month is None or found.startswith(month)):
        return found, "htmldate"
    deep = htmldate.find_date(tree, extensive_search=True, original_date=True, url=url)
    if deep and deep.endswith("-01-01") and _copyright_year(html, deep[:4]):
        deep = None
    if deep and (month is None or deep.startswith(month)):
        return deep, "htmldate"
    return (f"{month}-01", "url") if month else (None, None)


def _visible_date(tree: HtmlElement) -> str | None:
    """The first Indonesian-format date shown in a date-like element outside the chrome."""
    for element in tree.xpath(VISIBLE_DATE_XPATH)[:50]:
        label = element.get("datetime") or element.get("title") or ""
        for candidate in (label, element.text_content()[:200]):
            match = ID_DATE.search(candidate)
            if match is None:
                continue
            if match.group(1):
                day, month, year = match.group(1), ID_MONTHS[match.group(2).lower()], match.group(3)
            else:
                day, month, year = match.group(4), int(match.group(5)), match.group(6)
            try:
                return date(int(year), int(month), int(day)).isoformat()
            except ValueError:
                continue
    return None


def _copyright_year(html: str, year: str) -> bool:
    pattern = rf"(?:©|&copy;|copyright)\s*(?:\d{{4}}\s*[-–]\s*)?{year}\b"
    return re.search(pattern, html, re.I) is not None


def _canonical(tree: HtmlElement, url: str) -> str | None:
    """rel=canonical (else og:url), made absolute against the page URL; None if absent."""
    hrefs = tree.xpath(
        '//link[contains(concat(" ", normalize-space(@rel), " "), " canonical ")]/@href'
        '|//meta[@property="og:url"]/@content'
    )
    for href in hrefs:
        href = href.strip()
        candidate = urljoin(url, href) if url.startswith(("http://", "https://")) else href
        if candidate.startswith(("http://", "https://")):
            return candidate
    return None
