"""Pages of the main window's central stack: plan, dashboard, review, audit trail."""
