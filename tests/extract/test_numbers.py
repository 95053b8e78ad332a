"""Numbers: what counts as a score candidate and what is something else."""

import pytest

from extract.numbers import find_numbers, parse_number


def kinds(text: str) -> list[tuple[float, str]]:
    return [(n.value, n.kind) for n in find_numbers(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("nilai 91,16 zona", 91.16),
        ("nilai 91.16 zona", 91.16),
        ("meraih nilai 94, 62 zona hijau", 94.62),
        ("mendapat nilai 30, 76.", 30.76),
        ("berada di angka 45,31 %.", 45.31),
        ("dengan nilai 85,82 persen", 85.82),
        ("Kantor Camat 53.20,Dinas Sosial", 53.2),
        ("dengan nilai 82,7.", 82.7),
        ("dengan nilai 81. Peringkat", 81.0),
    ],
)
def test_score_formats(text, value):
    assert (value, "score") in kinds(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("zona hijau dengan rentang nilai 81-100", "range"),
        ("kategori A pada interval 88,00–100", "range"),
        ("Sebanyak 42 pemkot (42,86 persen) masuk zonasi kuning", "percent"),
        ("berada di peringkat ke 91 dari 98", "rank"),
        ("naik 1,97 poin dari tahun lalu", "delta"),
        ("nilai rata-rata nasional 74,45", "average"),
        ("indikator input (bobot 21.85%)", "weight"),
        ("target tahun depan mengejar nilai 84", "threshold"),
        ("Undang-Undang Nomor 25 Tahun 2009", "law"),
    ],
)
def test_non_scores(text, kind):
    assert kind in {k for _, k in kinds(text)}
    assert "score" not in {k for _, k in kinds(text)}


def test_whole_number_needs_a_score_word():
    assert kinds("ada 13 kabupaten")[0][1] != "score"
    assert kinds("Ombudsman memberi nilai 48 kepada Pemkot")[0] == (48.0, "score")


def test_second_value_of_a_change_is_a_score():
    assert kinds("nilainya meningkat dari 89 menjadi 91.") == [(89.0, "score"), (91.0, "score")]


def test_rank_list_is_not_read_as_decimal():
    values = [v for v, _ in kinds("masing-masing di posisi ke 94, 95, 96, 97, dan 98")]
    assert 96.97 not in values


def test_dates_and_years():
    found = kinds("diserahkan Kamis (22/12/2022) dan 13 Februari 2025")
    assert all(kind in {"date", "year"} for _, kind in found)


def test_parse_number():
    assert parse_number("94, 62") == 94.62
    assert parse_number("2.842") == 2842.0
    assert parse_number("abc") is None


@pytest.mark.parametrize(
    "text",
    [
        "Skor 88 ke atas tergolong opini kualitas tertinggi.",
        "Angka 88,00 keatas berarti kategori A.",
        "Yang meraih 81 atau lebih masuk zona hijau.",
        "Kategori B untuk nilai 78 sampai di bawah 88.",
        "Kategori C untuk skor 54 hingga kurang dari 78.",
    ],
)
def test_band_edges_written_after_the_number_are_thresholds(text):
    assert "score" not in {k for _, k in kinds(text)}


@pytest.mark.parametrize(
    "text", ["Acara dibuka pukul 08.30 WIB.", "Rapat selesai jam 14.15.", "hingga 16.45 WITA."]
)
def test_clock_times_are_not_scores(text):
    assert {k for _, k in kinds(text)} == {"time"}


def test_average_with_a_long_group_subject_is_an_average():
    text = (
        "Rerata nilai 12 kabupaten/kota di Nusa Tenggara Barat pada Penilaian Kepatuhan "
        "Tahun 2022 mencapai 76,43."
    )
    assert (76.43, "average") in kinds(text)


def test_average_of_one_bodys_units_stays_its_score():
    assert (83.5, "score") in kinds("Rata-rata nilai OPD Pemkot Madiun mencapai 83,50.")


def test_whole_number_of_points_is_a_score_but_a_rise_in_points_is_not():
    assert kinds("Nilai Kabupaten Lebak tercatat 76 poin.") == [(76.0, "score")]
    assert kinds("Nilai Kabupaten Lebak naik 6 poin.") == [(6.0, "delta")]


def test_share_of_a_count_is_not_a_score():
    text = "Ombudsman merinci, peningkatan jumlah instansi di zona hijau tahun 2023 sebesar 41,20%."
    assert (41.2, "percent") in kinds(text)


def test_words_ending_in_se_do_not_open_a_law_number():
    assert kinds("Pemda Bengkulu memiliki nilai dengan presentase 64.") == [(64.0, "score")]


def test_decimal_before_a_unit_name_is_a_score_not_a_count():
    assert kinds("rincian skor 91,20 Dinas Sosial, 87,05 Dinas Kesehatan") == [
        (91.2, "score"),
        (87.05, "score"),
    ]
    assert kinds("sebanyak 12 dinas dinilai")[0] == (12.0, "count")


def test_score_of_a_counted_group_is_an_average():
    text = "Ada sekitar 120 kantor imigrasi yang disurvei masuk zona kuning dengan nilai 76,30."
    assert (76.3, "average") in kinds(text)


def test_member_named_after_a_counted_group_keeps_its_score():
    text = "Ada 4 kabupaten di zona kuning yaitu Kabupaten Dompu dengan nilai 61,40."
    assert (61.4, "score") in kinds(text)


@pytest.mark.parametrize(
    "text",
    ["Nilai minimal untuk kategori A adalah 88,00.", "Syarat masuk zona hijau adalah nilai 81,00."],
)
def test_band_requirement_stated_as_a_sentence_is_a_threshold(text):
    assert "score" not in {k for _, k in kinds(text)}


def test_meeting_a_requirement_with_a_score_is_a_score():
    assert kinds("Kota Bima memenuhi syarat zona hijau dengan nilai 85,30.") == [(85.3, "score")]


def test_abbreviated_place_does_not_end_a_recipient_list():
    text = "dengan nilai 107 untuk Polres Kep. Mentawai, 105 untuk Polres Nias"
    assert [v for v, k in kinds(text) if k == "score"] == [107.0, 105.0]


def test_decimal_before_a_count_is_a_score_not_a_rank():
    text = "Kota Kediri berada di peringkat 5 dengan nilai 90,10 dari 98 kota."
    assert (90.1, "score") in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Agar masuk zona hijau, Kota Pariaman masih kekurangan 2,35 poin.",
        "Jarak dengan kategori A tinggal 1,70 saja.",
        "Ia menyebut nilainya kurang 4,05 lagi untuk naik kelas.",
    ],
)
def test_distance_to_a_band_is_not_a_score(text):
    assert all(kind != "score" for _, kind in kinds(text))


def test_budget_share_in_percent_is_not_a_score():
    assert kinds("Serapan dana layanan tahun ini mencapai 88,2 persen.") == [(88.2, "percent")]
    assert kinds("Dinas Sosial meraih nilai 88,2 persen.") == [(88.2, "score")]
