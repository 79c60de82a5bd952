//! RSS 2.0 and Atom feeds: each `<item>` or `<entry>` is an article (the channel's own title
//! is not). Read with a linear scan for the few elements a feed item has, as the SGML reader
//! does: feeds are flat, and a full XML parser would add a dependency for five tags. Values
//! may be CDATA or escaped HTML; both end as plain paragraphs.

use crate::article::{Article, push_unique};

use super::Problem;
use super::date::parse_date;
use super::markup::{
    collapse_whitespace, decode_entities, find_ignore_ascii_case, looks_like_html, strip_tags,
};

/// Where an item keeps its text, best first: the full story, then its summary.
const BODY: &[&str] = &[
    "content:encoded",
    "content",
    "description",
    "summary",
    "media:description",
];
const DATE: &[&str] = &["pubDate", "published", "dc:date", "updated", "a10:updated"];
const AUTHOR: &[&str] = &["dc:creator", "author", "a10:author"];
const ID: &[&str] = &["guid", "id"];

/// Whether the start of a document is a feed: an `<rss` or `<feed` root, after an XML
/// declaration and comments.
pub(crate) fn is_feed(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&head[..head.len().min(2048)]);
    let mut rest = text.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<?").and_then(|r| r.split_once("?>")) {
            rest = after.1.trim_start();
        } else if let Some(after) = rest.strip_prefix("<!--").and_then(|r| r.split_once("-->")) {
            rest = after.1.trim_start();
        } else {
            break;
        }
    }
    let lower = rest.get(..6).unwrap_or(rest).to_ascii_lowercase();
    lower.starts_with("<rss") || lower.starts_with("<feed") || lower.starts_with("<rdf:")
}

/// The feed's items, each numbered by its place in the feed; an item with neither a title nor
/// a text is a problem, never the end of the feed.
pub(crate) fn parse(xml: &str) -> (Vec<Article>, Vec<Problem>) {
    let tag = if find_element(xml, "item").is_some() {
        "item"
    } else {
        "entry"
    };
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    let mut rest = xml;
    let mut record = 0;
    while let Some((_, content_at)) = find_element(rest, tag) {
        let close = format!("</{tag}");
        let Some(end) = find_ignore_ascii_case(&rest[content_at..], &close) else {
            problems.push(Problem {
                line: None,
                reason: format!("item {record}: no </{tag}> (the feed is cut)"),
            });
            break;
        };
        let block = &rest[content_at..content_at + end];
        match item(block) {
            Some(mut a) => {
                a.record = record;
                articles.push(a);
            }
            None => problems.push(Problem {
                line: None,
                reason: format!("item {record}: no title or text"),
            }),
        }
        record += 1;
        rest = &rest[content_at + end + close.len()..];
    }
    (articles, problems)
}

fn item(block: &str) -> Option<Article> {
    let title = child(block, &["title"])
        .map(|t| collapse_whitespace(&t))
        .unwrap_or_default();
    let body = child(block, BODY).unwrap_or_default();
    if title.is_empty() && body.is_empty() {
        return None;
    }
    let mut a = Article {
        title,
        body,
        date: child(block, DATE).and_then(|d| parse_date(&d)),
        url: child(block, &["link"]).or_else(|| link_href(block)),
        source_id: child(block, ID),
        ..Article::default()
    };
    if let Some(author) = child(block, AUTHOR) {
        for name in author
            .split([',', ';'])
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            push_unique(&mut a.authors, name.trim_start_matches("By ").trim());
        }
    }
    for c in children(block, "category") {
        push_unique(&mut a.topics, &collapse_whitespace(&c));
    }
    Some(a)
}

/// The text of the first of `names` present and not empty in `block`: CDATA unwrapped,
/// references decoded, HTML stripped to paragraphs.
fn child(block: &str, names: &[&str]) -> Option<String> {
    names
        .iter()
        .find_map(|n| children(block, n).into_iter().find(|t| !t.is_empty()))
}

/// The texts of every `<name>` element in `block`.
fn children(block: &str, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = block;
    while let Some((_, content_at)) = find_element(rest, name) {
        // <link href="…"/>: no content.
        if rest[..content_at].ends_with("/>") {
            rest = &rest[content_at..];
            continue;
        }
        let close = format!("</{name}");
        let Some(end) = find_ignore_ascii_case(&rest[content_at..], &close) else {
            break;
        };
        out.push(text_of(&rest[content_at..content_at + end]));
        rest = &rest[content_at + end..];
    }
    out
}

/// `<link href="…"/>` (Atom), preferring the "alternate" one.
fn link_href(block: &str) -> Option<String> {
    let mut rest = block;
    let mut first = None;
    while let Some((open, content_at)) = find_element(rest, "link") {
        let tag = &rest[open..content_at];
        if let Some(href) = attribute(tag, "href") {
            if tag.contains("alternate") || !tag.contains("rel=") {
                return Some(href);
            }
            first.get_or_insert(href);
        }
        rest = &rest[content_at..];
    }
    first
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = find_ignore_ascii_case(tag, &format!("{name}="))? + name.len() + 1;
    let quote = tag[at..]
        .chars()
        .next()
        .filter(|c| *c == '"' || *c == '\'')?;
    let value = &tag[at + 1..];
    let end = value.find(quote)?;
    Some(decode_entities(&value[..end]).trim().to_string())
}

/// The start of the next `<name …>` element (not `<names>`), and where its content begins.
fn find_element(s: &str, name: &str) -> Option<(usize, usize)> {
    let open = format!("<{name}");
    let mut from = 0;
    while let Some(at) = find_ignore_ascii_case(&s[from..], &open) {
        let start = from + at;
        let after = start + open.len();
        match s.as_bytes().get(after) {
            Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/') => {
                let end = s[after..].find('>')? + after + 1;
                return Some((start, end));
            }
            _ => from = after,
        }
    }
    None
}

/// An element's content as text.
fn text_of(raw: &str) -> String {
    let raw = raw.trim();
    let unwrapped = match raw
        .strip_prefix("<![CDATA[")
        .and_then(|r| r.strip_suffix("]]>"))
    {
        Some(inner) => inner.to_string(),
        None => decode_entities(raw).into_owned(),
    };
    if looks_like_html(&unwrapped) {
        strip_tags(&unwrapped).trim().to_string()
    } else {
        super::markup::paragraphs(&decode_entities(&unwrapped))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Island Times</title><link>https://example.com</link>
<item><title>Tonga votes</title><link>https://example.com/a</link>
<pubDate>Tue, 27 Aug 2024 06:00:00 +1300</pubDate><dc:creator>Mele Taufa</dc:creator>
<category>Politics</category><guid>a-1</guid>
<description>&lt;p&gt;Short teaser.&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>NUKU'ALOFA (AP) — Voters went to the polls.</p><p>Turnout was high.</p>]]></content:encoded>
</item>
<item><title>Fiji budget</title><description>SUVA — The budget passed.</description></item>
<item><link>https://example.com/empty</link></item>
</channel></rss>"#;

    #[test]
    fn rss_items_are_articles_and_the_channel_is_not() {
        assert!(is_feed(RSS.as_bytes()));
        let (articles, problems) = parse(RSS);
        assert_eq!(articles.len(), 2);
        let a = &articles[0];
        assert_eq!(a.title, "Tonga votes");
        assert_eq!(
            a.body,
            "NUKU'ALOFA (AP) — Voters went to the polls.\n\nTurnout was high."
        );
        assert_eq!(a.date, Some(datetime!(2024-08-26 17:00:00 UTC)));
        assert_eq!(a.authors, ["Mele Taufa"]);
        assert_eq!(a.topics, ["Politics"]);
        assert_eq!(a.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(a.source_id.as_deref(), Some("a-1"));
        assert_eq!(
            (articles[1].record, articles[1].body.as_str()),
            (1, "SUVA — The budget passed.")
        );
        assert_eq!(problems.len(), 1);
        assert!(problems[0].reason.contains("item 2"), "{:?}", problems[0]);
    }

    #[test]
    fn atom_entries() {
        let atom = r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Wire</title><entry><title type="html">Quake &amp; tsunami</title>
<link rel="alternate" href="https://example.com/q"/><id>tag:q1</id>
<published>2024-01-01T16:10:00+09:00</published><author><name>Ken Sato</name></author>
<content type="html">&lt;p&gt;TOKYO — A strong quake struck.&lt;/p&gt;</content></entry></feed>"#;
        assert!(is_feed(atom.as_bytes()));
        let (articles, problems) = parse(atom);
        assert!(problems.is_empty());
        let a = &articles[0];
        assert_eq!(a.title, "Quake & tsunami");
        assert_eq!(a.body, "TOKYO — A strong quake struck.");
        assert_eq!(a.url.as_deref(), Some("https://example.com/q"));
        assert_eq!(a.authors, ["Ken Sato"]);
        assert_eq!(a.date, Some(datetime!(2024-01-01 07:10:00 UTC)));
        assert!(!is_feed(b"<html><body>x</body></html>"));
    }
}
