"""Assert that the engine refuses an input with a given catalogue rule (never on wording)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from mgi.catalogue import CATALOGUE
from mgi.errors import InputError
from mgi.prioritization import PrioritizationInputError


@contextmanager
def raises_rule(rule: str) -> Iterator[None]:
    """The block raises :class:`PrioritizationInputError` (an ``InputError`` and a
    ``ValueError``) with catalogue rule ``rule`` and a message ending in the rule's fix."""
    assert rule in CATALOGUE, rule
    with pytest.raises(PrioritizationInputError) as info:
        yield
    error = info.value
    assert isinstance(error, InputError) and isinstance(error, ValueError)
    assert error.rule == rule, (error.rule, str(error))
    assert error.issue is not None and error.issue.rule == rule
    assert error.issue.message == error.message


def rules(warnings: object) -> set[str]:
    """The catalogue rules of a result's warnings."""
    return {w.rule for w in warnings}  # type: ignore[attr-defined]
