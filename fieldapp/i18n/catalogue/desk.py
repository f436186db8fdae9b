"""Messages of the support point desk: sign-in, scan, card, outcomes, home visits, today."""

MESSAGES: dict[str, tuple[str, str]] = {
    # Tabs, menus, actions.
    "desk.tab.desk": ("Quét thẻ", "Scan"),
    "desk.tab.home_visits": ("Hỗ trợ tại nhà", "Home visits"),
    "desk.tab.today": ("Hôm nay", "Today"),
    "desk.menu.desk": ("Điểm hỗ trợ", "Desk"),
    "desk.menu.view": ("Xem", "View"),
    "desk.menu.settings": ("Cài đặt", "Settings"),
    "desk.action.focus_scan": ("Về ô quét", "Back to the scan field"),
    "desk.action.undo": ("Hoàn tác kết quả vừa ghi", "Undo the last outcome"),
    "desk.action.new_citizen": ("Thêm công dân mới", "Add a new citizen"),
    "desk.action.show_id": ("Hiện/ẩn số định danh", "Show/hide the personal ID"),
    "desk.action.switch_user": ("Đổi người trực", "Switch user"),
    "desk.action.settings": ("Cài đặt…", "Settings…"),
    "desk.action.quit": ("Thoát", "Quit"),
    "desk.action.home_visit": ("Ghi lượt hỗ trợ tại nhà", "Record a home visit"),
    "desk.action.refresh": ("Làm mới", "Refresh"),
    "desk.shortcuts": (
        "F2 ô quét · 1–5 chọn bước · Ctrl+Z hoàn tác · Ctrl+F tìm theo tên · "
        "Ctrl+N thêm công dân · "
        "Ctrl+E sửa thông tin · P/K có/không có điện thoại thông minh · Ctrl+I hiện số · "
        "Ctrl+H hỗ trợ tại nhà · Ctrl+1/2/3 chuyển trang · "
        "Ctrl+L đổi người trực · Ctrl+, cài đặt",
        "F2 scan field · 1–5 pick a step · Ctrl+Z undo · Ctrl+F find by name · "
        "Ctrl+N new citizen · "
        "Ctrl+E correct details · P/K has/has no smartphone · Ctrl+I show ID · "
        "Ctrl+H home visit · Ctrl+1/2/3 switch page · "
        "Ctrl+L switch user · Ctrl+, settings",
    ),
    "desk.shortcuts.bank": (
        "F2 ô quét · 1 mở tài khoản · 2 xác thực sinh trắc học · Ctrl+K tài khoản nhận trợ cấp"
        " · Ctrl+Z hoàn tác · Ctrl+L đổi người trực",
        "F2 scan field · 1 account opened · 2 biometric verified · Ctrl+K payment account"
        " · Ctrl+Z undo · Ctrl+L switch user",
    ),
    # Header.
    "desk.header.role": ("{user} ({role})", "{user} ({role})"),
    "desk.header.bank_mode": ("Chế độ cán bộ ngân hàng", "Bank officer mode"),
    # Sign-in.
    "desk.signin.title": ("Đăng nhập", "Sign in"),
    "desk.signin.intro": (
        "Chọn tên của bạn và nhập mã PIN.",
        "Pick your name and enter your PIN.",
    ),
    "desk.signin.user": ("Người trực", "Your name"),
    "desk.signin.pin": ("Mã PIN", "PIN"),
    "desk.signin.no_users": (
        "Chưa có người dùng nào cho điểm này.",
        "This point has no users yet.",
    ),
    "desk.signin.checking": ("Đang kiểm tra…", "Checking…"),
    "desk.signin.welcome": ("Xin chào {user}", "Welcome, {user}"),
    # Scan.
    "desk.scan.label": ("Quét thẻ (F2)", "Scan (F2)"),
    "desk.scan.name_differs": (
        "Tên trên mã quét («{scanned}») khác danh sách; dùng tên trong danh sách.",
        "The scanned name ('{scanned}') differs from the list; the list's name is used.",
    ),
    "desk.scan.not_signed_in": (
        "Chưa đăng nhập: hãy chọn người trực (Ctrl+L).",
        "Nobody is signed in: pick the user on duty (Ctrl+L).",
    ),
    "desk.scan.home_saved": (
        "Đã ghi lượt hỗ trợ tại nhà cho {name}",
        "Home visit saved for {name}",
    ),
    # Card.
    "desk.card.group": ("Đối tượng", "Beneficiary group"),
    "desk.card.payment": ("Chi trả", "Payment"),
    "desk.card.no_group": ("Không thuộc nhóm hưởng chính sách", "Not a beneficiary"),
    "desk.card.steps": ("Tình trạng từng bước", "Status per step"),
    "desk.card.facts": ("Danh sách chính thức", "Official lists"),
    "desk.card.no_facts": ("Chưa có trong danh sách nào", "On no list yet"),
    "desk.card.visits": ("Các lượt hỗ trợ", "Visits"),
    "desk.card.no_visits": ("Chưa có lượt nào trước đây", "No earlier visits"),
    "desk.card.visit_line": (
        "{when} · {place} · {point} · {user}",
        "{when} · {place} · {point} · {user}",
    ),
    "desk.card.fact_line": (
        "{field}: {value} — {source}, ngày {as_of}",
        "{field}: {value} — {source}, as of {as_of}",
    ),
    "desk.card.show_id": ("Hiện số (Ctrl+I)", "Show (Ctrl+I)"),
    "desk.card.hide_id": ("Ẩn số (Ctrl+I)", "Hide (Ctrl+I)"),
    "desk.card.name_from_list": ("tên theo danh sách", "name from the list"),
    "desk.card.source.visit": ("ghi tại điểm", "recorded at a point"),
    "desk.card.source.official_list": ("theo danh sách", "from a list"),
    "desk.card.source.inferred": ("suy ra từ bước sau", "inferred from a later step"),
    "desk.fact.eid_level": ("Mức tài khoản ĐDĐT", "e-ID level"),
    "desk.fact.eid_activated": ("Đã kích hoạt ĐDĐT", "e-ID activated"),
    "desk.fact.benefit_linked": ("Đã tích hợp ASXH", "Benefit account linked"),
    "desk.fact.beneficiary_group": ("Nhóm đối tượng", "Beneficiary group"),
    "desk.fact.payment_status": ("Hình thức chi trả", "Payment"),
    "desk.fact.proxy_name": ("Người được ủy quyền", "Proxy"),
    "desk.fact.guardian_name": ("Người giám hộ", "Guardian"),
    "desk.fact.needs_help": ("Cần hỗ trợ tại nhà", "Needs help at home"),
    "desk.yes": ("Có", "Yes"),
    "desk.no": ("Không", "No"),
    # Outcomes.
    "desk.outcome.title": ("Ghi kết quả", "Record an outcome"),
    "desk.outcome.pick_step": (
        "Nhấn số 1–5 để chọn bước, rồi chọn kết quả.",
        "Press 1–5 to pick a step, then the result.",
    ),
    "desk.outcome.pick_result": (
        "Bước «{step}»: nhấn D, S, F hoặc R (Esc để bỏ).",
        "Step '{step}': press D, S, F or R (Esc to cancel).",
    ),
    "desk.outcome.no_card": ("Quét thẻ trước khi ghi kết quả.", "Scan a card first."),
    "desk.outcome.key.done": ("D  Đã xong", "D  Done"),
    "desk.outcome.key.submitted": ("S  Đã gửi, chờ duyệt", "S  Submitted"),
    "desk.outcome.key.failed": ("F  Không thành công…", "F  Failed…"),
    "desk.outcome.key.referred": ("R  Chuyển tiếp…", "R  Referred…"),
    "desk.outcome.saved": ("Đã ghi: {step} — {result}", "Saved: {step} — {result}"),
    "desk.outcome.undone": (
        "Đã hoàn tác: {step} — {result} (ghi một sự kiện sửa)",
        "Undone: {step} — {result} (a correcting event was recorded)",
    ),
    "desk.outcome.nothing_to_undo": (
        "Không có kết quả nào để hoàn tác",
        "Nothing to undo",
    ),
    "desk.outcome.cancelled": ("Đã bỏ, không ghi gì", "Cancelled, nothing stored"),
    "desk.outcome.bank_button": ("1  Đã mở tài khoản…", "1  Account opened…"),
    "desk.outcome.biometric_button": (
        "2  Đã xác thực sinh trắc học",
        "2  Biometric verified",
    ),
    "desk.outcome.account_saved": (
        "Đã ghi mở tài khoản tại {bank}{biometric}",
        "Account opening saved at {bank}{biometric}",
    ),
    "desk.outcome.with_biometric": (" và xác thực sinh trắc học", " with biometric verification"),
    # Pickers.
    "desk.search.title": ("Tìm theo tên (Ctrl+F)", "Find by name (Ctrl+F)"),
    "desk.search.placeholder": (
        "Gõ tên, có dấu hay không dấu: nguyen thi huong",
        "Type a name, with or without diacritics: nguyen thi huong",
    ),
    "desk.search.intro": (
        "Gõ ít nhất 2 chữ. Enter hoặc nhấp đúp để mở thẻ (ghi lượt hỗ trợ như khi nhập số "
        "định danh); ↑ ↓ để chọn; Esc để đóng.",
        "Type at least 2 letters. Enter or double-click opens the card (records a visit, as "
        "typing the ID does); Up/Down to choose; Esc to close.",
    ),
    "desk.search.found": ("Tìm thấy {count} người.", "{count} found."),
    "desk.search.none": ("Không tìm thấy ai có tên này.", "Nobody found with this name."),
    "desk.action.search": ("Tìm theo tên", "Find by name"),
    "desk.reason.title": ("Lý do không thành công", "Why it failed"),
    "desk.reason.intro": (
        "Nhấn số để chọn lý do, Enter để ghi, Esc để bỏ.",
        "Press a number to pick the reason, Enter to save, Esc to cancel.",
    ),
    "desk.reason.other_text": ("Ghi rõ lý do khác", "Describe the other reason"),
    "desk.referral.title": ("Chuyển tiếp đến", "Refer to"),
    "desk.referral.intro": (
        "C: Công an xã (đăng ký mức 2) · N: Ngân hàng · Esc để bỏ.",
        "C: commune police (level 2) · N: bank · Esc to cancel.",
    ),
    "desk.referral.police_button": ("C  Công an xã (đăng ký mức 2)", "C  Commune police"),
    "desk.referral.bank_button": ("N  Ngân hàng", "N  Bank"),
    "desk.bank.title": ("Mở tài khoản ngân hàng", "Bank account opened"),
    "desk.bank.intro": (
        "Nhấn số để chọn ngân hàng; Y/N: đã/chưa xác thực sinh trắc học; Enter để ghi.",
        "Press a number to pick the bank; Y/N: biometric done or not; Enter to save.",
    ),
    "desk.bank.bank": ("Ngân hàng", "Bank"),
    "desk.bank.biometric": (
        "Đã xác thực sinh trắc học (Y/N)",
        "Biometric verification done (Y/N)",
    ),
    "desk.button.save": ("Ghi (Enter)", "Save (Enter)"),
    "desk.button.cancel": ("Bỏ (Esc)", "Cancel (Esc)"),
    # New citizen.
    "desk.new.title": ("Thêm công dân mới", "Add a new citizen"),
    "desk.new.from_scan": (
        "Công dân chưa có trong danh sách. Kiểm tra thông tin từ mã QR rồi ghi.",
        "This citizen is not in the lists. Check the details from the QR, then save.",
    ),
    "desk.new.typed": (
        "Nhập thông tin công dân như trên thẻ căn cước.",
        "Enter the citizen's details as on the chip ID card.",
    ),
    "desk.new.birth_hint": ("ngày/tháng/năm, ví dụ 05/03/1950", "dd/mm/yyyy, e.g. 05/03/1950"),
    "desk.new.no_village": ("(chưa rõ)", "(not known)"),
    "desk.new.saved": ("Đã thêm công dân {name}", "Citizen {name} added"),
    "desk.new.bad_birth": (
        "Ngày sinh: «{value}» không đúng dạng ngày/tháng/năm",
        "Date of birth: '{value}' is not dd/mm/yyyy",
    ),
    "desk.new.sex_needed": ("Cần chọn giới tính", "Pick the sex"),
    # Home visits.
    "desk.home.village": ("Thôn", "Village"),
    "desk.home.all_villages": ("Tất cả các thôn", "All villages"),
    "desk.home.count": (
        "{count} người cần hỗ trợ tại nhà",
        "{count:person|people} to visit at home",
    ),
    "desk.home.loading": ("Đang lập danh sách…", "Building the list…"),
    "desk.home.pick_first": ("Chọn một người trong danh sách trước", "Pick someone first"),
    "desk.home.rule": (
        "Người chưa tích hợp tài khoản ASXH và không tự đến điểm được: được đánh dấu cần hỗ trợ "
        "tại nhà, hoặc từ {age} tuổi, hoặc danh sách ghi cần hỗ trợ tại nhà (trừ người đã được "
        "đánh dấu là đi được).",
        "People whose benefit account is not linked yet and who cannot come to the point: "
        "marked as needing a home visit, {age} or older, or flagged by a list as needing help "
        "(unless marked as able to come).",
    ),
    "desk.home.reason.elderly": ("Cao tuổi", "Elderly"),
    "desk.home.reason.needs_help": ("Cần hỗ trợ tại nhà", "Needs help at home"),
    "desk.home.reason.not_paid_to_account": (
        "Chưa nhận chi trả qua tài khoản",
        "Not paid through an account",
    ),
    "desk.home.col.name": ("Họ và tên", "Name"),
    "desk.home.col.age": ("Tuổi", "Age"),
    "desk.home.col.village": ("Thôn", "Village"),
    "desk.home.col.group": ("Đối tượng", "Group"),
    "desk.home.col.reasons": ("Lý do", "Reasons"),
    "desk.home.col.next": ("Việc cần làm", "What is next"),
    # Today.
    "desk.today.filter": ("Lọc: tên, người trực, kết quả…", "Filter…"),
    "desk.today.col.time": ("Giờ", "Time"),
    "desk.today.col.name": ("Họ và tên", "Name"),
    "desk.today.col.id": ("Số định danh", "Personal ID"),
    "desk.today.col.place": ("Nơi", "Place"),
    "desk.today.col.user": ("Người trực", "By"),
    "desk.today.col.outcomes": ("Kết quả", "Outcomes"),
    "desk.today.counts": (
        "{visits} lượt · Đã xong {done} · Đã gửi {submitted} · Không thành công {failed} · "
        "Chuyển tiếp {referred}",
        "{visits:visit|visits} · done {done} · submitted {submitted} · failed {failed} · "
        "referred {referred}",
    ),
    "desk.today.no_outcome": ("(chưa ghi kết quả)", "(no outcome yet)"),
    # Settings.
    "desk.settings.title": ("Cài đặt", "Settings"),
    "desk.settings.language": ("Ngôn ngữ", "Language"),
    "desk.settings.banks": ("Các ngân hàng (mỗi dòng một)", "Banks (one per line)"),
    "desk.settings.saved": ("Đã lưu cài đặt", "Settings saved"),
    "desk.lang.vi": ("Tiếng Việt", "Vietnamese"),
    "desk.lang.en": ("Tiếng Anh (English)", "English"),
}

MESSAGES.update(
    {
        "desk.new.garbled": (
            "Tên trên mã QR có thể đã mất dấu khi quét: hãy sửa lại cho đúng thẻ.",
            "The scanner may have lost the name's diacritics: correct it from the card.",
        ),
        "desk.new.sex_unknown": ("—", "—"),
        "desk.new.save_visit": ("Ghi và mở thẻ (Enter)", "Save and open the card (Enter)"),
    }
)

MESSAGES.update(
    {
        "desk.scan.half": (
            "Quét chưa hết (máy quét bị ngắt giữa chừng): chưa ghi gì. Hãy quét lại.",
            "Half a scan arrived (the scanner was interrupted): nothing was stored. Scan again.",
        ),
        "desk.new.cancelled": (
            "Chưa thêm công dân mới; không ghi gì.",
            "No citizen added; nothing was stored.",
        ),
        "desk.outcome.undo_button": ("Ctrl+Z  Hoàn tác", "Ctrl+Z  Undo"),
        "desk.outcome.show_id_button": ("Ctrl+I  Hiện/ẩn số định danh", "Ctrl+I  Show/hide ID"),
        "desk.outcome.steps": ("Bước", "Step"),
        "desk.outcome.results": ("Kết quả", "Result"),
        "desk.outcome.bank_hint": (
            "Nhấn 1 khi đã mở tài khoản (chọn ngân hàng, sinh trắc học), 2 khi đã xác thực "
            "sinh trắc học.",
            "Press 1 when an account was opened (pick the bank, biometrics), 2 when biometric "
            "verification was done.",
        ),
    }
)

MESSAGES["desk.card.this_visit"] = ("lượt này", "this visit")

MESSAGES["desk.scan.same_visit"] = (
    "Tiếp tục lượt hỗ trợ vừa rồi của {name} (quét lại trong vòng 30 phút)",
    "Continuing the recent visit of {name} (scanned again within 30 minutes)",
)

MESSAGES.update(
    {
        "desk.action.users": ("Người dùng…", "Users…"),
        "desk.users.title": ("Người dùng của điểm", "Users of this point"),
        "desk.users.intro": (
            "Thêm người trực hoặc cán bộ ngân hàng đến hỗ trợ hôm nay. Ai cũng cần mã PIN: "
            "ít nhất 6 chữ số (công an, quản trị: 8 ký tự trở lên).",
            "Add a volunteer or the bank officer visiting today. Everyone needs a PIN: "
            "6 digits or more (police, admin: 8 characters or more).",
        ),
        "desk.users.name": ("Họ và tên", "Full name"),
        "desk.users.role": ("Vai trò", "Role"),
        "desk.users.pin": ("Mã PIN", "PIN"),
        "desk.users.add": ("Thêm (Enter)", "Add (Enter)"),
        "desk.users.close": ("Đóng (Esc)", "Close (Esc)"),
        "desk.users.added": ("Đã thêm {name}", "{name} added"),
        "desk.users.forbidden": (
            "Cán bộ ngân hàng không thêm được người dùng",
            "A bank officer cannot add users",
        ),
        "desk.users.name_needed": ("Cần nhập họ tên", "A name is needed"),
        "desk.users.bad_pin": ("Mã PIN gồm 4 đến 8 chữ số", "A PIN is 4 to 8 digits"),
        "desk.users.exists": ("Đã có người dùng tên «{name}»", "A user named '{name}' exists"),
    }
)
