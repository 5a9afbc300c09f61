"""Office mode (省局): importing units' bundles, the province-wide overview, drill-down, units and keys."""
