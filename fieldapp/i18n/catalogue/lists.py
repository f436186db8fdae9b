"""Messages of list imports: files, columns, row errors, results."""

MESSAGES: dict[str, tuple[str, str]] = {
    # List kinds.
    "lists.kind.police": ("Danh sách tài khoản ĐDĐT mức 2 (Công an)", "Police level-2 list"),
    "lists.kind.beneficiary": ("Danh sách đối tượng hưởng chính sách", "Beneficiary list"),
    "lists.kind.help": ("Danh sách người cần hỗ trợ", "List of people to help"),
    # Columns the import understands.
    "lists.col.ignore": ("(bỏ qua)", "(ignore)"),
    "lists.col.row_number": ("STT", "Row number"),
    "lists.col.personal_id": ("Số định danh cá nhân", "Personal ID"),
    "lists.col.old_id": ("Số CMND cũ", "Old ID number"),
    "lists.col.full_name": ("Họ và tên", "Full name"),
    "lists.col.birth_date": ("Ngày sinh", "Date of birth"),
    "lists.col.birth_year": ("Năm sinh", "Year of birth"),
    "lists.col.sex": ("Giới tính", "Sex"),
    "lists.col.village": ("Thôn", "Village"),
    "lists.col.address": ("Địa chỉ", "Address"),
    "lists.col.phone": ("Số điện thoại", "Phone number"),
    "lists.col.registered": ("Đã có tài khoản mức 2", "Level-2 account"),
    "lists.col.activated": ("Đã kích hoạt", "Activated"),
    "lists.col.linked": ("Đã tích hợp ASXH", "Benefit account linked"),
    "lists.col.beneficiary_group": ("Nhóm đối tượng", "Beneficiary group"),
    "lists.col.payment_status": ("Tình trạng chi trả", "Payment status"),
    "lists.col.proxy_name": ("Người được ủy quyền", "Proxy"),
    "lists.col.guardian_name": ("Người giám hộ", "Guardian"),
    "lists.col.note": ("Ghi chú", "Note"),
    # Files that are not lists.
    "lists.file_missing": ("Không tìm thấy tệp «{name}»", "File '{name}' not found"),
    "lists.file_image": (
        "Tệp «{name}» là một hình ảnh hoặc PDF, không phải bảng tính. "
        "Hãy mở đúng tệp danh sách (.xlsx, .xls, .ods, .csv).",
        "'{name}' is an image or a PDF, not a spreadsheet. "
        "Open the list itself (.xlsx, .xls, .ods, .csv).",
    ),
    "lists.file_encrypted": (
        "Tệp «{name}» có mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu, lưu lại rồi nhập lại.",
        "'{name}' is password-protected. Open it in Excel, remove the password, "
        "save it and import again.",
    ),
    "lists.file_unreadable": (
        "Không đọc được tệp «{name}»: tệp hỏng hoặc không phải bảng tính",
        "Cannot read '{name}': the file is damaged or not a spreadsheet",
    ),
    "lists.file_empty": (
        "Tệp «{name}» không có dữ liệu (trang tính trống)",
        "'{name}' holds no data (the sheet is empty)",
    ),
    "lists.file_not_text": (
        "Tệp «{name}» không phải văn bản CSV đọc được",
        "'{name}' is not a readable CSV text file",
    ),
    "lists.no_header": (
        "Không tìm thấy dòng tiêu đề cột (ví dụ «Số CCCD», «Họ và tên») trong «{name}»",
        "No header row (such as 'Số CCCD', 'Họ và tên') found in '{name}'",
    ),
    "lists.missing_column": (
        "Thiếu cột bắt buộc: {column_vi}",
        "A required column is missing: {column_en}",
    ),
    "lists.has_errors": (
        "Có {count} dòng lỗi: không nhập gì. Hãy sửa, hoặc chọn chỉ nhập các dòng hợp lệ.",
        "{count} rows have errors: nothing imported. Fix them, or choose to import "
        "the valid rows only.",
    ),
    "lists.cancelled": ("Đã hủy: dữ liệu không thay đổi", "Cancelled: nothing was changed"),
    "lists.unknown_kind": ("Loại danh sách không hợp lệ: {kind}", "Unknown list kind: {kind}"),
    # Row errors: "Dòng 17, cột 'Số CCCD': 11 chữ số, cần 12".
    "lists.row_error": (
        "Dòng {row}, cột '{column}': {problem}",
        "Row {row}, column '{column}': {problem}",
    ),
    "lists.row_error_nocol": ("Dòng {row}: {problem}", "Row {row}: {problem}"),
    "lists.p.empty": ("đang để trống", "is empty"),
    "lists.p.id_not_digits": ("«{value}» không phải dãy số", "'{value}' is not a number"),
    "lists.p.id_scientific": (
        "«{value}»: Excel đã đổi số thành dạng khoa học và làm mất chữ số; hãy định dạng cột "
        "là Văn bản (Text) rồi xuất lại danh sách",
        "'{value}': Excel turned the number into scientific notation and lost digits; format "
        "the column as Text and export the list again",
    ),
    "lists.p.id_length": ("{count} chữ số, cần 12", "{count} digits, 12 needed"),
    "lists.p.id_province": (
        "mã tỉnh {code} không tồn tại",
        "province code {code} does not exist",
    ),
    "lists.p.id_century": (
        "chữ số thứ 4 không khớp với năm sinh {year}",
        "the 4th digit does not match birth year {year}",
    ),
    "lists.p.id_year": (
        "chữ số thứ 5-6 không khớp với năm sinh {year}",
        "digits 5-6 do not match birth year {year}",
    ),
    "lists.p.id_sex": (
        "chữ số thứ 4 không khớp với giới tính",
        "the 4th digit does not match the sex",
    ),
    "lists.p.phone": (
        "«{value}» không phải số di động Việt Nam",
        "'{value}' is not a Vietnamese mobile number",
    ),
    "lists.p.date": ("«{value}» không phải ngày tháng", "'{value}' is not a date"),
    "lists.p.date_impossible": (
        "ngày «{value}» không tồn tại",
        "the date '{value}' does not exist",
    ),
    "lists.p.date_future": ("ngày sinh {value} ở tương lai", "birth date {value} is in the future"),
    "lists.p.year": ("«{value}» không phải năm sinh", "'{value}' is not a birth year"),
    "lists.p.sex": ("«{value}» không phải Nam hoặc Nữ", "'{value}' is neither Nam nor Nữ"),
    "lists.p.yes_no": (
        "«{value}» không rõ có hay chưa (ghi x, có, đã, hoặc để trống)",
        "'{value}' is neither yes nor no (write x, có, đã, or leave blank)",
    ),
    "lists.p.village": (
        "không có thôn «{value}» trong xã",
        "the commune has no village '{value}'",
    ),
    "lists.p.group": (
        "«{value}» không phải nhóm đối tượng đã biết",
        "'{value}' is not a known beneficiary group",
    ),
    "lists.p.payment": (
        "«{value}» không phải tình trạng chi trả đã biết",
        "'{value}' is not a known payment status",
    ),
    "lists.p.duplicate": (
        "số định danh trùng với dòng {other}",
        "the same personal ID as row {other}",
    ),
    "lists.p.duplicate_differs": (
        "số định danh xuất hiện lại ở dòng {other} với thông tin khác",
        "the personal ID appears again in row {other} with different data",
    ),
    "lists.p.name_conflict": (
        "tên «{value}» khác với tên đã lưu «{stored}»",
        "the name '{value}' differs from the stored name '{stored}'",
    ),
    # Results.
    "lists.result": (
        "Đã nhập {imported} dòng, {unchanged} dòng không thay đổi, {rejected} dòng bị từ chối; "
        "khôi phục số 0 đầu cho {restored} số định danh.",
        "{imported} rows imported, {unchanged} unchanged, {rejected} rejected; "
        "leading zeros restored on {restored} personal IDs.",
    ),
    "lists.preview_summary": (
        "{rows} dòng dữ liệu, {errors} dòng lỗi, {restored} số định danh được khôi phục số 0 đầu",
        "{rows} data rows, {errors} rows with errors, {restored} IDs had leading zeros restored",
    ),
    "lists.rejected_saved": (
        "Đã lưu {count} dòng bị từ chối vào «{path}»",
        "Saved {count} rejected rows to '{path}'",
    ),
    "lists.error_column": ("Lỗi", "Error"),
    "lists.save_failed": (
        "Không lưu được «{path}» ({detail}). Tệp có đang mở trong Excel không?",
        "Could not save '{path}' ({detail}). Is the file open in Excel?",
    ),
    # Dialog.
    "lists.dialog.title": ("Nhập danh sách", "Import a list"),
    "lists.dialog.file": ("Tệp:", "File:"),
    "lists.dialog.choose": ("Chọn tệp…", "Choose a file…"),
    "lists.dialog.kind": ("Loại danh sách:", "List kind:"),
    "lists.dialog.preview": ("Xem trước", "Preview"),
    "lists.dialog.mapping": ("Cột trong tệp → thông tin", "File column → meaning"),
    "lists.dialog.errors": ("Lỗi", "Errors"),
    "lists.dialog.valid_only": (
        "Chỉ nhập các dòng hợp lệ (bỏ qua dòng lỗi)",
        "Import the valid rows only (skip rows with errors)",
    ),
    "lists.dialog.import": ("Nhập", "Import"),
    "lists.dialog.close": ("Đóng", "Close"),
    "lists.dialog.save_rejected": ("Lưu các dòng bị từ chối…", "Save rejected rows…"),
    "lists.dialog.importing": ("Đang nhập danh sách…", "Importing the list…"),
    "lists.dialog.cancel": ("Hủy", "Cancel"),
    "lists.dialog.file_filter": (
        "Bảng tính (*.xlsx *.xls *.ods *.csv)",
        "Spreadsheets (*.xlsx *.xls *.ods *.csv)",
    ),
    "lists.dialog.menu": ("Nhập danh sách…", "Import a list…"),
    "lists.dialog.no_errors": ("Không có lỗi", "No errors"),
    "lists.dialog.header_cell": ("Tiêu đề trong tệp", "Header in the file"),
    "lists.dialog.meaning": ("Thông tin", "Meaning"),
    "lists.dialog.row": ("Dòng", "Row"),
}
