"""Loading on first use, so `fieldapp --help` does not pay for SQLAlchemy, reportlab or crypto.

A command module names the services it calls with `lazy_module`; the module object is real
and typed under TYPE_CHECKING, and its code runs the first time a command reads from it.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

import click


def lazy_module(name: str) -> ModuleType:
    """The module `name`, loaded the first time one of its attributes is read."""
    found = sys.modules.get(name)
    if found is not None:
        return found
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


def lazy_modules(package: str, *names: str) -> tuple[ModuleType, ...]:
    """`package.name` for each name, each loaded the first time it is read (`lazy_module`).

    A command module's preamble: its TYPE_CHECKING branch imports the same names for the
    type checker, this gives them at run time in one line.
    """
    return tuple(lazy_module(f"{package}.{name}") for name in names)


class LazyChoice(click.Choice):
    """A choice whose values come from a service module, read when the option is parsed."""

    def __init__(self, load: Callable[[], Sequence[str]]) -> None:
        self._load = load
        self._loaded: Sequence[str] | None = None
        super().__init__(())

    @property  # type: ignore[override]
    def choices(self) -> Sequence[str]:
        """The values, loaded once."""
        if self._loaded is None:
            self._loaded = tuple(self._load())
        return self._loaded

    @choices.setter
    def choices(self, _value: Any) -> None:
        pass  # click.Choice.__init__ sets it; the loader is the source
