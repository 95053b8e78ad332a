"""extract_records end to end: relevance, fields, provenance, negatives, dedup."""

from extract.model import Article
from extract.records import extract_records

STORY = (
    "Empat OPD Pemkab Klaten Raih Opini Kualitas Tertinggi\n"
    "KLATEN - Sebanyak empat Organisasi Perangkat Daerah (OPD) di lingkungan Pemerintah Kabupaten "
    "(Pemkab) Klaten meraih kategori Zona Hijau Penilaian Kepatuhan Penyelenggaraan Pelayanan "
    "Publik Tahun 2024 dari Perwakilan Ombudsman RI Jawa Tengah.\n"
    "Piagam diserahkan di Pendopo Klaten, Selasa, 04 Februari 2025, sesuai Undang-Undang Nomor 25 "
    "Tahun 2009.\n"
    "Dinsos meraih nilai 95, 12 zona hijau kualitas tertinggi, DPMPTSP nilai 90,06 zona hijau "
    "kualitas tertinggi dan Disdukcapil nilai 88,40 zona hijau kualitas tertinggi.\n"
    "Kepala Perwakilan mengatakan Kabupaten Klaten nilainya meningkat dari 87 menjadi 90.\n"
)


def records(text: str, published: str | None = "2025-02-05", title: str | None = None):
    return extract_records(Article(doc_id="d1", text=text, published=published, title=title))


def test_story_records_and_fields():
    got = records(STORY)
    by_score = {r.score: r for r in got}
    assert set(by_score) == {95.12, 90.06, 88.4, 87.0, 90.0}
    dinsos = by_score[95.12]
    assert dinsos.government == "Kabupaten Klaten"
    assert (dinsos.zone, dinsos.zone_source) == ("hijau", "stated")
    assert (dinsos.category, dinsos.category_source) == ("kualitas tertinggi", "stated")
    assert (dinsos.assessment_year, dinsos.year_source) == (2024, "stated")
    regency = {r.score: r.assessment_year for r in got if r.agency == "Kabupaten Klaten"}
    assert regency == {87.0: 2023, 90.0: 2024}
    assert by_score[90.0].zone_source == "derived"


def test_quote_and_span_point_into_the_text():
    for record in records(STORY):
        assert STORY[record.start : record.end] == record.quote
        assert record.agency in record.quote
        assert 0 < record.confidence <= 1


def test_irrelevant_article_yields_nothing():
    text = "Kabupaten Klaten masuk zona hijau COVID-19 dengan nilai risiko 2,85 pekan ini."
    assert records(text) == []


def test_mention_only_article_yields_nothing():
    text = (
        "Ombudsman RI menyerahkan hasil penilaian kepatuhan 2023: 414 instansi (70,70%) zona hijau, "
        "133 (22,66%) zona kuning. Kabupaten Boyolali dan Kota Surakarta masuk zona hijau."
    )
    assert records(text) == []


def test_stated_zone_contradicting_the_score_is_kept_and_flagged():
    text = "Hasil penilaian kepatuhan Ombudsman 2022: Kota Pekalongan masuk zona hijau dengan nilai 60,10."
    (record,) = records(text)
    assert record.zone == "hijau"
    assert "zone_inconsistent_with_score" in record.flags


def test_year_inferred_from_publication_date():
    text = "Ombudsman menyerahkan rapor kepatuhan. Kota Tegal meraih nilai 91,20."
    (record,) = records(text, published="2024-01-20")
    assert (record.assessment_year, record.year_source) == (2023, "inferred")
    (undated,) = records(text, published=None)
    assert undated.assessment_year is None


def test_duplicates_collapse():
    text = (
        "Penilaian kepatuhan Ombudsman Tahun 2023: Kabupaten Kebumen meraih nilai 91,72. "
        "Dengan nilai 91,72 itu Kabupaten Kebumen masuk zona hijau."
    )
    assert len(records(text)) == 1


def test_deterministic():
    assert [r.to_dict() for r in records(STORY)] == [r.to_dict() for r in records(STORY)]


def test_band_edge_in_the_next_sentence_is_not_the_agencys_score():
    text = (
        "Ombudsman RI menyerahkan hasil Penilaian Kepatuhan Tahun 2023. Kementerian Perdagangan "
        "memperoleh nilai 91,40. Nilai 88 ke atas masuk kategori kualitas tertinggi."
    )
    assert [r.score for r in records(text, "2023-12-20")] == [91.4]


def test_clock_time_in_an_event_story_gives_no_record():
    text = (
        "Ombudsman RI Perwakilan Riau membahas penilaian kepatuhan bersama Pemkot Pekanbaru, "
        "Rabu (6/3/2024) pukul 10.00 WIB, hingga pukul 12.30 WIB."
    )
    assert records(text, "2024-03-06") == []


def _years(text: str, published: str) -> dict[float, int | None]:
    return {r.score: r.assessment_year for r in records(text, published)}


def test_years_written_after_each_value_of_a_change():
    text = (
        "Penilaian Kepatuhan Ombudsman RI diumumkan. Pemkot Madiun naik dari 88,15 pada "
        "penilaian tahun lalu menjadi 93,02 pada penilaian tahun 2024."
    )
    assert _years(text, "2024-12-10") == {88.15: 2023, 93.02: 2024}


def test_last_year_before_now_is_only_compared_with():
    text = (
        "Penilaian Kepatuhan Ombudsman RI 2023 diumumkan. Kota Pariaman, yang tahun lalu "
        "tertinggal dari Kabupaten Agam, kini meraih 86,55."
    )
    assert _years(text, "2023-12-12") == {86.55: 2023}


def test_year_compared_with_belongs_to_the_first_value():
    text = (
        "Penilaian Kepatuhan Ombudsman RI diumumkan. Kabupaten Kudus naik dibanding penilaian "
        "2023, sebelumnya 81,20 menjadi 85,65."
    )
    assert _years(text, "2024-12-10") == {81.2: 2023, 85.65: 2024}


def test_this_year_before_a_change_word_belongs_to_the_next_value():
    text = (
        "Survei kepatuhan Ombudsman RI 2019 dirilis. Kabupaten Bungo yang tahun sebelumnya di "
        "angka 61,15 tahun ini justru turun menjadi 58,70."
    )
    assert _years(text, "2019-12-10") == {61.15: 2018, 58.7: 2019}


def _labels(text: str, published: str) -> dict[float, tuple]:
    return {
        r.score: (r.zone, r.zone_source, r.category, r.category_source)
        for r in records(text, published)
    }


def test_zone_stated_for_the_agency_by_name_in_a_later_sentence():
    text = (
        "Ombudsman RI mengumumkan Penilaian Kepatuhan Tahun 2023. Nilai terendah diraih "
        "Puskesmas Wonosari I (74,12). Ombudsman menyebut nilai Puskesmas Wonosari I masih "
        "berada di zona kuning."
    )
    assert _labels(text, "2023-12-20")[74.12][:2] == ("kuning", "stated")


def test_a_wished_for_zone_is_not_stated():
    text = (
        "Ombudsman RI mengumumkan Penilaian Kepatuhan Tahun 2023. Pemkab Gunungkidul meraih "
        "nilai 74,12. Pemkab Gunungkidul berharap masuk zona hijau tahun depan."
    )
    assert _labels(text, "2023-12-20")[74.12][:2] == ("kuning", "derived")


def test_opinion_label_stated_for_the_subject_in_another_sentence():
    text = (
        "Pemerintah Kabupaten Wonogiri menerima Opini Kualitas Tertinggi Tanpa Maladministrasi "
        "dari Ombudsman RI dalam Penilaian Maladministrasi Tahun 2025. Piagam diserahkan di "
        "Jakarta. Dalam rapor itu Pemkab Wonogiri memperoleh skor 91,37."
    )
    category = _labels(text, "2026-01-30")[91.37][2:]
    assert category == ("kualitas tertinggi tanpa maladministrasi", "stated")


def test_score_told_twice_keeps_the_label_of_the_second_telling():
    text = (
        "Ombudsman RI merilis Penilaian Kepatuhan 2023. Ombudsman memberi Kota Palu nilai 90,12. "
        "Untuk kategori kepatuhan tertinggi atau opini A yakni Kota Palu dengan nilai 90,12."
    )
    assert _labels(text, "2023-12-20")[90.12][2:] == ("kepatuhan tertinggi", "stated")


def test_list_after_a_group_lead_in_takes_the_lead_ins_labels():
    text = (
        "Ombudsman RI merilis Penilaian Kepatuhan 2022. Tiga Polres di Jambi meraih kepatuhan "
        "tinggi atau kategori A. Ke-3 Polres tersebut adalah Polres Bungo (93,10), Polres Tebo "
        "(91,44) dan Polres Kerinci (89,02)."
    )
    got = _labels(text, "2022-12-20")
    assert {v[2:] for v in got.values()} == {("kepatuhan tinggi", "stated")}
    assert set(got) == {93.1, 91.44, 89.02}


def test_count_word_sentence_labels_the_agencies_before_it():
    text = (
        "Ombudsman RI merilis Penilaian Maladministrasi 2025. Dinas Sosial mencatat skor 84,10, "
        "disusul Dinas Kesehatan dengan nilai 82,35. Sementara Dinas Pendidikan memperoleh nilai "
        "80,02. Ketiganya berada dalam kategori kualitas tinggi."
    )
    got = _labels(text, "2026-02-10")
    assert {v[2] for v in got.values()} == {"kualitas tinggi"}
    assert len(got) == 3


def test_a_zone_the_agency_nearly_falls_into_is_not_its_zone():
    text = (
        "Ombudsman RI merilis Penilaian Maladministrasi 2025. Kabupaten Buton saat ini berada "
        "di angka 58,40, yang artinya hampir turun ke zona merah."
    )
    assert _labels(text, "2026-02-10")[58.4][0] is None


def test_label_after_a_reason_clause_is_not_the_scores():
    text = (
        "Ombudsman RI merilis Penilaian Kepatuhan 2023. RSUD Sleman menerima penghargaan "
        "kualitas tertinggi dengan nilai 94,10 karena memenuhi kriteria kepatuhan tinggi."
    )
    assert _labels(text, "2023-12-20")[94.1][2] == "kualitas tertinggi"


def test_bare_degree_is_named_in_the_years_own_scheme():
    text = (
        "Ombudsman RI merilis Survei Kepatuhan 2019. Kabupaten Kerinci mendapatkan kategori "
        "sedang dengan nilai 75,03."
    )
    assert _labels(text, "2019-12-20")[75.03][2:] == ("kepatuhan sedang", "stated")


def test_label_said_of_the_whole_list_applies_to_every_item():
    text = (
        "Ombudsman RI merilis Survei Kepatuhan 2018, dengan hasil nilai 105 untuk Polres "
        "Mimika, 101 untuk Polres Nabire, dimana semua Polres tersebut masuk zona kepatuhan "
        "tinggi."
    )
    got = _labels(text, "2018-12-20")
    assert {v[2:] for v in got.values()} == {("kepatuhan tinggi", "stated")}


def test_score_first_story_after_a_dateline_goes_to_the_named_body():
    text = (
        "KEDIRI, Kediri Pos – Dengan total nilai sebesar 91,02, Kota Kediri menutup tahun 2023 "
        "dengan opini kualitas tertinggi dalam Penilaian Kepatuhan Ombudsman RI."
    )
    assert [(r.agency, r.score) for r in records(text, "2023-12-22")] == [("Kota Kediri", 91.02)]


def test_earlier_value_in_brackets_stays_with_the_agency_and_its_round():
    text = (
        "Ombudsman RI merilis Penilaian Kepatuhan Tahun 2023. Dinas Sosial Kabupaten Bangka "
        "dengan nilai 94,10 setelah tahun sebelumnya berada di zona kuning (nilai 61,20)."
    )
    got = {
        r.score: (r.agency, r.assessment_year, r.zone, r.zone_source)
        for r in records(text, "2023-12-20")
    }
    assert got == {
        94.1: ("Dinas Sosial Kabupaten Bangka", 2023, "hijau", "derived"),
        61.2: ("Dinas Sosial Kabupaten Bangka", 2022, "kuning", "stated"),
    }


def test_lowest_score_of_a_group_is_not_the_agency_before():
    text = (
        "Ombudsman RI merilis Penilaian Kepatuhan Tahun 2023. Pemkab Kulon Progo meraih nilai "
        "85,10. Untuk OPD, skor terendah masih di angka 80,12."
    )
    assert [r.score for r in records(text, "2023-12-20")] == [85.1]


def test_label_named_for_the_agency_does_not_reach_its_earlier_round():
    text = (
        "Pemkot Tegal kembali meraih predikat kepatuhan tinggi dari Ombudsman RI. Nilai yang "
        "diraih 88,14, naik dibanding tahun 2018 yang hanya 80,02."
    )
    got = {r.score: (r.category, r.category_source) for r in records(text, "2019-12-10")}
    assert got == {88.14: ("kepatuhan tinggi", "stated"), 80.02: ("kepatuhan sedang", "derived")}


def test_two_rounds_of_one_agency_joined_by_dan():
    text = (
        "Ombudsman RI menyerahkan hasil penilaian kepatuhan. Pemkab Wonosobo meraih 84,10 pada "
        "2023 dan 88,20 pada 2022."
    )
    got = {(r.agency, r.score, r.assessment_year) for r in records(text, "2024-01-20")}
    assert got == {("Pemkab Wonosobo", 84.1, 2023), ("Pemkab Wonosobo", 88.2, 2022)}


def test_predicate_after_a_bare_list_labels_every_item():
    text = (
        "Ombudsman RI merilis penilaian kepatuhan 2023. Kabupaten Yahukimo (45,10), Kabupaten "
        "Asmat (48,20) dan Kabupaten Mappi 47,20 masuk zona merah."
    )
    got = _labels(text, "2024-01-20")
    assert {v[:2] for v in got.values()} == {("merah", "stated")}
    assert len(got) == 3


def test_predicate_after_a_separate_clause_labels_only_its_own_item():
    text = (
        "Ombudsman RI merilis penilaian kepatuhan 2023. Kabupaten Merauke meraih 85,10, "
        "sedangkan Kabupaten Asmat 48,20 masuk zona merah."
    )
    got = _labels(text, "2024-01-20")
    assert (got[85.1][1], got[48.2][1]) == ("derived", "stated")


def test_zone_said_of_a_list_of_names_reaches_each_of_their_scores():
    text = (
        "Ombudsman RI merilis Penilaian Maladministrasi 2025. Kabupaten yang masih berada di "
        "zona kuning antara lain Kaur, Seluma, dan Lebong, sementara Mukomuko masuk zona merah. "
        "Kabupaten Seluma tercatat di angka 61,86."
    )
    assert _labels(text, "2026-02-10")[61.86][:2] == ("kuning", "stated")


def test_satisfaction_score_before_a_mention_of_the_assessment_is_foreign():
    text = (
        "Survei Kepuasan Masyarakat (SKM) Pemkab Batang mencapai 88,12 persen, sementara "
        "Ombudsman RI belum merilis penilaian kepatuhan."
    )
    assert records(text, "2024-05-20") == []


def test_covid_zone_is_not_the_assessments_zone():
    text = (
        "Kabupaten Pati masuk zona hijau COVID-19 dengan nilai 3,12. Ombudsman RI mengingatkan "
        "kepatuhan standar pelayanan."
    )
    assert records(text, "2021-05-20") == []


def test_average_of_a_regions_bodies_is_no_ones_score():
    text = (
        "Ombudsman RI Perwakilan Jateng mulai menilai kepatuhan. Tahun lalu rata-rata nilai "
        "daerah di Jawa Tengah 84,12."
    )
    assert records(text, "2024-05-20") == []


def test_value_a_rise_started_from_is_the_agencys_previous_round():
    text = (
        "Ombudsman RI merilis penilaian kepatuhan 2023. Pemkot Probolinggo meraih nilai 90,10, "
        "meningkat 4,9 poin dari 85,20."
    )
    got = {r.score: (r.agency, r.assessment_year) for r in records(text, "2024-01-20")}
    assert got == {90.1: ("Pemkot Probolinggo", 2023), 85.2: ("Pemkot Probolinggo", 2022)}


def test_coordinated_names_and_joined_scores_pair_in_order():
    text = (
        "Ombudsman RI merilis penilaian kepatuhan 2023. Dinas Kesehatan dan Dinas Sosial Kota "
        "Madiun meraih nilai 85,10 dan 80,20."
    )
    got = {r.score: r.agency_name for r in records(text, "2024-01-20")}
    assert got == {85.1: "Dinas Kesehatan Kota Madiun", 80.2: "Dinas Sosial Kota Madiun"}


def test_one_score_after_coordinated_names_stays_shared():
    text = "Ombudsman RI merilis penilaian kepatuhan 2023. Kota Batu dan Kota Madiun meraih 85,10."
    got = records(text, "2024-01-20")
    assert [(r.agency, r.flags) for r in got] == [
        ("Kota Batu", ["shared_score"]),
        ("Kota Madiun", ["shared_score"]),
    ]


def test_zone_after_a_result_clause_still_counts_when_only_a_category_came_before():
    text = (
        "Ombudsman RI merilis penilaian kepatuhan 2023. Kota Kediri dengan opini kualitas tinggi "
        "meraih 85,10 sehingga masuk zona hijau."
    )
    assert _labels(text, "2024-01-20")[85.1] == ("hijau", "stated", "kualitas tinggi", "stated")


def test_change_in_the_next_sentence_with_a_year_after_each_value():
    text = (
        "Penilaian Kepatuhan Ombudsman RI diumumkan. Pemkot Padang Panjang mencatat kenaikan "
        "tajam. Skornya naik dari 70,15 poin di penilaian 2021 menjadi 83,60 poin di penilaian 2022."
    )
    got = {(r.agency, r.score, r.assessment_year) for r in records(text, "2023-02-01")}
    assert got == {("Pemkot Padang Panjang", 70.15, 2021), ("Pemkot Padang Panjang", 83.6, 2022)}


def test_later_value_of_a_change_is_the_round_after_the_earlier_values_year():
    text = (
        "Penilaian Kepatuhan Ombudsman RI diumumkan. Kota Sawahlunto naik dari 77,80 pada "
        "penilaian 2022 menjadi 86,05."
    )
    assert _years(text, "2023-03-01") == {77.8: 2022, 86.05: 2023}


def test_when_clause_after_a_compared_year_takes_that_year():
    text = (
        "Penilaian Kepatuhan Ombudsman RI 2024 diumumkan. Kota Pariaman meraih 90,40. Angka itu "
        "lebih baik dibanding tahun lalu, saat Kota Pariaman mendapat 84,75."
    )
    assert _years(text, "2024-12-12") == {90.4: 2024, 84.75: 2023}


def test_unit_short_form_with_a_remit_suffix_and_bracketed_score():
    text = (
        "Hasil Penilaian Kepatuhan Pelayanan Publik Ombudsman RI 2023 untuk Pemkab Ngawi: "
        "Disdukcapil (90,05) dan Dinkes P2KB (77,31)."
    )
    got = {(r.agency, r.score, r.quote) for r in records(text, "2023-12-20")}
    assert got == {
        ("Disdukcapil", 90.05, "Disdukcapil (90,05)"),
        ("Dinkes P2KB", 77.31, "Dinkes P2KB (77,31)"),
    }


def test_following_sentence_zone_is_not_given_to_the_value_before_a_change():
    text = (
        "Penilaian Kepatuhan Ombudsman RI 2023 diumumkan. Pemkab Pasaman naik dari 66,40 "
        "menjadi 81,22. Dengan nilai itu Pemkab Pasaman masuk zona hijau."
    )
    got = {r.score: (r.zone, r.zone_source) for r in records(text, "2023-12-20")}
    assert got[81.22] == ("hijau", "stated")
    assert got[66.4][1] != "stated"
