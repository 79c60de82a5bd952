//! One file to its articles: read (gunzip, size cap), refuse empty and binary content, detect
//! the format, decode, hand the text to that format's parser, and give every article its path,
//! record number, id and format. Problems become a reason string for the caller to report.

use crate::article::{Article, Format};

use super::detect::{binary_reason, decode_text, detect_format, extension, has_no_parser};
use super::read::read_content;
use super::{Parsed, Problem, Skipped, SourceFile, html, json, sgml, text};

/// Reads `file` (gunzipping when the name ends in `.gz` or the content starts with the gzip
/// magic), detects its format, decodes and parses it. Every article gets `path` = the display
/// path, `record` = its 0-based number in the file, the matching `id`, and `format`.
///
/// Errors are a reason for people to read: "binary file (NUL bytes)", "empty file",
/// "file too large: 300 MiB > limit 256 MiB", "invalid JSON at line 3 column 5: …",
/// "unknown format: no parser for .pdf", "truncated gzip: …". `max_bytes` caps the
/// decompressed size, and reading stops there, so a gzip bomb cannot fill memory.
///
/// When gunzipping stopped early but complete records (Reuters stories, JSON lines) came out
/// before the damage, they are kept and the damage becomes a warning; a one-article file cut
/// short is an error.
pub fn load(file: &SourceFile, max_bytes: u64) -> Result<Parsed, String> {
    let content = read_content(&file.path, max_bytes)?;
    let parsed = parse_bytes(&file.display, &content.bytes, content.cut);
    match (parsed, content.damage) {
        (parsed, None) => parsed,
        (Ok(mut parsed), Some(damage)) if !parsed.articles.is_empty() => {
            let n = parsed.articles.len();
            let kept = if !content.cut {
                String::new()
            } else if n == 1 {
                "; the article before it is kept".to_string()
            } else {
                format!("; the {n} articles before it are kept")
            };
            parsed.warnings.push(Skipped {
                path: file.display.clone(),
                reason: format!("{damage}{kept}"),
            });
            Ok(parsed)
        }
        (_, Some(damage)) => Err(damage),
    }
}

/// A text whose body (boilerplate already removed) is mostly a list (a name or a few words per
/// line: category lists, key phrase files) rather than prose is not an article.
fn word_list(body: &str) -> Option<String> {
    let lines: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let short = lines
        .iter()
        .filter(|l| l.split_whitespace().count() <= 3)
        .count();
    (lines.len() >= 10 && short * 2 > lines.len()).then(|| {
        format!(
            "not an article: a list ({short} of {} lines hold three words or fewer)",
            lines.len()
        )
    })
}

/// Everything after reading, for content already in memory. `display` names the file in ids
/// and warnings, and its extension steers format detection. `cut_short` says the content ends
/// mid-file, so only records that ended before the cut are parsed.
pub(crate) fn parse_bytes(display: &str, bytes: &[u8], cut_short: bool) -> Result<Parsed, String> {
    let transcoded = from_utf16(bytes);
    let bytes = transcoded.as_deref().map_or(bytes, str::as_bytes);
    let content = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if content.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".to_string());
    }
    let Some(format) = detect_format(display, bytes) else {
        let ext = extension(display);
        return Err(if has_no_parser(&ext) {
            format!("unknown format: no parser for .{ext}")
        } else {
            binary_reason(bytes).unwrap_or("binary file").to_string()
        });
    };
    let decoded = decode_text(bytes);
    let text: &str = match (cut_short, format) {
        (false, _) => &decoded,
        (true, Format::Sgml) => decoded
            .rfind("</REUTERS>")
            .map_or("", |end| &decoded[..end + "</REUTERS>".len()]),
        (true, Format::Jsonl) => decoded.rfind('\n').map_or("", |end| &decoded[..end]),
        (true, _) => return Err("incomplete".to_string()),
    };
    let (mut articles, problems) = match format {
        Format::Text => {
            let article = text::parse(text).ok_or("no article text found")?;
            if let Some(reason) = word_list(&article.body) {
                return Err(reason);
            }
            (vec![article], Vec::new())
        }
        Format::Html => (vec![html::parse(text)?], Vec::new()),
        Format::Sgml => (sgml::parse(text), Vec::new()),
        Format::Feed => super::feed::parse(text),
        Format::Json => match json::parse_json(text) {
            Ok(got) => (got.articles, got.problems),
            // A `.json` file that is JSON Lines with a bad line: read line by line, when that
            // finds articles; else the document's own error says what is wrong.
            Err(e) => {
                let lines = json::parse_jsonl(text);
                if lines.articles.is_empty() {
                    return Err(e);
                }
                (lines.articles, lines.problems)
            }
        },
        Format::Jsonl => {
            let got = json::parse_jsonl(text);
            (got.articles, got.problems)
        }
    };
    if articles.is_empty() && problems.is_empty() {
        return Err(match format {
            Format::Sgml => "no Reuters records found".to_string(),
            Format::Feed => "no feed items found".to_string(),
            _ => "no articles found".to_string(),
        });
    }
    for a in &mut articles {
        number(a, display, format);
    }
    let warnings = problems.into_iter().map(|p| warning(display, p)).collect();
    Ok(Parsed { articles, warnings })
}

fn number(a: &mut Article, display: &str, format: Format) {
    for text in [&mut a.title, &mut a.body]
        .into_iter()
        .chain(a.dateline.as_mut())
        .chain(a.source.as_mut())
        .chain(a.url.as_mut())
        .chain(a.source_id.as_mut())
        .chain(a.authors.iter_mut())
    {
        super::markup::blank_controls(text);
    }
    a.path = display.to_string();
    a.id = Article::make_id(display, a.record);
    a.format = Some(format);
}

fn warning(display: &str, p: Problem) -> Skipped {
    let path = match p.line {
        Some(line) => format!("{display}:{line}"),
        None => display.to_string(),
    };
    Skipped {
        path,
        reason: p.reason,
    }
}

/// UTF-16 with a byte-order mark (Windows "Unicode" exports) as UTF-8; NUL bytes would
/// otherwise make it look binary.
fn from_utf16(bytes: &[u8]) -> Option<String> {
    let encoding = match bytes {
        [0xFF, 0xFE, ..] => encoding_rs::UTF_16LE,
        [0xFE, 0xFF, ..] => encoding_rs::UTF_16BE,
        _ => return None,
    };
    Some(encoding.decode_with_bom_removal(bytes).0.into_owned())
}

#[cfg(test)]
mod word_list_tests {
    use super::word_list;

    #[test]
    fn lists_are_not_articles_but_prose_is() {
        let list = "alpha\nbeta\ngamma-delta\n".repeat(5);
        assert!(word_list(&list).is_some_and(|r| r.contains("15 of 15")));
        let wrapped = "Ministers met on Monday to discuss the\nplan for the region.\n".repeat(10);
        assert_eq!(word_list(&wrapped), None);
        let prose = "A title\n\nSome prose about a summit that went on.\n".repeat(10);
        assert_eq!(word_list(&prose), None);
        assert_eq!(word_list("Short\n\nOne line article."), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::path::{Path, PathBuf};

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }

    /// Writes `bytes` to `name` in a fresh temp dir and loads it.
    fn load_bytes(name: &str, bytes: &[u8], max: u64) -> Result<Parsed, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let file = SourceFile {
            path,
            display: format!("corpus/{name}"),
            size: bytes.len() as u64,
            mtime_ns: 0,
        };
        load(&file, max)
    }

    fn err(name: &str, bytes: &[u8]) -> String {
        load_bytes(name, bytes, 1 << 20).unwrap_err()
    }

    #[test]
    fn bad_files_give_reasons() {
        let cases: &[(&str, &[u8], &str)] = &[
            ("a.txt", b"abc\0def", "binary file (NUL bytes)"),
            (
                "a.dat",
                b"\x01\x02\x03\x04\x05 ab",
                "binary file (control characters)",
            ),
            ("a.txt", b"", "empty file"),
            ("a.txt", b" \n\t\r\n ", "empty file"),
            ("a.txt", b"\xEF\xBB\xBF\n", "empty file"),
            ("a.pdf", b"%PDF-1.4", "unknown format: no parser for .pdf"),
            (
                "a.json",
                b"{\n  \"title\": oops\n}",
                "invalid JSON at line 2 column 12: expected value",
            ),
            (
                "a.html",
                b"<html><body><nav>Home</nav><div class='promo'>Buy</div></body></html>",
                "no article text found",
            ),
            (
                "a.txt",
                b"Advertisement\nSkip to content\n",
                "no article text found",
            ),
            (
                "a.sgm",
                b"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n",
                "no Reuters records found",
            ),
            ("a.json", b"[]", "no articles found"),
            (
                "a.txt.gz",
                b"not gzip at all",
                "corrupt gzip: invalid gzip header",
            ),
        ];
        for (name, bytes, want) in cases {
            assert_eq!(err(name, bytes), *want, "{name}");
        }
        assert!(err("gone.txt", b"").starts_with("empty file"));
    }

    #[test]
    fn articles_get_path_record_id_and_format() {
        let got = load_bytes(
            "a.jsonl",
            b"{\"title\": \"A\"}\nbroken\n{\"title\": \"C\"}\n",
            1 << 20,
        )
        .unwrap();
        let ids: Vec<_> = got
            .articles
            .iter()
            .map(|a| (a.id.as_str(), a.record, a.format))
            .collect();
        assert_eq!(
            ids,
            [
                ("corpus/a.jsonl#0", 0, Some(Format::Jsonl)),
                ("corpus/a.jsonl#2", 2, Some(Format::Jsonl))
            ]
        );
        assert!(got.articles.iter().all(|a| a.path == "corpus/a.jsonl"));
        assert_eq!(got.warnings.len(), 1);
        assert_eq!(got.warnings[0].path, "corpus/a.jsonl:2");
        assert!(
            got.warnings[0].reason.starts_with("line 2: invalid JSON: "),
            "{:?}",
            got.warnings
        );

        let got = load_bytes("story.txt", b"Title\n\nBody", 1 << 20).unwrap();
        assert_eq!(got.articles[0].id, "corpus/story.txt#0");
        assert_eq!(got.articles[0].format, Some(Format::Text));
    }

    #[test]
    fn windows_1252_and_utf16_text() {
        let got = load_bytes(
            "a.txt",
            b"Caf\xe9 opens\n\nThe caf\xe9 \x93reopened\x94.",
            1 << 20,
        )
        .unwrap();
        assert_eq!(got.articles[0].title, "Café opens");
        assert_eq!(got.articles[0].body, "The café \u{201c}reopened\u{201d}.");

        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("Título\n\nCuerpo".encode_utf16().flat_map(u16::to_le_bytes));
        let got = load_bytes("a.txt", &utf16, 1 << 20).unwrap();
        assert_eq!(
            (
                got.articles[0].title.as_str(),
                got.articles[0].body.as_str()
            ),
            ("Título", "Cuerpo")
        );
    }

    #[test]
    fn gzip_by_name_or_magic() {
        let gz = gzip(b"Title\n\nBody");
        for name in ["a.txt.gz", "a.txt", "a.TXT.GZ"] {
            let got = load_bytes(name, &gz, 1 << 20).unwrap();
            assert_eq!(got.articles[0].title, "Title", "{name}");
        }
        assert_eq!(err("a.txt.gz", &gzip(b"")), "empty file");
    }

    #[test]
    fn truncated_gzip_keeps_complete_records() {
        let lines: String = (0..3000)
            .map(|i| {
                format!(
                    "{{\"title\": \"story {i}\", \"body\": \"text {i} {}\"}}\n",
                    i * 7919 % 104729
                )
            })
            .collect();
        let gz = gzip(lines.as_bytes());
        let got = load_bytes("a.jsonl.gz", &gz[..gz.len() / 2], u64::MAX).unwrap();
        assert!(!got.articles.is_empty() && got.articles.len() < 3000);
        // The cut line is not reported as bad JSON: the damage says it all.
        assert_eq!(got.warnings.len(), 1, "{:?}", got.warnings);
        assert_eq!(got.warnings[0].path, "corpus/a.jsonl.gz");
        assert!(
            got.warnings[0].reason.starts_with("truncated gzip: "),
            "{:?}",
            got.warnings
        );

        // Reuters: the story the cut went through is dropped, the ones before it kept whole.
        let records: String = (1..=400)
            .map(|i| format!("<REUTERS NEWID=\"{i}\">\n<TEXT><TITLE>T{i}</TITLE><BODY>story {i} {}\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n", i * 7919 % 104729))
            .collect();
        let gz = gzip(records.as_bytes());
        let got = load_bytes("r.sgm.gz", &gz[..gz.len() / 2], u64::MAX).unwrap();
        let n = got.articles.len();
        assert!(n > 0 && n < 400);
        assert_eq!(
            got.articles[n - 1].body,
            format!("story {n} {}", n * 7919 % 104729)
        );

        // Nothing complete before the cut: the damage is the error.
        let single = gzip(
            format!(
                "{{\"title\": \"x\", \"body\": \"{}\"}}",
                "word ".repeat(5000)
            )
            .as_bytes(),
        );
        let e = load_bytes("a.json.gz", &single[..single.len() / 2], u64::MAX).unwrap_err();
        assert!(e.starts_with("truncated gzip"), "{e}");
        let e = load_bytes("a.txt.gz", &single[..10], u64::MAX).unwrap_err();
        assert!(e.starts_with("truncated gzip"), "{e}");
    }

    #[test]
    fn sgml_with_missing_close_tags() {
        let sgml = b"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS NEWID=\"5\">\n<TEXT><TITLE>ONE</TITLE><BODY>First\n<REUTERS NEWID=\"6\">\n<TEXT><BODY>Second cut";
        let got = load_bytes("r.sgm", sgml, 1 << 20).unwrap();
        let seen: Vec<_> = got
            .articles
            .iter()
            .map(|a| (a.id.as_str(), a.source_id.as_deref(), a.body.as_str()))
            .collect();
        assert_eq!(
            seen,
            [
                ("corpus/r.sgm#0", Some("5"), "First"),
                ("corpus/r.sgm#1", Some("6"), "Second cut")
            ]
        );
    }

    #[test]
    fn size_limit() {
        let big = "word ".repeat(1000);
        let e = load_bytes("a.txt", big.as_bytes(), 100).unwrap_err();
        assert_eq!(e, "file too large: 4.9 KiB > limit 100 B");
        let e = load_bytes("a.txt.gz", &gzip(big.as_bytes()), 1000).unwrap_err();
        assert!(e.starts_with("file too large: "), "{e}");
        assert!(load_bytes("a.txt", big.as_bytes(), 5000).is_ok());
    }

    #[test]
    fn missing_file() {
        let file = SourceFile {
            path: PathBuf::from("/nonexistent/x.txt"),
            display: "x.txt".into(),
            size: 0,
            mtime_ns: 0,
        };
        assert!(load(&file, 100).unwrap_err().starts_with("cannot open: "));
    }

    /// The whole Reuters-21578 collection, when the shared data is there.
    #[test]
    fn reuters_21578_collection() {
        let dir = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/reuters21578"
        ));
        if !dir.is_dir() {
            eprintln!("skipping: ../shared/data/reuters21578 not found");
            return;
        }
        let mut seen = vec![false; 21_579];
        let mut total = 0;
        for n in 0..22 {
            let path = dir.join(format!("reut2-{n:03}.sgm.gz"));
            let file = SourceFile {
                display: format!("reuters/reut2-{n:03}.sgm.gz"),
                path,
                size: 0,
                mtime_ns: 0,
            };
            let parsed = load(&file, 256 << 20).unwrap();
            assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
            for a in &parsed.articles {
                assert!(!a.id.is_empty() && a.format == Some(Format::Sgml));
                let newid: usize = a.source_id.as_deref().unwrap().parse().unwrap();
                seen[newid] = true;
                assert!(a.date.is_some(), "NEWID {newid} has no date");
            }
            total += parsed.articles.len();
        }
        assert_eq!(total, 21_578);
        let missing: Vec<_> = (1..=21_578).filter(|&i| !seen[i]).collect();
        assert!(missing.is_empty(), "missing NEWIDs: {missing:?}");
    }
}
