"""Places from the lexicon: Taiwan and mainland China words, English adjectives, and an English place
written after its figure. Sentences written for these tests."""

import pytest

from tests.extract.test_claims import claim_for


@pytest.mark.parametrize(("sentence", "surface", "geo"), [
    ("2023年臺灣伺服器產值為新台幣1.1兆元。", "1.1兆元", "Taiwan"),
    ("全台資料中心用電約占3%。", "3%", "Taiwan"),
    ("該公司在大陸的營收為58億元。", "58億元", "China"),
    ("German cloud spending reached €9 billion in 2023.", "9 billion", "Germany"),
    ("Operators added 40 EFLOPS of capacity in Japan in 2023.", "40 EFLOPS", "Japan"),
    ("Revenue hit 42.5 billion US dollars in 2023.", "42.5 billion US dollars", ""),
])
def test_place_words(extract, sentence, surface, geo):
    assert claim_for(extract(sentence), surface)["geo"] == geo
