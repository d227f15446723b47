"""Exit 0 when the PostgreSQL server at the given SQLAlchemy URL accepts connections."""

import sys

from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from alliance.config import normalize_database_url


def main(url: str) -> int:
    engine = create_engine(normalize_database_url(url), connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as error:
        print(f"not reachable: {error.orig}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
