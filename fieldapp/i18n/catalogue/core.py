"""Messages of the domain and the spine: validation, steps, results, needs, the CLI."""

MESSAGES: dict[str, tuple[str, str]] = {
    # Field names, used in "field" params.
    "field.personal_id": ("Số định danh cá nhân", "Personal ID"),
    "field.old_id": ("Số CMND cũ", "Old ID number"),
    "field.full_name": ("Họ và tên", "Full name"),
    "field.birth_date": ("Ngày sinh", "Date of birth"),
    "field.sex": ("Giới tính", "Sex"),
    "field.address": ("Nơi thường trú", "Permanent address"),
    "field.issue_date": ("Ngày cấp", "Date of issue"),
    "field.phone": ("Số điện thoại", "Phone number"),
    "field.village": ("Thôn", "Village"),
    # Validation.
    "id.not_digits": ("{field}: chỉ được có chữ số", "{field}: digits only"),
    "id.wrong_length": ("{field}: {count} chữ số, cần 12", "{field}: {count} digits, 12 needed"),
    "id.bad_province": (
        "{field}: mã tỉnh {code} không tồn tại",
        "{field}: province code {code} does not exist",
    ),
    "id.century_mismatch": (
        "{field}: chữ số thứ 4 không khớp với năm sinh {year}",
        "{field}: the 4th digit does not match birth year {year}",
    ),
    "id.year_mismatch": (
        "{field}: chữ số thứ 5-6 không khớp với năm sinh {year}",
        "{field}: digits 5-6 do not match birth year {year}",
    ),
    "id.sex_mismatch": (
        "{field}: chữ số thứ 4 không khớp với giới tính",
        "{field}: the 4th digit does not match the sex",
    ),
    "phone.not_digits": ("{field}: chỉ được có chữ số", "{field}: digits only"),
    "phone.invalid": (
        "{field}: không phải số di động Việt Nam (10 số, bắt đầu bằng 03, 05, 07, 08, 09)",
        "{field}: not a Vietnamese mobile number (10 digits starting 03, 05, 07, 08, 09)",
    ),
    "date.bad_format": (
        "{field}: «{value}» không đúng dạng ngàythángnăm (ddmmyyyy)",
        "{field}: '{value}' is not in ddmmyyyy form",
    ),
    "date.impossible": (
        "{field}: ngày «{value}» không tồn tại",
        "{field}: the date '{value}' does not exist",
    ),
    "qr.too_few_fields": (
        "Mã QR không đủ thông tin: có {count} trường, cần {expected}. Hãy quét lại.",
        "The QR code is incomplete: {count} fields, {expected} needed. Scan again.",
    ),
    "qr.bad_old_id": ("{field}: phải gồm 9 chữ số", "{field}: must be 9 digits"),
    "qr.empty_field": ("{field}: đang để trống", "{field}: is empty"),
    "qr.bad_sex": (
        "{field}: «{value}» không phải Nam hoặc Nữ",
        "{field}: '{value}' is neither Nam nor Nữ",
    ),
    "qr.issued_before_birth": (
        "{field}: ngày cấp trước ngày sinh",
        "{field}: issued before the date of birth",
    ),
    "scan.empty": ("Chưa có gì để tra cứu", "Nothing to look up"),
    "scan.not_id": (
        "Không phải mã QR trên thẻ căn cước hay số định danh 12 chữ số",
        "Neither a chip ID card QR code nor a 12-digit personal ID",
    ),
    "scan.glued": (
        "Hai lần quét bị dính vào nhau. Hãy quét lại từng thẻ.",
        "Two scans were glued together. Scan one card at a time.",
    ),
    "citizen.unknown": (
        "Chưa có công dân với số định danh này trong danh sách. Thêm mới?",
        "No citizen with this personal ID in the lists yet. Add as new?",
    ),
    "citizen.exists": (
        "Đã có công dân với số định danh này",
        "A citizen with this personal ID already exists",
    ),
    "visit.unknown": ("Không tìm thấy lượt hỗ trợ", "Visit not found"),
    "outcome.unknown": ("Không tìm thấy kết quả cần sửa", "Outcome to correct not found"),
    "outcome.reason_needed": (
        "Kết quả «không thành công» cần chọn lý do",
        "A failed outcome needs a reason",
    ),
    "outcome.referral_needed": (
        "Kết quả «chuyển tiếp» cần chọn nơi chuyển đến",
        "A referred outcome needs a destination",
    ),
    "outcome.bank_needed": (
        "Mở tài khoản ngân hàng cần ghi tên ngân hàng",
        "An account opening needs the bank's name",
    ),
    "outcome.reason_not_for_step": (
        "Lý do «{reason}» không dùng cho bước «{step}»; chọn một lý do của bước này",
        "The reason '{reason}' does not apply to the step '{step}'; pick one of this step's",
    ),
    "outcome.other_needs_text": (
        "Lý do «khác» cần ghi rõ",
        "Reason 'other' needs a description",
    ),
    "outcome.role_forbidden": (
        "Vai trò {role} không được ghi kết quả bước «{step}»",
        "Role {role} may not record the step '{step}'",
    ),
    "point.not_set_up": (
        "Máy này chưa được thiết lập điểm hỗ trợ. Chạy: fieldapp init",
        "This computer has no support point yet. Run: fieldapp init",
    ),
    "user.unknown": ("Không tìm thấy người dùng «{name}»", "No user named '{name}'"),
    "village.unknown": ("Không tìm thấy thôn «{name}»", "No village named '{name}'"),
    "point.unknown": ("Không tìm thấy điểm hỗ trợ «{name}»", "No support point named '{name}'"),
    "villages.name_needed": ("Cần nhập tên thôn", "A village name is needed"),
    "villages.exists": ("Xã đã có thôn «{name}»", "The commune already has a village '{name}'"),
    "villages.added": ("Đã thêm thôn «{name}»", "Added village '{name}'"),
    "villages.renamed": (
        "Đã đổi tên thôn «{old}» thành «{name}»",
        "Renamed village '{old}' to '{name}'",
    ),
    "points.added": ("Đã thêm điểm hỗ trợ «{name}»", "Added support point '{name}'"),
    "points.renamed": (
        "Đã đổi tên điểm hỗ trợ «{old}» thành «{name}»",
        "Renamed support point '{old}' to '{name}'",
    ),
    "setup.already": (
        "Máy này đã được thiết lập cho điểm «{point}»: chỉ thêm thôn và người dùng còn thiếu "
        "(đổi tên điểm: fieldapp points rename)",
        "This machine is already set up for point '{point}': only missing villages and users "
        "were added (rename the point: fieldapp points rename)",
    ),
    "points.exists": ("Đã có điểm hỗ trợ «{name}»", "A support point '{name}' already exists"),
    "store.too_new": (
        "Dữ liệu được tạo bởi phiên bản FieldApp mới hơn. Hãy cập nhật phần mềm.",
        "The data was written by a newer FieldApp. Please update the software.",
    ),
    "store.unreachable": (
        "Không mở được dữ liệu tại {location}",
        "Cannot open the data store at {location}",
    ),
    # Steps, results, reasons, needs.
    "step.eid_application": ("Đăng ký tài khoản ĐDĐT mức 2", "Level-2 e-ID application"),
    "step.eid_activation": ("Kích hoạt tài khoản ĐDĐT", "e-ID activation"),
    "step.bank_account": ("Mở tài khoản ngân hàng", "Bank account"),
    "step.biometric_verified": ("Xác thực sinh trắc học", "Biometric verification"),
    "step.benefit_link": ("Tích hợp tài khoản an sinh xã hội", "Benefit account link"),
    "result.done": ("Đã xong", "Done"),
    "result.submitted": ("Đã gửi, chờ phê duyệt", "Submitted, waiting for approval"),
    "result.failed": ("Không thành công", "Failed"),
    "result.referred": ("Chuyển tiếp", "Referred"),
    "state.not_started": ("Chưa thực hiện", "Not started"),
    "state.failed": ("Chưa thành công", "Failed"),
    "state.referred": ("Đã chuyển tiếp", "Referred"),
    "state.submitted": ("Đã gửi, chờ phê duyệt", "Submitted, waiting for approval"),
    "state.done": ("Đã xong", "Done"),
    "reason.no_smartphone": ("Không có điện thoại thông minh", "No smartphone"),
    "reason.phone_not_registered": (
        "Số điện thoại không phải số đã đăng ký",
        "Phone number is not the registered one",
    ),
    "reason.no_otp": ("Không nhận được mã OTP", "No OTP received"),
    "reason.level2_not_registered": (
        "Chưa đăng ký tài khoản mức 2",
        "Level 2 not yet registered",
    ),
    "reason.account_locked": ("Tài khoản bị khóa", "Account locked"),
    "reason.bank_not_verified": (
        "Tài khoản ngân hàng chưa xác thực sinh trắc học",
        "Bank account not verified",
    ),
    "reason.citizen_absent": ("Công dân không có mặt", "Citizen not present"),
    "reason.network_down": ("Mất kết nối mạng", "Network down"),
    "reason.other": ("Lý do khác", "Other"),
    "referral.commune_police": ("Công an xã (đăng ký mức 2)", "Commune police (level 2)"),
    "referral.bank": ("Ngân hàng", "Bank"),
    "need.level2_registration": (
        "Cần đăng ký tài khoản định danh điện tử mức 2 tại Công an xã",
        "Needs to apply for a level-2 e-ID account at the commune police",
    ),
    "need.level2_upgrade": (
        "Tài khoản đang ở mức 1: cần nâng cấp lên mức 2 tại Công an xã",
        "The account is level 1: needs upgrading to level 2 at the commune police",
    ),
    "need.smartphone": (
        "Cần điện thoại thông minh (của mình hoặc người thân)",
        "Needs a smartphone (their own or a relative's)",
    ),
    "need.eid_activation": (
        "Cần kích hoạt tài khoản định danh điện tử trên VNeID",
        "Needs to activate the e-ID account in VNeID",
    ),
    "need.bank_account": ("Cần mở tài khoản ngân hàng", "Needs a bank account"),
    "need.biometric": (
        "Cần xác thực sinh trắc học tài khoản ngân hàng",
        "Needs biometric verification of the bank account",
    ),
    "need.benefit_link": (
        "Cần tích hợp tài khoản an sinh xã hội trên VNeID",
        "Needs to link the benefit account in VNeID",
    ),
    "need.wait_approval": (
        "Đã gửi tích hợp, đang chờ phê duyệt",
        "Link submitted, waiting for approval",
    ),
    "need.nothing": ("Đã hoàn thành tất cả các bước", "All steps complete"),
    "group.merit": ("Người có công với cách mạng", "Meritorious service"),
    "group.social_protection": ("Bảo trợ xã hội", "Social protection"),
    "group.social_pension": ("Hưu trí xã hội", "Social pension"),
    "group.insurance_pension": ("Lương hưu, trợ cấp BHXH", "Insurance pension"),
    "group.serious_illness": ("Bệnh hiểm nghèo, bệnh nghề nghiệp", "Serious illness"),
    "group.education": ("Giáo dục", "Education"),
    "payment.paid_to_account": ("Đã nhận chi trả qua tài khoản", "Paid to an account"),
    "payment.has_account_not_paid": (
        "Đã có tài khoản nhưng chưa nhận chi trả qua tài khoản",
        "Has an account, not paid through it",
    ),
    "payment.no_account": ("Chưa có tài khoản", "No account"),
    "role.volunteer": ("Tình nguyện viên", "Volunteer"),
    "role.bank_officer": ("Cán bộ ngân hàng", "Bank officer"),
    "role.commune_police": ("Công an xã", "Commune police"),
    "role.admin": ("Quản trị", "Administrator"),
    "role.province_police": ("Công an tỉnh", "Province police"),
    "place.at_point": ("Tại điểm hỗ trợ", "At the support point"),
    "place.home": ("Tại nhà", "At home"),
    "sex.male": ("Nam", "Male"),
    "sex.female": ("Nữ", "Female"),
}

MESSAGES.update(
    {
        "setup.commune_needed": ("Cần nhập tên xã", "The commune's name is needed"),
        "setup.point_needed": ("Cần nhập tên điểm hỗ trợ", "The support point's name is needed"),
        "signin.wrong_pin": ("Sai mã PIN", "Wrong PIN"),
    }
)

MESSAGES.update(
    {
        "task.cancelled": ("Đã hủy, không có gì được lưu", "Cancelled; nothing was stored"),
        "task.unexpected": (
            "Lỗi không mong muốn: {detail}. Dữ liệu đã lưu trước đó vẫn an toàn.",
            "Unexpected error: {detail}. Data stored before is safe.",
        ),
    }
)

MESSAGES.update(
    {
        "settings.banks_empty": ("Cần ít nhất một ngân hàng", "At least one bank is needed"),
        "settings.bad_language": (
            "Ngôn ngữ «{value}» không hỗ trợ",
            "Language '{value}' unsupported",
        ),
    }
)

MESSAGES.update(
    {
        "backup.not_sqlite": (
            "Chỉ sao lưu được dữ liệu SQLite; máy chủ cơ sở dữ liệu có công cụ sao lưu riêng",
            "Only a SQLite store can be backed up here; a database server has its own tools",
        ),
        "backup.no_store": ("Chưa có dữ liệu tại {location}", "No store at {location} yet"),
        "backup.cannot_write": (
            "Không ghi được bản sao lưu vào {location} (đầy hoặc chỉ đọc?)",
            "Cannot write the backup to {location} (full or read-only?)",
        ),
        "backup.done": ("Đã sao lưu vào {path}", "Backed up to {path}"),
    }
)
