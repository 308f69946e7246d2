"""A time budget for one piece of work in the current thread: when it runs out, ``DeadlineExceeded``
is raised inside that thread (between two Python steps: NLP models return to Python after every
layer and sentence, so a runaway document stops within about a second). Works in the main thread
and in the worker threads Prefect runs tasks in, where SIGALRM cannot be used."""
from __future__ import annotations

import ctypes
import threading
from contextlib import contextmanager


class DeadlineExceeded(Exception):
    """The work ran past its budget."""


def _raise_in(thread_id: int) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(DeadlineExceeded))


@contextmanager
def deadline(seconds: float | None):
    """Run the block with a budget of ``seconds`` (None or <= 0: no budget)."""
    if not seconds or seconds <= 0:
        yield
        return
    done = threading.Event()
    target = threading.get_ident()
    lock = threading.Lock()

    def fire() -> None:
        with lock:
            if not done.is_set():
                _raise_in(target)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            done.set()
            timer.cancel()
        # an exception already scheduled but not yet delivered must not escape later: clear it
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.c_void_p(0))
