"""Pelican settings for publishing (`spotlight build --publish`): pelicanconf.py plus the
public address of the site."""

from __future__ import annotations

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = "https://spotlight.example.org"
RELATIVE_URLS = False
SPOTLIGHT_DRAFT_PREVIEWS = False  # no page, feed entry, search record or sitemap line for a draft
