"""Messages of the province level: summary bundles, the province store, its desk and reports."""

MESSAGES: dict[str, tuple[str, str]] = {
    # summaries: refusals name the file, the commune, the day and the figure
    "summary.newer_version": (
        "Gói «{file}» là bản tổng hợp phiên bản {version}, do FieldApp mới hơn tạo ra. "
        "Hãy cập nhật FieldApp. Không nhập.",
        "The bundle '{file}' is a version {version} summary, made by a newer FieldApp. "
        "Update FieldApp. Not imported.",
    ),
    "summary.future_day": (
        "Gói «{file}» ({commune}) báo số liệu ngày {day}, sau ngày hôm nay: không nhập, "
        "số liệu không thay đổi.",
        "The bundle '{file}' ({commune}) reports figures for {day}, after today: not imported, "
        "nothing changed.",
    ),
    "summary.undeclared_village": (
        "Gói «{file}» ({commune}, ngày {day}) có số liệu của thôn «{unit}» mà xã không khai báo. "
        "Không nhập.",
        "The bundle '{file}' ({commune}, {day}) has figures for a village '{unit}' the commune "
        "never declared. Not imported.",
    ),
    "summary.undeclared_point": (
        "Gói «{file}» ({commune}, ngày {day}) có số liệu của điểm hỗ trợ «{unit}» mà xã không "
        "khai báo. Không nhập.",
        "The bundle '{file}' ({commune}, {day}) has figures for a support point '{unit}' the "
        "commune never declared. Not imported.",
    ),
    "summary.undeclared_group": (
        "Gói «{file}» ({commune}, ngày {day}) có nhóm đối tượng không biết: «{unit}». Không nhập.",
        "The bundle '{file}' ({commune}, {day}) has an unknown beneficiary group '{unit}'. "
        "Not imported.",
    ),
    "summary.not_a_count": (
        "Gói «{file}» ({commune}, ngày {day}): chỉ tiêu «{figure}» không phải là một số đếm. "
        "Không nhập.",
        "The bundle '{file}' ({commune}, {day}): the figure '{figure}' is not a count. "
        "Not imported.",
    ),
    "summary.negative": (
        "Gói «{file}» ({commune}, ngày {day}): chỉ tiêu «{figure}» là số âm ({value}). Không nhập.",
        "The bundle '{file}' ({commune}, {day}): the figure '{figure}' is negative ({value}). "
        "Not imported.",
    ),
    "summary.too_large": (
        "Gói «{file}» ({commune}, ngày {day}): chỉ tiêu «{figure}» quá lớn ({value}). Không nhập.",
        "The bundle '{file}' ({commune}, {day}): the figure '{figure}' is too large ({value}). "
        "Not imported.",
    ),
    "summary.impossible": (
        "Gói «{file}» ({commune}, ngày {day}): chỉ tiêu «{figure}» = {value} lớn hơn "
        "«{whole}» = {whole_value}, điều không thể xảy ra. Không nhập.",
        "The bundle '{file}' ({commune}, {day}): the figure '{figure}' = {value} is larger than "
        "'{whole}' = {whole_value}, which cannot be. Not imported.",
    ),
    "summary.wrong_kind": (
        "Tệp «{file}» không phải là gói tổng hợp của xã gửi tỉnh. Không nhập.",
        "The file '{file}' is not a commune's summary for the province. Not imported.",
    ),
    "summary.other_province": (
        "Gói «{file}» ({sender}) gửi cho tỉnh khác, không phải cho Công an tỉnh này. Không nhập.",
        "The bundle '{file}' ({sender}) is meant for another province, not this province's "
        "police. Not imported.",
    ),
    "summary.unknown_commune": (
        "Gói «{file}» đến từ «{sender}» (mã khóa {fingerprint}), xã này chưa được đăng ký. "
        "Gói đã được giữ riêng, chưa nhập; sau khi đăng ký xã (so khớp mã khóa), gói sẽ được nhận.",
        "The bundle '{file}' comes from '{sender}' (key {fingerprint}), a commune not enrolled "
        "yet. It is held aside, not imported; once the commune is enrolled (fingerprint "
        "compared), it is taken in.",
    ),
    "summary.imported": (
        "Đã nhập gói «{file}» ({commune}, gói số {sequence}): số liệu ngày {days}.",
        "Imported '{file}' ({commune}, bundle {sequence}): figures of {days}.",
    ),
    "summary.imported_some_older": (
        "Đã nhập gói «{file}» ({commune}, gói số {sequence}): số liệu ngày {days}; ngày {kept} "
        "giữ nguyên vì đã có bản tổng hợp mới hơn.",
        "Imported '{file}' ({commune}, bundle {sequence}): figures of {days}; {kept} unchanged, "
        "a newer summary is already held.",
    ),
    "summary.older_nothing_changed": (
        "Gói «{file}» ({commune}, gói số {sequence}) cũ hơn bản tổng hợp đã có cho ngày {kept}: "
        "số liệu không thay đổi.",
        "The bundle '{file}' ({commune}, bundle {sequence}) is older than the summary already "
        "held for {kept}: nothing changed.",
    ),
    "summary.card_not_province": (
        "Đây không phải là thẻ khóa của Công an tỉnh.",
        "This is not the province police's key card.",
    ),
    "summary.province_card_differs": (
        "Đã có thẻ khóa khác của Công an tỉnh; thẻ này (mã {fingerprint}) không được nhận.",
        "Another key card of the province police is already trusted; this one "
        "({fingerprint}) is not.",
    ),
    "summary.no_province_card": (
        "Chưa có thẻ khóa của Công an tỉnh: nhập thẻ khóa của tỉnh trước "
        "(fieldapp keys import-province-card TỆP --fingerprint MÃ).",
        "No key card of the province police yet: import it first "
        "(fieldapp keys import-province-card FILE --fingerprint CODE).",
    ),
    "summary.exported": (
        "Đã ghi gói tổng hợp gửi tỉnh: {file} (gói số {sequence}). Có thể rút thiết bị.",
        "Summary for the province written: {file} (bundle {sequence}). Safe to remove the stick.",
    ),
    "summary.province_card_imported": (
        "Đã nhận thẻ khóa của {name} (mã khóa {fingerprint}).",
        "Trusted the key card of {name} (key {fingerprint}).",
    ),
    # the province store
    "province.not_a_province_store": (
        "Kho dữ liệu này không phải của Công an tỉnh (thiết lập bằng fieldapp init "
        "--province-level).",
        "This store is not a province's (set one up with fieldapp init --province-level).",
    ),
    "province.name_needed": ("Cần nhập tên tỉnh.", "The province's name is needed."),
    "province.store_is_a_commune": (
        "Kho dữ liệu này đã là của một xã (có thôn, điểm hỗ trợ): không thể dùng làm kho của tỉnh.",
        "This store already belongs to a commune (villages, support points): it cannot be the "
        "province's.",
    ),
    "province.other_province": (
        "Kho dữ liệu này đã được thiết lập cho tỉnh {name}.",
        "This store is already set up for the province {name}.",
    ),
    "province.set_up": (
        "Đã thiết lập kho dữ liệu của Công an tỉnh {province}; mã khóa: {fingerprint}.",
        "Province store set up for {province}; key: {fingerprint}.",
    ),
    "province.list_no_header": (
        "Tệp «{file}» không có dòng tiêu đề với cột mã và tên đơn vị hành chính.",
        "The file '{file}' has no header row with the administrative unit's code and name.",
    ),
    "province.list_row_no_name": (
        "Tệp «{file}», dòng {row}: có mã nhưng không có tên đơn vị.",
        "The file '{file}', row {row}: a code without a unit name.",
    ),
    "province.communes_imported": (
        "Đã nhập danh sách đơn vị hành chính «{file}»: thêm {added} xã, {known} xã đã có.",
        "Imported the list of administrative units '{file}': {added} communes added, "
        "{known} already known.",
    ),
    "province.card_not_commune": (
        "Đây không phải là thẻ khóa của Công an xã.",
        "This is not a commune police's key card.",
    ),
    "province.commune_enrolled_elsewhere": (
        "Khóa của xã này đã được đăng ký cho «{name}».",
        "This commune's key is already enrolled for '{name}'.",
    ),
    "province.commune_unknown": (
        "Không có xã «{name}» trong danh sách của tỉnh.",
        "No commune '{name}' in the province's list.",
    ),
    "province.key_revoked": (
        "Khóa {fingerprint} đã bị thu hồi: không thể đăng ký lại.",
        "The key {fingerprint} was revoked: it cannot be enrolled again.",
    ),
    "province.enrolled": (
        "Đã đăng ký {name} (mã khóa {fingerprint}).",
        "Enrolled {name} (key {fingerprint}).",
    ),
    # the province's dashboard and daily report
    "province.col.commune": ("Xã, phường", "Commune"),
    "province.col.band": ("Mức", "Band"),
    "province.col.reported": ("Báo cáo hôm nay", "Reported today"),
    "province.col.communes": ("Số xã", "Communes"),
    "province.col.zero_communes": ("Số xã 0%", "Communes at 0%"),
    "province.col.day": ("Ngày", "Day"),
    "province.band.zero": ("0%", "0%"),
    "province.band.low": ("Dưới 15%", "Below 15%"),
    "province.band.middle": ("Từ 15% đến dưới 50%", "15% to below 50%"),
    "province.band.high": ("Từ 50% trở lên", "50% and above"),
    "province.band.none": ("Chưa có số liệu", "No figures"),
    "province.never_reported": ("Chưa báo cáo", "Never reported"),
    "province.reported_yes": ("Đã báo cáo", "Reported"),
    "province.reported_on": ("Số liệu ngày {day}", "Figures of {day}"),
    "province.section.summary": ("I. KẾT QUẢ CHUNG", "I. OVERALL RESULTS"),
    "province.section.bands": (
        "II. SỐ XÃ THEO TỶ LỆ TÍCH HỢP / TÀI KHOẢN MỨC 2",
        "II. COMMUNES BY LINKED / LEVEL-2 RATE",
    ),
    "province.section.ranking": (
        "III. XẾP HẠNG CÁC XÃ, PHƯỜNG THEO TỶ LỆ TÍCH HỢP",
        "III. COMMUNES RANKED BY LINKED RATE",
    ),
    "province.section.groups": (
        "IV. CHI TRẢ AN SINH XÃ HỘI QUA TÀI KHOẢN THEO NHÓM ĐỐI TƯỢNG",
        "IV. SOCIAL PAYMENTS TO ACCOUNTS BY BENEFICIARY GROUP",
    ),
    "province.section.groups_extract": (
        "Chi trả an sinh xã hội qua tài khoản, nhóm đối tượng của sở, ngành",
        "Social payments to accounts, the department's beneficiary groups",
    ),
    "province.section.trend": ("VI. DIỄN BIẾN THEO NGÀY", "VI. TREND BY DAY"),
    "province.section.group_communes": (
        "Đối tượng {group}: tỷ lệ chi trả qua tài khoản theo xã",
        "{group}: paid-to-account rate by commune",
    ),
    "province.summary_line": (
        "Toàn tỉnh đã tích hợp {linked} tài khoản/{level2} trường hợp có tài khoản định danh "
        "điện tử mức 2, đạt {rate}; {communes} đơn vị cấp xã, trong đó {zero} đơn vị 0%, {low} "
        "đơn vị dưới 15%, {high} đơn vị từ 50% trở lên.",
        "The province has linked {linked} accounts of {level2} level-2 e-ID accounts, {rate}; "
        "{communes} communes, of which {zero} at 0%, {low} below 15%, {high} at 50% or above.",
    ),
    "province.not_reported_line": (
        "{count}/{total} đơn vị chưa gửi số liệu của ngày (hạn {deadline}): {names}.",
        "{count} of {total} communes have not sent the day's figures (due {deadline}): {names}.",
    ),
    "province.all_reported_line": (
        "Tất cả các đơn vị đã gửi số liệu của ngày (hạn {deadline}).",
        "Every commune has sent the day's figures (due {deadline}).",
    ),
    "province.addressee": (
        "Kính gửi: Đồng chí Tổ trưởng Tổ Công tác Đề án 06 tỉnh",
        "To: the head of the province's Project 06 working group",
    ),
    "province.recipient.head": (
        "- Tổ trưởng Tổ Công tác (để báo cáo);",
        "- Head of the working group (to report);",
    ),
    "province.issuer_parent": ("CÔNG AN TỈNH {province}", "{province} PROVINCIAL POLICE"),
    "province.issuer": (
        "PHÒNG CẢNH SÁT QLHC VỀ TTXH",
        "ADMINISTRATIVE POLICE DIVISION",
    ),
    "province.number": (
        "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-PC06",
        "No.:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-PC06",
    ),
    "province.subject": (
        "Kết quả tích hợp tài khoản an sinh xã hội trên VNeID và chi trả không dùng tiền mặt "
        "của các xã, phường",
        "Benefit-account linking on VNeID and cashless social payments, by commune",
    ),
    "province.signer": ("TRƯỞNG PHÒNG", "HEAD OF DIVISION"),
    "province.sheet": ("Báo cáo ngày (tỉnh)", "Province daily"),
    "province.bad_department": (
        "Không có sở, ngành «{value}» (social_security, home_affairs, health, education).",
        "No department '{value}' (social_security, home_affairs, health, education).",
    ),
    "province.dashboard.title": ("Bảng điều hành Công an tỉnh", "Province police dashboard"),
    "province.dashboard.line": (
        "{province}, ngày {day}: {linked}/{level2} tích hợp, {rate}; {reported}/{communes} xã "
        "đã báo cáo (hạn {deadline}).",
        "{province}, {day}: {linked}/{level2} linked, {rate}; {reported}/{communes} communes "
        "reported (due {deadline}).",
    ),
    "province.dashboard.late": (
        "Quá {deadline}: {count} xã chưa báo cáo hôm nay.",
        "Past {deadline}: {count} communes have not reported today.",
    ),
    "cli.init_needs_commune_point": (
        "Cần --commune và --point (hoặc --province-level cho kho của tỉnh).",
        "--commune and --point are needed (or --province-level for a province store).",
    ),
    # the province desk
    "province.ui.loading": ("Đang tính số liệu…", "Computing the figures…"),
    "province.ui.tab_ranking": ("Xếp hạng các xã", "Communes ranked"),
    "province.ui.tab_groups": ("Chi trả theo nhóm", "Payments by group"),
    "province.ui.tab_trend": ("Diễn biến theo ngày", "Trend by day"),
    "province.ui.tab_not_reported": ("Chưa báo cáo", "Not reported"),
    "province.ui.tab_not_reported_n": ("Chưa báo cáo ({count})", "Not reported ({count})"),
    "province.ui.not_reported": (
        "{count} xã chưa gửi số liệu hôm nay (hạn {deadline}):",
        "{count} communes have not sent today's figures (due {deadline}):",
    ),
    "province.ui.group_communes": (
        "Tỷ lệ chi trả qua tài khoản theo xã, nhóm:",
        "Paid-to-account rate by commune, group:",
    ),
    "province.ui.trend_title": ("Toàn tỉnh theo ngày", "The province by day"),
    "province.ui.compare": (
        "Thẻ khóa của «{name}».\n\nMã khóa: {fingerprint}\n\nSo khớp với mã khóa trên màn hình "
        "(hoặc bản in) của Công an xã trước khi đăng ký. Mã khóa giống nhau?",
        "Key card of '{name}'.\n\nFingerprint: {fingerprint}\n\nCompare it with the one on the "
        "commune police's screen (or printout) before enrolling. Are they the same?",
    ),
    "province.ui.import": ("Nhập gói tổng hợp…", "Import summaries…"),
    "province.ui.enrol": ("Đăng ký khóa của xã…", "Enrol a commune…"),
    "province.ui.communes": ("Danh sách đơn vị hành chính…", "List of communes…"),
    "province.ui.report_pdf": ("Báo cáo ngày (PDF)…", "Daily report (PDF)…"),
    "province.ui.report_xlsx": ("Báo cáo ngày (Excel)…", "Daily report (Excel)…"),
    "province.ui.refresh": ("Làm mới", "Refresh"),
    "province.ui.export_summary": ("Gửi tổng hợp lên tỉnh…", "Summary for the province…"),
    "province.ui.export_summary_title": (
        "Gói tổng hợp số liệu gửi Công an tỉnh",
        "Summary bundle for the province police",
    ),
    "province.ui.export_summary_note": (
        "Chỉ có số liệu tổng hợp theo ngày, thôn, điểm và nhóm đối tượng; không có thông tin "
        "cá nhân của công dân.",
        "Counts only, per day, village, point and beneficiary group; nothing about any citizen.",
    ),
    "province.ui.export": ("Ghi gói tổng hợp", "Write the summary"),
    "province.ui.close": ("Đóng", "Close"),
    "setup.province_level": (
        "Kho dữ liệu của Công an tỉnh (nhận tổng hợp của các xã)",
        "A province police store (communes' summaries)",
    ),
}
