"""Report: the audit report object and its renderers (HTML, JSON, CSV, JUnit)."""
