"""The one error type readers raise for bad input: it names the file and the reason in one line."""

from __future__ import annotations

from pathlib import Path


class ReadError(Exception):
    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
