"""mgi._parallel: independent pieces of work side by side, results in the order asked."""

from __future__ import annotations

import threading

import pytest

from mgi._parallel import side_by_side, threads


def test_results_come_back_by_key_in_the_order_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MGI_THREADS", "2")
    names: set[str] = set()

    def piece(value: int) -> int:
        names.add(threading.current_thread().name)
        return value * value

    runs = {key: (lambda v=value: piece(v)) for value, key in enumerate("dcba")}
    assert list(side_by_side(runs).items()) == [("d", 0), ("c", 1), ("b", 4), ("a", 9)]
    assert all(name.startswith("mgi") for name in names)  # run in the pool's threads


def test_an_error_is_raised_as_a_loop_would_raise_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MGI_THREADS", "2")

    def fails(message: str) -> None:
        raise ValueError(message)

    with pytest.raises(ValueError, match="first"):
        side_by_side({"a": lambda: fails("first"), "b": lambda: fails("second")})


def test_thread_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MGI_THREADS", "1")
    assert threads(7) == 1
    assert side_by_side({"only": lambda: threading.current_thread().name}) == {
        "only": threading.main_thread().name
    }
    monkeypatch.setenv("MGI_THREADS", "8")
    assert threads(3) == 3
    monkeypatch.delenv("MGI_THREADS")
    assert 1 <= threads(7) <= 4
