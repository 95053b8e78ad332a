"""Hostile text never raises and never hangs: extraction reads a bounded prefix in near-linear time.

The time limits are generous on purpose (a hang, not speed, is what is tested; speed is measured
by `make bench`): a 5 MB page must finish within 60 s even on a slow 2-core machine.
"""

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.model import Article
from extract.nlp import get_nlp
from extract.numbers import find_numbers
from extract.records import MAX_TEXT_CHARS, extract_records

PREFIX = "Ombudsman RI: penilaian kepatuhan, Kabupaten Sleman zona hijau dengan nilai 91,16. "
ALPHABET = st.sampled_from(
    list("0123456789,.;:%-() \nabnilaKS") + ["nilai ", "Kota Bantul ", "zona ", "Dinsos "]
)
FIVE_MB = 5_000_000
STORY = (
    "Ombudsman Republik Indonesia Perwakilan Jawa Tengah menyerahkan hasil penilaian kepatuhan "
    "penyelenggaraan pelayanan publik tahun 2023. Pemerintah Kabupaten Kudus meraih nilai 88,41 "
    "dan masuk zona hijau, sedangkan Dinas Kesehatan Kota Semarang memperoleh 76,02 (zona "
    "kuning). Kepala Dinas Sosial, Bapak Sutrisno, mengatakan pihaknya akan berbenah.\n"
)
ADVERSARIAL = {
    "score flood": "Dinsos nilai 91,16 ",
    "comma flood": ",",
    "digit and comma": "1,",
    "keyword flood": "nilai ",
    "list without full stops": "Kota Bantul nilai 80,1, ",
    "agency flood": "Dinas Sosial Kabupaten Sleman, ",
    "100k-digit runs": "9" * 100_000 + " ",
    "story pasted to 5 MB": STORY,
}


def run(text: str) -> tuple[list, float]:
    start = time.perf_counter()
    records = extract_records(Article(doc_id="h", text=text))
    return records, time.perf_counter() - start


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ALPHABET, max_size=400).map("".join))
def test_random_text_never_raises(body):
    for record in extract_records(Article(doc_id="h", text=PREFIX + body)):
        assert record.quote == (PREFIX + body)[record.start : record.end]


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_never_raises(body):
    extract_records(Article(doc_id="h", text=PREFIX + body, title=body, published=body[:10]))


@pytest.mark.timeout(300)
@pytest.mark.parametrize("unit", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_five_megabyte_page_finishes_in_bounded_time(unit):
    text = PREFIX + (unit * (FIVE_MB // len(unit) + 1))[:FIVE_MB]
    records, seconds = run(text)
    assert seconds < 60
    assert all(text[r.start : r.end] == r.quote for r in records)


@pytest.mark.timeout(300)
def test_five_megabyte_title_finishes_in_bounded_time():
    title = ADVERSARIAL["score flood"] * (FIVE_MB // len(ADVERSARIAL["score flood"]))
    get_nlp()  # its one-off load is not what is measured
    start = time.perf_counter()
    extract_records(Article(doc_id="h", text=PREFIX, title=title, published=title[:40]))
    assert time.perf_counter() - start < 15  # read whole, this title took ~45 s


def test_over_budget_page_keeps_its_first_records_and_flags_them():
    text = STORY + "Lorem ipsum dolor sit amet. " * (MAX_TEXT_CHARS // 20)
    records, _ = run(text)
    assert {(r.agency_name, r.score) for r in records} >= {
        ("Pemerintah Kabupaten Kudus", 88.41),
    }
    assert all("text_truncated" in r.flags for r in records)


def test_page_within_budget_is_not_flagged():
    records, _ = run(STORY * 3)
    assert records
    assert not any("text_truncated" in r.flags for r in records)


def test_a_digit_run_is_no_number():
    assert find_numbers("7" * 1_000_000) == []
