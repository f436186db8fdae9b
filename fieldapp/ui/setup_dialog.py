"""First run: set up this support point, or load a demo commune to try the app."""

from __future__ import annotations

from PySide6.QtWidgets import (
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


class SetupDialog(QDialog):
    """Asks for the commune, villages, the point and the volunteer on duty."""

    def __init__(self, session: DeskSession, *, demo_loader: object | None = None) -> None:
        super().__init__()
        self.session = session
        self.lang = session.lang
        self.result_setup: setup.PointSetup | None = None
        self.demo_loader = demo_loader
        self.setWindowTitle(tr("setup.title", self.lang))
        self.commune = QLineEdit()
        self.province = QLineEdit()
        self.villages = QPlainTextEdit()
        self.villages.setFixedHeight(90)
        self.point = QLineEdit()
        self.point_village = QLineEdit()
        self.user = QLineEdit()
        self.passphrase = QLineEdit()  # the first user of a store is its admin
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        for key, widget in (
            ("setup.commune", self.commune),
            ("setup.province", self.province),
            ("setup.villages", self.villages),
            ("setup.point", self.point),
            ("setup.point_village", self.point_village),
            ("setup.user", self.user),
            ("setup.passphrase", self.passphrase),
        ):
            form.addRow(tr(key, self.lang), widget)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox()
        buttons.addButton(tr("button.ok", self.lang), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("button.cancel", self.lang), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        self.demo_button = QPushButton(tr("setup.demo", self.lang))
        self.demo_button.setVisible(demo_loader is not None)
        self.demo_button.clicked.connect(self._demo)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("setup.intro", self.lang)))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.demo_button)
        layout.addWidget(buttons)

    def _save(self) -> None:
        villages = self.villages.toPlainText().splitlines()
        point_village = self.point_village.text().strip() or None
        if point_village and point_village not in villages:
            villages.append(point_village)
        user = self.user.text().strip()
        if not user:
            self.error.setText(tr("setup.user_needed", self.lang))
            return
        users = [setup.NewUser(user, dm.Role.ADMIN, self.passphrase.text())]

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

        self.session.runner.run(work, on_success=self._saved, on_failure=self._failed)

    def _demo(self) -> None:
        self.error.setText(tr("setup.demo_running", self.lang))
        self.demo_button.setEnabled(False)
        self.session.runner.run(
            self.demo_loader,
            on_success=self._saved,
            on_failure=self._failed,  # type: ignore[arg-type]
        )

    def _saved(self, done: setup.PointSetup | None) -> None:
        self.result_setup = done
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.demo_button.setEnabled(True)
        if isinstance(error, FieldAppError):
            self.error.setText(error_text(error, self.lang))
        else:
            self.error.setText(tr("task.unexpected", self.lang, detail=type(error).__name__))
