"""Every check recon runs, in the order it runs them: its id, title, suite file, parameters and code.

A check is a class: its ``id`` names it in its suite file (``suite``, in ``expectations/``), its
``Params`` model declares the ``params`` that file may set (an unknown key or a wrong type is an error
when the suites load, :func:`recon.checks.suite.load_suites`), and ``run`` turns the facts into its
findings with the check functions of the family modules (``agreement.py``, ``recompute.py``, …).
To add a check, write a class here and list it in :data:`CHECKS`; to add a parameter, add one field
to the check's model (``decline_words: list[str]``) and the key to its suite file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from recon.schemas import KINDS

from .agreement import check_agreement, without_claims
from .origins import check_misquotes
from .plausibility import check_plausibility
from .recompute import check_derived_priors, check_recomputation
from .shares import check_derived_parts, check_share_sums
from .suite import Suites
from .units import check_units

Kind = Literal[tuple(KINDS)]


class CheckParams(BaseModel):
    """A check's ``params`` as its suite sets them: keys the model does not declare, and values of
    another type, are configuration errors naming the file and the key."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Compared(CheckParams):
    """Parameters of a check that compares figures."""

    skip_flags: list[str] = []
    """Extractor flags (``suspect-range``, ``unclear-columns``) of figures the check leaves out."""


class CrossSourceParams(Compared):
    kind_families: dict[Kind, str] = {}
    """Kinds that restate one another share a family (an estimate restates an actual)."""
    definition_factor: float = Field(ge=1)
    """Two known publishers' figures this many times apart likely define the metric differently."""


class IntraDocumentParams(Compared):
    whole_only: list[str] = []
    """A share phrase starting with one of these names its whole, not its part."""
    whole_words: list[str] = []
    """Share words that name the whole themselves (市场份额: of the market), so a share outside the
    glossary that says them names both its part and its whole."""
    respectively: list[str] = []
    """Words (分别, respectively) listing figures of one key that are of different subjects."""


class IncomparableParams(CheckParams):
    fx_base: str
    """The currency configured rates convert into."""
    fx_rates: dict[str, float] = {}
    """Currency → rate into ``fx_base``; listed currencies are converted and compared."""
    kind_families: dict[Kind, str] = {}


class CagrParams(Compared):
    pass


class GrowthParams(Compared):
    decline_words: list[str]
    """Words before a growth that make it a decline (下降, decline)."""


class ShareSumParams(CheckParams):
    max_gap: int = Field(ge=0)
    """Characters between two shares of one list; more starts a new list."""
    breaks: list[str] = []
    """Words that end a list of shares: a total, a change, a share naming its own whole."""
    rate_words: list[str] = []
    """Words that make a list's figures rates of each member (渗透率, adoption), not parts of one whole."""


class PlausibilityParams(CheckParams):
    suspect_flags: list[str]
    """The flags the extractor sets when in doubt; their figures are reported as notes."""
    growth_words: list[str] = []
    """Words that make a share over 100 % read as a growth misread as a share."""
    word_reach: int = Field(0, ge=0)
    """Characters either side of such a share searched for a growth word."""


class MisquoteParams(Compared):
    organisations: str
    """The lexicon, in the suites' directory, that makes a publisher's name canonical."""
    kind_families: dict[Kind, str] = {}


@dataclass(eq=False)
class Inputs:
    """What the checks read, made once per audit by :func:`recon.checks.check_facts`."""

    facts: pd.DataFrame
    """Matched facts with their metric label, publisher, intervals and sentence number."""
    named: pd.DataFrame
    """The same facts named by their group (its metric and geo), for checks that report groups."""
    suites: Suites
    families: dict[Callable, list[pd.DataFrame]] = field(default_factory=dict)
    """Findings of the functions that run a family of checks at once, by function."""

    def family(self, runs: Callable, facts: pd.DataFrame, check: str) -> list[pd.DataFrame]:
        """``check``'s findings from ``runs``, a function that runs its whole family (check_agreement
        runs three checks over one table of statements): it runs once per audit, not once per check."""
        if runs not in self.families:
            self.families[runs] = runs(facts, self.suites)
        return [findings[findings["check"] == check] for findings in self.families[runs]]


class Check:
    """One check: what it asserts, where a team configures it, and how it runs."""

    id: ClassVar[str]
    """Kebab-case; the key of the check in its suite file and the ``check`` of its findings."""
    title: ClassVar[str]
    """What the check asserts; a suite may reword it."""
    suite: ClassVar[str]
    """The file of ``expectations/`` that declares it."""
    section: ClassVar[str] = "conflicts"
    """Where its findings go when an expectation says nothing: ``conflicts`` or ``notes``."""
    Params: ClassVar[type[CheckParams]] = CheckParams

    def run(self, inputs: Inputs) -> list[pd.DataFrame]:
        """The check's findings (``recon.schemas.Finding`` tables), called only when its suite enables it."""
        raise NotImplementedError


class CrossSourceAgreement(Check):
    id = "cross-source-agreement"
    title = "Sources agree on a figure"
    suite = "agreement.yaml"
    Params = CrossSourceParams

    def run(self, inputs):
        # two quotes of one originator that disagree are the misquote check's finding, not a second one
        misquoted = {frozenset(ids) for found in inputs.family(check_misquotes, inputs.named, Misquote.id)
                     for ids in found.loc[found["outcome"] == "fail", "claim_ids"]}
        agreement = inputs.family(check_agreement, inputs.named, self.id)
        # the parts of a stated whole and the priors a stated growth implies are figures of one key too
        return [*(without_claims(found, misquoted) for found in agreement),
                *check_derived_parts(inputs.facts, inputs.suites),
                *check_derived_priors(inputs.facts, inputs.suites)]


class IntraDocumentConflict(Check):
    id = "intra-document-conflict"
    title = "One document states one figure"
    suite = "agreement.yaml"
    Params = IntraDocumentParams

    def run(self, inputs):
        return inputs.family(check_agreement, inputs.named, self.id)


class Incomparable(Check):
    id = "incomparable"
    title = "Figures in different currencies"
    suite = "agreement.yaml"
    Params = IncomparableParams

    def run(self, inputs):
        return inputs.family(check_agreement, inputs.named, self.id)


class CagrRecomputation(Check):
    id = "cagr-recomputation"
    title = "A stated CAGR follows from its endpoints"
    suite = "recompute.yaml"
    Params = CagrParams

    def run(self, inputs):
        return inputs.family(check_recomputation, inputs.facts, self.id)


class GrowthRecomputation(Check):
    id = "growth-recomputation"
    title = "A stated growth follows from the prior period"
    suite = "recompute.yaml"
    Params = GrowthParams

    def run(self, inputs):
        return inputs.family(check_recomputation, inputs.facts, self.id)


class ShareSum(Check):
    id = "share-sum"
    title = "Shares of one whole add up to at most 100 %"
    suite = "shares.yaml"
    Params = ShareSumParams

    def run(self, inputs):
        return check_share_sums(inputs.facts, inputs.suites)


class Plausibility(Check):
    id = "plausibility"
    title = "A figure is plausible for its kind"
    suite = "plausibility.yaml"
    Params = PlausibilityParams

    def run(self, inputs):
        return check_plausibility(inputs.facts, inputs.suites)


class UnitSanity(Check):
    id = "unit-sanity"
    title = "A metric is stated in a unit its glossary entry allows"
    suite = "units.yaml"

    def run(self, inputs):
        return check_units(inputs.facts, inputs.suites)


class Misquote(Check):
    id = "misquote"
    title = "Documents citing one originator quote it alike"
    suite = "origins.yaml"
    Params = MisquoteParams

    def run(self, inputs):
        return inputs.family(check_misquotes, inputs.named, self.id)


CHECKS: tuple[Check, ...] = (
    CagrRecomputation(),
    GrowthRecomputation(),
    CrossSourceAgreement(),
    IntraDocumentConflict(),
    Incomparable(),
    ShareSum(),
    Plausibility(),
    UnitSanity(),
    Misquote(),
)
"""Every check recon knows, in the order they run (findings are sorted after: the order only decides
what is in memory at once, so the recomputations, whose working tables are the largest, run first)."""
