"""A progress bar on stderr for a long import: shown once the import has run a couple of seconds,
never when stderr is not a terminal (a pipe, a file, a test), so scripted output is unchanged."""

from __future__ import annotations

import sys
import time


class ImportProgress:
    """Called as ``progress(what, rows done, rows in all or None)`` by ``load_package``."""

    DELAY_S = 2.0  # an import quicker than this shows nothing

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.started = time.monotonic()
        self.bar = None
        self.tasks: dict[str, int] = {}

    def __call__(self, what: str, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            if time.monotonic() - self.started < self.DELAY_S:
                return
            from rich.console import Console  # rich: the progress bar (Typer depends on it too)
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), console=Console(file=self.stream), transient=True)
            self.bar.start()
        if what not in self.tasks:
            self.tasks[what] = self.bar.add_task(what, total=total)
        self.bar.update(self.tasks[what], completed=done, total=total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None

    def __enter__(self) -> "ImportProgress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
