"""Qt's own words (buttons, file dialogs) in Vietnamese: PySide6 ships no qtbase_vi.qm.

Ids are `qt.<Qt context>|<Qt source text>`; `fieldapp.ui.qt_words` hands them to Qt through
a QTranslator. The English text is Qt's own, so English mode shows Qt unchanged.
"""


def _qt(context: str, words: dict[str, str]) -> dict[str, tuple[str, str]]:
    return {f"qt.{context}|{source}": (vi, source) for source, vi in words.items()}


MESSAGES: dict[str, tuple[str, str]] = {}
MESSAGES.update(
    _qt(
        "QPlatformTheme",
        {
            "OK": "Đồng ý",
            "Cancel": "Hủy",
            "Save": "Lưu",
            "Save All": "Lưu tất cả",
            "Open": "Mở",
            "&Yes": "&Có",
            "Yes to &All": "Có với &tất cả",
            "&No": "&Không",
            "N&o to All": "K&hông với tất cả",
            "Abort": "Dừng",
            "Retry": "Thử lại",
            "Ignore": "Bỏ qua",
            "Close": "Đóng",
            "Discard": "Bỏ",
            "Help": "Trợ giúp",
            "Apply": "Áp dụng",
            "Reset": "Đặt lại",
            "Restore Defaults": "Khôi phục mặc định",
        },
    )
)
MESSAGES.update(
    _qt(
        "QFileDialog",
        {
            "&Look in:": "&Tìm trong:",
            "Look in:": "Tìm trong:",
            "Back": "Lùi",
            "Go back": "Quay lại",
            "Forward": "Tiến",
            "Go forward": "Đi tiếp",
            "Parent Directory": "Thư mục cha",
            "Go to the parent directory": "Lên thư mục cha",
            "Create New Folder": "Tạo thư mục mới",
            "Create a New Folder": "Tạo một thư mục mới",
            "List View": "Xem dạng danh sách",
            "Change to list view mode": "Chuyển sang xem dạng danh sách",
            "Detail View": "Xem chi tiết",
            "Change to detail view mode": "Chuyển sang xem chi tiết",
            "Sidebar": "Thanh bên",
            "List of places and bookmarks": "Các nơi và dấu trang",
            "Files": "Tệp",
            "Files of &type:": "&Kiểu tệp:",
            "Files of type:": "Kiểu tệp:",
            "File &name:": "&Tên tệp:",
            "File name:": "Tên tệp:",
            "&Open": "&Mở",
            "&Save": "&Lưu",
            "&Choose": "&Chọn",
            "Open": "Mở",
            "Save As": "Lưu thành",
            "Find Directory": "Chọn thư mục",
            "All Files (*)": "Mọi tệp (*)",
            "Directories": "Thư mục",
            "Directory:": "Thư mục:",
            "&Rename": "Đổi &tên",
            "&Delete": "&Xóa",
            "Show &hidden files": "Hiện tệp &ẩn",
            "&New Folder": "Thư mục &mới",
            "New Folder": "Thư mục mới",
            "My Computer": "Máy tính",
            "%1 already exists.\nDo you want to replace it?": (
                "%1 đã có.\nBạn có muốn ghi đè lên không?"
            ),
            "%1\nFile not found.\nPlease verify the correct file name was given.": (
                "%1\nKhông tìm thấy tệp.\nHãy kiểm tra lại tên tệp."
            ),
            "%1\nDirectory not found.\nPlease verify the correct directory name was given.": (
                "%1\nKhông tìm thấy thư mục.\nHãy kiểm tra lại tên thư mục."
            ),
        },
    )
)
MESSAGES.update(
    _qt(
        "QFileSystemModel",
        {
            "Name": "Tên",
            "Size": "Kích thước",
            "Type": "Kiểu",
            "Date Modified": "Ngày sửa",
            "Computer": "Máy tính",
            "My Computer": "Máy tính",
        },
    )
)
MESSAGES.update(_qt("QAbstractFileIconProvider", {"Drive": "Ổ đĩa", "Folder": "Thư mục",
                                                  "File": "Tệp"}))  # fmt: skip
MESSAGES.update(
    _qt("QMessageBox", {"Show Details...": "Xem chi tiết...", "Hide Details...": "Ẩn chi tiết..."})
)
_EDITING = {
    "&Undo": "&Hoàn tác",
    "&Redo": "&Làm lại",
    "Cu&t": "Cắ&t",
    "&Copy": "&Sao chép",
    "&Paste": "&Dán",
    "Delete": "Xóa",
    "Select All": "Chọn tất cả",
}
MESSAGES.update(_qt("QLineEdit", _EDITING))
MESSAGES.update(_qt("QWidgetTextControl", _EDITING))
MESSAGES.update(
    _qt(
        "QPrintDialog",
        {
            "Print": "In",
            "&Print": "&In",
            "&Options >>": "&Tùy chọn >>",
            "&Options <<": "&Tùy chọn <<",
            "All Pages": "Mọi trang",
            "Odd Pages": "Trang lẻ",
            "Even Pages": "Trang chẵn",
            "Print to File (PDF)": "In ra tệp (PDF)",
            "Local file": "Tệp trên máy",
            "Write PDF file": "Ghi tệp PDF",
        },
    )
)
MESSAGES.update(
    _qt(
        "QPrintWidget",
        {
            "Printer": "Máy in",
            "&Name:": "&Tên:",
            "P&roperties": "&Thuộc tính",
            "Location:": "Vị trí:",
            "Preview": "Xem trước",
            "Type:": "Loại:",
            "Output &file:": "&Tệp in ra:",
        },
    )
)
MESSAGES.update(
    _qt(
        "QPrintSettingsOutput",
        {
            "Print range": "Phạm vi in",
            "Print all": "In tất cả",
            "Pages from": "Từ trang",
            "to": "đến",
            "Pages": "Các trang",
            "Current Page": "Trang hiện tại",
            "Selection": "Phần đã chọn",
            "Page &Set:": "&Nhóm trang:",
            "Output Settings": "Cài đặt in",
            "Copies:": "Số bản:",
            "Collate": "Xếp theo bộ",
            "Reverse": "In ngược",
            "Copies": "Số bản",
            "Color Mode": "Chế độ màu",
            "Color": "Màu",
            "Grayscale": "Đen trắng",
            "Double Sided Printing": "In hai mặt",
            "Off": "Tắt",
            "Long side binding": "Đóng gáy cạnh dài",
            "Short side binding": "Đóng gáy cạnh ngắn",
            "Options": "Tùy chọn",
        },
    )
)
