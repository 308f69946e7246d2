"""Where annotation runs: ``--workers N`` worker processes of this machine, ``--dask-local N`` a local
Dask cluster of N worker processes, ``--dask-address tcp://…`` an existing cluster. The pools
themselves are in ``flows.pool``; this module is what settings hand down (it imports nothing)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Parallelism:
    workers: int = 1
    dask_address: str | None = None
    dask_local: int | None = None

    @property
    def distributed(self) -> bool:
        """Several processes share the machine's cores (torch then uses one thread per process)."""
        return bool(self.dask_address or self.dask_local or self.workers > 1)

    def describe(self) -> str:
        if self.dask_address:
            return f"dask cluster at {self.dask_address}"
        if self.dask_local:
            return f"dask LocalCluster with {self.dask_local} worker processes"
        return f"{self.workers} worker process(es)"
