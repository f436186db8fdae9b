"""One list in one or several files: the one service both faces call to import a list.

A province's list comes split by district or by Excel's row limit; a commune's comes as one
file, which is the case of one. Texts for the faces are made here, so the desk and the CLI
say the same: with one file, lines do not name it; with several, every line names its file.

The files are checked one after another against one village plan (a new village named in
two files is one village, with one id), then imported in one transaction with one progress
across them: a cancel or a failure in any file leaves nothing, and every error names its
file and its row. Duplicates are settled over all the files as over one file's rows (the
user's rule; a later file's row is later than an earlier file's): a person in two files is
imported once, and the row not kept gets a notice naming the file and row that were kept.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from fieldapp.domain import model as dm
from fieldapp.domain.errors import ValidationError
from fieldapp.i18n import tr
from fieldapp.ingest.columns import ListColumn, ListKind
from fieldapp.ingest.rows import DuplicateRule, DuplicateTracker, RowError
from fieldapp.services import lists
from fieldapp.services.progress import NullProgress, Progress
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.services.villages import VillagePlan
from fieldapp.store import lists_queries as q


@dataclass(slots=True)
class SeveralPreview:
    """The previews of the files of one list, in the order given, sharing one village plan."""

    files: list[lists.ListPreview]
    villages: VillagePlan

    @property
    def kind(self) -> ListKind:
        """The list kind (the same for every file)."""
        return self.files[0].kind

    @property
    def will_import(self) -> int:
        """Rows an import of the valid rows would write, all files together."""
        return sum(p.will_import for p in self.files)

    @property
    def data_rows(self) -> int:
        """Data rows, all files together."""
        return sum(p.parsed.data_rows for p in self.files)

    @property
    def error_count(self) -> int:
        """Rows with errors, all files together."""
        return sum(len(p.errors) for p in self.files)

    @property
    def ids_restored(self) -> int:
        """IDs whose leading zeros were restored, all files together."""
        return sum(p.parsed.ids_restored for p in self.files)

    @property
    def missing(self) -> tuple[str, ListColumn] | None:
        """The first file lacking a required column, and the column."""
        for preview in self.files:
            if preview.missing:
                return preview.table.file_name, preview.missing[0]
        return None

    @property
    def several(self) -> bool:
        """More than one file: lines name their file."""
        return len(self.files) > 1

    def _line(self, preview: lists.ListPreview, text: str, lang: str) -> str:
        return file_line(preview.table.file_name, text, lang) if self.several else text

    def error_lines(self, lang: str = "vi") -> list[str]:
        """Every row error; with several files each names its file: "Tệp «b.xlsx»: Dòng 17…"."""
        return [self._line(p, e.text(lang), lang) for p in self.files for e in p.error_list]

    def converted_lines(self, lang: str = "vi") -> list[str]:
        """Cells converted from an old font encoding, file by file (files with any)."""
        return [
            self._line(
                p,
                tr(
                    "lists.converted",
                    lang,
                    count=p.converted_cells,
                    family=(p.table.legacy_encoding or "").upper(),
                ),
                lang,
            )
            for p in self.files
            if p.converted_cells
        ]

    def notice_lines(self, lang: str = "vi") -> list[str]:
        """Every notice (duplicates settled, missing birth dates), naming the file of several."""
        return [self._line(p, e.text(lang), lang) for p in self.files for e in p.notices]

    def unmapped_lines(self, lang: str = "vi") -> list[str]:
        """Every header that maps to nothing, with a sample of its values."""
        lines = []
        for preview in self.files:
            for column in preview.unmapped:
                samples = ", ".join(f"«{s}»" for s in column.samples) or "—"
                text = tr("lists.unmapped", lang, header=column.header, samples=samples)
                lines.append(self._line(preview, text, lang))
        return lines

    def summary_lines(self, lang: str = "vi") -> list[str]:
        """Rows, errors, IDs restored (and how, for one file), cells converted."""
        if self.several:
            first = tr(
                "lists.several.summary",
                lang,
                files=len(self.files),
                rows=self.data_rows,
                errors=self.error_count,
                restored=self.ids_restored,
            )
            return [first, *self.converted_lines(lang)]
        preview = self.files[0]
        lines = [
            tr(
                "lists.preview_summary",
                lang,
                rows=preview.parsed.data_rows,
                errors=len(preview.errors),
                restored=preview.parsed.ids_restored,
            )
        ]
        how = preview.parsed.restored_how
        if how:
            text = sum(v for k, v in how.items() if k.startswith("text"))
            lines.append(tr("lists.restored_how", lang, number=how.get("number", 0), text=text))
        return [*lines, *self.converted_lines(lang)]

    def missing_error(self) -> ValidationError | None:
        """The error for the first required column a file lacks (naming the file of several)."""
        missing = self.missing
        if missing is None:
            return None
        return lists.missing_column_error(missing[1], missing[0] if self.several else None)


@dataclass(frozen=True, slots=True)
class SeveralResult:
    """What an import of several files did, file by file, and in all."""

    files: tuple[tuple[str, lists.ImportResult], ...]
    villages_added: tuple[str, ...] = ()

    def _sum(self, name: str) -> int:
        return sum(getattr(result, name) for _, result in self.files)

    @property
    def imported(self) -> int:
        """Rows that wrote something, all files together."""
        return self._sum("imported")

    @property
    def unchanged(self) -> int:
        """Rows that wrote nothing (the store knew it all)."""
        return self._sum("unchanged")

    @property
    def rejected(self) -> int:
        """Rows refused, all files together."""
        return self._sum("rejected")

    @property
    def ids_restored(self) -> int:
        """IDs whose leading zeros were restored."""
        return self._sum("ids_restored")

    def rejected_lines(self, lang: str = "vi") -> list[str]:
        """Every refused row's errors; with several files each names its file."""
        several = len(self.files) > 1
        return [
            file_line(name, error.text(lang), lang) if several else error.text(lang)
            for name, result in self.files
            for index in sorted(result.rejected_errors)
            for error in result.rejected_errors[index]
        ]

    def result_lines(self, lang: str = "vi") -> list[str]:
        """What the import did, and the villages it added."""
        counts = {
            "imported": self.imported,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "restored": self.ids_restored,
        }
        if len(self.files) > 1:
            lines = [tr("lists.several.result", lang, files=len(self.files), **counts)]
        else:
            lines = [tr("lists.result", lang, **counts)]
        if self.villages_added:
            names, count = ", ".join(self.villages_added), len(self.villages_added)
            lines.append(tr("lists.villages_added", lang, count=count, names=names))
        return lines


def file_line(file_name: str, text: str, lang: str = "vi") -> str:
    """A line about one file of several: "Tệp «b.xlsx»: …"."""
    return tr("lists.several.file_line", lang, file=file_name, text=text)


def preview_lists(
    uow: UnitOfWork,
    paths: Sequence[str | Path],
    kind: ListKind | str,
    *,
    map_options: Sequence[str] = (),
    add_villages: Collection[str] | bool = (),
    today: date | None = None,
    progress: Progress | None = None,
    duplicates: DuplicateRule | str = DuplicateRule.FULLER,
) -> SeveralPreview:
    """Read and check each file (as `lists.preview_list`), with one village plan for all.

    `progress` sees the rows read across the files, one count from the first file's first
    row to the last file's last. One file is checked as `lists.preview_list` would.
    """
    if not paths:
        raise ValueError("no file")
    plan = _plan(uow, add_villages)
    progress = progress or NullProgress()
    files: list[lists.ListPreview] = []
    tracker = DuplicateTracker()  # every file's IDs: duplicates settled over the whole list
    for number, path in enumerate(paths):
        before = sum(p.parsed.data_rows + p.parsed.skipped_rows for p in files)
        tracker.file = number
        files.append(
            lists.preview_list(
                uow,
                path,
                kind,
                map_options=map_options,
                today=today,
                progress=_Along(progress, before),
                duplicates=duplicates,
                villages=plan,
                tracker=tracker,
                spill=len(paths) > 1,
            )
        )
    return _settled(files, plan, tracker)


def remap_lists(
    uow: UnitOfWork,
    several: SeveralPreview,
    *,
    index: int | None = None,
    mapping: Mapping[int, ListColumn] | None = None,
    add_villages: Collection[str] | bool | None = None,
    duplicates: DuplicateRule | str | None = None,
    progress: Progress | None = None,
) -> SeveralPreview:
    """Every file checked again, none read again: after a change of one file's mapping.

    File `index` gets `mapping`; the villages to add and the duplicate rule apply to all.
    """
    adding = several.villages.chosen if add_villages is None else add_villages
    plan = _plan(uow, adding)
    progress = progress or NullProgress()
    files: list[lists.ListPreview] = []
    tracker = DuplicateTracker()
    for i, preview in enumerate(several.files):
        before = sum(p.parsed.data_rows + p.parsed.skipped_rows for p in files)
        tracker.file = i
        files.append(
            lists.remap(
                uow,
                preview,
                mapping if i == index else None,
                progress=_Along(progress, before),
                duplicates=duplicates,
                villages=plan,
                tracker=tracker,
                spill=len(several.files) > 1,
            )
        )
    return _settled(files, plan, tracker)


def import_lists(
    uow: UnitOfWork,
    several: SeveralPreview,
    *,
    valid_only: bool,
    as_of: date | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
    actor: dm.User,
) -> SeveralResult:
    """Import every file in one transaction (see `lists.import_previews`)."""
    results = lists.import_previews(
        uow,
        several.files,
        valid_only=valid_only,
        as_of=as_of,
        progress=progress,
        now=now,
        actor=actor,
    )
    return SeveralResult(
        tuple((p.table.file_name, r) for p, r in zip(several.files, results, strict=True)),
        villages_added=results[0].villages_added,
    )


def rejected_path(target: Path, file_name: str) -> Path:
    """Where one file's refused rows go when several files were imported: `<target>_<file>`."""
    return target.with_name(f"{target.stem}_{Path(file_name).stem}{target.suffix or '.xlsx'}")


def save_rejected(
    several: SeveralPreview,
    errors: Sequence[Mapping[int, list[RowError]]],
    target: Path,
    *,
    lang: str = "vi",
) -> list[tuple[Path, int]]:
    """Each file's refused rows in its own workbook beside `target`; (path, rows) per file.

    One file's go to `target` itself.
    """
    saved = []
    for preview, file_errors in zip(several.files, errors, strict=True):
        if file_errors:
            path = rejected_path(target, preview.table.file_name) if several.several else target
            saved.append((path, lists.save_rejected(preview, file_errors, path, lang=lang)))
    return saved


def _plan(uow: UnitOfWork, add_villages: Collection[str] | bool) -> VillagePlan:
    with uow:
        return VillagePlan(q.village_names(uow.repo.session), add=add_villages)


def _settled(
    files: list[lists.ListPreview], plan: VillagePlan, tracker: DuplicateTracker
) -> SeveralPreview:
    """Duplicates settled over every file; the unknown villages counted over every file."""
    headers = [
        next((p.headers[i] for i, c in p.mapping.items() if c is ListColumn.PERSONAL_ID), "")
        for p in files
    ]
    names = [p.table.file_name for p in files]
    tracker.settle_files([p.parsed for p in files], headers, names, files[0].duplicates)
    for preview in files:
        superseded = preview.parsed.superseded
        preview.parsed.valid_count -= len(superseded)
        preview.conflicts = {i: e for i, e in preview.conflicts.items() if i not in superseded}
        if preview.parsed.kept and superseded:  # a held file's rows (one file, not spilled)
            preview.parsed.rows = [r for r in preview.parsed.rows if r.index not in superseded]
    unknown: dict[str, int] = {}
    for preview in files:
        for name, count in preview.parsed.unknown_villages.items():
            unknown[name] = unknown.get(name, 0) + count
    plan.unknown = unknown
    return SeveralPreview(files, plan)


class _Along:
    """One file's progress as part of the whole: rows before it are added to its count."""

    def __init__(self, progress: Progress, before: int) -> None:
        self.progress = progress
        self.before = before

    @property
    def cancelled(self) -> bool:
        """The whole work's cancel."""
        return self.progress.cancelled

    def report(self, done: int, total: int) -> None:
        """Rows of this file done, as rows of all files done."""
        self.progress.report(self.before + done, total)
