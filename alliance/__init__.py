"""The Jilin strategic-emerging-industry IP alliance platform."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

from .config import INSTANCE_DIR, PROJECT_ROOT, build_config


def create_app(config: dict | None = None) -> Flask:
    """Application factory: settings from the environment, overridden by ``config``."""
    app = Flask(
        __name__,
        instance_path=str(INSTANCE_DIR),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.update(build_config())
    if config:
        app.config.update(config)
    register_logging(app)
    register_extensions(app)
    register_blueprints(app)
    register_cli(app)
    register_errors(app)
    register_security(app)
    return app


def register_logging(app: Flask) -> None:
    from . import request_log

    request_log.configure(app)


def register_extensions(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from . import assets, caching, i18n, mailer
    from .extensions import bootstrap, csrf, db, limiter, login_manager, mail, migrate
    from .models import AnonymousUser, User

    db.init_app(app)
    with app.app_context():
        enforce_sqlite_foreign_keys(db.engine)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"),
                     render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    limiter.init_app(app)
    bootstrap.init_app(app)
    i18n.init_app(app)
    assets.init_app(app)
    caching.init_app(app)
    if not app.config.get("MAIL_BACKEND"):
        app.config["MAIL_BACKEND"] = "smtp" if app.config.get("MAIL_SERVER") \
            else mailer.LOG_BACKEND
    mail.init_app(app)
    mailer.init_app(app)

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "warning"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.anonymous_user = AnonymousUser
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(session_id: str):
        """The user of this cookie, only while its server-side session is live."""
        from .services import sessions

        user = User.from_session_id(session_id)
        return user if user is not None and sessions.check(user) else None


def enforce_sqlite_foreign_keys(engine) -> None:
    """SQLite ignores foreign keys unless asked on every connection."""
    if engine.dialect.name != "sqlite":
        return
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


class DatabaseId(IntegerConverter):
    """``<int:...>`` in URLs, bounded to what an INTEGER column holds, so a huge number is a
    404 rather than a database error."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


def register_blueprints(app: Flask) -> None:
    app.url_map.converters["int"] = DatabaseId
    from .blueprints.admin.views import bp as admin_bp
    from .blueprints.alliances.views import bp as alliances_bp
    from .blueprints.api.views import bp as api_bp
    from .blueprints.auth.views import bp as auth_bp
    from .blueprints.dashboards import bp as dashboards_bp
    from .blueprints.licensing import bp as licensing_bp
    from .blueprints.main.views import bp as main_bp
    from .blueprints.needs import bp as needs_bp
    from .blueprints.network.views import bp as network_bp
    from .blueprints.notices import bp as notices_bp
    from .blueprints.notifications.views import bp as notifications_bp
    from .blueprints.orgs.views import bp as orgs_bp
    from .blueprints.patents import bp as patents_bp
    from .blueprints.pools import bp as pools_bp
    from .blueprints.sharing import bp as sharing_bp
    from .blueprints.statements import bp as statements_bp
    from .blueprints.warnings.views import bp as warnings_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(alliances_bp, url_prefix="/alliances")
    app.register_blueprint(orgs_bp, url_prefix="/organisations")
    app.register_blueprint(patents_bp, url_prefix="/patents")
    app.register_blueprint(licensing_bp, url_prefix="/licensing")
    app.register_blueprint(sharing_bp, url_prefix="/sharing")
    app.register_blueprint(statements_bp, url_prefix="/statements")
    app.register_blueprint(pools_bp, url_prefix="/pools")
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(api_bp, url_prefix="/api")
    app.register_blueprint(notifications_bp, url_prefix="/notifications")
    app.register_blueprint(network_bp, url_prefix="/network")
    app.register_blueprint(needs_bp, url_prefix="/needs")
    app.register_blueprint(notices_bp, url_prefix="/notices")
    app.register_blueprint(warnings_bp, url_prefix="/warnings")
    app.register_blueprint(dashboards_bp)


def register_cli(app: Flask) -> None:
    from .cli import register

    register(app)


def register_errors(app: Flask) -> None:
    from .errors import register

    register(app)


def register_security(app: Flask) -> None:
    from .security import register

    register(app)
