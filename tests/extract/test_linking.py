"""Score ↔ agency linking, one behaviour per test, on sentences written for these tests."""

from extract.model import Article
from extract.records import extract_records

LEAD = "Ombudsman RI mengumumkan hasil Penilaian Kepatuhan Pelayanan Publik Tahun 2023.\n"


def pairs(body: str, published: str | None = "2023-12-20") -> set[tuple[str, float]]:
    article = Article(doc_id="t", text=LEAD + body, published=published)
    return {(r.agency, r.score) for r in extract_records(article)}


def test_agency_then_score_words():
    got = pairs("Kabupaten Sleman dengan nilai 92,10 dan Kota Magelang meraih nilai 95,40.")
    assert got == {("Kabupaten Sleman", 92.1), ("Kota Magelang", 95.4)}


def test_parenthesised_and_bare_list_items():
    got = pairs(
        "Zona merah diraih Kabupaten Alor (44,12), Kabupaten Belu 41,07 dan Kota Kupang 39,5."
    )
    assert got == {("Kabupaten Alor", 44.12), ("Kabupaten Belu", 41.07), ("Kota Kupang", 39.5)}


def test_field_per_line_block():
    got = pairs("Kabupaten Bantul\nnilai kepatuhan: 88,10\nzona: hijau\n")
    assert got == {("Kabupaten Bantul", 88.1)}


def test_score_before_agency():
    got = pairs("Dengan total nilai sebesar 90,12, Kota Salatiga menjadi yang terbaik.")
    assert got == {("Kota Salatiga", 90.12)}


def test_score_given_to_recipient():
    assert pairs("Ombudsman memberi nilai 71,30 bagi Pemerintah Kota Tegal.") == {
        ("Pemerintah Kota Tegal", 71.3)
    }


def test_score_in_next_sentence():
    got = pairs("Kabupaten Kendal kembali masuk zona hijau. Nilainya 90,45.")
    assert got == {("Kabupaten Kendal", 90.45)}


def test_comparison_entity_between_subject_and_score():
    got = pairs("Provinsi Jambi berada di bawah Provinsi Riau, dengan nilai 88,40.")
    assert got == {("Provinsi Jambi", 88.4)}


def test_respectively_list():
    got = pairs(
        "Kabupaten Pati, Kabupaten Kudus dan Kabupaten Demak dengan skor masing-masing 81,25; "
        "77,05; dan 66,1."
    )
    assert got == {("Kabupaten Pati", 81.25), ("Kabupaten Kudus", 77.05), ("Kabupaten Demak", 66.1)}


def test_rank_before_agency_is_not_a_score():
    got = pairs(
        "Peringkat 12, Kabupaten Blora dengan nilai 81. Peringkat 13, Kabupaten Rembang 80,2."
    )
    assert got == {("Kabupaten Blora", 81.0), ("Kabupaten Rembang", 80.2)}


def test_one_record_per_year_in_a_change():
    article = Article(
        doc_id="t",
        text=LEAD
        + "Nilai Kabupaten Wonogiri naik dari 84,02 di tahun 2019 menjadi 93,75 di tahun 2021, "
        "meningkat 9,73 poin.",
    )
    got = {(r.score, r.assessment_year) for r in extract_records(article)}
    assert got == {(84.02, 2019), (93.75, 2021)}


def test_first_person_quote_goes_to_the_speaker():
    got = pairs('"Tahun ini kami mendapatkan skor 91,15," kata Kepala UPT Puskesmas Karanganyar.')
    assert {score for _, score in got} == {91.15}
    assert any("Puskesmas Karanganyar" in agency for agency, _ in got)


def test_shared_score():
    got = pairs("Puskesmas Kartasura dan Puskesmas Colomadu memperoleh nilai 87,25.")
    assert got == {("Puskesmas Kartasura", 87.25), ("Puskesmas Colomadu", 87.25)}


def test_locating_province_after_agency_is_not_the_subject():
    got = pairs("1. Pemkab Grobogan, Jawa Tengah (98,02).")
    assert got == {("Pemkab Grobogan", 98.02)}


def test_score_first_with_a_placing_verb():
    got = pairs("Nilai 91,35 mengantarkan Kota Payakumbuh ke posisi puncak di Sumatera Barat.")
    assert got == {("Kota Payakumbuh", 91.35)}


def test_relative_clause_after_a_comparison_owns_its_score():
    got = pairs(
        "Ombudsman memasukkan Kota Solok ke zona kuning, seperti Kabupaten Solok yang "
        "hanya memperoleh 70,12."
    )
    assert got == {("Kabupaten Solok", 70.12)}


def test_relative_clause_after_a_place_keeps_the_score_with_the_agency():
    got = pairs("Dinas Pertanian di Kota Kupang yang meraih 80,12 masuk zona hijau.")
    assert got == {("Dinas Pertanian", 80.12)}
