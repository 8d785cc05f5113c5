"""PDF from the rendered HTML, with WeasyPrint (issue #14, point 4).

The PDF is the HTML document printed on A4, as a browser would print it, so one template
serves the screen, the printer and the archive. What goes in:

- tagged (structure tree, PDF/UA-1 identification), as far as WeasyPrint allows;
- document language Dutch (from ``<html lang="nl">``) and the title from ``<title>``;
- no author, no keywords, no producer string with a user name: only the title, the
  generator (samennw) and the creation date of the render (``stamp``, so that the same
  data gives the same file);
- no external resource: every URL the HTML names is refused, not fetched (the templates
  have none; an overriding template from a pull request cannot make the renderer read a
  local file or reach the network).
"""

from __future__ import annotations

from datetime import datetime

from samennw.render.templating import RenderError

PDF_VARIANT = "pdf/ua-1"


def html_to_pdf(html: str, stamp: datetime) -> bytes:
    """The PDF of a standalone HTML page (UTF-8), dated ``stamp``."""
    try:
        from weasyprint import HTML, URLFetcher
    except ImportError as exc:  # missing system libraries (pango) make the import fail
        raise RenderError(
            f"PDF maken lukt niet: WeasyPrint of zijn systeembibliotheken (pango) ontbreken ({exc})"
        ) from None
    # no protocol is allowed: every URL is refused (WeasyPrint leaves the resource out)
    fetcher = URLFetcher(allowed_protocols=frozenset(), allow_redirects=False)
    document = HTML(string=html, url_fetcher=fetcher).render()
    metadata = document.metadata
    metadata.authors = []
    metadata.keywords = []
    metadata.description = None
    metadata.generator = "samennw"
    metadata.created = metadata.modified = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    metadata.lang = "nl"
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    return pdf
