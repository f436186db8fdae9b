"""First run: set up this support point (and its first user), or load sample data to try.

Tab moves from field to field (the villages box too); a save with gaps names every missing
field at once; the first user of a store is its admin, who adds the others, so the dialog
says that role and asks for that person's PIN (a passphrase of 8 characters or more).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from fieldapp.domain import model as dm
from fieldapp.domain.errors import FieldAppError
from fieldapp.i18n import error_text, tr
from fieldapp.services import setup
from fieldapp.services.progress import Progress
from fieldapp.ui.session import DeskSession

FIRST_USER_ROLES = (dm.Role.ADMIN,)  # the first user of a store adds everyone else
MIN_PASSPHRASE = 8  # admin and police (issue 13's PIN policy)


class SetupDialog(QDialog):
    """The commune, villages, the point, and the first user (name, role, PIN)."""

    def __init__(
        self,
        session: DeskSession,
        *,
        demo_loader: Callable[[Progress], list[tuple[str, str, str]]] | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.lang = lang = session.lang
        self.result_setup: setup.PointSetup | None = None
        self.demo_users: list[tuple[str, str, str]] = []
        self.demo_loader = demo_loader
        self.setWindowTitle(tr("setup.title", lang))
        self.commune = QLineEdit()
        self.province = QLineEdit()
        self.villages = QPlainTextEdit()
        self.villages.setTabChangesFocus(True)  # Tab leaves the box instead of typing a tab
        self.villages.setFixedHeight(80)
        self.point = QLineEdit()
        self.point_village = QLineEdit()
        self.user = QLineEdit()
        self.role = QComboBox()
        for role in FIRST_USER_ROLES:
            self.role.addItem(tr("setup.role_admin", lang), role.value)
        self.role.setEnabled(len(FIRST_USER_ROLES) > 1)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_again = QLineEdit()
        self.pin_again.setEchoMode(QLineEdit.EchoMode.Password)
        # issue 20: the same first-run dialog sets up a province police store
        self.province_level = QCheckBox(tr("setup.province_level", lang))
        self.province_level.setObjectName("provinceLevel")
        self.province_level.toggled.connect(self._level_changed)
        form = QFormLayout()
        self.form = form
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        for key, widget in (
            ("setup.commune", self.commune),
            ("setup.province", self.province),
            ("setup.villages", self.villages),
            ("setup.point", self.point),
            ("setup.point_village", self.point_village),
            ("setup.user", self.user),
            ("setup.role", self.role),
            ("setup.pin", self.pin),
            ("setup.pin_again", self.pin_again),
        ):
            form.addRow(tr(key, lang), widget)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e; font-weight: bold")
        self.error.setWordWrap(True)
        key_card = QLabel(tr("setup.key_card", lang))
        key_card.setWordWrap(True)
        key_card.setStyleSheet("color: #8a5a00")
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(tr("button.ok", lang), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("button.cancel", lang), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        where = session.data_location or "?"
        self.demo_button = QPushButton(tr("setup.demo_where", lang, db=where))
        self.demo_button.setVisible(demo_loader is not None)
        self.demo_button.clicked.connect(self._demo)
        intro = QLabel(tr("setup.intro", lang))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.province_level)
        layout.addLayout(form)
        layout.addWidget(key_card)
        layout.addWidget(self.error)
        layout.addWidget(self.demo_button)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)
        self.commune.setFocus()

    def _level_changed(self, province: bool) -> None:
        """A province store has no commune, villages or point: only its name and first user."""
        for widget in (self.commune, self.villages, self.point, self.point_village):
            self.form.setRowVisible(widget, not province)
        self.demo_button.setVisible(self.demo_loader is not None and not province)

    def missing(self) -> list[str]:
        """Every field still to fill (or that disagrees), by its label, in form order."""
        lang = self.lang
        province = self.province_level.isChecked()
        gaps = [
            key
            for key, empty in (
                ("setup.commune", not province and not self.commune.text().strip()),
                ("setup.province", province and not self.province.text().strip()),
                ("setup.villages", not province and not self._village_names()),
                ("setup.point", not province and not self.point.text().strip()),
                ("setup.user", not self.user.text().strip()),
                ("setup.pin", len(self.pin.text()) < MIN_PASSPHRASE),
                ("setup.pin_again", self.pin.text() != self.pin_again.text()),
            )
            if empty
        ]
        return [tr(key, lang) for key in gaps]

    def _village_names(self) -> list[str]:
        names = [n.strip() for n in self.villages.toPlainText().splitlines() if n.strip()]
        point_village = self.point_village.text().strip()
        if point_village and point_village not in names:
            names.append(point_village)
        return names

    def _save(self) -> None:
        gaps = self.missing()
        if gaps:
            self.error.setText(
                tr("setup.missing", self.lang, fields=", ".join(gaps), n=MIN_PASSPHRASE)
            )
            return
        villages = self._village_names()
        point_village = self.point_village.text().strip() or None
        role = dm.Role(self.role.currentData())
        users = [setup.NewUser(self.user.text().strip(), role, self.pin.text())]
        if self.province_level.isChecked():
            self._save_province(users)
            return

        def work(_progress: Progress) -> setup.PointSetup:
            return setup.set_up_point(
                self.session.uow(),
                commune_name=self.commune.text(),
                province=self.province.text(),
                village_names=villages,
                point_name=self.point.text(),
                point_village=point_village,
                users=users,
            )

        self.error.clear()
        self.session.runner.run(work, on_success=self._saved, on_failure=self._failed)

    def _save_province(self, users: list[setup.NewUser]) -> None:
        from fieldapp.services.province.setup import set_up_province
        from fieldapp.ui.sync_common import keyring_of

        session, province = self.session, self.province.text()
        keyring = keyring_of(session)

        def work(_progress: Progress) -> None:
            set_up_province(session.uow(), keyring, province=province, users=users)

        self.error.clear()
        self.session.runner.run(work, on_success=self._saved, on_failure=self._failed)

    def _demo(self) -> None:
        if self.demo_users:  # loaded and shown: go on to sign in
            self.accept()
            return
        self.error.setText(tr("setup.demo_running", self.lang))
        self.demo_button.setEnabled(False)
        self.session.runner.run(
            self.demo_loader,  # type: ignore[arg-type]
            on_success=self._demo_loaded,
            on_failure=self._failed,
        )

    def _demo_loaded(self, users: list[tuple[str, str, str]]) -> None:
        """Say who can sign in to the sample data, with their PINs, before going on."""
        self.demo_users = users
        lines = [
            tr("demo.user_line", self.lang, name=name, role=tr("role." + role, self.lang), pin=pin)
            for name, role, pin in users
        ]
        self.error.setStyleSheet("color: #1b7f3b; font-weight: bold")
        self.error.setText(tr("setup.demo_loaded", self.lang) + "\n" + "\n".join(lines))
        self.demo_button.setText(tr("setup.demo_continue", self.lang))
        self.demo_button.setEnabled(True)
        self.ok.setEnabled(False)
        self.demo_button.setFocus()

    def _saved(self, done: setup.PointSetup | None) -> None:
        self.result_setup = done
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.demo_button.setEnabled(True)
        if isinstance(error, FieldAppError):
            self.error.setText(error_text(error, self.lang))
        else:
            self.error.setText(tr("task.unexpected", self.lang, detail=type(error).__name__))
