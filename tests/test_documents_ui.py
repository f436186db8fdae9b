import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from fieldapp.services import documents
from fieldapp.ui import printing
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.session import DeskSession
from fieldapp.ui.tasks import InlineTaskRunner
from tests.documents_helpers import decode_qr, page_sizes_mm, pdf_text


@pytest.fixture
def window(qtbot, uow, small_commune):
    session = DeskSession(
        uow=uow,
        runner=InlineTaskRunner(),
        point=small_commune.points[0],
        user=small_commune.users[0],
    )
    win = MainWindow(session)
    qtbot.addWidget(win)
    return win


def pdf_printer(path):
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(150)
    return printer


def test_the_printing_menu_is_in_the_main_window(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&In ấn" in titles
    texts = [a.text() for a in window.printing.menu.actions()]
    assert texts[0].startswith("In phiếu hướng dẫn")
    assert len(texts) == 5  # guide, leaflet, slip, village slips, authorisation (issue 19)


def test_print_pdf_paints_each_page_at_its_size(tmp_path, uow, small_commune):
    rendered = documents.village_slips(uow(), small_commune.villages[0].name, roll=True)
    out = tmp_path / "printed.pdf"
    pages = printing.print_pdf(rendered.pdf, pdf_printer(out))
    assert pages == rendered.pages
    sizes = page_sizes_mm(out.read_bytes())
    assert len(sizes) == rendered.pages
    assert all(abs(w - 80) < 1 for w, _ in sizes)
    assert decode_qr(out.read_bytes(), page=0, dpi=203) == ["https://vneid.gov.vn/"]


def test_guide_through_the_print_dialog(window, monkeypatch, tmp_path):
    out = tmp_path / "guide-printed.pdf"
    menu = window.printing
    monkeypatch.setattr(menu, "ask_print_or_save", lambda rendered: "print")
    monkeypatch.setattr(menu, "make_printer", lambda: pdf_printer(out))
    menu.print_guide()
    data = out.read_bytes()
    [(width, height)] = page_sizes_mm(data)  # Qt rounds page sizes to whole points
    assert abs(width - 210) < 0.5 and abs(height - 297) < 0.5
    assert len(decode_qr(data)) == 3
    assert "Đã gửi 1 trang tới máy in" in window.statusBar().currentMessage()


def test_leaflet_saved_as_pdf(window, monkeypatch, tmp_path):
    out = tmp_path / "leaflet.pdf"
    menu = window.printing
    monkeypatch.setattr(menu, "ask_print_or_save", lambda rendered: "save")
    monkeypatch.setattr(menu, "ask_save_path", lambda title: str(out))
    menu.print_leaflet()
    assert page_sizes_mm(out.read_bytes()) == [(297.0, 210.0)]
    assert "Đã lưu" in window.statusBar().currentMessage()


def _accept_with(monkeypatch, fill):
    def exec_(dialog):
        fill(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(printing.SlipRequestDialog, "exec", exec_)
    monkeypatch.setattr(printing.SlipDialog, "exec", exec_)


def test_one_slip_by_id_on_the_roll(window, monkeypatch, tmp_path, small_commune):
    citizen = small_commune.citizens[3]

    def fill(dialog):
        dialog.id_field.setText(citizen.personal_id)
        dialog.paper.setCurrentIndex(dialog.paper.findData("roll"))

    _accept_with(monkeypatch, fill)
    out = tmp_path / "slip.pdf"
    menu = window.printing
    monkeypatch.setattr(menu, "ask_print_or_save", lambda rendered: "save")
    monkeypatch.setattr(menu, "ask_save_path", lambda title: str(out))
    menu.print_slip()
    assert page_sizes_mm(out.read_bytes())[0][0] == 80.0
    assert citizen.full_name in pdf_text(out.read_bytes())


def test_village_batch_runs_with_progress_and_can_be_cancelled(
    window, monkeypatch, tmp_path, small_commune
):
    village = small_commune.villages[2].name

    def fill(dialog):
        dialog.village_field.setCurrentText(village)

    _accept_with(monkeypatch, fill)
    seen = []
    menu = window.printing
    monkeypatch.setattr(menu, "ask_print_or_save", lambda rendered: seen.append(rendered))
    menu.print_village()
    assert seen and seen[0].slips > 0

    # Cancel: the progress reports flip the task's cancel flag after the first page.
    seen.clear()
    original = window.session.runner.run

    def run_and_cancel(work, **kwargs):
        class Cancelling:
            cancelled = False

            def report(self, done, total):
                self.cancelled = True

        try:
            result = work(Cancelling())
        except Exception as error:
            kwargs["on_failure"](error)
        else:
            kwargs["on_success"](result)
        return type("H", (), {"cancel": lambda self: None})()

    monkeypatch.setattr(window.session.runner, "run", run_and_cancel)
    menu.print_village()
    assert seen == []
    assert "hủy" in window.statusBar().currentMessage().lower()
    monkeypatch.setattr(window.session.runner, "run", original)


def test_errors_are_shown_not_raised(window, monkeypatch):
    def fill(dialog):
        dialog.id_field.setText("12345")

    _accept_with(monkeypatch, fill)
    shown = []
    monkeypatch.setattr(window.printing, "show_error", shown.append)
    window.printing.print_slip()
    assert shown and "cần 12" in shown[0]


def test_slip_dialog_renders_offscreen(qtbot, tmp_path):
    dialog = printing.SlipRequestDialog("vi", ["Thôn Đông Hòa", "Thôn Bắc Sơn"], None)
    qtbot.addWidget(dialog)
    dialog.grab().save(str(tmp_path / "dialog.png"))
    assert dialog.village_field.count() == 2


def test_slip_dialog_is_prefilled_with_the_card_on_the_desk(
    window, monkeypatch, uow, small_commune
):
    from fieldapp.services import lookup

    citizen = small_commune.citizens[5]
    window.card_view.show_card(lookup.look_up(uow(), citizen.personal_id))
    seen = []

    def exec_(dialog):
        seen.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(printing.SlipDialog, "exec", exec_)
    window.printing.print_slip()
    [dialog] = seen
    assert dialog.request().personal_id == citizen.personal_id
    # issue 12: the dialog shows the ID masked, as the slip prints it
    assert dialog.who.text().endswith("••••••••" + citizen.personal_id[-4:])
    assert not dialog.id_field.isVisible() and citizen.personal_id not in dialog.who.text()


def test_a_batch_on_the_real_worker_thread(qtbot, uow, small_commune, monkeypatch, tmp_path):
    from fieldapp.ui.tasks import TaskRunner

    session = DeskSession(
        uow=uow, runner=TaskRunner(), point=small_commune.points[0], user=small_commune.users[0]
    )
    win = MainWindow(session)
    qtbot.addWidget(win)
    village = small_commune.villages[0].name
    _accept_with(monkeypatch, lambda dialog: dialog.village_field.setCurrentText(village))
    seen = []
    monkeypatch.setattr(win.printing, "ask_print_or_save", seen.append)
    win.printing.print_village()
    qtbot.waitUntil(lambda: bool(seen), timeout=20000)
    assert seen[0].slips > 0 and seen[0].pdf.startswith(b"%PDF")
    session.runner.wait()
