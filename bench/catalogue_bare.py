"""The baseline for bench/catalogue.py: the catalogue search written as plain SQL in a bare
Flask view, on the same database. For an anonymous visitor (published patents) it runs the
same three steps as the app: count the matches, take the page of ids in filing order, fetch
those rows with their owners, symbols and confirmed alliances; it renders them with a
minimal template (no layout, no translation, no session, no validation).

A term of three characters or more goes through the trigram index (FTS5 MATCH on SQLite,
LIKE served by the pg_trgm index on PostgreSQL), a shorter one through LIKE.

    BENCH_DATABASE_URL=sqlite:///... gunicorn 'bench.catalogue_bare:create_app()'
"""

from __future__ import annotations

import os

from flask import Flask, request
from sqlalchemy import bindparam, create_engine, text

TEMPLATE = """<p>{{ total }}</p><ul>{% for p in rows %}<li><a href="/patents/{{ p.id }}">
{{ p.title }}</a> {{ p.kind }} {{ p.status }} {{ p.application_number }} {{ p.filing_date }}
{{ p.main_ipc }} {{ owners.get(p.id, [])|join('、') }}
{% for a in tags.get(p.id, []) %}<span>{{ a }}</span>{% endfor %}</li>{% endfor %}</ul>"""


def where_clause(args, dialect: str) -> tuple[str, dict]:
    """The WHERE of the search for an anonymous visitor, and its parameters."""
    parts, params = ["p.is_published"], {}
    terms = (args.get("q", "") or "").lower().split()
    for n, term in enumerate(terms):
        key = f"t{n}"
        if dialect == "sqlite" and len(term) >= 3:
            parts.append(f"p.id IN (SELECT rowid FROM patent_fts WHERE patent_fts MATCH :{key})")
            params[key] = '"' + term.replace('"', '""') + '"'
        else:
            escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            parts.append(f"p.search_text LIKE :{key} ESCAPE '\\'")
            params[key] = f"%{escaped}%"
    for name in ("kind", "status"):
        if args.get(name):
            parts.append(f"p.{name} = :{name}")
            params[name] = args[name]
    if args.get("ipc"):
        parts.append("EXISTS (SELECT 1 FROM patent_ipc i WHERE i.patent_id = p.id "
                     "AND i.subclass = :ipc)")
        params["ipc"] = args["ipc"].upper()
    if args.get("alliance"):
        parts.append("EXISTS (SELECT 1 FROM patent_tag t JOIN alliance a ON a.id = "
                     "t.alliance_id WHERE t.patent_id = p.id AND a.code = :alliance)")
        params["alliance"] = args["alliance"]
    return " AND ".join(parts), params


def bare_app(url: str) -> Flask:
    """The baseline view at /patents/ (the arguments q, kind, status, ipc, alliance, page)."""
    engine = create_engine(url)
    app = Flask("bare")
    template = app.jinja_env.from_string(TEMPLATE)
    dialect = engine.dialect.name
    ids_param = bindparam("ids", expanding=True)
    rows_sql = text("SELECT id, title, kind, status, application_number, filing_date, main_ipc "
                    "FROM patent WHERE id IN :ids").bindparams(ids_param)
    owners_sql = text("SELECT patent_id, name FROM patent_owner WHERE patent_id IN :ids "
                      "ORDER BY patent_id, position").bindparams(ids_param)
    tags_sql = text("SELECT t.patent_id, a.name_zh FROM patent_tag t JOIN alliance a ON "
                    "a.id = t.alliance_id WHERE t.patent_id IN :ids AND t.source = 'confirmed'"
                    ).bindparams(ids_param)

    @app.route("/patents/")
    def catalogue():
        where, params = where_clause(request.args, dialect)
        page = int(request.args.get("page", 1))
        with engine.connect() as conn:
            total = conn.execute(text(f"SELECT count(*) FROM patent p WHERE {where}"),
                                 params).scalar()
            ids = conn.execute(text(
                f"SELECT p.id FROM patent p WHERE {where} ORDER BY p.filing_date DESC, p.id DESC "
                f"LIMIT 20 OFFSET {(page - 1) * 20}"), params).scalars().all()
            rows, owners, tags = [], {}, {}
            if ids:
                by_id = {r.id: r for r in conn.execute(rows_sql, {"ids": ids})}
                rows = [by_id[i] for i in ids]
                for patent_id, name in conn.execute(owners_sql, {"ids": ids}):
                    owners.setdefault(patent_id, []).append(name)
                for patent_id, name in conn.execute(tags_sql, {"ids": ids}):
                    tags.setdefault(patent_id, []).append(name)
        return template.render(total=total, rows=rows, owners=owners, tags=tags)

    @app.route("/")
    def ready():
        return "ok"

    return app


def create_app() -> Flask:
    return bare_app(os.environ["BENCH_DATABASE_URL"])
