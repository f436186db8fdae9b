"""Dependencies point down only: every import of every module, read from its syntax tree.

The layers, bottom up (README, "How the code is laid out"):

    domain                       the rules; the standard library only
    i18n                         messages; may read the domain's names
    store                        tables, SQL, migrations; domain (and i18n for messages)
    ingest, sync, documents      lists in, bundles, PDFs and spreadsheets; domain, i18n, the store
    demo                         synthetic communes: like a list import, straight into the store
    services                     the use cases: no Qt, no SQLAlchemy/sqlmodel/sqlite3
    cli, ui                      the faces: services and what lies below them, never the store,
                                 except in the composition roots that open it (COMPOSITION_ROOTS)

An import anywhere in a module counts, also one inside a function or under TYPE_CHECKING:
a lazy import that points up is still a dependency that points up.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "fieldapp"

LOWER = {"domain", "i18n"}
ADAPTERS = {"ingest", "sync", "documents"}
# Which of fieldapp's packages each layer may import (its own package always).
MAY_IMPORT: dict[str, set[str]] = {
    "domain": set(),
    "i18n": {"domain"},
    "store": LOWER,
    "ingest": LOWER | {"store", "documents"},  # rejected rows: documents' formula-safe cells
    "sync": LOWER | {"store"},
    "documents": LOWER | {"store"},
    "demo": LOWER | {"store"},
    "services": LOWER | {"store", "root"} | ADAPTERS,  # root: the version line (support text)
    "cli": LOWER | ADAPTERS | {"services", "demo", "root"},
    "ui": LOWER | ADAPTERS | {"services", "demo", "root"},
    "root": LOWER,  # fieldapp/*.py: the version line, the console's encoding
    "resources": set(),
}
QT = {"PySide6", "shiboken6"}
DATABASE = {"sqlalchemy", "sqlmodel", "sqlite3", "alembic"}
# Third-party (and database) modules a layer must not import at all.
MUST_NOT_IMPORT: dict[str, set[str]] = {
    "i18n": QT | DATABASE,
    "store": QT,
    "ingest": QT | DATABASE,
    "sync": QT | DATABASE,
    "documents": QT | DATABASE,
    "demo": QT,
    "services": QT | DATABASE,
    "cli": QT | DATABASE,
    "ui": DATABASE,
    "root": QT | DATABASE,
}
# The composition roots: where a face opens the store and hands units of work to the services.
COMPOSITION_ROOTS = {
    "cli/context.py": {"store"} | DATABASE,  # CliContext opens the store on first use
    "cli/main.py": {"store"},  # --db / FIELDAPP_DB resolved to a URL
    "ui/app.py": {"store"},  # fieldapp-desk opens the store
    "ui/startup.py": {"store"} | DATABASE,  # the desk's session gets its units of work
}

# Imports still to straighten, each one a (module, top package) pair that must still be true
# (test_pending_is_still_pending): the list only shrinks. Empty: nothing points up any more.
PENDING: set[tuple[str, str]] = set()


def _modules() -> Iterator[Path]:
    yield from sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def _layer(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return "root" if len(parts) == 1 else parts[0]


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute dotted name) of every import in the module."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ["fieldapp", *path.relative_to(PACKAGE).parent.parts]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                base = package[: len(package) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            yield node.lineno, name


def _target(name: str) -> str | None:
    """The fieldapp layer an import names, "root" for fieldapp's own modules, None if outside."""
    parts = name.split(".")
    if parts[0] != "fieldapp":
        return None
    if len(parts) == 1 or not (PACKAGE / parts[1]).is_dir():
        return "root"
    return parts[1]


def layering_violations(path: Path, *, pending: bool = False) -> list[str]:
    """Each import of this module that points up or sideways where it must not, as a line.

    `pending`: also those listed in PENDING (left out by default).
    """
    layer = _layer(path)
    where = path.relative_to(PACKAGE).as_posix()
    exempt = COMPOSITION_ROOTS.get(where, set())
    found = []
    for line, name in _imports(path):
        target = _target(name)
        top = name.split(".")[0]
        if not pending and (where, top) in PENDING:
            continue
        if target is not None:
            allowed = MAY_IMPORT[layer] | {layer} | exempt
            if target not in allowed:
                found.append(f"fieldapp/{where}:{line} ({layer}) imports {name}")
        elif layer == "domain":
            if top not in sys.stdlib_module_names:
                found.append(f"fieldapp/{where}:{line} (domain) imports {name}: not stdlib")
        elif top in MUST_NOT_IMPORT.get(layer, set()) - exempt:
            found.append(f"fieldapp/{where}:{line} ({layer}) imports {name}")
    return found


def test_every_layer_is_known():
    layers = {_layer(p) for p in _modules()}
    assert layers <= MAY_IMPORT.keys(), layers - MAY_IMPORT.keys()
    assert all((PACKAGE / root).is_file() for root in COMPOSITION_ROOTS)


@pytest.mark.parametrize("layer", sorted(MAY_IMPORT))
def test_imports_point_down(layer):
    found = [v for p in _modules() if _layer(p) == layer for v in layering_violations(p)]
    assert found == [], "\n".join(found)


def test_pending_is_still_pending():
    for where, top in sorted(PENDING):
        found = layering_violations(PACKAGE / where, pending=True)
        assert any(f" imports {top}" in v for v in found), f"{where} → {top}: drop it from PENDING"


@pytest.mark.parametrize(
    ("where", "source", "why"),
    [
        ("store/x.py", "from fieldapp.sync.payload import COLUMNS", "store → sync"),
        ("documents/x.py", "from fieldapp.services.reports import X", "documents → services"),
        ("documents/x.py", "from ..services import reports", "relative, documents → services"),
        ("services/x.py", "from sqlalchemy import select", "services → SQLAlchemy"),
        ("services/x.py", "import sqlite3", "services → sqlite3"),
        ("services/x.py", "from PySide6.QtCore import QObject", "services → Qt"),
        ("domain/x.py", "import reportlab", "domain → third-party"),
        ("domain/x.py", "from fieldapp.i18n import tr", "domain → i18n"),
        ("ui/x.py", "from fieldapp.store.uow import SqlUnitOfWork", "a face → the store"),
        ("cli/x.py", "def f():\n    from fieldapp.store import tables", "a lazy import"),
    ],
)
def test_the_check_catches_an_upward_import(tmp_path, monkeypatch, where, source, why):
    fake = tmp_path / "fieldapp"
    module = fake / where
    module.parent.mkdir(parents=True)
    module.write_text(source + "\n", encoding="utf-8")
    for package in MAY_IMPORT:
        if package != "root":
            (fake / package).mkdir(exist_ok=True)
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    assert layering_violations(module), why
