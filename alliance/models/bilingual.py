"""Records named in Chinese and English."""

from __future__ import annotations

from sqlalchemy.orm import Mapped


def is_english() -> bool:
    from ..i18n import current_locale

    locale = current_locale()
    return locale is not None and locale.language == "en"


class Bilingual:
    """Mixin for records named in Chinese and English; ``name`` follows the current language."""

    name_zh: Mapped[str]
    name_en: Mapped[str | None]

    @property
    def name(self) -> str:
        if is_english() and self.name_en:
            return self.name_en
        return self.name_zh
