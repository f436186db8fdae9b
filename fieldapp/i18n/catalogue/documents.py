"""Messages of the printed documents: guide sheet, leaflet, slips, their CLI and screen."""

MESSAGES: dict[str, tuple[str, str]] = {
    "documents.bad_qr_target": (
        "Mã QR «{entry}»: «{value}» không phải địa chỉ web http:// hoặc https://",
        "QR code '{entry}': '{value}' is not an http:// or https:// address",
    ),
    "documents.bad_qr_kind": (
        "Mã QR «{entry}»: loại «{value}» không hợp lệ (guide, video hoặc app)",
        "QR code '{entry}': kind '{value}' is not guide, video or app",
    ),
    "documents.duplicate_qr": (
        "Mã QR «{entry}» bị khai báo hai lần",
        "QR code '{entry}' is defined twice",
    ),
    "documents.unknown_qr": (
        "«{entry}» nhắc đến mã QR «{name}» nhưng không có mục [[qr]] nào tên như vậy",
        "'{entry}' names QR code '{name}', but no [[qr]] entry has that id",
    ),
    "documents.guide_missing": (
        "Không tìm thấy tệp nội dung hướng dẫn: {path}",
        "Guide text file not found: {path}",
    ),
    "documents.guide_not_utf8": (
        "Tệp nội dung hướng dẫn phải lưu bằng mã UTF-8: {path}",
        "The guide text file must be saved as UTF-8: {path}",
    ),
    "documents.guide_unreadable": (
        "Tệp nội dung hướng dẫn bị lỗi cú pháp: {path} ({detail})",
        "The guide text file has a syntax error: {path} ({detail})",
    ),
    "documents.guide_missing_entry": (
        "Tệp nội dung hướng dẫn thiếu hoặc để trống mục «{entry}»",
        "The guide text file lacks or leaves empty the entry '{entry}'",
    ),
    "documents.font_missing": (
        "Thiếu tệp phông chữ {path}: không thể in tiếng Việt. Hãy cài lại ứng dụng.",
        "Font file {path} is missing: Vietnamese text cannot be printed. Reinstall the app.",
    ),
    "documents.font_unreadable": (
        "Tệp phông chữ {path} bị hỏng ({detail})",
        "Font file {path} is damaged ({detail})",
    ),
    "documents.text_too_long": (
        "Nội dung của «{frame}» quá dài, thu nhỏ chữ còn {percent}% vẫn không vừa. "
        "Hãy rút gọn nội dung.",
        "The content of '{frame}' is too long: it does not fit even at {percent}% text size. "
        "Shorten it.",
    ),
    "documents.table_shape": (
        "Một dòng của bảng không có đủ {columns} cột",
        "A table row does not have {columns} columns",
    ),
    "documents.char_missing": (
        "Phông chữ không có ký tự «{char}» ({code}) trong «{text}»: hãy sửa nội dung",
        "The font has no character '{char}' ({code}) in '{text}': change the text",
    ),
    "documents.empty": ("Không có gì để in", "Nothing to print"),
    "documents.folder_missing": (
        "Thư mục {path} không tồn tại",
        "Folder {path} does not exist",
    ),
    "documents.no_village_slips": (
        "Thôn {village}: không còn ai thiếu bước nào, không có phiếu để in",
        "{village}: nobody is missing a step, no slips to print",
    ),
    "documents.bad_days": (
        "Ngày mở cửa «{value}» không hợp lệ: dùng 2-8 (Thứ Hai là 2, Chủ nhật là 8 hoặc CN), "
        "ví dụ 2-6 hoặc 2,4,6",
        "Opening days '{value}' are invalid: use 2-8 (Monday is 2, Sunday is 8 or CN), "
        "e.g. 2-6 or 2,4,6",
    ),
    "documents.written": ("Đã lưu {pages} trang vào {path}", "Saved {pages:page|pages} to {path}"),
    "documents.guide_file_set": (
        "Từ nay dùng tệp nội dung {path} ({codes} mã QR, đã kiểm tra)",
        "From now on using the guide file {path} ({codes} QR codes, checked)",
    ),
    "documents.point_saved": (
        "Đã lưu thông tin in của điểm {point}: {schedule}",
        "Saved the print details of {point}: {schedule}",
    ),
    # The desk's printing menu and dialogs.
    "documents.menu": ("&In ấn", "&Printing"),
    "documents.action_guide": ("In phiếu hướng dẫn (A4)…", "Print guide sheet (A4)…"),
    "documents.action_leaflet": ("In tờ rơi (2 tờ A5)…", "Print leaflet (2 × A5)…"),
    "documents.action_slip": ("In phiếu hẹn cho công dân…", "Print a citizen's slip…"),
    "documents.action_village": ("In phiếu hẹn cả thôn…", "Print slips for a village…"),
    "documents.ask_id_title": ("Phiếu hẹn", "Slip"),
    "documents.ask_id": ("Số định danh cá nhân (12 số):", "Personal ID (12 digits):"),
    "documents.ask_village_title": ("Phiếu hẹn cả thôn", "Slips for a village"),
    "documents.ask_village": ("Chọn thôn:", "Village:"),
    "documents.ask_roll": ("In trên giấy cuộn 80 mm", "Print on an 80 mm roll"),
    "documents.choose_title": ("In hay lưu PDF?", "Print or save a PDF?"),
    "documents.choose_text": (
        "Tài liệu đã sẵn sàng ({pages} trang).",
        "The document is ready ({pages:page|pages}).",
    ),
    "documents.print_button": ("In…", "Print…"),
    "documents.save_button": ("Lưu PDF…", "Save PDF…"),
    "documents.save_title": ("Lưu tệp PDF", "Save PDF file"),
    "documents.progress": ("Đang chuẩn bị phiếu…", "Preparing slips…"),
    "documents.printed": (
        "Đã gửi {pages} trang tới máy in",
        "Sent {pages:page|pages} to the printer",
    ),
    "documents.saved": ("Đã lưu {path}", "Saved {path}"),
    "documents.failed_title": ("Không in được", "Cannot print"),
}
