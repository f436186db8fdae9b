"""Running service calls off the GUI thread, one writer at a time.

A `Task` is a one-shot QRunnable that calls a plain function; its `TaskSignals` carry the
result, the error or the progress back to the GUI thread. Tests use `InlineTaskRunner`,
which runs the function at once on the calling thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from fieldapp.domain.errors import FieldAppError
from fieldapp.services.progress import Progress

Work = Callable[[Progress], Any]


class TaskSignals(QObject):
    """Signals of one task; emitted from the worker, delivered on the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class TaskProgress:
    """The `Progress` a task's function sees: reports become signals, cancel is a flag."""

    def __init__(self, signals: TaskSignals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def report(self, done: int, total: int) -> None:
        """Forward progress to the GUI thread."""
        self._signals.progressed.emit(done, total)

    @property
    def cancelled(self) -> bool:
        """True once `cancel()` was called."""
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the work to stop at its next check."""
        self._cancel.set()


class Task(QRunnable):
    """One call of `work`, on a pool thread."""

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.work = work
        self.signals = TaskSignals()
        self.progress = TaskProgress(self.signals)

    @Slot()
    def run(self) -> None:
        """Call the function; send its result or its error back."""
        try:
            result = self.work(self.progress)
        except BaseException as error:  # a Rust panic (pyo3) is a BaseException too
            if isinstance(error, KeyboardInterrupt | SystemExit):
                raise
            if not isinstance(error, FieldAppError):  # the unexpected: into the support log
                from fieldapp.services.diagnostics import log_unexpected

                log_unexpected(error, face="desk")
            self.signals.failed.emit(error)
        else:
            self.signals.succeeded.emit(result)


class TaskRunner(QObject):
    """Starts tasks on a single-thread pool, so store writes never overlap."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._running: set[Task] = set()

    def run(
        self,
        work: Work,
        *,
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
        on_progress: Callable[[int, int], None] | None = None,
    ) -> TaskProgress:
        """Run `work(progress)` off the GUI thread; the callbacks run on the GUI thread."""
        task = Task(work)
        task.setAutoDelete(False)
        self._running.add(task)

        def finish(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def done(value: Any) -> None:
                self._running.discard(task)
                callback(value)

            return done

        task.signals.succeeded.connect(finish(on_success))
        task.signals.failed.connect(finish(on_failure))
        if on_progress is not None:
            task.signals.progressed.connect(on_progress)
        self._start(task)
        return task.progress

    def _start(self, task: Task) -> None:
        self.pool.start(task)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until all tasks are done (for shutdown and tests)."""
        return self.pool.waitForDone(msecs)


class InlineTaskRunner(TaskRunner):
    """Runs each task at once on the calling thread: deterministic tests."""

    def _start(self, task: Task) -> None:
        task.run()
