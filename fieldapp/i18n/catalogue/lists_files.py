"""Messages of list files that cannot be opened or read as they are (issue 14, hostile files)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "lists.file_is_folder": (
        "«{name}» là một thư mục, không phải tệp danh sách: hãy chọn tệp bên trong",
        "'{name}' is a folder, not a list file: choose a file inside it",
    ),
    "lists.file_locked": (
        "Không mở được tệp «{name}»: tệp đang mở trong chương trình khác (Excel?) hoặc không "
        "có quyền đọc. Hãy đóng tệp rồi thử lại.",
        "Cannot open '{name}': another program (Excel?) holds it open, or it may not be read. "
        "Close it and try again.",
    ),
    "lists.file_os_error": (
        "Không đọc được tệp «{name}» từ ổ đĩa (USB bị rút hoặc hỏng?): hãy chép tệp vào máy "
        "rồi thử lại",
        "Cannot read '{name}' from the disk (a USB stick removed or damaged?): copy the file "
        "to this computer and try again",
    ),
    "lists.sheet_area_too_big": (
        "Trang tính của «{name}» có ô dữ liệu ở tận {last_cell} ({rows} dòng × {columns} cột): "
        "quá rộng để đọc. Hãy xóa các ô thừa ngoài bảng danh sách rồi lưu lại.",
        "The sheet of '{name}' has data as far as {last_cell} ({rows} rows × {columns} "
        "columns): too large to read. Delete the stray cells outside the list and save it.",
    ),
    "lists.file_xlsb": (
        "Tệp «{name}» là dạng Excel nhị phân (.xlsb): hãy mở bằng Excel, chọn Lưu thành "
        "«Sổ làm việc Excel (.xlsx)» rồi nhập tệp .xlsx",
        "'{name}' is a binary Excel workbook (.xlsb): open it in Excel, save it as an "
        "'Excel Workbook (.xlsx)' and import that",
    ),
    "lists.csv_mixed_encoding": (
        "Tệp «{name}», dòng {row}: không phải UTF-8 như phần còn lại của tệp (dán hoặc ghép "
        "từ tệp khác bảng mã?). Hãy sửa dòng đó, hoặc mở tệp bằng Excel và lưu lại dạng "
        "«CSV UTF-8».",
        "'{name}', line {row}: not UTF-8 like the rest of the file (pasted or joined from a "
        "file of another encoding?). Fix that line, or open the file in Excel and save it as "
        "'CSV UTF-8'.",
    ),
    "lists.p.id_rounded": (
        "«{value}» có vẻ đã bị Excel làm tròn (dạng 3,8E+10, chỉ còn 6 chữ số đầu): hãy lấy "
        "lại số đầy đủ; nếu đúng là số này, ghi ô dưới dạng văn bản",
        "'{value}' looks rounded by Excel (shown as 3.8E+10, only the first 6 digits kept): "
        "get the full number back; if it really is this number, write the cell as text",
    ),
}
