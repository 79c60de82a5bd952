//! Plain-text articles, including web pages scraped to text: the first meaningful line is the
//! title, simple "Key: value" headers and bylines at the top fill in metadata, and what
//! `boilerplate` recognises as banners, captions and credits is left out of the body.

use crate::article::{Article, push_unique};

use super::boilerplate::{caption, is_banner, is_credit, is_nav};
use super::date::parse_date;

/// Metadata lines (bylines, bare dates, "Source:") are looked for until this many body lines
/// have been seen: they sit near the top, and deeper down such a line is story text.
const HEADER_ZONE_LINES: usize = 3;

/// A first line longer than this is prose, not a headline.
const MAX_TITLE_CHARS: usize = 300;

/// The article in `text`, or `None` when nothing but boilerplate is there.
pub(crate) fn parse(text: &str) -> Option<Article> {
    let mut a = Article::default();
    let mut captions: Vec<String> = Vec::new();
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    let mut body_lines = 0;

    for line in lines(text) {
        let line = line.trim();
        if line.is_empty() {
            if !block.is_empty() {
                blocks.push(std::mem::take(&mut block));
            }
            continue;
        }
        let in_header = body_lines < HEADER_ZONE_LINES;
        if body_lines == 0 && header_field(line, &mut a) {
            continue;
        }
        if is_banner(line) || (in_header && is_nav(line)) || is_credit(line) {
            continue;
        }
        if let Some(text) = caption(line) {
            captions.push(text.to_string());
            continue;
        }
        // Scraped pages repeat a caption with the credit glued on.
        if captions
            .iter()
            .any(|c| c.len() >= 8 && line.starts_with(c.as_str()))
        {
            continue;
        }
        if let Some(source) = source_line(line) {
            if in_header && a.source.is_none() {
                a.source = Some(source.to_string());
            }
            continue;
        }
        if in_header && line.len() <= 80 {
            if let Some(date) = date_line(line) {
                a.date.get_or_insert(date);
                continue;
            }
            if let Some(names) = byline(line) {
                for name in names {
                    push_unique(&mut a.authors, name);
                }
                continue;
            }
        }
        if a.title.is_empty() {
            if line.chars().count() <= MAX_TITLE_CHARS {
                a.title = line.to_string();
                continue;
            }
            a.title = headline_of(line);
        }
        block.push(line);
        body_lines += 1;
    }
    if !block.is_empty() {
        blocks.push(block);
    }

    if a.date.is_none() {
        a.date = blocks
            .first()
            .and_then(|b| b.first())
            .and_then(|line| dateline_date(line));
    }
    a.body = match blocks.as_slice() {
        // No blank lines at all: scraped pages put one paragraph per line.
        [only] => only.join("\n\n"),
        _ => blocks
            .iter()
            .map(|b| b.join("\n"))
            .collect::<Vec<_>>()
            .join("\n\n"),
    };
    (!a.title.is_empty() || !a.body.is_empty()).then_some(a)
}

/// The date a dateline writes with its year: "WASHINGTON, Jan. 20, 2025 —", "NAIROBI, Kenya,
/// March 3, 2025 (Reuters) -", "LONDON, 5 March 2025 –". The place is everything before the
/// first comma; the date is what follows, up to the dash or the agency.
fn dateline_date(line: &str) -> Option<time::OffsetDateTime> {
    let end = [" —", " –", " - ", " -- ", " (", "—", "–"]
        .iter()
        .filter_map(|d| line.find(d))
        .min()?;
    let head = line.get(..end.min(100))?;
    let mut parts = head.splitn(2, ',');
    let place = parts.next()?;
    if !place.chars().any(char::is_uppercase)
        || place.chars().any(char::is_lowercase) && place.len() > 40
    {
        return None;
    }
    let mut rest = parts.next()?.trim();
    // The year must be there: "WASHINGTON, Jan. 20 —" alone gives no date.
    if !rest
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4)
    {
        return None;
    }
    loop {
        if let Some(d) = parse_date(rest) {
            return Some(d);
        }
        // "Kenya, March 3, 2025": step past a region or country.
        let (_, after) = rest.split_once(',')?;
        rest = after.trim();
    }
}

/// Lines split on "\n" or, for old Mac files with no "\n" at all, on "\r".
fn lines(text: &str) -> Box<dyn Iterator<Item = &str> + '_> {
    if !text.contains('\n') && text.contains('\r') {
        Box::new(text.split('\r'))
    } else {
        Box::new(text.split('\n'))
    }
}

/// "Title: …", "Date: …", "Source: …" and similar at the top of the file. Returns whether the
/// line was such a header (and so is not text).
fn header_field(line: &str, a: &mut Article) -> bool {
    let Some((key, value)) = line.split_once(':') else {
        return false;
    };
    let value = value.trim();
    if key.len() > 16 || value.is_empty() {
        return false;
    }
    match key.trim().to_ascii_lowercase().as_str() {
        "title" | "headline" if a.title.is_empty() => a.title = value.to_string(),
        "date" | "published" | "pubdate" | "posted" => match parse_date(value) {
            Some(d) => a.date = Some(d),
            None => return false,
        },
        "source" | "publisher" => a.source = Some(value.to_string()),
        "author" | "authors" | "by" | "byline" | "writer" => {
            let value = byline(value)
                .or_else(|| names(value))
                .unwrap_or_else(|| vec![value]);
            value
                .into_iter()
                .for_each(|n| push_unique(&mut a.authors, n));
        }
        "url" | "link" => a.url = Some(value.to_string()),
        "dateline" => a.dateline = Some(value.to_string()),
        "tags" | "keywords" | "topics" | "categories" => split_into(value, &mut a.topics),
        "people" => split_into(value, &mut a.people),
        "places" => split_into(value, &mut a.places),
        "orgs" | "organizations" => split_into(value, &mut a.orgs),
        "id" => a.source_id = Some(value.to_string()),
        _ => return false,
    }
    true
}

fn split_into(value: &str, list: &mut Vec<String>) {
    for item in value.split([',', ';']) {
        push_unique(list, item);
    }
}

/// "/ Source: Reuters" or "Source: Reuters" -> "Reuters".
fn source_line(line: &str) -> Option<&str> {
    let rest = line.strip_prefix('/').unwrap_or(line).trim_start();
    let head = rest.get(..7)?;
    if !head.eq_ignore_ascii_case("source:") {
        return None;
    }
    let value = rest[7..].trim();
    (!value.is_empty() && value.len() <= 60).then_some(value)
}

/// A line that is only a date, perhaps with an update time after a slash:
/// "Sept. 5, 2016, 10:00 AM UTC / Updated Sept. 5, 2016, 11:00 AM UTC".
fn date_line(line: &str) -> Option<time::OffsetDateTime> {
    parse_date(line).or_else(|| {
        let head = line.split(" / ").next()?.split(" | ").next()?;
        parse_date(head)
    })
}

/// "By Jane Doe and John Roe, Reuters" -> ["Jane Doe", "John Roe"]. `None` unless every name
/// looks like a name, so "By the time…" stays text.
pub(crate) fn byline(line: &str) -> Option<Vec<&str>> {
    names(
        ["By ", "BY ", "by "]
            .iter()
            .find_map(|p| line.strip_prefix(p))?,
    )
}

/// The people in a byline without its "By": agencies dropped, `None` if a part is no name.
pub(crate) fn names(rest: &str) -> Option<Vec<&str>> {
    const AGENCIES: [&str; 9] = [
        "reuters",
        "ap",
        "afp",
        "associated press",
        "staff",
        "staff writer",
        "cnn",
        "bbc news",
        "reuters staff",
    ];
    let rest = rest
        .split(" | ")
        .next()?
        .split(" - ")
        .next()?
        .split(" — ")
        .next()?;
    // "Diplomatic correspondent", "Senior Editor": a role after the name, not a name.
    const ROLES: [&str; 12] = [
        "correspondent",
        "editor",
        "reporter",
        "writer",
        "columnist",
        "producer",
        "contributor",
        "photographer",
        "analyst",
        "chief",
        "journalist",
        "staff",
    ];
    let mut names = Vec::new();
    for part in rest.split([',', '&', ';']).flat_map(|p| p.split(" and ")) {
        // "Jane Doe in London": the place is not part of the name.
        let part = part
            .split_once(" in ")
            .map_or(part, |(name, _)| name)
            .trim();
        if part.is_empty() {
            continue;
        }
        let last = part.rsplit(' ').next().unwrap_or(part).to_lowercase();
        if ROLES.contains(&last.as_str()) {
            continue;
        }
        // "Ingrid Solvang, Johannesburg": one word after a name is a place or an outlet.
        if !names.is_empty() && !part.contains(' ') {
            continue;
        }
        if !looks_like_name(part) {
            return None;
        }
        if !AGENCIES.contains(&part.to_lowercase().as_str()) {
            names.push(part);
        }
    }
    Some(names)
}

fn looks_like_name(s: &str) -> bool {
    const PARTICLES: [&str; 10] = [
        "de", "van", "von", "al", "bin", "la", "del", "da", "der", "le",
    ];
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=5).contains(&words.len())
        && words.iter().all(|w| {
            !w.chars().any(|c| c.is_ascii_digit())
                && (w.starts_with(char::is_uppercase) || PARTICLES.contains(w))
        })
}

/// A stand-in headline for a file that starts straight into a long paragraph: its first
/// sentence, or its first words.
fn headline_of(line: &str) -> String {
    let sentence = line.split_inclusive(". ").next().unwrap_or(line).trim();
    if sentence.chars().count() <= 200 {
        return sentence.to_string();
    }
    let mut title = String::new();
    for word in line.split_whitespace() {
        if title.len() + word.len() > 100 {
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    title.push('…');
    title
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_dateline_with_its_year_dates_the_story() {
        use time::macros::datetime;
        for (lede, want) in [
            (
                "WASHINGTON, Jan. 20, 2025 — The president spoke.",
                Some(datetime!(2025-01-20 0:00 UTC)),
            ),
            (
                "NAIROBI, Kenya, March 3, 2025 (Reuters) - Talks began.",
                Some(datetime!(2025-03-03 0:00 UTC)),
            ),
            (
                "LONDON, 5 March 2025 – Rates held.",
                Some(datetime!(2025-03-05 0:00 UTC)),
            ),
            // No year, no date; a sentence with a comma and a dash is no dateline.
            ("WASHINGTON, Jan. 20 — The president spoke.", None),
            ("Prices rose, analysts said in 2024 - a record.", None),
        ] {
            let a = super::parse(&format!("Headline\n\n{lede}\n")).expect("article");
            assert_eq!(a.date, want, "{lede}");
        }
        // A date line in the header wins.
        let a = super::parse("Headline\nDate: 2024-05-01\n\nWASHINGTON, Jan. 20, 2025 — Text.\n")
            .expect("article");
        assert_eq!(a.date, Some(datetime!(2024-05-01 0:00 UTC)));
    }

    use super::*;
    use time::macros::datetime;

    const SCRAPED: &str =
        "IE 11 is not supported. For an optimal experience visit our site on another browser.

Skip to content
Home | World | Politics | Business
Leaders Discuss Trade at Summit in Osaka

The talks came hours after the two leaders spoke by phone.
Image: Prime Minister X and President Y.
Prime Minister X and President Y.JOHN SMITH/AFP / Getty Images
/ Source: Reuters
June 28, 2019, 10:30 AM UTC / Updated June 28, 2019, 11:00 AM UTC
By Jane Doe and John Roe

Body paragraph one, with details.
Advertisement

Body paragraph two.
Photo: A crowd.
A crowd. (Photo by A. Person/Getty Images)

Jane Doe contributed.
";

    #[test]
    fn scraped_page() {
        let a = parse(SCRAPED).unwrap();
        assert_eq!(a.title, "Leaders Discuss Trade at Summit in Osaka");
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        assert_eq!(a.date, Some(datetime!(2019-06-28 10:30:00 UTC)));
        assert_eq!(a.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(
            a.body,
            "The talks came hours after the two leaders spoke by phone.\n\n\
             Body paragraph one, with details.\n\nBody paragraph two.\n\nJane Doe contributed."
        );
    }

    #[test]
    fn header_lines() {
        let a = parse(
            "Title: Trade Talks\nDate: 2016-09-05\nSource: Example Wire\nAuthor: Jane Doe\n\
             URL: https://example.com/x\nTags: trade, g20\n\nBody text.\n",
        )
        .unwrap();
        assert_eq!(a.title, "Trade Talks");
        assert_eq!(a.date, Some(datetime!(2016-09-05 00:00:00 UTC)));
        assert_eq!(a.source.as_deref(), Some("Example Wire"));
        assert_eq!(a.authors, ["Jane Doe"]);
        assert_eq!(a.url.as_deref(), Some("https://example.com/x"));
        assert_eq!(a.topics, ["trade", "g20"]);
        assert_eq!(a.body, "Body text.");
    }

    #[test]
    fn titles_and_bodies() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "Title\n\nPara one\nstill one\n\nPara two",
                "Title",
                "Para one\nstill one\n\nPara two",
            ),
            ("Title\nLine one\nLine two", "Title", "Line one\n\nLine two"),
            ("Only a title", "Only a title", ""),
            ("\r\nTitle\r\n\r\nBody\r\n", "Title", "Body"),
            ("Title\rBody", "Title", "Body"),
            (
                "Breaking: Leaders meet\n\nText",
                "Breaking: Leaders meet",
                "Text",
            ),
            (
                "Title\n\nBy the time they met, it was late.",
                "Title",
                "By the time they met, it was late.",
            ),
            ("Title\n\nSeptember 5, 2016\n\nText", "Title", "Text"),
            (
                "Title\n\nA\nB\nC\nSeptember 5, 2016",
                "Title",
                "A\n\nB\n\nC\n\nSeptember 5, 2016",
            ),
            ("Title\n\n\u{a0}\nBody", "Title", "Body"),
            ("Obama Meets Putin\n\nText", "Obama Meets Putin", "Text"),
        ];
        for (input, title, body) in cases {
            let a = parse(input).unwrap();
            assert_eq!(
                (a.title.as_str(), a.body.as_str()),
                (*title, *body),
                "{input:?}"
            );
        }
    }

    #[test]
    fn long_first_line_is_prose() {
        let para = format!("The first sentence is short. {}", "word ".repeat(80));
        let a = parse(&para).unwrap();
        assert_eq!(a.title, "The first sentence is short.");
        assert_eq!(a.body, para.trim());
        let run_on = "word ".repeat(100);
        let a = parse(&run_on).unwrap();
        assert!(a.title.ends_with('…') && a.title.len() < 110, "{}", a.title);
    }

    #[test]
    fn nothing_but_boilerplate() {
        assert!(parse("Advertisement\nSkip to content\nWe use cookies.\n").is_none());
        assert!(parse("").is_none());
        assert!(parse("\n \n").is_none());
    }

    #[test]
    fn bylines() {
        for (line, want) in [
            ("By Jane Doe", Some(vec!["Jane Doe"])),
            ("By Jane Doe, Reuters", Some(vec!["Jane Doe"])),
            ("BY JANE DOE | CNN", Some(vec!["JANE DOE"])),
            (
                "By Ana de la Cruz and Li Wei",
                Some(vec!["Ana de la Cruz", "Li Wei"]),
            ),
            ("By Reuters", Some(vec![])),
            (
                "By Marcus Pellew, Diplomatic correspondent",
                Some(vec!["Marcus Pellew"]),
            ),
            ("By Jane Doe in London", Some(vec!["Jane Doe"])),
            (
                "By Ingrid Solvang, Johannesburg",
                Some(vec!["Ingrid Solvang"]),
            ),
            ("By the way", None),
            ("By 2020 it grew", None),
            ("Jane Doe", None),
            ("Obama Meets Putin", None),
        ] {
            assert_eq!(byline(line), want, "{line}");
        }
    }
}
