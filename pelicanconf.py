"""Pelican settings for the Spotlight site (local preview). publishconf.py extends this."""

from __future__ import annotations

SITENAME = "Spotlight"
SITESUBTITLE = "Interviews with the people who build things"
SITE_DESCRIPTION = "A sample interview series published with Spotlight: profiles and Q&As, on the web and by e-mail."
# Feeds need absolute URLs; in preview that is the address `make serve` uses.
SITEURL = "http://127.0.0.1:8000"
RELATIVE_URLS = True

PATH = "content"
OUTPUT_PATH = "output"
ARTICLE_PATHS = ["interviews"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "audio"]  # (audio: the episodes of posts with an Audio, copied as they are)
# "_scrapes" holds raw scrapes for `spotlight import`; "*~" are import backups.
IGNORE_FILES = [".#*", "_*", "*~"]

THEME = "theme"
# Every value a template prints is escaped unless the template marks it safe: titles and other
# metadata come from scrapes. Content and summaries are sanitized by the plugin (|safe).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [], "autoescape": True}
THEME_STATIC_DIR = "theme"
# The plugin by its full name: found in an editable install too (Pelican lists only the
# namespace plugins installed in site-packages; a normal install may say PLUGINS = ["spotlight"]).
PLUGINS = ["pelican.plugins.spotlight"]

TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
WITH_FUTURE_DATES = False  # a post dated in the future waits, like a draft
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        # Text that only looks like HTML ("<Ctrl>+<C>", "x<y to y>z") stays text, and a stray
        # <script> or <style> cannot swallow the rest of a post.
        "spotlight.mdsafe": {},
        # The same HTML, converted faster: inline patterns that cannot match a text are not
        # tried on it (about a third of the conversion time).
        "spotlight.mdfast": {},
    },
    "output_format": "html5",
}

# Stable, readable URLs.
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
# Drafts (Status: draft, or dated in the future) are previewed at drafts/<slug>/ in local builds;
# a publish build (publishconf.py, `spotlight build --publish`) writes no trace of them.
SPOTLIGHT_DRAFT_PREVIEWS = True
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
# A post in another language than DEFAULT_LANG ("Lang: es") keeps the same address: Pelican
# gives such a post its *_LANG_* address ("{slug}-es.html" by default) to tell a translation
# from its original, but the build refuses two posts with one slug, so every post is its own.
ARTICLE_LANG_URL = ARTICLE_URL
ARTICLE_LANG_SAVE_AS = ARTICLE_SAVE_AS
DRAFT_LANG_URL = DRAFT_URL
DRAFT_LANG_SAVE_AS = DRAFT_SAVE_AS
PAGE_LANG_URL = PAGE_URL
PAGE_LANG_SAVE_AS = PAGE_SAVE_AS
DRAFT_PAGE_LANG_URL = "drafts/pages/{slug}.html"  # (Pelican's DRAFT_PAGE_URL)
DRAFT_PAGE_LANG_SAVE_AS = "drafts/pages/{slug}.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
TAGS_URL = "tag/"
TAGS_SAVE_AS = "tag/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
CATEGORIES_URL = "category/"
CATEGORIES_SAVE_AS = "category/index.html"
ARCHIVES_URL = "archive/"
ARCHIVES_SAVE_AS = "archive/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
SERIES_URL = "series/{slug}/"
SERIES_SAVE_AS = "series/{slug}/index.html"
SERIES_INDEX_URL = "series/"
SERIES_INDEX_SAVE_AS = "series/index.html"

# Pelican's own feeds are off: Spotlight writes its feeds with feedgen (see spotlight/feeds.py).
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
SPOTLIGHT_RSS_PATH = "feeds/rss.xml"
SPOTLIGHT_ATOM_PATH = "feeds/atom.xml"
SPOTLIGHT_JSON_PATH = "feeds/feed.json"
FEED_MAX_ITEMS = 50  # items per feed (site and series feeds)
FEED_IMAGE = "theme/images/icon.png"  # the channel image, relative to the site
# The site feed's own id: fixed, so moving the site to another host keeps it.
FEED_ID = "urn:uuid:6f1d3c3e-5b7a-4f43-9b1e-2f6c1a8d9e40"
NEWSLETTER_EDITIONS = True  # output/newsletter/<slug>.html and .txt for every interview
# The podcast (feeds/podcast.xml, the interviews with an Audio): its Apple Podcasts values.
PODCAST = {"category": "Business", "subcategory": "Careers", "explicit": False, "owner_email": "podcast@spotlight.example.org"}
SPOTLIGHT_PODCAST_PATH = "feeds/podcast.xml"

# "Originally published at …" is always shown when a post has Source; this decides whether
# rel=canonical points there (True) or at the post here (False).
CANONICAL_TO_SOURCE = False
SEARCH_INDEX = True  # build the Pagefind index (search/ page)
MAX_POST_BYTES = 1_000_000  # a larger post fails the build (and `spotlight check`) with its name

MENUITEMS = ()
DISPLAY_PAGES_ON_MENU = True
DISPLAY_CATEGORIES_ON_MENU = False
