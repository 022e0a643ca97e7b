"""Spotlight's cleanup library: pure stages that turn a scrape into a clean interview.

Never imports Pelican. Every stage returns its result and the records of what it changed.
"""

from .pipeline import CleanupConfig, Cleaned, clean_html_page, clean_markdown, clean_scrape, summarize
from .records import Record

__all__ = ["CleanupConfig", "Cleaned", "Record", "clean_html_page", "clean_markdown", "clean_scrape", "summarize"]
