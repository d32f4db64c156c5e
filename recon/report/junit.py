"""JUnit XML for CI: one test case per finding, one per unreadable document."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from recon.review import NOT_GATING


def render_junit(report) -> str:
    """Render ``report`` (an :class:`~recon.report.AuditReport`) as a JUnit ``testsuites`` document.

    A failing finding that is not accepted or waived is a ``<failure>`` (its type is the severity;
    the message says whether it gates this run); an accepted or waived one is ``<skipped>`` with the
    editor's note; a corroboration passes. An unreadable document is an ``<error>``.
    """
    suite = ET.Element("testsuite", name="recon audit")
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for record in report.finding_records():
        case = ET.SubElement(suite, "testcase", classname=f"recon.{record['check']}",
                             name=_case_name(record))
        counts["tests"] += 1
        if record["outcome"] != "fail":
            continue
        if record["status"] in NOT_GATING:
            note = record["review"]["note"] if record["review"] else ""
            ET.SubElement(case, "skipped", message=f"{record['status']}: {note}")
            counts["skipped"] += 1
            continue
        gate = "gates this run" if record["gating"] else "does not gate this run"
        failure = ET.SubElement(case, "failure", type=record["severity"],
                                message=f"{record['severity']} ({gate}): {record['message']}")
        failure.text = "\n".join([
            f"observed: {record['observed']}",
            f"expected: {record['expected']}",
            f"arithmetic: {record['arithmetic']}",
            f"claims: {', '.join(record['claim_ids'])}",
        ])
        counts["failures"] += 1
    for doc in report.unreadable.itertuples():
        case = ET.SubElement(suite, "testcase", classname="recon.ingest", name=doc.path)
        ET.SubElement(case, "error", type="unreadable", message=doc.error)
        counts["tests"] += 1
        counts["errors"] += 1
    for key, value in counts.items():
        suite.set(key, str(value))
    root = ET.Element("testsuites", {k: str(v) for k, v in counts.items()}, name="recon")
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _case_name(record: dict) -> str:
    where = " ".join(x for x in (record["metric_id"], record["geo"], record["period"]) if x)
    return f"{record['finding_id']} {where}".strip()
