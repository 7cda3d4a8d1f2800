"""Garbage-collector settings for extract runs.

Reading and extracting allocate many short-lived objects and almost no reference cycles. At Python's
default thresholds the collector ran about 200 times over the reference corpus for 2-3 % of the
workers' CPU and found little; it also took 20-50 ms of each start-up (the writer's imports, each
worker's warm-up), where every millisecond is on the critical path.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def collect_seldom() -> None:
    """Collect the youngest generation every 100,000 allocations instead of every 700."""
    gc.set_threshold(100_000, 50, 100)


@contextmanager
def frozen_for_fork() -> Iterator[None]:
    """Fork inside this: everything alive is out of the forked workers' collector's sight, as the gc
    documentation advises. The modules, schemas and patterns live as long as a worker anyway, and a
    collection that scanned them would also write to (and so copy) the pages it shares with the
    writer. The writer itself unfreezes afterwards, so nothing of its own stays uncollectable."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
