"""Messages of the shipped build: version line, console, removable drives, diagnostics."""

MESSAGES: dict[str, tuple[str, str]] = {
    "version.from_source": ("bản chạy từ mã nguồn", "run from source"),
    "diagnostics.system": ("Hệ thống", "System"),
    "diagnostics.frozen": ("Bản cài đặt", "Installed build"),
    "diagnostics.frozen.True": ("có", "yes"),
    "diagnostics.frozen.False": ("không (chạy từ mã nguồn)", "no (run from source)"),
    "diagnostics.data_folder": ("Thư mục dữ liệu", "Data folder"),
    "diagnostics.store": ("Cơ sở dữ liệu", "Store"),
    "diagnostics.log_file": ("Tệp nhật ký", "Log file"),
    "diagnostics.log_tail": ("{count} dòng nhật ký cuối", "Last {count} log lines"),
    "diagnostics.copy": ("Chép thông tin hỗ trợ", "Copy diagnostics"),
    "diagnostics.copied": (
        "Đã chép thông tin hỗ trợ (không có dữ liệu cá nhân). Dán vào tin nhắn gửi người hỗ trợ.",
        "Diagnostics copied (no personal data). Paste them into a message to support.",
    ),
}
