"""Tests of samennw.importing: readers, minutes and action lists."""
