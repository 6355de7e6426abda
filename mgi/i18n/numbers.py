"""One number format per kind of value, in every language.

The kinds are data (``data/i18n/formats.toml``): a score is written with one decimal, a change
with a sign, a probability as a whole percentage, a multi-criteria score with three decimals, a
weight with two. :func:`format_value` writes a value the way the language writes numbers (CLDR
data through Babel: Albanian has a decimal comma and a space between thousands, ``1 234,5``),
and :func:`excel_format` gives the number format of the same kind for a workbook cell.

Rounding is half away from zero on the shortest decimal form of the number, which is what Excel
and LibreOffice show for a cell, so that a table in the HTML or Word report, a chart label and the
workbook cell show the same digits (57.25 → 57.3 everywhere).

Why the Excel format strings are the same in Albanian and English: an ``.xlsx`` file stores a
format code with ``.`` and ``,`` as placeholders, and Excel or LibreOffice shows it with the
separators of the reader's computer. On a computer set to Albanian the cell shows ``57,3``; the
workbook keeps real numbers that can be summed. A language may still set its own format codes
(dates, for example) in its ``language.toml`` under ``[formats.<kind>]``.

Examples
--------
>>> format_value("score", 57.25, "en"), format_value("score", 57.25, "sq")
('57.3', '57,3')
>>> format_value("change", -1.6667, "sq"), format_value("change", 2.5, "en")
('-1,7', '+2.5')
>>> format_value("probability", 0.976, "sq"), format_value("mcda", 0.71656, "sq")
('98%', '0,717')
>>> format_value("count", 100000, "sq"), format_value("count", 100000, "en")
('100\\xa0000', '100,000')
>>> excel_format("change", "sq"), excel_format("probability", "en")
('+0.0;-0.0;0.0', '0%')
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from numbers import Number
from typing import Any

from mgi.i18n._store import Store, default_store
from mgi.i18n.fallback import UnknownKeyError
from mgi.i18n.languages import Language, language

_NUMBER_PART = re.compile(r"[#0,]*0(?:\.[0#]+)?")


@dataclass(frozen=True)
class NumberKind:
    """How one kind of value is written.

    Parameters
    ----------
    name
        The kind (``score``, ``change``, ``probability``, ``mcda``, ``weight`` …).
    description
        What values of this kind are, for the documentation.
    decimals
        Decimals shown.
    percent
        Whether the value is a share (0.25) shown as a percentage (25%).
    sign
        Whether positive values carry a ``+`` (changes).
    grouping
        Whether thousands are separated (counts; not scores, ranks or years).
    text
        A text column (codes, names): no number format.
    date
        A date column.
    """

    name: str
    description: str = ""
    decimals: int = 0
    percent: bool = False
    sign: bool = False
    grouping: bool = False
    text: bool = False
    date: bool = False


def kinds(store: Store | None = None) -> dict[str, NumberKind]:
    """Every kind of value declared in ``formats.toml``."""
    store = store or default_store()
    key = "number_kinds"
    if key not in store._cache:
        declared = store.formats.get("kinds", {})
        allowed = set(NumberKind.__dataclass_fields__) - {"name"}
        table = {}
        for name, spec in declared.items():
            values = {k: v for k, v in spec.items() if k in allowed}
            table[name] = NumberKind(name=name, **values)
        store._cache[key] = table
    return dict(store._cache[key])


def kind(name: str, store: Store | None = None) -> NumberKind:
    """One :class:`NumberKind`; an unknown name is an :class:`~mgi.i18n.UnknownKeyError`."""
    table = kinds(store)
    if name not in table:
        raise UnknownKeyError(
            f'The kind of value "{name}" is not in data/i18n/formats.toml. '
            f"Known kinds: {', '.join(table)}."
        )
    return table[name]


def _override(lang: Language, name: str, what: str, store: Store) -> str | None:
    settings = store.language_settings(lang.code) if lang.code in store.language_folders else {}
    value = settings.get("formats", {}).get(name, {}).get(what)
    return None if value is None else str(value)


def _quantize(value: Any, spec: NumberKind) -> Decimal:
    number = Decimal(str(value))
    if spec.percent:
        number = number * 100
    quantum = Decimal(1).scaleb(-spec.decimals)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    return rounded if rounded != 0 else abs(rounded)  # never "-0.0"


def _pattern(lang: Language, spec: NumberKind) -> str:
    locale = lang.babel_locale()
    base = (locale.percent_formats if spec.percent else locale.decimal_formats)[None].pattern
    base = base.split(";")[0]
    integer = "#,##0" if spec.grouping else "0"
    if spec.grouping:
        match = _NUMBER_PART.search(base)
        if match:
            integer = match.group(0).split(".")[0]
    number = integer + ("." + "0" * spec.decimals if spec.decimals else "")
    return _NUMBER_PART.sub(number, base, count=1)


def with_decimal_sign(number: str, lang: str | Language = "en") -> str:
    """A number mgi already wrote with a decimal point (``0.143``), with the decimal sign of
    ``lang`` (CLDR data through Babel: ``0,143`` in Albanian).

    Examples
    --------
    >>> with_decimal_sign("0.143", "sq"), with_decimal_sign("0.143", "en")
    ('0,143', '0.143')
    """
    from babel.numbers import get_decimal_symbol

    return number.replace(".", get_decimal_symbol(language(lang).babel_locale()))


def format_value(
    kind_name: str, value: Any, lang: str | Language = "en", store: Store | None = None
) -> str:
    """A value written as its kind and its language want it.

    Parameters
    ----------
    kind_name
        A kind from ``formats.toml`` (``score``, ``change``, ``probability``, ``mcda``,
        ``weight``, ``rating``, ``count``, ``rank``, ``share``, ``text``, ``date`` …).
    value
        The value. Empty for ``None`` and NaN; text in a number column is returned as it is.
    lang
        Language code or :class:`~mgi.i18n.Language`.

    Examples
    --------
    >>> format_value("weight", 0.21476, "sq"), format_value("rank", 12, "sq")
    ('0,21', '12')
    >>> format_value("score", float("nan"), "sq"), format_value("score", "no indicators", "en")
    ('', 'no indicators')
    """
    store = store or default_store()
    spec = kind(kind_name, store)
    lang = language(lang, store)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if spec.date:
        return format_date(value, lang, store=store)
    if spec.text or isinstance(value, str | bool) or not isinstance(value, Number | Decimal):
        return str(value)
    if isinstance(value, float) and math.isinf(value):
        return "∞" if value > 0 else "-∞"
    from babel.numbers import format_decimal, get_minus_sign_symbol, get_plus_sign_symbol

    number = _quantize(value, spec)
    pattern = _pattern(lang, spec)
    locale = lang.babel_locale()
    magnitude = abs(number) / 100 if spec.percent else abs(number)
    if spec.percent:
        from babel.numbers import format_percent

        body = format_percent(magnitude, pattern, locale=locale, decimal_quantization=False)
    else:
        body = format_decimal(magnitude, pattern, locale=locale, decimal_quantization=False)
    if number < 0:
        return get_minus_sign_symbol(locale) + body
    if spec.sign and number > 0:
        return get_plus_sign_symbol(locale) + body
    return body


def number_formatter(
    kind_name: str, lang: str | Language = "en", store: Store | None = None
) -> Callable[..., str]:
    """A function ``f(value, pos=None) -> str`` for chart tick labels and annotations.

    Wrap it in ``matplotlib.ticker.FuncFormatter`` for an axis.

    Examples
    --------
    >>> fmt = number_formatter("score", "sq")
    >>> [fmt(v) for v in (0, 12.5, 100)]
    ['0,0', '12,5', '100,0']
    """
    store = store or default_store()
    lang = language(lang, store)
    kind(kind_name, store)

    def formatter(value: Any, pos: Any = None) -> str:
        return format_value(kind_name, value, lang, store)

    return formatter


def excel_format(kind_name: str, lang: str | Language = "en", store: Store | None = None) -> str:
    """The Excel number format of a kind (``"0.0"``, ``"+0.0;-0.0;0.0"``, ``"0%"``).

    The same code serves every language: Excel and LibreOffice show it with the reader's own
    decimal and thousands separators. A language may override it in its ``language.toml``.

    Examples
    --------
    >>> excel_format("score"), excel_format("count"), excel_format("date", "sq")
    ('0.0', '#,##0', 'd.m.yyyy')
    """
    store = store or default_store()
    spec = kind(kind_name, store)
    lang = language(lang, store)
    override = _override(lang, kind_name, "excel", store)
    if override is not None:
        return override
    declared = store.formats["kinds"][kind_name].get("excel")
    if declared is not None:
        return str(declared)
    if spec.text:
        return "@"
    number = ("#,##0" if spec.grouping else "0") + (
        "." + "0" * spec.decimals if spec.decimals else ""
    )
    if spec.percent:
        number += "%"
    if spec.sign:
        return f"+{number};-{number};{number}"
    return number


def format_date(
    value: dt.date | dt.datetime | str,
    lang: str | Language = "en",
    *,
    store: Store | None = None,
) -> str:
    """A date written the language's way (pattern from ``formats.toml`` or ``language.toml``).

    Examples
    --------
    >>> import datetime
    >>> format_date(datetime.date(2024, 3, 15), "en"), format_date(datetime.date(2024, 3, 15), "sq")
    ('15 March 2024', '15.3.2024')
    >>> format_date("2024-03-15", "sq")
    '15.3.2024'
    """
    from babel.dates import format_date as babel_format_date

    store = store or default_store()
    lang = language(lang, store)
    if isinstance(value, str):
        value = dt.date.fromisoformat(value.strip()[:10])
    if isinstance(value, dt.datetime):
        value = value.date()
    pattern = _override(lang, "date", "babel", store) or str(
        store.formats["kinds"].get("date", {}).get("babel", "long")
    )
    return babel_format_date(value, pattern, locale=lang.babel_locale())
