"""Messages of issue 18's fourth session: what is new in an agency's period, the desk's receiver.

The agency report's "new in the period" sections and the social-affairs file's columns for
the proxy or guardian recorded at a desk (issue 19's receiver records).
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "agency_period.summary": (
        "Trong kỳ báo cáo: {paid} đối tượng chuyển sang nhận chi trả qua tài khoản; {account} "
        "đối tượng có thêm tài khoản; {linked} đối tượng mới tích hợp tài khoản an sinh xã hội "
        "trên VNeID.",
        "In the period: {paid} beneficiaries moved to being paid to an account; {account} "
        "gained an account; {linked} newly linked their benefit account on VNeID.",
    ),
    "agency_period.section.groups": (
        "IV. Kết quả trong kỳ báo cáo theo nhóm đối tượng",
        "IV. Results in the period by beneficiary group",
    ),
    "agency_period.section.villages": (
        "V. Kết quả trong kỳ báo cáo theo thôn",
        "V. Results in the period by village",
    ),
    "agency_period.col.new_paid": (
        "Chuyển sang nhận qua tài khoản",
        "Moved to paid to an account",
    ),
    "agency_period.col.new_account": ("Có thêm tài khoản", "Gained an account"),
    "agency_period.col.new_linked": ("Mới tích hợp VNeID", "Newly linked on VNeID"),
    "agency_period.note": (
        "Số đối tượng có thay đổi trong kỳ: tình trạng khi kết thúc kỳ so với khi bắt đầu kỳ.",
        "Beneficiaries who changed in the period: their standing at its end against its start.",
    ),
    # the social-affairs office's file: who receives, as recorded at a desk (issue 19)
    "beneficiary_file.col.receiver": ("Người nhận chi trả (ghi tại điểm)", "Paid to (desk)"),
    "beneficiary_file.col.receiver_code": ("Mã người nhận", "Receiver code"),
    "beneficiary_file.col.receiver_name": (
        "Họ tên người nhận thay (ghi tại điểm)",
        "Receiver's name (desk)",
    ),
    "beneficiary_file.col.receiver_relation": ("Quan hệ với đối tượng", "Relation"),
    "beneficiary_file.receiver.self": ("Bản thân đối tượng", "The beneficiary"),
    "beneficiary_file.receiver.proxy": ("Người được ủy quyền", "Authorised proxy"),
    "beneficiary_file.receiver.guardian": ("Người giám hộ", "Guardian"),
    # a wave's report made while the wave runs (issue 18 item 6)
    "reports.period.wave_so_far": (
        "{wave} (từ {start} đến {end}), số liệu đến hết ngày {day}",
        "{wave} ({start} to {end}), figures to the end of {day}",
    ),
    # the dashboard's "+N": since the deadline the daily report starts from
    "reports.dashboard.since": ("từ {time} ngày {day}", "since {time} on {day}"),
}
