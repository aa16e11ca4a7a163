"""A bounded cache of results keyed by the few values they depend on.

Most explanations depend on a handful of discrete values (a test and its score, a field
of study, a day). Evaluating many applicants, the engine builds each such result once
and shares it; the cache empties when it reaches its limit, so memory stays bounded.
"""

from collections.abc import Callable, Hashable
from typing import Any


class Memo(dict):
    def __init__(self, build: Callable[..., Any], limit: int = 4096):
        super().__init__()
        self.build = build
        self.limit = limit

    def __missing__(self, key: Hashable) -> Any:
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.build(*key) if isinstance(key, tuple) else self.build(key)
        return value
