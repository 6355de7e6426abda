"""Independent pieces of numerical work run side by side on the machine's cores.

numpy lets go of the interpreter while it sorts, multiplies and reduces large arrays, so
threads share the sampling work of a prioritisation without copying its inputs. Each piece
must be independent of the others (its own seeded random generator, no shared state): the
results are then the same, bit for bit, whatever the number of threads and the order in
which they finish.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Mapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

#: Environment variable that sets the number of threads (1: one piece after the other).
THREADS_ENV = "MGI_THREADS"


def threads(n_pieces: int) -> int:
    """How many threads run ``n_pieces``: ``MGI_THREADS`` if set, else one a core (at most
    four), never more than the pieces."""
    env = os.environ.get(THREADS_ENV, "").strip()
    wanted = int(env) if env.isdigit() else min(4, os.cpu_count() or 1)
    return max(1, min(wanted, n_pieces))


def side_by_side(runs: Mapping[K, Callable[[], V]]) -> dict[K, V]:
    """Call every function of ``runs`` and return the results by key, in the order of
    ``runs``; an error is raised as a plain loop would raise it (the first in key order).

    Examples
    --------
    >>> side_by_side({"a": lambda: 1, "b": lambda: 2})
    {'a': 1, 'b': 2}
    """
    n = threads(len(runs))
    if n == 1:
        return {key: run() for key, run in runs.items()}
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=n, thread_name_prefix="mgi") as pool:
        futures = {key: pool.submit(run) for key, run in runs.items()}
        return {key: future.result() for key, future in futures.items()}
