"""The journal file: its format, the lock, atomic saves, backups and where it lives."""
