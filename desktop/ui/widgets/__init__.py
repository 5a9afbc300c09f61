"""Reusable widgets: period selector, status lights, progress editor, evidence panel, previews."""
