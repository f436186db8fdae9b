"""Proxies, guardians and payment accounts (issue 19): the desk, slips and the payment list."""

MESSAGES: dict[str, tuple[str, str]] = {
    # what is missing next for a beneficiary paid through a receiver
    "need.receiver_account": (
        "Chi trả qua người nhận thay: cần tài khoản ngân hàng của người được ủy quyền/giám hộ"
        " (không cần tài khoản định danh mức 2 của đối tượng)",
        "Paid through a proxy/guardian: needs the receiver's bank account"
        " (not the beneficiary's own level-2 account)",
    ),
    "action.record_receiver": ("ghi người nhận trợ cấp thay", "record who receives a payment"),
    "action.record_account": ("ghi tài khoản nhận trợ cấp", "record payment accounts"),
    "action.export_payment_list": ("xuất danh sách chi trả", "export payment lists"),
    # bundles: the sections and the rule a point's payment rows must keep
    "section.receivers": ("người nhận trợ cấp", "payment receivers"),
    "section.accounts": ("tài khoản nhận trợ cấp", "payment accounts"),
    "rule.correction_not_allowed": (
        "vai trò của người ghi không được sửa thông tin công dân (cán bộ ngân hàng)",
        "the recording user's role may not correct a citizen's details (a bank officer)",
    ),
    "rule.payment_not_allowed": (
        "vai trò của người ghi không được ghi mục này (cán bộ ngân hàng chỉ ghi tài khoản)",
        "the recording user's role may not record this (a bank officer: accounts only)",
    ),
    "payments.card.paid_to": ("Nhận trợ cấp", "Paid to"),
    "payments.card.account": ("Tài khoản nhận", "Payment account"),
    "payments.card.receives_for": ("Nhận trợ cấp thay cho", "Receives the payment for"),
    # the desk's forms
    "payments.receiver.title": ("Người nhận trợ cấp", "Who receives the payment"),
    "payments.receiver.intro": (
        "Trợ cấp chi trả cho ai? Nếu qua người được ủy quyền hoặc người giám hộ: quét thẻ"
        " căn cước của người đó (hoặc gõ số định danh), ghi quan hệ với đối tượng.",
        "Who is the benefit paid to? For a proxy or a guardian: scan their chip ID card (or"
        " type their ID) and say how they are related to the beneficiary.",
    ),
    "payments.receiver.holder": ("Chi trả cho", "Paid to"),
    "payments.receiver.scan": ("Quét thẻ người nhận", "Scan the receiver's card"),
    "payments.receiver.scan_hint": (
        "Quét mã QR trên thẻ căn cước của người nhận thay",
        "Scan the QR code on the receiver's chip ID card",
    ),
    "payments.receiver.name": ("Họ tên người nhận", "Receiver's name"),
    "payments.receiver.relation": ("Quan hệ với đối tượng", "Relation to the beneficiary"),
    "payments.receiver.id": ("Số định danh người nhận", "Receiver's personal ID"),
    "payments.receiver.id_hint": ("12 chữ số (nếu có)", "12 digits (if known)"),
    "payments.receiver.known": (
        "Người này đã có trong danh sách: dùng họ tên theo danh sách",
        "Already in the store: the name from the list is used",
    ),
    "payments.receiver.new": (
        "Người này chưa có trong danh sách: kiểm tra lại họ tên",
        "Not in the store yet: check the name",
    ),
    "payments.receiver.saved": (
        "Đã ghi người nhận trợ cấp của {name}",
        "Saved who receives {name}'s payment",
    ),
    "payments.account.title": ("Tài khoản nhận trợ cấp", "Payment account"),
    "payments.account.intro": (
        "Tài khoản sẽ nhận trợ cấp hằng tháng. Số tài khoản chỉ hiện 4 số cuối sau khi lưu.",
        "The account the monthly benefit goes into. Only its last 4 digits show once saved.",
    ),
    "payments.account.holder": ("Chủ tài khoản", "Account holder"),
    "payments.account.bank": ("Ngân hàng", "Bank"),
    "payments.account.number": ("Số tài khoản", "Account number"),
    "payments.account.number_hint": ("Chỉ gồm chữ số", "Digits only"),
    "payments.account.rule": (
        "Số tài khoản {bank}: {lengths} chữ số",
        "{bank} account numbers: {lengths} digits",
    ),
    "payments.account.rule_unknown": (
        "Ngân hàng này: kiểm tra 6 đến 19 chữ số",
        "This bank: 6 to 19 digits are checked",
    ),
    "payments.account.current": ("Đang ghi: {account}", "Recorded now: {account}"),
    "payments.account.saved": (
        "Đã ghi tài khoản nhận trợ cấp của {name}: {account}",
        "Saved {name}'s payment account: {account}",
    ),
    "payments.action.receiver": ("Người nhận trợ cấp…", "Who receives the payment…"),
    "payments.action.account": ("Tài khoản nhận trợ cấp…", "Payment account…"),
    "holder.self": ("Chính đối tượng", "The beneficiary"),
    "holder.proxy": ("Người được ủy quyền", "Proxy"),
    "holder.guardian": ("Người giám hộ", "Guardian"),
    # account numbers
    "payments.account_empty": ("Chưa nhập số tài khoản", "No account number given"),
    "payments.account_digits": (
        "Số tài khoản chỉ gồm chữ số 0-9",
        "An account number has digits 0-9 only",
    ),
    "payments.account_length_bank": (
        "Số tài khoản {bank} phải có {lengths} chữ số",
        "A {bank} account number has {lengths} digits",
    ),
    "payments.account_length": (
        "Số tài khoản phải có từ {low} đến {high} chữ số",
        "An account number has {low} to {high} digits",
    ),
    "payments.bank_empty": ("Chưa chọn ngân hàng", "No bank chosen"),
    "payments.receiver_name_empty": (
        "Chưa nhập họ tên người nhận thay",
        "The receiver's name is missing",
    ),
    "payments.receiver_is_beneficiary": (
        "Người nhận thay không thể là chính đối tượng",
        "The receiver cannot be the beneficiary themself",
    ),
    "payments.not_found": (
        "Chưa có công dân mang số định danh này",
        "No citizen with this personal ID",
    ),
    # the monthly payment list (docs/payment-list.md)
    "paylist.summary_sheet": ("Tóm tắt", "Summary"),
    "paylist.title": (
        "DANH SÁCH TÀI KHOẢN NHẬN TRỢ CẤP BỔ SUNG, THAY ĐỔI",
        "PAYMENT ACCOUNTS ADDED OR CHANGED",
    ),
    "paylist.period_first": (
        "Lần xuất đầu tiên, đến {until}",
        "First list, up to {until}",
    ),
    "paylist.period": (
        "Từ lần xuất trước ({since}) đến {until}",
        "Since the last list ({since}) up to {until}",
    ),
    "paylist.masked": (
        "Số tài khoản được che, chỉ hiện 4 số cuối",
        "Account numbers masked but the last 4 digits",
    ),
    "paylist.unmasked": (
        "Số tài khoản hiện đầy đủ theo yêu cầu của Công an xã: chỉ gửi cơ quan chi trả",
        "Account numbers shown in full at the police's request: for the paying office only",
    ),
    "paylist.no_group": ("Chưa rõ nhóm", "Group unknown"),
    "paylist.new": ("Bổ sung", "Added"),
    "paylist.changed": ("Thay đổi", "Changed"),
    "paylist.col.number": ("STT", "No."),
    "paylist.col.village": ("Thôn", "Village"),
    "paylist.col.full_name": ("Họ và tên đối tượng", "Beneficiary"),
    "paylist.col.personal_id": ("Số định danh cá nhân", "Personal ID"),
    "paylist.col.holder": ("Người nhận", "Paid to"),
    "paylist.col.receiver_name": ("Họ tên người nhận thay", "Receiver's name"),
    "paylist.col.relation": ("Quan hệ", "Relation"),
    "paylist.col.receiver_id": ("Số định danh người nhận thay", "Receiver's personal ID"),
    "paylist.col.bank": ("Ngân hàng", "Bank"),
    "paylist.col.account": ("Số tài khoản", "Account number"),
    "paylist.col.change": ("Bổ sung / thay đổi", "Added / changed"),
    "paylist.col.recorded_on": ("Ngày ghi nhận", "Recorded on"),
    "paylist.col.group": ("Nhóm đối tượng", "Beneficiary group"),
    "paylist.col.new": ("Bổ sung mới", "Added"),
    "paylist.col.changed": ("Thay đổi", "Changed"),
    "paylist.col.total": ("Cộng", "Total"),
    "paylist.nothing": (
        "Không có tài khoản nào bổ sung hay thay đổi từ lần xuất trước",
        "No account was added or changed since the last list",
    ),
    "paylist.done": (
        "Đã xuất danh sách chi trả: {rows} đối tượng",
        "Payment list exported: {rows:beneficiary|beneficiaries}",
    ),
    # the authorisation checklist slip for the family (Vietnamese only: it is printed)
    "payments.slip.title.proxy": (
        "PHIẾU HƯỚNG DẪN ỦY QUYỀN NHẬN TRỢ CẤP",
        "AUTHORISATION CHECKLIST: RECEIVING A BENEFIT FOR SOMEONE",
    ),
    "payments.slip.title.guardian": (
        "PHIẾU HƯỚNG DẪN NHẬN TRỢ CẤP QUA NGƯỜI GIÁM HỘ",
        "CHECKLIST: RECEIVING A BENEFIT AS A GUARDIAN",
    ),
    "payments.slip.beneficiary": ("Đối tượng hưởng trợ cấp", "Beneficiary"),
    "payments.slip.receiver_blank": (
        "....................................................",
        "....................................................",
    ),
    "payments.slip.why": (
        "Trợ cấp hằng tháng sẽ được chuyển vào tài khoản ngân hàng của người nhận thay."
        " Đối tượng không cần tự mở tài khoản hay đăng ký tài khoản định danh mức 2.",
        "The monthly benefit will be paid into the receiver's bank account. The beneficiary"
        " needs no account and no level-2 e-ID account of their own.",
    ),
    "payments.slip.done": (
        "Đã ghi nhận tài khoản của người nhận thay: không cần làm thêm.",
        "The receiver's account is recorded: nothing more to do.",
    ),
    "payments.slip.bring_title": ("Giấy tờ cần mang theo (đánh dấu khi đã có):", "What to bring:"),
    "payments.slip.beneficiary_card": (
        "Thẻ căn cước gắn chip (hoặc giấy khai sinh với trẻ em) của đối tượng",
        "The beneficiary's chip ID card (or a child's birth certificate)",
    ),
    "payments.slip.paper.proxy": (
        "Giấy ủy quyền nhận trợ cấp, có chữ ký của đối tượng và người được ủy quyền",
        "The authorisation, signed by the beneficiary and the proxy",
    ),
    "payments.slip.paper.guardian": (
        "Giấy tờ chứng minh việc giám hộ (giấy chứng nhận đăng ký giám hộ)",
        "Proof of guardianship (the guardianship registration certificate)",
    ),
    "payments.slip.steps_title": ("Các bước:", "Steps:"),
    "payments.slip.step1": (
        "Chuẩn bị đủ giấy tờ trong danh sách trên.",
        "Gather the papers listed above.",
    ),
    "payments.slip.step2": (
        "Làm thủ tục ủy quyền tại UBND xã (tổ công tác hỗ trợ tại điểm hỗ trợ).",
        "Do the authorisation at the commune People's Committee (the team helps at the point).",
    ),
    "payments.slip.step3": (
        "Người nhận thay mở tài khoản ngân hàng đứng tên mình, nếu chưa có.",
        "The receiver opens a bank account in their own name, if they have none.",
    ),
    "payments.slip.step4": (
        "Mang số tài khoản đến điểm hỗ trợ để bổ sung vào danh sách chi trả hằng tháng.",
        "Bring the account number to the point to be added to the monthly payment list.",
    ),
    "payments.slip.where": ("Nơi hỗ trợ", "Where"),
    "payments.slip.not_through_receiver": (
        "Đối tượng này nhận trợ cấp trực tiếp, không qua người nhận thay",
        "This beneficiary is paid directly, not through a receiver",
    ),
    "payments.action.authorisation_slip": (
        "Phiếu hướng dẫn ủy quyền…",
        "Authorisation checklist…",
    ),
    # the police's payment-list dialog
    "paylist.menu": ("Danh sách chi trả hằng tháng…", "Monthly payment list…"),
    "paylist.dialog.title": ("Danh sách chi trả hằng tháng", "Monthly payment list"),
    "paylist.dialog.intro": (
        "Xuất danh sách các đối tượng có tài khoản nhận trợ cấp (hoặc người nhận thay) mới"
        " bổ sung hay thay đổi từ lần xuất trước, theo nhóm đối tượng và thôn, để gửi phòng"
        " Văn hóa - Xã hội trước mỗi kỳ chi trả.",
        "Export the beneficiaries whose payment account (or receiver) was added or changed"
        " since the last list, by group and village, for the social-affairs office before"
        " each payment round.",
    ),
    "paylist.dialog.pending": (
        "Có {count} đối tượng bổ sung hoặc thay đổi từ lần xuất trước",
        "{count:beneficiary|beneficiaries} added or changed since the last list",
    ),
    "paylist.dialog.unmasked": (
        "Hiện đầy đủ số tài khoản trong lần xuất này (chỉ gửi cơ quan chi trả)",
        "Show account numbers in full in this export (for the paying office only)",
    ),
    "paylist.dialog.export": ("Xuất danh sách (xlsx)…", "Export the list (xlsx)…"),
    "paylist.dialog.save_title": ("Lưu danh sách chi trả", "Save the payment list"),
    "paylist.dialog.history": ("Các lần xuất trước", "Earlier exports"),
    "paylist.dialog.col.when": ("Thời gian", "When"),
    "paylist.dialog.col.who": ("Người xuất", "By"),
    "paylist.dialog.col.rows": ("Số đối tượng", "Beneficiaries"),
    "paylist.dialog.col.unmasked": ("Hiện đầy đủ số TK", "Numbers in full"),
    # the agency report's split of "paid to an account" (per group and village)
    "payments.col.paid_own": (
        "Trong đó: qua TK của chính đối tượng",
        "Of which: into their own account",
    ),
    "payments.col.paid_via_receiver": (
        "Trong đó: qua TK người được ủy quyền/giám hộ",
        "Of which: into a proxy's/guardian's account",
    ),
    # lists (issue 19): who receives for the beneficiary, from the social-security list
    "lists.col.receiver_id": ("Số định danh người nhận thay", "Receiver's personal ID"),
    "lists.col.receiver_relation": ("Quan hệ của người nhận thay", "Receiver's relation"),
    "desk.fact.receiver_id": ("Số định danh người nhận thay", "Receiver's personal ID"),
    "desk.fact.receiver_relation": ("Quan hệ của người nhận thay", "Receiver's relation"),
}
