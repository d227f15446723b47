"""The baseline for bench/pages.py: bare Flask views that query the same rows as the app's
pages from the same database with plain SQLAlchemy and render them with a minimal Jinja
template (the columns the page shows; no layout, no translation, no session).

    BENCH_DATABASE_URL=sqlite:///... gunicorn 'bench.bare:create_app()'
"""

from __future__ import annotations

import os

from flask import Flask
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

TEMPLATES = {
    "home": """<h1>Alliances</h1><ul>{% for a, n in rows %}
<li><a href="/alliances/{{ a.code }}">{{ a.name_zh }}</a> {{ n }}</li>{% endfor %}</ul>""",
    "alliance_index": """<table>{% for a in alliances %}<tr><th>{{ a.name_zh }}</th>
{% for s in sectors %}<td>{{ counts.get((a.id, s), 0) }}</td>{% endfor %}</tr>{% endfor %}
</table>""",
    "alliance_detail": """<h1>{{ alliance.name_zh }}</h1><ul>{% for m, o in rows %}
<li><a href="/organisations/{{ o.id }}">{{ o.name_zh }}</a>{% if o.is_demo %} demo{% endif %}
<span>{{ sectors[o.sector.value] }}{% if m.role.value != 'member' %} {{ m.role.value }}
{% endif %}</span></li>{% endfor %}</ul>""",
    "organisation": """<h1>{{ org.name_zh }}</h1><dl><dt>sector</dt><dd>{{ org.sector.value }}
</dd><dt>uscc</dt><dd>{{ org.uscc or '' }}</dd><dt>region</dt><dd>{{ org.region }}</dd></dl>
<ul>{% for m, a in rows %}<li><a href="/alliances/{{ a.code }}">{{ a.name_zh }}</a>
{{ m.role.value }} {{ m.status.value }}</li>{% endfor %}</ul>""",
}



def bare_app(url: str) -> Flask:
    """The baseline: the same rows, queried and rendered with nothing else."""
    from alliance.models import Alliance, Membership, MembershipStatus, Organization, Sector

    engine = create_engine(url)
    app = Flask("bare")
    compiled = {name: app.jinja_env.from_string(source) for name, source in TEMPLATES.items()}

    def render(name, **context):
        return compiled[name].render(**context)
    sector_names = {s.value: s.value.replace("_", " ") for s in Sector}
    active = Membership.status == MembershipStatus.ACTIVE

    @app.route("/")
    def home():
        with Session(engine) as session:
            rows = session.execute(
                select(Alliance, func.count(Membership.id)).outerjoin(
                    Membership, (Membership.alliance_id == Alliance.id) & active)
                .group_by(Alliance.id).order_by(Alliance.position)).all()
            return render("home", rows=rows)

    @app.route("/alliances/")
    def alliance_index():
        with Session(engine) as session:
            alliances = session.scalars(select(Alliance).order_by(Alliance.position)).all()
            counts = {(a, s): n for a, s, n in session.execute(
                select(Membership.alliance_id, Organization.sector, func.count())
                .join(Organization).where(active)
                .group_by(Membership.alliance_id, Organization.sector))}
            return render("alliance_index", alliances=alliances,
                                          counts=counts, sectors=list(Sector))

    @app.route("/alliances/<code>")
    def alliance_detail(code):
        with Session(engine) as session:
            alliance = session.scalars(select(Alliance).filter_by(code=code)).one()
            rows = session.execute(
                select(Membership, Organization).join(Organization)
                .where(Membership.alliance_id == alliance.id, active)
                .order_by(Membership.role, Organization.name_sort).limit(50)).all()
            return render("alliance_detail", alliance=alliance,
                                          rows=rows, sectors=sector_names)

    @app.route("/organisations/<int:org_id>")
    def organisation(org_id):
        with Session(engine) as session:
            org = session.get(Organization, org_id)
            rows = session.execute(select(Membership, Alliance).join(Alliance)
                                   .where(Membership.organization_id == org.id, active)).all()
            return render("organisation", org=org, rows=rows)

    return app



def create_app() -> Flask:
    return bare_app(os.environ["BENCH_DATABASE_URL"])
