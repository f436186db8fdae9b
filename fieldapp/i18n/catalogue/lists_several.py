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
    # A row whose personal ID another file of the same list has too: kept there, not here.
    "lists.several.duplicate_same": (
        "trùng hệt dòng {other} của tệp «{file}»: bỏ qua dòng này",
        "the same as row {other} of '{file}': this row is skipped",
    ),
    "lists.several.duplicate_kept": (
        "cùng số định danh với dòng {other} của tệp «{file}» nhưng thông tin khác: giữ dòng "
        "đó (dòng nhiều thông tin hơn; bằng nhau thì dòng sau)",
        "the same personal ID as row {other} of '{file}' with different data: that row is "
        "kept (the row with more data; if equal, the later row)",
    ),
    "lists.several.duplicate_later": (
        "cùng số định danh với dòng {other} của tệp «{file}» nhưng thông tin khác: giữ dòng "
        "đó (dòng sau)",
        "the same personal ID as row {other} of '{file}' with different data: that row is "
        "kept (the later row)",
    ),
    "lists.several.chosen": ("{count} tệp: {names}", "{count:file|files}: {names}"),
    "lists.several.show_file": ("Xem tệp:", "Show file:"),
}
