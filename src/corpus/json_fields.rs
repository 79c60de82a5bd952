//! One JSON object -> one [`Article`]: the key names feeds use for each field (matched without
//! regard to case), and the shapes their values come in (a string, a list, a comma-separated
//! string, objects with a "name", Unix timestamps, HTML inside strings).

use serde_json::{Map, Value};
use time::OffsetDateTime;

use crate::article::{Article, push_unique};

use super::date::{from_unix, parse_date};
use super::markup::{collapse_whitespace, decode_entities, looks_like_html, strip_tags};

const TITLE: &[&str] = &[
    "title",
    "headline",
    "heading",
    "webtitle",
    "og_title",
    "titletext",
    "title_text",
    "name",
];
const BODY: &[&str] = &[
    "body",
    "text",
    "content",
    "article",
    "articlebody",
    "article_body",
    "full_text",
    "fulltext",
    "maintext",
    "story",
    "bodytext",
    "body_text",
    "body_html",
    "content_html",
    "content_text",
    "content:encoded",
    "content_encoded",
    "contentencoded",
    "article_text",
    "text_content",
    "html",
    "lead_paragraph",
];
/// Used as the body only when none of [`BODY`] is there.
const SUMMARY: &[&str] = &[
    "description",
    "summary",
    "abstract",
    "lead",
    "dek",
    "snippet",
    "excerpt",
    "standfirst",
    "trailtext",
    "teaser",
];
const DATE: &[&str] = &[
    "date_gmt",
    "date",
    "published",
    "published_at",
    "publishedat",
    "pubdate",
    "pub_date",
    "datepublished",
    "date_published",
    "publication_date",
    "publish_date",
    "publishdate",
    "timestamp",
    "created_at",
    "datetime",
    "date_publish",
    "webpublicationdate",
    "published_date",
    "publisheddate",
    "isodate",
    "firstpublished",
    "first_published",
    "datecreated",
    "date_created",
    "seendate",
    "time",
];
const SOURCE: &[&str] = &[
    "source",
    "publisher",
    "site",
    "site_name",
    "sitename",
    "source_name",
    "outlet",
];
const URL: &[&str] = &[
    "url",
    "link",
    "permalink",
    "web_url",
    "canonical_url",
    "href",
];
const AUTHORS: &[&str] = &["author", "authors", "byline", "creator", "writer", "by"];
const DATELINE: &[&str] = &["dateline"];
const PEOPLE: &[&str] = &["people", "persons", "person"];
const TOPICS: &[&str] = &[
    "topics",
    "tags",
    "keywords",
    "categories",
    "category",
    "subjects",
    "section",
];
const PLACES: &[&str] = &["places", "locations", "location", "countries", "country"];
const ORGS: &[&str] = &[
    "orgs",
    "organizations",
    "organisations",
    "organization",
    "companies",
];
const ID: &[&str] = &[
    "id",
    "_id",
    "guid",
    "uuid",
    "article_id",
    "doc_id",
    "docid",
    "newid",
];

/// Keys under which exporters nest an article's own fields: Elasticsearch's `_source`, the
/// Guardian API's `fields` (`bodyText`, beside `webTitle` outside it), CMS `attributes`.
const NESTED: &[&str] = &["_source", "fields", "attributes", "node", "document"];

/// The article an object describes, or why it describes none.
pub(crate) fn article_from(map: &Map<String, Value>) -> Result<Article, String> {
    let nested = NESTED.iter().find_map(|n| {
        map.iter()
            .find(|(k, v)| k.eq_ignore_ascii_case(n) && v.is_object())
            .and_then(|(_, v)| v.as_object())
    });
    match nested {
        // The object's own keys win over the nested ones.
        Some(inner) => {
            let mut merged = inner.clone();
            for (k, v) in map {
                if !is_blank(v) {
                    merged.insert(k.clone(), v.clone());
                }
            }
            fields_of(&merged)
        }
        None => fields_of(map),
    }
}

fn fields_of(map: &Map<String, Value>) -> Result<Article, String> {
    let title = pick(map, TITLE, |v| string(v).map(|s| inline_text(&s)))
        .filter(|t| !t.is_empty())
        .unwrap_or_default();
    let non_empty_body = |v: &Value| body_text(v).filter(|b| !b.is_empty());
    let body = pick(map, BODY, non_empty_body)
        .or_else(|| pick(map, SUMMARY, non_empty_body))
        .unwrap_or_default();
    if title.is_empty() && body.is_empty() {
        return Err("no title or body".to_string());
    }
    // NewsAPI's placeholder for an article a publisher withdrew.
    if title == "[Removed]" {
        return Err("removed by its publisher (\"[Removed]\")".to_string());
    }
    let mut a = Article {
        title,
        body,
        date: pick(map, DATE, date),
        source: pick(map, SOURCE, |v| name(v).map(|s| inline_text(&s))),
        url: pick(map, URL, |v| string(v).map(|s| s.trim().to_string())),
        dateline: pick(map, DATELINE, |v| string(v).map(|s| inline_text(&s))),
        source_id: pick(map, ID, id),
        ..Article::default()
    };
    // NewsAPI and aggregators end titles with the outlet: "Headline - Baltic Observer".
    if let Some(source) = a.source.as_deref() {
        for sep in [" - ", " | ", " — ", " – "] {
            if let Some(head) = a.title.strip_suffix(&format!("{sep}{source}"))
                && !head.trim().is_empty()
            {
                a.title = head.trim().to_string();
                break;
            }
        }
    }
    if let Some(v) = get(map, AUTHORS) {
        for name in list(v, true) {
            push_unique(&mut a.authors, &name);
        }
    }
    for (aliases, field) in [
        (PEOPLE, &mut a.people),
        (TOPICS, &mut a.topics),
        (PLACES, &mut a.places),
        (ORGS, &mut a.orgs),
    ] {
        if let Some(v) = get(map, aliases) {
            // WordPress lists categories and tags by number: ids, not names.
            for item in list(v, false)
                .into_iter()
                .filter(|i| !i.chars().all(|c| c.is_ascii_digit()))
            {
                push_unique(field, &item);
            }
        }
    }
    Ok(a)
}

/// The first alias whose value `convert` can use: a feed with `"date": "n/a"` and a good
/// `"published_at"` still gets its date.
fn pick<T>(
    map: &Map<String, Value>,
    aliases: &[&str],
    convert: impl Fn(&Value) -> Option<T>,
) -> Option<T> {
    aliases.iter().find_map(|alias| {
        map.iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(alias))
            .find_map(|(_, v)| convert(v))
    })
}

/// The first alias present with a non-empty value; aliases earlier in the list win.
fn get<'a>(map: &'a Map<String, Value>, aliases: &[&str]) -> Option<&'a Value> {
    aliases.iter().find_map(|alias| {
        map.iter()
            .find(|(k, v)| k.eq_ignore_ascii_case(alias) && !is_blank(v))
            .map(|(_, v)| v)
    })
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// Keys under which exporters wrap a field's text in an object: WordPress's REST API
/// (`"title": {"rendered": "…"}`), XML converters (`#text`, `$t`).
const WRAPPED_TEXT: &[&str] = &["rendered", "#text", "$t", "text", "value", "main"];

fn wrapped(o: &Map<String, Value>) -> Option<&Value> {
    get(o, WRAPPED_TEXT).filter(|v| v.is_string() || v.is_array())
}

fn string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => wrapped(o).and_then(string),
        _ => None,
    }
}

/// A title or short field: tags stripped, references decoded, on one line.
fn inline_text(s: &str) -> String {
    if looks_like_html(s) {
        collapse_whitespace(&strip_tags(s))
    } else {
        collapse_whitespace(&decode_entities(s))
    }
}

/// A body: a string (HTML stripped to paragraphs) or a list of paragraph strings.
fn body_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if looks_like_html(s) => Some(strip_tags(s)),
        Value::String(s) => Some(decode_entities(s).replace("\r\n", "\n").trim().to_string()),
        Value::Array(items) => {
            let paragraphs: Vec<String> = items
                .iter()
                .filter_map(body_text)
                .filter(|p| !p.is_empty())
                .collect();
            Some(paragraphs.join("\n\n"))
        }
        Value::Object(o) => wrapped(o).and_then(body_text),
        _ => None,
    }
}

/// "2016-09-05T10:00:00Z" and friends, Unix seconds or milliseconds, MongoDB's {"$date": …}.
fn date(v: &Value) -> Option<OffsetDateTime> {
    let d = match v {
        Value::String(s) => parse_date(s),
        // 20240305 and 20240305140200 (GDELT) are calendar dates, not seconds.
        Value::Number(n) if n.is_u64() => {
            let digits = n.to_string();
            match digits.len() {
                8 | 12 | 14 => parse_date(&digits),
                _ => from_unix(n.as_f64().filter(|&s| s > 0.0)?),
            }
        }
        // 0 and -1 are "no date" in many exporters.
        Value::Number(n) => from_unix(n.as_f64().filter(|&s| s > 0.0)?),
        Value::Object(o) => o.get("$date").and_then(date),
        _ => None,
    };
    // A date no news article has (a counter, a misread field) is no date.
    d.filter(|d| (1800..=2200).contains(&d.year()))
}

/// A source or person: a string, or an object naming it.
fn name(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Object(o) => {
            get(o, &["name", "title", "label", "term", "value", "original"]).and_then(name)
        }
        Value::Array(items) => items.iter().find_map(name),
        _ => None,
    }
}

fn id(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => o.get("$oid").and_then(id),
        _ => None,
    }
}

/// A list field: an array of strings or named objects, or one string separated by commas or
/// semicolons. Author lists also split on " and " and lose a leading "By".
fn list(v: &Value, authors: bool) -> Vec<String> {
    let mut out = Vec::new();
    match v {
        Value::Array(items) => {
            for item in items {
                match item {
                    // An array element is one entry: "Smith, John" stays whole.
                    Value::String(s) if !authors => out.push(inline_text(s)),
                    Value::String(s) => out.extend(split_names(s)),
                    Value::Number(n) => out.push(n.to_string()),
                    other => out.extend(name(other).map(|s| inline_text(&s))),
                }
            }
        }
        Value::String(s) if authors => out.extend(split_names(s)),
        Value::String(s) => out.extend(s.split([',', ';', '|']).map(inline_text)),
        Value::Object(_) => out.extend(name(v).map(|s| inline_text(&s))),
        _ => {}
    }
    out.retain(|s| !s.is_empty());
    out
}

/// "By Jane Doe and John Roe" -> ["Jane Doe", "John Roe"].
fn split_names(s: &str) -> Vec<String> {
    let s = inline_text(s);
    let s = ["By ", "by ", "BY "]
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .unwrap_or(&s);
    s.split([',', ';', '&'])
        .flat_map(|part| part.split(" and "))
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use time::macros::datetime;

    fn article(v: Value) -> Result<Article, String> {
        match v {
            Value::Object(map) => article_from(&map),
            _ => unreachable!("tests pass objects"),
        }
    }

    #[test]
    fn text_wrapped_in_an_object_is_read() {
        // WordPress's REST API.
        let a = article(json!({
            "title": {"rendered": "Port strike &#8211; day two"},
            "content": {"rendered": "<p>Dock workers stayed out.</p>", "protected": false},
            "date_gmt": "2025-03-03T10:00:00"
        }))
        .unwrap();
        assert_eq!(a.title, "Port strike – day two");
        assert_eq!(a.body, "Dock workers stayed out.");
        assert_eq!(a.date, Some(datetime!(2025-03-03 10:00:00 UTC)));
        // Nothing readable inside: still no article.
        assert!(article(json!({"title": {"id": 3}, "content": {"protected": true}})).is_err());
    }

    #[test]
    fn maps_every_field_and_alias() {
        let a = article(json!({
            "Headline": "  Leaders &amp; <b>trade</b> ",
            "Content": "<p>First para.</p><p>Second &amp; last.</p>",
            "publishedAt": "2016-09-05T10:00:00Z",
            "source": {"id": null, "name": "Example News"},
            "link": "https://example.com/a",
            "authors": [{"name": "Jane Doe"}, "John Roe"],
            "dateline": "HANGZHOU, China",
            "persons": "Barack Obama; Xi Jinping",
            "keywords": ["G20", "trade"],
            "locations": "China, United States",
            "organizations": [{"name": "WTO"}],
            "_id": 42
        }))
        .unwrap();
        assert_eq!(a.title, "Leaders & trade");
        assert_eq!(a.body, "First para.\n\nSecond & last.");
        assert_eq!(a.date, Some(datetime!(2016-09-05 10:00:00 UTC)));
        assert_eq!(a.source.as_deref(), Some("Example News"));
        assert_eq!(a.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(a.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(a.dateline.as_deref(), Some("HANGZHOU, China"));
        assert_eq!(a.people, ["Barack Obama", "Xi Jinping"]);
        assert_eq!(a.topics, ["G20", "trade"]);
        assert_eq!(a.places, ["China", "United States"]);
        assert_eq!(a.orgs, ["WTO"]);
        assert_eq!(a.source_id.as_deref(), Some("42"));
    }

    #[test]
    fn value_shapes() {
        type Check = fn(&Article) -> bool;
        let cases: Vec<(Value, Check)> = vec![
            (json!({"title": "t", "timestamp": 1473069600}), |a| {
                a.date == Some(datetime!(2016-09-05 10:00:00 UTC))
            }),
            (json!({"title": "t", "date": 1473069600000i64}), |a| {
                a.date == Some(datetime!(2016-09-05 10:00:00 UTC))
            }),
            (
                json!({"title": "t", "date": {"$date": "2016-09-05"}}),
                |a| a.date.is_some(),
            ),
            (json!({"title": "t", "date": "not a date"}), |a| {
                a.date.is_none()
            }),
            (
                json!({"title": "t", "byline": "By Jane Doe and John Roe"}),
                |a| a.authors == ["Jane Doe", "John Roe"],
            ),
            (json!({"title": "t", "author": ["Doe, Jane"]}), |a| {
                a.authors == ["Doe", "Jane"]
            }),
            (json!({"title": "t", "tags": ["Smith, John"]}), |a| {
                a.topics == ["Smith, John"]
            }),
            (json!({"title": "t", "publisher": "P"}), |a| {
                a.source.as_deref() == Some("P")
            }),
            (json!({"title": "t", "guid": " abc "}), |a| {
                a.source_id.as_deref() == Some("abc")
            }),
            (json!({"title": "t", "id": {"$oid": "5f"}}), |a| {
                a.source_id.as_deref() == Some("5f")
            }),
            (json!({"text": ["p1", "p2"]}), |a| {
                a.body == "p1\n\np2" && a.title.is_empty()
            }),
            (json!({"title": "t", "body": "", "description": "d"}), |a| {
                a.body == "d"
            }),
            (
                json!({"title": "t", "body": "b", "description": "d"}),
                |a| a.body == "b",
            ),
            (json!({"name": "Just a name"}), |a| a.title == "Just a name"),
            (json!({"TITLE": "x", "Title": null, "title": "y"}), |a| {
                a.title == "x" || a.title == "y"
            }),
            (
                json!({"title": "t", "body": "line 1\r\nline 2\n\npara"}),
                |a| a.body == "line 1\nline 2\n\npara",
            ),
            (json!({"title": "t", "tags": "a, b; c|a"}), |a| {
                a.topics == ["a", "b", "c"]
            }),
            (json!({"title": "t", "tags": 5}), |a| a.topics.is_empty()),
            (
                json!({"title": "t", "date": "n/a", "published_at": "2016-09-05"}),
                |a| a.date == Some(datetime!(2016-09-05 00:00:00 UTC)),
            ),
            (json!({"title": {"x": 1}, "headline": "H"}), |a| {
                a.title == "H"
            }),
            (json!({"article": {"nested": true}, "story": "S"}), |a| {
                a.body == "S"
            }),
        ];
        for (input, check) in cases {
            let a = article(input.clone()).unwrap();
            assert!(check(&a), "{input}: {a:?}");
        }
    }

    #[test]
    fn objects_without_title_or_body_are_refused() {
        for input in [
            json!({}),
            json!({"id": 1, "url": "x"}),
            json!({"title": "  ", "body": null}),
        ] {
            assert_eq!(
                article(input.clone()).unwrap_err(),
                "no title or body",
                "{input}"
            );
        }
        // A number is still text.
        assert_eq!(article(json!({"title": 5.5})).unwrap().title, "5.5");
    }

    #[test]
    fn body_keys_dates_and_placeholders_of_common_exports() {
        for key in [
            "content_html",
            "bodyText",
            "content:encoded",
            "lead_paragraph",
            "excerpt",
        ] {
            let a = article(json!({"title": "T", key: "<p>Leaders met.</p>"})).unwrap();
            assert_eq!(a.body, "Leaders met.", "{key}");
        }
        let dated = |v: Value| article(json!({"title": "T", "date": v})).unwrap().date;
        assert_eq!(dated(json!(20240305)), Some(datetime!(2024-03-05 0:00 UTC)));
        assert_eq!(
            dated(json!(20240305140200u64)),
            Some(datetime!(2024-03-05 14:02 UTC))
        );
        assert_eq!(
            dated(json!("20240305140200")),
            Some(datetime!(2024-03-05 14:02 UTC))
        );
        assert_eq!(
            dated(json!(1_709_640_000)),
            Some(datetime!(2024-03-05 12:00 UTC))
        );
        for none in [json!(-1), json!(0), json!(99_999_999_999_999_999_999.0)] {
            assert_eq!(dated(none.clone()), None, "{none}");
        }
        let webdate =
            article(json!({"webTitle": "T", "webPublicationDate": "2024-10-23T17:42:10Z"}));
        assert!(webdate.unwrap().date.is_some());
        let newsapi = article(json!({"title": "Port reopens - Baltic Observer",
            "source": {"id": null, "name": "Baltic Observer"}, "content": "Text."}));
        assert_eq!(newsapi.unwrap().title, "Port reopens");
        let wp = article(json!({"title": "T", "content": "B.", "categories": [7, 12]}));
        assert!(wp.unwrap().topics.is_empty());
        let removed = article(json!({"title": "[Removed]", "content": "[Removed]"}));
        assert!(removed.unwrap_err().contains("removed"));
    }
}
