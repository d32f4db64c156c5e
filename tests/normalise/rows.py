"""Hand-made claim rows and the labelled gold claims as Claim tables, for normalise and match tests."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pandas as pd

from recon import schemas

GOLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "gold-dev"


def claim(**fields) -> dict:
    """One Claim row: a 2023 level in CNY unless ``fields`` say otherwise."""
    row = {
        "doc_id": "a.txt",
        "page": pd.NA,
        "line": 1,
        "start": 0,
        "surface": "1",
        "quote": "",
        "value": 1.0,
        "value_high": float("nan"),
        "value_step": 1.0,
        "unit": "CNY",
        "qualifier": "exact",
        "kind": "actual",
        "type": "level",
        "period": "2023",
        "period_grain": "year",
        "geo": "China",
        "metric_text": "",
        "flags": "",
    }
    row.update(fields)
    row["end"] = row["start"] + len(row["surface"])
    years = [int(y) for y in re.findall(r"(?:19|20)\d{2}", row["period"])]
    row.setdefault("period_start", years[0] if years else pd.NA)
    row.setdefault("period_end", years[-1] if years else pd.NA)
    if "claim_id" not in row:
        key = f"{row['doc_id']}|{row['line']}|{row['start']}|{row['surface']}|{row['metric_text']}"
        row["claim_id"] = hashlib.sha1(key.encode()).hexdigest()[:12]
    return row


def claims_table(rows: list[dict]) -> pd.DataFrame:
    """A valid Claim table of ``rows`` (from :func:`claim`)."""
    return schemas.Claim.validate(pd.DataFrame(rows))


def gold_claims() -> pd.DataFrame:
    """Every labelled claim in ../shared/gold-dev as a Claim table (empty when the folder is absent)."""
    rows = []
    for path in sorted(GOLD.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            gold = json.loads(line)
            rows.append(
                claim(
                    doc_id=gold["doc"],
                    line=gold["line"],
                    start=gold["start"],
                    surface=gold["surface"],
                    value=float(gold["value"]),
                    value_high=float(gold["range_high"] if gold["range_high"] is not None else "nan"),
                    unit=gold["unit"] if schemas._is_unit(gold["unit"]) else f"other:{gold['unit']}",
                    qualifier=gold["qualifier"],
                    kind=gold["kind"],
                    type=gold["type"],
                    period=gold["period"],
                    period_grain="span" if "-" in gold["period"] else "year" if gold["period"] else "",
                    geo=gold["geo"],
                    metric_text=gold["metric_zh"],
                )
            )
    return claims_table(rows) if rows else pd.DataFrame()
