"""Report: the audit report object and its renderers (HTML, JSON, CSV, JUnit)."""

from recon.report.report import AuditReport

__all__ = ["AuditReport"]
