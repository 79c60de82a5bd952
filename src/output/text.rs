//! Terminal output: a compact block per hit, colour only when asked (the binary asks when
//! stdout is a TTY and NO_COLOR is unset).

use std::io::Write;

use crate::article::Article;
use crate::search::{FacetCounts, Hit, Stats, rfc3339};

#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const HIGHLIGHT: &str = "\x1b[1;31m";
const CYAN: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("{code}{s}{RESET}")
        } else {
            s.to_string()
        }
    }

    /// Wraps the highlighted ranges; without colour, marks them with [brackets].
    fn highlight(&self, text: &str, ranges: &[[usize; 2]]) -> String {
        let mut out = String::with_capacity(text.len() + ranges.len() * 8);
        let mut at = 0;
        for &[s, e] in ranges {
            if s < at || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            out.push_str(&text[at..s]);
            if self.color {
                out.push_str(&self.paint(HIGHLIGHT, &text[s..e]));
            } else {
                out.push('[');
                out.push_str(&text[s..e]);
                out.push(']');
            }
            at = e;
        }
        out.push_str(&text[at..]);
        out
    }
}

fn date_of(a: &Article) -> Option<String> {
    a.date.map(|d| rfc3339(d).chars().take(10).collect())
}

pub fn hit(out: &mut impl Write, h: &Hit, style: Style) -> std::io::Result<()> {
    let a = &h.article;
    let title = if a.title.is_empty() {
        "(untitled)"
    } else {
        &a.title
    };
    let title = if style.color {
        format!(
            "{BOLD}{}{RESET}",
            style.highlight(title, &h.title_highlights)
        )
    } else {
        title.to_string()
    };
    writeln!(out, "{}. {title}", h.rank)?;
    let mut meta: Vec<String> = Vec::new();
    meta.extend(date_of(a));
    meta.extend(a.dateline.clone());
    meta.extend(a.source.clone());
    meta.push(a.id.clone());
    writeln!(out, "   {}", style.paint(DIM, &meta.join(" · ")))?;
    if !h.snippet.text.is_empty() {
        writeln!(
            out,
            "   {}",
            style.highlight(&h.snippet.text, &h.snippet.highlights)
        )?;
    }
    let mut tags = Vec::new();
    if !a.speakers.is_empty() {
        tags.push(format!("speakers: {}", a.speakers.join(", ")));
    }
    if !a.summits.is_empty() {
        tags.push(format!("summits: {}", a.summits.join(", ")));
    }
    if !tags.is_empty() {
        writeln!(out, "   {}", style.paint(CYAN, &tags.join(" · ")))?;
    }
    if h.similar_count > 0 {
        let line = similar_line(h.similar_count, &h.similar);
        writeln!(out, "   {}", style.paint(DIM, &line))?;
    }
    writeln!(out)
}

/// How many ids of folded copies the terminal lists before "…".
pub const SIMILAR_SHOWN: usize = 3;

/// "+N similar: " and the first ids of the `count` copies.
fn similar_line(count: usize, ids: &[String]) -> String {
    let mut line = format!("+{count} similar: ");
    let shown = ids.len().min(SIMILAR_SHOWN).min(count);
    line.push_str(&ids[..shown].join(", "));
    if count > shown {
        line.push_str(", …");
    }
    line
}

/// One near-duplicate pair of `newsdex dups`: the distance, then each article's id and title.
pub fn pair(
    out: &mut impl Write,
    a: &Article,
    b: &Article,
    distance: u32,
    style: Style,
) -> std::io::Result<()> {
    let bits = format!("{distance:>2} bits");
    writeln!(out, "{}  {}  {}", style.paint(DIM, &bits), a.id, a.title)?;
    writeln!(out, "{}  {}  {}", " ".repeat(bits.len()), b.id, b.title)
}

pub fn dups_summary(
    out: &mut impl Write,
    pairs: &[(Article, Article, u32)],
    articles: u64,
    threshold: u32,
) -> std::io::Result<()> {
    let s = crate::search::dedup::PairStats::of(pairs);
    writeln!(
        out,
        "{} near-duplicate pair{} ({} with identical fingerprints) involving {} of {articles} \
         articles, at most {threshold} bits apart",
        pairs.len(),
        if pairs.len() == 1 { "" } else { "s" },
        s.identical,
        s.articles_in_pairs,
    )
}

pub fn summary(
    out: &mut impl Write,
    total: usize,
    offset: usize,
    shown: usize,
) -> std::io::Result<()> {
    if total == 0 {
        writeln!(out, "no matching articles")
    } else if shown == 0 {
        let s = if total == 1 { "" } else { "s" };
        writeln!(
            out,
            "{total} matching article{s}, none on this page (offset {offset})"
        )
    } else {
        writeln!(
            out,
            "showing {}–{} of {total} matching article{}",
            offset + 1,
            offset + shown,
            if total == 1 { "" } else { "s" }
        )
    }
}

fn facet_block(out: &mut impl Write, f: &FacetCounts, style: Style) -> std::io::Result<()> {
    let groups = [
        ("people", &f.people),
        ("speakers", &f.speakers),
        ("summits", &f.summits),
        ("topics", &f.topics),
        ("datelines", &f.datelines),
    ];
    for (name, values) in groups {
        if values.is_empty() {
            continue;
        }
        let list: Vec<String> = values.iter().map(|(v, n)| format!("{v} ({n})")).collect();
        writeln!(
            out,
            "{} {}",
            style.paint(BOLD, &format!("{name}:")),
            list.join(", ")
        )?;
    }
    Ok(())
}

pub fn facets(out: &mut impl Write, f: &FacetCounts, style: Style) -> std::io::Result<()> {
    writeln!(out, "{}", style.paint(BOLD, "— facets over all matches —"))?;
    facet_block(out, f, style)?;
    writeln!(out)
}

pub fn article(out: &mut impl Write, a: &Article, style: Style) -> std::io::Result<()> {
    writeln!(out, "{}", style.paint(BOLD, &a.title))?;
    let rows: [(&str, String); 13] = [
        ("id", a.id.clone()),
        ("source id", a.source_id.clone().unwrap_or_default()),
        ("date", a.date.map(rfc3339).unwrap_or_default()),
        ("dateline", a.dateline.clone().unwrap_or_default()),
        ("source", a.source.clone().unwrap_or_default()),
        ("url", a.url.clone().unwrap_or_default()),
        ("authors", a.authors.join(", ")),
        ("people", a.people.join(", ")),
        ("speakers", a.speakers.join(", ")),
        ("summits", a.summits.join(", ")),
        ("topics", a.topics.join(", ")),
        ("places", a.places.join(", ")),
        ("orgs", a.orgs.join(", ")),
    ];
    for (k, v) in rows {
        if !v.is_empty() {
            writeln!(out, "{} {v}", style.paint(DIM, &format!("{k:>10}:")))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", a.body)
}

pub fn stats(out: &mut impl Write, s: &Stats, style: Style) -> std::io::Result<()> {
    writeln!(out, "{} articles", s.articles)?;
    if let (Some(a), Some(b)) = (&s.first_date, &s.last_date) {
        writeln!(
            out,
            "dates: {} to {}",
            &a[..a.len().min(10)],
            &b[..b.len().min(10)]
        )?;
    }
    facet_block(out, &s.top, style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Snippet;

    #[test]
    fn plain_output_marks_highlights_and_lists_tags() {
        let h = Hit {
            rank: 1,
            score: 1.0,
            article: Article {
                id: "c/a.txt#0".into(),
                title: "Cease-fire talks".into(),
                dateline: Some("Beirut, Lebanon".into()),
                speakers: vec!["Barack Obama".into()],
                summits: vec!["G20".into()],
                ..Default::default()
            },
            snippet: Snippet {
                text: "a Syria cease-fire".into(),
                highlights: vec![[2, 7], [8, 18]],
            },
            title_highlights: vec![],
            // Four copies, three of them named (as the CLI asks for).
            similar: vec!["x#1".into(), "x#2".into(), "x#3".into()],
            similar_count: 4,
        };
        let mut buf = Vec::new();
        hit(&mut buf, &h, Style { color: false }).expect("write");
        let s = String::from_utf8(buf).expect("utf8");
        assert!(s.contains("1. Cease-fire talks"));
        assert!(s.contains("Beirut, Lebanon · c/a.txt#0"));
        assert!(s.contains("a [Syria] [cease-fire]"));
        assert!(s.contains("speakers: Barack Obama · summits: G20"));
        assert!(s.contains("+4 similar: x#1, x#2, x#3, …"));
        assert!(!s.contains('\x1b'));
        assert_eq!(
            similar_line(2, &["a#1".into(), "a#2".into()]),
            "+2 similar: a#1, a#2"
        );
    }

    #[test]
    fn bad_ranges_are_ignored() {
        let st = Style { color: false };
        assert_eq!(st.highlight("héllo", &[[1, 2], [0, 99]]), "héllo");
    }
}
