"""The one Jinja environment of the report: templates from the package, autoescape, filters, labels."""

from __future__ import annotations

from dataclasses import fields

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from recon.report.context import AuditContext

LABELS: dict[str, tuple[str, str]] = {
    "title": ("Figure audit", "数据核查报告"),
    "summary": ("Summary", "概览"),
    "documents": ("Documents", "文档"),
    "unreadable": ("unreadable", "无法读取"),
    "claims": ("Claims", "数据声明"),
    "numbers": ("Numbers not taken", "未采用的数字"),
    "failing": ("Failing findings", "未通过的核查"),
    "corroborations": ("Corroborations", "相互印证"),
    "charts": ("Values by source and period", "各来源、各期数值"),
    "facts": ("Facts explorer", "数据浏览"),
    "coverage": ("Coverage", "覆盖情况"),
    "gate": ("Gate", "门禁"),
    "gate.passed": ("passed", "通过"),
    "gate.failed": ("failed", "未通过"),
    "gate.fail_on": ("fails on", "阈值"),
    "gate.baseline": ("baseline", "基线"),
    "gate.gating": ("findings failing the gate", "导致门禁失败的发现"),
    "gating": ("fails the gate", "导致门禁失败"),
    "stale": ("Stale reviews", "过期的审核决定"),
    "stale.help": ("Decisions whose finding no longer exists; kept in the reviews file.",
                   "对应的核查结果已不存在；审核文件中仍保留。"),
    "reasons": ("Numbers not taken, by reason", "未采用数字的原因"),
    "reason": ("Reason", "原因"),
    "count": ("Count", "数量"),
    "severity": ("Severity", "严重程度"),
    "status": ("Status", "状态"),
    "document": ("Document", "文档"),
    "metric": ("Metric", "指标"),
    "period": ("Period", "时期"),
    "geo": ("Geography", "地区"),
    "value": ("Value", "数值"),
    "base_value": ("Base value", "标准值"),
    "kind": ("Kind", "类型"),
    "qualifier": ("Qualifier", "限定"),
    "quote": ("Quote", "原文"),
    "location": ("Location", "位置"),
    "format": ("Format", "格式"),
    "language": ("Language", "语言"),
    "lines": ("Lines", "行数"),
    "error": ("Error", "错误"),
    "observed": ("Observed", "文中数值"),
    "expected": ("Expected", "预期"),
    "arithmetic": ("Arithmetic", "计算"),
    "review": ("Review", "审核"),
    "all": ("all", "全部"),
    "search": ("Search text", "搜索文本"),
    "shown": ("shown", "条显示"),
    "none.failing": ("No failing findings.", "没有未通过的核查。"),
    "none.corroborations": ("No corroborations.", "没有相互印证的数据。"),
    "none.charts": ("No metric has more than one value with a period.", "没有可对比的指标数值。"),
    "conflict": ("in a failing finding", "属于未通过的核查"),
    "language.toggle": ("中文", "English"),
    "severity.error": ("error", "错误"),
    "severity.warning": ("warning", "警告"),
    "severity.info": ("info", "提示"),
    "status.open": ("open", "待审核"),
    "status.accepted": ("accepted", "已接受"),
    "status.waived": ("waived", "已豁免"),
    "status.fixed": ("fixed", "已修正"),
    "outcome.pass": ("pass", "通过"),
    "outcome.fail": ("fail", "未通过"),
    "check.cross-source-agreement": ("Cross-source agreement", "跨来源一致性"),
    "check.intra-document-conflict": ("Conflict within a document", "文档内部矛盾"),
    "check.cagr-recomputation": ("CAGR recomputation", "复合增长率复算"),
    "check.growth-recomputation": ("Growth recomputation", "同比增长复算"),
    "check.share-sum": ("Shares add up", "占比合计"),
    "check.plausibility": ("Plausibility", "合理性"),
    "check.unit-sanity": ("Unit sanity", "单位合理性"),
    "check.incomparable": ("Incomparable currencies", "币种不可比"),
}


def label(key: str) -> Markup:
    """Both languages of a label as two spans; the page's toggle shows one. Unknown keys show the key."""
    english, chinese = LABELS.get(key, (key.split(".", 1)[-1], key.split(".", 1)[-1]))
    return Markup('<span class="l-en">{}</span><span class="l-zh">{}</span>').format(english, chinese)


def environment() -> Environment:
    """The report's Jinja environment: package templates, autoescaping, strict undefined, ``t``."""
    env = Environment(
        loader=PackageLoader("recon.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["t"] = label
    return env


def render_audit(context: AuditContext) -> str:
    """Render ``audit.html`` from its typed context."""
    variables = {f.name: getattr(context, f.name) for f in fields(context)}
    return environment().get_template("audit.html").render(**variables)
