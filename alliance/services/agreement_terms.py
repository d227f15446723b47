"""The terms of a benefit-sharing agreement version: what a draft says, its checks, its
canonical content and SHA-256, default shares from co-ownership, and the statutory floors.

Every percentage is an exact Decimal (sharing_rules / royalties.as_share), every amount
yuan with two decimals; nothing here commits.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import sharing_rules
from ..extensions import db
from ..models.sharing import AgreementInventor, AgreementParty, AgreementVersion, PolicyRule
from ..shares import largest_remainder
from ..validators import N_, ValidationError
from . import ServiceError
from .policy import text_rule
from .royalties import HUNDRED, MSG_SHARES_SUM, as_amount, as_share

#: The example amount (yuan) on which a shortfall below a floor is shown in money.
EXAMPLE_AMOUNT = Decimal("100000.00")


@dataclass(frozen=True)
class InternalSplit:
    """An institution's split of its net income, in percent (summing to 100)."""

    inventors: Decimal
    school: Decimal
    office: Decimal
    institution: Decimal

    def values(self) -> tuple[Decimal, ...]:
        return (self.inventors, self.school, self.office, self.institution)


@dataclass(frozen=True)
class Contributor:
    """An inventor inside a party, with a contribution share in percent."""

    name: str
    share: Decimal
    user_id: int | None = None
    #: an account's email naming which colleague ``name`` is (see agreement_links)
    email: str | None = None


@dataclass(frozen=True)
class PartyTerms:
    """A party: its share (percent), agreed costs (patent fees in yuan, transfer-office
    percent), internal split and inventors (both optional)."""

    organization_id: int
    share: Decimal
    patent_fees: Decimal | None = None
    office_percent: Decimal | None = None
    split: InternalSplit | None = None
    inventors: tuple[Contributor, ...] = ()


@dataclass(frozen=True)
class Terms:
    """What a version says: its parties (in order) and its subject."""

    parties: tuple[PartyTerms, ...]
    patent_ids: tuple[int, ...] = ()
    licence_ids: tuple[int, ...] = ()

    @classmethod
    def of(cls, version: AgreementVersion) -> Terms:
        """The terms a version's rows hold (an amendment starts from them)."""
        def split_of(p):
            if p.split_inventors is None:
                return None
            return InternalSplit(p.split_inventors, p.split_school, p.split_office,
                                 p.split_institution)
        return cls(
            parties=tuple(PartyTerms(
                p.organization_id, p.share, p.patent_fees, p.office_percent, split_of(p),
                tuple(Contributor(i.name, i.share, i.user_id) for i in p.inventors))
                for p in version.parties),
            patent_ids=tuple(p.id for p in version.patents),
            licence_ids=tuple(lic.id for lic in version.licences))


def _error(error: ValidationError, field: str) -> ServiceError:
    return ServiceError(_l(error.template, **error.params), field=field)


def _percent(value, field: str) -> Decimal:
    try:
        share = as_share(value)
    except ValidationError as error:
        raise _error(error, field) from None
    if share > HUNDRED:
        raise ServiceError(_l("A percentage cannot exceed 100: %(share)s.", share=share),
                           field=field)
    return share


MSG_SPLIT_SUM = N_("The internal split adds up to %(total)s%%, not 100%%.")
MSG_INVENTORS_SUM = N_("The inventors' shares add up to %(total)s%%, not 100%%.")


def _sums_to_100(values: Sequence, field: str, template: str = MSG_SHARES_SUM) -> None:
    total = sum((_percent(v, field) for v in values), Decimal(0))
    if total != HUNDRED:
        raise ServiceError(_l(template, total=total), field=field)


def at_party(error: ServiceError, index: int) -> ServiceError:
    """``error`` marked with the position of the party it concerns (``error.party``)."""
    error.party = index
    return error


def _check_party(party: PartyTerms) -> None:
    if party.patent_fees is not None:
        try:
            as_amount(party.patent_fees)
        except ValidationError as error:
            raise _error(error, "patent_fees") from None
    if party.office_percent is not None:
        _percent(party.office_percent, "office_percent")
    if party.split is not None:
        _sums_to_100(party.split.values(), "internal_split", MSG_SPLIT_SUM)
    if party.inventors:
        if party.split is None:
            raise ServiceError(_l("Inventors' shares need an internal split with a part "
                                  "for the inventors."), field="internal_split")
        if any(not i.name.strip() for i in party.inventors):
            raise ServiceError(_l("Every inventor needs a name."), field="inventors")
        _sums_to_100([i.share for i in party.inventors], "inventors", MSG_INVENTORS_SUM)


def check_terms(terms: Terms) -> None:
    """Raise ServiceError (400, with the field, and ``party`` for a party's own terms)
    unless the terms hold together: a subject, distinct parties whose shares sum to exactly
    100, costs that are amounts (no fraction of a cent) and percentages, internal splits and
    inventors' shares each summing to 100."""
    if not terms.patent_ids and not terms.licence_ids:
        raise ServiceError(_l("Name at least one patent or licence."), field="patents")
    if not terms.parties:
        raise ServiceError(_l("An agreement needs at least one party."), field="parties")
    orgs = [p.organization_id for p in terms.parties]
    if len(set(orgs)) != len(orgs):
        raise ServiceError(_l("An organisation appears twice among the parties."),
                           field="parties")
    _sums_to_100([p.share for p in terms.parties], "parties")
    for index, party in enumerate(terms.parties):
        try:
            _check_party(party)
        except ServiceError as error:
            raise at_party(error, index) from None


def apply_terms(version: AgreementVersion, terms: Terms, patents, licences) -> None:
    """Replace the rows of a draft ``version`` with ``terms`` (already checked)."""
    version.parties.clear()
    db.session.flush()
    for position, p in enumerate(terms.parties):
        split = p.split.values() if p.split else (None,) * 4
        version.parties.append(AgreementParty(
            position=position, organization_id=p.organization_id, share=p.share,
            patent_fees=p.patent_fees, office_percent=p.office_percent,
            split_inventors=split[0], split_school=split[1], split_office=split[2],
            split_institution=split[3],
            inventors=[AgreementInventor(position=n, name=i.name.strip(), share=i.share,
                                         user_id=i.user_id)
                       for n, i in enumerate(p.inventors)]))
    version.patents = list(patents)
    version.licences = list(licences)
    db.session.flush()


def _number(value) -> str | None:
    """A percentage as canonical text: no trailing zeros, no exponent (50.00 → "50")."""
    if value is None:
        return None
    text = format(Decimal(value).normalize(), "f")
    return text


def _money(value) -> str | None:
    return None if value is None else str(as_amount(Decimal(value)))


def canonical_content(version: AgreementVersion, title: str) -> dict:
    """The version's terms as plain JSON values, the same for the same terms whatever the
    database returns (Decimals as canonical text, rows in their order)."""
    return {
        "agreement": version.agreement_id, "version": version.number, "title": title,
        "parties": [{
            "organization": p.organization_id, "name": p.organization.name_zh,
            "uscc": p.organization.uscc, "share": _number(p.share),
            "patent_fees": _money(p.patent_fees), "office_percent": _number(p.office_percent),
            "internal_split": None if p.split_inventors is None else {
                "inventors": _number(p.split_inventors), "school": _number(p.split_school),
                "office": _number(p.split_office),
                "institution": _number(p.split_institution)},
            "inventors": [{"name": i.name, "user": i.user_id, "share": _number(i.share)}
                          for i in p.inventors],
        } for p in version.parties],
        "patents": sorted(p.application_number for p in version.patents),
        "licences": sorted(lic.reference for lic in version.licences),
    }


def content_hash(content: dict) -> str:
    """SHA-256 (hex) of ``content`` as canonical JSON: sorted keys, no spaces, UTF-8."""
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_shares(patents: Iterable) -> list[tuple[int, Decimal]]:
    """Co-owners' default shares: each platform organisation's mean ownership share over
    ``patents``, scaled so the shares sum to 100 with two decimals (largest remainder on
    hundredths of a percent, ties in order of appearance). [(organization_id, percent)]."""
    weights: dict[int, Decimal] = {}
    for patent in patents:
        for owner in patent.owners:
            if owner.organization_id is not None:
                weights[owner.organization_id] = weights.get(owner.organization_id,
                                                             Decimal(0)) + owner.share
    if not weights:
        raise ServiceError(_l("None of the owners of these patents is on the platform: name "
                              "the parties and their shares."), field="parties")
    basis_points = largest_remainder(10000, list(weights.values()))
    return [(org_id, Decimal(bp).scaleb(-2)) for org_id, bp in zip(weights, basis_points,
                                                                    strict=True)]


@dataclass(frozen=True)
class PartyCheck:
    """A party whose inventors' part falls below a floor; ``binding``: the floor binds it
    even against its own agreement (a state-founded university or research institute)."""

    party: AgreementParty
    shortfalls: list[sharing_rules.Shortfall]
    binding: bool


def policy() -> list[sharing_rules.PolicyRule]:
    """The policy table's rows as sharing_rules.PolicyRule values, in table order."""
    rows = db.session.scalars(select(PolicyRule).order_by(PolicyRule.id)).all()
    return [row.as_rule() for row in rows]


def _text_for(patent, rule: sharing_rules.TextRule) -> str:
    try:
        return sharing_rules.applicable_text(rule, patent.filing_date, patent.grant_date, None)
    except ValidationError:
        return sharing_rules.TEXT_2023  # a date the rule needs is missing: the text in force


def rules_for_version(version: AgreementVersion, on: date | None = None) -> list:
    """The policy rows that bind the version's patents (and its licences' patents): for
    each, the rows of the Regulations' text that applies to it (the configurable rule,
    policy.text_rule) and the 2015 law's rows in force ``on``."""
    on = on or date.today()
    rows = policy()
    rule = text_rule()
    patents = {p.id: p for p in version.patents}
    for licence in version.licences:
        patents.update({p.id: p for p in licence.patents})
    if not patents:
        return [r for r in rows if r.text_version is None and r.in_force(on)]
    keys = set()
    for patent in patents.values():
        keys |= {r.key for r in sharing_rules.rules_for(rows, _text_for(patent, rule),
                                                        patent.kind.value, on)}
    return [r for r in rows if r.key in keys]


def check_floors(version: AgreementVersion,
                 example_amount: Decimal = EXAMPLE_AMOUNT) -> list[PartyCheck]:
    """The parties whose inventors' part of the net income (their internal split) is below
    a floor that binds the version's patents, with each shortfall in yuan on
    ``example_amount``. Parties without an internal split leave it to the floor."""
    rules = rules_for_version(version)
    checks = []
    for party in version.parties:
        if party.split_inventors is None:
            continue
        terms = sharing_rules.InventorTerms(licence_income=Decimal(party.split_inventors))
        shortfalls = sharing_rules.check_inventor_share(terms, rules, example_amount)
        if shortfalls:
            org = party.organization
            checks.append(PartyCheck(party, shortfalls, sharing_rules.binds_against_agreement(
                org.sector, org.state_funded)))
    return checks
