"""Run the per-file work on a Dask distributed cluster; results stream back to the single writer.

    afspraken extract corpus --executor dask --scheduler tcp://10.0.0.5:8786

Workers need the project installed (`pip install afspraken[dask]`) and must see the files under the
same absolute paths as this machine (a shared or replicated file system); they never touch the
database. Without `--scheduler` a LocalCluster of worker processes, one per core, is started for the
duration of the run.

Documents are submitted in a bounded window and their results are taken in submission order, so the
database content is the same as a local run's and memory stays bounded whatever the corpus size.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.orchestrate import Executor, Task
from pipeline.process import FileResult, process_file, warm_up

if TYPE_CHECKING:
    from distributed import Client, Future

# Documents in flight per worker thread: enough to hide the network round trip and the writer's
# time on the head of the queue, few enough that results waiting for the writer (up to a few MB
# each) stay bounded.
IN_FLIGHT_PER_THREAD = 4
# How long to keep trying to reach a scheduler before giving up with a one-line error: a scheduler
# that is up answers in milliseconds; 20 s rides out a busy one without making a typo wait long.
CONNECT_TIMEOUT = "20s"
# A LocalCluster dashboard would take a port and pull in bokeh; nobody looks at it during a run.
_NO_DASHBOARD = None


class DaskUnavailable(RuntimeError):
    pass


def dask_executor(
    address: str | None, workers: int | None = None, connect_timeout: str = CONNECT_TIMEOUT
) -> Executor:
    """An executor on the cluster at `address`, or on a LocalCluster of `workers` processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise DaskUnavailable(
            "the dask executor needs the optional extra: pip install 'afspraken[dask]'"
        ) from exc

    def run(tasks: list[Task]) -> Iterator[FileResult]:
        cluster = None
        if address:
            try:
                client = Client(address, timeout=connect_timeout)
            except (OSError, TimeoutError) as exc:
                raise DaskUnavailable(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        else:
            cluster = LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=1,  # the extraction is CPU-bound Python: processes, not threads
                processes=True,
                dashboard_address=_NO_DASHBOARD,
            )
            client = Client(cluster)
        return _stream(client, cluster, tasks)

    return run


def _stream(client: Client, cluster: Any, tasks: list[Task]) -> Iterator[FileResult]:
    try:
        # Build the matcher on every worker at once instead of on each one's first document.
        client.run(warm_up)
        threads = sum(client.nthreads().values()) or 1
        limit = threads * IN_FLIGHT_PER_THREAD
        queue = iter(tasks)
        window: deque[tuple[Task, Future]] = deque()

        def fill() -> None:
            while len(window) < limit and (task := next(queue, None)) is not None:
                path, sha = task
                # Workers elsewhere have another working directory: send the absolute path.
                future = client.submit(process_file, str(Path(path).resolve()), sha, pure=False)
                window.append((task, future))

        fill()
        while window:
            task, future = window.popleft()
            result = _result(task, future)
            fill()
            yield result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _result(task: Task, future: Future) -> FileResult:
    path, sha = task
    try:
        result: FileResult = future.result()
    except Exception as exc:  # KilledWorker (a worker died on it repeatedly), lost connection...
        return FileResult(
            path=path, sha256=sha or None, error=f"dask worker failed: {type(exc).__name__}: {exc}"
        )
    finally:
        future.release()
    # Store the path as the user gave it, exactly as a local run does (the worker saw it absolute).
    result.path = path
    if result.rows is not None:
        result.rows.meta.source_path = path
    return result
