"""Entry point: ``gunicorn wsgi:app`` or ``flask --app wsgi ...``."""

from alliance import create_app

app = create_app()
