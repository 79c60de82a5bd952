//! Parts of a story's text that are not the story: an agency's sign-off ("(Reporting by Olena
//! Harmash; Editing by Mark Potter)"), an AP contributor line ("Associated Press writer Jane
//! Doe in Paris contributed to this report."), and links to other stories ("Read more: Trump
//! says …", "Related: …"). Their names are journalists and other stories' people, not the
//! story's: extraction reads the text with these spans blanked out.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// Sign-offs and contributor lines, looked for in a story's last lines only.
static SIGN_OFF: LazyLock<Regex> = LazyLock::new(|| {
    let role = r"(?:additional\s+)?(?:reporting|writing|editing|compiled|research|graphics|production)(?:\s+and\s+(?:reporting|writing|editing))?\s+by(?-u:\b)";
    Regex::new(&format!(
        r"(?im)\(\s*{role}[^()\n]*\)|^[ \t]*{role}[^\n;]*;\s*{role}[^\n]*$|^[^\n]*?(?-u:\b)(?-i:Associated Press|AP)\s+(?:staff\s+)?(?:writers?|reporters?|correspondents?|journalists?|photographers?|videographers?)(?-u:\b)[^\n]*?(?-u:\b)contributed(?:\s+(?:to\s+this\s+(?:report|story)|reporting))?\.?[ \t]*$"
    ))
    .expect("static regex") // ok: constant pattern
});

/// How many of the last lines may hold a sign-off ("© 2025 Reuters" may follow it).
const TAIL_LINES: usize = 3;

/// Openings of a line that links to another story; a colon follows.
const LINK_OPENINGS: &[&str] = &[
    "read more",
    "related",
    "see also",
    "also read",
    "read also",
    "more on this story",
    "recommended",
    "most read",
];

/// Whether a line links to another story: "Read more: …", "Related: …".
fn link_line(line: &str) -> bool {
    let b = line.as_bytes();
    if line.len() > 500 {
        return false;
    }
    LINK_OPENINGS.iter().any(|o| {
        b.len() > o.len()
            && b[..o.len()].eq_ignore_ascii_case(o.as_bytes())
            && line[o.len()..].trim_start().starts_with(':')
    })
}

/// `text` with every aside replaced by spaces of the same length, so that byte offsets found
/// in it hold for `text`; borrowed when there is none. Links to other stories are looked for
/// on every line, sign-offs in the last lines (where agencies put them).
pub fn blank(text: &str) -> Cow<'_, str> {
    let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
    let bytes = text.as_bytes();
    let line_starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
    // Most lines open with a letter no link opening starts with: one byte decides.
    for start in line_starts {
        let lead = bytes[start.min(bytes.len())..]
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
        let at = start + lead;
        if at >= bytes.len() || !matches!(bytes[at] | 0x20, b'r' | b's' | b'a' | b'm') {
            continue;
        }
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |e| at + e);
        let line = text[at..end].trim_end();
        if link_line(line) {
            spans.push(at..at + line.len());
        }
    }
    let tail = text
        .trim_end()
        .rmatch_indices('\n')
        .filter(|(i, _)| !text[..*i].ends_with('\n'))
        .nth(TAIL_LINES - 1)
        .map_or(0, |(i, _)| i + 1);
    let tail_text = &text[tail..];
    // Every sign-off has " by" or "contributed": most stories end with neither.
    if memchr::memmem::find(tail_text.as_bytes(), b"ontributed").is_some()
        || tail_text
            .as_bytes()
            .windows(3)
            .any(|w| w[0].is_ascii_whitespace() && w[1..].eq_ignore_ascii_case(b"by"))
    {
        spans.extend(
            SIGN_OFF
                .find_iter(tail_text)
                .map(|m| tail + m.start()..tail + m.end()),
        );
    }
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for r in spans {
        bytes[r].fill(b' ');
    }
    // Whole characters were replaced by ASCII spaces, so this is still UTF-8.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_offs_contributors_and_links_are_blanked() {
        let cases = [
            (
                "Prisoners were swapped.\n\n(Reporting by Olena Harmash and Tom Balmforth in Kyiv; \
                 Editing by Mark Potter)",
                "Prisoners were swapped.",
            ),
            (
                "Talks ended. (Additional reporting by Jane Roe; Writing by John Doe; Editing \
                 by Sam Poe)\n",
                "Talks ended.",
            ),
            (
                "Rates rose.\nReporting by Ann Lee; Editing by Bo Chan",
                "Rates rose.",
            ),
            (
                "The vote failed.\n\nAssociated Press writers Jane Doe in Paris and Li Wei in \
                 Beijing contributed to this report.",
                "The vote failed.",
            ),
            (
                "KYIV - Talks resumed.\nRead more: Trump says he will end war\nRELATED: Musk \
                 praises plan\nThe talks went on.",
                "KYIV - Talks resumed.\n\n\nThe talks went on.",
            ),
        ];
        for (text, story) in cases {
            let b = blank(text);
            assert_eq!(b.len(), text.len(), "{text}");
            let kept: String = b
                .split('\n')
                .map(str::trim_end)
                .collect::<Vec<_>>()
                .join("\n");
            assert_eq!(kept.trim(), story, "{text}");
        }
    }

    #[test]
    fn the_story_itself_is_kept() {
        for text in [
            "The report, edited by John Smith, was read by the minister.",
            "Reporting by the BBC (which broke the story) was cited by officials.",
            "He said it was written by Anna Lee, who runs the bureau.",
            "The AP said the results contributed to the loss, Maria Ruiz said.",
            "Related companies fell. Read more about it later, she said.",
            "Zürich (Reuters) - Café owners said Müller was right.",
        ] {
            assert!(matches!(blank(text), Cow::Borrowed(_)), "{text}");
        }
        // A sign-off with accented names keeps every offset and stays UTF-8.
        let t = "Fin.\n(Reporting by Zoë Müller; Editing by José Núñez)";
        assert_eq!(blank(t).trim(), "Fin.");
    }
}
