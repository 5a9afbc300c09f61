"""Reports: the unit's Chinese PDF progress report and the Excel ledger (台账), out and back in."""
