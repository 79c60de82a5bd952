//! JSON and JSON Lines files: which values in the document are articles, and what to do with
//! the ones that are not (a bad line is a warning, never the end of the file). Turning one
//! object into an [`Article`] is `json_fields`' job.

use rayon::prelude::*;
use serde_json::{Map, Value};

use crate::article::Article;

use super::Problem;
use super::json_fields::article_from;

/// Keys under which a wrapper object keeps its list of articles.
const WRAPPERS: [&str; 10] = [
    "articles", "items", "data", "results", "docs", "stories", "entries", "hits", "posts",
    "records",
];

/// Below this many lines a JSONL file is parsed on the calling thread: handing work to rayon
/// costs more than it saves.
const PARALLEL_LINES: usize = 2_000;

/// What a JSON or JSONL file gave.
#[derive(Debug, Default)]
pub(crate) struct JsonArticles {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
}

/// A `.json` document: one object, an array of objects, or an object holding such an array
/// under "articles", "items", "data" or "results". `record` is the index in the array.
pub(crate) fn parse_json(text: &str) -> Result<JsonArticles, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "invalid JSON at line {} column {}: {}",
            e.line(),
            e.column(),
            message(&e)
        )
    })?;
    let items: Vec<Value> = match value {
        Value::Array(items) => items,
        Value::Object(map) => match take_items(map, 0) {
            Ok(items) => items,
            Err(map) => vec![Value::Object(map)],
        },
        other => {
            return Err(format!(
                "no articles: the JSON is {}, not an object or an array of objects",
                kind(&other)
            ));
        }
    };
    let mut out = JsonArticles::default();
    for (i, item) in items.iter().enumerate() {
        match item {
            Value::Object(map) => match article_from(map) {
                Ok(mut a) => {
                    a.record = i;
                    out.articles.push(a);
                }
                Err(reason) => out.problems.push(Problem {
                    line: None,
                    reason: format!("item {i}: {reason}"),
                }),
            },
            other => out.problems.push(Problem {
                line: None,
                reason: format!("item {i}: {}, not an object", kind(other)),
            }),
        }
    }
    Ok(out)
}

/// One object per line. `record` is the 0-based line index (blank lines count), so an
/// article's id does not move when a bad line above it is fixed or removed.
pub(crate) fn parse_jsonl(text: &str) -> JsonArticles {
    let lines: Vec<(usize, &str)> = text
        .split('\n')
        .map(str::trim)
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let results: Vec<Result<Article, Problem>> = if lines.len() >= PARALLEL_LINES {
        lines.par_iter().map(|&(i, l)| line_article(i, l)).collect()
    } else {
        lines.iter().map(|&(i, l)| line_article(i, l)).collect()
    };
    let mut out = JsonArticles::default();
    for r in results {
        match r {
            Ok(a) => out.articles.push(a),
            Err(p) => out.problems.push(p),
        }
    }
    out
}

fn line_article(index: usize, line: &str) -> Result<Article, Problem> {
    let n = index + 1;
    let problem = |reason: String| Problem {
        line: Some(n),
        reason: format!("line {n}: {reason}"),
    };
    match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(map)) => {
            let mut a = article_from(&map).map_err(problem)?;
            a.record = index;
            Ok(a)
        }
        Ok(other) => Err(problem(format!("{}, not an object", kind(&other)))),
        Err(e) => Err(problem(format!(
            "invalid JSON: {} at column {}",
            message(&e),
            e.column()
        ))),
    }
}

/// The articles of a wrapper object: the array under a wrapper key ("articles", "items",
/// "results"…), looked for also one or two objects down, as APIs nest it (`response.results`,
/// `response.docs`, `hits.hits`, `data.articles`). The object itself when it is an article
/// (one with a body, or a title and no wrapper array), given back as `Err`.
fn take_items(mut map: Map<String, Value>, depth: usize) -> Result<Vec<Value>, Map<String, Value>> {
    if is_article(&map) {
        return Err(map);
    }
    if let Some(key) = WRAPPERS.iter().find_map(|w| {
        map.iter()
            .find(|(k, v)| k.eq_ignore_ascii_case(w) && holds_objects(v))
            .map(|(k, _)| k.clone())
    }) && let Some(Value::Array(items)) = map.remove(&key)
    {
        return Ok(items);
    }
    if depth < 2 {
        let nested: Vec<String> = map
            .iter()
            .filter(|(_, v)| v.is_object())
            .map(|(k, _)| k.clone())
            .collect();
        for key in nested {
            if let Some(Value::Object(inner)) = map.get(&key).cloned()
                && !is_article(&inner)
                && let Ok(items) = take_items(inner, depth + 1)
            {
                return Ok(items);
            }
        }
    }
    Err(map)
}

/// An object that is an article itself, though it may hold arrays of its own (a "data"
/// array, a JSON Feed's "items" beside its title): it has a body, or a title and no array
/// of objects under a wrapper key.
fn is_article(map: &Map<String, Value>) -> bool {
    if has_body(map) {
        return true;
    }
    let wrapped = map.iter().any(|(k, v)| {
        WRAPPERS.iter().any(|w| k.eq_ignore_ascii_case(w))
            && v.as_array()
                .and_then(|a| a.first())
                .and_then(Value::as_object)
                .is_some_and(has_body)
    });
    has_key(map, &["title", "headline"]) && !wrapped
}

fn has_body(map: &Map<String, Value>) -> bool {
    has_key(
        map,
        &[
            "body",
            "text",
            "content",
            "articlebody",
            "content_html",
            "content_text",
        ],
    )
}

fn has_key(map: &Map<String, Value>, keys: &[&str]) -> bool {
    map.iter().any(|(k, v)| {
        keys.iter().any(|a| k.eq_ignore_ascii_case(a)) && !v.is_null() && !v.is_array()
    })
}

/// An array whose first element is an object.
fn holds_objects(v: &Value) -> bool {
    v.as_array()
        .and_then(|a| a.first())
        .is_some_and(Value::is_object)
}

/// serde_json's message without its " at line L column C" tail, which we word ourselves.
fn message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(a: &[Article]) -> Vec<(usize, &str)> {
        a.iter().map(|a| (a.record, a.title.as_str())).collect()
    }

    #[test]
    fn json_shapes() {
        let cases: &[(&str, &[(usize, &str)])] = &[
            (r#"{"title": "One", "body": "b"}"#, &[(0, "One")]),
            (r#"[{"title": "A"}, {"title": "B"}]"#, &[(0, "A"), (1, "B")]),
            (
                r#"{"status": "ok", "articles": [{"title": "A"}, {"headline": "B"}]}"#,
                &[(0, "A"), (1, "B")],
            ),
            (r#"{"Items": [{"title": "A"}]}"#, &[(0, "A")]),
            (
                r#"{"data": [{"title": "A"}], "title": "Own"}"#,
                &[(0, "Own")],
            ),
            (
                r#"[{"title": "A"}, 3, {"x": 1}, {"title": "D"}]"#,
                &[(0, "A"), (3, "D")],
            ),
            ("[]", &[]),
        ];
        for (input, want) in cases {
            let got = parse_json(input).unwrap();
            assert_eq!(titles(&got.articles), *want, "{input}");
        }
        let mixed = parse_json(r#"[{"title": "A"}, 3, {"x": 1}]"#).unwrap();
        let reasons: Vec<_> = mixed.problems.iter().map(|p| p.reason.as_str()).collect();
        assert_eq!(
            reasons,
            [
                "item 1: a number, not an object",
                "item 2: no title or body"
            ]
        );
    }

    #[test]
    fn invalid_json_names_line_and_column() {
        let err = parse_json("{\n  \"title\": \"x\",\n  \"body\": oops\n}").unwrap_err();
        assert!(
            err.starts_with("invalid JSON at line 3 column 11: expected value"),
            "{err}"
        );
        let err = parse_json("{\"title\": \"unterminated").unwrap_err();
        assert!(err.starts_with("invalid JSON at line 1 column"), "{err}");
        assert!(
            parse_json("42")
                .unwrap_err()
                .starts_with("no articles: the JSON is a number")
        );
    }

    #[test]
    fn jsonl_keeps_good_lines_and_reports_bad_ones() {
        let text = "{\"title\": \"first\"}\n\n{\"title\": broken}\r\n{\"title\": \"fourth\"}\n[1]\n{\"id\": 5}\n";
        let got = parse_jsonl(text);
        assert_eq!(titles(&got.articles), [(0, "first"), (3, "fourth")]);
        let problems: Vec<_> = got
            .problems
            .iter()
            .map(|p| (p.line, p.reason.as_str()))
            .collect();
        assert_eq!(
            problems,
            [
                (Some(3), "line 3: invalid JSON: expected value at column 11"),
                (Some(5), "line 5: an array, not an object"),
                (Some(6), "line 6: no title or body"),
            ]
        );
    }

    #[test]
    fn jsonl_in_parallel_keeps_line_order() {
        let text: String = (0..5000)
            .map(|i| {
                if i % 1000 == 7 {
                    "nope\n".to_string()
                } else {
                    format!("{{\"title\": \"t{i}\"}}\n")
                }
            })
            .collect();
        let got = parse_jsonl(&text);
        assert_eq!(got.articles.len(), 4995);
        assert_eq!(got.problems.len(), 5);
        assert!(got.articles.windows(2).all(|w| w[0].record < w[1].record));
        assert_eq!(got.articles[7].record, 8);
        assert_eq!(got.articles[7].title, "t8");
    }

    #[test]
    fn api_dumps_nested_as_their_apis_nest_them() {
        let titles = |text: &str| -> Vec<String> {
            parse_json(text)
                .unwrap()
                .articles
                .into_iter()
                .map(|a| a.title)
                .collect()
        };
        // The Guardian: response.results[], title outside and body inside `fields`.
        let guardian = r#"{"response": {"status": "ok", "results": [{"webTitle": "Kazan summit ends",
            "webPublicationDate": "2024-10-23T17:42:10Z", "fields": {"bodyText": "Leaders met."}}]}}"#;
        let got = parse_json(guardian).unwrap().articles;
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].title, "Kazan summit ends");
        assert_eq!(got[0].body, "Leaders met.");
        assert!(got[0].date.is_some());
        // The New York Times: response.docs[], headline.main, lead_paragraph.
        let nyt = r#"{"response": {"docs": [{"headline": {"main": "Rio summit backs alliance"},
            "lead_paragraph": "Leaders endorsed it.", "pub_date": "2024-11-18T19:05:12+0000"}]}}"#;
        assert_eq!(titles(nyt), ["Rio summit backs alliance"]);
        // Elasticsearch: hits.hits[]._source.
        let es = r#"{"took": 3, "hits": {"total": 1, "hits": [{"_id": "x1",
            "_source": {"headline": "Methane cuts urged", "body": "Cut methane."}}]}}"#;
        let got = parse_json(es).unwrap().articles;
        assert_eq!(got[0].title, "Methane cuts urged");
        assert_eq!(got[0].source_id.as_deref(), Some("x1"));
        // JSON Feed: a titled feed whose items are the articles.
        let feed = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Northern Ledger",
            "items": [{"title": "Arctic Council resumes", "content_html": "<p>The council met.</p>"}]}"#;
        assert_eq!(titles(feed), ["Arctic Council resumes"]);
        // data.articles[].
        let data = r#"{"data": {"articles": [{"title": "A", "text": "B."}]}}"#;
        assert_eq!(titles(data), ["A"]);
        // An article holding an array of its own is still one article.
        let own = r#"{"title": "T", "body": "B.", "items": [{"title": "x"}]}"#;
        assert_eq!(titles(own), ["T"]);
    }
}
