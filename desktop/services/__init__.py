"""Services over the store: backups, bundles, reports, the office's roll-up. No Qt here."""
