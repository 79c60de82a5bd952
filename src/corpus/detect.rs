//! Naming a file's format (extension first, content when the extension is missing or lies) and
//! decoding its bytes to text. Knows nothing of how each format is parsed.

use std::borrow::Cow;

use crate::article::Format;

/// How much of a file the binary check looks at, like `grep` and `ripgrep` do.
const SNIFF_BYTES: usize = 8 * 1024;

/// Extensions of files that are never articles we can read; naming them gives a clearer message
/// than "binary file" (and a mostly-ASCII PDF would otherwise pass as text).
const NO_PARSER: &[&str] = &[
    "pdf", "doc", "docx", "odt", "rtf", "xls", "xlsx", "ppt", "pptx", "png", "jpg", "jpeg", "gif",
    "webp", "bmp", "tif", "tiff", "ico", "svg", "mp3", "mp4", "wav", "avi", "mov", "zip", "tar",
    "tgz", "bz2", "xz", "zst", "7z", "rar", "exe", "dll", "so", "o", "class", "jar", "pyc", "woff",
    "woff2", "ttf", "sqlite", "db", "parquet",
];

/// Format by extension (after stripping `.gz`), else by content: Reuters SGML, HTML, JSON (one
/// value) or JSON lines, else text. Content also overrides an extension that lies about JSON
/// (a `.json` of JSON lines, a `.jsonl` holding one pretty-printed object) and a `.txt` that is
/// Reuters SGML. `None` for binary content (NUL bytes or many control characters in the first
/// 8 KiB) and for extensions of formats without a parser (`.pdf`, images, archives).
pub fn detect_format(name: &str, bytes: &[u8]) -> Option<Format> {
    let ext = extension(name);
    if has_no_parser(&ext) || binary_reason(bytes).is_some() {
        return None;
    }
    let content = trimmed(bytes);
    let head = &content[..content.len().min(SNIFF_BYTES)];
    Some(match ext.as_str() {
        "txt" | "text" if is_reuters(head) => Format::Sgml,
        "txt" | "text" => Format::Text,
        "html" | "htm" | "xhtml" | "shtml" => Format::Html,
        "sgm" | "sgml" => Format::Sgml,
        "rss" | "atom" | "xml" if super::feed::is_feed(head) => Format::Feed,
        // A `.json` holding JSON lines is common (exports named by hand); so is the reverse.
        // A broken single object stays JSON so its error names the line and column.
        "json" if is_json_lines(content) => Format::Jsonl,
        "json" => Format::Json,
        "jsonl" | "ndjson" if !first_line_is_json(content) && is_single_json(content) => {
            Format::Json
        }
        "jsonl" | "ndjson" => Format::Jsonl,
        _ => sniff(head, content),
    })
}

/// Whether files with this extension (lowercase, no dot) are a format we cannot read.
pub(crate) fn has_no_parser(ext: &str) -> bool {
    NO_PARSER.contains(&ext)
}

/// Why `bytes` look binary, if they do: NUL bytes, or too many control characters in the first
/// 8 KiB.
pub(crate) fn binary_reason(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.contains(&0) {
        return Some("binary file (NUL bytes)");
    }
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    // A stray control character or two is fine (Reuters has them); a tenth of the text is not.
    (controls * 10 > head.len()).then_some("binary file (control characters)")
}

/// UTF-8 if valid (without its BOM), else Windows-1252, which maps every byte to a character so
/// no text is ever dropped.
pub fn decode_text(bytes: &[u8]) -> Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

/// The lowercase extension after dropping a trailing `.gz`: "a/b.SGM.gz" -> "sgm".
pub(crate) fn extension(name: &str) -> String {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let lower = file.to_ascii_lowercase();
    let stem = lower.strip_suffix(".gz").unwrap_or(&lower);
    match stem.rsplit_once('.') {
        Some((before, ext)) if !before.is_empty() => ext.to_string(),
        _ => String::new(),
    }
}

fn sniff(head: &[u8], content: &[u8]) -> Format {
    if is_reuters(head) {
        return Format::Sgml;
    }
    if super::feed::is_feed(head) {
        return Format::Feed;
    }
    if is_html(head) {
        return Format::Html;
    }
    match head.first() {
        Some(b'{') if is_json_lines(content) => Format::Jsonl,
        Some(b'{') => Format::Json,
        Some(b'[') => Format::Json,
        _ => Format::Text,
    }
}

/// The content after a BOM and leading whitespace.
fn trimmed(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

fn starts_with_ignore_case(head: &[u8], prefix: &str) -> bool {
    head.len() >= prefix.len() && head[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn is_reuters(head: &[u8]) -> bool {
    starts_with_ignore_case(head, "<!DOCTYPE lewis") || starts_with_ignore_case(head, "<REUTERS")
}

fn is_html(head: &[u8]) -> bool {
    const OPENERS: [&str; 12] = [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<title",
        "<article",
        "<!--",
        "<div",
        "<p>",
        "<h1",
        "<?xml",
    ];
    OPENERS.iter().any(|o| starts_with_ignore_case(head, o))
}

/// An object on the first line by itself, and more after it. The cheap test runs first so a
/// pretty-printed file is never parsed twice here.
fn is_json_lines(content: &[u8]) -> bool {
    content.first() == Some(&b'{') && first_line_is_json(content) && !is_single_json(content)
}

/// Whether the whole input is exactly one JSON value.
fn is_single_json(bytes: &[u8]) -> bool {
    let mut stream =
        serde_json::Deserializer::from_slice(bytes).into_iter::<serde::de::IgnoredAny>();
    match stream.next() {
        Some(Ok(_)) => bytes[stream.byte_offset()..]
            .iter()
            .all(u8::is_ascii_whitespace),
        _ => false,
    }
}

fn first_line_is_json(content: &[u8]) -> bool {
    let line = content.split(|&b| b == b'\n').next().unwrap_or(content);
    serde_json::from_slice::<serde::de::IgnoredAny>(line).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_by_extension_and_content() {
        let cases: &[(&str, &[u8], Option<Format>)] = &[
            ("a.txt", b"Title\n\nBody", Some(Format::Text)),
            ("a.TEXT", b"Title", Some(Format::Text)),
            ("a.txt", b"<html><body>x</body></html>", Some(Format::Text)),
            ("a.txt.gz", b"Title", Some(Format::Text)),
            ("a.html", b"hello", Some(Format::Html)),
            ("a.htm", b"<p>x", Some(Format::Html)),
            ("a.xhtml", b"<p>x", Some(Format::Html)),
            ("a.json", b"{\"title\": \"x\"}", Some(Format::Json)),
            ("a.json", b"[{\"title\": \"x\"}]", Some(Format::Json)),
            ("a.json", b"{\"a\":1}\n{\"a\":2}\n", Some(Format::Jsonl)),
            ("a.json", b"{\"a\":1,", Some(Format::Json)),
            ("a.json", b"{\"a\":1}\n{\"a\":", Some(Format::Jsonl)),
            ("a.json", b"not json", Some(Format::Json)),
            ("a.jsonl", b"{\"a\":1}\n{\"a\":2}\n", Some(Format::Jsonl)),
            ("a.ndjson", b"{\"a\":1}", Some(Format::Jsonl)),
            ("a.jsonl", b"{\n  \"a\": 1\n}\n", Some(Format::Json)),
            (
                "a.sgm",
                b"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">",
                Some(Format::Sgml),
            ),
            ("reut2-000.sgm.gz", b"<REUTERS>", Some(Format::Sgml)),
            (
                "a.txt",
                b"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">",
                Some(Format::Sgml),
            ),
            ("README", b"  <REUTERS NEWID=\"1\">", Some(Format::Sgml)),
            (
                "page",
                b"\xEF\xBB\xBF <!DOCTYPE html><html>",
                Some(Format::Html),
            ),
            ("page.php", b"<HTML><BODY>", Some(Format::Html)),
            ("dump", b"{\"a\":1}", Some(Format::Json)),
            ("dump", b"{\"a\":1}\n{\"a\":2}", Some(Format::Jsonl)),
            ("dump", b"[1, 2]", Some(Format::Json)),
            ("notes", b"Just some words.", Some(Format::Text)),
            ("TIME.ALL", b"*TEXT 017 01/04/63", Some(Format::Text)),
            ("a.txt", b"abc\0def", None),
            ("a.bin", b"\x01\x02\x03\x04\x05\x06abc", None),
            ("paper.pdf", b"%PDF-1.4 mostly text", None),
            ("bbc.tar.gz", b"plain", None),
            ("", b"", Some(Format::Text)),
        ];
        for (name, bytes, want) in cases {
            assert_eq!(
                detect_format(name, bytes),
                *want,
                "{name} {:?}",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    #[test]
    fn binary_reasons() {
        assert_eq!(binary_reason(b"a\0b"), Some("binary file (NUL bytes)"));
        assert_eq!(
            binary_reason(b"\x01\x02\x03 ab"),
            Some("binary file (control characters)")
        );
        assert_eq!(
            binary_reason(b"text with a \x1b escape and lots more words"),
            None
        );
        assert_eq!(binary_reason(b""), None);
    }

    #[test]
    fn decodes_utf8_else_windows_1252() {
        let cases: &[(&[u8], &str)] = &[
            (b"caf\xc3\xa9", "café"),
            (b"\xEF\xBB\xBFcaf\xc3\xa9", "café"),
            (b"caf\xe9", "café"),
            (
                b"M\xfcnchen \x93quoted\x94 \x80",
                "München \u{201c}quoted\u{201d} €",
            ),
            (b"\x81\x8d", "\u{81}\u{8d}"),
            (b"", ""),
        ];
        for (bytes, want) in cases {
            assert_eq!(decode_text(bytes), *want);
        }
        assert!(matches!(decode_text(b"plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn extension_strips_gz_and_case() {
        for (name, want) in [
            ("a/b.SGM.gz", "sgm"),
            ("x.txt", "txt"),
            ("dir.d/README", ""),
            (".hidden", ""),
            ("a.gz", ""),
            ("a.tar.gz", "tar"),
            ("ü.json", "json"),
        ] {
            assert_eq!(extension(name), want, "{name}");
        }
    }
}
