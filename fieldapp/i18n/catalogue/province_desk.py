"""Messages of the province desk's later parts: report figures, communes' keys, deadline.

The communes' daily-report figures in the province report, the communes' keys (enrolled, held,
revoked) and the 17:00 report deadline.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # the province report: what each commune's daily report adds (issue 18's figures)
    "province.section.campaign": (
        "V. ĐỦ ĐIỀU KIỆN, HỖ TRỢ TẠI NHÀ VÀ KHÓ KHĂN THEO XÃ",
        "V. ELIGIBLE, HOME VISITS AND DIFFICULTIES BY COMMUNE",
    ),
    "province.col.home_visits": ("Lượt hỗ trợ tại nhà", "Home visits"),
    "province.col.home_people": ("Người được hỗ trợ tại nhà", "People visited at home"),
    "province.col.referred": ("Chuyển nơi khác", "Referred elsewhere"),
    # the communes' keys and the deadline (desk tab and CLI)
    "province.keys.tab": ("Các xã và khóa", "Communes and keys"),
    "province.keys.col.code": ("Mã xã", "Code"),
    "province.keys.col.district": ("Huyện", "District"),
    "province.keys.col.status": ("Khóa", "Key"),
    "province.keys.col.fingerprint": ("Mã khóa", "Fingerprint"),
    "province.keys.col.sender": ("Người gửi (tự ghi)", "Sender (as it says)"),
    "province.keys.col.file": ("Tệp", "File"),
    "province.keys.col.received": ("Nhận lúc", "Received"),
    "province.keys.status.enrolled": ("Đã đăng ký", "Enrolled"),
    "province.keys.status.revoked": ("Đã thu hồi", "Revoked"),
    "province.keys.status.not_enrolled": ("Chưa đăng ký", "Not enrolled"),
    "province.keys.counts": (
        "Đã đăng ký: {enrolled} xã · Đã thu hồi: {revoked} · Chưa đăng ký: {not_enrolled} · "
        "Gói đang giữ: {held}",
        "Enrolled: {enrolled} communes · Revoked: {revoked} · Not enrolled: {not_enrolled} · "
        "Held: {held}",
    ),
    "province.keys.held_title": (
        "Gói tổng hợp đang giữ từ khóa chưa đăng ký ({count}): nhập khi đăng ký khóa của xã",
        "Summaries held from keys not enrolled ({count}): imported when the commune is enrolled",
    ),
    "province.keys.deadline": ("Hạn tổng hợp hằng ngày:", "Daily deadline:"),
    "province.keys.save_deadline": ("Lưu hạn", "Save deadline"),
    "province.keys.deadline_saved": (
        "Đã lưu hạn tổng hợp báo cáo hằng ngày: {value}",
        "Daily report deadline saved: {value}",
    ),
    "province.keys.revoke": ("Thu hồi khóa của xã…", "Revoke the commune's key…"),
    "province.keys.confirm_revoke": (
        "Thu hồi khóa của {name}?\nMã khóa: {fingerprint}\n\nCác gói tổng hợp ký bằng khóa "
        "này sẽ bị từ chối; số liệu đã nhập vẫn giữ. Xã đăng ký lại bằng thẻ khóa mới.",
        "Revoke the key of {name}?\nFingerprint: {fingerprint}\n\nSummaries signed with this "
        "key will be refused; figures already imported stay. The commune enrols again with a "
        "new key card.",
    ),
    "province.keys.revoked": (
        "Đã thu hồi khóa của {name} (mã khóa {fingerprint}): gói tổng hợp ký bằng khóa này "
        "sẽ bị từ chối.",
        "Revoked the key of {name} (fingerprint {fingerprint}): summaries signed with it will "
        "be refused.",
    ),
    "province.commune_not_enrolled": (
        "Không có xã «{name}» đã đăng ký khóa (mã xã, tên xã hoặc mã khóa).",
        "No commune '{name}' with an enrolled key (code, name or fingerprint).",
    ),
    "province.commune_has_key": (
        "{name} đã có khóa đăng ký (mã khóa {fingerprint}). Thu hồi khóa cũ trước khi đăng "
        "ký khóa mới.",
        "{name} already has an enrolled key (fingerprint {fingerprint}). Revoke the old key "
        "before enrolling a new one.",
    ),
    "province.commune_line": (
        "{code:>6}  {name:<30} {status:<14} {fingerprint}",
        "{code:>6}  {name:<30} {status:<14} {fingerprint}",
    ),
    "province.held_line": (
        "Đang giữ: {file} từ «{sender}» (mã khóa {fingerprint})",
        "Held: {file} from '{sender}' (fingerprint {fingerprint})",
    ),
}
