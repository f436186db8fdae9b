"""Messages of the store encrypted at rest: unlocking, key slots, recovery, backups, restore."""

MESSAGES: dict[str, tuple[str, str]] = {
    "store.locked": (
        "Dữ liệu đã được mã hóa: cần đăng nhập (tên người dùng và mã PIN) để mở",
        "The store is encrypted: sign in (user name and PIN) to open it",
    ),
    "keys.locked_out": (
        "Đã nhập sai mã PIN quá nhiều lần: nhờ công an xã hoặc quản trị mở khóa",
        "Too many wrong PINs: ask the commune police or an admin to unlock this user",
    ),
    "keys.wait": (
        "Sai mã PIN nhiều lần: hãy thử lại sau {seconds} giây",
        "Several wrong PINs: try again in {seconds} seconds",
    ),
    "keys.no_slot": (
        "Người dùng này chưa có khóa mở dữ liệu: nhờ quản trị đặt lại mã PIN",
        "This user has no key to the store yet: ask an admin to set a new PIN",
    ),
    "keys.recovery_code_malformed": (
        "Đây không phải mã khôi phục (28 ký tự, nhóm 4): hãy kiểm tra từng ký tự",
        "This is not a recovery code (28 characters in groups of 4): check each character",
    ),
    "keys.recovery_code_wrong": (
        "Mã khôi phục này không mở được dữ liệu này (mã của máy khác?)",
        "This recovery code does not open this store (another installation's code?)",
    ),
    "keys.slots_missing": (
        "Thiếu tệp khóa {file} bên cạnh dữ liệu: dùng bản sao lưu và mã khôi phục",
        "The key file {file} beside the store is missing: restore a backup with the recovery code",
    ),
    "keys.slots_damaged": (
        "Tệp khóa {file} bị hỏng hoặc bị sửa: dùng bản sao lưu và mã khôi phục",
        "The key file {file} is damaged or was edited: restore a backup with the recovery code",
    ),
    "keys.slots_exist": (
        "Đã có tệp khóa {file}: không ghi đè",
        "A key file {file} already exists: not overwritten",
    ),
    "keys.server_key_missing": (
        "Cơ sở dữ liệu này đã được một máy khác thiết lập: chép tệp khóa {file} từ máy đó "
        "vào thư mục {folder} của máy này rồi mở lại",
        "Another seat already set up this database: copy its key file {file} into {folder} "
        "on this seat, then start again",
    ),
    "keys.store_not_this_key": (
        "Khóa mở được nhưng dữ liệu không khớp hoặc bị hỏng",
        "The key unlocked, but the store does not match it or is damaged",
    ),
    "keys.not_plain": ("Dữ liệu này đã được mã hóa", "This store is already encrypted"),
    "keys.encrypt_failed": (
        "Không mã hóa được dữ liệu cũ; dữ liệu vẫn giữ nguyên như trước",
        "Could not encrypt the old store; it is left as it was",
    ),
    "keys.encrypted_now": (
        "Dữ liệu đã được mã hóa. Mã khôi phục (in ra, giao công an xã giữ; chỉ hiện một lần):",
        "The store is now encrypted. Recovery code (print it, give it to the commune police; "
        "shown only once):",
    ),
    "keys.recovery_code_title": ("Mã khôi phục dữ liệu", "Store recovery code"),
    "backup.not_a_backup": (
        "{file} không phải bản sao lưu của FieldApp: không khôi phục",
        "{file} is not a FieldApp backup: nothing restored",
    ),
    "backup.truncated": (
        "Bản sao lưu {file} bị thiếu (chép chưa hết?): không khôi phục",
        "The backup {file} is cut short (copy not finished?): nothing restored",
    ),
    "backup.damaged": (
        "Bản sao lưu {file} bị hỏng hoặc bị sửa: không khôi phục",
        "The backup {file} is damaged or was edited: nothing restored",
    ),
    "backup.too_new": (
        "Bản sao lưu {file} do phiên bản FieldApp mới hơn tạo: hãy cập nhật FieldApp",
        "The backup {file} was made by a newer FieldApp: update FieldApp first",
    ),
    "backup.unreadable": ("Không đọc được {file}", "Cannot read {file}"),
    "backup.needs_recovery_code": (
        "Bản sao lưu {file} của máy khác (hoặc dữ liệu chưa mở): cần mã khôi phục",
        "The backup {file} is from another installation (or the store is locked): "
        "the recovery code is needed",
    ),
    "backup.verify_failed": (
        "Đọc lại bản sao lưu {path} không khớp: hãy thử lại hoặc dùng USB khác",
        "The backup {path} did not read back correctly: try again or use another stick",
    ),
    "restore.done": (
        "Đã khôi phục từ {file}. Dữ liệu cũ được giữ tại {aside}",
        "Restored from {file}. The previous store was kept at {aside}",
    ),
    "restore.done_fresh": ("Đã khôi phục từ {file}", "Restored from {file}"),
    "keys.prompt_user": ("Tên người dùng", "User name"),
    "keys.prompt_pin": ("Mã PIN", "PIN"),
    "keys.secret_damaged": (
        "Khóa bí mật «{name}» trong dữ liệu bị hỏng",
        "The private key '{name}' in the store is damaged",
    ),
    # Desk screens.
    "atrest.unlock.title": ("Mở dữ liệu", "Open the store"),
    "atrest.unlock.intro": (
        "Dữ liệu trên máy này được mã hóa. Nhập tên và mã PIN của bạn để mở.",
        "The store on this laptop is encrypted. Type your name and PIN to open it.",
    ),
    "atrest.unlock.use_recovery": ("Dùng mã khôi phục…", "Use the recovery code…"),
    "atrest.unlock.use_pin": ("Dùng tên và mã PIN…", "Use name and PIN…"),
    "atrest.unlock.recovery_code": ("Mã khôi phục", "Recovery code"),
    "atrest.lock.title": ("Máy đang khóa", "Desk locked"),
    "atrest.lock.intro": (
        "Máy đã khóa vì lâu không dùng. {user}: nhập mã PIN rồi nhấn Enter để mở.",
        "The desk locked after a while unused. {user}: type your PIN and press Enter.",
    ),
    "atrest.lock.scanner_ignored": (
        "Máy đang khóa: không nhận mã quét. Nhập mã PIN để mở.",
        "The desk is locked: scans are ignored. Type your PIN to open it.",
    ),
    "atrest.recovery.intro": (
        "Mã khôi phục mở được dữ liệu và bản sao lưu nếu mọi người quên mã PIN hoặc máy hỏng. "
        "Hãy in hoặc chép lại, giao công an xã giữ. Mã chỉ hiện một lần.",
        "The recovery code opens the store and its backups if every PIN is forgotten or the "
        "laptop breaks. Print or copy it, and give it to the commune police. It is shown "
        "only once.",
    ),
    "atrest.recovery.written_down": ("Đã in / chép lại", "Printed / written down"),
    "atrest.backup.menu": ("Sao lưu dữ liệu…", "Back up the store…"),
    "atrest.backup.choose": ("Chọn thư mục (USB) để sao lưu", "Choose a folder (USB stick)"),
    "atrest.restore.menu": ("Khôi phục từ bản sao lưu…", "Restore from a backup…"),
    "atrest.restore.choose": ("Chọn bản sao lưu…", "Choose a backup…"),
    "atrest.restore.no_file": ("Chưa chọn bản sao lưu", "No backup chosen"),
    "atrest.restore.intro": (
        "Dữ liệu hiện tại được giữ lại bên cạnh. Bản sao lưu của máy khác cần mã khôi phục.",
        "The current store is kept aside. A backup from another laptop needs its recovery code.",
    ),
    "atrest.restore.restart": (
        "Đã khôi phục. FieldApp sẽ đóng lại: hãy mở lại.",
        "Restored. FieldApp will now close: start it again.",
    ),
}
