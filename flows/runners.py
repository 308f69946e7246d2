"""Task runners for annotation: in process (default), a local process pool (``--workers N``), or Dask
(``--dask-local N`` for a LocalCluster, ``--dask-address tcp://…`` for an existing cluster). Each
worker process builds its NLP pipelines once (``extractors.nlp.pipelines`` caches them per process)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Parallelism:
    workers: int = 1
    dask_address: str | None = None
    dask_local: int | None = None

    @property
    def width(self) -> int:
        """How many annotation batches to keep in flight."""
        if self.dask_address:
            return max(self.workers, 2)
        return self.dask_local or self.workers

    @property
    def distributed(self) -> bool:
        return bool(self.dask_address or self.dask_local or self.workers > 1)

    def describe(self) -> str:
        if self.dask_address:
            return f"dask cluster at {self.dask_address}"
        if self.dask_local:
            return f"dask LocalCluster with {self.dask_local} worker processes"
        return f"{self.workers} worker process(es)" if self.workers > 1 else "in process"


def task_runner(p: Parallelism) -> Any | None:
    """The Prefect task runner for ``p`` (None: the flow's default)."""
    if p.dask_address or p.dask_local:
        from prefect_dask import DaskTaskRunner

        if p.dask_address:
            return DaskTaskRunner(address=p.dask_address)
        return DaskTaskRunner(cluster_class="distributed.LocalCluster",
                              cluster_kwargs={"n_workers": p.dask_local, "threads_per_worker": 1,
                                              "processes": True, "dashboard_address": None})
    if p.workers > 1:
        from prefect.task_runners import ProcessPoolTaskRunner

        return ProcessPoolTaskRunner(max_workers=p.workers)
    return None
