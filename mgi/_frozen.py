"""One helper for the immutable stage objects: tables are kept private and handed out as copies.

Examples
--------
>>> import pandas as pd
>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Stage:
...     _table: pd.DataFrame
...     table = table_view("_table", "The stage's table.")
>>> s = Stage(pd.DataFrame({"x": [1]}))
>>> mine = s.table
>>> mine.loc[0, "x"] = 99
>>> int(s.table.loc[0, "x"])
1
"""

from __future__ import annotations

from typing import Any


def table_view(attribute: str, doc: str = "") -> Any:
    """A read-only property returning a copy of the DataFrame held in ``attribute``, so that
    a caller who changes the table cannot change the object it came from."""

    def get(self: Any) -> Any:
        return getattr(self, attribute).copy()

    return property(get, doc=doc or f"A copy of the ``{attribute.lstrip('_')}`` table.")
