"""Messages of a list imported from several files at once (one transaction, one progress)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "lists.several.file_line": ("Tệp «{file}»: {text}", "File '{file}': {text}"),
    "lists.several.has_errors": (
        "Tệp «{file}» có {count} dòng lỗi, ví dụ {first_vi}. Không nhập tệp nào. Hãy sửa, "
        "hoặc chọn chỉ nhập các dòng hợp lệ.",
        "'{file}' has {count:row|rows} with errors, e.g. {first_en}. No file was imported. "
        "Fix them, or choose to import the valid rows only.",
    ),
    "lists.several.missing_column": (
        "Tệp «{file}» thiếu cột bắt buộc: {column_vi}",
        "'{file}' lacks a required column: {column_en}",
    ),
    "lists.several.one_file_only": (
        "Danh sách tổ/đơn vị chỉ nhập từ một tệp mỗi lần",
        "A team list or a roster is imported from one file at a time",
    ),
    "lists.several.summary": (
        "{files} tệp: {rows} dòng dữ liệu, {errors} dòng lỗi, {restored} số định danh được "
        "khôi phục số 0 đầu",
        "{files:file|files}: {rows:data row|data rows}, {errors:row|rows} with errors, "
        "{restored} IDs had leading zeros restored",
    ),
    "lists.several.result": (
        "{files} tệp, một lần nhập: đã nhập {imported} dòng, {unchanged} dòng không thay đổi, "
        "{rejected} dòng bị từ chối; khôi phục số 0 đầu cho {restored} số định danh.",
        "{files:file|files}, one import: {imported:row|rows} imported, {unchanged} unchanged, "
        "{rejected} rejected; leading zeros restored on {restored} personal IDs.",
    ),
    "lists.several.chosen": ("{count} tệp: {names}", "{count:file|files}: {names}"),
    "lists.several.show_file": ("Xem tệp:", "Show file:"),
}
