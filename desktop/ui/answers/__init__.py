"""The office's answers in the window: at a unit the import of an answer stick, the office's return on the
review page and its notices on the dashboard; at the office the return dialog and the answer stick."""
