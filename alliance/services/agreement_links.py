"""What an agreement's terms point to: its subject (patents, and licences the actor's
organisation grants) and the platform accounts of the parties' inventors."""

from __future__ import annotations

from dataclasses import replace

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..models import User
from ..models.licensing import Licence
from ..models.patents import Patent
from ..models.sharing import AgreementVersion
from . import ServiceError
from .agreement_terms import Contributor, PartyTerms, Terms, at_party

NOT_YOURS = _l("One of the patents or licences does not exist or is not yours to name.")


def licences_to_name(org_id: int, version: AgreementVersion | None = None) -> list[Licence]:
    """The licences an agreement of ``org_id`` may name: those it grants (as licensor), and
    those already named by ``version``."""
    named = list(version.licences) if version is not None else []
    granted = db.session.scalars(select(Licence).where(Licence.licensor_id == org_id)
                                 .order_by(Licence.id))
    return list({lic.id: lic for lic in [*granted, *named]}.values())


def subject(actor, terms: Terms, version: AgreementVersion | None = None):
    """The patents and licences ``terms`` name, as rows. 404 for one that does not exist or
    the actor may not see; 403 for a licence the actor's organisation does not grant (one
    already named by the draft ``version`` may stay)."""
    patents = [db.session.get(Patent, pid) for pid in terms.patent_ids]
    licences = [db.session.get(Licence, lid) for lid in terms.licence_ids]
    if any(p is None or not p.can_view(actor) for p in patents) \
            or any(lic is None or not lic.can_view(actor) for lic in licences):
        raise ServiceError(NOT_YOURS, 404, field="patents")
    kept = {lic.id for lic in version.licences} if version is not None else set()
    if any(lic.licensor_id != actor.organization_id and lic.id not in kept
           for lic in licences):
        raise ServiceError(_l("Only licences your organisation grants can be named."), 403,
                           field="licences")
    return patents, licences


def _members(org_id: int) -> list[User]:
    return list(db.session.scalars(select(User).where(User.organization_id == org_id,
                                                      User.active.is_(True))))


def _link(inventor: Contributor, members: list[User],
          earlier: dict[str, int]) -> Contributor:
    name = inventor.name.strip()
    if inventor.email:
        email = inventor.email.strip().lower()
        match = [u for u in members if u.email.lower() == email]
        if not match:
            raise ServiceError(_l("No active account of this organisation has the email "
                                  "%(email)s (%(name)s).", email=inventor.email, name=name),
                               field="inventors")
        return replace(inventor, user_id=match[0].id, email=None)
    if inventor.user_id is not None:
        if inventor.user_id not in {u.id for u in members}:
            raise ServiceError(_l("%(name)s is not an active account of this organisation.",
                                  name=name), field="inventors")
        return inventor
    if name in earlier and earlier[name] in {u.id for u in members}:
        return replace(inventor, user_id=earlier[name])
    match = [u for u in members if u.name.strip() == name]
    if len(match) > 1:
        raise ServiceError(_l("Several accounts of this organisation are named %(name)s: "
                              "add the email of the right one (name:share:email).",
                              name=name), field="inventors")
    return replace(inventor, user_id=match[0].id if match else None)


def link_inventors(terms: Terms, version: AgreementVersion | None = None) -> Terms:
    """``terms`` with each inventor linked to an active account of the party's organisation:
    the one with the email given; else the one ``version`` linked under the same name; else
    the only account of that name (none: no link). A user of another organisation, an
    unknown email or a name shared by several accounts: 400 at the party's inventors."""
    earlier = {}
    for party in version.parties if version is not None else ():
        earlier[party.organization_id] = {i.name: i.user_id for i in party.inventors
                                          if i.user_id is not None}
    parties = []
    for index, party in enumerate(terms.parties):
        if not party.inventors:
            parties.append(party)
            continue
        members = _members(party.organization_id)
        try:
            inventors = tuple(_link(i, members,
                                    earlier.get(party.organization_id, {}))
                              for i in party.inventors)
        except ServiceError as error:
            raise at_party(error, index) from None
        parties.append(PartyTerms(party.organization_id, party.share, party.patent_fees,
                                  party.office_percent, party.split, inventors))
    return replace(terms, parties=tuple(parties))

