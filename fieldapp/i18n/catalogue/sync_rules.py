"""Messages of hostile input refused: bundle rules, sequences, limits, values in the domain."""

MESSAGES: dict[str, tuple[str, str]] = {
    # Values refused everywhere (desk, lists, scans, bundles).
    "id.not_ascii_digits": (
        "{field}: chỉ dùng chữ số 0-9 thông thường (không dùng chữ số toàn khổ hay chữ số Ả Rập)",
        "{field}: plain digits 0-9 only (no full-width or Arabic-Indic digits)",
    ),
    "value.hidden_character": (
        "{field}: có ký tự ẩn hoặc ký tự điều khiển (ký tự đảo chiều, NUL...); hãy gõ lại",
        "{field}: holds a hidden or control character (direction override, NUL...); type it again",
    ),
    "value.too_long": (
        "{field}: quá dài (tối đa {limit} ký tự)",
        "{field}: too long (at most {limit} characters)",
    ),
    "lists.p.hidden_character": (
        "có ký tự ẩn hoặc ký tự điều khiển (ký tự đảo chiều, NUL...)",
        "holds a hidden or control character (direction override, NUL...)",
    ),
    "lists.p.too_long": ("quá dài (tối đa {limit} ký tự)", "too long (at most {limit} characters)"),
    "field.user_name": ("Tên người dùng", "User name"),
    # A bundle refused for one row: the section, the row, the rule.
    "sync.refused_row": (
        "Gói «{file}» của «{point}» bị từ chối: {section}, dòng {row}: {rule}. "
        "Không nhập gì từ tệp này.",
        "The bundle '{file}' from '{point}' is refused: {section}, row {row}: {rule}. "
        "Nothing was imported from it.",
    ),
    "sync.bad_value": (
        "Gói «{file}» của «{point}» bị từ chối: {section}, dòng {row}, cột «{column}»: {rule}. "
        "Không nhập gì từ tệp này.",
        "The bundle '{file}' from '{point}' is refused: {section}, row {row}, column "
        "'{column}': {rule}. Nothing was imported from it.",
    ),
    "section.villages": ("thôn", "villages"),
    "section.points": ("điểm hỗ trợ", "support points"),
    "section.users": ("người dùng", "users"),
    "section.citizens": ("công dân", "citizens"),
    "section.visits": ("lượt hỗ trợ", "visits"),
    "section.outcomes": ("kết quả", "outcomes"),
    "section.facts": ("thông tin chính thức", "official facts"),
    "rule.bad_value": ("giá trị không hợp lệ", "not a valid value"),
    "rule.not_ascii_digits": (
        "chỉ được có chữ số 0-9 thông thường",
        "plain digits 0-9 only",
    ),
    "rule.hidden_character": (
        "có ký tự ẩn hoặc ký tự điều khiển",
        "holds a hidden or control character",
    ),
    "rule.too_long": ("quá dài", "too long"),
    "rule.future_time": (
        "thời điểm ở tương lai (đồng hồ của máy gửi chạy nhanh quá 12 giờ?)",
        "a time in the future (is the sender's clock more than 12 hours fast?)",
    ),
    "rule.missing_reference": (
        "nhắc đến một mục không có trong gói",
        "refers to something the bundle does not carry",
    ),
    "rule.other_point": (
        "thông tin về một điểm hỗ trợ khác: mỗi điểm chỉ gửi thông tin của mình",
        "a row about another support point: a point sends only its own",
    ),
    "rule.official_fact": (
        "thông tin chính thức chỉ do Công an xã nhập từ danh sách, điểm hỗ trợ không được gửi",
        "official facts come only from the police's lists, never from a point",
    ),
    "rule.official_name": (
        "tên «theo danh sách chính thức» mà Công an xã không có: chỉ Công an xã mới ghi được",
        "an 'official list' name the police do not hold: only the police may write one",
    ),
    "rule.user_role": (
        "điểm hỗ trợ chỉ được gửi tình nguyện viên và cán bộ ngân hàng, không tạo vai trò khác",
        "a point may send only volunteers and bank officers, no other role",
    ),
    "rule.user_other_point": (
        "người dùng không thuộc điểm này (của điểm khác hoặc của Công an xã)",
        "a user who does not belong to this point (another point's, or the police's)",
    ),
    "rule.visit_other_point": (
        "lượt hỗ trợ của một điểm khác",
        "a visit made at another point",
    ),
    "rule.step_not_allowed": (
        "vai trò của người ghi không được ghi bước này (cán bộ ngân hàng: chỉ mở tài khoản "
        "và xác thực sinh trắc học)",
        "the recording user's role may not record this step (a bank officer: account "
        "opening and biometrics only)",
    ),
    "rule.outcome_mismatch": (
        "kết quả ghi cho một công dân khác với công dân của lượt hỗ trợ",
        "the outcome is about another citizen than its visit",
    ),
    "rule.correction_other": (
        "sửa một kết quả không thuộc lượt hỗ trợ này",
        "corrects an outcome of another visit",
    ),
    "rule.unknown_village": (
        "thôn mà Công an xã chưa có: hãy thêm thôn ở Công an xã trước",
        "a village the police do not have: add it at the police first",
    ),
    # Whole bundles.
    "sync.bad_sequence": (
        "Gói «{file}» mang số thứ tự không hợp lệ ({sequence}). Không nhập gì từ tệp này.",
        "The bundle '{file}' carries an invalid sequence number ({sequence}). "
        "Nothing was imported from it.",
    ),
    "sync.sequence_reused": (
        "Gói «{file}» của «{point}» mang số {sequence}, số này đã dùng cho một gói khác đã nhập. "
        "Không nhập; hãy hỏi điểm hỗ trợ (máy có bị khôi phục từ bản sao lưu cũ?).",
        "The bundle '{file}' from '{point}' carries number {sequence}, already used by another "
        "bundle imported here. Not imported; ask the point (was it restored from an old "
        "backup?).",
    ),
    "sync.sequence_jump": (
        "Gói «{file}» của «{point}» mang số {sequence}, vượt quá xa gói mới nhất đã nhập "
        "(số {newest}). Không nhập.",
        "The bundle '{file}' from '{point}' carries number {sequence}, far beyond the newest "
        "imported (number {newest}). Not imported.",
    ),
    "sync.too_large": (
        "Tệp «{file}» quá lớn (giới hạn {limit} MB). Không nhập gì từ tệp này.",
        "The file '{file}' is too large (limit {limit} MB). Nothing was imported from it.",
    ),
    "sync.quarantine_full": (
        "Gói «{file}» từ «{sender}» (mã khóa {fingerprint}) chưa được đăng ký, và chỗ giữ riêng "
        "các gói như vậy đã đầy. Không giữ lại; hãy đăng ký điểm rồi nhập lại.",
        "The bundle '{file}' from '{sender}' (key {fingerprint}) is not enrolled, and the "
        "space for such held bundles is full. Not kept; enrol the point, then import again.",
    ),
    "sync.no_point_id": (
        "Gói «{file}» không ghi điểm hỗ trợ nào đã gửi. Không nhập.",
        "The bundle '{file}' does not say which support point sent it. Not imported.",
    ),
    "sync.peer_without_point": (
        "Khóa của «{sender}» được đăng ký mà không gắn với điểm hỗ trợ nào. Không nhập gói "
        "«{file}»; hãy thu hồi khóa này và đăng ký lại điểm bằng thẻ khóa mới.",
        "The key of '{sender}' was enrolled without a support point. The bundle '{file}' "
        "is not imported; revoke that key and enrol the point again from a new key card.",
    ),
    "sync.import_failed": (
        "Không nhập được «{file}» do một lỗi không lường trước ({error}); các tệp khác vẫn "
        "được nhập. Lỗi đã được ghi vào nhật ký.",
        "'{file}' could not be imported because of an unexpected error ({error}); the other "
        "files are still imported. The error was logged.",
    ),
    # Key cards and enrolment.
    "sync.card_no_point": (
        "Thẻ khóa (mã {fingerprint}) không ghi điểm hỗ trợ nào: không đăng ký. Hãy lấy thẻ khóa "
        "mới từ máy của điểm.",
        "The key card (key {fingerprint}) names no support point: not enrolled. Take a new "
        "key card from the point's computer.",
    ),
    "sync.point_enrolled_twice": (
        "Điểm «{name}» đã có một khóa được đăng ký ({fingerprint}). Nếu máy của điểm đã thay "
        "hoặc bị mất, hãy thu hồi khóa cũ trước.",
        "The point '{name}' already has an enrolled key ({fingerprint}). If the point's "
        "computer was replaced or lost, revoke the old key first.",
    ),
    "sync.enrolled_no_village": (
        "Chưa chọn thôn cho điểm này: chưa gửi danh sách được. Dùng «fieldapp keys villages "
        "{fingerprint} --village TÊN_THÔN».",
        "No village chosen for this point yet: no lists can go to it. Use 'fieldapp keys "
        "villages {fingerprint} --village NAME'.",
    ),
    "sync.point_village_unknown": (
        "Chưa chọn thôn cho «{point}» ({fingerprint}): không gửi danh sách (để khỏi gửi cả xã). "
        "Dùng «fieldapp keys villages {fingerprint} --village TÊN_THÔN».",
        "No village chosen for '{point}' ({fingerprint}): no lists sent (rather than the "
        "whole commune). Use 'fieldapp keys villages {fingerprint} --village NAME'.",
    ),
    "sync.villages_needed": (
        "Hãy chọn ít nhất một thôn.",
        "Choose at least one village.",
    ),
    "sync.villages_set": (
        "Danh sách gửi về «{name}» gồm các thôn: {villages}.",
        "Lists for '{name}' will cover: {villages}.",
    ),
}
