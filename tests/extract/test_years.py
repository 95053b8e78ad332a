"""Assessment years: stated, relative, inferred from the release calendar."""

from datetime import date

from extract.years import find_year_mentions, reference_date, stated_article_year, year_from_date


def test_law_and_date_years_are_not_assessment_years():
    text = "sesuai UU Nomor 25 Tahun 2009, diserahkan Selasa, 04 Februari 2025 dan (22/12/2022)"
    assert [m.year for m in find_year_mentions(text) if m.relation == "explicit"] == []


def test_stated_year_near_assessment_words():
    text = "Hasil Penilaian Kepatuhan Pelayanan Publik Tahun 2024 diumumkan."
    assert stated_article_year(text) == 2024


def test_stated_year_far_from_the_date_is_background():
    text = "Penilaian kepatuhan: Kabupaten A masuk zona hijau sejak penilaian tahun 2016."
    assert stated_article_year(text, expected=2018) is None


def test_relative_years_are_found():
    relations = [m.relation for m in find_year_mentions("tahun lalu 70, tahun ini 80")]
    assert relations == ["previous", "current"]


def test_release_calendar():
    assert year_from_date(date(2024, 12, 4)) == 2024
    assert year_from_date(date(2025, 2, 5)) == 2024
    assert year_from_date(date(2026, 1, 29)) == 2025
    assert year_from_date(date(2021, 3, 1)) == 2019  # no round in 2020
    assert year_from_date(None) is None


def test_reference_date_falls_back_to_a_date_in_the_text():
    assert reference_date(None, "Jakarta, Kamis (14/12/2023) - ...") == date(2023, 12, 14)
    assert reference_date("2025-02-05", "") == date(2025, 2, 5)
    assert reference_date(None, "tanpa tanggal") is None


def test_data_collection_year_is_the_rounds_year():
    text = "Survei dilakukan dengan observasi. Pengumpulan data dilakukan tahun 2018."
    assert stated_article_year(text) == 2018


def test_year_this_round_beats_a_past_year_mentioned_first():
    text = (
        "Pemkab Bone Bolango pertama kali dinilai Ombudsman pada tahun 2015 lalu. "
        "Pada tahun 2016 ini hasil penilaian kepatuhan diumumkan di Jakarta."
    )
    assert stated_article_year(text, None, 2016) == 2016


def test_round_of_the_articles_date_beats_an_earlier_round_named_first():
    text = (
        "Dibanding Penilaian Kepatuhan 2022, capaian kabupaten itu pada Penilaian Kepatuhan "
        "2023 naik."
    )
    assert stated_article_year(text, None, 2023) == 2023
