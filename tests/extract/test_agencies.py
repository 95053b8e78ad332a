"""Agency recognition: every form regional news uses for the bodies Ombudsman RI assesses."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.agencies import article_government, canonical_agency_name, find_agency_mentions
from extract.regions import region_by_name

SERANG_KAB = region_by_name("Kabupaten Serang")
SERANG_KOTA = region_by_name("Kota Serang")

# Written for these tests, modelled on the seed story's structure (not copied from it).
SEED_LIKE = (
    "Enam unit layanan di lingkungan Pemerintah Kabupaten (Pemkab) Serang menerima piagam dari "
    "Perwakilan Ombudsman RI Provinsi Banten. Dinsos memperoleh 94,1, DPMPTSP 90,2, Dindikbud "
    "88,7, Disdukcapil 89,0, UPT Puskesmas Pontang 93,0 dan UPT Puskesmas Pabuaran 92,5. "
    "Bupati Serang hadir bersama Kepala Dinas Sosial."
)


def mentions(text, context=None):
    return find_agency_mentions(text, context)


def one(text, context=None):
    found = mentions(text, context)
    assert len(found) == 1, [m.surface for m in found]
    return found[0]


def by_surface(text, context=None):
    return {m.surface: m for m in mentions(text, context)}


def test_article_government_comes_from_di_lingkungan_not_from_the_ombudsman_office():
    assert article_government(SEED_LIKE) == SERANG_KAB


def test_article_government_is_none_when_two_governments_tie():
    text = "Pemkab Bantul meraih 80,1 sedangkan Pemkab Sleman meraih 79,2."
    assert article_government(text) is None


def test_article_government_is_none_without_any_government():
    assert article_government("Ombudsman RI merilis hasil penilaian.") is None
    assert article_government("") is None


def test_seed_units_take_the_article_government():
    found = by_surface(SEED_LIKE, SERANG_KAB)
    expected = {
        "Dinsos": "Dinas Sosial Kabupaten Serang",
        "DPMPTSP": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Serang",
        "Dindikbud": "Dinas Pendidikan dan Kebudayaan Kabupaten Serang",
        "Disdukcapil": "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Serang",
        "UPT Puskesmas Pontang": "UPT Puskesmas Pontang",
        "UPT Puskesmas Pabuaran": "UPT Puskesmas Pabuaran",
    }
    for surface, canonical in expected.items():
        m = found[surface]
        assert m.canonical_name == canonical
        assert (m.government, m.region_code, m.government_stated) == (
            "Kabupaten Serang",
            "36.04",
            False,
        )
    assert found["Dinsos"].agency_type == "perangkat_daerah"
    assert found["Dinsos"].abbreviation == "Dinsos"
    assert found["UPT Puskesmas Pontang"].agency_type == "puskesmas"


def test_seed_government_mention_has_code_36_04():
    found = by_surface(SEED_LIKE, SERANG_KAB)
    gov = found["Pemerintah Kabupaten (Pemkab) Serang"]
    assert gov.agency_type == "pemerintah_daerah"
    assert gov.canonical_name == "Pemerintah Kabupaten Serang"
    assert gov.region_code == "36.04"
    assert gov.bare_name is False


def test_ombudsman_and_its_perwakilan_province_are_not_agencies():
    text = "Perwakilan Ombudsman RI Provinsi Banten dan Ombudsman Republik Indonesia menilai."
    assert mentions(text) == []


def test_perwakilan_short_form_is_not_an_agency():
    assert mentions("Kepala Ombudsman Perwakilan Sultra menyerahkan piagam.") == []


def test_zona_integritas_is_not_an_agency():
    assert mentions("Predikat Zona Integritas diraih tahun ini.") == []


def test_person_titles_are_flagged_and_fix_the_level():
    found = by_surface(SEED_LIKE, None)
    bupati = found["Serang"]
    assert bupati.person_title is True
    assert bupati.government == "Kabupaten Serang"  # "Bupati" names a kabupaten
    assert found["Dinas Sosial"].person_title is True


def test_wali_kota_title_picks_the_kota():
    m = one("Wali Kota Serang menyampaikan sambutan.")
    assert (m.government, m.person_title) == ("Kota Serang", True)


@pytest.mark.parametrize(
    "text, government",
    [
        ("Pemkab Serang meraih nilai.", "Kabupaten Serang"),
        ("Pemkot Serang meraih nilai.", "Kota Serang"),
        ("Pemerintah Provinsi Jawa Tengah meraih nilai.", "Provinsi Jawa Tengah"),
        ("Kab. Kupang meraih nilai.", "Kabupaten Kupang"),
        ("Kabupaten Kupang meraih nilai.", "Kabupaten Kupang"),
        ("Kota Kupang meraih nilai.", "Kota Kupang"),
        ("Provinsi Banten meraih nilai.", "Provinsi Banten"),
        ("Pemprov Sumut meraih nilai.", "Provinsi Sumatera Utara"),
        ("Pemprov Sultra meraih nilai.", "Provinsi Sulawesi Tenggara"),
        ("Pemprov Sulut meraih nilai.", "Provinsi Sulawesi Utara"),
        ("Pemkab Kukar meraih nilai.", "Kabupaten Kutai Kartanegara"),
        ("Pemkab Nias Selatan meraih nilai.", "Kabupaten Nias Selatan"),
        ("Pemkab Nias meraih nilai.", "Kabupaten Nias"),
        ("Pemda DIY meraih nilai.", "Provinsi DI Yogyakarta"),
    ],
)
def test_regional_government_forms(text, government):
    m = one(text)
    assert m.agency_type == "pemerintah_daerah"
    assert m.government == government
    assert m.canonical_name == f"Pemerintah {government}"
    assert m.government_stated is True
    assert m.bare_name is False


def test_bare_region_name_is_flagged():
    m = one("Bantul meraih nilai 80,1.")
    assert (m.government, m.bare_name) == ("Kabupaten Bantul", True)


def test_bare_shared_name_needs_context():
    assert one("Serang meraih nilai.").government is None
    assert one("Serang meraih nilai.", SERANG_KOTA).government == "Kota Serang"


def test_lone_pemkot_refers_to_the_article_kota():
    m = one("Tahun ini Pemkot meraih nilai 81.", SERANG_KOTA)
    assert (m.government, m.government_stated) == ("Kota Serang", False)
    assert mentions("Tahun ini Pemkab meraih nilai 81.", SERANG_KOTA) == []


def test_long_unit_name_with_definition_and_place_is_one_mention():
    text = "Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil) Kota Malang meraih 88,2."
    m = one(text)
    assert m.surface == "Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil) Kota Malang"
    assert m.canonical_name == "Dinas Kependudukan dan Pencatatan Sipil Kota Malang"
    assert (m.abbreviation, m.government, m.government_stated) == (
        "Disdukcapil",
        "Kota Malang",
        True,
    )


def test_long_unit_name_stops_at_a_verb():
    m = one("Dinas Sosial meraih nilai 90.", SERANG_KAB)
    assert (m.surface, m.canonical_name) == ("Dinas Sosial", "Dinas Sosial Kabupaten Serang")


def test_long_unit_name_keeps_inner_comma_and_lowercase_words():
    m = one("Dinas Pendidikan, Pemuda dan Olahraga Kota Blitar meraih 77.")
    assert m.unit_name == "Dinas Pendidikan, Pemuda dan Olahraga"
    assert m.government == "Kota Blitar"
    m = one("Dinas Penanaman Modal dan Perizinan terpadu satu pintu meraih 70.")
    assert m.unit_name == "Dinas Penanaman Modal dan Perizinan Terpadu Satu Pintu"


def test_definition_binds_the_short_form_for_the_rest_of_the_article():
    text = (
        "Dinas Penanaman Modal, Pelayanan Terpadu Satu Pintu dan Tenaga Kerja (DPMPTSP) dinilai. "
        "Hasilnya, DPMPTSP meraih 85,5."
    )
    later = mentions(text, SERANG_KAB)[-1]
    assert later.surface == "DPMPTSP"
    assert later.unit_name == "Dinas Penanaman Modal, Pelayanan Terpadu Satu Pintu dan Tenaga Kerja"


def test_ambiguous_short_form_keeps_its_surface_until_defined():
    assert one("BKD meraih 70.", SERANG_KAB).unit_name == "BKD"
    text = "Badan Kepegawaian Daerah (BKD) dinilai. BKD meraih 70."
    assert mentions(text, SERANG_KAB)[-1].unit_name == "Badan Kepegawaian Daerah"


def test_short_form_with_place():
    m = one("Dinkes Kota Magelang meraih 23,1.")
    assert m.canonical_name == "Dinas Kesehatan Kota Magelang"
    assert (m.government, m.region_code, m.government_stated) == ("Kota Magelang", "33.71", True)


def test_short_form_with_government_prefix_place():
    m = one("DPMPTSP Pemkab Maros meraih 90.")
    assert m.government == "Kabupaten Maros"


def test_dinsos_variant_with_suffix():
    m = one("Dinsos-PMD meraih 80.", SERANG_KAB)
    assert m.unit_name == "Dinas Sosial, Pemberdayaan Masyarakat dan Desa"


@pytest.mark.parametrize(
    "form, full",
    [
        ("Dispendukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
        ("DPM-PTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
        ("Disdikbud", "Dinas Pendidikan dan Kebudayaan"),
        ("Bapenda", "Badan Pendapatan Daerah"),
        ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah"),
        ("Satpol PP", "Satuan Polisi Pamong Praja"),
        ("Mal Pelayanan Publik", "Mal Pelayanan Publik"),
        ("DINSOS", "Dinas Sosial"),
    ],
)
def test_perangkat_daerah_short_forms_expand(form, full):
    m = one(f"Nilai {form} naik.", SERANG_KAB)
    assert (m.unit_name, m.agency_type) == (full, "perangkat_daerah")


def test_short_forms_in_lower_case_are_words_not_agencies():
    assert mentions("nilai dinsos dan bps naik") == []


def test_puskesmas_number_is_kept_but_a_score_is_not():
    found = mentions("Puskesmas Kebumen 1 nilai 80 dan Puskesmas Lewo 65.", SERANG_KAB)
    assert [m.surface for m in found] == ["Puskesmas Kebumen 1", "Puskesmas Lewo"]


def test_rsud_named_and_rsud_of_a_government():
    found = by_surface("RSUD Panembahan Senopati dan RSUD Kota Blitar dinilai.", SERANG_KAB)
    named = found["RSUD Panembahan Senopati"]
    assert (named.canonical_name, named.government) == (
        "Rumah Sakit Umum Daerah Panembahan Senopati",
        "Kabupaten Serang",
    )
    place = found["RSUD Kota Blitar"]
    assert (place.government, place.government_stated) == ("Kota Blitar", True)
    assert place.agency_type == "rumah_sakit"


def test_kecamatan_is_its_own_type():
    m = one("Kecamatan Pontang meraih 70.", SERANG_KAB)
    assert (m.unit_name, m.agency_type, m.government) == (
        "Kecamatan Pontang",
        "kecamatan",
        "Kabupaten Serang",
    )


def test_schools_sma_belongs_to_the_province():
    found = by_surface("SMAN 1 Pontang dan SMPN 5 Blitar dinilai.", SERANG_KAB)
    assert found["SMAN 1 Pontang"].canonical_name == "SMA Negeri 1 Pontang"
    assert found["SMAN 1 Pontang"].government == "Provinsi Banten"
    assert found["SMPN 5 Blitar"].agency_type == "sekolah"
    assert found["SMPN 5 Blitar"].government is None  # Blitar: kabupaten or kota, unknown


@pytest.mark.parametrize(
    "text, canonical",
    [
        ("Polres Kupang meraih 90.", "Kepolisian Resor Kupang"),
        ("Polres Kupang Kota meraih 90.", "Kepolisian Resor Kupang Kota"),
        ("Polres Tapteng meraih 90.", "Kepolisian Resor Tapanuli Tengah"),
        ("Polresta Malang meraih 90.", "Kepolisian Resor Kota Malang"),
        ("Polda Sumut meraih 90.", "Kepolisian Daerah Sumatera Utara"),
        (
            "Satpas Polres Kupang meraih 90.",
            "Satuan Penyelenggara Administrasi SIM Kepolisian Resor Kupang",
        ),
        ("Kantah Kabupaten Kupang meraih 80.", "Kantor Pertanahan Kabupaten Kupang"),
        ("Kantor Pertanahan Kota Depok meraih 80.", "Kantor Pertanahan Kota Depok"),
        (
            "Kanwil BPN Jabar meraih 80.",
            "Kantor Wilayah Badan Pertanahan Nasional Provinsi Jawa Barat",
        ),
    ],
)
def test_vertical_offices_have_no_regional_government(text, canonical):
    m = one(text, SERANG_KAB)
    assert (m.canonical_name, m.agency_type) == (canonical, "vertikal")
    assert (m.government, m.region_code) == (None, None)


def test_vertical_office_records_the_place_it_serves():
    assert one("Kantah Kabupaten Kupang meraih 80.").place == "Kabupaten Kupang"


@pytest.mark.parametrize(
    "form, full, kind",
    [
        ("Kemenkes", "Kementerian Kesehatan", "kementerian"),
        ("Kemenlu", "Kementerian Luar Negeri", "kementerian"),
        ("Kemlu", "Kementerian Luar Negeri", "kementerian"),
        (
            "Kemendes PDTT",
            "Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi",
            "kementerian",
        ),
        (
            "KemenPANRB",
            "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
            "kementerian",
        ),
        ("Kementerian Agama", "Kementerian Agama", "kementerian"),
        ("BPOM", "Badan Pengawas Obat dan Makanan", "lembaga"),
        ("BNN", "Badan Narkotika Nasional", "lembaga"),
        ("Badan Pusat Statistik", "Badan Pusat Statistik", "lembaga"),
    ],
)
def test_ministries_and_national_agencies(form, full, kind):
    m = one(f"Tahun ini {form} meraih nilai.", SERANG_KAB)
    assert (m.canonical_name, m.agency_type, m.government) == (full, kind, None)


def test_mentions_are_sorted_non_overlapping_and_exact():
    found = mentions(SEED_LIKE, SERANG_KAB)
    assert [m.start for m in found] == sorted(m.start for m in found)
    for left, right in zip(found, found[1:], strict=False):
        assert left.end <= right.start
    for m in found:
        assert SEED_LIKE[m.start : m.end] == m.surface


def test_canonical_agency_name_without_government_is_the_unit():
    m = one("Dinsos meraih 90.")
    assert (m.government, canonical_agency_name(m)) == (None, "Dinas Sosial")


def test_empty_or_non_text_input_gives_no_mentions():
    assert find_agency_mentions("") == []
    assert find_agency_mentions(None) == []


def test_list_of_dinas_gives_one_mention_each():
    text = "Dinas Kesehatan, Dinas Pendidikan, dan Dinas Sosial Kota Blitar dinilai."
    found = mentions(text)
    assert [m.unit_name for m in found] == ["Dinas Kesehatan", "Dinas Pendidikan", "Dinas Sosial"]
    assert found[-1].government == "Kota Blitar"


def test_generic_phrases_are_not_agencies():
    assert mentions("Penilaian bagi Kementerian dan Lembaga berlangsung di Kantor Pusat.") == []
    assert mentions("Polres di seluruh Indonesia dan Polres se-Jawa dinilai.") == []


def test_polda_metro_jaya_is_not_kota_metro():
    m = one("Polda Metro Jaya meraih 90.")
    assert m.canonical_name == "Kepolisian Daerah Metro Jaya"


def test_polresta_does_not_repeat_kota():
    assert one("Polresta Kota Malang meraih 90.").canonical_name == "Kepolisian Resor Kota Malang"


def test_kantor_camat_is_a_kecamatan():
    m = one("Kantor Camat Pontang meraih 70.", SERANG_KAB)
    assert (m.unit_name, m.agency_type) == ("Kecamatan Pontang", "kecamatan")


def test_ministry_office_in_a_region_is_vertical():
    m = one("Kemenag Kabupaten Bantul meraih 85.")
    assert (m.agency_type, m.government) == ("vertikal", None)
    assert m.canonical_name == "Kementerian Agama Kabupaten Bantul"
    m = one("Kanwil Kemenkumham Jateng meraih 85.")
    assert m.canonical_name == (
        "Kantor Wilayah Kementerian Hukum dan Hak Asasi Manusia Provinsi Jawa Tengah"
    )


def test_rsud_name_with_titles_and_initials():
    m = one("RSUD Prof. Dr. W. Z. Johannes Kupang meraih 80.")
    assert m.unit_name == "Rumah Sakit Umum Daerah Prof. Dr. W. Z. Johannes Kupang"


def test_puskesmas_name_stops_at_sentence_end():
    found = mentions("Nilai tertinggi Puskesmas Koba. Kemudian Dinkes.", SERANG_KAB)
    assert [m.surface for m in found] == ["Puskesmas Koba", "Dinkes"]


def test_kecamatan_canonical_name_includes_its_government():
    m = one("Kecamatan Pontang Kabupaten Serang meraih 70.")
    assert m.canonical_name == "Kecamatan Pontang Kabupaten Serang"
    assert m.government_stated is True


def test_province_article_reads_a_bare_province_name_as_the_province():
    jambi = one("Jambi meraih 80.", region_by_name("Provinsi Sumatera Barat"))
    assert jambi.government == "Provinsi Jambi"
    assert one("Jambi meraih 80.").government is None


def test_short_form_after_the_perwakilan_is_not_an_agency():
    text = (
        "Kepala Ombudsman RI perwakilan Sulawesi Utara (Sulut) dan Ombudsman RI di Provinsi Bali."
    )
    assert mentions(text) == []


def test_compound_head_titles_flag_a_person():
    m = one("Kadisdukcapil Kota Magelang mengatakan hal itu.")
    assert (m.government, m.person_title) == ("Kota Magelang", True)


def test_kinds_of_body_are_not_agencies():
    assert mentions("Setiap Satuan Kerja Perangkat Daerah dan Badan Usaha wajib melayani.") == []


WORDS = [
    "Dinas",
    "Badan",
    "Kantor",
    "Sosial",
    "Kesehatan",
    "dan",
    ",",
    "(",
    ")",
    "DPMPTSP",
    "Dinsos",
    "Kota",
    "Kabupaten",
    "Provinsi",
    "Serang",
    "Pemkab",
    "Pemkot",
    "Puskesmas",
    "RSUD",
    "UPT",
    "Polres",
    "Kantah",
    "Kanwil",
    "BPN",
    "Ombudsman",
    "RI",
    "Perwakilan",
    "Banten",
    "Bupati",
    "Kepala",
    "SMAN",
    "1",
    "65",
    ".",
    "Kemenkes",
    "Sultra",
    "\n",
]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join), st.booleans())
def test_any_mix_of_agency_words_gives_exact_non_overlapping_mentions(text, with_context):
    found = find_agency_mentions(text, SERANG_KAB if with_context else None)
    for left, right in zip(found, found[1:], strict=False):
        assert left.end <= right.start
    for m in found:
        assert text[m.start : m.end] == m.surface
        assert m.canonical_name
        if m.agency_type in ("vertikal", "kementerian", "lembaga"):
            assert m.government is None


def test_se_region_means_everywhere_in_it_not_a_government():
    assert mentions("Rapor diserahkan kepada instansi se-Kaltim dan se Jawa Tengah.") == []


def test_dateline_place_and_outlet_are_not_agencies():
    text = "MATARAM, Lombok Daily – Dengan nilai 90,12, Kota Mataram masuk zona hijau."
    assert [m.surface for m in mentions(text)] == ["Kota Mataram"]


def test_capitalised_list_line_is_still_an_agency():
    text = "Hasil penilaian:\nKABUPATEN BANTUL - Zona hijau\nKOTA MAGELANG - Zona hijau"
    assert [m.surface for m in mentions(text)] == ["KABUPATEN BANTUL", "KOTA MAGELANG"]


def test_outlet_name_in_the_dateline_does_not_vote_for_the_articles_government():
    text = "MAGELANG, Jateng Pos – Puskesmas Tegalrejo meraih nilai 80,20 dari Ombudsman."
    assert article_government(text) is None


def test_shared_name_in_a_list_takes_its_neighbours_level():
    provinces = "Nilai provinsi: Sulawesi Barat (84,10), Gorontalo (79,20) dan Maluku Utara (70,5)."
    assert [m.government for m in mentions(provinces)][1] == "Provinsi Gorontalo"
    cities = "Nilai kota: Kota Manado (88,10), Gorontalo (79,20) dan Kota Bitung (75,1)."
    assert [m.government for m in mentions(cities)][1] == "Kota Gorontalo"


def test_wire_dateline_place_is_not_an_agency():
    text = "Cirebon (ANTARA) - Dengan nilai 88,10, Kabupaten Kuningan masuk zona hijau."
    assert [m.surface for m in mentions(text)] == ["Kabupaten Kuningan"]


def test_long_unit_name_with_a_typo_keeps_its_words():
    found = mentions(
        "Nilai tertinggi diraih Dinas Perpustkaan dan Kearsipan Kota Blitar tahun ini."
    )
    assert [(m.surface, m.canonical_name) for m in found] == [
        (
            "Dinas Perpustkaan dan Kearsipan Kota Blitar",
            "Dinas Perpustakaan dan Kearsipan Kota Blitar",
        )
    ]


def test_ordinary_capitalised_word_after_a_unit_is_not_a_typo():
    found = mentions("Kemarin Dinas Pertanian Menerima kunjungan Ombudsman.")
    assert [m.surface for m in found] == ["Dinas Pertanian"]


def test_list_line_lead_in_gives_the_level_of_bare_names():
    text = (
        "Peringkat teratas.\nPemerintah kabupaten: Bogor 97,10; Semarang 96,80.\nKota: Bogor 95,00."
    )
    assert [(m.surface, m.government) for m in mentions(text)] == [
        ("Bogor", "Kabupaten Bogor"),
        ("Semarang", "Kabupaten Semarang"),
        ("Bogor", "Kota Bogor"),
    ]


def test_region_short_form_after_a_unit_short_form_is_its_place():
    found = mentions("Kemarin Dinkes PPU menerima piagam.")
    assert [(m.surface, m.government) for m in found] == [
        ("Dinkes PPU", "Kabupaten Penajam Paser Utara")
    ]
