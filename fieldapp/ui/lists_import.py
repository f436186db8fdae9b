"""Import a list: pick a file, check the preview and the column mapping, import, see results.

Reading the file and importing run on the task runner (the GUI thread never waits on disk);
the import shows a progress dialog whose Cancel rolls the whole import back. One file or
several chosen at once are one list, through one service (`services.lists_several`, as the
CLI): one preview per file (with several, a combo box picks the one shown and every error
names its file), one import, one progress, one Cancel.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.errors import FieldAppError
from fieldapp.i18n import error_text, tr
from fieldapp.ingest.columns import OFFICIAL_KINDS, ListColumn, ListKind
from fieldapp.services import lists, lists_several
from fieldapp.services.progress import CancelledError, Progress, RateMeter
from fieldapp.services.villages import VillagePlan
from fieldapp.ui.fit import fit_to_screen, wrapping_list
from fieldapp.ui.qt_words import open_file_paths, save_file_path
from fieldapp.ui.session import DeskSession
from fieldapp.ui.tasks import TaskProgress

_ERROR_BRUSH = QBrush(QColor("#fde7e9"))
ModelIndex = QModelIndex | QPersistentModelIndex


class PreviewTableModel(QAbstractTableModel):
    """The first rows of the file as it is, with the sheet's row number first.

    Rows with an error are tinted; `ROW_ROLE` gives (row number, cells, errors).
    """

    ROW_NUMBER_COLUMN = 0
    ROW_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, lang: str = "vi") -> None:
        super().__init__()
        self.lang = lang
        self._headers: list[str] = []
        self._rows: list[tuple[int, list[str]]] = []
        self._errors: dict[int, list[str]] = {}

    def set_rows(
        self,
        headers: list[str],
        rows: list[tuple[int, list[str]]],
        errors: dict[int, list[str]],
    ) -> None:
        """Replace everything shown (row numbers as the sheet counts them)."""
        self.beginResetModel()
        self._headers = headers
        self._rows = rows
        self._errors = errors
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """Rows shown."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """The row number plus the file's columns."""
        return 0 if parent.isValid() else len(self._headers) + 1

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """The file's header texts; the first column is the sheet row."""
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == self.ROW_NUMBER_COLUMN:
            return tr("lists.dialog.row", self.lang)
        return self._headers[section - 1] if section - 1 < len(self._headers) else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell texts, a tint and a tooltip for rows with errors."""
        if not index.isValid():
            return None
        number, cells = self._rows[index.row()]
        if role == self.ROW_ROLE:
            return number, cells, self._errors.get(number, [])
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == self.ROW_NUMBER_COLUMN:
                return str(number)
            col = index.column() - 1
            return cells[col] if col < len(cells) else ""
        if role == Qt.ItemDataRole.BackgroundRole and number in self._errors:
            return _ERROR_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole and number in self._errors:
            return "\n".join(self._errors[number])
        return None


class ListImportDialog(QDialog):
    """Two pages: the preview (file, kind, mapping, errors) and the result."""

    PREVIEW_ROWS = 50

    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = session.lang
        self.preview: lists.ListPreview | None = None
        self.several: lists_several.SeveralPreview | None = None  # the files, one list
        self.result: lists_several.SeveralResult | None = None
        self.path: Path | None = None
        self.paths: list[Path] = []
        self._progress_dialog: QProgressDialog | None = None
        self._task: TaskProgress | None = None
        self.setWindowTitle(tr("lists.dialog.title", self.lang))
        fit_to_screen(self, 1100, 700)

        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.choose_button = QPushButton(tr("lists.dialog.choose", self.lang))
        self.choose_button.clicked.connect(self.choose_file)
        self.kind_combo = QComboBox()
        for kind in OFFICIAL_KINDS:  # team lists and rosters: the teams and units screens
            self.kind_combo.addItem(tr(f"lists.kind.{kind.value}", self.lang), kind.value)
        self.kind_combo.currentIndexChanged.connect(self._reload)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("lists.dialog.file", self.lang)))
        top.addWidget(self.file_edit, 1)
        top.addWidget(self.choose_button)
        top.addWidget(QLabel(tr("lists.dialog.kind", self.lang)))
        top.addWidget(self.kind_combo)
        self.file_combo = QComboBox()  # several files: which one the preview shows
        self.file_combo.currentIndexChanged.connect(self._show_file)
        self.file_label = QLabel(tr("lists.several.show_file", self.lang))
        top.addWidget(self.file_label)
        top.addWidget(self.file_combo)
        self.file_label.setVisible(False)
        self.file_combo.setVisible(False)

        self.preview_model = PreviewTableModel(self.lang)
        self.preview_view = QTableView()
        self.preview_view.setModel(self.preview_model)
        self.preview_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.mapping_table = QTableWidget(0, 2)
        self.mapping_table.setHorizontalHeaderLabels(
            [tr("lists.dialog.header_cell", self.lang), tr("lists.dialog.meaning", self.lang)]
        )
        self.mapping_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.mapping_table.horizontalHeader().setStretchLastSection(True)
        self.mapping_table.verticalHeader().setVisible(False)
        self.errors_list = wrapping_list(QListWidget())
        self.villages_list = wrapping_list(QListWidget())
        self.villages_list.itemChanged.connect(self._villages_changed)
        self.villages_box = _titled(tr("lists.dialog.new_villages", self.lang), self.villages_list)
        self.villages_box.setVisible(False)
        self._rate: RateMeter | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e")
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(_titled(tr("lists.dialog.mapping", self.lang), self.mapping_table))
        lower.addWidget(_titled(tr("lists.dialog.errors", self.lang), self.errors_list))
        lower.addWidget(self.villages_box)
        lower.setSizes([420, 480, 300])
        middle = QSplitter(Qt.Orientation.Vertical)
        middle.addWidget(_titled(tr("lists.dialog.preview", self.lang), self.preview_view))
        middle.addWidget(lower)

        self.valid_only = QCheckBox(tr("lists.dialog.valid_only", self.lang))
        self.duplicates_combo = QComboBox()  # which row stays when an ID is written twice
        for rule in ("fuller", "later"):
            self.duplicates_combo.addItem(tr(f"lists.dup.{rule}", self.lang), rule)
        self.duplicates_combo.currentIndexChanged.connect(self._duplicates_changed)
        self.import_button = QPushButton(tr("lists.dialog.import", self.lang))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        close = QPushButton(tr("lists.dialog.close", self.lang))
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.valid_only)
        bottom.addWidget(self.duplicates_combo)
        bottom.addStretch(1)
        bottom.addWidget(self.import_button)
        bottom.addWidget(close)

        preview_page = QWidget()
        page_layout = QVBoxLayout(preview_page)
        page_layout.addLayout(top)
        page_layout.addWidget(middle, 1)
        page_layout.addWidget(self.summary)
        page_layout.addWidget(self.message)
        page_layout.addLayout(bottom)

        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        font = self.result_label.font()
        font.setPointSize(font.pointSize() + 3)
        self.result_label.setFont(font)
        self.rejected_list = wrapping_list(QListWidget())
        self.save_rejected_button = QPushButton(tr("lists.dialog.save_rejected", self.lang))
        self.save_rejected_button.clicked.connect(self.save_rejected)
        done = QPushButton(tr("lists.dialog.close", self.lang))
        done.clicked.connect(self.accept)
        result_page = QWidget()
        result_layout = QVBoxLayout(result_page)
        result_layout.addWidget(self.result_label)
        result_layout.addWidget(self.rejected_list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_rejected_button)
        buttons.addStretch(1)
        buttons.addWidget(done)
        result_layout.addLayout(buttons)

        self.pages = QStackedWidget()
        self.pages.addWidget(preview_page)
        self.pages.addWidget(result_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    # --- choosing and previewing ---------------------------------------------------------
    @property
    def kind(self) -> ListKind:
        """The list kind chosen in the combo box."""
        return ListKind(self.kind_combo.currentData())

    def ask_open_path(self) -> str | list[str]:
        """The file dialog, one file or several (tests replace this method)."""
        return open_file_paths(
            self, tr("lists.dialog.title", self.lang), tr("lists.dialog.file_filter", self.lang)
        )

    def ask_save_path(self, suggested: str) -> str:
        """The save dialog for rejected rows (tests replace this method)."""
        return save_file_path(
            self, tr("lists.dialog.save_rejected", self.lang), suggested, "Excel (*.xlsx)"
        )

    def choose_file(self) -> None:
        """Ask for one file or several and preview them."""
        chosen = self.ask_open_path()
        paths = [chosen] if isinstance(chosen, str) else list(chosen)
        paths = [p for p in paths if p]
        if len(paths) == 1:
            self.load_file(Path(paths[0]))
        elif paths:
            self.load_files([Path(p) for p in paths])

    def load_file(self, path: Path) -> None:
        """Read and check the file on the worker; the preview appears when it is done."""
        self.path = path
        self.paths = [path]
        self.file_edit.setText(str(path))
        self._reload()

    def load_files(self, paths: list[Path]) -> None:
        """Several files of one list: each read and checked, one after another, on the worker."""
        self.path, self.paths = paths[0], list(paths)
        names = ", ".join(p.name for p in paths)
        self.file_edit.setText(tr("lists.several.chosen", self.lang, count=len(paths), names=names))
        self._reload()

    def _reload(self) -> None:
        if self.path is None:
            return
        paths, kind, uow = list(self.paths), self.kind, self.session.uow
        rule = self.duplicates_combo.currentData()

        def work(progress: Progress) -> lists_several.SeveralPreview:
            return lists_several.preview_lists(
                uow(), paths, kind, progress=progress, duplicates=rule
            )

        self._run_several(work, reading=True)

    def _on_reading(self, done: int, total: int) -> None:
        """The preview reads and checks every row: say how far it got on big files."""
        if self._rate is not None:
            rate, left = self._rate.measure(done, total)
            self.summary.setText(lists.progress_line(done, total, rate, left, self.lang))

    def checked_villages(self) -> list[str]:
        """The new villages ticked to be added with the import."""
        names = []
        for row in range(self.villages_list.count()):
            item = self.villages_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                names.append(item.data(Qt.ItemDataRole.UserRole))
        return names

    def _run_several(self, work: Any, *, reading: bool = False) -> None:
        """Check several files on the worker; their previews appear when all are done."""
        self._busy(True)
        if reading:
            self._rate = RateMeter()
        self.session.runner.run(
            work,
            on_success=self._show_several,
            on_failure=self._failed,
            on_progress=self._on_reading if reading else None,
        )

    def _villages_changed(self, _item: QListWidgetItem) -> None:
        if self.several is None:
            return
        several, uow, ticked = self.several, self.session.uow, self.checked_villages()

        def again(progress: Progress) -> lists_several.SeveralPreview:
            return lists_several.remap_lists(uow(), several, add_villages=ticked, progress=progress)

        self._run_several(again)

    def _duplicates_changed(self, _index: int) -> None:
        if self.several is None:
            return
        several, uow, rule = self.several, self.session.uow, self.duplicates_combo.currentData()

        def again(progress: Progress) -> lists_several.SeveralPreview:
            return lists_several.remap_lists(uow(), several, duplicates=rule, progress=progress)

        self._run_several(again)

    def _remap(self) -> None:
        if self.several is None:
            return
        changed = self.sender()
        if isinstance(changed, QComboBox) and changed.currentData() != ListColumn.IGNORE.value:
            # One meaning, one column: the column the user just chose wins.
            for row in range(self.mapping_table.rowCount()):
                other = self.mapping_table.cellWidget(row, 1)
                if (
                    isinstance(other, QComboBox)
                    and other is not changed
                    and other.currentData() == changed.currentData()
                ):
                    other.blockSignals(True)
                    other.setCurrentIndex(other.findData(ListColumn.IGNORE.value))
                    other.blockSignals(False)
        mapping = {
            col: ListColumn(combo.currentData())
            for col in range(self.mapping_table.rowCount())
            if isinstance(combo := self.mapping_table.cellWidget(col, 1), QComboBox)
        }
        several, uow = self.several, self.session.uow
        index = max(0, self.file_combo.currentIndex())

        def again(progress: Progress) -> lists_several.SeveralPreview:
            return lists_several.remap_lists(
                uow(), several, index=index, mapping=mapping, progress=progress
            )

        self._run_several(again)

    def _show_several(self, several: lists_several.SeveralPreview) -> None:
        """The chosen file's rows and mapping; every file's errors (by name, of several)."""
        self._busy(False)
        self.several = several
        keep = max(0, self.file_combo.currentIndex())
        self.file_combo.blockSignals(True)
        self.file_combo.clear()
        for preview in several.files:
            self.file_combo.addItem(preview.table.file_name)
        self.file_combo.setCurrentIndex(min(keep, len(several.files) - 1))
        self.file_combo.blockSignals(False)
        self.file_label.setVisible(several.several)
        self.file_combo.setVisible(several.several)
        self._show_file(self.file_combo.currentIndex())
        self.message.clear()
        self.errors_list.clear()
        for line in several.unmapped_lines(self.lang):
            self.errors_list.addItem(_tinted(line, _NOTICE_COLOUR))
        self.errors_list.addItems(several.error_lines(self.lang))
        for line in several.notice_lines(self.lang):
            text = tr("lists.notice", self.lang, text=line)
            self.errors_list.addItem(_tinted(text, _NOTICE_COLOUR))
        if not several.error_count:
            self.errors_list.addItem(tr("lists.dialog.no_errors", self.lang))
        self._fill_villages(several.villages)
        self.summary.setText("\n".join(several.summary_lines(self.lang)))
        missing = several.missing_error()
        if missing is not None:
            self.message.setText(error_text(missing, self.lang))
        self.import_button.setEnabled(missing is None)

    def _show_file(self, index: int) -> None:
        """One of several files in the preview table and the mapping."""
        if self.several is None or not 0 <= index < len(self.several.files):
            return
        preview = self.preview = self.several.files[index]
        texts = {i + 1: [e.text(self.lang) for e in errs] for i, errs in preview.errors.items()}
        self.preview_model.set_rows(list(preview.headers), preview.sample(self.PREVIEW_ROWS), texts)
        self._fill_mapping(preview)

    def _fill_villages(self, plan: VillagePlan) -> None:
        """Unknown villages with their row counts; near-duplicates flagged and left unticked."""
        self.villages_list.blockSignals(True)
        self.villages_list.clear()
        for name, count in sorted(plan.unknown.items(), key=lambda item: -item[1]):
            if name in plan.near:
                label = tr(
                    "lists.dialog.new_village_near",
                    self.lang,
                    name=name,
                    count=count,
                    similar=plan.near[name],
                )
            else:
                label = tr("lists.dialog.new_village_item", self.lang, name=name, count=count)
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = name in plan.new
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            if name in plan.near:
                item.setForeground(QBrush(QColor(_NOTICE_COLOUR)))
            self.villages_list.addItem(item)
        self.villages_list.blockSignals(False)
        self.villages_box.setVisible(bool(plan.unknown))

    def _fill_mapping(self, preview: lists.ListPreview) -> None:
        choices = lists.kind_columns(preview.kind)
        table = self.mapping_table
        table.setRowCount(len(preview.headers))
        for col, header in enumerate(preview.headers):
            item = QTableWidgetItem(header)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(col, 0, item)
            combo = QComboBox()
            for column in choices:
                combo.addItem(tr(f"lists.col.{column.value}", self.lang), column.value)
            current = preview.mapping.get(col, ListColumn.IGNORE)
            combo.setCurrentIndex(max(0, combo.findData(current.value)))
            combo.currentIndexChanged.connect(self._remap)
            table.setCellWidget(col, 1, combo)

    # --- importing -----------------------------------------------------------------------
    def start_import(self) -> None:
        """Import on the worker with a progress dialog; Cancel rolls everything back."""
        if self.several is None:
            return
        several, uow, valid_only = self.several, self.session.uow, self.valid_only.isChecked()
        actor = self.session.user

        def work(progress: Progress) -> lists_several.SeveralResult:
            return lists_several.import_lists(
                uow(), several, valid_only=valid_only, progress=progress, actor=actor
            )

        rows = several.will_import
        dialog = QProgressDialog(
            tr("lists.dialog.importing", self.lang),
            tr("lists.dialog.cancel", self.lang),
            0,
            max(1, rows),
            self,
        )
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self._rate = RateMeter()
        dialog.setMinimumDuration(300)
        self._progress_dialog = dialog
        dialog.canceled.connect(self._cancel_import)
        self._busy(True)
        self._task = None
        self._task = self.session.runner.run(
            work,
            on_success=self._imported,
            on_failure=self._failed,
            on_progress=self._on_progress,
        )

    def _cancel_import(self) -> None:
        """Cancel pressed: the worker stops at its next check and rolls back."""
        if self._task is not None:
            self._task.cancel()

    def _on_progress(self, done: int, total: int) -> None:
        if self._progress_dialog is not None:
            self._progress_dialog.setMaximum(max(1, total))
            self._progress_dialog.setValue(done)
            if self._rate is not None:
                rate, left = self._rate.measure(done, total)
                self._progress_dialog.setLabelText(
                    lists.progress_line(done, total, rate, left, self.lang)
                )

    def _close_progress(self) -> None:
        if self._progress_dialog is not None:
            self._progress_dialog.canceled.disconnect(self._cancel_import)
            self._progress_dialog.reset()
            self._progress_dialog.close()
            self._progress_dialog = None

    def _imported(self, result: lists_several.SeveralResult) -> None:
        """The totals, then every refused row (by file, of several)."""
        self._close_progress()
        self._busy(False)
        self.result = result
        self.result_label.setText("\n".join(result.result_lines(self.lang)))
        self.rejected_list.clear()
        self.rejected_list.addItems(result.rejected_lines(self.lang))
        self.save_rejected_button.setEnabled(any(r.rejected_errors for _, r in result.files))
        self.pages.setCurrentIndex(1)

    def _failed(self, error: Exception) -> None:
        self._close_progress()
        self._busy(False)
        if isinstance(error, CancelledError):
            self.message.setText(tr("lists.cancelled", self.lang))
        elif isinstance(error, FieldAppError):
            self.message.setText(error_text(error, self.lang))
        else:
            self.message.setText(tr("task.unexpected", self.lang, detail=type(error).__name__))

    def save_rejected(self) -> None:
        """The refused rows in the list's layout with an error column (one workbook a file)."""
        several, result = self.several, self.result
        if several is None or result is None or not result.rejected:
            return
        first = Path(several.files[0].table.file_name)
        name = "bi_tu_choi.xlsx" if several.several else f"{first.stem}_bi_tu_choi.xlsx"
        target = self.ask_save_path(str((self.path or first).with_name(name)))
        if not target:
            return
        errors = [r.rejected_errors for _, r in result.files]
        lang = self.lang

        def work(_progress: Progress) -> list[tuple[Path, int]]:
            return lists_several.save_rejected(several, errors, Path(target), lang=lang)

        def saved(written: list[tuple[Path, int]]) -> None:
            lines = [
                tr("lists.rejected_saved", self.lang, count=count, path=str(path))
                for path, count in written
            ]
            self.result_label.setText("\n".join([self.result_label.text(), *lines]))

        def failed(error: Exception) -> None:
            self.result_label.setText(
                self.result_label.text()
                + "\n"
                + tr("lists.save_failed", self.lang, path=target, detail=type(error).__name__)
            )

        self.session.runner.run(work, on_success=saved, on_failure=failed)

    def _busy(self, busy: bool) -> None:
        self.import_button.setEnabled(
            not busy and self.preview is not None and not self.preview.missing
        )
        self.choose_button.setEnabled(not busy)
        self.kind_combo.setEnabled(not busy)


_NOTICE_COLOUR = "#8a5a00"


def _tinted(text: str, colour: str) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setForeground(QBrush(QColor(colour)))
    return item


def _titled(title: str, widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(title)
    label.setStyleSheet("font-weight: bold")
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return box
