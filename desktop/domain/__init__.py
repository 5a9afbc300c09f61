"""Plain data, validation and the plan catalog: standard library only, no Qt, no SQL."""
