"""Messages of the sync area: keys, bundles, export to a stick, import at the police."""

MESSAGES: dict[str, tuple[str, str]] = {
    # Refusals of a bundle file: nothing of it is stored.
    "sync.truncated": (
        "Tệp «{file}» bị thiếu phần cuối (có thể USB bị rút ra khi đang ghi). "
        "Không nhập gì từ tệp này; hãy xuất lại gói ở điểm hỗ trợ.",
        "The file '{file}' is cut short (the stick may have been pulled out while writing). "
        "Nothing was imported from it; export the bundle again at the support point.",
    ),
    "sync.damaged": (
        "Tệp «{file}» đã bị hỏng hoặc bị sửa đổi (chữ ký không khớp). Không nhập gì từ tệp này.",
        "The file '{file}' is damaged or was changed (the signature does not match). "
        "Nothing was imported from it.",
    ),
    "sync.not_bundle": (
        "Tệp «{file}» không phải là gói đồng bộ của FieldApp.",
        "The file '{file}' is not a FieldApp sync bundle.",
    ),
    "sync.newer_version": (
        "Gói «{file}» được tạo bởi phiên bản FieldApp mới hơn (định dạng số {version}). "
        "Hãy cập nhật FieldApp rồi nhập lại.",
        "The bundle '{file}' was made by a newer FieldApp (format {version}). "
        "Update FieldApp, then import it again.",
    ),
    "sync.other_commune": (
        "Gói «{file}» dành cho xã khác, không phải cho Công an xã này. Không nhập.",
        "The bundle '{file}' is meant for another commune, not this commune's police. "
        "Not imported.",
    ),
    "sync.unknown_signer": (
        "Gói «{file}» đến từ «{sender}» (mã khóa {fingerprint}), điểm này chưa được đăng ký. "
        "Gói đã được giữ riêng, chưa nhập; sau khi đăng ký điểm (so khớp mã khóa), "
        "gói sẽ được nhận.",
        "The bundle '{file}' comes from '{sender}' (key {fingerprint}), a point not enrolled. "
        "It is held aside, not imported; once the point is enrolled (compare the key), "
        "it will be accepted.",
    ),
    "sync.revoked_signer": (
        "Gói «{file}» được ký bằng khóa đã bị thu hồi của «{sender}» ({fingerprint}). Không nhập.",
        "The bundle '{file}' is signed with the revoked key of '{sender}' ({fingerprint}). "
        "Not imported.",
    ),
    "sync.unknown_commune_key": (
        "Gói «{file}» không được ký bằng khóa của Công an xã đã nhập ở điểm này ({fingerprint}). "
        "Không nhập.",
        "The bundle '{file}' is not signed with the commune police key imported at this point "
        "({fingerprint}). Not imported.",
    ),
    "sync.not_for_this_point": (
        "Gói «{file}» dành cho điểm hỗ trợ khác. Không nhập.",
        "The bundle '{file}' is meant for another support point. Not imported.",
    ),
    "sync.wrong_kind": (
        "Gói «{file}» không dùng ở đây: gói của điểm hỗ trợ chỉ nhập ở Công an xã, "
        "danh sách của Công an xã chỉ nhập ở điểm hỗ trợ.",
        "The bundle '{file}' does not belong here: points' bundles are imported by the police, "
        "the police's lists by the points.",
    ),
    "sync.bad_event": (
        "Gói «{file}» có dữ liệu không hợp lệ (phần {section}, dòng {row}). "
        "Không nhập gì từ tệp này.",
        "The bundle '{file}' holds invalid data ({section}, row {row}). "
        "Nothing was imported from it.",
    ),
    "sync.unreadable": (
        "Không đọc được tệp «{file}».",
        "The file '{file}' cannot be read.",
    ),
    "sync.replayed": (
        "Gói «{file}» ({sender}, gói số {sequence}) đã được nhập trước đây: không có gì mới.",
        "The bundle '{file}' ({sender}, bundle {sequence}) was imported before: nothing new.",
    ),
    "sync.imported": (
        "Đã nhập «{file}»: {new} sự kiện mới, {known} đã có.",
        "Imported '{file}': {new:new event|new events}, {known} already known.",
    ),
    "sync.nothing_new": (
        "«{file}»: không có gì mới ({known} sự kiện đã có).",
        "'{file}': nothing new ({known:event|events} already known).",
    ),
    "sync.gap": ("{point}: thiếu gói số {numbers}", "{point}: bundle {numbers} is missing"),
    "sync.no_bundles_found": (
        "Không tìm thấy gói đồng bộ nào ở nơi đã chọn.",
        "No sync bundle was found where you pointed.",
    ),
    # Export to a stick.
    "sync.disk_full": (
        "Không đủ chỗ trống trên «{folder}». Gói chưa được ghi; "
        "hãy xóa bớt tệp hoặc dùng USB khác.",
        "Not enough free space on '{folder}'. The bundle was not written; free some space or "
        "use another stick.",
    ),
    "sync.read_only": (
        "Không ghi được vào «{folder}» (USB chỉ đọc hoặc không có quyền ghi). Gói chưa được ghi.",
        "Cannot write to '{folder}' (read-only stick or no permission). The bundle was not "
        "written.",
    ),
    "sync.write_failed": (
        "Ghi vào «{folder}» không thành công ({detail}). Gói chưa được ghi.",
        "Writing to '{folder}' failed ({detail}). The bundle was not written.",
    ),
    "sync.no_folder": (
        "Không tìm thấy thư mục «{folder}». Hãy cắm USB hoặc chọn thư mục khác.",
        "The folder '{folder}' does not exist. Plug in the stick or choose another folder.",
    ),
    "sync.verify_failed": (
        "Đọc lại tệp «{file}» không khớp với dữ liệu đã ghi. USB có thể bị lỗi: hãy dùng USB khác.",
        "Reading '{file}' back did not match what was written. The stick may be faulty: "
        "use another one.",
    ),
    "sync.safe_to_remove": (
        "Đã ghi và kiểm tra gói số {sequence} ({events} sự kiện) vào «{file}». "
        "Có thể rút USB an toàn.",
        "Bundle {sequence} ({events:event|events}) written to '{file}' and checked. "
        "It is safe to remove the stick.",
    ),
    "sync.nothing_to_export": (
        "Không có gì mới kể từ lần xuất trước. Chọn «Xuất tất cả» nếu cần gửi lại toàn bộ.",
        "Nothing new since the last export. Choose 'Export everything' to send it all again.",
    ),
    "sync.lists_written": (
        "Đã ghi danh sách cho «{point}» vào «{file}».",
        "Lists for '{point}' written to '{file}'.",
    ),
    # Keys.
    "sync.no_keys": (
        "Máy này chưa có khóa đồng bộ. Công an xã: «fieldapp keys init-commune»; điểm hỗ trợ: "
        "«fieldapp keys init-point» (hoặc mở «Xuất gói đồng bộ»).",
        "This computer has no sync keys yet. Police: 'fieldapp keys init-commune'; a support "
        "point: 'fieldapp keys init-point' (or open 'Export a sync bundle').",
    ),
    "sync.keys_exist": (
        "Máy này đã có khóa đồng bộ (trong «{folder}»). Không tạo lại để khỏi mất khóa cũ.",
        "This computer already has sync keys (in '{folder}'). Not created again, so the old "
        "keys are not lost.",
    ),
    "sync.keys_damaged": (
        "Tệp khóa trong «{folder}» bị hỏng. Hãy liên hệ người quản trị.",
        "The key files in '{folder}' are damaged. Contact the administrator.",
    ),
    "sync.not_a_card": (
        "Tệp này không phải là thẻ khóa của FieldApp.",
        "This file is not a FieldApp key card.",
    ),
    "sync.card_too_new": (
        "Thẻ khóa được tạo bởi phiên bản FieldApp mới hơn (số {version}). Hãy cập nhật FieldApp.",
        "The key card was made by a newer FieldApp (version {version}). Update FieldApp.",
    ),
    "sync.card_damaged": (
        "Thẻ khóa bị hỏng hoặc bị sửa: mã khóa không khớp với khóa. Không dùng thẻ này.",
        "The key card is damaged or was changed: the fingerprint does not match the keys. "
        "Do not use it.",
    ),
    "sync.card_not_commune": (
        "Đây không phải thẻ khóa của Công an xã.",
        "This is not the commune police's key card.",
    ),
    "sync.card_not_point": (
        "Đây không phải thẻ khóa của một điểm hỗ trợ.",
        "This is not a support point's key card.",
    ),
    "sync.bad_fingerprint": (
        "«{text}» không phải là mã khóa (cần 32 chữ số hệ 16, ví dụ A1B2 C3D4 ...).",
        "'{text}' is not a key fingerprint (32 hex digits needed, e.g. A1B2 C3D4 ...).",
    ),
    "sync.fingerprint_mismatch": (
        "Mã khóa không khớp: đã nhập {expected}, thẻ có {actual}. Không đăng ký.",
        "The fingerprints differ: typed {expected}, the card has {actual}. Not enrolled.",
    ),
    "sync.commune_card_differs": (
        "Điểm này đã nhận một khóa Công an xã khác. Khóa mới ({fingerprint}) không được nhận.",
        "This point already holds another commune police key. The new one ({fingerprint}) "
        "was not accepted.",
    ),
    "sync.no_commune_card": (
        "Điểm này chưa nhập thẻ khóa của Công an xã, nên chưa xuất gói được.",
        "This point has not imported the commune police's key card, so it cannot export yet.",
    ),
    "sync.commune_not_set_up": (
        "Chưa thiết lập xã trong dữ liệu. Hãy thiết lập trước.",
        "The commune is not set up in the store yet. Set it up first.",
    ),
    "sync.not_a_point": (
        "Máy này giữ khóa của Công an xã, không phải của điểm hỗ trợ.",
        "This computer holds the commune police's keys, not a support point's.",
    ),
    "sync.not_the_police": (
        "Việc này chỉ làm được trên máy của Công an xã.",
        "Only the commune police's computer can do this.",
    ),
    "sync.enrol_needs_card": (
        "Cần thẻ khóa của điểm hoặc mã khóa của một gói đang được giữ riêng.",
        "A point's key card, or the fingerprint of a bundle held aside, is needed.",
    ),
    "sync.nothing_held": (
        "Không có gói nào đang được giữ riêng với mã khóa {fingerprint}.",
        "No bundle is held aside with fingerprint {fingerprint}.",
    ),
    "sync.peer_unknown": (
        "Không có khóa nào với mã {fingerprint}.",
        "No key with fingerprint {fingerprint}.",
    ),
    "sync.key_revoked": (
        "Khóa {fingerprint} đã bị thu hồi; không đăng ký lại được. Điểm cần tạo khóa mới.",
        "The key {fingerprint} was revoked and cannot be enrolled again. The point needs new keys.",
    ),
    "sync.enrolled": (
        "Đã đăng ký «{name}» (mã khóa {fingerprint}).",
        "Enrolled '{name}' (key {fingerprint}).",
    ),
    "sync.revoked": (
        "Đã thu hồi khóa của «{name}» ({fingerprint}).",
        "Revoked the key of '{name}' ({fingerprint}).",
    ),
    "sync.own_fingerprint": (
        "Mã khóa của máy này: {fingerprint}",
        "This computer's key: {fingerprint}",
    ),
    "sync.card_written": ("Đã ghi thẻ khóa vào «{file}».", "Key card written to '{file}'."),
    "sync.card_imported": (
        "Đã nhận thẻ khóa của «{name}». Hãy so mã khóa với Công an xã: {fingerprint}",
        "Key card of '{name}' accepted. Compare the fingerprint with the police: {fingerprint}",
    ),
    "sync.keys_created": (
        "Đã tạo khóa cho «{name}». Mã khóa: {fingerprint}",
        "Keys created for '{name}'. Fingerprint: {fingerprint}",
    ),
    # Result screen.
    "sync.summary": (
        "{point}: {new} sự kiện mới, {known} đã có, gói mới nhất số {newest}",
        "{point}: {new:new event|new events}, {known} already known, newest bundle {newest}",
    ),
    "sync.peer_line": ("  {fingerprint}  {name} ({status})", "  {fingerprint}  {name} ({status})"),
    "sync.status_enrolled": ("đã đăng ký", "enrolled"),
    "sync.status_revoked": ("đã thu hồi", "revoked"),
    "sync.held_line": (
        "  Đang giữ riêng: «{file}» từ «{sender}» (mã khóa {fingerprint}, gói số {sequence})",
        "  Held aside: '{file}' from '{sender}' (key {fingerprint}, bundle {sequence})",
    ),
    "sync.choose_folder": (
        "Tìm thấy {count} USB. Hãy chọn thư mục bằng --to.",
        "Found {count:removable drive|removable drives}. Choose the folder with --to.",
    ),
    # Screens.
    "sync.ui.menu_export": ("Xuất gói đồng bộ ra USB…", "Export a sync bundle to a stick…"),
    "sync.ui.menu_import": ("Nhập gói đồng bộ từ USB…", "Import sync bundles from a stick…"),
    "sync.ui.export_title": ("Xuất gói đồng bộ", "Export a sync bundle"),
    "sync.ui.import_title": ("Nhập gói đồng bộ", "Import sync bundles"),
    "sync.ui.choose_folder": ("Chọn thư mục…", "Choose a folder…"),
    "sync.ui.drive": ("USB: {path}", "Stick: {path}"),
    "sync.ui.where": ("Ghi vào:", "Write to:"),
    "sync.ui.from_where": (
        "Lấy tất cả các gói trong USB hoặc thư mục:",
        "Take every bundle on the stick or in the folder:",
    ),
    "sync.ui.everything": (
        "Xuất tất cả (không chỉ phần mới từ lần xuất trước)",
        "Export everything (not only what is new since the last export)",
    ),
    "sync.ui.export": ("Xuất gói", "Export"),
    "sync.ui.import": ("Nhập tất cả", "Import all"),
    "sync.ui.cancel": ("Hủy / Đóng", "Cancel / Close"),
    "sync.ui.pick_first": (
        "Hãy cắm USB hoặc chọn thư mục trước.",
        "Plug in a stick or choose a folder first.",
    ),
    "sync.ui.writing": (
        "Đang ghi và kiểm tra… Chưa được rút USB.",
        "Writing and checking… Do not remove the stick yet.",
    ),
    "sync.ui.importing": ("Đang nhập…", "Importing…"),
    "sync.ui.total": (
        "Đã xem {files} tệp: {new} sự kiện mới được lưu.",
        "{files:file|files} looked at: {new:new event|new events} stored.",
    ),
    "sync.ui.col_point": ("Điểm hỗ trợ", "Support point"),
    "sync.ui.col_new": ("Sự kiện mới", "New events"),
    "sync.ui.col_known": ("Đã có", "Already known"),
    "sync.ui.col_newest": ("Gói mới nhất", "Newest bundle"),
    "sync.ui.col_missing": ("Thiếu gói số", "Missing bundles"),
    "sync.ui.lists": (
        "Gửi danh sách về các điểm (ghi vào USB/thư mục đã chọn)…",
        "Send the lists back to the points (to the chosen stick/folder)…",
    ),
    "sync.ui.lists_done": (
        "Đã ghi danh sách cho {count} điểm. Có thể rút USB an toàn.",
        "Lists written for {count:point|points}. It is safe to remove the stick.",
    ),
    "sync.ui.enrol": ("Đăng ký điểm theo mã khóa…", "Enrol a point by its fingerprint…"),
    "sync.ui.enrol_prompt": (
        "Mã khóa hiện trên màn hình của điểm (32 ký tự):",
        "The fingerprint shown on the point's screen (32 characters):",
    ),
    # The printable key card page.
    "sync.card.title": ("THẺ KHÓA ĐỒNG BỘ FIELDAPP", "FIELDAPP SYNC KEY CARD"),
    "sync.card.commune": ("Khóa của Công an xã", "The commune police's key"),
    "sync.card.point": ("Khóa của điểm hỗ trợ", "A support point's key"),
    "sync.card.fingerprint": ("Mã khóa (so khớp từng nhóm):", "Fingerprint (compare each group):"),
    "sync.card.how": (
        "So mã khóa này với mã trên màn hình máy kia trước khi nhận thẻ khóa.\n"
        "Nếu khác dù chỉ một ký tự: không nhận, báo ngay cho Công an xã.",
        "Compare this fingerprint with the one on the other computer's screen first.\n"
        "If even one character differs: do not accept it; tell the commune police.",
    ),
    "sync.card_page_written": (
        "Đã ghi trang in thẻ khóa vào «{file}».",
        "Key card page written to '{file}'.",
    ),
}
