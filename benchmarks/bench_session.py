"""Benchmarks of the live session (``mgi session``): is it fast enough to feel live?

1. **Re-rank**: a what-if weight change re-ranked with every method (weighted sum, TOPSIS,
   VIKOR, PROMETHEE II), their consensus and 10,000 SMAA weight samples per method, server-side
   (:func:`mgi.session.engine.rank_weights` on new weights each time, so nothing is cached).
   Target: median ≤ 100 ms. Also the same through the page (``POST /f/{token}/whatif``).
2. **50 at once**: 50 participants join a served session (a real ``mgi session start``
   process on 127.0.0.1), then all submit at the same moment (50 threads behind a barrier).
   Target: all 50 saved (in the database), none refused.

Usage::

    python benchmarks/bench_session.py
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

SAMPLES = 10_000
PARTICIPANTS = 50


def _criteria() -> list[str]:
    """The criteria of the default profile, whose points a participant gives."""
    from mgi.priorities.profile import load_profile

    return [criterion.code for criterion in load_profile().criteria]


CRITERIA = _criteria()


def bench_rerank(runs: int = 25) -> dict[str, float]:
    import pandas as pd

    from mgi.session import engine

    basis = engine.load_basis(engine.configuration(demo=True, samples=SAMPLES))
    rng = np.random.default_rng(1)
    engine.rank_weights(basis, basis.start.weights)  # warm-up (imports, first allocation)
    times = []
    for _ in range(runs):
        w = rng.dirichlet(np.ones(len(basis.criteria)))
        weights = pd.Series(w, index=basis.criteria)
        start = time.perf_counter()
        p = engine.rank_weights(basis, weights)
        engine.ranking_rows(p, "en")
        times.append(time.perf_counter() - start)
    return {"median_ms": 1000 * statistics.median(times), "max_ms": 1000 * max(times)}


def _start(db: Path, port: int) -> tuple[subprocess.Popen[str], str, str]:
    command = [sys.executable, "-m", "mgi", "session", "start", "--demo", "--db", str(db),
               "--port", str(port), "--lang", "en", "--samples", str(SAMPLES)]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    facilitator = re.search(r"(http://\S+)", process.stdout.readline()).group(1)  # type: ignore[union-attr]
    join = re.search(r"(http://\S+)", process.stdout.readline()).group(1)  # type: ignore[union-attr]
    for _ in range(100):
        try:
            httpx.get(join, timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    return process, facilitator, join


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]


def bench_fifty(port: int = 8791) -> dict[str, float]:
    from mgi.session.store import SessionStore

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        process, facilitator, join = _start(db, port)
        try:
            # What-if through the page, for the round trip.
            with httpx.Client(timeout=30) as client:
                csrf = _csrf(client.get(facilitator).text)
                trips = []
                rng = np.random.default_rng(2)
                for _ in range(10):
                    drawn = rng.integers(1, 60, len(CRITERIA))
                    points = {c: str(int(v)) for c, v in zip(CRITERIA, drawn, strict=True)}
                    start = time.perf_counter()
                    r = client.post(facilitator + "/whatif", data={"csrf": csrf, **points})
                    trips.append(time.perf_counter() - start)
                    assert r.status_code == 200, r.status_code
            people = []
            with httpx.Client(timeout=30) as client:
                for i in range(PARTICIPANTS):
                    page = client.get(join)
                    r = client.post(join, data={"csrf": _csrf(page.text), "name": f"Member {i}"})
                    assert r.status_code == 303, r.status_code
                    own = join.split("/join/")[0] + r.headers["location"]
                    people.append((own, _csrf(client.get(own).text)))
            barrier = threading.Barrier(PARTICIPANTS)
            codes: list[int] = []
            lock = threading.Lock()

            def submit(own: str, csrf: str, i: int) -> None:
                data = {"csrf": csrf, "mode": "points", **{c: "10" for c in CRITERIA},
                        "gap": str(10 + i % 50), "stakeholders": "20"}  # fmt: skip
                with httpx.Client(timeout=60) as c:
                    barrier.wait()
                    r = c.post(own, data=data)
                with lock:
                    codes.append(r.status_code)

            threads = [threading.Thread(target=submit, args=(o, c, i))
                       for i, (o, c) in enumerate(people)]  # fmt: skip
            start = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - start
        finally:
            process.terminate()
            process.wait(10)
        store = SessionStore(db)
        saved = len(store.latest_submissions())
        store.close()
    return {
        "whatif_round_trip_median_ms": 1000 * statistics.median(trips),
        "submitted": len(codes),
        "confirmed": sum(1 for c in codes if c == 303),  # redirect to the "saved" page
        "refused": sum(1 for c in codes if c != 303),
        "saved_in_db": saved,
        "wall_s": wall,
    }


def main() -> int:
    rerank = bench_rerank()
    fifty = bench_fifty()
    print("| what | result | target | met |")
    print("|---|---|---|---|")
    ok1 = rerank["median_ms"] <= 100
    print(f"| re-rank, 4 methods + consensus + SMAA 10,000 samples (server-side) | median "
          f"{rerank['median_ms']:.0f} ms, max {rerank['max_ms']:.0f} ms | ≤ 100 ms | "
          f"{'yes' if ok1 else 'no'} |")  # fmt: skip
    print(f"| what-if through the page (POST, HTML back) | median "
          f"{fifty['whatif_round_trip_median_ms']:.0f} ms | — | — |")  # fmt: skip
    ok2 = fifty["saved_in_db"] == PARTICIPANTS and fifty["refused"] == 0
    print(f"| {PARTICIPANTS} participants submit at once | {fifty['confirmed']} confirmed, "
          f"{fifty['refused']} refused, {fifty['saved_in_db']} in the database, "
          f"{fifty['wall_s']:.2f} s | all saved, none refused | "
          f"{'yes' if ok2 else 'no'} |")  # fmt: skip
    return 0 if ok1 and ok2 else 1


if __name__ == "__main__":
    raise SystemExit(main())
