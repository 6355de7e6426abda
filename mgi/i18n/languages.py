"""The language registry: which languages mgi speaks, found from the catalogues present.

A language is a folder under ``data/i18n/`` (``en/``, ``sq/``) or under a folder named in
``MGI_I18N_PATH``. Its optional ``language.toml`` says which CLDR locale formats its numbers and
dates (``locale = "sq_AL"``) and may name it; otherwise the names come from the CLDR data that
Babel ships. No list of languages is written in code.

Examples
--------
>>> sorted(languages())
['en', 'sq']
>>> language("sq").name, language("sq").english_name, language("sq").tag
('shqip', 'Albanian', 'sq-AL')
>>> language("SQ-al").code
'sq'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mgi.i18n._store import Store, default_store
from mgi.i18n.fallback import UnknownLanguageError

if TYPE_CHECKING:
    from babel import Locale


@dataclass(frozen=True)
class Language:
    """One language mgi can write in.

    Parameters
    ----------
    code
        The folder name and the value of ``--lang`` (``en``, ``sq``).
    locale
        The CLDR locale that formats numbers and dates (``en_GB``, ``sq_AL``).
    name
        The language's own name (``shqip``), for a language menu.
    english_name
        Its English name (``Albanian``).
    is_source
        Whether it is the language the interface strings are written in (English).
    """

    code: str
    locale: str
    name: str
    english_name: str
    is_source: bool = False

    @property
    def tag(self) -> str:
        """The BCP 47 tag for HTML ``lang`` and Word's proofing language (``sq-AL``)."""
        return self.locale.replace("_", "-")

    def babel_locale(self) -> Locale:
        """The Babel :class:`~babel.Locale` (imports Babel on first use)."""
        from babel import Locale

        return Locale.parse(self.locale)


def _build(store: Store, code: str) -> Language:
    from babel import Locale, UnknownLocaleError

    settings = store.language_settings(code)
    locale_id = str(settings.get("locale", code))
    try:
        locale = Locale.parse(locale_id)
    except (UnknownLocaleError, ValueError) as exc:
        from mgi.i18n._store import CatalogueError

        raise CatalogueError(
            f'The language folder "{code}" names the locale "{locale_id}", which is not a CLDR '
            "locale. Write a code such as it, it_IT, el_GR or de_DE in its language.toml.",
            path=store.language_folders[code] / "language.toml",
        ) from exc
    name = str(settings.get("name") or locale.get_language_name(locale) or code)
    english = str(settings.get("english_name") or locale.get_language_name("en") or code)
    return Language(code, str(locale), name, english, code == store.source_language)


def languages(store: Store | None = None) -> dict[str, Language]:
    """Every language with a catalogue, by code (the source language first).

    Parameters
    ----------
    store
        The catalogues to look in (default: the bundled ones plus ``MGI_I18N_PATH``).
    """
    store = store or default_store()
    key = "languages"
    if key not in store._cache:
        codes = list(store.language_folders)
        if store.source_language not in codes:
            codes.insert(0, store.source_language)
        codes.sort(key=lambda c: (c != store.source_language, c))
        store._cache[key] = {c: _build(store, c) for c in codes}
    return dict(store._cache[key])


def language(code: str | Language, store: Store | None = None) -> Language:
    """The :class:`Language` for a code or tag (``sq``, ``SQ``, ``sq-AL``, ``sq_AL``).

    Raises
    ------
    UnknownLanguageError
        If no catalogue exists for it; the message lists the languages there are.
    """
    if isinstance(code, Language):
        return code
    found = languages(store)
    wanted = str(code).strip().replace("-", "_")
    for candidate in (wanted, wanted.lower(), wanted.split("_")[0].lower()):
        if candidate in found:
            return found[candidate]
    for lang in found.values():
        if lang.locale.lower() == wanted.lower():
            return lang
    listed = ", ".join(f"{c} ({lang.english_name})" for c, lang in found.items())
    raise UnknownLanguageError(
        f'The language "{code}" is not available. Use one of: {listed}. '
        "A new language is added as a folder of catalogues (see data/i18n/README.md)."
    )


def source_language(store: Store | None = None) -> Language:
    """The language the interface strings are written in (English)."""
    store = store or default_store()
    return language(store.source_language, store)
