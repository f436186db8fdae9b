"""Messages of the desktop face's first window and setup."""

MESSAGES: dict[str, tuple[str, str]] = {
    "app.title": ("FieldApp — Hỗ trợ định danh điện tử", "FieldApp — e-ID support"),
    "app.no_display": (
        "Không có màn hình để mở cửa sổ FieldApp. Hãy dùng dòng lệnh: {cli} --help",
        "No display to open the FieldApp window on. Use the command line: {cli} --help",
    ),
    "card.empty": (
        "Quét mã QR trên thẻ căn cước hoặc nhập số định danh 12 chữ số rồi nhấn Enter.",
        "Scan the QR code on the chip ID card, or type the 12-digit ID and press Enter.",
    ),
    "card.age": ("{age} tuổi", "age {age}"),
    "card.next": ("Việc cần làm tiếp:", "What is next:"),
    "scan.placeholder": (
        "Quét mã QR / nhập số định danh…",
        "Scan the QR / type the personal ID…",
    ),
    "scan.saved": ("Đã ghi lượt hỗ trợ cho {name}", "Visit saved for {name}"),
    "scan.working": ("Đang tra cứu…", "Looking up…"),
    "scan.unknown_offer": (
        "Chưa có trong danh sách. Nhấn «Thêm công dân mới» để thêm từ mã QR.",
        "Not in the lists yet. Press 'Add new citizen' to add from the QR.",
    ),
    "scan.unknown_typed": (
        "Chưa có trong danh sách. Hãy quét mã QR trên thẻ để thêm công dân mới.",
        "Not in the lists yet. Scan the card's QR code to add the citizen.",
    ),
    "scan.add_new": ("Thêm công dân mới", "Add new citizen"),
    "header.point": ("Điểm hỗ trợ: {point}", "Support point: {point}"),
    "header.user": ("Người trực: {user}", "On duty: {user}"),
    "setup.title": ("Thiết lập điểm hỗ trợ", "Set up the support point"),
    "setup.intro": (
        "Lần đầu dùng FieldApp trên máy này: hãy nhập thông tin điểm hỗ trợ.",
        "First use of FieldApp on this computer: enter the support point's details.",
    ),
    "setup.commune": ("Xã / phường", "Commune"),
    "setup.province": ("Tỉnh / thành phố", "Province"),
    "setup.villages": ("Các thôn (mỗi dòng một thôn)", "Villages (one per line)"),
    "setup.point": ("Tên điểm hỗ trợ", "Support point name"),
    "setup.point_village": ("Thôn của điểm", "Village of the point"),
    "setup.user": ("Họ tên người trực", "Your full name"),
    "setup.passphrase": (
        "Mật khẩu quản trị (ít nhất 8 ký tự)",
        "Admin passphrase (8 characters or more)",
    ),
    "setup.demo": ("Dùng dữ liệu mẫu để thử", "Try with demo data"),
    "setup.demo_running": ("Đang tạo xã mẫu…", "Creating the demo commune…"),
    "button.ok": ("Đồng ý", "OK"),
    "button.cancel": ("Hủy", "Cancel"),
}

MESSAGES["menu.tools"] = ("Công cụ", "Tools")
MESSAGES["setup.user_needed"] = ("Cần nhập họ tên người trực", "Your name is needed")
