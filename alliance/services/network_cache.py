"""Network results kept in this process's memory in front of the shared cache.

Every result of alliance.services.network is cached under a key that names its graph
version, so the value behind a key never changes: a worker may keep the object it read
(and unpickled) once and hand the same object out again. A cached network page then reads
no megabytes from Redis or the memory cache and unpickles nothing. The shared cache stays
the source (other workers and the background job fill it); this layer only remembers the
KEEP most recently used results of the app, so old versions fall out. The objects handed
out are shared between requests: callers read them and never change them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from flask import current_app

from ..extensions import cache

KEEP = 32  # results per app (about a version's graph, panel, views and tables)
EXTENSION = "network_results"


class Remembered:
    """A bounded, thread-safe least-recently-used mapping of cache keys to results."""

    def __init__(self, size: int = KEEP) -> None:
        self.size = size
        self._items: OrderedDict[str, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str):
        """The result remembered under ``key`` (now the most recent), or None."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: str, value) -> None:
        """Remember ``value`` under ``key``, forgetting the least recently used beyond
        the size."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


def local() -> Remembered:
    """The remembered results of the current app (one per app, so tests never share)."""
    return current_app.extensions.setdefault(EXTENSION, Remembered())


def remembered(key: str, compute, timeout: int):
    """The result under the versioned ``key``: from this process's memory, else from the
    shared cache, else ``compute()`` stored in both (``timeout`` seconds in the cache)."""
    mine = local()
    value = mine.get(key)
    if value is None:
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, timeout=timeout)
        mine.put(key, value)
    return value


def stored(key: str):
    """The result a job stored under the versioned ``key``, or None while there is none
    (a miss is not remembered, so a later job's result is seen at once)."""
    mine = local()
    value = mine.get(key)
    if value is None:
        value = cache.get(key)
        if value is not None:
            mine.put(key, value)
    return value


def store(key: str, value, timeout: int) -> None:
    """Put ``value`` under ``key`` in the shared cache and in this process's memory."""
    cache.set(key, value, timeout=timeout)
    local().put(key, value)
