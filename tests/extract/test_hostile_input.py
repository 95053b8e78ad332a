"""Hostile text never raises and stays linear (no catastrophic backtracking)."""

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.model import Article
from extract.numbers import find_numbers
from extract.records import extract_records

PREFIX = "Ombudsman RI: penilaian kepatuhan, Kabupaten Sleman zona hijau dengan nilai "
ALPHABET = st.sampled_from(
    list("0123456789,.;:%-() \nabnilaKS") + ["nilai ", "Kota Bantul ", "zona "]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, max_size=400).map("".join))
def test_random_text_never_raises(body):
    for record in extract_records(Article(doc_id="h", text=PREFIX + body)):
        assert record.quote == (PREFIX + body)[record.start : record.end]


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_never_raises(body):
    extract_records(Article(doc_id="h", text=PREFIX + body, title=body, published=body[:10]))


def timed(text: str) -> float:
    start = time.perf_counter()
    extract_records(Article(doc_id="h", text=PREFIX + text))
    return time.perf_counter() - start


def test_adversarial_pages_finish_in_bounded_time():
    pages = [
        "9" * 50_000,
        "1," * 20_000,
        "nilai " * 8_000,
        "91,16 " * 3_000,
        ("Kota Bantul nilai 80,1, " * 800),
    ]
    for page in pages:
        assert timed(page) < 20


def test_long_page():
    page = (
        "Kabupaten Sleman dengan nilai 92,10 zona hijau. Lorem ipsum dolor sit amet. " * 70_000
    )[:200_000]
    assert timed(page) < 60
    assert find_numbers("7" * 1_000_000) == []  # a digit run is no number of ours
