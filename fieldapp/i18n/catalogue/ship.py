"""Messages of the shipped build: version line, console, removable drives, diagnostics."""

MESSAGES: dict[str, tuple[str, str]] = {
    "version.from_source": ("bản chạy từ mã nguồn", "run from source"),
}
