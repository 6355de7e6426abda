"""Albanian, English and any further language: every text a person reads, from catalogues.

The package is a thin reader of data in ``data/i18n/`` (see ``data/i18n/README.md``):

* :func:`text` — interface strings (messages, headers, chart titles and axes, captions,
  instructions, terminal summaries) from gettext catalogues, by stable key;
* :func:`label` — the label dictionary: a readable name, a unit and a kind of value for every
  field a person reads (``p_top10`` → "P(top 10)" / "P(10 më të lartat)");
* :func:`format_value`, :func:`excel_format`, :func:`format_date` — one number format per kind
  of value (score 0.0, change +0.0, probability 0%, multi-criteria score 0.000, weight 0.00), in
  each language's own way of writing numbers (CLDR data through Babel);
* :func:`content` — the methodology's tables (GCM objectives, guiding principles, SDG 10.7.2
  items, stakeholder groups, criteria, bands, answer options) by code, each text carrying whether
  it is official or an unofficial translation;
* :func:`languages` — the languages there are, found from the catalogues present: a third
  language is added as a folder of catalogues, not code;
* :func:`using` and :func:`current_language` — the language of the work in progress (a run, a
  command), in which problem messages (:mod:`mgi.catalogue`) are written;
  :mod:`mgi.i18n.issues` writes an issue again in any language.

A text missing in a language falls back to English with a :class:`MissingTranslationWarning`,
recorded by :func:`recording`; the test suite turns that warning into an error.

Examples
--------
>>> from mgi.i18n import text, label, format_value, content
>>> text("cli.demo.outputs", "sq")
'Skedarët e krijuar:'
>>> str(label("share_answered", "sq")), format_value("share", 0.95, "sq")
('Pjesa e përgjigjur', '95%')
>>> content("guiding_principles", "i", "name", "sq")
'Qasja gjithëqeveritare'
"""

from __future__ import annotations

from mgi.i18n._store import CatalogueError, Store, default_store, reset
from mgi.i18n.content import (
    Content,
    codes,
    content,
    content_table,
    tables,
    translate,
    translations,
    unofficial_notice,
)
from mgi.i18n.context import current_language, using
from mgi.i18n.fallback import (
    FallbackLog,
    MissingTranslationWarning,
    UnknownKeyError,
    UnknownLanguageError,
    recording,
)
from mgi.i18n.labels import Label, field_kind, header, known_fields, label, value_label
from mgi.i18n.languages import Language, language, languages, source_language
from mgi.i18n.messages import every_text, has_text, placeholders, template, text
from mgi.i18n.numbers import (
    NumberKind,
    excel_format,
    format_date,
    format_value,
    kinds,
    number_formatter,
    with_decimal_sign,
)

__all__ = [
    "CatalogueError",
    "Content",
    "FallbackLog",
    "Label",
    "Language",
    "MissingTranslationWarning",
    "NumberKind",
    "Store",
    "UnknownKeyError",
    "UnknownLanguageError",
    "codes",
    "content",
    "content_table",
    "current_language",
    "default_store",
    "every_text",
    "excel_format",
    "field_kind",
    "format_date",
    "format_value",
    "has_text",
    "header",
    "kinds",
    "known_fields",
    "label",
    "language",
    "languages",
    "number_formatter",
    "placeholders",
    "recording",
    "reset",
    "source_language",
    "tables",
    "template",
    "text",
    "translate",
    "translations",
    "unofficial_notice",
    "using",
    "value_label",
    "with_decimal_sign",
]
