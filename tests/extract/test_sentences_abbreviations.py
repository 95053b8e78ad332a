"""Abbreviations inside names do not end a sentence."""

import pytest

from extract.sentences import split_sentences


@pytest.mark.parametrize(
    "name",
    ["Polres Kep. Seribu", "RSUD Dr. H. Moch. Ansori", "Puskesmas Moh. Hatta", "SMAN 1 Abd. Muis"],
)
def test_an_abbreviated_word_inside_a_name_keeps_the_sentence_whole(name):
    text = f"Ombudsman memberi {name} nilai 81,20 pada penilaian tahun ini. Kalimat kedua."
    sentences = split_sentences(text)
    assert len(sentences) == 2
    assert name in text[sentences[0].start : sentences[0].end]
