"""spaCy's Indonesian pipeline carries pantau's agencies and scores as labelled entities."""

from extract.agencies import find_agency_mentions
from extract.model import Article
from extract.nlp import get_nlp, window_entities
from extract.numbers import find_numbers
from extract.records import extract_records

SENTENCE = (
    "Pemkab Sleman meraih nilai 91,16, Dinas Sosial Kota Bantul 80,12, "
    "Polres Bantul 88,50 dan Kementerian Agama 70,25."
)


def entities(text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in get_nlp()(text).ents]


def test_pipeline_is_built_once_per_process():
    assert get_nlp() is get_nlp()


def test_pipeline_is_spacys_indonesian_class_with_pantau_components():
    nlp = get_nlp()
    assert nlp.lang == "id"
    assert nlp.pipe_names == ["pantau_agencies", "pantau_scores"]


def test_agencies_and_scores_become_labelled_entities():
    assert entities(SENTENCE) == [
        ("Pemkab Sleman", "GOV"),
        ("91,16", "SCORE"),
        ("Dinas Sosial Kota Bantul", "UNIT"),
        ("80,12", "SCORE"),
        ("Polres Bantul", "VERTICAL"),
        ("88,50", "SCORE"),
        ("Kementerian Agama", "NATIONAL"),
        ("70,25", "SCORE"),
    ]


def test_entities_carry_the_mention_and_the_number():
    doc = get_nlp()(SENTENCE)
    gov, score = doc.ents[0], doc.ents[1]
    assert gov._.agency.canonical_name == "Pemerintah Kabupaten Sleman"
    assert score._.score.value == 91.16
    assert gov._.score is None and score._.agency is None


def test_a_year_or_a_rank_is_no_score_entity():
    assert entities("Pada tahun 2023 Kota Bantul berada di peringkat 5.") == [
        ("Kota Bantul", "GOV")
    ]


def test_window_entities_keep_article_offsets_and_the_same_objects():
    text = "Berita hari ini. " + SENTENCE
    start = text.index("Pemkab")
    mentions = [m for m in find_agency_mentions(text) if m.end > m.start]
    scores = [n for n in find_numbers(text) if n.kind == "score"]
    (window,) = window_entities(text, [(start, len(text), mentions, scores)])
    assert window.start == start
    assert [id(m) for m in window.agencies] == [id(m) for m in mentions]
    assert [id(n) for n in window.scores] == [id(n) for n in scores]
    assert all(text[n.start : n.end] == n.raw for n in window.scores)


def test_extraction_tokenises_only_the_sentences_that_hold_a_score():
    text = (
        "Ombudsman RI menyerahkan hasil penilaian kepatuhan. Warga Kwitangbaru hadir. "
        "Kabupaten Sleman Zorvanikel meraih nilai 91,16 dan zona hijau."
    )
    records = extract_records(Article(doc_id="n", text=text))
    strings = get_nlp().vocab.strings
    assert [(r.agency_name, r.score) for r in records] == [("Pemerintah Kabupaten Sleman", 91.16)]
    assert "Zorvanikel" in strings
    assert "Kwitangbaru" not in strings


def test_a_quoted_score_reaches_the_speaker_named_after_the_sentence():
    lead = "Ombudsman RI mengumumkan hasil Penilaian Kepatuhan Pelayanan Publik Tahun 2023.\n"
    quoted = '"Tahun ini nilai kami 86,20." Kata Kepala Puskesmas Wates.'
    records = extract_records(Article(doc_id="q", text=lead + quoted, published="2023-12-20"))
    assert [(r.agency, r.score) for r in records] == [("Puskesmas Wates", 86.2)]
