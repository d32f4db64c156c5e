"""The metric glossary: the shipped file loads, covers the headline metrics, and bad files fail by key."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from recon.errors import ConfigError
from recon.normalise import load_glossary
from recon.pipeline import EXPECTATIONS_DIR

GLOSSARY = EXPECTATIONS_DIR / "metrics.yaml"

HEADLINE = [
    "ai-core-industry-scale",
    "intelligent-computing-power",
    "general-computing-power",
    "ai-market-size",
    "ai-server-market",
    "deep-learning-market",
    "ai-financing-amount",
    "ai-financing-events",
    "ai-enterprise-count",
    "ai-patent-applications",
    "large-model-count",
    "ai-chip-market",
    "generative-ai-market",
    "generative-ai-spend",
]


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(GLOSSARY)


def test_headline_metrics_have_growth_cagr_and_share(glossary):
    for metric_id in HEADLINE:
        assert glossary.metrics[metric_id].base == ""
        for measure in ("growth", "cagr", "share"):
            derived = glossary.metrics[f"{metric_id}-{measure}"]
            assert (derived.base, derived.measure, derived.dimension) == (metric_id, measure, "percent")


def test_every_entry_has_simplified_traditional_and_english_aliases():
    entries = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))["metrics"]
    for entry in entries:
        assert entry["zh"] and entry["zh_hant"] and entry["en"], entry["id"]
        assert set(entry["zh_hant"]).isdisjoint(entry["zh"]), entry["id"]


def test_traditional_and_english_aliases_resolve_to_their_entry(glossary):
    entries = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))["metrics"]
    for entry in entries:
        for alias in entry["zh"] + entry["zh_hant"] + entry["en"]:
            assert glossary.resolve(alias) == (entry["id"], 100.0), alias


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "metrics.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def shipped_with(tmp_path: Path, edit) -> Path:
    """The shipped glossary with one edit applied, written to a temporary file."""
    data = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    edit(data)
    return write(tmp_path, yaml.safe_dump(data, allow_unicode=True))


@pytest.mark.parametrize(
    "edit, key",
    [
        (lambda d: d["metrics"][0].pop("dimension"), "metrics[ai-core-industry-scale].dimension"),
        (lambda d: d["metrics"][0].update(units=["RMB"]), "metrics[ai-core-industry-scale].units[0]"),
        (lambda d: d["metrics"][0].update(id="AI Core"), "metrics[0].id"),
        (lambda d: d["metrics"][0].update(en=[]), "metrics[ai-core-industry-scale].en"),
        (lambda d: d["metrics"][0].update(zh=["规模", 3]), "metrics[ai-core-industry-scale].zh[1]"),
        (lambda d: d["metrics"][0].update(colour="red"), "metrics[0].colour"),
        (lambda d: d["metrics"][1].update(zh=["算力规模"]), "metrics[total-computing-power]"),
        (lambda d: d["metrics"].append(dict(d["metrics"][0], zh=["x"], zh_hant=[], en=["y"])),
         "metrics[ai-core-industry-scale].id"),
        (lambda d: d["phrase"].update(min_score=120), "phrase.min_score"),
        (lambda d: d["phrase"].update(measures={"decline": ["下降"]}), "phrase.measures"),
        (lambda d: d.pop("metrics"), "metrics"),
    ],
)
def test_malformed_glossary_names_file_and_key(tmp_path, edit, key):
    path = shipped_with(tmp_path, edit)
    with pytest.raises(ConfigError) as raised:
        load_glossary(path)
    assert raised.value.path == str(path)
    assert raised.value.key == key


def test_unparsable_and_missing_files_are_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_glossary(write(tmp_path, "metrics: [unclosed"))
    with pytest.raises(ConfigError, match="cannot read"):
        load_glossary(tmp_path / "absent.yaml")
