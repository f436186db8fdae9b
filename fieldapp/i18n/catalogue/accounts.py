"""Messages of accounts and permissions: PINs, sign-in, the users commands, refusals."""

MESSAGES: dict[str, tuple[str, str]] = {
    # What a role may do (the `action` param of refusals).
    "action.register_visit": ("ghi lượt hỗ trợ", "register visits"),
    "action.record_outcome": ("ghi kết quả", "record outcomes"),
    "action.create_citizen": ("thêm công dân", "create citizens"),
    "action.correct": ("sửa kết quả", "correct records"),
    "action.correct_details": (
        "sửa thông tin công dân (hãy nhờ tình nguyện viên)",
        "correct a citizen's details (ask a volunteer)",
    ),
    "action.look_up": ("xem thông tin công dân", "look citizens up"),
    "action.print_slips": ("in phiếu", "print slips"),
    "action.import_list": ("nhập danh sách", "import lists"),
    "action.import_bundles": ("nhập gói đồng bộ", "import sync bundles"),
    "action.export_bundle": ("xuất gói đồng bộ", "export sync bundles"),
    "action.export_lists": ("gửi danh sách về điểm", "send lists to the points"),
    "action.manage_keys": ("quản lý khóa", "manage keys"),
    "action.point_settings": ("cài đặt điểm", "change the point's settings"),
    "action.campaign_settings": ("cài đặt chiến dịch", "change campaign settings"),
    "action.view_reports": ("xem báo cáo", "view reports"),
    "action.export_personal_data": ("xuất dữ liệu cá nhân", "export personal data"),
    "action.manage_users": ("quản lý người dùng", "manage users"),
    "permission.denied": (
        "Vai trò {role} không được {action}",
        "The role {role} may not {action}",
    ),
    "permission.no_user": (
        "Cần đăng nhập bằng người dùng được phép để {action} (--user TÊN)",
        "Sign in as a user who may {action} (--user NAME)",
    ),
    "permission.role_above": (
        "Vai trò {role} không được tạo hoặc sửa người dùng vai trò {target_role}",
        "The role {role} may not create or change a user of role {target_role}",
    ),
    "users.first_is_admin": (
        "Người dùng đầu tiên của kho dữ liệu phải là quản trị (admin)",
        "The first user of a store must be an admin",
    ),
    "users.last_manager": (
        "Không thể khóa {name}: cần ít nhất một công an hoặc quản trị có mã PIN",
        "Cannot deactivate {name}: at least one police officer or admin with a PIN must remain",
    ),
    "users.name_too_long": ("Họ tên dài quá {count} ký tự", "The name is over {count} characters"),
    "pin.too_short": (
        "Mã PIN gồm ít nhất {count} chữ số",
        "A PIN is at least {count} digits",
    ),
    "pin.passphrase_short": (
        "Công an và quản trị dùng mật khẩu ít nhất {count} ký tự",
        "Police and admins use a passphrase of at least {count} characters",
    ),
    "pin.too_long": ("Mã PIN dài quá {count} ký tự", "The PIN is over {count} characters"),
    "signin.wrong_pin_left": (
        "Sai mã PIN (còn {left} lần thử trước khi bị khóa)",
        "Wrong PIN ({left:try|tries} left before the account locks)",
    ),
    "signin.wait": (
        "Đã nhập sai nhiều lần: chờ {seconds} giây rồi thử lại",
        "Too many wrong PINs: wait {seconds} seconds and try again",
    ),
    "signin.locked": (
        "Tài khoản {name} đã bị khóa vì nhập sai mã PIN nhiều lần: nhờ công an xã hoặc "
        "quản trị mở khóa",
        "The account {name} is locked after too many wrong PINs: ask the police or an admin "
        "to unlock it",
    ),
    "signin.inactive": (
        "Tài khoản {name} đã ngừng hoạt động",
        "The account {name} is deactivated",
    ),
    "signin.no_pin": (
        "{name} chưa có mã PIN: nhờ công an xã hoặc quản trị đặt mã (fieldapp users set-pin)",
        "{name} has no PIN yet: ask the police or an admin to set one (fieldapp users set-pin)",
    ),
    "signin.change_pin": (
        "Mã PIN này ngắn hơn quy định mới: hãy đổi mã (fieldapp users set-pin)",
        "This PIN is shorter than the new rules allow: please change it (fieldapp users set-pin)",
    ),
    "cli.pin_prompt": ("Mã PIN của {name}", "PIN of {name}"),
    "store.missing": (
        "Không có kho dữ liệu {path}: hãy chạy «fieldapp init» (hoặc «fieldapp demo») trước",
        "No store at {path}: run 'fieldapp init' (or 'fieldapp demo') first",
    ),
    "cli.new_pin_prompt": ("Mã PIN mới của {name}", "New PIN of {name}"),
    "cli.demo_pins": (
        "Mã PIN mẫu: {pin} (tình nguyện viên, cán bộ ngân hàng); công an: {passphrase}",
        "Demo PINs: {pin} (volunteers, bank officer); police: {passphrase}",
    ),
    "cli.old_pin_prompt": ("Mã PIN hiện tại của {name}", "Current PIN of {name}"),
    "users.added": ("Đã thêm {name} ({role})", "{name} added ({role})"),
    "users.renamed": ("Đã đổi tên thành {name}", "Renamed to {name}"),
    "users.deactivated": ("Đã ngừng tài khoản {name}", "{name} deactivated"),
    "users.pin_set": ("Đã đặt mã PIN mới cho {name}", "New PIN set for {name}"),
    "users.unlocked": ("Đã mở khóa {name}", "{name} unlocked"),
    "users.flag.inactive": ("đã ngừng", "deactivated"),
    "users.flag.locked": ("bị khóa", "locked"),
    "users.flag.no_pin": ("chưa có mã PIN", "no PIN"),
    "app.unexpected": (
        "Lỗi không mong đợi ({kind}). Chi tiết đã ghi vào nhật ký: {path}",
        "Unexpected error ({kind}). The details are in the log: {path}",
    ),
    "app.unexpected_busy": (
        "Kho dữ liệu đang bận (một chương trình khác đang ghi); không có gì bị ghi dở. "
        "Hãy thử lại. Chi tiết: {path}",
        "The store is busy (another program is writing); nothing was half-written. "
        "Try again. Details: {path}",
    ),
}
