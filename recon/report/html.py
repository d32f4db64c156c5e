"""The one Jinja environment of the report: templates from the package, autoescape, filters, labels."""

from __future__ import annotations

import json
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
    "conflicts": ("Conflicts to decide", "待决定的矛盾"),
    "conflicts.help": ("What the sources say, where they disagree: each asks for a decision.",
                       "各来源所述数据之间的矛盾：每一项都需要作出决定。"),
    "notes": ("Notes on the text", "文本读取说明"),
    "notes.help": ("How recon read the text: lost range dashes, doubtful table cells, extraction doubts. "
                   "Check the source; notes fail the gate only with --fail-on-notes.",
                   "recon 读取文本时的疑点：区间连接号丢失、存疑的表格单元格、提取存疑。请核对原文；"
                   "只有设置 --fail-on-notes 时，说明才会导致门禁失败。"),
    "notes.of": ("notes", "条说明"),
    "none.conflicts": ("No conflicts to decide.", "没有待决定的矛盾。"),
    "none.notes": ("No notes on the text.", "没有文本读取说明。"),
    "gate.fail_on_notes": ("notes fail on", "说明阈值"),
    "original": ("original text", "原文"),
    "cell": ("table cell", "表格单元格"),
    "reading": ("Comparison", "比较"),
    "check_arithmetic": ("check's arithmetic", "核查计算"),
    "decide": ("Record a decision", "记录审核决定"),
    "decide.help": ("status: accepted, waived or fixed; run it where the audit ran.",
                    "状态：accepted（接受）、waived（豁免）或 fixed（已修正）；在运行核查的目录中执行。"),
    "copy": ("copy", "复制"),
    "reviewed_by": ("by", "审核人"),
    "sources": ("documents agree", "份文档一致"),
    "page.previous": ("previous", "上一页"),
    "page.next": ("next", "下一页"),
    "page.of": ("of", "/"),
    "finding_id": ("finding id", "核查编号"),
    "ok": ("ok", "正常"),
    "kind.actual": ("actual", "实际"),
    "kind.forecast": ("forecast", "预测"),
    "kind.estimate": ("estimate", "估计"),
    "qualifier.exact": ("exact", "精确"),
    "qualifier.approx": ("approx", "约"),
    "qualifier.lower_bound": ("lower bound", "下限"),
    "qualifier.upper_bound": ("upper bound", "上限"),
    "qualifier.range": ("range", "区间"),
    "reason.year": ("year", "年份"),
    "reason.date": ("date", "日期"),
    "reason.citation": ("citation", "引用标注"),
    "reason.product-name": ("product name", "产品名称"),
    "reason.section-number": ("section number", "章节编号"),
    "reason.page-number": ("page number", "页码"),
    "reason.figure-or-table-number": ("figure or table number", "图表编号"),
    "reason.list-marker": ("list marker", "列表序号"),
    "reason.ordinal": ("ordinal", "序数"),
    "reason.enumeration": ("enumeration", "枚举"),
    "reason.boilerplate": ("boilerplate", "页面模板文字"),
    "reason.identifier": ("identifier", "标识符"),
    "reason.truncated": ("truncated", "截断"),
    "reason.part-of-claim": ("part of a claim", "属于某项数据"),
    "reason.no-quantity": ("no quantity", "不是数量"),
    "corroborations": ("Corroborations", "相互印证"),
    "charts": ("Values by source and period", "各来源、各期数值"),
    "facts": ("Facts explorer", "数据浏览"),
    "lineage": ("Who said it first", "数据来源追溯"),
    "lineage.help": ("For each figure quoted by several documents: the origin each document cites (else "
                     "its publisher), and the documents quoting it. One origin behind many documents is one "
                     "source.",
                     "对多份文档引用的每个数据：各文档所引用的来源（未注明时为其发布方），以及引用它的文档。"
                     "多份文档背后只有一个来源时，只算一个来源。"),
    "lineage.conflict": ("Disagreement", "分歧"),
    "none.lineage": ("No figure is quoted by several documents.", "没有被多份文档引用的数据。"),
    "origin": ("Origin", "来源"),
    "check.misquote": ("Misquote", "引用有误"),
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
    "grouping": ("Why compared", "比对依据"),
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

PHRASES: dict[str, tuple[str, str]] = {
    "reading.%": ("{high} is {gap} % above {low}; the tolerance of their stated precision is {tolerance} %.",
                  "{high} 比 {low} 高 {gap} %；按其标注精度，容差为 {tolerance} %。"),
    "reading.points": ("{high} is {gap} percentage points above {low}; the tolerance of their stated "
                       "precision is {tolerance} points.",
                       "{high} 比 {low} 高 {gap} 个百分点；按其标注精度，容差为 {tolerance} 个百分点。"),
    "corroborated": ("{docs} documents agree on {metric} ({where}): {values}.",
                     "{docs} 份文档在{metric}（{where}）上相互印证：{values}。"),
    "cell": ("{what}, {period}", "{what}，{period}"),
    "cell.labels": ("{labels}: {value}", "{labels}：{value}"),
}
"""Sentences the report words itself (not a check's message), filled in Python: (English, Chinese)."""


def phrase(key: str, **fields: str) -> tuple[str, str]:
    """Both languages of the sentence ``key`` with ``fields`` filled in."""
    english, chinese = PHRASES[key]
    return english.format(**fields), chinese.format(**fields)


def labels_json(prefixes: tuple[str, ...] = ("kind.", "qualifier.", "page.")) -> str:
    """The labels the page's script renders itself (the facts explorer), as JSON safe in a script."""
    chosen = {k: v for k, v in LABELS.items() if k.startswith(prefixes)}
    return script_json(chosen)


def script_json(data) -> Markup:
    """``data`` as JSON that cannot end its ``<script>`` element early (``<`` written ``\\u003c``)."""
    return Markup(json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c"))


def both(key: str) -> tuple[str, str]:
    """(English, Chinese) of a label; an unknown key reads as its last part in both."""
    fallback = key.split(".", 1)[-1]
    return LABELS.get(key, (fallback, fallback))


def label(key: str) -> Markup:
    """Both languages of a label as two spans; the page's toggle shows one. Unknown keys show the key."""
    return bilingual(*both(key))


def bilingual(english: str, chinese: str) -> Markup:
    """Two texts as the two language spans the page's toggle switches between."""
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
    env.globals.update(t=label, both=both, bilingual=bilingual)
    return env


def render_audit(context: AuditContext) -> str:
    """Render ``audit.html`` from its typed context."""
    variables = {f.name: getattr(context, f.name) for f in fields(context)}
    return environment().get_template("audit.html").render(**variables)
