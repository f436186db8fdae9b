"""Messages of the desk you can trust (issue 12): scans over dialogs, name corrections, undo."""

MESSAGES: dict[str, tuple[str, str]] = {
    "desk.scan.dialog_cancelled": (
        "Đã quét thẻ mới nên hộp thoại đang mở đã bị hủy (không ghi gì cho người trước).",
        "A new card was scanned, so the open dialog was cancelled (nothing recorded for the "
        "previous citizen).",
    ),
}

MESSAGES.update(
    {
        "citizen.name_garbled": (
            "Tên «{value}» có ký tự máy quét không gõ được (? hoặc �): hãy sửa lại theo thẻ.",
            "The name '{value}' has letters the scanner could not type (? or �): "
            "correct it from the card.",
        ),
        "citizen.official_wins": (
            "{field} lấy từ danh sách của công an: chỉ công an xã sửa được trong danh sách.",
            "The {field} comes from the police's list: only the commune police can correct it "
            "there.",
        ),
        "citizen.nothing_corrected": (
            "Không có gì thay đổi: chưa ghi gì.",
            "Nothing changed: nothing was recorded.",
        ),
    }
)

MESSAGES.update(
    {
        "desk.outcome.undone_exactly": (
            "Đã hoàn tác cho {name}: {what} (ghi sự kiện sửa; Ctrl+Z lần nữa hoàn tác kết quả "
            "trước đó)",
            "Undone for {name}: {what} (a correcting event was recorded; Ctrl+Z again undoes "
            "the one before)",
        ),
        "desk.correct.saved": (
            "Đã sửa {fields} của {name} (thông tin cũ vẫn lưu trong lịch sử)",
            "Corrected {fields} of {name} (the old details stay in the history)",
        ),
        "field.village_id": ("Thôn", "Village"),
        "desk.bank.unknown": (
            "Chưa có người này trong danh sách của điểm. Hãy nhờ tình nguyện viên thêm công dân "
            "(Ctrl+N), rồi quét lại.",
            "This person is not in the point's lists yet. Ask a volunteer to add the citizen "
            "(Ctrl+N), then scan again.",
        ),
    }
)

MESSAGES.update(
    {
        "desk.action.correct": ("Sửa thông tin công dân…", "Correct the citizen's details…"),
        "desk.correct.title": ("Sửa thông tin công dân", "Correct a citizen's details"),
        "desk.correct.intro": (
            "Sửa theo thẻ CCCD. Mỗi thay đổi được ghi là một sự kiện (ai sửa, lúc nào); "
            "thông tin cũ vẫn lưu trong lịch sử và được gửi cho công an xã.",
            "Correct from the chip ID card. Each change is recorded as an event (who, when); "
            "the old details stay in the history and are sent to the commune police.",
        ),
    }
)

MESSAGES.update(
    {
        "demo.user_line": ("  {name} — {role} — PIN: {pin}", "  {name} — {role} — PIN: {pin}"),
        "demo.removed": (
            "Đã xóa dữ liệu mẫu khỏi {db}. Lần mở tới sẽ thiết lập điểm thật.",
            "Sample data removed from {db}. The next start sets up the real point.",
        ),
        "demo.not_a_demo_store": (
            "Kho này không phải kho dữ liệu mẫu: không xóa gì.",
            "This store is not a demo store: nothing removed.",
        ),
        "demo.title_mark": ("DEMO — dữ liệu giả", "DEMO — sample data"),
        "demo.status": (
            "DEMO: dữ liệu giả, không phải người thật. Xóa: Cài đặt → Xóa dữ liệu mẫu.",
            "DEMO: sample data, not real people. Remove it: Settings → Remove sample data.",
        ),
        "demo.remove_action": ("Xóa dữ liệu mẫu…", "Remove sample data…"),
        "demo.remove_confirm": (
            "Xóa toàn bộ dữ liệu mẫu trong kho này? Sau đó FieldApp đóng lại; lần mở tới sẽ "
            "thiết lập điểm thật.",
            "Remove all the sample data in this store? FieldApp then closes; the next start "
            "sets up the real point.",
        ),
    }
)

MESSAGES.update(
    {
        "setup.role": ("Vai trò của bạn", "Your role"),
        "setup.pin": ("Mã PIN (ít nhất 8 ký tự)", "PIN (at least 8 characters)"),
        "setup.pin_again": ("Nhập lại mã PIN", "PIN again"),
        "setup.missing": (
            "Còn thiếu hoặc chưa đúng: {fields}. (Mã PIN của quản trị và công an: ít nhất "
            "{n} ký tự, nhập hai lần giống nhau.)",
            "Missing or not right yet: {fields}. (An admin's or the police's PIN: at least "
            "{n} characters, typed twice the same.)",
        ),
        "setup.key_card": (
            "Trước khi xuất gói đồng bộ, điểm phải nhận thẻ khóa của Công an xã "
            "(Công cụ → Khóa đồng bộ).",
            "Before it can export a sync bundle, the point must receive the commune police's "
            "key card (Tools → Sync keys).",
        ),
        "setup.demo_where": (
            "Thử với dữ liệu mẫu (ghi vào {db}; ghi chữ DEMO, xóa được)",
            "Try with sample data (written to {db}; marked DEMO, removable)",
        ),
        "setup.demo_loaded": (
            "Đã tạo xã mẫu (dữ liệu giả). Người đăng nhập được:",
            "Demo commune created (sample data). Who can sign in:",
        ),
        "setup.demo_continue": ("Tiếp tục: đăng nhập", "Continue: sign in"),
    }
)

MESSAGES["setup.role_admin"] = (
    "Quản trị (người dùng đầu tiên; thêm những người khác)",
    "Admin (the first user; adds the others)",
)

MESSAGES.update(
    {
        "users_ui.state": ("Trạng thái", "State"),
        "users_ui.state.active": ("Đang dùng", "Active"),
        "users_ui.state.locked": ("Bị khóa (nhập sai PIN)", "Locked (wrong PINs)"),
        "users_ui.state.inactive": ("Đã ngừng", "Deactivated"),
        "users_ui.state.no_pin": ("Chưa có PIN: không đăng nhập được", "No PIN: cannot sign in"),
        "users_ui.picked": ("Người đang chọn", "The picked user"),
        "users_ui.add_title": ("Thêm người dùng", "Add a user"),
        "users_ui.new_name": ("Tên mới", "New name"),
        "users_ui.new_pin": ("PIN mới", "New PIN"),
        "users_ui.rename": ("Đổi tên", "Rename"),
        "users_ui.set_pin": ("Đặt PIN mới", "Set the new PIN"),
        "users_ui.deactivate": ("Ngừng cho đăng nhập", "Deactivate"),
        "users_ui.unlock": ("Mở khóa", "Unlock"),
        "users_ui.pin_rule": (
            "ít nhất 6 chữ số (công an, quản trị: 8 ký tự trở lên)",
            "6+ digits (police, admin: 8+ characters)",
        ),
        "users_ui.renamed": ("Đã đổi tên: {name}", "Renamed: {name}"),
        "users_ui.pin_set": ("Đã đặt PIN mới cho {name}", "New PIN set for {name}"),
        "users_ui.deactivated": (
            "{name} không đăng nhập được nữa (việc đã ghi vẫn giữ)",
            "{name} can no longer sign in (their work stays)",
        ),
        "users_ui.unlocked": ("Đã mở khóa {name}", "{name} unlocked"),
        "users_ui.pick_first": ("Hãy chọn một người trong danh sách", "Pick someone in the list"),
    }
)

MESSAGES.update(
    {
        "desk.menu.help": ("Trợ giúp", "Help"),
        "help.title": ("Các phím của FieldApp", "FieldApp's keys"),
        "help.intro": (
            "Máy quét luôn ghi vào ô quét, dù đang ở trang nào hay đang mở hộp thoại nào.",
            "The scanner always goes to the scan field, whatever page or dialog is open.",
        ),
        "help.keys": (
            "F2\tVề ô quét\n1–5\tChọn bước (ô quét trống, đã có thẻ)\n"
            "D / S / F / R\tKết quả: xong / đã nộp / không được (chọn lý do) / chuyển\n"
            "Esc\tBỏ bước vừa chọn\nCtrl+Z\tHoàn tác kết quả vừa ghi (nói rõ đã hoàn tác gì)\n"
            "Ctrl+F\tTìm công dân theo tên (không cần dấu), Enter mở thẻ\n"
            "Ctrl+E\tSửa tên, ngày sinh, giới tính, thôn\nCtrl+N\tThêm công dân mới\n"
            "P / K\tCó / không có điện thoại thông minh (ô quét trống, đã có thẻ)\n"
            "Ctrl+I\tHiện/ẩn số định danh\nCtrl+H\tHỗ trợ tại nhà\n"
            "Ctrl+R\tNgười nhận trợ cấp (ủy quyền, giám hộ)\nCtrl+K\tTài khoản nhận trợ cấp\n"
            "Ctrl+1 / 2 / 3\tQuét thẻ / Hỗ trợ tại nhà / Hôm nay\nF5\tLàm mới trang\n"
            "Ctrl+O\tNhập gói đồng bộ từ USB\n"
            "Ctrl+L\tĐổi người trực\nCtrl+U\tNgười dùng\nCtrl+,\tCài đặt\nF1\tTrang này\n"
            "Ctrl+Q\tThoát",
            "F2\tBack to the scan field\n1–5\tPick a step (empty scan field, a card open)\n"
            "D / S / F / R\tResult: done / submitted / failed (pick why) / referred\n"
            "Esc\tForget the picked step\nCtrl+Z\tUndo the last outcome (says what it undid)\n"
            "Ctrl+F\tFind a citizen by name (accents optional), Enter opens the card\n"
            "Ctrl+E\tCorrect name, birth date, sex, village\nCtrl+N\tAdd a new citizen\n"
            "P / K\tHas / has no smartphone (empty scan field, a card open)\n"
            "Ctrl+I\tShow/hide the personal ID\nCtrl+H\tHome visit\n"
            "Ctrl+R\tWho receives the payment (proxy, guardian)\nCtrl+K\tPayment account\n"
            "Ctrl+1 / 2 / 3\tScan / Home visits / Today\nF5\tRefresh the page\n"
            "Ctrl+O\tImport sync bundles from a stick\n"
            "Ctrl+L\tSwitch user\nCtrl+U\tUsers\nCtrl+,\tSettings\nF1\tThis page\nCtrl+Q\tQuit",
        ),
        "help.keys.bank": (
            "F2\tVề ô quét\n1\tĐã mở tài khoản (chọn ngân hàng, sinh trắc học)\n"
            "2\tĐã xác thực sinh trắc học\nCtrl+K\tTài khoản nhận trợ cấp\nCtrl+Z\tHoàn tác\n"
            "Ctrl+L\tĐổi người trực\n"
            "F1\tTrang này",
            "F2\tBack to the scan field\n1\tAccount opened (pick the bank, biometrics)\n"
            "2\tBiometric verification done\nCtrl+K\tPayment account\nCtrl+Z\tUndo\n"
            "Ctrl+L\tSwitch user\nF1\tThis page",
        ),
        "help.action": ("Các phím (F1)", "Keys (F1)"),
        "about.action": ("Giới thiệu FieldApp", "About FieldApp"),
        "about.title": ("Giới thiệu FieldApp", "About FieldApp"),
        "about.what": (
            "Hỗ trợ định danh điện tử và an sinh xã hội tại các điểm hỗ trợ (Đề án 06).",
            "e-ID and social-security support at village support points (Project 06).",
        ),
        "about.data": (
            "Dữ liệu của máy này (khóa đồng bộ nằm cạnh, thư mục «keys»):",
            "This computer's data (the sync keys sit beside it, folder 'keys'):",
        ),
    }
)

MESSAGES.update(
    {
        "desk.today.opened": (
            "Đã mở thẻ của {name} (lượt hỗ trợ hôm nay): chọn bước 1–5 để ghi thêm",
            "{name}'s card is open (today's visit): pick a step 1–5 to record more",
        ),
        "desk.correct.official": (
            "Tên, ngày sinh và giới tính lấy từ danh sách của công an: chỉ sửa được thôn ở đây.",
            "Name, birth date and sex come from the police's list: only the village can be "
            "corrected here.",
        ),
    }
)

MESSAGES.update(
    {
        "quit.title": ("Chưa xuất gói đồng bộ", "No sync bundle exported yet"),
        "quit.unexported": (
            "Còn {count} sự kiện chưa có trong gói đồng bộ nào. Hãy xuất gói ra USB cho Công an "
            "xã trước khi tắt máy.",
            "{count:event is|events are} in no sync bundle yet. Export a bundle to the USB stick "
            "for the commune police before switching off.",
        ),
        "quit.export": ("Xuất gói ngay", "Export a bundle now"),
        "quit.anyway": ("Vẫn thoát", "Quit anyway"),
        "quit.stay": ("Ở lại", "Stay"),
    }
)
