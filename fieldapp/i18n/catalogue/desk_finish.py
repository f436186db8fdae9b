"""Messages of the desk's last pieces (issue 12, session 3).

The dashboard's stick import, home visits for who cannot travel, slips with a return date,
the PIN change, plurals.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "desk_finish.dashboard.import": (
        "Nhập gói từ USB…  (Ctrl+O)",
        "Import bundles from a stick…  (Ctrl+O)",
    ),
    # Slips (item 14).
    "desk_finish.slip.who": ("Công dân:", "Citizen:"),
    "desk_finish.slip.day": ("Hẹn quay lại ngày:", "Come back on:"),
    "desk_finish.slip.time": ("Lúc:", "At:"),
    "desk_finish.slip.paper": ("Giấy in:", "Paper:"),
    "desk_finish.slip.paper.a6": (
        "Trang A6 (một phiếu, không tốn cả tờ A4)",
        "A6 page (one slip, no whole A4 sheet)",
    ),
    "desk_finish.slip.paper.roll": ("Giấy cuộn 80 mm", "80 mm roll"),
    "desk_finish.slip.paper.a4": (
        "A4, 4 phiếu một tờ (cắt theo nét đứt)",
        "A4, four slips a sheet (cut along the dashes)",
    ),
    "desk_finish.slip.print": ("In phiếu", "Print the slip"),
    "desk_finish.slip.open_day": ("{day}: điểm mở cửa.", "{day}: the point is open."),
    "desk_finish.slip.closed_day": (
        "{day}: điểm KHÔNG mở cửa ngày này.",
        "{day}: the point is NOT open that day.",
    ),
    # Home visits (item 11).
    "desk_finish.home.col.address": ("Địa chỉ", "Address"),
    "desk_finish.home.col.phone": ("Điện thoại", "Phone"),
    "desk_finish.home.visit_time": ("Giờ thăm:", "Visited at:"),
    "desk_finish.home.can_travel": (
        "Đi được đến điểm (bỏ khỏi danh sách)",
        "Can come to the point (off the list)",
    ),
    "desk_finish.home.mark_action": (
        "Đánh dấu: cần hỗ trợ tại nhà (không đi được)",
        "Mark: needs a home visit (cannot travel)",
    ),
    "desk_finish.home.marked": (
        "Đã đánh dấu {name} cần hỗ trợ tại nhà.",
        "{name} is marked as needing a home visit.",
    ),
    "desk_finish.home.unmarked": (
        "Đã đánh dấu {name} tự đến điểm được: bỏ khỏi danh sách.",
        "{name} is marked as able to come to the point: off the list.",
    ),
    "desk.home.reason.marked": ("Được đánh dấu không đi được", "Marked: cannot travel"),
    "home_visits.bad_age": (
        "Tuổi {value} không hợp lệ: chọn từ {low} đến {high}.",
        "Age {value} is not valid: pick {low} to {high}.",
    ),
    "home_visits.time_future": (
        "Giờ thăm {time} chưa tới: chọn một giờ đã qua hôm nay.",
        "The visit time {time} has not come yet: pick a time earlier today.",
    ),
    "home_visits.time_not_today": (
        "Giờ thăm {time} không phải hôm nay: chỉ ghi lượt thăm trong ngày.",
        "The visit time {time} is not today: only visits of today can be recorded.",
    ),
    # The point's settings: opening days (slips), home-visit age.
    "desk_finish.point.menu": (
        "Ngày giờ mở cửa, tuổi thăm tại nhà…",
        "Opening days and hours, home-visit age…",
    ),
    "desk_finish.point.title": ("Lịch của điểm hỗ trợ", "The support point's schedule"),
    "desk_finish.point.days": ("Ngày mở cửa:", "Open on:"),
    "desk_finish.point.hours": ("Giờ mở cửa:", "Hours:"),
    "desk_finish.point.contact": ("Liên hệ (in trên phiếu):", "Contact (printed on slips):"),
    "desk_finish.point.age": ("Thăm tại nhà từ:", "Home visits from age:"),
    "desk_finish.point.age_suffix": (" tuổi", " years"),
    "desk_finish.point.note": (
        "Phiếu hẹn chọn sẵn ngày mở cửa kế tiếp và giờ mở cửa; danh sách hỗ trợ tại nhà gồm "
        "người từ tuổi này trở lên (trừ người được đánh dấu là tự đến được).",
        "A slip offers the next opening day at the opening hour first; the home-visit list has "
        "people of this age or older (except those marked as able to come).",
    ),
    "desk_finish.point.no_day": ("Chọn ít nhất một ngày mở cửa.", "Pick at least one open day."),
    "desk_finish.point.saved": ("Đã lưu lịch của điểm.", "The point's schedule is saved."),
    "desk_finish.day.mon": ("Thứ Hai", "Monday"),
    "desk_finish.day.tue": ("Thứ Ba", "Tuesday"),
    "desk_finish.day.wed": ("Thứ Tư", "Wednesday"),
    "desk_finish.day.thu": ("Thứ Năm", "Thursday"),
    "desk_finish.day.fri": ("Thứ Sáu", "Friday"),
    "desk_finish.day.sat": ("Thứ Bảy", "Saturday"),
    "desk_finish.day.sun": ("Chủ nhật", "Sunday"),
    "action.mark_home_visit": ("đánh dấu người cần hỗ trợ tại nhà", "mark who needs a home visit"),
    # Change my PIN; the recovery code on paper; enrolling a point with its villages.
    "desk_finish.pin.menu": ("Đổi mã PIN của tôi…", "Change my PIN…"),
    "desk_finish.pin.title": ("Đổi mã PIN", "Change my PIN"),
    "desk_finish.pin.who": ("Người dùng:", "User:"),
    "desk_finish.pin.old": ("Mã PIN hiện tại:", "Current PIN:"),
    "desk_finish.pin.new": ("Mã PIN mới:", "New PIN:"),
    "desk_finish.pin.again": ("Nhập lại mã PIN mới:", "New PIN again:"),
    "desk_finish.pin.save": ("Đổi mã PIN", "Change the PIN"),
    "desk_finish.pin.rule": (
        "Tình nguyện viên và cán bộ ngân hàng: ít nhất 6 chữ số. Công an và quản trị: ít nhất "
        "8 ký tự. Mã PIN mới cũng là mã mở dữ liệu trên máy này từ lần sau.",
        "Volunteers and bank officers: at least 6 digits. Police and admins: at least 8 "
        "characters. The new PIN also opens the data on this laptop from the next start.",
    ),
    "desk_finish.pin.mismatch": (
        "Hai lần nhập mã PIN mới không giống nhau.",
        "The new PIN was typed differently twice.",
    ),
    "desk_finish.pin.changed": ("Đã đổi mã PIN.", "Your PIN is changed."),
    "desk_finish.recovery.print": ("In mã khôi phục…", "Print the recovery code…"),
    "desk_finish.recovery.keep": (
        "Giao công an xã giữ nơi an toàn. Mã này mở được dữ liệu của điểm khi mọi người quên "
        "mã PIN hoặc máy hỏng. Không chụp ảnh, không gửi qua mạng.",
        "Give it to the commune police to keep safe. It opens the point's data when every PIN "
        "is forgotten or the laptop breaks. Do not photograph it or send it online.",
    ),
    "desk_finish.enrol.title": ("Ghi nhận khóa của điểm hỗ trợ", "Enrol a support point's key"),
    "desk_finish.enrol.villages": (
        "Các thôn của điểm này (danh sách của các thôn được đánh dấu sẽ gửi về điểm):",
        "This point's villages (the ticked villages' lists go back to the point):",
    ),
    "desk_finish.enrol.no_fingerprint": ("Nhập mã khóa trước.", "Type the fingerprint first."),
    "desk_finish.enrol.button": ("Đăng ký điểm", "Enrol the point"),
}
