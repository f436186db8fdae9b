"""Sync bundles: the file format, the keys, and safe writing to removable drives. No Qt here."""
