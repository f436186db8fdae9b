"""Sync keys from the desk, so nobody needs the command line at setup.

The police create the commune's keys once and write the key card (file + printable page);
a point receives that card after comparing its fingerprint with the printed page; the police
enrol each point from the point's own card and the fingerprint read on its screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.permissions import Action, may
from fieldapp.i18n import tr
from fieldapp.services import sync
from fieldapp.services.progress import Progress
from fieldapp.sync.card_page import write_card_page
from fieldapp.sync.keys import CARD_SUFFIX, ROLE_COMMUNE, Keyring
from fieldapp.ui.enrol_dialog import EnrolPointDialog
from fieldapp.ui.qt_words import choose_folder, open_file_path
from fieldapp.ui.session import DeskSession
from fieldapp.ui.sync_common import failure_text, keyring_of


class SyncKeysDialog(QDialog):
    """Shows this computer's key and the commune's, with the actions the signed-in role may take."""

    def __init__(
        self, session: DeskSession, keyring: Keyring | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = session.lang
        self.keyring = keyring or keyring_of(session)
        self.setWindowTitle(tr("sync.keys_ui.title", self.lang))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("summary")
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setObjectName("result")
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # grows with its text
        self.summary.setMinimumWidth(600)  # the layout's minimum sets the dialog's
        layout.addWidget(self.summary)
        police = may(session.user.role if session.user else None, Action.MANAGE_KEYS)
        self.buttons: dict[str, QPushButton] = {}
        actions: list[tuple[str, Callable[[], None]]] = []
        if police:
            actions += [
                ("create_commune", self.create_commune_keys),
                ("enrol_point", self._enrol_point_from_dialog),
            ]
        else:
            actions += [("import_commune", self._import_commune_from_dialog)]
        actions.append(("export_card", self._export_card_from_dialog))
        for key, slot in actions:
            button = QPushButton(tr(f"sync.keys_ui.{key}", self.lang))
            button.clicked.connect(slot)
            self.buttons[key] = button
            layout.addWidget(button)
        layout.addWidget(self.result)
        close = QPushButton(tr("sync.ui.cancel", self.lang))
        close.clicked.connect(self.accept)
        layout.addWidget(close)
        self.refresh()

    # What is known -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show this computer's fingerprint and the commune's, read on the runner."""
        session, keyring = self.session, self.keyring

        def work(_progress: Progress) -> sync.KeysOverview:
            return sync.keys_overview(session.uow(), keyring)

        session.runner.run(work, on_success=self._show, on_failure=self._failed)

    def _show(self, overview: sync.KeysOverview) -> None:
        lines = []
        if overview.own is None:
            lines.append(tr("sync.keys_ui.no_own", self.lang))
        else:
            lines.append(
                tr("sync.own_fingerprint", self.lang, fingerprint=overview.own.fingerprint)
            )
        commune = [p for p in overview.peers if p.role == ROLE_COMMUNE]
        if overview.own is None or overview.own.role != ROLE_COMMUNE:
            if commune:
                lines.append(
                    tr(
                        "sync.keys_ui.commune_known",
                        self.lang,
                        name=commune[0].name,
                        fingerprint=commune[0].fingerprint,
                    )
                )
            else:
                lines.append(tr("sync.keys_ui.commune_missing", self.lang))
        else:
            points = [p for p in overview.peers if p.role != ROLE_COMMUNE]
            lines.append(tr("sync.keys_ui.points_enrolled", self.lang, count=len(points)))
        self.summary.setText("\n".join(lines))
        if "create_commune" in self.buttons:
            self.buttons["create_commune"].setEnabled(overview.own is None)

    # Actions (each also callable with its file, for tests and scripts) --------------------------
    def create_commune_keys(self) -> None:
        """Police, once: the commune's key pair."""
        session, keyring = self.session, self.keyring
        self._run(
            lambda _p: sync.create_commune_keys(session.uow(), keyring, actor=session.user),
            lambda public: tr(
                "sync.keys_created", self.lang, name=public.name, fingerprint=public.fingerprint
            ),
        )

    def export_card(self, folder: Path) -> None:
        """Write this computer's key card and its printable page into a folder (a stick)."""
        session, keyring, lang = self.session, self.keyring, self.lang

        def work(_progress: Progress) -> Path:
            if not keyring.exists():
                sync.ensure_point_keys(session.uow(), keyring)
            card = sync.export_key_card(keyring, folder)
            write_card_page(keyring.load().public, card.with_suffix(".pdf"), lang=lang)
            return card

        self._run(
            work,
            lambda card: tr(
                "sync.keys_ui.card_written",
                lang,
                file=str(card),
                page=str(card.with_suffix(".pdf")),
            ),
        )

    def import_commune_card(self, path: Path, fingerprint: str) -> None:
        """Point: trust the police's card, once its fingerprint matched the printed page."""
        session, keyring = self.session, self.keyring
        self._run(
            lambda _p: sync.import_commune_card(
                session.uow(), keyring, path, fingerprint=fingerprint, actor=session.user
            ),
            lambda public: tr(
                "sync.card_imported", self.lang, name=public.name, fingerprint=public.fingerprint
            ),
        )

    def enrol_point(self, path: Path, fingerprint: str, villages: Sequence[str] = ()) -> None:
        """Police: trust a point's card; the fingerprint is the one on the point's screen.

        `villages`: those whose lists go back to that point (issue 12: picked in the dialog).
        """
        session, keyring = self.session, self.keyring
        self._run(
            lambda _p: sync.enrol_point(
                session.uow(),
                keyring,
                card_path=path,
                fingerprint=fingerprint,
                actor=session.user,
                villages=villages,
            )[0],
            lambda public: tr(
                "sync.enrolled", self.lang, name=public.name, fingerprint=public.fingerprint
            ),
        )

    # Dialog-driven variants ---------------------------------------------------------------------
    def _export_card_from_dialog(self) -> None:
        folder = choose_folder(self, tr("sync.ui.choose_folder", self.lang))
        if folder:
            self.export_card(Path(folder))

    def _pick_card(self) -> Path | None:
        name = open_file_path(self, tr("sync.keys_ui.pick_card", self.lang), f"*{CARD_SUFFIX}")
        return Path(name) if name else None

    def _ask_fingerprint(self, key: str) -> str | None:
        text, ok = QInputDialog.getText(
            self, tr("sync.keys_ui.title", self.lang), tr(key, self.lang)
        )
        return text.strip() if ok and text.strip() else None

    def _import_commune_from_dialog(self) -> None:
        path = self._pick_card()
        fingerprint = path and self._ask_fingerprint("sync.keys_ui.type_commune_fp")
        if path and fingerprint:
            self.import_commune_card(path, fingerprint)

    def _enrol_point_from_dialog(self) -> None:
        path = self._pick_card()
        if not path:
            return
        uow = self.session.uow

        def names(_progress: Progress) -> list[str]:
            with uow() as unit:
                return [v.name for v in unit.repo.villages()]

        self.session.runner.run(
            names, on_success=lambda found: self._ask_enrol(path, found), on_failure=self._failed
        )

    def _ask_enrol(self, path: Path, villages: list[str]) -> None:
        dialog = EnrolPointDialog(self.lang, villages, self)
        self.enrol_dialog = dialog
        if self.ask_enrol(dialog):
            self.enrol_point(path, dialog.fingerprint.text().strip(), dialog.chosen_villages())

    def ask_enrol(self, dialog: EnrolPointDialog) -> int:
        """Show the enrol dialog (tests answer it instead)."""
        return dialog.exec()

    # Plumbing -------------------------------------------------------------------------------
    def _run(self, work: Callable[[Progress], object], said: Callable[[object], str]) -> None:
        def done(value: object) -> None:
            self.result.setStyleSheet("color: #1b7f3b; font-weight: bold")
            self.result.setText(said(value))
            self.refresh()

        self.session.runner.run(work, on_success=done, on_failure=self._failed)

    def _failed(self, error: Exception) -> None:
        self.result.setStyleSheet("color: #b3261e; font-weight: bold")
        self.result.setText(failure_text(error, self.lang))


def open_keys_dialog(session: DeskSession, parent: QWidget) -> None:
    """The menu's entry point."""
    SyncKeysDialog(session, parent=parent).exec()
