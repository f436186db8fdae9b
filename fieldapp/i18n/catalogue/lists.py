"""Messages of list imports: files, columns, row errors, results."""

MESSAGES: dict[str, tuple[str, str]] = {
    # List kinds.
    "lists.kind.police": ("Danh sách tài khoản ĐDĐT mức 2 (Công an)", "Police level-2 list"),
    "lists.kind.beneficiary": ("Danh sách đối tượng hưởng chính sách", "Beneficiary list"),
    "lists.kind.help": ("Danh sách người cần hỗ trợ", "List of people to help"),
    "lists.kind.team": ("Danh sách thành viên Tổ Đề án 06 thôn", "Village team members"),
    "lists.kind.roster": ("Danh sách thành viên của đơn vị", "A unit's roster"),
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
    "lists.col.eid_level": ("Mức độ tài khoản ĐDĐT (1/2)", "e-ID account level (1/2)"),
    "lists.col.activated": ("Đã kích hoạt", "Activated"),
    "lists.col.linked": ("Đã tích hợp ASXH", "Benefit account linked"),
    "lists.col.beneficiary_group": ("Nhóm đối tượng", "Beneficiary group"),
    "lists.col.payment_status": ("Tình trạng chi trả", "Payment status"),
    "lists.col.proxy_name": ("Người được ủy quyền", "Proxy"),
    "lists.col.guardian_name": ("Người giám hộ", "Guardian"),
    "lists.col.note": ("Ghi chú", "Note"),
    "lists.col.member_role": ("Vai trò / Đối tượng", "Role"),
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
    "lists.file_too_big": (
        "Tệp «{name}» quá lớn ({size_mb} MB, tối đa {limit_mb} MB): hãy chia thành nhiều tệp",
        "'{name}' is too big ({size_mb} MB, at most {limit_mb} MB): split it into several files",
    ),
    "lists.file_bomb": (
        "Tệp «{name}» có phần «{member}» bung ra quá lớn so với tệp: không đọc",
        "'{name}' holds a part '{member}' that expands far beyond the file: not read",
    ),
    "lists.sheet_too_big": (
        "Trang tính của «{name}» quá lớn ({rows} dòng, {columns} cột)",
        "The sheet of '{name}' is too big ({rows} rows, {columns} columns)",
    ),
    "lists.cell_too_long": (
        "Tệp «{name}», dòng {row}: một ô dài hơn {limit} ký tự: không phải danh sách",
        "'{name}', line {row}: a cell is longer than {limit} characters: not a list",
    ),
    "lists.too_many_columns": (
        "Tệp «{name}» có hơn {limit} cột: không phải danh sách",
        "'{name}' has more than {limit} columns: not a list",
    ),
    "lists.map_bad": (
        "«{spec}»: cần dạng «Tiêu đề=thông tin», ví dụ «Diện hưởng=beneficiary_group»",
        "'{spec}': write 'Header=field', e.g. 'Diện hưởng=beneficiary_group'",
    ),
    "lists.map_no_header": (
        "Tệp không có cột «{header}»",
        "The file has no column '{header}'",
    ),
    "lists.map_no_field": (
        "«{field}» không phải thông tin của loại danh sách này",
        "'{field}' is not a field of this kind of list",
    ),
    "lists.unmapped": (
        "Cột «{header}» không được dùng (ví dụ: {samples})",
        "Column '{header}' is not used (e.g. {samples})",
    ),
    "lists.unmapped_hint": (
        'Dùng --map "Tiêu đề=thông tin" để dùng một cột (thông tin: {fields})',
        'Use --map "Header=field" to use a column (fields: {fields})',
    ),
    "lists.unknown_village": (
        "Thôn «{name}» chưa có trong xã: {count} dòng",
        "Village '{name}' is not in the commune: {count:row|rows}",
    ),
    "lists.unknown_village_near": (
        "Thôn «{name}» chưa có trong xã ({count} dòng), giống thôn «{similar}» đã có: "
        "sửa tên trong tệp hoặc đổi tên thôn",
        "Village '{name}' is not in the commune ({count:row|rows}) and looks like the existing "
        "'{similar}': fix the file or rename the village",
    ),
    "lists.unknown_villages_hint": (
        "Thêm --add-villages để thêm các thôn mới này cùng lúc nhập danh sách",
        "Add --add-villages to add these new villages with the import",
    ),
    "lists.villages_added": (
        "Đã thêm {count} thôn: {names}",
        "Added {count:village|villages}: {names}",
    ),
    "lists.nothing_imported": (
        "Không có dòng hợp lệ nào để nhập (0 dòng): xem các lỗi ở trên",
        "No valid row to import (0 rows): see the errors above",
    ),
    "lists.restored_how": (
        "Khôi phục số 0 đầu: {number} từ ô kiểu số, {text} từ ô văn bản (đã đối chiếu năm sinh)",
        "Leading zeros restored: {number} from number cells, {text} from text cells "
        "(checked against the birth year)",
    ),
    "lists.converted": (
        "Đã chuyển {count} ô từ bảng mã {family} sang Unicode",
        "Converted {count:cell|cells} from the {family} encoding to Unicode",
    ),
    "lists.progress": (
        "{done} / {total} dòng · {rate} dòng/giây · còn khoảng {left}",
        "{done} / {total} rows · {rate} rows/s · about {left} left",
    ),
    "lists.progress_reading": (
        "Đang đọc và kiểm tra: {done} dòng · {rate} dòng/giây",
        "Reading and checking: {done} rows · {rate} rows/s",
    ),
    "lists.left_seconds": ("{seconds} giây", "{seconds} s"),
    "lists.left_minutes": ("{minutes} phút {seconds} giây", "{minutes} min {seconds} s"),
    "lists.left_unknown": ("…", "…"),
    "lists.dialog.new_villages": ("Thôn mới trong danh sách", "New villages in the list"),
    "lists.dialog.new_village_item": ("{name} ({count} dòng)", "{name} ({count:row|rows})"),
    "lists.dialog.new_village_near": (
        "{name} ({count} dòng) — giống thôn «{similar}» đã có",
        "{name} ({count:row|rows}) — looks like the existing '{similar}'",
    ),
    "lists.dialog.unmapped": ("Cột không dùng", "Unused columns"),
    "villages.dialog.title": ("Thôn và điểm hỗ trợ", "Villages and support points"),
    "villages.dialog.menu": ("Thôn và điểm hỗ trợ…", "Villages and support points…"),
    "villages.dialog.villages": ("Thôn của xã", "The commune's villages"),
    "villages.dialog.points": ("Điểm hỗ trợ", "Support points"),
    "villages.dialog.add_village": ("Thêm thôn…", "Add a village…"),
    "villages.dialog.add_point": ("Thêm điểm…", "Add a point…"),
    "villages.dialog.rename": ("Đổi tên…", "Rename…"),
    "lists.notice": ("Lưu ý: {text}", "Note: {text}"),
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
        "{count:row has|rows have} errors: nothing imported. Fix them, or choose to import "
        "the valid rows only.",
    ),
    "lists.cancelled": ("Đã hủy: dữ liệu không thay đổi", "Cancelled: nothing was changed"),
    "lists.unknown_kind": ("Loại danh sách không hợp lệ: {kind}", "Unknown list kind: {kind}"),
    "lists.unknown_duplicate_rule": (
        "Cách giữ dòng trùng không hợp lệ: {rule} (later | fuller)",
        "Unknown rule for repeated IDs: {rule} (later | fuller)",
    ),
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
        "không có thôn «{value}» trong xã (thêm thôn: --add-villages, hoặc đánh dấu trong "
        "hộp «Thôn mới»)",
        "the commune has no village '{value}' (add it: --add-villages, or tick it under "
        "'New villages')",
    ),
    "lists.p.group": (
        "«{value}» không phải nhóm đối tượng đã biết",
        "'{value}' is not a known beneficiary group",
    ),
    "lists.p.payment": (
        "«{value}» không phải tình trạng chi trả đã biết",
        "'{value}' is not a known payment status",
    ),
    "lists.p.duplicate_same": (
        "trùng hệt dòng {other}: bỏ qua dòng này",
        "the same as row {other}: this row is skipped",
    ),
    "lists.p.duplicate_kept": (
        "cùng số định danh với dòng {other} nhưng thông tin khác: giữ dòng {other} "
        "(dòng nhiều thông tin hơn; bằng nhau thì dòng sau)",
        "the same personal ID as row {other} with different data: row {other} is kept "
        "(the row with more data; if equal, the later row)",
    ),
    "lists.p.duplicate_later": (
        "cùng số định danh với dòng {other} nhưng thông tin khác: giữ dòng {other} (dòng sau)",
        "the same personal ID as row {other} with different data: row {other} is kept "
        "(the later row)",
    ),
    "lists.dup.fuller": (
        "Trùng số định danh: giữ dòng nhiều thông tin hơn",
        "Same ID twice: keep the row with more data",
    ),
    "lists.dup.later": (
        "Trùng số định danh: giữ dòng sau",
        "Same ID twice: keep the later row",
    ),
    "lists.p.no_birth_date": ("thiếu ngày sinh", "no birth date"),
    "lists.p.id_ambiguous": (
        "{count} chữ số (mất số 0 đầu?) nhưng dòng không có ngày sinh để kiểm tra: "
        "hãy ghi đủ 12 số",
        "{count} digits (leading zeros lost?) but the row has no birth date to check "
        "against: write all 12 digits",
    ),
    "lists.p.id_restore_mismatch": (
        "{count} chữ số; thêm số 0 đầu cũng không khớp năm sinh {year}",
        "{count} digits; with the leading zeros restored it still does not match birth year {year}",
    ),
    "lists.p.eid_level": (
        "«{value}» không phải mức 1 hoặc mức 2",
        "'{value}' is neither level 1 nor level 2",
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
        "{imported:row|rows} imported, {unchanged} unchanged, {rejected} rejected; "
        "leading zeros restored on {restored} personal IDs.",
    ),
    "lists.preview_summary": (
        "{rows} dòng dữ liệu, {errors} dòng lỗi, {restored} số định danh được khôi phục số 0 đầu",
        "{rows:data row|data rows}, {errors:row|rows} with errors, {restored} IDs had leading "
        "zeros restored",
    ),
    "lists.rejected_saved": (
        "Đã lưu {count} dòng bị từ chối vào «{path}»",
        "Saved {count:rejected row|rejected rows} to '{path}'",
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
        "Bảng tính (*.xlsx *.xls *.ods *.csv *.txt *.htm *.html *.xml);;Tất cả tệp (*)",
        "Spreadsheets (*.xlsx *.xls *.ods *.csv *.txt *.htm *.html *.xml);;All files (*)",
    ),
    "lists.dialog.menu": ("Nhập danh sách…", "Import a list…"),
    "lists.dialog.no_errors": ("Không có lỗi", "No errors"),
    "lists.dialog.header_cell": ("Tiêu đề trong tệp", "Header in the file"),
    "lists.dialog.meaning": ("Thông tin", "Meaning"),
    "lists.dialog.row": ("Dòng", "Row"),
}
