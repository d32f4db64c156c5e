"""Hand-built pipeline tables for report, gate, review, diff and CLI tests.

Figures are real ones from the shared corpus (003: intelligent computing power 259.9 → 414.1 →
1117.4 EFLOPS, CAGR 33.9 %; 004: core AI industry 1751亿元 in 2023; 000: training cost decline
stated as 38 % and 52 %), in sentences written for the tests; one document quotes a script tag.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from recon.schemas import Document, Finding, MatchedFact, NumberToken

INJECTION = "<script>alert(1)</script>"


def claim_id(doc_id: str, line: int, surface: str) -> str:
    """A 12-character id like the extractor's (hash of document, position and surface)."""
    return hashlib.sha1(f"{doc_id}:{line}:{surface}".encode()).hexdigest()[:12]


def finding_id(check: str, claim_ids: list[str]) -> str:
    """A stable id like the checks' (hash of check and sorted claim ids)."""
    return hashlib.sha1(f"{check}:{','.join(sorted(claim_ids))}".encode()).hexdigest()[:12]


def fact(doc_id, line, quote, surface, value, unit, base_value, base_unit, dimension, metric_id, period,
         *, geo="China", kind="actual", type="level", qualifier="exact", page=None, group_id="",
         value_step=0.1) -> dict:
    """One MatchedFact row; ``quote`` stands for the whole line, so offsets index into it."""
    start = quote.index(surface)
    years = [int(y) for y in period.split("-")] if period else [None]
    return dict(
        claim_id=claim_id(doc_id, line, surface), doc_id=doc_id, page=page, line=line, start=start,
        end=start + len(surface), surface=surface, quote=quote, value=value, value_high=None,
        value_step=value_step, unit=unit, qualifier=qualifier, kind=kind, type=type,
        period_start=years[0], period_end=years[-1], period_grain="year" if len(years) == 1 else "span",
        period=period, geo=geo, metric_text=metric_id, flags="", base_value=base_value, base_unit=base_unit,
        dimension=dimension, metric_id=metric_id, metric_score=100.0, group_id=group_id,
        subject="", measure=type, scope="",
    )


def documents() -> pd.DataFrame:
    """Three readable documents and one that could not be read."""
    rows = [
        ("idc_compute.txt", "zh"), ("ai_whitebook.txt", "zh"), ("press_en.txt", "en"), ("broken.pdf", ""),
    ]
    return Document.validate(pd.DataFrame([
        dict(doc_id=d, path=f"sources/{d}", format=d.rsplit(".", 1)[1], encoding="utf-8" if lang else "",
             pages=0, lines=40 if lang else 0, chars=2000 if lang else 0, title="", publisher="",
             date="2024-04",
             language=lang, status="ok" if lang else "error",
             error="" if lang else "PDF has no text layer")
        for d, lang in rows
    ]))


def facts() -> pd.DataFrame:
    """Facts about intelligent computing power, core AI industry scale and training cost."""
    compute = "compute-intelligent"
    rows = [
        fact("idc_compute.txt", 12, "测算显示，2022年中国智能算力规模为259.9 EFLOPS。", "259.9 EFLOPS", 259.9,
             "FLOPS", 2.599e20, "FLOPS", "compute", compute, "2022", group_id="g-2022"),
        fact("idc_compute.txt", 13, "预计2023年中国智能算力规模将达到414.1 EFLOPS。", "414.1 EFLOPS", 414.1,
             "FLOPS", 4.141e20, "FLOPS", "compute", compute, "2023", kind="forecast", group_id="g-2023"),
        fact("idc_compute.txt", 14, "到2027年将达到1117.4 EFLOPS，年复合增长率33.9%。", "1117.4 EFLOPS",
             1117.4, "FLOPS", 1.1174e21, "FLOPS", "compute", compute, "2027", kind="forecast"),
        fact("idc_compute.txt", 14, "到2027年将达到1117.4 EFLOPS，年复合增长率33.9%。", "33.9%", 33.9, "%",
             33.9, "%", "percent", compute, "2022-2027", kind="forecast", type="cagr"),
        fact("press_en.txt", 3, "China's intelligent computing power will reach 414.1 EFLOPS in 2023.",
             "414.1 EFLOPS", 414.1, "FLOPS", 4.141e20, "FLOPS", "compute", compute, "2023",
             kind="forecast", group_id="g-2023"),
        fact("ai_whitebook.txt", 20, "2023年我国人工智能核心产业规模达到1751亿元。", "1751亿元", 1.751e11,
             "CNY", 1.751e11, "CNY", "currency", "ai-core-industry-scale", "2023", value_step=1e8,
             group_id="g-core"),
        fact("press_en.txt", 5, f"Note {INJECTION}: the core AI industry reached RMB 580 billion in 2023.",
             "RMB 580 billion", 5.8e11, "CNY", 5.8e11, "CNY", "currency", "ai-core-industry-scale", "2023",
             value_step=1e9, group_id="g-core"),
        fact("ai_whitebook.txt", 31, "2024年训练成本下降38%，另一处称下降52%。", "38%", 38.0, "%", 38.0, "%",
             "percent", "training-cost-decline", "2024", type="rate", group_id="g-cost"),
        fact("ai_whitebook.txt", 31, "2024年训练成本下降38%，另一处称下降52%。", "52%", 52.0, "%", 52.0, "%",
             "percent", "training-cost-decline", "2024", type="rate", group_id="g-cost"),
    ]
    return MatchedFact.validate(pd.DataFrame(rows))


def numbers() -> pd.DataFrame:
    """Numbers not taken as claims, with reasons."""
    rows = [
        ("idc_compute.txt", 12, "2022", "year"), ("idc_compute.txt", 13, "2023", "year"),
        ("ai_whitebook.txt", 2, "图表 6", "figure-or-table-number"), ("press_en.txt", 1, "1", "page-number"),
    ]
    return NumberToken.validate(pd.DataFrame([
        dict(doc_id=d, page=None, line=line, start=0, end=len(s), surface=s, reason=r, detail="")
        for d, line, s, r in rows
    ]))


def findings() -> pd.DataFrame:
    """An error conflict, a warning conflict, an info finding and two corroborations."""
    f = facts().set_index("surface", drop=False)
    core = sorted(f[f["metric_id"] == "ai-core-industry-scale"]["claim_id"])
    cost = sorted(f[f["metric_id"] == "training-cost-decline"]["claim_id"])
    compute_2023 = sorted(f[f["surface"] == "414.1 EFLOPS"]["claim_id"])
    cagr = sorted(f.loc[["259.9 EFLOPS", "1117.4 EFLOPS", "33.9%"], "claim_id"])
    rows = [
        ("cross-source-agreement", "fail", "error", "ai-core-industry-scale", "2023", core,
         "1751亿元; RMB 580 billion", "equal within 1%", "",
         "Sources disagree on 2023 core AI industry scale"),
        ("intra-document-conflict", "fail", "warning", "training-cost-decline", "2024", cost, "38%; 52%",
         "one value", "", "One document states two values"),
        ("incomparable", "fail", "info", "ai-core-industry-scale", "2023", core[:1], "CNY", "one currency",
         "", f"No FX rate configured {INJECTION}"),
        ("cross-source-agreement", "pass", "info", "compute-intelligent", "2023", compute_2023,
         "414.1 EFLOPS; 414.1 EFLOPS", "equal within 1%", "", "Two sources agree"),
        ("cagr-recomputation", "pass", "info", "compute-intelligent", "2022-2027", cagr, "33.9%",
         "33.9% ± 0.1", "(1117.4 / 259.9)^(1/5) − 1 = 33.86 %", "The stated CAGR recomputes"),
    ]
    return Finding.validate(pd.DataFrame([
        dict(finding_id=finding_id(check, ids), check=check, outcome=outcome, severity=severity,
             metric_id=metric, geo="China", period=period, claim_ids=ids, observed=observed,
             expected=expected, arithmetic=arithmetic, message=message, message_zh=f"（中文）{message}",
             section="conflicts", status="open")
        for check, outcome, severity, metric, period, ids, observed, expected, arithmetic, message in rows
    ]))
