"""The statutory floors on rewards to those who made a result (职务发明), as data (DOMAIN.md,
"Rewards of those who made the result"). Pure: the admin-editable policy table is loaded
from :data:`DEFAULT_POLICY` and the checks take its rows as plain values.

* Law on Promoting the Transformation of Scientific and Technological Achievements (2015),
  Art. 45 (in force 2015-10-01): at least 50% of the net income from a transfer or licence,
  50% of the shares when the result is invested as equity, 5% of the operating profit
  yearly for 3 to 5 years when the unit implements it. The default for a unit without its
  own rules or agreement; binding on universities and research institutes set up by the
  state even against their own rules and agreements.
* Patent Law Implementing Regulations, 2023 text (in force 2024-01-20): Art. 93 grant bonus
  at least ¥4,000 per invention and ¥1,500 per utility model or design; Art. 94
  remuneration refers to the 2015 law.
* 2010 text (in force 2010-02-01): Art. 77 grant bonus ¥3,000 and ¥1,000; Art. 78
  remuneration at least 2% of yearly operating profit (0.2% for a design) or at least 10%
  of the royalties from licensing others.

Which text of the Regulations applies to a patent is not settled; :class:`TextRule` makes it
configurable (default: filing date on or after 2024-01-20 → 2023 text).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from .services.royalties import as_amount, as_share
from .validators import N_, ValidationError

TEXT_2010 = "2010"
TEXT_2023 = "2023"
SWITCH_DATE = date(2024, 1, 20)
ALL_KINDS = frozenset({"invention", "utility_model", "design"})
PERCENT_BASES = ("licence_income", "equity", "operating_profit")

LAW_2015 = N_("Law on Promoting the Transformation of Scientific and Technological "
              "Achievements (2015)")
REGS_2010 = N_("Patent Law Implementing Regulations (2010)")
REGS_2023 = N_("Patent Law Implementing Regulations (2023)")

MSG_DATE_NEEDED = N_("The %(basis)s is needed to tell which text of the Implementing "
                     "Regulations applies.")
MSG_TEXT_BASIS = N_("Which text applies is decided by the filing, grant or payment date, "
                    "not %(basis)s.")
MSG_SHORT_PERCENT = N_(
    "%(source)s, %(article)s: at least %(floor)s%% goes to those who made the result; the "
    "agreement gives %(agreed)s%%. On ¥%(example)s that is ¥%(shortfall)s short.")
MSG_SHORT_BONUS = N_(
    "%(source)s, %(article)s: a grant bonus of at least ¥%(floor)s per patent; the agreement "
    "gives ¥%(agreed)s, ¥%(shortfall)s short.")


@dataclass(frozen=True)
class PolicyRule:
    """One row of the policy table; ``rule`` is its text, a template for ``value``.
    ``value`` is a percentage (``basis`` licence_income, equity, operating_profit) or yuan
    per patent (``basis`` grant_bonus); None when the row only refers to another
    (``refers_to``). ``text_version`` is "2010" or "2023" for
    the Implementing Regulations, None for the 2015 law. ``applies_to``: patent kinds."""

    key: str
    rule: str
    source: str
    article: str
    effective_from: date
    effective_to: date | None
    kind: str  # licence_income_share, equity_share, profit_share, grant_bonus, remuneration
    value: Decimal | None
    basis: str
    applies_to: frozenset[str] = ALL_KINDS
    text_version: str | None = None
    refers_to: str = ""

    def text(self) -> str:
        """The rule in English with its value; the web layer translates ``rule`` first."""
        return self.rule % {"value": self.value}

    def in_force(self, on: date) -> bool:
        """Whether the rule's text is in force on ``on``."""
        return self.effective_from <= on and (self.effective_to is None
                                              or on <= self.effective_to)


_LAW = {"source": LAW_2015, "article": N_("Art. 45"), "effective_from": date(2015, 10, 1),
        "effective_to": None}
_R2010 = {"source": REGS_2010, "effective_from": date(2010, 2, 1),
          "effective_to": date(2024, 1, 19), "text_version": TEXT_2010}
_R2023 = {"source": REGS_2023, "effective_from": SWITCH_DATE, "effective_to": None,
          "text_version": TEXT_2023}
_OTHER = frozenset({"utility_model", "design"})

DEFAULT_POLICY: tuple[PolicyRule, ...] = (
    PolicyRule("law2015_art45_licence", N_("At least %(value)s%% of the net income from "
               "transferring or licensing the result"), kind="licence_income_share",
               value=Decimal(50), basis="licence_income", **_LAW),
    PolicyRule("law2015_art45_equity", N_("At least %(value)s%% of the shares or contribution "
               "when the result is invested as equity"), kind="equity_share", value=Decimal(50),
               basis="equity", **_LAW),
    PolicyRule("law2015_art45_profit", N_("At least %(value)s%% of the operating profit yearly "
               "for 3 to 5 years when the unit implements the result"), kind="profit_share",
               value=Decimal(5), basis="operating_profit", **_LAW),
    PolicyRule("regs2023_art93_invention", N_("A grant bonus of at least ¥%(value)s per invention"),
               article=N_("Art. 93"), kind="grant_bonus", value=Decimal(4000),
               basis="grant_bonus", applies_to=frozenset({"invention"}), **_R2023),
    PolicyRule("regs2023_art93_other", N_("A grant bonus of at least ¥%(value)s per utility "
               "model or design"), article=N_("Art. 93"), kind="grant_bonus", value=Decimal(1500),
               basis="grant_bonus", applies_to=_OTHER, **_R2023),
    PolicyRule("regs2023_art94", N_("Remuneration as the 2015 transformation law provides, "
               "absent rules or agreement"), article=N_("Art. 94"), kind="remuneration",
               value=None, basis="licence_income", refers_to="law2015_art45_licence",
               **_R2023),
    PolicyRule("regs2010_art77_invention", N_("A grant bonus of at least ¥%(value)s per invention"),
               article=N_("Art. 77"), kind="grant_bonus", value=Decimal(3000),
               basis="grant_bonus", applies_to=frozenset({"invention"}), **_R2010),
    PolicyRule("regs2010_art77_other", N_("A grant bonus of at least ¥%(value)s per utility "
               "model or design"), article=N_("Art. 77"), kind="grant_bonus", value=Decimal(1000),
               basis="grant_bonus", applies_to=_OTHER, **_R2010),
    PolicyRule("regs2010_art78_profit", N_("At least %(value)s%% of the yearly operating profit "
               "from implementing the patent"), article=N_("Art. 78"), kind="remuneration",
               value=Decimal(2), basis="operating_profit",
               applies_to=frozenset({"invention", "utility_model"}), **_R2010),
    PolicyRule("regs2010_art78_design", N_("At least %(value)s%% of the yearly operating profit "
               "from implementing the design"), article=N_("Art. 78"), kind="remuneration",
               value=Decimal("0.2"), basis="operating_profit",
               applies_to=frozenset({"design"}), **_R2010),
    PolicyRule("regs2010_art78_royalties", N_("At least %(value)s%% of the royalties from "
               "licensing others"), article=N_("Art. 78"), kind="remuneration", value=Decimal(10),
               basis="licence_income", **_R2010),
)


@dataclass(frozen=True)
class TextRule:
    """Which text of the Implementing Regulations applies: the 2023 text when the patent's
    ``basis`` date ("filing_date", "grant_date" or "payment_date") is on or after
    ``switch``, else the 2010 text."""

    basis: str = "filing_date"
    switch: date = SWITCH_DATE


DEFAULT_TEXT_RULE = TextRule()


def applicable_text(rule: TextRule, filing_date: date | None, grant_date: date | None,
                    payment_date: date | None) -> str:
    """"2010" or "2023": the text of the Implementing Regulations ``rule`` picks for a patent
    with these dates. Raises ValidationError if the date the rule needs is missing."""
    dates = {"filing_date": filing_date, "grant_date": grant_date,
             "payment_date": payment_date}
    if rule.basis not in dates:
        raise ValidationError(MSG_TEXT_BASIS, {"basis": rule.basis})
    decisive = dates[rule.basis]
    if decisive is None:
        raise ValidationError(MSG_DATE_NEEDED, {"basis": rule.basis.replace("_", " ")})
    return TEXT_2023 if decisive >= rule.switch else TEXT_2010


def rules_for(policy: Iterable[PolicyRule], text: str, patent_kind: str,
              on: date | None = None) -> list[PolicyRule]:
    """The rows that bind a patent of ``patent_kind`` under the Regulations' ``text``: those
    of that text, and the 2015 law's rows (only if in force on ``on``, when given)."""
    return [rule for rule in policy if patent_kind in rule.applies_to and (
        rule.text_version == text if rule.text_version
        else on is None or rule.in_force(on))]


@dataclass(frozen=True)
class InventorTerms:
    """What an agreement gives those who made the result: percentages of the net licence
    or transfer income, of the equity and of the yearly operating profit, and the grant
    bonus per patent in yuan. None: the agreement does not say (the floor is the default)."""

    licence_income: Decimal | None = None
    equity: Decimal | None = None
    operating_profit: Decimal | None = None
    grant_bonus: Decimal | None = None


@dataclass(frozen=True)
class Shortfall:
    """An agreement term below ``rule``'s floor; ``amount`` is the shortfall in yuan on the
    example amount (percentage rules) or per patent (grant bonus)."""

    rule: PolicyRule
    agreed: Decimal
    floor: Decimal
    amount: Decimal
    template: str
    params: dict

    @property
    def article(self) -> str:
        return self.rule.article

    def text(self) -> str:
        """The English text; the web layer translates ``template`` then applies ``params``."""
        return self.template % self.params


def _term(terms: InventorTerms | Mapping[str, Decimal], basis: str) -> Decimal | None:
    if isinstance(terms, Mapping):
        return terms.get(basis)
    return getattr(terms, basis)


def check_inventor_share(agreement_terms: InventorTerms | Mapping[str, Decimal],
                         policy: Iterable[PolicyRule],
                         example_amount: Decimal) -> list[Shortfall]:
    """The floors of ``policy`` (the rows that apply, see :func:`rules_for`) that the
    agreement's terms fall below, in policy order. For a percentage the shortfall is
    ``example_amount`` × (floor − agreed) / 100 yuan, rounded half up to the cent (30%
    against 50% on ¥100,000 is ¥20,000); for a grant bonus it is floor − agreed yuan.
    Rows without a value (a reference to another rule) are skipped."""
    example = as_amount(example_amount)
    shortfalls = []
    for rule in policy:
        agreed = _term(agreement_terms, rule.basis)
        if rule.value is None or agreed is None:
            continue
        if rule.basis in PERCENT_BASES:
            agreed = as_share(agreed)
            if agreed >= rule.value:
                continue
            cents = Fraction(example) * (Fraction(rule.value) - Fraction(agreed))
            whole, rest = divmod(cents.numerator, cents.denominator)
            amount = Decimal(whole + (2 * rest >= cents.denominator)).scaleb(-2)
            template = MSG_SHORT_PERCENT
        else:
            agreed = as_amount(agreed)
            if agreed >= rule.value:
                continue
            amount = as_amount(rule.value) - agreed
            template = MSG_SHORT_BONUS
        params = {"source": rule.source, "article": rule.article, "floor": rule.value,
                  "agreed": agreed, "example": example, "shortfall": amount}
        shortfalls.append(Shortfall(rule, agreed, rule.value, amount, template, params))
    return shortfalls


def binds_against_agreement(sector, state_funded: bool) -> bool:
    """Whether the floors bind a unit even against its own rules and agreements (2015 law
    Art. 45): a university or research institute set up by the state. ``sector`` is an
    Organization sector or its value. Any other unit may agree below the floor, with an
    acknowledgement."""
    value = getattr(sector, "value", sector)
    return bool(state_funded) and value in ("university", "research_institute")


def may_sign(shortfalls: list[Shortfall], sector, state_funded: bool,
             acknowledged: bool) -> bool:
    """Whether an agreement with these shortfalls may be sent for signing: always without
    shortfalls; never for a unit the floors bind; otherwise only when acknowledged."""
    if not shortfalls:
        return True
    return not binds_against_agreement(sector, state_funded) and acknowledged
