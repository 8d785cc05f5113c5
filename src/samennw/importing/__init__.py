"""Bringing existing records in: minutes and action lists from Word, PDF and text."""
