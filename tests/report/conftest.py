"""Fixtures for report tests: an audit report built from hand-made pipeline tables."""

import pytest

from recon.gate import Gate
from recon.report import AuditReport
from tests.report import tables


@pytest.fixture
def build_report():
    """Build an AuditReport from the hand-made tables, with optional reviews and gate."""

    def build(reviews=None, gate=None, findings=None, facts=None):
        return AuditReport(
            tables.documents(),
            tables.facts() if facts is None else facts,
            tables.numbers(),
            tables.findings() if findings is None else findings,
            reviews,
            gate or Gate(),
        )

    return build
