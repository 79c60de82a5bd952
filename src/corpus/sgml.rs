//! Reuters-21578 SGML: many `<REUTERS NEWID="n">` records per file, each with a date, `<D>`
//! tag lists and a `<TEXT>` holding title, dateline and body.
//!
//! A linear scan for the handful of tags the collection uses, not an SGML or HTML parser: the
//! files are not well-formed (bare `<` in company names, records cut short), unknown tags are
//! text, and the whole collection must parse in well under a second.

use crate::article::{Article, push_unique};

use super::date::parse_reuters;
use super::markup::{collapse_whitespace, decode_entities};
use super::sgml_fields::{authors, dateline, person_name};

const OPEN: &str = "<REUTERS";
const CLOSE: &str = "</REUTERS>";

/// Tags that end an element whose close tag is missing.
const STRUCTURE: [&str; 8] = [
    "<TITLE>",
    "<DATELINE>",
    "<AUTHOR>",
    "<BODY>",
    "</BODY>",
    "</TEXT>",
    "<TEXT",
    "</REUTERS>",
];

/// Every record in `text`, in file order, with `record` set to its index.
pub(crate) fn parse(text: &str) -> Vec<Article> {
    let mut articles = Vec::new();
    let mut start = record_start(text, 0);
    while let Some(s) = start {
        let next = record_start(text, s + OPEN.len());
        // A record without its close tag runs to the next record (or the end of the file).
        let mut rec = &text[s..next.unwrap_or(text.len())];
        if let Some(close) = find(rec, CLOSE) {
            rec = &rec[..close];
        }
        articles.push(record(rec, articles.len()));
        start = next;
    }
    articles
}

/// The first `needle` in `hay`, as `str::find`. Each record is scanned for a dozen tags,
/// most of them absent, so this jumps between occurrences of the needle's first byte (a `<`,
/// rare in the text) with memchr's vector search instead of running a substring searcher.
fn find(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else {
        return Some(0);
    };
    memchr::memchr_iter(first, hay).find(|&at| hay[at + 1..].starts_with(rest))
}

fn record_start(text: &str, from: usize) -> Option<usize> {
    let mut from = from;
    loop {
        let at = from + find(text.get(from..)?, OPEN)?;
        match text.as_bytes().get(at + OPEN.len()) {
            Some(b) if b.is_ascii_whitespace() || *b == b'>' => return Some(at),
            None => return Some(at),
            _ => from = at + OPEN.len(),
        }
    }
}

fn record(rec: &str, index: usize) -> Article {
    let open_tag = &rec[..rec.find('>').unwrap_or(rec.len())];
    let mut a = Article {
        record: index,
        source: Some("Reuters".to_string()),
        source_id: attribute(open_tag, "NEWID").map(str::to_string),
        ..Article::default()
    };
    a.date = element(rec, "<DATE>", "</DATE>").and_then(parse_reuters);
    for d in tag_list(rec, "<TOPICS>", "</TOPICS>") {
        push_unique(&mut a.topics, d);
    }
    for d in tag_list(rec, "<PLACES>", "</PLACES>") {
        push_unique(&mut a.places, d);
    }
    for d in tag_list(rec, "<PEOPLE>", "</PEOPLE>") {
        push_unique(&mut a.people, &person_name(d));
    }
    for (open, close) in [
        ("<ORGS>", "</ORGS>"),
        ("<EXCHANGES>", "</EXCHANGES>"),
        ("<COMPANIES>", "</COMPANIES>"),
    ] {
        for d in tag_list(rec, open, close) {
            push_unique(&mut a.orgs, d);
        }
    }

    let Some(text) = text_element(rec) else {
        return a;
    };
    let title = element(text, "<TITLE>", "</TITLE>");
    a.title = title
        .map(|t| collapse_whitespace(&unbracket(&decode_entities(t))))
        .unwrap_or_default();
    a.dateline = element(text, "<DATELINE>", "</DATELINE>").and_then(dateline);
    if let Some(author) = element(text, "<AUTHOR>", "</AUTHOR>") {
        authors(&decode_entities(author), &mut a.authors);
    }
    match element(text, "<BODY>", "</BODY>") {
        Some(body) => a.body = clean_body(body),
        // TYPE="BRIEF" and "UNPROC" stories have no BODY: their text is the story, and UNPROC
        // ones carry their headline as its first line.
        None => {
            let story = without_elements(text);
            if a.title.is_empty() {
                a.title = first_line(&story);
            }
            a.body = clean_body(&story);
        }
    }
    a
}

/// `NAME="value"` inside a start tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(at) = tag.get(from..)?.find(name) {
        let at = from + at;
        let before_ok = at == 0 || tag.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = &tag[at + name.len()..];
        if before_ok && let Some(value) = rest.strip_prefix("=\"") {
            return value.find('"').map(|end| &value[..end]);
        }
        from = at + name.len();
    }
    None
}

/// The content of the first `open`…`close` element; when `close` is missing, up to the next
/// structural tag or the end.
fn element<'a>(hay: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = find(hay, open)? + open.len();
    let rest = &hay[start..];
    let end = find(rest, close).unwrap_or_else(|| next_structure(rest));
    Some(&rest[..end])
}

fn next_structure(rest: &str) -> usize {
    STRUCTURE
        .iter()
        .filter_map(|t| find(rest, t))
        .min()
        .unwrap_or(rest.len())
}

/// The `<TEXT ...>` element, whose start tag may carry a TYPE attribute.
fn text_element(rec: &str) -> Option<&str> {
    let mut from = 0;
    let start = loop {
        let at = from + find(rec.get(from..)?, "<TEXT")?;
        let after = rec.get(at + 5..)?;
        if after.starts_with('>') || after.starts_with(|c: char| c.is_ascii_whitespace()) {
            break at + 5 + after.find('>')? + 1;
        }
        from = at + 5;
    };
    let rest = &rec[start..];
    Some(&rest[..find(rest, "</TEXT>").unwrap_or(rest.len())])
}

/// The `<D>` entries of a list element, decoded and trimmed.
fn tag_list<'a>(rec: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let Some(list) = element(rec, open, close) else {
        return Vec::new();
    };
    list.split("<D>")
        .skip(1)
        .map(|d| d.split("</D>").next().unwrap_or(d).trim())
        .filter(|d| !d.is_empty())
        .collect()
}

/// TEXT content with TITLE, DATELINE and AUTHOR elements (tags and content) taken out.
fn without_elements(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let next = [
            ("<TITLE>", "</TITLE>"),
            ("<DATELINE>", "</DATELINE>"),
            ("<AUTHOR>", "</AUTHOR>"),
        ]
        .iter()
        .filter_map(|&(open, close)| find(rest, open).map(|at| (at, open, close)))
        .min_by_key(|&(at, _, _)| at);
        let Some((at, open, close)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        let after = &rest[at + open.len()..];
        rest = match find(after, close) {
            Some(end) => &after[end + close.len()..],
            None => &after[next_structure(after)..],
        };
    }
}

/// Decoded, sign-off removed, company brackets dropped, hard-wrapped lines joined into
/// paragraphs (Reuters indents the first line of each paragraph).
fn clean_body(raw: &str) -> String {
    let decoded = decode_entities(raw);
    let text = unbracket(&decoded);
    let mut text = text.trim().trim_start_matches('*').trim();
    // Some stories are signed off twice ("REUTER\n Reuter").
    while let Some(cut) = text.len().checked_sub(6)
        && text.is_char_boundary(cut)
        && text[cut..].eq_ignore_ascii_case("reuter")
        && (cut == 0 || text[..cut].ends_with(char::is_whitespace))
    {
        text = text[..cut].trim_end();
    }
    let mut out = String::with_capacity(text.len());
    let mut blank = true;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            let new_paragraph = blank || line.starts_with(char::is_whitespace);
            out.push_str(if new_paragraph { "\n\n" } else { " " });
        }
        out.push_str(trimmed);
        blank = false;
    }
    out
}

/// The first line of a story without a TITLE, as its headline when it is short enough to be one.
fn first_line(story: &str) -> String {
    let decoded = decode_entities(story);
    let line = decoded
        .lines()
        .map(|l| l.trim().trim_start_matches('*').trim())
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if line.chars().count() > 150 {
        return String::new();
    }
    collapse_whitespace(&unbracket(line))
}

/// "<Chrysler Corp>" -> "Chrysler Corp": Reuters marks company names with angle brackets.
/// A bracket left over from a marker typed without its partner ("<Chemical Bank", "(SKFR ST>")
/// goes too; one with spaces on both sides ("1 < 2") is text.
fn unbracket(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt + 1..];
        let window = &after.as_bytes()[..after.len().min(120)];
        let name_follows = after.starts_with(|c: char| !c.is_whitespace());
        match window.iter().position(|&b| b == b'>' || b == b'<') {
            Some(gt) if window[gt] == b'>' && gt > 0 && name_follows => {
                out.push_str(&after[..gt]);
                rest = &after[gt + 1..];
            }
            _ => {
                if !name_follows {
                    out.push('<');
                }
                rest = after;
            }
        }
    }
    out.push_str(rest);
    if !out.contains('>') {
        return out;
    }
    let mut cleaned = String::with_capacity(out.len());
    let mut prev = ' ';
    for c in out.chars() {
        if c != '>' || prev.is_whitespace() {
            cleaned.push(c);
        }
        prev = c;
    }
    cleaned
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const SAMPLE: &str = r#"<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="1">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TOPICS><D>cocoa</D></TOPICS>
<PLACES><D>el-salvador</D><D>usa</D></PLACES>
<PEOPLE><D>james-baker</D><D>reagan</D></PEOPLE>
<ORGS><D>opec</D></ORGS>
<EXCHANGES><D>nyse</D></EXCHANGES>
<COMPANIES></COMPANIES>
<UNKNOWN> 
&#5;&#5;&#5;C T
&#22;&#22;&#1;f0704&#31;reute
u f BC-BAHIA-COCOA-REVIEW   02-26 0105</UNKNOWN>
<TEXT>&#2;
<TITLE>STANDARD OIL &lt;SRD> TO FORM UNIT</TITLE>
<DATELINE>    SAN FRANCISCO, Feb 26 - </DATELINE><AUTHOR>    By Cal Mankowski, Reuters</AUTHOR><BODY>Standard Oil Co and &lt;BP North America
Inc> said they plan to form a venture, AT&amp;T said.
    The dry period means the temporao will be late.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="2">
<DATE> 2-MAR-1987 16:54:38.01</DATE>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>ASSETS OF MONEY MARKET MUTUAL FUNDS ROSE
</TITLE>Blah blah blah.
&#3;

</TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="3">
<DATE>31-MAR-1987 605:12:19.12</DATE>
<TEXT TYPE="UNPROC">&#2;
FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26
 Net free reserves.............644 vs.....1,337
 Reuter
&#3;

</TEXT>
</REUTERS>
"#;

    #[test]
    fn parses_records_with_all_fields() {
        let a = parse(SAMPLE);
        assert_eq!(a.len(), 3);
        let first = &a[0];
        assert_eq!(first.record, 0);
        assert_eq!(first.source_id.as_deref(), Some("1"));
        assert_eq!(first.source.as_deref(), Some("Reuters"));
        assert_eq!(first.date, Some(datetime!(1987-02-26 15:01:01.79 UTC)));
        assert_eq!(first.title, "STANDARD OIL SRD TO FORM UNIT");
        assert_eq!(first.dateline.as_deref(), Some("San Francisco"));
        assert_eq!(first.authors, ["Cal Mankowski"]);
        assert_eq!(first.topics, ["cocoa"]);
        assert_eq!(first.places, ["el-salvador", "usa"]);
        assert_eq!(first.people, ["James Baker", "Reagan"]);
        assert_eq!(first.orgs, ["opec", "nyse"]);
        assert_eq!(
            first.body,
            "Standard Oil Co and BP North America Inc said they plan to form a venture, AT&T \
             said.\n\nThe dry period means the temporao will be late."
        );

        assert_eq!(a[1].title, "ASSETS OF MONEY MARKET MUTUAL FUNDS ROSE");
        assert_eq!(a[1].body, "Blah blah blah.");
        assert_eq!(a[1].date, Some(datetime!(1987-03-02 16:54:38.01 UTC)));

        assert_eq!(a[2].record, 2);
        assert_eq!(a[2].title, "FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26");
        assert_eq!(
            a[2].body,
            "FEDERAL RESERVE WEEKLY REPORT 1 - FEB 26\n\nNet free reserves.............644 vs.....1,337"
        );
        assert_eq!(a[2].date, Some(datetime!(1987-03-31 00:00:00 UTC)));
    }

    #[test]
    fn missing_close_tags_still_yield_text() {
        let cases = [
            // No </BODY>, </TEXT>, </REUTERS>: the record runs to the next record.
            (
                "<REUTERS NEWID=\"7\"><TEXT><TITLE>T1</TITLE><BODY>first body\n<REUTERS NEWID=\"8\"><TEXT><BODY>second</BODY></TEXT></REUTERS>",
                vec![("7", "T1", "first body"), ("8", "", "second")],
            ),
            // No </TITLE>: the title stops at the next tag.
            (
                "<REUTERS NEWID=\"9\"><TEXT><TITLE>HEAD<DATELINE>ROME, March 3 -</DATELINE><BODY>text",
                vec![("9", "HEAD", "text")],
            ),
            // A file cut inside the body.
            (
                "<REUTERS NEWID=\"10\">\n<TEXT>\n<BODY>cut off mid",
                vec![("10", "", "cut off mid")],
            ),
            // A record with no TEXT at all.
            (
                "<REUTERS NEWID=\"11\"><DATE>1-APR-1987 10:00:00.00</DATE>",
                vec![("11", "", "")],
            ),
        ];
        for (input, want) in cases {
            let got: Vec<_> = parse(input)
                .into_iter()
                .map(|a| (a.source_id.unwrap_or_default(), a.title, a.body))
                .collect();
            let want: Vec<_> = want
                .into_iter()
                .map(|(i, t, b)| (i.to_string(), t.to_string(), b.to_string()))
                .collect();
            assert_eq!(got, want, "{input:?}");
        }
    }

    #[test]
    fn never_panics_on_fragments() {
        for input in [
            "",
            "<",
            "<REUTERS",
            "<REUTERS>",
            "<REUTERSX>",
            "<REUTERS NEWID=\"",
            "<REUTERS><TEXT",
            "<REUTERS><TEXT TYPE=\"BRIEF\"",
            "<REUTERS><TEXT><TITLE>",
            "<REUTERS><PEOPLE><D>x",
            "<REUTERS><BODY>é Reuter",
            "<REUTERS><TEXT><BODY>Reuter",
            "<REUTERS>\u{fc}<TEXT>ü<BODY>&#",
        ] {
            let _ = parse(input);
        }
        assert_eq!(parse("<REUTERSX>").len(), 0);
        assert_eq!(parse("<REUTERS><TEXT><BODY>Reuter")[0].body, "");
    }

    #[test]
    fn company_brackets() {
        assert_eq!(
            unbracket("<Chrysler Corp> and <AT&T>"),
            "Chrysler Corp and AT&T"
        );
        assert_eq!(
            unbracket("1 < 2, a > b, <unclosed"),
            "1 < 2, a > b, unclosed"
        );
        assert_eq!(unbracket("in SKF (SKFR ST> by"), "in SKF (SKFR ST by");
    }
}
