"""What Alembic's autogenerate compares: everything the models describe, but the catalogue's
search index, made by hand in migration 0007_patents (SQLite's FTS5 tables, PostgreSQL's
trigram index), which no model describes."""


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic's ``include_object`` hook."""
    if type_ == "table" and name.startswith("patent_fts"):
        return False
    return not (type_ == "index" and name == "ix_patent_search_trgm")
