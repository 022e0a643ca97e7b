"""Spotlight: interviews to a fast static site and a newsletter feed."""

__version__ = "0.1.0"
