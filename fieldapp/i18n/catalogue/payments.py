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
    "rule.payment_not_allowed": (
        "vai trò của người ghi không được ghi mục này (cán bộ ngân hàng chỉ ghi tài khoản)",
        "the recording user's role may not record this (a bank officer: accounts only)",
    ),
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
}
