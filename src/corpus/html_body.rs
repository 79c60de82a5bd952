//! The article text of an HTML page: pick the element holding the story (`<article>`, else
//! `<main>`, else `<body>`), then take its paragraphs while skipping navigation, asides,
//! figures and anything whose class or id says promo, share, newsletter and the like.
//!
//! The walk uses an explicit stack, not recursion: a page nested thousands of levels deep
//! must not overflow the stack.

use std::sync::LazyLock;

use scraper::node::Element;
use scraper::{ElementRef, Html, Node, Selector};

use super::boilerplate::{is_banner, is_credit};
use super::markup::collapse_whitespace;

static ARTICLE: LazyLock<Selector> = LazyLock::new(|| sel("article"));
static MAIN: LazyLock<Selector> = LazyLock::new(|| sel("main, [role=main]"));
static BODY: LazyLock<Selector> = LazyLock::new(|| sel("body"));

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("static selector")
}

/// Elements that never hold story text.
const SKIPPED_TAGS: &[&str] = &[
    "nav",
    "header",
    "footer",
    "aside",
    "script",
    "style",
    "noscript",
    "form",
    "figure",
    "figcaption",
    "button",
    "svg",
    "iframe",
    "template",
    "select",
    "textarea",
    "dialog",
    "menu",
    "h1",
    "head",
    "title",
    "object",
    "embed",
    "video",
    "audio",
    "canvas",
];

/// Class or id fragments that mark page furniture.
const BOILERPLATE_MARKS: &[&str] = &[
    "subscribe",
    "newsletter",
    "paywall",
    "banner",
    "cookie",
    "promo",
    "related",
    "share",
    "social",
    "advert",
    "comments",
    "comment-",
    "menu",
    "sidebar",
    "popup",
    "modal",
    "breadcrumb",
    "byline",
    "caption",
    "credit",
    "sponsor",
    "recommend",
    "outbrain",
    "taboola",
    "signup",
    "sign-up",
    "login",
    "skip",
    "sr-only",
    "visually-hidden",
    "toolbar",
    "footer",
    "recirc",
    "trending",
    "most-read",
    "mostread",
    "more-stories",
    "more-from",
    "read-more",
    "readmore",
    "also-read",
    "up-next",
    "upnext",
    "story-list",
    "card-list",
];

const ROLES_SKIPPED: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "dialog",
    "alert",
];

/// Elements whose text is one paragraph in the strict pass.
const PARAGRAPHS: &[&str] = &["p", "h2", "h3", "h4", "blockquote", "pre"];

/// Elements that end a paragraph in the loose pass (pages that write text straight into divs).
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "body",
    "li",
    "ul",
    "ol",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "dd",
    "dt",
    "dl",
    "center",
];

/// The story's paragraphs, in order, without repeats.
pub(crate) fn body_paragraphs(doc: &Html) -> Vec<String> {
    let articles: Vec<ElementRef> = doc
        .select(&ARTICLE)
        .filter(|a| !is_skipped(a.value()))
        .collect();
    // A listing page has many <article>s; the story is the one with the most text.
    let best_article = articles
        .iter()
        .map(|a| (*a, paragraphs(*a, true, true)))
        .max_by_key(|(_, ps)| ps.iter().map(String::len).sum::<usize>());
    let main = doc.select(&MAIN).next();
    let body = doc.select(&BODY).next();
    let whole = [main, body]
        .into_iter()
        .flatten()
        .map(|root| paragraphs(root, true, false))
        .find(|ps| !ps.is_empty());
    let size = |ps: &[String]| ps.iter().map(String::len).sum::<usize>();
    if let Some((_, ps)) = &best_article
        && !ps.is_empty()
    {
        // An <article> that holds a small part of the page's text is a teaser card or one
        // post of a live blog, not the story: then the page's paragraphs are read whole.
        let small = whole.as_deref().is_some_and(|w| size(ps) * 5 < size(w) * 2);
        if !small {
            return ps.clone();
        }
    }
    if let Some(ps) = whole {
        return ps;
    }
    let loose_root = best_article.map(|(a, _)| a).or(main).or(body);
    loose_root
        .map(|r| paragraphs(r, false, false))
        .unwrap_or_default()
}

/// Paragraph texts under `root`. `strict` takes only paragraph elements (and list items when
/// the root is an `<article>`); otherwise every block element ends a paragraph.
fn paragraphs(root: ElementRef, strict: bool, list_items: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Vec<String>| {
        let text = collapse_whitespace(current);
        current.clear();
        if !text.is_empty() && !is_banner(&text) && !is_credit(&text) && !out.contains(&text) {
            out.push(text);
        }
    };
    // In the strict pass, the stack depth of the paragraph element we are inside.
    let mut inside: Option<usize> = None;
    let mut stack = vec![(*root, 0usize, true)];
    while let Some((node, depth, opening)) = stack.pop() {
        let element = node.value().as_element();
        if !opening {
            let name = element.map(Element::name).unwrap_or("");
            if strict && inside == Some(depth) {
                inside = None;
                flush(&mut current, &mut out);
            } else if !strict && BLOCKS.contains(&name) {
                flush(&mut current, &mut out);
            }
            continue;
        }
        match node.value() {
            Node::Text(text) if !strict || inside.is_some() => current.push_str(text),
            Node::Element(el) => {
                if depth > 0 && is_skipped(el) {
                    continue;
                }
                let name = el.name();
                if name == "br" {
                    current.push(' ');
                    continue;
                }
                if strict {
                    let is_para = PARAGRAPHS.contains(&name) || (list_items && name == "li");
                    if inside.is_none() && is_para {
                        inside = Some(depth);
                    }
                } else if BLOCKS.contains(&name) {
                    flush(&mut current, &mut out);
                }
                stack.push((node, depth, false));
                for child in node.children().rev() {
                    stack.push((child, depth + 1, true));
                }
            }
            _ => {}
        }
    }
    flush(&mut current, &mut out);
    out
}

/// Whether an element sits in page furniture (a header, nav, sidebar, related list…).
pub(crate) fn in_furniture(el: ElementRef) -> bool {
    el.ancestors()
        .filter_map(|n| n.value().as_element())
        .any(is_skipped)
}

/// Whether an element is page furniture by its tag, role, visibility, class or id.
fn is_skipped(el: &Element) -> bool {
    let name = el.name();
    if SKIPPED_TAGS.contains(&name) {
        return true;
    }
    if matches!(name, "html" | "body" | "main") {
        return false;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if el
        .attr("role")
        .is_some_and(|r| ROLES_SKIPPED.iter().any(|s| r.eq_ignore_ascii_case(s)))
    {
        return true;
    }
    if el.attr("style").is_some_and(|s| {
        let s = s.to_ascii_lowercase().replace(' ', "");
        s.contains("display:none") || s.contains("visibility:hidden")
    }) {
        return true;
    }
    el.classes().chain(el.id()).any(is_boilerplate_mark)
}

fn is_boilerplate_mark(token: &str) -> bool {
    let t = token.to_ascii_lowercase();
    let is_ad = t == "ad"
        || t == "ads"
        || t.starts_with("ad-")
        || t.starts_with("ads-")
        || t.starts_with("ad_")
        || t.ends_with("-ad")
        || t.ends_with("-ads")
        || t.contains("-ad-");
    is_ad || t == "nav" || t.starts_with("nav-") || BOILERPLATE_MARKS.iter().any(|m| t.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(html: &str) -> Vec<String> {
        body_paragraphs(&Html::parse_document(html))
    }

    #[test]
    fn picks_the_story_and_skips_furniture() {
        let cases: &[(&str, &[&str])] = &[
            (
                "<body><nav><p>Home</p></nav><article><h1>T</h1><p>One   two\n three.</p>\
                 <figure><figcaption><p>Caption</p></figcaption></figure>\
                 <div class='newsletter-signup'><p>Sign up now for news</p></div>\
                 <h2>Sub head</h2><ul><li>Point</li></ul><blockquote>Quote</blockquote>\
                 <p class='ad-slot'>Buy</p><p>Advertisement</p><p>Two<br>lines</p></article>\
                 <footer><p>Copyright</p></footer></body>",
                &["One two three.", "Sub head", "Point", "Quote", "Two lines"],
            ),
            (
                "<body><main><p>Main text.</p><ul><li>menu item</li></ul></main><p>outside</p></body>",
                &["Main text."],
            ),
            (
                "<body><div>Loose text<br>more</div><div>Second</div></body>",
                &["Loose text more", "Second"],
            ),
            (
                "<body><article><p>teaser</p></article><article><p>The real story is here.</p>\
                 <p>And it goes on.</p></article></body>",
                &["The real story is here.", "And it goes on."],
            ),
            ("<body><p>Same</p><p>Same</p></body>", &["Same"]),
            (
                "<body><p hidden>h</p><p aria-hidden='true'>a</p><p style='display: none'>s</p>\
                 <div role='navigation'><p>n</p></div><aside><p>x</p></aside><p>kept</p></body>",
                &["kept"],
            ),
            (
                "<body><script>var a = '<p>x</p>';</script><style>p{}</style></body>",
                &[],
            ),
            ("<p>unclosed <b>bold <i>italic", &["unclosed bold italic"]),
            ("", &[]),
        ];
        for (html, want) in cases {
            assert_eq!(body(html), *want, "{html}");
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!(
            "{}<p>deep</p>{}",
            "<div>".repeat(5_000),
            "</div>".repeat(5_000)
        );
        assert_eq!(body(&html), ["deep"]);
    }

    #[test]
    fn boilerplate_marks() {
        for (token, want) in [
            ("ad", true),
            ("ad-slot", true),
            ("top-ad", true),
            ("header-ads", true),
            ("related-stories", true),
            ("ShareBar", true),
            ("nav", true),
            ("article-body", false),
            ("headline", false),
            ("shadow", false),
            ("canvas", false),
            ("load", false),
        ] {
            assert_eq!(is_boilerplate_mark(token), want, "{token}");
        }
    }
}
