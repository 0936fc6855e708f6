"""Translations (vertalingen) of trajectkit's own texts: gettext catalogs managed with Babel.

English is the source language: the messages in the code and the templates are English,
and ``locale/<language>/LC_MESSAGES/trajectkit.po`` holds their translation. There are no
compiled ``.mo`` files in the tree: the first use of a language reads its ``.po`` with
Babel and compiles it in memory (cached), so a fresh install or a source checkout speaks
Dutch without a build step, and a ``.po`` edit takes effect on the next run. Fuzzy
entries are left out, as ``msgfmt`` does.

The words of the learning plan (``templates/i18n/<language>.yaml``) stay in the
templates folder, which a school may copy and edit (``--templates``); everything else a
person reads goes through :func:`gettext`.

Which language: :func:`document_language` for a document (``--lang``, else the
configuration's ``language:``, else the learners', else the locale) and
:func:`terminal_language` for messages and ``--help`` (``TRAJECTKIT_LANG``, else the
configuration, else ``LC_ALL``, ``LC_MESSAGES``, ``LANG``; English when unknown); ``--lang``
wins over both for the run it is given to.
"""

from __future__ import annotations

import gettext as _gettext
import io
import os
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path

LANGUAGES = ("nl", "en")
SOURCE_LANGUAGE = "en"
DOMAIN = "trajectkit"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
#: The environment variable that chooses the language of the terminal, whatever the locale.
LANGUAGE_VARIABLE = "TRAJECTKIT_LANG"

_current = SOURCE_LANGUAGE
#: Asked for the language when the first message is looked up, unless one was set first.
_pending: Callable[[], str | None] | None = None


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """The compiled catalog of ``language``; the messages themselves for English."""
    path = po_path(language)
    if language == SOURCE_LANGUAGE or not path.is_file():
        return _gettext.NullTranslations()  # without importing Babel: `--version` stays quick
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with path.open("rb") as file:
        catalog = read_po(file, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def language_of_locale(environ: Mapping[str, str] | None = None) -> str | None:
    """``nl`` or ``en`` from ``LC_ALL``, ``LC_MESSAGES`` or ``LANG`` (the first one set,
    as gettext reads them), or ``None`` for ``C``, ``POSIX`` and other languages."""
    env = os.environ if environ is None else environ
    for name in _LOCALE_VARIABLES:
        value = env.get(name)
        if value:
            language = value.split(".")[0].split("_")[0].split("-")[0].lower()
            return language if language in LANGUAGES else None
    return None


def terminal_language(configured: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language of terminal messages and ``--help``: ``TRAJECTKIT_LANG``, else the
    configuration's, else the locale's, else English."""
    env = os.environ if environ is None else environ
    chosen = env.get(LANGUAGE_VARIABLE, "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    return configured or language_of_locale(env) or SOURCE_LANGUAGE


def document_language(
    explicit: str | None, configured: str | None, learners: Iterable[str] = (), environ: Mapping[str, str] | None = None
) -> str:
    """The language of a document: ``--lang``, else the configuration's ``language:``,
    else the learners' language when they share one, else the locale's, else English."""
    if explicit:
        return explicit
    if configured:
        return configured
    spoken = {language for language in learners if language in LANGUAGES}
    if len(spoken) == 1:
        return spoken.pop()
    return language_of_locale(environ) or SOURCE_LANGUAGE


def set_language(language: str) -> None:
    """Speak ``language`` in the messages of this run (see :func:`terminal_language`)."""
    global _current, _pending
    _pending = None
    _current = language if language in LANGUAGES else SOURCE_LANGUAGE


def set_language_later(find: Callable[[], str | None]) -> None:
    """Speak the language ``find`` returns (if any) once the first message is looked up,
    unless :func:`set_language` comes first: ``--help`` and a usage error speak the
    configured language, and a run that prints nothing never reads the configuration
    for it."""
    global _pending
    _pending = find


def settle_language() -> None:
    """The run's configuration is read and names no language: drop what
    :func:`set_language_later` would look up, and speak on as now."""
    global _pending
    _pending = None


def current_language() -> str:
    global _pending
    if _pending is not None:
        find, _pending = _pending, None
        found = find()
        if found is not None:
            set_language(found)
    return _current


def gettext(message: str) -> str:
    """``message`` in the language of this run."""
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return translations(current_language()).ngettext(singular, plural, count)


_ = gettext


def N_(message: str) -> str:
    """Marks ``message`` for extraction where it is defined; translated where it is used."""
    return message


def in_language(language: str, message: str) -> str:
    """``message`` in ``language``, whatever the run speaks (documents, sheets)."""
    return translations(language).gettext(message)


def every_translation(message: str) -> frozenset[str]:
    """``message`` in every language: what an import accepts back (a sheet's headers)."""
    return frozenset(in_language(language, message) for language in LANGUAGES)


def reader_language(explicit: str | None, configured: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The language of the person running the command, for what they edit themselves (a
    spreadsheet, the CSV delimiter their Excel expects): ``--lang``, else ``language:``,
    else the locale, else English. Learners' languages do not count here."""
    return document_language(explicit, configured, (), environ)
