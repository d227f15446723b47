"""Demo listings, open licences, licence requests and licences on the generated patents,
made through the platform's own services with the demo users as actors, so that the audit
trail, the negotiation history and the notifications are the real ones.

The story: the top university (university-admin) lists patents, alone and as a portfolio,
and some co-owned ones (one waiting for a co-owner's consent, one consented by the top
firm); it declares open licences on three granted inventions. The top firm (firm-admin)
requests licences that end in each state of the negotiation, and obtains one licence by
open-licence notice. One licence is registered (备案); one, recorded as signed ten weeks
ago, has its registration due within the month.

Created once: when the university already has a demo listing, nothing is done. Dates
follow the day of loading (the services date what they do today).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..mailer import OUTBOX
from ..models import Organization, Patent, PatentKind, PatentStatus
from ..models.listings import LicenceKind, Listing, RoyaltyKind
from ..services import licence_requests as requests
from ..services import licences, listings, open_licences
from ..services.royalty_terms import Royalty
from .rules import DemoNetwork

UNIVERSITY_LOGIN = "university-admin@example.org"
FIRM_LOGIN = "firm-admin@example.org"
MARK = "（演示数据）"
REGISTRATION_PREFIX = "DEMO-"  # not a CNIPA number: a demo registration is marked as such
SIGNED_DAYS_AGO = 70  # the licence whose registration falls due within the month
OPEN_LICENCES = 3

NON_EXCLUSIVE = frozenset({LicenceKind.NON_EXCLUSIVE})
ALL_KINDS = frozenset(LicenceKind)


def _yuan(amount: str) -> Decimal:
    return Decimal(amount)


#: (listing key, licence kinds offered, royalty offered) of the university's own patents;
#: the request that ends in each state is made on the listing of the same key
OWN_LISTINGS = (
    ("portfolio", ALL_KINDS, Royalty(RoyaltyKind.ENTRY_PLUS_RUNNING, entry_fee=_yuan("500000"),
                                     running_rate=_yuan("3.5"))),
    ("submitted", NON_EXCLUSIVE, Royalty(RoyaltyKind.LUMP_SUM, lump_sum=_yuan("200000"))),
    ("under_review", ALL_KINDS, Royalty(RoyaltyKind.RUNNING_PERCENT, running_rate=_yuan("2.5"))),
    ("countered", ALL_KINDS, Royalty(RoyaltyKind.RUNNING_PERCENT, running_rate=_yuan("3"))),
    ("revised", ALL_KINDS, Royalty(RoyaltyKind.RUNNING_PER_UNIT, per_unit=_yuan("1.20"))),
    ("rejected", NON_EXCLUSIVE, Royalty()),  # price on request
    ("withdrawn", NON_EXCLUSIVE, Royalty(RoyaltyKind.MILESTONES,
                                         milestones="样机验收后付30万元；量产后付50万元")),
    ("licensed", NON_EXCLUSIVE, Royalty(RoyaltyKind.LUMP_SUM, lump_sum=_yuan("150000"))),
)


def _terms(kind: LicenceKind, royalty: Royalty, years: int = 3) -> requests.Proposal:
    today = date.today()
    return requests.Proposal(kind=kind, field_of_use="家用电器", territory="广东省",
                             start_date=today, end_date=licences.add_months(today, 12 * years),
                             royalty=royalty)


def _demo_patents(org_id: int) -> list[Patent]:
    """The demo patents the organisation owns (alone or with others), by number."""
    return list(db.session.scalars(
        select(Patent).where(Patent.is_demo.is_(True), Patent.owners.any(organization_id=org_id))
        .options(selectinload(Patent.owners)).order_by(Patent.application_number)))


def _listable(patent: Patent) -> bool:
    return patent.is_published and patent.status in listings.LISTABLE


def _granted_invention(patent: Patent, until: date) -> bool:
    return patent.status is PatentStatus.GRANTED and patent.kind is PatentKind.INVENTION \
        and patent.expiry_date is not None and patent.expiry_date > until


class Story:
    """The actors, their organisations and what was created (for the summary)."""

    def __init__(self, university_admin, firm_admin, university, firm, summary) -> None:
        self.u, self.f = university_admin, firm_admin
        self.university, self.firm = university, firm
        self.summary = summary
        owned = _demo_patents(university.id)
        self.solo = [p for p in owned if p.owner_org_ids == {university.id}]
        self.shared = [p for p in owned if len(p.owner_org_ids) > 1]

    def enough(self) -> bool:
        """Whether the university's own patents suffice for the story (they do with the
        fixed seed; a database holding other records may change the draw)."""
        end = licences.add_months(date.today(), 36)
        needed = OPEN_LICENCES + len(OWN_LISTINGS) + 2 + 1  # the portfolio has 3, then 1
        return sum(_granted_invention(p, end) for p in self.solo) >= OPEN_LICENCES \
            and sum(_listable(p) for p in self.solo) >= needed

    def take(self, test) -> Patent:
        """The first unused solo patent that passes ``test`` (removed from the pool)."""
        patent = next(p for p in self.solo if test(p))
        self.solo.remove(patent)
        return patent

    def listing(self, key: str, patents: list[Patent], kinds, royalty: Royalty) -> Listing:
        """The university lists ``patents`` (the portfolio allows sublicensing)."""
        name = "、".join(p.title for p in patents[:2]) + ("等专利组合" if len(patents) > 1 else "")
        offer = listings.Offer(
            title=f"{MARK}{name}"[:300], kinds=kinds, sublicensing_allowed=key == "portfolio",
            description=f"{MARK}{self.university.name}技术转移中心挂牌许可。", term_months=36,
            price_shown=royalty.kind is not None, contact=self.u.email)
        listing = listings.create_listing(self.u, self.university, patents, offer, royalty)
        listing.is_demo = True
        self.summary.listings += 1
        return listing

    def request(self, listing: Listing, proposal: requests.Proposal, message: str):
        """The firm's request on ``listing``, submitted at once."""
        req = requests.create_request(self.f, listing, proposal, "用于家用电器产品的研发与生产。",
                                      MARK + message)
        req.is_demo = True
        self.summary.licence_requests += 1
        return req

    def licence(self, licence) -> None:
        """Mark a licence made by a service as demo data and count it."""
        licence.is_demo = True
        self.summary.licences += 1


def _negotiate(story: Story, key: str, listing: Listing) -> None:
    """Take the firm's request on ``listing`` to the state named ``key``."""
    kind = LicenceKind.EXCLUSIVE if LicenceKind.EXCLUSIVE in listing.offered_kinds \
        else LicenceKind.NON_EXCLUSIVE
    offered = listings_royalty(listing)
    ask = _terms(kind, offered if offered.kind else Royalty(RoyaltyKind.LUMP_SUM,
                                                             lump_sum=_yuan("100000")))
    req = story.request(listing, ask, "我司希望获得该专利的许可，请贵方审阅。")
    u, f = story.u, story.f
    if key == "under_review":
        requests.start_review(u, req)
    elif key in ("countered", "revised", "portfolio"):
        requests.start_review(u, req)
        higher = Royalty(RoyaltyKind.ENTRY_PLUS_RUNNING, entry_fee=_yuan("600000"),
                         running_rate=_yuan("4"), minimum_annual=_yuan("100000"))
        requests.counter(u, req, _terms(kind, higher),
                         MARK + "独占许可需提高入门费并约定最低年费。")
        if key == "revised":
            middle = Royalty(RoyaltyKind.ENTRY_PLUS_RUNNING, entry_fee=_yuan("450000"),
                             running_rate=_yuan("3.5"), minimum_annual=_yuan("80000"))
            requests.revise(f, req, _terms(kind, middle), MARK + "建议入门费45万元、提成3.5%。")
        if key == "portfolio":
            story.licence(requests.accept(f, req, MARK + "接受贵方条件。"))
            licences.register(u, req.licence, f"{REGISTRATION_PREFIX}{date.today():%Y}440000001",
                              date.today())
    elif key == "rejected":
        requests.reject(u, req, MARK + "该专利已有意向受让方，暂不许可。")
    elif key == "withdrawn":
        requests.withdraw(f, req, MARK + "我司产品方案调整，撤回申请。")
    elif key == "licensed":
        story.licence(requests.accept(u, req, MARK + "同意许可。"))


def listings_royalty(listing: Listing) -> Royalty:
    """The royalty a listing offers (its kind is None when the price is on request)."""
    return Royalty.of(listing)


def _consents(story: Story) -> None:
    """A co-owned listing awaiting another co-owner's consent, and one the firm consents to."""
    with_firm = [p for p in story.shared if p.owner_org_ids == {story.university.id,
                                                                story.firm.id} and _listable(p)]
    others = [p for p in story.shared if story.firm.id not in p.owner_org_ids and _listable(p)]
    if others:
        story.listing("consent_pending", others[:2], NON_EXCLUSIVE,
                      Royalty(RoyaltyKind.LUMP_SUM, lump_sum=_yuan("80000")))
    if with_firm:
        listing = story.listing("consent_given", with_firm[:1], NON_EXCLUSIVE,
                                Royalty(RoyaltyKind.RUNNING_PERCENT, running_rate=_yuan("2")))
        listings.decide_consent(story.f, listing, give=True)


def _open_licences(story: Story, licensee_of_notice: Organization) -> None:
    """Open licences on granted inventions; the firm obtains a licence on the first."""
    today = date.today()
    end = licences.add_months(today, 36)
    for number in range(OPEN_LICENCES):
        patent = story.take(lambda p: _granted_invention(p, end))
        declaration = open_licences.Declaration(
            fee_method="按年度固定费用", fee_standard="每年人民币5万元，许可期内每年1月31日前支付",
            royalty=Royalty(RoyaltyKind.LUMP_SUM, lump_sum=_yuan("50000")), term_start=today,
            term_end=end)
        offer = open_licences.declare(story.u, patent, declaration)
        story.summary.open_licences += 1
        if number == 0:
            story.licence(open_licences.obtain(story.f, offer, licensee_of_notice))


def _signed_earlier(story: Story, licensee: Organization) -> None:
    """A licence signed ten weeks ago and recorded now: its 备案 falls due within the month."""
    signed = date.today() - timedelta(days=SIGNED_DAYS_AGO)
    patent = story.take(_listable)
    story.licence(licences.grant_licence(
        story.u, licensor=story.university, licensee=licensee, patents=[patent],
        kind=LicenceKind.NON_EXCLUSIVE, field_of_use="", territory="广东省", start=signed,
        end=licences.add_months(signed, 24),
        royalty=Royalty(RoyaltyKind.LUMP_SUM, lump_sum=_yuan("60000")), effective=signed))


def load_licensing(network: DemoNetwork, org_ids: dict[int, int], users: dict, summary) -> None:
    """Create the demo licensing records (see the module doc) unless they exist, or the demo
    accounts are not the demo's (an existing account keeps its organisation)."""
    u, f = users.get(UNIVERSITY_LOGIN), users.get(FIRM_LOGIN)
    university = db.session.get(Organization, org_ids[network.top("university").node])
    firm = db.session.get(Organization, org_ids[network.top("firm").node])
    if u is None or f is None or not (u.is_demo and f.is_demo and university.is_demo
                                      and firm.is_demo and u.organization_id == university.id
                                      and f.organization_id == firm.id):
        return
    if db.session.scalar(select(Listing.id).where(Listing.is_demo.is_(True),
                                                  Listing.organization_id == university.id)):
        return
    story = Story(u, f, university, firm, summary)
    if not story.enough():
        return
    _open_licences(story, firm)  # first: they need granted inventions, listings any patent
    for key, kinds, royalty in OWN_LISTINGS:
        count = 3 if key == "portfolio" else 1
        patents = [story.take(_listable) for _ in range(count)]
        _negotiate(story, key, story.listing(key, patents, kinds, royalty))
    _consents(story)
    _signed_earlier(story, firm)
    _drop_demo_mail(users)


def _drop_demo_mail(users: dict) -> None:
    """The demo accounts' addresses are example.org: mail queued for them is not sent."""
    demo = {user.email for user in users.values()}
    outbox = db.session.info.get(OUTBOX, [])
    outbox[:] = [item for item in outbox if not set(item.message.to) <= demo]
