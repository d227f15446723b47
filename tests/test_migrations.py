"""The migrations build exactly the schema the models describe (autogenerate would find
nothing to add), on the test database: a model change without its migration fails here."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from alliance.extensions import db as _db
from alliance.schema import include_object


def test_the_migrated_schema_matches_the_models(app):
    with app.app_context(), _db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "include_object": include_object, "compare_type": True})
        assert compare_metadata(context, _db.metadata) == []
