"""``samennw site``: a static site of the public (Woo) versions, with open data.

:mod:`samennw.site.build` plans and renders the pages (incrementally), :mod:`.records`
keeps what the whole-site pages need of every data file, :mod:`.opendata` writes the
JSON, CSV, OParl-like and JSON Schema files and :mod:`.output` writes the folder safely.
"""
