"""Domain operations: queries, lifecycle changes, new meetings, validation."""
