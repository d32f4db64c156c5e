"""Chart geometry: one chart per metric and unit, values placed on a 1-2-5 axis, conflicts marked."""

from recon.report.chart import build_charts
from tests.report import tables


def charts_by_metric(conflicts=frozenset()):
    facts = tables.facts()
    colours = {d: i for i, d in enumerate(sorted(facts["doc_id"].unique()))}
    return {c.metric_id: c for c in build_charts(facts, set(conflicts), colours)}


def test_one_chart_per_metric_and_unit_with_two_or_more_facts():
    charts = charts_by_metric()
    assert sorted(charts) == ["ai-core-industry-scale", "compute-intelligent", "training-cost-decline"]
    compute = charts["compute-intelligent"]
    assert compute.unit == "EFLOPS"  # the CAGR (%) of the same metric is not drawn on this axis
    assert [t.label for t in compute.x_ticks] == ["2022", "2023", "2027"]
    assert len(compute.points) == 4


def test_larger_values_are_higher_and_ticks_cover_them():
    charts = charts_by_metric()
    compute = charts["compute-intelligent"]
    by_label = {p.label.split(": ")[1]: p for p in compute.points}
    assert by_label["1117.4 EFLOPS (2027)"].y < by_label["414.1 EFLOPS (2023)"].y < by_label[
        "259.9 EFLOPS (2022)"].y
    assert [t.label for t in compute.y_ticks] == ["0", "250", "500", "750", "1,000", "1,250"]
    assert all(compute.top <= p.y <= compute.bottom for p in compute.points)
    assert compute.y_ticks[0].position == compute.bottom


def test_points_of_failing_findings_are_marked_and_counted():
    facts = tables.facts()
    conflict = set(facts.loc[facts["metric_id"] == "ai-core-industry-scale", "claim_id"])
    charts = charts_by_metric(conflict)
    assert list(charts)[0] == "ai-core-industry-scale"  # charts with conflicts come first
    assert charts["ai-core-industry-scale"].conflicts == 2
    assert charts["compute-intelligent"].conflicts == 0


def test_two_documents_in_one_period_sit_side_by_side_in_their_colours():
    charts = charts_by_metric()
    points = [p for p in charts["compute-intelligent"].points if "2023" in p.label]
    assert len({p.x for p in points}) == 2 and len({p.colour for p in points}) == 2
    legend = sorted(doc for doc, _ in charts["compute-intelligent"].legend)
    assert legend == ["idc_compute.txt", "press_en.txt"]
