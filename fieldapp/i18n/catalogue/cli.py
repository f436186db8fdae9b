"""Messages of the command-line face."""

MESSAGES: dict[str, tuple[str, str]] = {
    "cli.init_done": (
        "Đã thiết lập điểm hỗ trợ «{point}»: {villages} thôn, {users} người dùng.",
        "Support point '{point}' set up: {villages:village|villages}, {users:user|users}.",
    ),
    "cli.bad_user_spec": (
        "Người dùng «{value}» phải có dạng Tên:vai trò[:PIN]",
        "User '{value}' must look like Name:role[:PIN]",
    ),
    "cli.user_needed": (
        "Hãy chọn người ghi nhận bằng --user TÊN",
        "Choose who records it with --user NAME",
    ),
    "cli.citizen_created": ("Đã thêm công dân mới từ mã QR.", "New citizen created from the QR."),
    "cli.visit_saved": ("Đã ghi lượt hỗ trợ {visit}", "Visit {visit} saved"),
    "cli.outcome_saved": ("Đã ghi kết quả {outcome}", "Outcome {outcome} saved"),
    "cli.outcome_corrected": (
        "Đã hủy kết quả (sự kiện sửa {outcome})",
        "Outcome undone (correcting event {outcome})",
    ),
    "cli.nothing_found": ("Không tìm thấy ai", "Nobody found"),
    "cli.today_count": (
        "Hôm nay có {count} lượt hỗ trợ tại {point}",
        "{count:visit|visits} today at {point}",
    ),
    "cli.demo_not_empty": (
        "Dữ liệu đã có, không tạo xã mẫu. Dùng --db để chọn tệp khác.",
        "The store is not empty; no demo loaded. Use --db for another file.",
    ),
    "cli.demo_done": (
        "Đã tạo xã mẫu (DỮ LIỆU GIẢ, kho {db}): {citizens} công dân, {villages} thôn, "
        "{visits} lượt hỗ trợ. Nơi này: {point}. Người đăng nhập được:",
        "Demo commune loaded (SAMPLE DATA, store {db}): {citizens} citizens, {villages} "
        "villages, {visits} visits. This seat: {point}. Who can sign in:",
    ),
}
