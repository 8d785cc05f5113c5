"""Rendered documents and listings: contexts, templates, Markdown, HTML, Word, iCalendar."""
