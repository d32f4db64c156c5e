"""Match settings: the shipped file loads; a malformed file names the file and the key at fault."""

from __future__ import annotations

import shutil

import pytest
import yaml

from recon.errors import ConfigError
from recon.match import load_settings
from recon.pipeline import EXPECTATIONS_DIR

SHIPPED = yaml.safe_load((EXPECTATIONS_DIR / "matching.yaml").read_text(encoding="utf-8"))


def test_shipped_settings_load_with_their_glossary():
    settings = load_settings(EXPECTATIONS_DIR / "matching.yaml")
    assert settings.glossary.path == str(EXPECTATIONS_DIR / "metrics.yaml")
    assert (settings.ngram, settings.min_score) == (SHIPPED["ngram"], SHIPPED["min_score"])


@pytest.mark.parametrize(
    "change, key",
    [
        ({"min_score": 101}, "min_score"),
        ({"min_score": "high"}, "min_score"),
        ({"ngram": 0}, "ngram"),
        ({"unstated_geo": "nearest"}, "unstated_geo"),
        ({"unstated_period": True}, "unstated_period"),
        ({"mix_kinds": "yes"}, "mix_kinds"),
        ({"document_geo_share": 1.5}, "document_geo_share"),
        ({"min_phrase_chars": -1}, "min_phrase_chars"),
        ({"max_phrase_digits": 2}, "max_phrase_digits"),
        ({"fuzzy": 3}, "fuzzy"),
        ({"glossary": ""}, "glossary"),
    ],
)
def test_malformed_settings_name_the_key(tmp_path, change, key):
    shutil.copy(EXPECTATIONS_DIR / "metrics.yaml", tmp_path / "metrics.yaml")
    path = tmp_path / "matching.yaml"
    path.write_text(yaml.safe_dump({**SHIPPED, **change}), encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    assert (raised.value.path, raised.value.key) == (str(path), key)


def test_a_missing_glossary_is_reported_at_its_own_path(tmp_path):
    path = tmp_path / "matching.yaml"
    path.write_text(yaml.safe_dump(SHIPPED), encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    assert raised.value.path == str(tmp_path / "metrics.yaml")
