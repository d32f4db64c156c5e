"""Matching the facts extracted from the shared corpus: repeated statements meet, blocks hold."""

from __future__ import annotations

import pytest

from recon.identity import CONCEPTS_FILE, load_concepts
from recon.match import load_settings, match_facts
from recon.pipeline import EXPECTATIONS_DIR, extract_facts

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def corpus_match(corpus_dir):
    facts = extract_facts([corpus_dir]).facts
    return match_facts(facts, load_settings(EXPECTATIONS_DIR / "matching.yaml"))


def test_a_figure_repeated_in_one_report_is_one_group(corpus_match):
    # 003 states 2027 通用算力规模 117.3 EFLOPS in its summary (line 44) and again in the body (line 168).
    matched, groups = corpus_match
    repeated = matched[matched["doc_id"].str.startswith("003_") & (matched["surface"] == "117.3 EFLOPS")]
    assert len(repeated) == 2
    assert repeated["group_id"].nunique() == 1 and repeated["group_id"].iloc[0] != ""
    group = groups.set_index("group_id").loc[repeated["group_id"].iloc[0]]
    assert (group.metric_id, group.geo, group.period) == ("general-computing-power", "China", "2027")


def test_groups_respect_their_blocks(corpus_match):
    matched, groups = corpus_match
    concepts = load_concepts(EXPECTATIONS_DIR / CONCEPTS_FILE)
    settings = load_settings(EXPECTATIONS_DIR / "matching.yaml")
    members = matched[matched["group_id"] != ""]
    assert set(members["group_id"]) == set(groups["group_id"])
    for group_id, rows in members.groupby("group_id"):
        group = groups.set_index("group_id").loc[group_id]
        assert set(rows["period"]) == {group.period} and set(rows["dimension"]) == {group.dimension}
        assert set(rows["geo"]) <= {group.geo, ""}
        listed = {m for m in rows["metric_id"] if m}
        assert len(listed) <= 1
        if not listed and rows["doc_id"].nunique() > 1:
            specific = [concepts.specific_chars(subject) for subject in rows["subject"]]
            vague = "a vague unlisted subject stays in its document"
            assert min(specific) >= settings.min_specific_chars, vague
