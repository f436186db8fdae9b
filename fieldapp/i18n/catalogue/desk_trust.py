"""Messages of the desk you can trust (issue 12): scans over dialogs, name corrections, undo."""

MESSAGES: dict[str, tuple[str, str]] = {
    "desk.scan.dialog_cancelled": (
        "Đã quét thẻ mới nên hộp thoại đang mở đã bị hủy (không ghi gì cho người trước).",
        "A new card was scanned, so the open dialog was cancelled (nothing recorded for the "
        "previous citizen).",
    ),
}
