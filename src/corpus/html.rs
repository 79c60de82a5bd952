//! HTML pages: the headline, date, authors, source and URL from the page's metadata (Open
//! Graph, `<meta>` names, `<time>`, JSON-LD), and the story text via `html_body`. html5ever
//! is forgiving, so malformed pages still parse.

use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use time::OffsetDateTime;

use crate::article::{Article, push_unique};

use super::date::parse_date;
use super::html_body::{body_paragraphs, in_furniture};
use super::html_title::{error_page, logo, split_site, strip_site};
use super::markup::{collapse_whitespace, find_ignore_ascii_case};
use super::text::{byline, names};

static META: LazyLock<Selector> = LazyLock::new(|| sel("meta"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| sel("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| sel("h1"));
static ARTICLE_H1: LazyLock<Selector> = LazyLock::new(|| sel("article h1, main h1"));
static TIME: LazyLock<Selector> = LazyLock::new(|| sel("time[datetime]"));
static LINK: LazyLock<Selector> = LazyLock::new(|| sel("link[rel][href]"));
static AUTHOR_LINK: LazyLock<Selector> = LazyLock::new(|| sel("a[rel~=author], .byline"));
static SCRIPT: LazyLock<Selector> = LazyLock::new(|| sel("script[type]"));

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("static selector")
}

/// `<meta>` names that carry the publication date, best first.
const DATE_METAS: &[&str] = &[
    "article:published_time",
    "datepublished",
    "pubdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "date",
    "sailthru.date",
    "parsely-pub-date",
];

const AUTHOR_METAS: &[&str] = &[
    "author",
    "article:author",
    "dc.creator",
    "parsely-author",
    "sailthru.author",
];

const TOPIC_METAS: &[&str] = &["news_keywords", "keywords", "article:tag"];

/// Deepest element nesting a page may have. Browsers stop nesting at 512 (Blink); html5ever
/// looks through every open element for each new one, so a page of 40,000 nested `<div>`s
/// takes seconds and 100,000 half a minute.
const MAX_DEPTH: usize = 1_000;

/// Elements that never hold others (void) or whose end tag pages leave out: not counted.
const UNNESTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
    "tbody", "tfoot", "colgroup", "rb", "rt", "rp", "!doctype",
];

/// How deep the page's elements nest, read from its tags alone (script, style and comments
/// skipped): close enough to tell a page from a pathological one.
fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    while let Some(off) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + off + 1;
        let rest = &html[start..];
        if rest.starts_with("!--") {
            at = rest.find("-->").map_or(bytes.len(), |e| start + e + 3);
            continue;
        }
        let end = memchr::memchr(b'>', rest.as_bytes()).map_or(bytes.len(), |e| start + e);
        let tag = &html[start..end];
        at = (end + 1).min(bytes.len());
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() || UNNESTED.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if !tag.ends_with('/') {
            depth += 1;
            deepest = deepest.max(depth);
            if name == "script" || name == "style" {
                let close = format!("</{name}");
                at = find_ignore_ascii_case(&html[at..], &close).map_or(bytes.len(), |e| at + e);
            }
        }
    }
    deepest
}

/// The article on the page, or "no article text found" for a page of only furniture.
pub(crate) fn parse(html: &str) -> Result<Article, String> {
    let depth = nesting_depth(html);
    if depth > MAX_DEPTH {
        return Err(format!(
            "HTML nested {depth} elements deep (more than {MAX_DEPTH}: not a page)"
        ));
    }
    let doc = Html::parse_document(html);
    let mut a = Article::default();
    let mut og_title = None;
    let mut og_url = None;
    let mut best_date: Option<(usize, OffsetDateTime)> = None;

    for meta in doc.select(&META) {
        let el = meta.value();
        let Some(key) = el
            .attr("property")
            .or(el.attr("name"))
            .or(el.attr("itemprop"))
        else {
            continue;
        };
        let Some(content) = el.attr("content").map(str::trim).filter(|c| !c.is_empty()) else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        match key.as_str() {
            "og:title" => og_title = Some(collapse_whitespace(content)),
            "og:site_name" => a.source = Some(collapse_whitespace(content)),
            "og:url" => og_url = Some(content.to_string()),
            k if AUTHOR_METAS.contains(&k) && !content.starts_with("http") => {
                author_names(content, &mut a.authors);
            }
            k if TOPIC_METAS.contains(&k) => {
                for t in content.split(',') {
                    push_unique(&mut a.topics, t);
                }
            }
            k => {
                if let Some(rank) = DATE_METAS.iter().position(|d| *d == k)
                    && best_date.is_none_or(|(r, _)| rank < r)
                    && let Some(date) = parse_date(content)
                {
                    best_date = Some((rank, date));
                }
            }
        }
    }
    a.date = best_date.map(|(_, d)| d);

    let page_title = doc
        .select(&TITLE)
        .next()
        .map(text_of)
        .filter(|t| !t.is_empty());
    // Sites often put their logo in an <h1> in the page header; the story's own comes first,
    // and one in the page's furniture, marked as a logo or naming the site is not it.
    let site_names: Vec<String> = a
        .source
        .iter()
        .cloned()
        .chain(page_title.as_deref().and_then(|t| split_site(t).1))
        .collect();
    let h1 = doc
        .select(&ARTICLE_H1)
        .chain(doc.select(&H1).filter(|h| !in_furniture(*h) && !logo(*h)))
        .map(text_of)
        .find(|t| !t.is_empty() && !site_names.iter().any(|s| s.eq_ignore_ascii_case(t)));
    let has_headline = og_title.is_some() || h1.is_some();
    a.title = match (og_title, h1, &page_title) {
        (Some(og), _, _) => strip_site(&og, &site_names),
        (None, Some(h1), _) => h1,
        (None, None, Some(t)) => split_site(t).0,
        (None, None, None) => String::new(),
    };
    if a.source.is_none() {
        a.source = page_title.as_deref().and_then(|t| split_site(t).1);
    }

    a.url = doc
        .select(&LINK)
        .find(|l| {
            l.value()
                .attr("rel")
                .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
        })
        .and_then(|l| l.value().attr("href"))
        .map(|h| h.trim().to_string())
        .or(og_url);

    if a.authors.is_empty() {
        for el in doc.select(&AUTHOR_LINK) {
            let text = text_of(el);
            if !text.is_empty() && text.len() <= 100 {
                author_names(&text, &mut a.authors);
            }
        }
    }

    let ld_body = json_ld(&doc, &mut a);
    // A <time> only when no metadata dated the page, and not one in a sidebar or a list of
    // other stories.
    if a.date.is_none() {
        a.date = doc
            .select(&TIME)
            .filter(|t| !in_furniture(*t))
            .find_map(|t| t.value().attr("datetime").and_then(parse_date));
    }
    a.body = body_paragraphs(&doc).join("\n\n");
    // A page that writes its text with JavaScript may still carry it in its JSON-LD.
    if a.body.is_empty()
        && let Some(text) = ld_body
    {
        a.body = text;
    }
    if let Some(what) = error_page(page_title.as_deref().unwrap_or(""), &a.title, &a.body) {
        return Err(format!("not an article: {what}"));
    }
    // A headline with no text is still an article (a video page); a page <title> alone is not.
    if a.body.is_empty() && (!has_headline || a.title.is_empty()) {
        return Err("no article text found".to_string());
    }
    Ok(a)
}

fn text_of(el: ElementRef) -> String {
    collapse_whitespace(&el.text().collect::<String>())
}

fn author_names(text: &str, authors: &mut Vec<String>) {
    let found = byline(text).or_else(|| names(text)).unwrap_or_default();
    for name in found {
        push_unique(authors, name);
    }
}

/// Fills what is still missing from schema.org JSON-LD (`datePublished`, `headline`,
/// `author`, `publisher`), and gives back its `articleBody`. Broken JSON-LD is ignored: it is a hint, not the article.
fn json_ld(doc: &Html, a: &mut Article) -> Option<String> {
    let mut body = None;
    for script in doc.select(&SCRIPT) {
        let is_ld = script
            .value()
            .attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        if !is_ld {
            continue;
        }
        let Ok(value) = serde_json::from_str::<Value>(&script.text().collect::<String>()) else {
            continue;
        };
        if a.date.is_none() {
            a.date = find_key(&value, "datePublished", 0)
                .and_then(Value::as_str)
                .and_then(parse_date);
        }
        if a.title.is_empty()
            && let Some(h) = find_key(&value, "headline", 0).and_then(Value::as_str)
        {
            a.title = collapse_whitespace(h);
        }
        if a.authors.is_empty()
            && let Some(author) = find_key(&value, "author", 0)
        {
            for name in ld_names(author) {
                push_unique(&mut a.authors, &name);
            }
        }
        if a.source.is_none() {
            a.source = find_key(&value, "publisher", 0).and_then(ld_names_first);
        }
        if body.is_none() {
            body = find_key(&value, "articleBody", 0)
                .and_then(Value::as_str)
                .map(|b| super::markup::paragraphs(b).trim().to_string())
                .filter(|b| !b.is_empty());
        }
    }
    body
}

/// The first value under `key`, searching objects, arrays and `@graph`s depth first.
fn find_key<'a>(v: &'a Value, key: &str, depth: usize) -> Option<&'a Value> {
    if depth > 8 {
        return None;
    }
    match v {
        Value::Object(o) => o
            .get(key)
            .or_else(|| o.values().find_map(|c| find_key(c, key, depth + 1))),
        Value::Array(items) => items.iter().find_map(|c| find_key(c, key, depth + 1)),
        _ => None,
    }
}

fn ld_names(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![collapse_whitespace(s)],
        Value::Object(o) => o.get("name").map(ld_names).unwrap_or_default(),
        Value::Array(items) => items.iter().flat_map(ld_names).collect(),
        _ => Vec::new(),
    }
}

fn ld_names_first(v: &Value) -> Option<String> {
    ld_names(v).into_iter().find(|n| !n.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn nesting_depth_counts_elements_that_hold_others() {
        assert_eq!(
            nesting_depth("<html><body><div><p>a<p>b</div></body></html>"),
            3
        );
        // Void and end-optional elements, self-closing tags, comments and scripts do not nest.
        let flat = "<ul><li>a<li>b<li>c</ul><br><img src=x><x/><!-- <div><div> -->\
                    <script>var s = '<div><div><div>';</script><p>x";
        assert_eq!(nesting_depth(flat), 1);
        let deep = format!(
            "<html><body>{}x{}</body></html>",
            "<div>".repeat(5000),
            "</div>".repeat(5000)
        );
        assert_eq!(nesting_depth(&deep), 5002);
        let err = parse(&deep).expect_err("too deep");
        assert!(err.contains("5002 elements deep"), "{err}");
        // A page nested as deep as real pages get still parses.
        let ok = format!(
            "<html><head><title>T</title></head><body>{}<p>Officials said the talks would \
             resume on Monday in Geneva.</p>{}</body></html>",
            "<div>".repeat(200),
            "</div>".repeat(200)
        );
        assert!(parse(&ok).is_ok());
    }

    const PAGE: &str = r#"<!DOCTYPE html><html><head>
<title>Leaders Discuss Trade | Example News</title>
<meta property="og:title" content="Leaders Discuss Trade">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2019-06-28T10:30:00+02:00">
<meta name="author" content="Jane Doe and John Roe">
<meta name="news_keywords" content="trade, G20">
<link rel="canonical" href="https://example.com/trade">
</head><body>
<header><nav><a href="/">Home</a></nav></header>
<div class="cookie-banner"><p>We use cookies.</p></div>
<article><h1>Leaders Discuss Trade</h1>
<p class="byline">By Jane Doe</p>
<p>The talks   came hours
after the call.</p>
<aside class="related"><p>Other story</p></aside>
<p>Second paragraph.</p>
</article>
<footer><p>© Example</p></footer>
</body></html>"#;

    #[test]
    fn full_page() {
        let a = parse(PAGE).unwrap();
        assert_eq!(a.title, "Leaders Discuss Trade");
        assert_eq!(a.source.as_deref(), Some("Example News"));
        assert_eq!(a.date, Some(datetime!(2019-06-28 08:30:00 UTC)));
        assert_eq!(a.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(a.url.as_deref(), Some("https://example.com/trade"));
        assert_eq!(a.topics, ["trade", "G20"]);
        assert_eq!(
            a.body,
            "The talks came hours after the call.\n\nSecond paragraph."
        );
    }

    #[test]
    fn fallbacks() {
        let a = parse(
            "<html><head><title>Plain Title - The Daily Paper</title></head><body>\
             <p class='byline'>By Ann Lee</p><time datetime='2016-09-05'>Sept 5</time><p>Text.</p></body></html>",
        )
        .unwrap();
        assert_eq!(a.title, "Plain Title");
        assert_eq!(a.source.as_deref(), Some("The Daily Paper"));
        assert_eq!(a.date, Some(datetime!(2016-09-05 00:00:00 UTC)));
        assert_eq!(a.authors, ["Ann Lee"]);
        assert_eq!(a.body, "Text.");

        let a = parse(
            r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org",
            "@graph":[{"@type":"NewsArticle","headline":"LD Head","datePublished":"2016-09-05T10:00:00Z",
            "author":[{"@type":"Person","name":"Kim Park"}],"publisher":{"name":"LD News"}}]}</script>
            </head><body><h1>  Page   H1 </h1><p>Body.</p></body></html>"#,
        )
        .unwrap();
        assert_eq!(a.title, "Page H1");
        assert_eq!(a.date, Some(datetime!(2016-09-05 10:00:00 UTC)));
        assert_eq!(a.authors, ["Kim Park"]);
        assert_eq!(a.source.as_deref(), Some("LD News"));
    }

    #[test]
    fn boilerplate_only_pages_are_errors() {
        for html in [
            "<html><head><title>Subscribe | Example</title></head><body><nav>Home News</nav>\
             <div class='paywall'><p>Subscribe to read</p></div><footer>©</footer></body></html>",
            "",
            "<html><body><script>x()</script></body></html>",
        ] {
            assert_eq!(parse(html).unwrap_err(), "no article text found", "{html}");
        }
        for (html, what) in [
            (
                "<title>Just a moment...</title><body><p>Checking your browser.</p></body>",
                "bot-check",
            ),
            (
                "<title>Page not found | Ledger</title><h1>Oops</h1><p>Gone.</p>",
                "page-not-found",
            ),
        ] {
            let err = parse(html).unwrap_err();
            assert!(
                err.starts_with("not an article") && err.contains(what),
                "{err}"
            );
        }
        // A headline alone still makes an article.
        assert_eq!(
            parse("<h1>Video: the summit</h1>").unwrap().title,
            "Video: the summit"
        );
    }

    #[test]
    fn headline_prefers_the_story_h1() {
        let a = parse("<body><header><h1>Site Logo</h1></header><article><h1>Story</h1><p>x</p></article></body>").unwrap();
        assert_eq!(a.title, "Story");
    }

    #[test]
    fn malformed_html_still_parses() {
        let a =
            parse("<html><body><article><h1>Broken <b>page</h1><p>One<p>Two</div></span>").unwrap();
        assert_eq!(a.title, "Broken page");
        assert_eq!(a.body, "One\n\nTwo");
    }

    #[test]
    fn teaser_cards_logos_and_sidebar_dates_are_not_the_story() {
        let a = parse(
            r#"<html><head><title>Ministers agree grain deal | The Evening Ledger</title>
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-02-29T12:00:00Z"}</script>
            </head><body><header><h1 class="site-logo">The Evening Ledger</h1></header>
            <div class="article-body"><h2>Ministers agree grain deal</h2>
            <p>BARI, Italy (AP) — Ministers agreed on Friday to extend the grain corridor for a year.</p>
            <p>Italian Prime Minister Giulia Santorelli said the guarantees would stay in place.</p></div>
            <div class="recirc"><article class="card"><h3>Wheat prices tumble</h3><p>Traders reacted.</p></article></div>
            <div class="sidebar"><time datetime="2023-11-02T10:00:00Z">Nov 2</time></div></body></html>"#,
        )
        .unwrap();
        assert_eq!(a.title, "Ministers agree grain deal");
        assert!(a.body.contains("Santorelli"), "{}", a.body);
        assert!(!a.body.contains("Wheat prices"), "{}", a.body);
        assert_eq!(a.date, Some(datetime!(2024-02-29 12:00:00 UTC)));
        // A live blog: every post, not the longest one.
        let blog = parse(
            "<main><article class='post'><p>First update: the polls opened at seven.</p></article>\
             <article class='post'><p>Second update: turnout is high in the north.</p></article>\
             <article class='post'><p>Third update: counting has begun.</p></article></main>",
        )
        .unwrap();
        assert_eq!(blog.body.matches("update").count(), 3, "{}", blog.body);
        // Text only in JSON-LD (a page that writes it with JavaScript).
        let ld = parse(
            r#"<html><head><title>Port reopens</title><script type="application/ld+json">
            {"@type":"NewsArticle","headline":"Port reopens","articleBody":"The port reopened on Monday."}
            </script></head><body><div id="app"></div></body></html>"#,
        )
        .unwrap();
        assert_eq!(ld.body, "The port reopened on Monday.");
        // A <time> in the story still dates it.
        let timed =
            parse("<article><time datetime='2024-05-01'>May 1</time><p>Text.</p></article>");
        assert_eq!(timed.unwrap().date, Some(datetime!(2024-05-01 0:00 UTC)));
    }
}
