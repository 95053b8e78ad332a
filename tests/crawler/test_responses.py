"""Checks on fetched article bytes: HTML or not, claimed charset, declared canonical URL."""

import pytest

from crawler.responses import declared_charset, looks_like_html, page_canonical


@pytest.mark.parametrize(
    ("ctype", "body"),
    [
        ("text/html; charset=utf-8", b"<!doctype html><html><body>x</body></html>"),
        ("text/html", b"\xef\xbb\xbf\n  <html><body><p>Skor <b>90</p></div>"),  # BOM, malformed
        ("", b"<html><head></head></html>"),  # no Content-Type: sniffed
        ("application/xhtml+xml", b"<?xml version='1.0'?><html/>"),
    ],
)
def test_html_pages(ctype, body):
    assert looks_like_html(ctype, body)


@pytest.mark.parametrize(
    ("ctype", "body"),
    [
        ("application/pdf", b"%PDF-1.7"),
        ("text/html", b"%PDF-1.4 mislabelled"),
        ("text/html", b"\x89PNG\r\n\x1a\n"),
        ("text/html", b"<p>\x00\x01\x02</p>"),
        ("image/jpeg", b"<html>"),
        ("text/plain", b"just words"),
    ],
)
def test_non_html_bodies_whatever_the_url_says(ctype, body):
    assert not looks_like_html(ctype, body)


def test_charset_from_header_then_meta():
    assert (
        declared_charset("text/html; charset=ISO-8859-1", b"<meta charset='utf-8'>") == "iso-8859-1"
    )
    assert (
        declared_charset(
            "text/html",
            b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
        )
        == "windows-1252"
    )
    assert declared_charset("text/html", b"<html>") is None


def test_canonical_link_is_made_absolute():
    body = b'<head><link href="/berita/asli" rel="canonical"></head>'
    assert page_canonical(body, "https://x.id/amp/berita/asli") == "https://x.id/berita/asli"
    assert (
        page_canonical(b"<head><link rel='stylesheet' href='/s.css'></head>", "https://x.id/")
        is None
    )
