"""JUnit XML for CI: one test case per finding, one per unreadable document."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from recon.review import NOT_GATING, review_command
from recon.schemas import SECTIONS

COUNTS = {"tests": "testcase", "failures": "testcase/failure", "errors": "testcase/error",
          "skipped": "testcase/skipped"}
"""Each count a JUnit suite carries, and the elements it counts."""


def render_junit(report) -> str:
    """Render ``report`` (an :class:`~recon.report.AuditReport`) as a JUnit ``testsuites`` document.

    One test suite per section (``recon conflicts``, ``recon notes``) and one for the documents
    (``recon ingest``); each case carries its section as a property. A failing finding that is not
    accepted or waived is a ``<failure>`` (its type is the severity; the message says whether it
    gates this run); an accepted or waived one is ``<skipped>`` with the editor's note; a
    corroboration passes. An unreadable document is an ``<error>``.
    """
    suites = {name: _suite(f"recon {name}") for name in (*SECTIONS, "ingest")}
    for record in report.finding_records():
        suite = suites[record["section"]]
        case = ET.SubElement(suite, "testcase", classname=f"recon.{record['check']}",
                             name=_case_name(record))
        properties = ET.SubElement(case, "properties")
        ET.SubElement(properties, "property", name="section", value=record["section"])
        if record["outcome"] != "fail":
            continue
        if record["status"] in NOT_GATING:
            note = record["review"]["note"] if record["review"] else ""
            ET.SubElement(case, "skipped", message=f"{record['status']}: {note}")
            continue
        gate = "gates this run" if record["gating"] else "does not gate this run"
        failure = ET.SubElement(case, "failure", type=record["severity"],
                                message=f"{record['severity']} ({gate}): {record['message']}")
        failure.text = "\n".join([
            f"observed: {record['observed']}",
            f"expected: {record['expected']}",
            f"arithmetic: {record['arithmetic']}",
            f"claims: {', '.join(record['claim_ids'])}",
            f"decide: {review_command(record['finding_id'])}",
        ])
    for doc in report.unreadable.itertuples():
        case = ET.SubElement(suites["ingest"], "testcase", classname="recon.ingest", name=doc.path)
        ET.SubElement(case, "error", type="unreadable", message=doc.error)
    for suite in suites.values():
        for key, counted in COUNTS.items():
            suite.set(key, str(len(suite.findall(counted))))
    totals = {key: str(sum(int(s.get(key)) for s in suites.values())) for key in COUNTS}
    root = ET.Element("testsuites", totals, name="recon")
    root.extend(suites.values())
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _suite(name: str) -> ET.Element:
    """An empty suite, its counts first (set once its cases are in)."""
    return ET.Element("testsuite", dict.fromkeys(COUNTS, "0"), name=name)


def _case_name(record: dict) -> str:
    where = " ".join(x for x in (record["metric_id"], record["geo"], record["period"]) if x)
    return f"{record['finding_id']} {where}".strip()
