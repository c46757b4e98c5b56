from __future__ import annotations

import pytest

from flows.html_reader import HtmlArticle, parse_html

# -- title ---------------------------------------------------------------------


def test_title_prefers_og_title() -> None:
    html = (
        '<head><title>Tag title</title><meta property="og:title" content="OG title"></head>'
        "<body><h1>Heading</h1></body>"
    )
    assert parse_html(html).title == "OG title"


def test_title_falls_back_to_title_tag() -> None:
    html = "<head><title>  Tag\n title &amp; more </title></head><body><h1>Heading</h1></body>"
    assert parse_html(html).title == "Tag title & more"


def test_title_falls_back_to_first_h1() -> None:
    html = "<body><h1>First <em>heading</em></h1><h1>Second</h1></body>"
    assert parse_html(html).title == "First heading"


def test_svg_title_is_not_the_page_title() -> None:
    html = "<body><svg><title>icon</title></svg><h1>Real</h1></body>"
    assert parse_html(html).title == "Real"


def test_empty_h1_does_not_block_later_h1() -> None:
    assert parse_html("<h1><img src='logo.png'></h1><h1>Story</h1>").title == "Story"


def test_title_absent() -> None:
    assert parse_html("<p>no title here</p>").title is None


# -- authors -------------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        '<meta name="author" content="Jane Doe">',
        '<meta property="article:author" content="Jane Doe">',
        '<p>By <a rel="author" href="/jane">Jane Doe</a></p>',
        '<p>By <a rel="noopener author" href="/jane">Jane Doe</a></p>',
        '<p>By <span itemprop="author">Jane Doe</span></p>',
        '<meta itemprop="author" content="Jane Doe">',
        '<div itemprop="author" itemscope><span itemprop="name">Jane Doe</span>, editor</div>',
    ],
)
def test_author_sources(html: str) -> None:
    assert parse_html(html).authors == ("Jane Doe",)


def test_article_author_url_values_are_ignored() -> None:
    html = (
        '<meta property="article:author" content="https://facebook.com/jane">'
        '<meta property="article:author" content="Jane Doe">'
    )
    assert parse_html(html).authors == ("Jane Doe",)


def test_authors_deduplicated_in_document_order() -> None:
    html = (
        '<meta name="author" content="Jane Doe">'
        '<header><a rel="author" href="/j">John Roe</a></header>'
        '<article><span itemprop="author">jane  doe</span></article>'
    )
    assert parse_html(html).authors == ("Jane Doe", "John Roe")


def test_runaway_author_element_is_not_an_author() -> None:
    # A byline element left open swallows body text until some later </span>.
    html = '<span itemprop="author">Jane ' + "<p>long body text</p>" * 50 + "</span>"
    assert parse_html(html).authors == ()


def test_svg_inside_byline_not_part_of_author() -> None:
    html = '<a rel="author" href="/j"><svg><title>User icon</title></svg>Jane Doe</a>'
    assert parse_html(html).authors == ("Jane Doe",)


# -- published date ------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        '<meta property="article:published_time" content="2024-05-06T07:08:09Z">',
        '<meta name="date" content="2024-05-06T07:08:09Z">',
        '<meta name="pubdate" content="2024-05-06T07:08:09Z">',
        '<meta name="publishdate" content="2024-05-06T07:08:09Z">',
        '<meta name="DC.date.issued" content="2024-05-06T07:08:09Z">',
        '<meta name="sailthru.date" content="2024-05-06T07:08:09Z">',
        '<meta name="parsely-pub-date" content="2024-05-06T07:08:09Z">',
        '<meta itemprop="datePublished" content="2024-05-06T07:08:09Z">',
        '<p>Published <time datetime="2024-05-06T07:08:09Z">May 6</time></p>',
    ],
)
def test_published_sources(html: str) -> None:
    assert parse_html(html).published_raw == "2024-05-06T07:08:09Z"


def test_published_is_raw_not_parsed() -> None:
    html = '<meta name="date" content="Mon, 6 May 2024 07:08 GMT">'
    assert parse_html(html).published_raw == "Mon, 6 May 2024 07:08 GMT"


def test_time_inside_article_preferred_over_earlier_time() -> None:
    html = (
        '<header><time datetime="2000-01-01">today</time></header>'
        '<article><p><time datetime="2024-05-06">May 6</time></p>'
        '<p><time datetime="2024-05-07">May 7</time></p></article>'
    )
    assert parse_html(html).published_raw == "2024-05-06"


def test_meta_date_preferred_over_time_element() -> None:
    html = (
        '<article><time datetime="2024-05-06">May 6</time></article>'
        '<meta property="article:published_time" content="2024-05-01">'
    )
    assert parse_html(html).published_raw == "2024-05-01"


def test_published_absent() -> None:
    assert parse_html("<p>no date</p>").published_raw is None


# -- url -----------------------------------------------------------------------


def test_url_from_canonical_link_preferred() -> None:
    html = (
        '<meta property="og:url" content="https://example.com/og">'
        '<link rel="canonical" href="https://example.com/canonical">'
    )
    assert parse_html(html).url == "https://example.com/canonical"


def test_url_from_og_url() -> None:
    html = '<meta property="og:url" content="https://example.com/og?a=1&amp;b=2">'
    assert parse_html(html).url == "https://example.com/og?a=1&b=2"


def test_url_absent() -> None:
    assert parse_html('<link rel="stylesheet" href="/s.css"><p>x</p>').url is None


# -- scoping -------------------------------------------------------------------


def test_article_scope_excludes_text_outside_articles() -> None:
    html = (
        "<body><div>Outside before</div><article><p>Inside one</p></article>"
        "<div>Between</div><article><p>Inside two</p></article></body>"
    )
    assert parse_html(html).text == "Inside one\n\nInside two"


def test_article_without_visible_text_falls_back_to_wider_scope() -> None:
    # Teaser <article>s inside an <aside> must not blank the page.
    html = "<body><aside><article><p>Teaser</p></article></aside><div>Real text</div></body>"
    assert parse_html(html).text == "Real text"


def test_main_scope_when_no_article() -> None:
    html = "<body><div>Promo</div><main><p>Main text</p></main><div>Trailer</div></body>"
    assert parse_html(html).text == "Main text"


def test_body_scope_when_no_article_or_main() -> None:
    html = "<html><body><div>One</div><p>Two</p></body></html>"
    assert parse_html(html).text == "One\n\nTwo"


def test_metadata_collected_outside_article_scope() -> None:
    html = (
        '<body><div><a rel="author">Jane Doe</a><time datetime="2024-01-01"></time></div>'
        "<article><p>Body</p></article></body>"
    )
    art = parse_html(html)
    assert art.text == "Body"
    assert art.authors == ("Jane Doe",)
    assert art.published_raw == "2024-01-01"


# -- skipping ------------------------------------------------------------------


@pytest.mark.parametrize(
    "wrapper",
    [
        "<script>{}</script>",
        "<style>{}</style>",
        "<noscript>{}</noscript>",
        "<template>{}</template>",
        "<svg><text>{}</text></svg>",
        "<iframe>{}</iframe>",
        "<nav>{}</nav>",
        "<header>{}</header>",
        "<footer>{}</footer>",
        "<aside>{}</aside>",
        "<form>{}</form>",
        "<button>{}</button>",
        "<select><option>{}</option></select>",
    ],
)
def test_skipped_elements(wrapper: str) -> None:
    html = "<body><p>Keep</p>" + wrapper.format("HIDDEN") + "<p>Also</p></body>"
    assert parse_html(html).text == "Keep\n\nAlso"


def test_skipped_block_still_separates_lines() -> None:
    assert parse_html("<p>before<nav>menu</nav>after</p>").text == "before\n\nafter"


def test_head_content_not_in_text() -> None:
    html = "<html><head><title>Title</title><style>p{}</style></head><body><p>Body</p></body>"
    assert parse_html(html).text == "Body"


def test_unclosed_head_closed_by_body_content() -> None:
    html = "<head><title>T</title><meta charset=utf-8><p>Visible"
    art = parse_html(html)
    assert art.text == "Visible"
    assert art.title == "T"


def test_nested_skip_regions_count_correctly() -> None:
    html = "<nav><nav>a</nav>still nav</nav><p>shown</p>"
    assert parse_html(html).text == "shown"


# -- layout --------------------------------------------------------------------


def test_paragraphs_separated_by_one_blank_line() -> None:
    html = "<p>One</p><p>Two</p><div><div><p>Three</p></div></div>"
    assert parse_html(html).text == "One\n\nTwo\n\nThree"


def test_br_gives_single_newline() -> None:
    assert parse_html("<p>Line one<br>Line two<br/>Line three</p>").text == (
        "Line one\nLine two\nLine three"
    )


def test_inline_whitespace_collapsed_and_lines_stripped() -> None:
    html = "<p>\n   Some   <b>bold</b>\t<i>and</i>\n  italic   </p>"
    assert parse_html(html).text == "Some bold and italic"


def test_inline_tags_do_not_add_spaces() -> None:
    assert parse_html("<p>un<b>break</b>able</p>").text == "unbreakable"


def test_no_leading_trailing_or_repeated_blank_lines() -> None:
    html = "<div></div><p></p><br><br><p>A</p><div></div><hr><div> </div><p>B</p><br><div></div>"
    assert parse_html(html).text == "A\n\nB"


def test_repeated_br_collapses_to_one_blank_line() -> None:
    assert parse_html("<p>a<br><br><br><br>b</p>").text == "a\n\nb"


def test_headings_and_list_items_are_blocks() -> None:
    html = "<h2>Sub</h2><ul><li>x</li><li>y</li></ul>"
    assert parse_html(html).text == "Sub\n\nx\n\ny"


def test_table_row_cells_joined_with_pipe() -> None:
    html = (
        "<table><tr><th>Name</th><th>Score</th></tr><tr><td>A</td><td></td><td>1</td></tr></table>"
    )
    assert parse_html(html).text == "Name | Score\n\nA | 1"


def test_pre_keeps_line_breaks() -> None:
    assert parse_html("<pre>a = 1\nb = 2</pre>").text == "a = 1\nb = 2"


def test_h1_equal_to_title_is_kept_in_text() -> None:
    html = "<head><title>Big News</title></head><body><h1>Big News</h1><p>Body</p></body>"
    art = parse_html(html)
    assert art.title == "Big News"
    assert art.text == "Big News\n\nBody"


# -- entities, images, captions ------------------------------------------------


def test_entities_decoded() -> None:
    html = "<p>Tom &amp; Jerry &#8220;quoted&#8221; non&nbsp;breaking &lt;tag&gt;</p>"
    assert parse_html(html).text == "Tom & Jerry \u201cquoted\u201d non breaking <tag>"


def test_figcaption_kept_as_own_line() -> None:
    html = "<p>Before</p><figure><img src='a.jpg'><figcaption>Photo: Someone</figcaption></figure>"
    assert parse_html(html).text == "Before\n\nPhoto: Someone"


def test_img_alt_text_ignored() -> None:
    assert parse_html('<p>Text <img src="x.png" alt="ALT TEXT"> more</p>').text == "Text more"


# -- malformed markup ----------------------------------------------------------


def test_unclosed_tags() -> None:
    assert parse_html("<article><p>One<p>Two<div>Three").text == "One\n\nTwo\n\nThree"


def test_stray_end_tags_ignored() -> None:
    html = "</nav></footer></script></article><p>Visible</p></div></p>"
    assert parse_html(html).text == "Visible"


def test_nul_bytes_removed() -> None:
    assert parse_html("<p>a\x00b</p>\x00").text == "ab"


def test_bogus_comments_and_declarations() -> None:
    html = "<!doctype html><!-- c --><p>A<!bogus>B<?php echo 1 ?>C</p><!-- unterminated"
    assert parse_html(html).text == "ABC"


def test_unknown_marked_section_does_not_abort_parsing() -> None:
    # The stdlib raises AssertionError here; text after it must still be read.
    assert parse_html("<p>x<![foo[ bar ]]>y</p><p>after</p>").text == "xy\n\nafter"


def test_unclosed_script_skips_rest() -> None:
    html = "<p>Before</p><script>var s = '<p>not text</p>';<p>still script"
    assert parse_html(html).text == "Before"


def test_deeply_nested_divs() -> None:
    n = 100_000
    html = "<div>" * n + "inner &amp; text" + "</div>" * n
    assert parse_html(html).text == "inner & text"


def test_deeply_nested_unclosed_divs() -> None:
    assert parse_html("<div>" * 100_000 + "inner").text == "inner"


@pytest.mark.parametrize(
    "html",
    ["", "   ", "<html><head><title>T</title></head><body></body></html>", "<script>x</script>"],
)
def test_no_visible_text_gives_empty_string(html: str) -> None:
    assert parse_html(html).text == ""


def test_result_type_is_frozen() -> None:
    art = parse_html("<p>x</p>")
    assert isinstance(art, HtmlArticle)
    with pytest.raises(AttributeError):
        art.text = "y"  # type: ignore[misc]
