"""A stop request (Ctrl-C, SIGTERM) that survives being caught: the handler records it and raises
KeyboardInterrupt; where a library catches that exception (a task engine marking a task crashed and
going on), the pipeline still sees the request at its next batch and stops there."""
from __future__ import annotations

import signal
import threading

STOP = threading.Event()


def request(signum=None, frame=None) -> None:
    STOP.set()
    raise KeyboardInterrupt


def install() -> None:
    """Route SIGTERM and SIGINT to ``request`` (main thread only: signals are handled there)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, request)
        signal.signal(signal.SIGINT, request)


def check() -> None:
    """Raise KeyboardInterrupt if a stop was requested, even if its first exception was swallowed."""
    if STOP.is_set():
        raise KeyboardInterrupt
