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
        "citizen.correct_forbidden": (
            "Cán bộ ngân hàng không sửa thông tin công dân; hãy nhờ tình nguyện viên.",
            "A bank officer does not correct a citizen's details; ask a volunteer.",
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
