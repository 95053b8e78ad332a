"""Region resolution: the written forms news uses for Indonesian provinces, kabupaten and kota."""

import pytest

from extract.gazetteer import load_gazetteer
from extract.regions import (
    all_regions,
    find_region_mentions,
    region_by_code,
    region_by_name,
    resolve_region,
)


def name_of(text, **kwargs):
    region = resolve_region(text, **kwargs)
    return region.name if region else None


def test_all_regions_has_38_provinces_and_their_kabupaten_kota():
    regions = all_regions()
    provinces = [r for r in regions if r.level == "provinsi"]
    assert len(provinces) == 38
    assert len(regions) > 500
    assert len({r.code for r in regions}) == len(regions)


def test_kabupaten_serang_has_kemendagri_code_36_04():
    region = region_by_name("Kabupaten Serang")
    assert (region.code, region.level, region.province_name) == ("36.04", "kabupaten", "Banten")
    assert region.short_name == "Serang"
    assert region_by_code("36.73").name == "Kota Serang"


def test_special_provinces_use_dki_and_di_forms():
    names = {r.name for r in all_regions() if r.level == "provinsi"}
    assert {"Provinsi DKI Jakarta", "Provinsi DI Yogyakarta", "Provinsi Banten"} <= names


def test_lokal_misspellings_are_stored_in_official_form():
    names = {r.name for r in all_regions()}
    assert {"Kota Baubau", "Kota Pangkalpinang", "Kota Jakarta Selatan"} <= names
    assert "Kota Bau Bau" not in names


@pytest.mark.parametrize(
    "written, expected",
    [
        ("Kabupaten Serang", "Kabupaten Serang"),
        ("Kab. Serang", "Kabupaten Serang"),
        ("Pemkab Serang", "Kabupaten Serang"),
        ("Pemerintah Kabupaten (Pemkab) Serang", "Kabupaten Serang"),
        ("Kota Serang", "Kota Serang"),
        ("Pemkot Serang", "Kota Serang"),
        ("Pemprov Jawa Tengah", "Provinsi Jawa Tengah"),
        ("Pemerintah Provinsi Jawa Tengah", "Provinsi Jawa Tengah"),
        ("Provinsi Banten", "Provinsi Banten"),
        ("PEMKAB SERANG", "Kabupaten Serang"),
    ],
)
def test_level_prefixes_fix_the_level(written, expected):
    assert name_of(written) == expected


def test_bare_name_shared_by_kabupaten_and_kota_is_not_guessed():
    for name in ("Serang", "Sorong", "Kupang", "Malang", "Solok", "Bekasi", "Tangerang"):
        assert resolve_region(name) is None, name


def test_level_argument_decides_a_shared_name():
    assert name_of("Kupang", level="kota") == "Kota Kupang"
    assert name_of("Kupang", level="kabupaten") == "Kabupaten Kupang"


def test_written_level_wins_over_level_argument():
    assert name_of("Kota Kupang", level="kabupaten") == "Kota Kupang"


def test_province_hint_decides_between_same_name_in_two_provinces():
    # Kota Banjar is in Jawa Barat, Kabupaten Banjar in Kalimantan Selatan.
    assert resolve_region("Banjar") is None
    assert name_of("Banjar", province_hint="Jawa Barat") == "Kota Banjar"
    assert name_of("Banjar", province_hint="Kalsel") == "Kabupaten Banjar"
    assert name_of("Banjar", province_hint="63") == "Kabupaten Banjar"


def test_province_hint_cannot_split_kabupaten_and_kota_of_one_province():
    assert resolve_region("Serang", province_hint="Banten") is None


def test_unique_bare_name_resolves():
    assert name_of("Bantul") == "Kabupaten Bantul"
    assert name_of("Kendari") == "Kota Kendari"


@pytest.mark.parametrize(
    "written, expected",
    [
        ("Deliserdang", "Kabupaten Deli Serdang"),
        ("Deli Serdang", "Kabupaten Deli Serdang"),
        ("Limapuluh Kota", "Kabupaten Lima Puluh Kota"),
        ("Gayo Luwes", "Kabupaten Gayo Lues"),
        ("Talibu", "Kabupaten Pulau Taliabu"),
        ("Tanjab Timur", "Kabupaten Tanjung Jabung Timur"),
        ("Kota Bau-Bau", "Kota Baubau"),
        ("Kota Baubau", "Kota Baubau"),
        ("Pangkep", "Kabupaten Pangkajene dan Kepulauan"),
        ("Gunung Kidul", "Kabupaten Gunungkidul"),
    ],
)
def test_spelling_variants(written, expected):
    assert name_of(written) == expected


@pytest.mark.parametrize(
    "short, expected",
    [
        ("Sultra", "Provinsi Sulawesi Tenggara"),
        ("Sulut", "Provinsi Sulawesi Utara"),
        ("Sumut", "Provinsi Sumatera Utara"),
        ("Jateng", "Provinsi Jawa Tengah"),
        ("DIY", "Provinsi DI Yogyakarta"),
        ("Babel", "Provinsi Kepulauan Bangka Belitung"),
        ("NTT", "Provinsi Nusa Tenggara Timur"),
        ("Kaltara", "Provinsi Kalimantan Utara"),
        ("Papua Barat Daya", "Provinsi Papua Barat Daya"),
        ("Pemprov Sumut", "Provinsi Sumatera Utara"),
    ],
)
def test_province_short_forms(short, expected):
    assert name_of(short) == expected


@pytest.mark.parametrize(
    "short, expected",
    [
        ("TTU", "Kabupaten Timor Tengah Utara"),
        ("TTS", "Kabupaten Timor Tengah Selatan"),
        ("Kukar", "Kabupaten Kutai Kartanegara"),
        ("Mahulu", "Kabupaten Mahakam Ulu"),
        ("Paluta", "Kabupaten Padang Lawas Utara"),
        ("Madina", "Kabupaten Mandailing Natal"),
        ("Kotim", "Kabupaten Kotawaringin Timur"),
        ("Kapuas Hulu", "Kabupaten Kapuas Hulu"),
        ("Pemkab Kukar", "Kabupaten Kutai Kartanegara"),
    ],
)
def test_regency_short_forms(short, expected):
    assert name_of(short) == expected


def test_every_gazetteer_short_form_resolves_to_one_region():
    gaz = load_gazetteer("regions")
    for section in ("province_short_forms", "regency_short_forms", "spelling_variants"):
        for alias in gaz[section]:
            assert resolve_region(alias) is not None, (section, alias)


def test_prefix_clash_resolves_to_the_exact_region():
    assert name_of("Nias") == "Kabupaten Nias"
    assert name_of("Nias Selatan") == "Kabupaten Nias Selatan"
    assert name_of("Banggai") == "Kabupaten Banggai"
    assert name_of("Banggai Laut") == "Kabupaten Banggai Laut"


def test_province_named_like_its_capital_needs_a_level():
    assert resolve_region("Gorontalo") is None
    assert name_of("Provinsi Gorontalo") == "Provinsi Gorontalo"
    assert name_of("Kota Gorontalo") == "Kota Gorontalo"


def test_level_written_wrong_still_finds_the_only_region():
    assert name_of("Pemkab Bukittinggi") == "Kota Bukittinggi"


def test_unknown_or_empty_names_return_none():
    assert resolve_region("Pemkab Purwokerto") is None
    assert resolve_region("Atlantis") is None
    assert resolve_region("") is None


def test_mentions_in_text_keep_level_and_offsets():
    text = "Nilai Pemkab Serang naik, Kota Serang turun, Serang saja tidak jelas."
    mentions = find_region_mentions(text)
    assert [text[m.start : m.end] for m in mentions] == ["Pemkab Serang", "Kota Serang", "Serang"]
    assert [m.region.name if m.region else None for m in mentions] == [
        "Kabupaten Serang",
        "Kota Serang",
        None,
    ]
    assert [m.explicit_level for m in mentions] == [True, True, False]
    assert {r.name for r in mentions[2].candidates} == {"Kabupaten Serang", "Kota Serang"}


def test_mentions_prefer_longest_name():
    mentions = find_region_mentions("Kabupaten Nias Selatan dan Nias Utara")
    assert [m.region.name for m in mentions] == [
        "Kabupaten Nias Selatan",
        "Kabupaten Nias Utara",
    ]


def test_lowercase_words_are_not_region_mentions():
    assert find_region_mentions("hasil buruan bone dan ntt") == []


def test_sultra_and_sulut_are_different_provinces_in_text():
    mentions = find_region_mentions("Perwakilan Sultra dan Sulut")
    assert [m.region.name for m in mentions] == [
        "Provinsi Sulawesi Tenggara",
        "Provinsi Sulawesi Utara",
    ]


def test_unknown_level_is_a_clear_error():
    with pytest.raises(ValueError, match="level must be one of provinsi, kabupaten, kota"):
        resolve_region("Serang", level="desa")


def test_no_text_has_no_mentions():
    assert find_region_mentions("") == []
    assert find_region_mentions(None) == []
