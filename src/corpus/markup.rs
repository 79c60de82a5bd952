//! Small text helpers the parsers share: character references, tag stripping for HTML that
//! turns up inside JSON strings, whitespace collapsing. A linear scan, not an HTML parser:
//! JSON bodies are fragments, and a full DOM per JSON record would dominate indexing time.

use std::borrow::Cow;

/// Decodes `&amp;`-style references: the XML five, common HTML names, and numeric ones.
/// Control characters become nothing (Reuters wraps each story in `&#2;` … `&#3;`);
/// references we do not know stay as written.
pub(crate) fn decode_entities(s: &str) -> Cow<'_, str> {
    let Some(first) = s.find('&') else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut rest = &s[first..];
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let name_end = rest
            .bytes()
            .take(12)
            .position(|b| b == b';')
            .filter(|&p| p > 1);
        let decoded = name_end.and_then(|end| reference(&rest[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                if let Some(c) = c {
                    out.push(c);
                }
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `Some(None)` for a known reference that decodes to nothing (a control character).
fn reference(name: &str) -> Option<Option<char>> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        return Some(match code {
            0x09 | 0x0a | 0x0d => char::from_u32(code),
            0..=0x1f | 0x7f => None,
            // Old pages write Windows-1252 bytes as references ("&#150;" for a dash).
            0x80..=0x9f => encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(&[code as u8])
                .0
                .chars()
                .next(),
            _ => Some(char::from_u32(code).unwrap_or('\u{fffd}')),
        });
    }
    let c = match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "shy" => return Some(None),
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "deg" => '°',
        "times" => '×',
        "eacute" => 'é',
        "Eacute" => 'É',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "ccedil" => 'ç',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        _ => return None,
    };
    Some(Some(c))
}

/// Whether `s` contains something that looks like an HTML tag.
pub(crate) fn looks_like_html(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        c == b'<'
            && match b.get(i + 1) {
                Some(n) if n.is_ascii_alphabetic() || *n == b'!' => true,
                Some(b'/') => b.get(i + 2).is_some_and(u8::is_ascii_alphabetic),
                _ => false,
            }
    })
}

/// Text of an HTML fragment: tags dropped, scripts and styles skipped, block tags turned into
/// paragraph breaks, references decoded; paragraphs joined by a blank line.
pub(crate) fn strip_tags(html: &str) -> String {
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "hr",
        "pre",
        "figure",
        "dd",
        "dt",
    ];
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        text.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |end| &rest[end + 3..]);
            continue;
        }
        let opens_tag = rest[1..]
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'));
        if !opens_tag {
            text.push('<');
            rest = &rest[1..];
            continue;
        }
        let Some(gt) = rest.find('>') else {
            // No '>' anywhere after: the rest is text, and searching again per '<' would be
            // quadratic.
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !tag.starts_with('/') && matches!(name.as_str(), "script" | "style" | "noscript") {
            let close = format!("</{name}");
            rest = find_ignore_ascii_case(rest, &close).map_or("", |end| &rest[end..]);
            continue;
        }
        if name == "br" {
            text.push('\n');
        } else if BLOCKS.contains(&name.as_str()) {
            text.push_str("\n\n");
        }
    }
    text.push_str(rest);
    paragraphs(&decode_entities(&text))
}

/// Plain text normalised to paragraphs: whitespace collapsed inside each, paragraphs (split at
/// blank lines) joined by one blank line.
pub(crate) fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut para = String::new();
    let flush = |para: &mut String, out: &mut String| {
        if !para.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(para);
            para.clear();
        }
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut para, &mut out);
            continue;
        }
        for word in line.split_whitespace() {
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(word);
        }
    }
    flush(&mut para, &mut out);
    out
}

/// Whitespace runs (newlines included) become one space; ends trimmed.
pub(crate) fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Replaces control characters (C0 but tab, newline and carriage return; DEL; C1) with a
/// space: raw in a text file or escaped in JSON (`"\u001b[2J"`), they are never news, and
/// printed to a terminal they can rewrite the screen. Leaves the string alone when it has none.
pub(crate) fn blank_controls(s: &mut String) {
    let is_control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    // C1 controls are U+0080..U+009F, encoded as 0xC2 0x80..0x9F.
    let suspect = s
        .bytes()
        .any(|b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f || b == 0xc2);
    if suspect && s.chars().any(is_control) {
        *s = s
            .chars()
            .map(|c| if is_control(c) { ' ' } else { c })
            .collect();
    }
}

pub(super) fn find_ignore_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    haystack
        .as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_references() {
        let cases = [
            ("no refs", "no refs"),
            ("AT&amp;T &lt;T&gt; &quot;q&quot;", "AT&T <T> \"q\""),
            ("&#2;\nBODY&#3;", "\nBODY"),
            ("To&#127;&#127;day", "Today"),
            ("&#5;&#22;&#31;x", "x"),
            ("a&#9;b", "a\tb"),
            ("&#233;t&#xE9;", "été"),
            ("&#150; &#8212;", "– —"),
            ("caf&eacute; &nbsp;x", "café  x"),
            ("AT&T and S&P; &unknown; &", "AT&T and S&P; &unknown; &"),
            ("&#; &#x; &#99999999999;", "&#; &#x; &#99999999999;"),
            ("&#xD800;", "\u{fffd}"),
            ("tail &am", "tail &am"),
            ("ü&amp;ü", "ü&ü"),
        ];
        for (input, want) in cases {
            assert_eq!(decode_entities(input), want, "{input:?}");
        }
    }

    #[test]
    fn strips_tags_into_paragraphs() {
        let cases = [
            ("plain text", "plain text"),
            (
                "<p>One <b>bold</b> word.</p><p>Two</p>",
                "One bold word.\n\nTwo",
            ),
            ("a<br>b<br><br>c", "a b\n\nc"),
            ("<script>var x = '<p>';</script><p>kept</p>", "kept"),
            ("<STYLE>p{}</STYLE>x", "x"),
            ("x <!-- hidden <p> --> y", "x y"),
            ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2"),
            ("<p>unclosed <a href='x'", "unclosed <a href='x'"),
            ("<p>&lt;b&gt; is a tag</p>", "<b> is a tag"),
            ("<div>é<span>ü</span></div>", "éü"),
            ("<script>never closed", ""),
            ("<", "<"),
        ];
        for (input, want) in cases {
            assert_eq!(strip_tags(input), want, "{input:?}");
        }
    }

    #[test]
    fn html_sniffing() {
        for (s, want) in [
            ("<p>x", true),
            ("a </b>", true),
            ("<!-- c -->", true),
            ("1 < 2", false),
            ("<3", false),
            ("a </ b", false),
            ("", false),
            ("<", false),
        ] {
            assert_eq!(looks_like_html(s), want, "{s:?}");
        }
    }

    #[test]
    fn paragraphs_and_whitespace() {
        assert_eq!(paragraphs("  a\n b \n\n\n c  \r\n"), "a b\n\nc");
        assert_eq!(paragraphs(""), "");
        assert_eq!(collapse_whitespace(" a \n\t b "), "a b");
    }

    #[test]
    fn control_characters_become_spaces() {
        for (raw, want) in [
            ("Title\u{1b}[2J here", "Title [2J here"),
            ("a\tb\nc\r\n", "a\tb\nc\r\n"),
            ("x\u{7f}y\u{85}z\u{9b}", "x y z "),
            ("café – ¢ £", "café – ¢ £"),
            ("\u{0}", " "),
        ] {
            let mut s = raw.to_string();
            blank_controls(&mut s);
            assert_eq!(s, want, "{raw:?}");
        }
    }
}
