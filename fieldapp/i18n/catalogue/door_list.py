"""Messages of the team leader's door-to-door list (issue 18, item 7)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "door_list.title": ("DANH SÁCH ĐẾN TỪNG HỘ GIA ĐÌNH", "DOOR-TO-DOOR LIST"),
    "door_list.subject": (
        "Công dân {village} còn cần hỗ trợ tích hợp tài khoản an sinh xã hội trên VNeID",
        "Citizens of {village} who still need help linking their benefit account on VNeID",
    ),
    "door_list.count": (
        "Còn {count} người (lập ngày {day})",
        "{count:person|people} still need something (made on {day})",
    ),
    "door_list.col.name": ("Họ và tên", "Full name"),
    "door_list.col.birth_year": ("Năm sinh", "Born"),
    "door_list.col.address": ("Địa chỉ", "Address"),
    "door_list.col.phone": ("Số điện thoại", "Phone"),
    "door_list.col.missing": ("Còn thiếu (việc cần làm tiếp)", "Missing next"),
    "door_list.col.last_visit": ("Lần hỗ trợ gần nhất", "Last visit"),
    "door_list.col.visited": ("Đã đến", "Visited"),
    "door_list.col.note": ("Ghi chú", "Notes"),
    "door_list.never": ("Chưa đến", "Never"),
    "door_list.note.masked": (
        "Số điện thoại chỉ hiện 4 số cuối. Cột «Đã đến»: đánh dấu ☑ khi đã đến hộ gia đình.",
        "Phones show their last 4 digits only. 'Visited': tick ☑ once the household is visited.",
    ),
    "door_list.note.shown": (
        "Danh sách có số điện thoại đầy đủ: giữ kín, không để lại nơi công cộng. "
        "Cột «Đã đến»: đánh dấu ☑ khi đã đến hộ gia đình.",
        "Full phone numbers are printed: keep this list private. "
        "'Visited': tick ☑ once the household is visited.",
    ),
    "door_list.signer": ("NGƯỜI LẬP DANH SÁCH", "PREPARED BY"),
    "door_list.sign_note": ("(Ký, ghi rõ họ tên)", "(Signature, full name)"),
    "door_list.sheet": ("Danh sách đến từng hộ", "Door-to-door list"),
    "door_list.nobody_left": (
        "{village}: không còn ai cần hỗ trợ, không có danh sách để in",
        "{village}: nobody needs anything any more, no list to print",
    ),
    "door_list.written": (
        "Đã lưu danh sách {people} người của {village} vào {path}",
        "Saved the list of {people:person|people} of {village} to {path}",
    ),
}
