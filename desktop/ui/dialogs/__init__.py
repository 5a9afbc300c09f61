"""Dialogs: first-run set-up, sign-in, records, users, settings, damaged database."""
