"""parse_page: main text without chrome, date and canonical URL, charsets, unusable pages."""

from __future__ import annotations

import gzip
import zlib

import brotli
import pytest

from demo.content import load_sites
from demo.render import article_path, render_article
from extract.model import Page
from extract.page import UnusablePage, parse_page

BASE = "http://demo.test"
BODY = (
    "SERANG – Dinas Kependudukan dan Pencatatan Sipil meraih nilai 91,20 zona hijau dalam "
    "penilaian kepatuhan pelayanan publik Tahun 2024 dari Ombudsman RI. Kepala dinas "
    "menyampaikan terima kasih kepada seluruh petugas yang melayani warga setiap hari."
)


def html_page(body_html: str, head: str = "", charset_meta: str = "utf-8") -> str:
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    return (
        f"<!DOCTYPE html><html lang='id'><head>{meta}<title>Berita</title>{head}</head>"
        f"<body><nav><ul><li><a href='/'>Home</a></li><li><a href='/daerah'>Daerah</a></li></ul>"
        f"</nav><main><article><h1>Judul berita</h1>{body_html}</article></main>"
        f"<footer><p>Copyright 2025 Portal Contoh. Semua hak dilindungi.</p></footer>"
        f"</body></html>"
    )


def paragraphs(*texts: str) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


FILLER = (
    "Penilaian dilakukan melalui wawancara dengan petugas dan pengguna layanan serta "
    "pengamatan langsung di ruang pelayanan, kata kepala perwakilan dalam keterangannya."
)


@pytest.fixture(scope="module")
def demo_pages():
    """Every demo article rendered as the server would serve it, its content and its parse."""
    pages = []
    for site in load_sites():
        for article in site.articles:
            url = BASE + article_path(site, article)
            html = render_article(site, article, BASE).encode("utf-8")
            headers = {"Content-Type": "text/html; charset=utf-8"}
            page = Page(url=url, body=html, headers=headers)
            pages.append((site, article, page, parse_page(page)))
    return pages


def test_demo_article_text_is_the_body_without_chrome(demo_pages):
    for site, article, page, parsed in demo_pages:
        text = parsed.text
        for paragraph in article.paragraphs:
            assert " ".join(paragraph.split()) in text, (page.url, paragraph[:60])
        others = [a for a in site.articles if a.slug != article.slug]
        for other in others:  # sidebar "Berita Terpopuler", featured post, related, "Baca juga"
            assert other.title not in text, (page.url, other.title)
            assert other.paragraphs[0][:80] not in text, (page.url, other.title)
        assert "baca juga" not in text.lower(), page.url
        assert site.footer[:40] not in text, page.url
        for word in ("Berita Terpopuler", "Terpopuler", "Posting Komentar", "TANGGAPAN"):
            assert word not in text, (page.url, word)


def test_demo_article_comments_are_left_out(demo_pages):
    for _site, article, page, parsed in demo_pages:
        text = parsed.text
        for name, comment in article.comments:
            assert comment not in text and name not in text, page.url
        assert "Balas" not in text


def test_demo_article_metadata(demo_pages):
    for _site, article, page, parsed in demo_pages:
        assert parsed.published == article.published.date().isoformat(), page.url
        assert parsed.canonical_url == page.url
        assert parsed.doc_id == page.url
        assert parsed.site == "demo.test"
        assert parsed.title == article.title


def test_date_source_by_platform(demo_pages):
    sources = {site.platform: parsed.date_source for site, _a, _p, parsed in demo_pages}
    assert sources == {"blogger": "meta", "wordpress": "json-ld", "portal": "json-ld"}


def test_meta_date_in_a_slashed_format_is_used_and_labelled_meta():
    head = '<meta name="content_PublishedDate" content="2024/12/05 10:00:00">'
    sidebar = '<aside class="widget"><span class="post-date">12 September 2025</span></aside>'
    html = html_page(sidebar + paragraphs(BODY, FILLER), head=head)
    article = parse_page(Page(url="https://berita.example/pemkab-raih-nilai", body=html.encode()))
    assert (article.published, article.date_source) == ("2024-12-05", "meta")


def test_date_from_the_url_when_the_page_states_none():
    html = html_page(paragraphs(BODY, FILLER))
    page = Page(url="https://berita.example/2023/12/pemkab-raih-nilai.html", body=html.encode())
    article = parse_page(page)
    assert article.published is not None and article.published.startswith("2023-12")
    assert article.date_source == "url"


def test_date_from_visible_text_is_labelled_htmldate():
    html = html_page(paragraphs("Diterbitkan 2024-12-05 10:00", BODY, FILLER))
    article = parse_page(Page(url="https://berita.example/pemkab-raih-nilai", body=html.encode()))
    assert article.published == "2024-12-05"
    assert article.date_source == "htmldate"


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        ('<span class="post-timestamp">Rabu, 05 Februari 2025</span>', "2025-02-05"),
        ('<div class="read__info__date">Kamis, 5 Des 2024, 10:00 WIB</div>', "2024-12-05"),
        ('<div class="tanggal">Senin, 14/11/2022 | 19:45</div>', "2022-11-14"),
    ],
)
def test_indonesian_visible_date_is_read_outside_the_chrome(shown, expected):
    sidebar = (
        '<aside class="widget"><h3>Berita Terpopuler</h3><a href="/x">Berita lain</a>'
        '<span class="post-date">Jumat, 12 September 2025</span></aside>'
    )
    html = html_page(sidebar + shown + paragraphs(BODY, FILLER))
    article = parse_page(Page(url="https://berita.example/pemkab-raih-nilai", body=html.encode()))
    assert (article.published, article.date_source) == (expected, "text")


def test_relative_canonical_is_resolved_and_used_as_doc_id():
    head = '<link rel="canonical" href="/daerah/pemkab-raih-nilai">'
    html = html_page(paragraphs(BODY, FILLER), head=head)
    page = Page(url="https://berita.example/daerah/pemkab-raih-nilai?utm_source=wa", body=html)
    page = Page(url=page.url, body=html.encode())
    article = parse_page(page)
    assert article.canonical_url == "https://berita.example/daerah/pemkab-raih-nilai"
    assert article.doc_id == article.canonical_url
    assert article.url == page.url


def test_windows_1252_bytes_declared_as_utf8_decode():
    text = "Kafé ‘Pelayanan’ di Serang meraih nilai 88,10 – kata warga yang puas dilayani."
    body = html_page(paragraphs(text, BODY, FILLER)).encode("cp1252")
    headers = {"Content-Type": "text/html; charset=UTF-8"}
    article = parse_page(Page(url="https://berita.example/a", body=body, headers=headers))
    assert "Kafé ‘Pelayanan’" in article.text
    assert "88,10 – kata" in article.text


def test_latin1_declared_page_reads_cp1252_punctuation():
    text = "Café “Melayani” mendapat nilai 75,20 dari tim penilai, ujar Pak André’s."
    body = html_page(paragraphs(text, BODY, FILLER), charset_meta="iso-8859-1").encode("cp1252")
    article = parse_page(Page(url="https://berita.example/b", body=body))
    assert "Café “Melayani”" in article.text
    assert "André’s" in article.text


def test_page_without_declared_charset_is_detected():
    text = "Pelayanan di kantor kecamatan dinilai baik oleh warga yang datang pagi itu."
    body = html_page(paragraphs(text, BODY, FILLER), charset_meta="").encode("utf-8")
    article = parse_page(Page(url="https://berita.example/c", body=body))
    assert "Kependudukan dan Pencatatan Sipil meraih nilai 91,20" in article.text


def test_mostly_utf8_page_with_stray_cp1252_bytes():
    good = html_page(paragraphs("Nilai “tertinggi” untuk Dinsos", BODY, FILLER))
    body = good.encode("utf-8").replace(b"tertinggi", b"tertinggi\x92s")
    article = parse_page(Page(url="https://berita.example/d", body=body))
    assert "“tertinggi’s”" in article.text


@pytest.mark.parametrize(
    ("body", "headers", "reason"),
    [
        (b"", {}, "empty body"),
        (b"   \n\t ", {"Content-Type": "text/html"}, "empty body"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", {}, "PDF"),
        (b"%PDF-1.4 binary", {"Content-Type": "text/html; charset=utf-8"}, "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", {}, "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", {}, "JPEG"),
        (b"<html>" + b"\x00\x01\x02" * 50, {}, "binary"),
        (b"{}", {"Content-Type": "application/json"}, "Content-Type application/json"),
        (b"just a line of text without markup", {}, "no HTML markup"),
    ],
)
def test_unusable_content_is_rejected_with_a_reason(body, headers, reason):
    page = Page(url="https://berita.example/berita.html", body=body, headers=headers)
    with pytest.raises(UnusablePage, match=reason) as caught:
        parse_page(page)
    assert "\n" not in str(caught.value)


def _compressed_bodies():
    html = html_page(paragraphs(BODY, FILLER)).encode()
    return [
        ("gzip", gzip.compress(html)),
        (None, gzip.compress(html)),
        ("deflate", zlib.compress(html)),
        ("deflate", zlib.compress(html)[2:-4]),  # raw deflate stream
        ("br", brotli.compress(html)),
        ("gzip", html),  # header left behind by a client that already decoded the body
    ]


@pytest.mark.parametrize(("encoding", "body"), _compressed_bodies())
def test_compressed_bodies_are_decompressed(encoding, body):
    headers = {"Content-Encoding": encoding} if encoding else {}
    article = parse_page(Page(url="https://berita.example/z", body=body, headers=headers))
    assert "meraih nilai 91,20 zona hijau" in article.text


def test_corrupt_compressed_body_is_rejected():
    body = gzip.compress(b"<html>" + b"x" * 100)[:20] + b"\x00garbage"
    with pytest.raises(UnusablePage, match="gzip-compressed body could not be decompressed"):
        parse_page(Page(url="https://berita.example/z", body=body))


def test_error_status_is_rejected():
    html = html_page(paragraphs(BODY, FILLER)).encode()
    with pytest.raises(UnusablePage, match="HTTP status 404"):
        parse_page(Page(url="https://berita.example/hilang", body=html, status=404))


@pytest.mark.parametrize(
    "notice",
    [
        "Maaf, halaman yang Anda cari tidak ditemukan. Silakan kembali ke beranda atau gunakan "
        "kotak pencarian untuk menemukan berita lain di situs kami.",
        "Situs ini diblokir karena melanggar ketentuan perundang-undangan. Untuk informasi "
        "lebih lanjut hubungi layanan pengaduan konten di kementerian.",
    ],
)
def test_soft_404_and_block_notices_are_rejected(notice):
    html = html_page(paragraphs(notice))
    with pytest.raises(UnusablePage, match="not an article: the page says"):
        parse_page(Page(url="https://berita.example/hilang", body=html.encode()))


def test_an_article_that_mentions_blocking_is_kept():
    text = "Kominfo menyebut situs diblokir bila memuat judi daring, kata pejabat itu."
    html = html_page(paragraphs(text, BODY, FILLER, FILLER.replace("kata", "ujar")))
    article = parse_page(Page(url="https://berita.example/blokir", body=html.encode()))
    assert "situs diblokir" in article.text


def test_a_one_sentence_brief_is_kept():
    brief = "Pemkab Lebak raih nilai 88,27 zona hijau Tahun 2024."
    article = parse_page(Page(url="https://berita.example/singkat", body=html_page(brief).encode()))
    assert article.text.endswith(brief)


def test_page_without_article_text_is_rejected():
    html = (
        "<html><head><title>Memuat…</title><script>window.location='/app'</script></head>"
        "<body><div id='app'></div><script>render()</script></body></html>"
    )
    with pytest.raises(UnusablePage, match="no article text"):
        parse_page(Page(url="https://berita.example/app", body=html.encode()))


def test_five_megabyte_page_is_parsed_from_its_beginning():
    script = "<script>var bundle = '" + "x" * 5_000_000 + "';</script>"
    sidebar = "".join(
        f"<li><a href='/berita/{i}'>Berita lain nomor {i} tentang peristiwa daerah</a></li>"
        for i in range(3_000)
    )
    html = html_page(paragraphs(BODY, FILLER), head=script).replace(
        "<footer>", f"<aside><h3>Berita Terpopuler</h3><ul>{sidebar}</ul></aside><footer>"
    )
    assert len(html) > 5_000_000
    article = parse_page(Page(url="https://berita.example/besar", body=html.encode()))
    assert "meraih nilai 91,20 zona hijau" in article.text
    assert "Berita lain nomor" not in article.text


def test_markup_past_the_cap_is_cut_not_failed(monkeypatch, caplog):
    monkeypatch.setattr("extract.page.MAX_HTML_CHARS", 50_000)
    sidebar = "".join(f"<li><a href='/b/{i}'>Berita lain nomor {i}</a></li>" for i in range(5_000))
    html = html_page(paragraphs(BODY, FILLER) + f"<ul>{sidebar}</ul>")
    with caplog.at_level("DEBUG", logger="pantau.extract.page"):
        article = parse_page(Page(url="https://berita.example/besar", body=html.encode()))
    assert "meraih nilai 91,20 zona hijau" in article.text
    assert "only the first 50000 are parsed" in caplog.text


def test_copyright_year_is_not_a_publication_date():
    html = html_page(paragraphs(BODY, FILLER))  # footer: "Copyright 2025 Portal Contoh"
    article = parse_page(Page(url="https://berita.example/pemkab-raih-nilai", body=html.encode()))
    assert article.published is None
    assert article.date_source is None


def test_provenance_fields_are_carried_over():
    html = html_page(paragraphs(BODY, FILLER)).encode()
    page = Page(
        url="https://berita.example/e",
        body=html,
        fetched_at="2025-02-06T01:02:03Z",
        source="berita-example",
    )
    article = parse_page(page)
    assert (article.fetched_at, article.source) == ("2025-02-06T01:02:03Z", "berita-example")
