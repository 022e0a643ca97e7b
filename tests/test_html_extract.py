"""The HTML stage: a saved page -> article Markdown, page metadata and comments, apart.

Every page here is small, fictional and written for the test.
"""

from __future__ import annotations

import random

import lxml.html
import pytest
from cssselect import SelectorError

from spotlight.cleanup.html import HtmlArticle, extract_html, looks_like_html
from spotlight.cleanup.html.css import select
from spotlight.cleanup.records import Record
from spotlight.cleanup.pipeline import clean_html_page

LINKEDIN = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Meet Ada Quill, Lead Tinkerer at Brassworks | LinkedIn</title>
<meta property="og:site_name" content="LinkedIn">
<meta property="og:description" content="An interview about gears and patience.">
<meta property="og:image" content="https://media.example.com/ada.jpg">
<link rel="canonical" href="https://www.linkedin.com/pulse/meet-ada-quill-omar-pike">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "Article", "name": "Meet Ada Quill",
 "author": {"@type": "Person", "name": "Omar Pike", "url": "https://www.linkedin.com/in/omarpike"},
 "datePublished": "2023-05-01T09:00:00+00:00"}
</script>
<script>window.tracking = {"user": "secret-tracking-id"};</script>
</head>
<body>
<nav class="global-nav"><a href="/feed/">Home</a> <a href="/jobs/">Jobs</a> <a href="/messaging/">Messaging</a></nav>
<main>
<article class="article-main">
<h1>Meet Ada Quill, Lead Tinkerer at Brassworks</h1>
<div class="publisher-author-card"><a href="/in/omarpike">Omar Pike</a> Published May 1, 2023</div>
<div class="reader-article-content" data-test-id="article-content">
<p>Ada Quill has spent eleven years building clockwork birds in a workshop above a bakery.</p>
<p><strong>Omar Pike:</strong> How did the first bird come about?</p>
<p><strong>Ada Quill: </strong>By accident, really. I was fixing a music box and the comb sang like a wren.</p>
<p><strong>Omar Pike:</strong> What does a normal day look like?</p>
<p><strong>Ada Quill:</strong> Coffee, then gears, then more coffee.</p>
<div class="social-share"><button>Share</button> <a href="https://twitter.com/share">Tweet this</a></div>
</div>
</article>
<section class="comments">
<h3>2 comments</h3>
<article class="comment">
<a class="comment__author" href="/in/lena">Lena Marsh</a>
<p class="comment__text">What a lovely read, thank you both.</p>
<button>Like</button> <button>Reply</button>
</article>
<article class="comment">
<a class="comment__author" href="/in/raj">Raj Patel</a>
<p class="comment__text">Brilliant insights on clockwork design.</p>
<button>Like</button> <button>Reply</button>
</article>
</section>
</main>
<footer><a href="/legal">Legal</a> <a href="/privacy">Privacy</a></footer>
</body></html>"""

MEDIUM = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<title>Five Questions for a Lighthouse Keeper | by Priya Venn | Medium</title>
<meta property="og:title" content="Five Questions for a Lighthouse Keeper">
<meta property="og:site_name" content="Medium">
<meta name="author" content="Priya Venn">
<meta property="article:published_time" content="2022-11-03T17:45:12.004Z">
<meta property="og:url" content="https://medium.com/@priyavenn/five-questions-lighthouse-1a2b3c">
<meta name="description" content="Salt, storms and a very long staircase.">
</head>
<body>
<div class="top-bar"><a href="/signin">Sign in</a> <a href="/get-started">Get started</a></div>
<article>
<div class="l">
<h1 class="pw-post-title">Five Questions for a Lighthouse Keeper</h1>
<div class="speechify-ignore"><a href="/@priyavenn">Priya Venn</a> <span>4 min read</span></div>
<section>
<div>
<p class="pw-post-body-paragraph">Tomas Ferrand keeps the light on a rock three miles off the coast.</p>
<h2 class="pw-post-body-paragraph">What surprised you most?</h2>
<p class="pw-post-body-paragraph">The silence. People imagine storms, but most nights the sea simply breathes.</p>
</div>
</section>
<section>
<div>
<p class="pw-post-body-paragraph">He climbs one hundred and twelve steps, <em>every single evening</em>, to wind the clockwork.</p>
<blockquote><p>The light does not care whether you are tired.</p></blockquote>
<p class="pw-post-body-paragraph">That sentence is painted above his door.</p>
</div>
</section>
</div>
</article>
<div class="responses">
<div data-testid="response"><a class="author" href="/@kit">Kit Morrow</a><p>I visited that lighthouse once as a child.</p></div>
</div>
</body></html>"""

SUBSTACK = """<!DOCTYPE html>
<html>
<head>
<title>The Quiet Engineer - Tidewater Notes</title>
<meta property="og:title" content="The Quiet Engineer">
<meta property="og:site_name" content="Tidewater Notes">
<meta name="author" content="Bea Lindqvist">
<meta property="og:url" content="https://tidewater.substack.com/p/the-quiet-engineer">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","url":"https://tidewater.substack.com/p/the-quiet-engineer","datePublished":"2024-02-10T08:30:00+00:00","author":[{"@type":"Person","name":"Bea Lindqvist"}]}</script>
</head>
<body>
<div class="post-header"><h1 class="post-title">The Quiet Engineer</h1></div>
<div class="available-content">
<div class="body markup" dir="auto">
<p>This week I spoke with Marco Ilves, who maintains the tide gauges along the northern shore.</p>
<div class="subscription-widget-wrap"><div class="subscription-widget"><p>Tidewater Notes is a reader-supported publication.</p><form><input type="email" placeholder="Type your email"><button>Subscribe</button></form></div></div>
<p><strong>Bea:</strong> Why tide gauges?</p>
<p><strong>Marco:</strong> Because the sea keeps the most honest diary on earth.</p>
<div class="captioned-button-wrap"><p class="button-wrapper"><a class="button primary" href="/subscribe">Subscribe now</a></p></div>
<p>We talked for two hours and most of it was about barnacles.</p>
</div>
</div>
<div class="comments-page">
<div class="comment">
<div class="comment-content"><div class="comment-meta"><a class="commenter-name" href="/profile/1">Juno Park</a> <time datetime="2024-02-11">Feb 11</time></div>
<div class="comment-body"><p>Barnacles deserve their own episode.</p></div>
<div class="comment-actions"><button>Like</button> <button>Reply</button></div></div>
</div>
<div class="comment">
<div class="comment-content"><div class="comment-meta"><a class="commenter-name" href="/profile/2">Sam Oduya</a></div>
<div class="comment-body"><p>My grandfather read tide tables every morning.</p></div></div>
</div>
</div>
</body></html>"""

WORDPRESS = """<!DOCTYPE html>
<html lang="fr-FR">
<head>
<title>Rencontre avec Léa Fontaine &#8211; Le Carnet</title>
<meta property="og:title" content="Rencontre avec Léa Fontaine">
<meta property="og:site_name" content="Le Carnet">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebPage","@id":"https://carnet.example.org/lea/#webpage","url":"https://carnet.example.org/lea/","datePublished":"2021-06-15T10:00:00+02:00"},
 {"@type":"BlogPosting","@id":"https://carnet.example.org/lea/#article","author":{"@id":"https://carnet.example.org/#/person/1"},"datePublished":"2021-06-15T10:00:00+02:00"},
 {"@type":"Person","@id":"https://carnet.example.org/#/person/1","name":"Hugo Marin"}]}</script>
</head>
<body>
<header id="masthead"><nav class="main-navigation"><ul><li><a href="/">Accueil</a></li><li><a href="/a-propos/">À propos</a></li></ul></nav></header>
<div id="content">
<article class="post type-post">
<header class="entry-header"><h1 class="entry-title">Rencontre avec Léa Fontaine</h1>
<div class="entry-meta">Publié le <time class="entry-date" datetime="2021-06-15T10:00:00+02:00">15 juin 2021</time> par Hugo Marin</div></header>
<div class="entry-content">
<p>Léa Fontaine restaure des vitraux depuis vingt ans dans un atelier de Lyon.</p>
<p><b>Hugo :</b> Par où commence une restauration ?</p>
<p><b>Léa :</b> Par un long moment à regarder le verre sans le toucher.</p>
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Partager :</h3><ul><li><a class="share-twitter" href="https://carnet.example.org/lea/?share=twitter">Twitter</a></li><li><a class="share-facebook" href="https://carnet.example.org/lea/?share=facebook">Facebook</a></li></ul></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3>Articles similaires</h3><p><a href="/autre/">Un autre portrait</a></p></div>
</div>
<footer class="entry-footer"><span class="cat-links">Portraits</span></footer>
</article>
<div id="comments" class="comments-area">
<h2 class="comments-title">2 réflexions sur « Rencontre avec Léa Fontaine »</h2>
<ol class="comment-list">
<li id="comment-11" class="comment even thread-even depth-1">
<article id="div-comment-11" class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Martine Roux</b> <span class="says">dit :</span></div>
<div class="comment-metadata"><a href="#comment-11"><time datetime="2021-06-16T08:00:00+02:00">16 juin 2021</time></a></div></footer>
<div class="comment-content"><p>Quel beau métier, merci pour ce portrait.</p></div>
<div class="reply"><a class="comment-reply-link" href="#respond">Répondre</a></div>
</article>
<ol class="children">
<li id="comment-12" class="comment odd alt depth-2">
<article id="div-comment-12" class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><b class="fn"><a href="https://example.net" rel="external nofollow ugc" class="url">Hugo Marin</a></b></div></footer>
<div class="comment-content"><p>Merci Martine, elle sera ravie de lire cela.</p></div>
</article>
</li>
</ol>
</li>
</ol>
<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Laisser un commentaire</h3><form action="/wp-comments-post.php" method="post"><textarea name="comment"></textarea><input type="submit" value="Envoyer"></form></div>
</div>
</div>
<aside id="secondary" class="widget-area"><section class="widget"><h2>Archives</h2><ul><li>juin 2021</li></ul></section></aside>
</body></html>"""

GHOST = """<!DOCTYPE html>
<html lang="en">
<head>
<title>Night Shift at the Observatory</title>
<meta property="og:site_name" content="Starlit">
<meta property="og:title" content="Night Shift at the Observatory">
<meta property="article:published_time" content="2020-09-01T22:00:00.000Z">
<meta name="twitter:title" content="Night Shift (Twitter title)">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","publisher":{"@type":"Organization","name":"Starlit"},"author":{"@type":"Person","name":"Noor Haddad"},"headline":"Night Shift at the Observatory","url":"https://starlit.example.com/night-shift/"}</script>
</head>
<body class="post-template">
<header class="gh-head"><nav class="gh-head-menu"><a href="/">Home</a><a href="/about/">About</a></nav></header>
<main class="gh-main">
<article class="gh-article post">
<header class="gh-article-header"><h1 class="gh-article-title">Night Shift at the Observatory</h1></header>
<section class="gh-content gh-canvas">
<p>Dr. Ines Carvalho has watched the same patch of sky for nine winters.</p>
<figure class="kg-card kg-image-card kg-card-hascaption"><img src="/content/images/2020/09/dome.jpg" class="kg-image" alt="The observatory dome at dusk"><figcaption>The dome opens at 21:00 <em>sharp</em>.</figcaption></figure>
<p>She keeps a paper logbook beside the computer, <a href="/the-logbook/">because screens forget</a>.</p>
<div class="kg-card kg-signup-card"><h2>Sign up for Starlit</h2><form><input type="email"><button>Subscribe</button></form></div>
</section>
</article>
</main>
<section class="gh-comments"><div class="comments"><div class="comment"><span class="comment-author">Elio Brandt</span><p class="comment-text">The logbook detail is wonderful.</p></div></div></section>
</body></html>"""

NO_SELECTOR = """<!DOCTYPE html>
<html lang="en">
<head><title>Notes from the Orchard</title></head>
<body>
<div id="top"><a href="/">The Orchard Journal</a> | <a href="/archive">Archive</a> | <a href="/contact">Contact</a></div>
<div id="wrap">
<div id="sidebar-left"><ul><li><a href="/2019">2019</a></li><li><a href="/2018">2018</a></li></ul></div>
<div id="middle">
<div class="story">
<h2>Notes from the Orchard</h2>
<p>Every autumn the old pear tree drops more fruit than the whole village can eat, and every autumn
the village tries anyway, with pies and jams and a festival nobody remembers starting.</p>
<p>This year Gideon Fairweather, who has looked after the orchard since before most of us were born,
agreed to walk me through the rows and explain what he looks for in a healthy branch.</p>
<p>He talked about bark and buds and the patience of grafting, and about the winter his ladder broke
and he spent a whole afternoon sitting in the crown of a tree waiting for his nephew.</p>
<p>When I asked what he would tell a new orchard keeper, he said only this: prune in the cold, pick in the
warm, and never argue with a wasp about who found the fruit first.</p>
</div>
</div>
</div>
<div id="bottom">Copyright The Orchard Journal. All rights reserved.</div>
</body></html>"""

RICH = """<html><head><title>Formatting sampler</title>
<meta property="og:title" content="Formatting sampler"></head>
<body><article>
<h1>Formatting sampler</h1>
<p>A paragraph with <strong>bold</strong>, <em>italic</em>, <code>x = 1</code> and a <a href="/guide/start?a=1">relative link</a>.</p>
<figure><img src="/img/kiln.png" alt="A kiln, glowing"><figcaption>The kiln at 1,200 degrees</figcaption></figure>
<blockquote><p>Clay remembers everything.</p><p>Second quoted line.</p></blockquote>
<ul><li>Glazes<ul><li>Celadon</li><li>Tenmoku</li></ul></li><li>Bodies</li></ul>
<ol start="3"><li>Wedge</li><li>Throw</li></ol>
<p><strong>What is your favourite tool?</strong></p>
<p><b>Maya Stone:</b> A wooden rib my teacher gave me.</p>
<p><strong>Maya</strong><strong> Stone:</strong> Adjacent bold runs merge.</p>
<p>Special characters: 5 * 3, [brackets], &lt;tag&gt;, _underscored_ and snake_case.</p>
<p># not a heading</p>
<p>1. not a list</p>
<p>Line one<br>Line two</p>
<pre><code class="language-python">print("hi")
print("there")</code></pre>
<table><tr><th>Cone</th><th>Temperature</th></tr><tr><td>6</td><td>1,222 C</td></tr></table>
<p>Empty <strong> </strong>bold and <em></em>italic vanish.</p>
<p>Non&nbsp;breaking&nbsp;space.</p>
<img src="https://track.example.com/p.gif" width="1" height="1" alt="">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="inline">
<hr>
<p>After the rule.</p>
</article></body></html>"""

HOSTILE = """<html><head><title>Hostile</title>
<script type="application/ld+json">{"@type": "Article", "author": {"name": "Broken", </script>
<script type="application/ld+json">not json at all</script>
<meta name="author" content="Vera Holt">
</head><body><article>
<p>Safe paragraph one with enough words to count as the article body here.</p>
<script>alert("owned")</script>
<p onclick="steal()">Click <a href="javascript:alert(1)">this harmless text</a> and <a href="  JaVaScRiPt:alert(2)">that</a>.</p>
<img src="x" onerror="alert(3)" alt="broken">
<img src="javascript:alert(4)" alt="">
<p><a href="data:text/html;base64,PHNjcmlwdD4=">data link</a> and <a href="vbscript:msgbox(1)">vb link</a>.</p>
<style>body { display: none }</style>
<iframe src="https://evil.example.com/frame"></iframe>
<p>Safe paragraph two closes the article calmly.</p>
</article></body></html>"""


def _paragraphs(markdown: str) -> list[str]:
    return [p for p in markdown.split("\n\n") if p.strip()]


# -- LinkedIn --------------------------------------------------------------------------------


def test_linkedin_article_metadata_and_comments() -> None:
    article = extract_html(LINKEDIN)
    assert isinstance(article, HtmlArticle)
    assert article.title == "Meet Ada Quill, Lead Tinkerer at Brassworks"  # " | LinkedIn" stripped
    assert article.metadata == {
        "site_name": "LinkedIn",
        "author": "Omar Pike",
        "date": "2023-05-01T09:00:00+00:00",
        "canonical": "https://www.linkedin.com/pulse/meet-ada-quill-omar-pike",
        "description": "An interview about gears and patience.",
        "image": "https://media.example.com/ada.jpg",
        "lang": "en",
    }
    assert _paragraphs(article.markdown) == [
        "Ada Quill has spent eleven years building clockwork birds in a workshop above a bakery.",
        "**Omar Pike:** How did the first bird come about?",
        "**Ada Quill:** By accident, really. I was fixing a music box and the comb sang like a wren.",
        "**Omar Pike:** What does a normal day look like?",
        "**Ada Quill:** Coffee, then gears, then more coffee.",
    ]
    assert article.comments == [
        {"name": "Lena Marsh", "text": "What a lovely read, thank you both."},
        {"name": "Raj Patel", "text": "Brilliant insights on clockwork design."},
    ]
    for leftover in ("lovely read", "Lena Marsh", "Reply", "Home", "Jobs", "Tweet", "Legal", "secret-tracking-id"):
        assert leftover not in article.markdown


def test_linkedin_records_explain_the_import() -> None:
    article = extract_html(LINKEDIN)
    by_reason: dict[tuple[str, str], list[Record]] = {}
    for record in article.records:
        assert record.stage == "html"
        by_reason.setdefault((record.kind, record.reason), []).append(record)
    assert [r.details["source"] for r in by_reason[("found", "author")]] == ["json-ld"]
    assert [r.details["source"] for r in by_reason[("found", "title")]] == ["first h1"]  # longer than JSON-LD's name
    assert [r.details["source"] for r in by_reason[("found", "date")]] == ["json-ld"]
    assert [r.details["source"] for r in by_reason[("found", "canonical")]] == ["canonical link"]
    assert [r.details["name"] for r in by_reason[("removed", "comment")]] == ["Lena Marsh", "Raj Patel"]
    assert by_reason[("found", "article body")][0].text == ".reader-article-content"
    chrome = by_reason[("removed", "page chrome")]
    assert any("Tweet this" in r.text for r in chrome)
    assert by_reason[("removed", "page code")][0].details == {"script": 2}


def test_og_title_is_preferred_and_loses_the_site_suffix_too() -> None:
    page = LINKEDIN.replace("<title>", '<meta property="og:title" content="Ada Quill on clockwork | LinkedIn"><title>')
    page = page.replace('"name": "Meet Ada Quill",', "")  # JSON-LD's headline or name comes first
    article = extract_html(page)
    assert article.title == "Ada Quill on clockwork"
    assert any(r.reason == "title" and r.details == {"source": "og:title"} for r in article.records)


# -- Medium ----------------------------------------------------------------------------------


def test_medium_sections_join_into_one_article() -> None:
    article = extract_html(MEDIUM)
    assert article.title == "Five Questions for a Lighthouse Keeper"
    assert article.metadata["author"] == "Priya Venn"
    assert article.metadata["date"] == "2022-11-03T17:45:12.004Z"
    assert article.metadata["canonical"] == "https://medium.com/@priyavenn/five-questions-lighthouse-1a2b3c"
    assert article.metadata["description"] == "Salt, storms and a very long staircase."
    assert article.metadata["lang"] == "en-GB"
    assert _paragraphs(article.markdown) == [
        "Tomas Ferrand keeps the light on a rock three miles off the coast.",
        "## What surprised you most?",
        "The silence. People imagine storms, but most nights the sea simply breathes.",
        "He climbs one hundred and twelve steps, *every single evening*, to wind the clockwork.",
        "> The light does not care whether you are tired.",
        "That sentence is painted above his door.",
    ]
    assert article.comments == [{"name": "Kit Morrow", "text": "I visited that lighthouse once as a child."}]
    assert "lighthouse once" not in article.markdown
    assert "Sign in" not in article.markdown


# -- Substack --------------------------------------------------------------------------------


def test_substack_drops_subscribe_widgets_and_keeps_comments_apart() -> None:
    article = extract_html(SUBSTACK)
    assert article.title == "The Quiet Engineer"
    assert article.metadata["author"] == "Bea Lindqvist"
    assert article.metadata["date"] == "2024-02-10T08:30:00+00:00"
    assert article.metadata["canonical"] == "https://tidewater.substack.com/p/the-quiet-engineer"
    assert article.metadata["site_name"] == "Tidewater Notes"
    assert _paragraphs(article.markdown) == [
        "This week I spoke with Marco Ilves, who maintains the tide gauges along the northern shore.",
        "**Bea:** Why tide gauges?",
        "**Marco:** Because the sea keeps the most honest diary on earth.",
        "We talked for two hours and most of it was about barnacles.",
    ]
    assert article.comments == [
        {"name": "Juno Park", "text": "Barnacles deserve their own episode."},
        {"name": "Sam Oduya", "text": "My grandfather read tide tables every morning."},
    ]
    removed_chrome = " ".join(r.text for r in article.records if r.reason == "page chrome")
    assert "reader-supported" in removed_chrome and "Subscribe now" in removed_chrome


# -- WordPress -------------------------------------------------------------------------------


def test_wordpress_entry_content_threaded_comments_and_share_buttons() -> None:
    article = extract_html(WORDPRESS)
    assert article.title == "Rencontre avec Léa Fontaine"
    assert article.metadata["author"] == "Hugo Marin"  # a JSON-LD @graph reference
    assert article.metadata["date"] == "2021-06-15T10:00:00+02:00"
    assert article.metadata["lang"] == "fr-FR"
    assert _paragraphs(article.markdown) == [
        "Léa Fontaine restaure des vitraux depuis vingt ans dans un atelier de Lyon.",
        "**Hugo :** Par où commence une restauration ?",
        "**Léa :** Par un long moment à regarder le verre sans le toucher.",
    ]
    assert article.comments == [
        {"name": "Martine Roux", "text": "Quel beau métier, merci pour ce portrait."},
        {"name": "Hugo Marin", "text": "Merci Martine, elle sera ravie de lire cela."},
    ]
    for leftover in ("Twitter", "Facebook", "Articles similaires", "Archives", "Accueil", "Répondre", "Quel beau"):
        assert leftover not in article.markdown
    thread = [r for r in article.records if r.reason == "comment thread"]
    assert len(thread) == 1 and thread[0].details["comments"] == 2 and "Laisser un commentaire" in thread[0].text


# -- Ghost -----------------------------------------------------------------------------------


def test_ghost_figure_caption_and_relative_links() -> None:
    article = extract_html(GHOST, url="https://starlit.example.com/night-shift/")
    assert article.title == "Night Shift at the Observatory"
    assert article.metadata == {
        "site_name": "Starlit",
        "author": "Noor Haddad",
        "date": "2020-09-01T22:00:00.000Z",
        "canonical": "https://starlit.example.com/night-shift/",
        "lang": "en",
    }
    assert _paragraphs(article.markdown) == [
        "Dr. Ines Carvalho has watched the same patch of sky for nine winters.",
        "![The observatory dome at dusk](https://starlit.example.com/content/images/2020/09/dome.jpg)",
        "*The dome opens at 21:00 sharp.*",
        "She keeps a paper logbook beside the computer, [because screens forget](https://starlit.example.com/the-logbook/).",
    ]
    assert article.comments == [{"name": "Elio Brandt", "text": "The logbook detail is wonderful."}]
    assert "Sign up" not in article.markdown


def test_canonical_url_is_the_base_when_no_url_is_given() -> None:
    article = extract_html(GHOST)
    assert "[because screens forget](https://starlit.example.com/the-logbook/)" in article.markdown


# -- no known selector -----------------------------------------------------------------------


def test_page_without_known_selector_uses_trafilatura_to_find_the_element() -> None:
    article = extract_html(NO_SELECTOR)
    assert article.title == "Notes from the Orchard"
    paragraphs = _paragraphs(article.markdown)
    assert paragraphs[0].startswith("Every autumn the old pear tree drops more fruit")
    assert paragraphs[-1].endswith("never argue with a wasp about who found the fruit first.")
    assert len(paragraphs) == 4  # the title heading is dropped
    for leftover in ("Archive", "Contact", "2019", "Copyright"):
        assert leftover not in article.markdown
    body = [r for r in article.records if r.reason == "article body"]
    assert body[0].details["source"] == "trafilatura"
    assert any(r.kind == "missing" and r.reason == "author" for r in article.records)


def test_a_selector_match_much_smaller_than_the_article_is_not_trusted() -> None:
    page = NO_SELECTOR.replace('<div class="story">', '<div class="story"><div class="post-content"><p>Tiny teaser.</p></div>')
    article = extract_html(page)
    assert "never argue with a wasp" in article.markdown
    assert "Tiny teaser." in article.markdown
    assert any(r.kind == "missing" and r.reason == "article body by selector" for r in article.records)


# -- formatting ------------------------------------------------------------------------------


def test_formatting_is_converted() -> None:
    article = extract_html(RICH, url="https://pottery.example.com/posts/sampler.html")
    md = article.markdown
    assert "Formatting sampler" not in md  # the title heading is dropped
    expected = [
        "A paragraph with **bold**, *italic*, `x = 1` and a [relative link](https://pottery.example.com/guide/start?a=1).",
        "![A kiln, glowing](https://pottery.example.com/img/kiln.png)",
        "*The kiln at 1,200 degrees*",
        "> Clay remembers everything.\n>\n> Second quoted line.",
        "- Glazes\n    - Celadon\n    - Tenmoku\n- Bodies",
        "3. Wedge\n4. Throw",
        "**What is your favourite tool?**",
        "**Maya Stone:** A wooden rib my teacher gave me.",
        "**Maya Stone:** Adjacent bold runs merge.",
        "Special characters: 5 \\* 3, \\[brackets\\], &lt;tag>, \\_underscored\\_ and snake_case.",
        "\\# not a heading",
        "1\\. not a list",
        "Line one  \nLine two",
        '```python\nprint("hi")\nprint("there")\n```',
        "Cone | Temperature",
        "6 | 1,222 C",
        "Empty bold and italic vanish.",
        "Non breaking space.",
        "After the rule.",
    ]
    assert _paragraphs(md) == expected
    assert "track.example.com" not in md and "data:" not in md
    assert "\u00a0" not in md


def test_markdown_renders_as_intended() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").render(extract_html(RICH).markdown)
    assert "<strong>Maya Stone:</strong> A wooden rib" in html
    assert "<em>The kiln at 1,200 degrees</em>" in html
    assert "<h1>" not in html and "# not a heading" in html
    assert "<ul>\n<li>Celadon</li>" in html
    assert '<ol start="3">' in html


# -- hostile input ---------------------------------------------------------------------------


def test_hostile_markup_never_reaches_the_markdown() -> None:
    article = extract_html(HOSTILE)
    md = article.markdown
    assert "Safe paragraph one" in md and "Safe paragraph two closes the article calmly." in md
    assert "Click this harmless text and that." in md
    assert "data link and vb link." in md
    bad_strings = (
        "javascript", "JaVaScRiPt", "alert", "onerror", "onclick", "steal", "vbscript", "data:", "display: none",
        "evil.example.com", "<script", "owned",
    )
    for bad in bad_strings:
        assert bad not in md, bad
    assert article.metadata["author"] == "Vera Holt"  # invalid JSON-LD ignored


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "   ",
        "just some words, no markup",
        "<",
        "<<<>>>",
        "<html",
        "\x00\x01\x02",
        "\ud800 lone surrogate \udfff",
        '<?xml version="1.0" encoding="ISO-8859-1"?><html><body><p>café</p></body></html>',
        '<meta charset="shift_jis"><p>日本語のテキスト</p>',
        "<div>" * 3000 + "deep" + "</div>" * 3000,
        "<b>" * 3000 + "bold soup",
        "<ul>" + "<li><ul>" * 800 + "x",
        "<table><tr><td><table><tr><td>" * 200 + "cell",
        '<script type="application/ld+json">' + "[" * 5000 + "</script><p>x</p>",
        "<a href='http://[broken'>x</a><img src='http://[::1'>",
        "\ufeff<!DOCTYPE html><html><body><p>BOM</p></body></html>",
        "<p>" + "[" * 5000 + "</p>",
    ],
)
def test_never_raises(junk: str) -> None:
    article = extract_html(junk)
    assert isinstance(article.markdown, str)
    assert isinstance(article.records, list)


def test_deep_nesting_keeps_the_text() -> None:
    # libxml2 keeps 2,048 levels (deeper text is lost in parsing); the converter must not recurse that deep.
    assert extract_html("<div>" * 2000 + "deep" + "</div>" * 2000).markdown == "deep"
    assert extract_html("<blockquote>" * 2000 + "quoted" + "</blockquote>" * 2000).markdown.endswith("quoted")


def test_lone_surrogates_become_replacement_characters() -> None:
    article = extract_html("<p>before \ud83d after</p><p>second</p><p>third</p>")
    assert "before \ufffd after" in article.markdown


def test_random_html_soup_never_raises() -> None:
    rng = random.Random(7)
    pieces = [
        "<p>", "</p>", "<div class='comment'>", "</div>", "<b>", "</b>", "<a href='javascript:x'>", "</a>", "<ul>", "<li>",
        "<br>", "<img src='/i.png'>", "<table>", "<td>", "<pre>", "text ", "* _ [ ] # > ", "&nbsp;", "<h1>", "<figure>",
        "<figcaption>", "<blockquote>", "<article>", "<script>", "</script>", "\ud800", "<!--", "-->",
        "<time datetime='2020-01-01'>",
    ]
    for _ in range(150):
        soup = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        markdown = extract_html(soup).markdown
        assert isinstance(markdown, str)
        assert "](javascript" not in markdown


# -- smaller pieces --------------------------------------------------------------------------


def test_looks_like_html() -> None:
    assert looks_like_html("<!doctype html><html><body></body></html>")
    assert looks_like_html("  \n<html lang='en'><p>x</p></html>")
    assert looks_like_html("<div><p>one</p><p>two</p></div>")
    assert not looks_like_html("Title\n\nA plain scrape with a <b>bold</b> word.")
    assert not looks_like_html("")


def test_selectors_match_below_the_context_in_document_order() -> None:
    root = lxml.html.fromstring(
        '<div><main class="post"><article class="post a\u00a0b"><p class="Post">x</p></article></main><p>y</p></div>'
    )
    main, article = root[0], root[0][0]
    assert [el.tag for el in select(root, "MAIN ARTICLE, p")] == ["article", "p", "p"]  # tags in any case, in page order
    assert select(root, ".post") == [main, article]  # a class is a word of the attribute, in its case ("Post" is not)
    assert select(main, ".post") == [article] and select(main, "main article") == []  # never the context, nor through it
    assert select(root, ".b") == [article]  # words split at any whitespace, a non-breaking space too
    assert select(root, "[class=post]") == [main] and select(root, "[class=POST]") == []  # values as written
    assert select(root, "[class*=os] > p") == [article[0]]
    article.drop_tree()
    assert [el.text for el in select(root, "p")] == ["y"]  # what is taken out is not found
    with pytest.raises(SelectorError):
        select(root, "a[href")


def test_comments_in_markup_never_join_the_article_when_trafilatura_is_used() -> None:
    page = NO_SELECTOR.replace(
        '<div id="bottom">',
        '<div id="comments"><div class="comment-wrap"><span class="comment-author">Pip Allen</span>'
        "<p>I planted a pear tree because of this story, thank you so much for writing it.</p></div></div>"
        '<div id="bottom">',
    )
    article = extract_html(page)
    assert article.comments == [
        {"name": "Pip Allen", "text": "I planted a pear tree because of this story, thank you so much for writing it."}
    ]
    assert "planted a pear tree" not in article.markdown


def test_fragment_without_trafilatura_text_is_converted_whole() -> None:
    article = extract_html("<h1>Q&amp;A</h1><p><strong>Q:</strong> Why?</p><p><strong>A:</strong> Because.</p>")
    assert article.title == "Q&A"
    assert article.markdown == "**Q:** Why?\n\n**A:** Because."


def test_a_large_page_is_converted_whole() -> None:
    paragraphs = "".join(
        f"<p>Paragraph {i} of a long interview, with <b>bold</b> and <a href='/x{i}'>a link</a>.</p>" for i in range(600)
    )
    page = (
        "<html><head><title>Big</title></head><body><nav>menu</nav>"
        f"<article class='post'><div class='entry-content'>{paragraphs}</div></article></body></html>"
    )
    assert len(page) > 50_000
    article = extract_html(page)
    assert "Paragraph 599 of a long interview" in article.markdown
    assert "menu" not in article.markdown


FLAT = """<html><head><title>Flat page</title></head><body>
<div class="menu">%(junk)s</div>
<h1>Flat page</h1>
<p>The first paragraph of a page that keeps its article straight in the body element, next to everything else.</p>
<p>A second paragraph, with a <b>bold</b> word, explains that the rest of the page is a long list of promotions.</p>
<p>A third paragraph closes the article with one more sentence about the promotions and the page layout.</p>
<div class="menu2">%(junk)s</div>
</body></html>""" % {
    "junk": "".join(
        f"<div class='promo'><a href='/p{i}'>Promo link number {i} with several words of junk text</a></div>" for i in range(40)
    )
}


def test_trafilatura_output_is_converted_when_no_element_holds_just_the_article() -> None:
    article = extract_html(FLAT)
    assert _paragraphs(article.markdown) == [
        "The first paragraph of a page that keeps its article straight in the body element, next to everything else.",
        "A second paragraph, with a **bold** word, explains that the rest of the page is a long list of promotions.",
        "A third paragraph closes the article with one more sentence about the promotions and the page layout.",
    ]
    assert [r.details["source"] for r in article.records if r.reason == "article body"] == ["trafilatura text"]


def test_json_ld_list_profile_page_and_date_sources() -> None:
    page = """<html><head><title>Profile</title>
    <meta property="article:author" content="https://www.facebook.com/some.profile">
    <meta name="date" content="2019-03-04">
    <script type="application/ld+json">[{"@type": "WebSite", "name": "Site", "url": "https://site.example/"},
      {"@type": ["ProfilePage"], "mainEntity": {"@type": "Person", "name": "Rosa Ibarra"}, "url": "https://site.example/rosa"}]</script>
    </head><body><article><p>A profile page long enough to be an article, about Rosa and her bicycles.</p>
    <p>Published <time datetime="2019-03-05T08:00:00Z">yesterday</time>.</p></article></body></html>"""
    article = extract_html(page)
    assert article.metadata["author"] == "Rosa Ibarra"
    assert article.metadata["canonical"] == "https://site.example/rosa"
    assert article.metadata["date"] == "2019-03-05T08:00:00Z"  # <time> inside the article comes before meta date
    assert [r.details["source"] for r in article.records if r.reason == "date"] == ["<time datetime>"]
    article = extract_html(page.replace('<time datetime="2019-03-05T08:00:00Z">', "<time>"))
    assert article.metadata["date"] == "2019-03-04"


def test_article_author_url_is_not_an_author() -> None:
    page = """<html><head><meta property="article:author" content="https://www.facebook.com/x"></head>
    <body><article><p>Enough words here to make a little article about nothing in particular at all.</p></article></body></html>"""
    article = extract_html(page)
    assert "author" not in article.metadata
    assert any(r.kind == "missing" and r.reason == "author" for r in article.records)


def test_base_href_and_google_docs_bold() -> None:
    page = """<html><head><base href="https://docs.example.org/export/"></head><body><article>
    <b style="font-weight:normal" id="docs-internal-guid-1"><p><span style="font-weight:700">Kai Moreno:</span><span> I drew maps
    for a living.</span></p><p><span style="font-style:italic">Atlas</span> was my <a href="maps/1.html">first</a>.</p></b>
    </article></body></html>"""
    assert _paragraphs(extract_html(page).markdown) == [
        "**Kai Moreno:** I drew maps for a living.",
        "*Atlas* was my [first](https://docs.example.org/export/maps/1.html).",
    ]


def test_layout_tables_are_read_as_blocks_and_data_tables_as_rows() -> None:
    page = """<html><body><article><table><tr><td><h2>Inside a layout table</h2><p>First paragraph of the story.</p>
    <p>Second paragraph of the story.</p></td></tr></table>
    <table><caption>Tide heights</caption><tr><th>Port</th><th>Height</th></tr><tr><td>North</td><td><p>2.1 m</p></td></tr></table>
    </article></body></html>"""
    assert _paragraphs(extract_html(page).markdown) == [
        "## Inside a layout table",
        "First paragraph of the story.",
        "Second paragraph of the story.",
        "Tide heights",
        "Port | Height",
        "North | 2.1 m",
    ]


def test_hash_links_and_links_without_text() -> None:
    page = (
        "<article><p>See <a href='#'>this</a>, <a href='https://x.example/'></a>and "
        "<a href='mailto:a@b.example'>mail</a>.</p><p>More text.</p><p>End.</p></article>"
    )
    assert _paragraphs(extract_html(page).markdown)[0] == "See this, and [mail](mailto:a@b.example)."


def test_lazy_images_and_placeholder_alt_text() -> None:
    page = """<article><p>An article with two pictures and enough words to be one.</p>
    <img data-delayed-url="https://media.example.com/a.jpg" alt="No alt text provided for this image">
    <img src="data:image/gif;base64,R0lGOD" data-src="/lazy/b.jpg" alt="A bridge"></article>"""
    assert _paragraphs(extract_html(page, url="https://blog.example.com/post").markdown)[1:] == [
        "![](https://media.example.com/a.jpg) ![A bridge](https://blog.example.com/lazy/b.jpg)",
    ]


# --- Real-page mechanisms (issue 17): hidden text, chrome words, link lists, bylines, dates ---


def _page(body: str, head: str = "") -> str:
    return f"<!doctype html><html lang='en'><head><title>A page</title>{head}</head><body>{body}</body></html>"


_PROSE = " ".join(
    f"Paragraph {i} tells how the team rebuilt the river sensors and what the field trials taught them about batteries."
    for i in range(3)
)


def test_hidden_elements_and_mathml_sources_are_not_part_of_the_article() -> None:
    body = (
        "<article><h1>Sensors</h1>"
        f"<p>{_PROSE}</p>"
        '<div style="display: none"><p>Menu for the mobile layout with many words in it.</p></div>'
        '<p hidden>An old version of the paragraph kept for a script.</p>'
        '<p aria-hidden="true">Text only a screen reader would skip.</p>'
        '<p>The formula <math><semantics><mi>x</mi><annotation encoding="application/x-tex">\\displaystyle x</annotation>'
        "</semantics></math> stays once.</p>"
        f"<p>{_PROSE}</p></article>"
    )
    article = extract_html(_page(body))
    for hidden in ("mobile layout", "old version", "screen reader", "displaystyle"):
        assert hidden not in article.markdown
    assert "stays once" in article.markdown
    assert sum(1 for r in article.records if r.reason == "hidden element") == 3


def test_chrome_markers_match_words_of_a_class_not_substrings() -> None:
    body = (
        "<article><h1>Evolve</h1>"
        f"<p>{_PROSE}</p>"
        '<div class="section" id="example-1-amend-a-shared-changeset"><h2>Example 1: amend a shared changeset</h2>'
        "<p>Amending a changeset that others already pulled is where the extension shines, step by step.</p></div>"
        '<section id="related-work"><h2>Related work</h2><p>Earlier systems kept history immutable and paid for it.</p></section>'
        '<div class="post-shareBar"><p>Share on every network you can think of right now.</p></div>'
        f"<p>{_PROSE}</p></article>"
    )
    article = extract_html(_page(body))
    assert "Amending a changeset" in article.markdown  # "shared" is not "share"
    assert "Earlier systems" in article.markdown  # the id anchors its own heading
    assert "every network" not in article.markdown  # "shareBar" is a share bar


def test_chrome_marker_words() -> None:
    from spotlight.cleanup.html import chrome_marker_in

    assert chrome_marker_in("sharedaddy") == "sharedaddy"
    assert chrome_marker_in("sd-sharing-enabled") == "sharing"
    assert chrome_marker_in("jp-relatedposts") is not None
    assert chrome_marker_in("relatedArticles") == "related"
    assert chrome_marker_in("author-box") == "author-box"
    assert chrome_marker_in("authority-list") is None
    assert chrome_marker_in("shared-history") is None


def test_a_byline_is_a_person() -> None:
    from spotlight.cleanup.html import byline_name

    assert byline_name("Von Jana Schmidt und Ole Berg") == "Jana Schmidt und Ole Berg"
    assert byline_name("Por María José Gil\n9 de octubre de 2019") == "María José Gil"
    assert byline_name("作者：王小明") == "王小明"
    for not_a_person in ("Loaded", "Map", "Learn More", "Notes", "Follow", "3 comments", "https://x.example/a"):
        assert byline_name(not_a_person) is None, not_a_person


def test_byline_and_visible_date_from_the_article_when_the_page_has_no_metadata() -> None:
    body = (
        '<article><header><h1>Rebuilding the sensors</h1><div class="FeatureByline">By Nathan Okafor<br>'
        "March 25, 2015</div></header>"
        f"<p>{_PROSE}</p><p>{_PROSE}</p></article>"
    )
    cleaned = clean_html_page(_page(body))
    assert cleaned.metadata["Author"] == "Nathan Okafor"
    assert cleaned.metadata["Date"] == "2015-03-25"


def test_visible_dates_in_several_languages_and_no_date_from_prose() -> None:
    for dateline, expected in (
        ("9 de octubre de 2019", "2019-10-09"), ("Oct 9, 2019", "2019-10-09"), ("3 March 2024", "2024-03-03"),
        ("2019年10月9日", "2019-10-09"), ("le 3 mars 2024", "2024-03-03"),
    ):
        body = f'<article><h1>Sensors</h1><p class="meta">{dateline}</p><p>{_PROSE}</p></article>'
        assert extract_html(_page(body)).metadata.get("date") == expected, dateline
    prose_date = f"<article><h1>Sensors</h1><p>{_PROSE} On 3 March 2024 the river flooded the lab.</p><p>{_PROSE}</p></article>"
    assert "date" not in extract_html(_page(prose_date)).metadata


def test_a_date_keeps_the_day_of_its_own_time_zone() -> None:
    head = '<meta property="article:published_time" content="2019-10-09T23:30:00-07:00">'
    cleaned = clean_html_page(_page(f"<article><h1>Late post</h1><p>{_PROSE}</p></article>", head))
    assert cleaned.metadata["Date"] == "2019-10-09"  # not the 10th, as in UTC


def test_json_ld_byline_comes_before_meta_and_the_page_names_no_ui_word() -> None:
    head = (
        '<meta name="author" content="Learn More">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Rivers and us",'
        ' "author": [{"@type": "Person", "name": "Ines Duarte"}, "Tomás Reyes"], "datePublished": "2021-06-14"}</script>'
    )
    article = extract_html(_page(f"<article><h1>Rivers and us</h1><p>{_PROSE}</p></article>", head))
    assert article.metadata["author"] == "Ines Duarte, Tomás Reyes"
    assert article.metadata["date"] == "2021-06-14"
    only_ui = extract_html(_page(f'<article><h1>Rivers</h1><p class="byline">Loaded</p><p>{_PROSE}</p></article>',
                                 '<meta name="author" content="Map">'))
    assert "author" not in only_ui.metadata


def test_title_sources_in_order_of_trust() -> None:
    spaced = '<meta property="x:title dc:title" content="Preferred title"><meta property="og:title twitter:title" content="Other">'
    assert extract_html(_page(f"<p>{_PROSE}</p>", spaced)).title == "Preferred title"
    page = _page(f"<p>{_PROSE}</p>").replace("<title>A page</title>", "<title>Lorem ipsum dolor sit amet – My website</title>")
    assert extract_html(page).title == "Lorem ipsum dolor sit amet"
    ld = '<script type="application/ld+json">{"@type": "Article", "headline": "The deck that made tarot", "name": "Site"}</script>'
    assert extract_html(_page(f"<h1>The deck that made tarot</h1><p>{_PROSE}</p>", ld + '<meta property="og:title" content="Clickbait">')).title == "The deck that made tarot"
