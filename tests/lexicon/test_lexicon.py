"""The lexicon: every file loads, a bad entry is an error naming its file and key."""

import shutil

import pytest

from recon.errors import ConfigError
from recon.lexicon import FOLDER, alternation, lexicon, load_lexicon


@pytest.fixture
def folder(tmp_path):
    """A copy of the shipped lexicon to break."""
    for path in FOLDER.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def test_shipped_lexicon_loads_every_file():
    words = lexicon()
    assert words.multipliers.after_number["万亿"] == 1e12
    assert words.currencies["HKD"].after == ("港元", "港币")
    assert words.qualifiers.before["超过"] == "lower_bound"
    assert words.time.relative_years["去年"] == -1
    assert words.places.places["深圳"] == "Shenzhen"
    assert "下降" in words.changes.fall and "增长" in words.changes.rise


@pytest.mark.parametrize(("name", "old", "new", "key"), [
    ("multipliers.yaml", "  亿: 8\n", "  亿: eight\n", "after_number.亿"),
    ("qualifiers.yaml", "  approx: [大约,", "  roughly: [大约,", "before.roughly"),
    ("time.yaml", "  去年: -1\n", "  去年: -0.5\n", "relative_years.去年"),
    ("compute.yaml", "  吨: [other:tonnes, level]", "  吨: [tonnes, level]", "other.吨"),
    ("places.yaml", "  Shenzhen: [深圳]", "  Shenzhen: [深圳, 中国]", "places.Shenzhen"),
    ("currencies.yaml", "  after: [港元, 港币]", "  after: [港元, 美元]", "HKD.after"),
    ("measures.yaml", "counted_after: [参数,", "counted_after: [参数, 算力,", "counted_after"),
])
def test_bad_entry_names_file_and_key(folder, name, old, new, key):
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_lexicon(folder)
    assert error.value.path == str(path)
    assert error.value.key == key


def test_a_missing_file_is_a_config_error(folder):
    (folder / "changes.yaml").unlink()
    with pytest.raises(ConfigError, match="changes.yaml: cannot read"):
        load_lexicon(folder)


def test_alternation_keeps_english_words_whole():
    import re

    pattern = re.compile(alternation(["up", "down", "增长"]))
    assert pattern.findall("group up, downturn down, 增长") == ["up", "down", "增长"]
