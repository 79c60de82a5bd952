//! Recognising the lines of a web page scraped to text that are not the article: browser and
//! cookie banners, navigation menus, image captions and photo credits. Each test is a pure
//! function of one trimmed line; `text` decides where in the file to apply which.

use std::sync::LazyLock;

use regex::Regex;

/// Whole lines (lowercase, trailing punctuation dropped) that are page furniture.
const FURNITURE: &[&str] = &[
    "advertisement",
    "advertisements",
    "ad",
    "sponsored",
    "sponsored content",
    "skip to content",
    "skip to main content",
    "skip to navigation",
    "skip navigation",
    "sign in",
    "sign up",
    "log in",
    "login",
    "register",
    "subscribe",
    "subscribe now",
    "menu",
    "search",
    "close",
    "share",
    "share this",
    "share this article",
    "share this story",
    "tweet",
    "email",
    "print",
    "comments",
    "read more",
    "continue reading",
    "related",
    "related articles",
    "related stories",
    "most popular",
    "most read",
    "trending",
    "newsletter",
    "follow us",
    "open in app",
    "listen to this article",
    "toggle navigation",
    "back to top",
    "loading",
    "story continues below advertisement",
    "supported by",
];

/// Line openings (lowercase) of banners and calls to action.
const BANNER_OPENINGS: &[&str] = &[
    "ie 11 is not supported",
    "internet explorer is not supported",
    "your browser is not supported",
    "your browser is out of date",
    "for an optimal experience",
    "we use cookies",
    "this site uses cookies",
    "this website uses cookies",
    "by using this site",
    "by continuing to use",
    "accept cookies",
    "accept all cookies",
    "cookie policy",
    "cookie settings",
    "manage cookies",
    "please enable javascript",
    "javascript is disabled",
    "you need to enable javascript",
    "enable javascript",
    "this site requires javascript",
    "subscribe to ",
    "subscribe for ",
    "subscribe now",
    "sign up for ",
    "sign in to ",
    "log in to ",
    "already a subscriber",
    "already have an account",
    "create a free account",
    "you have reached your",
    "you've reached your",
    "download the app",
    "follow us on",
    "click here to",
    "story continues below",
    "this content is not available",
    // Links to other stories and rights lines, which would make the story match their words.
    "read more:",
    "read more :",
    "also read:",
    "read also:",
    "related:",
    "see also:",
    "more on this story",
    "our standards:",
    "share this:",
    "copyright 19",
    "copyright 20",
    "copyright ©",
    "© 19",
    "© 20",
    "this material may not be published",
];

/// Words that make up navigation menus.
const NAV_WORDS: &[&str] = &[
    "home",
    "news",
    "world",
    "us",
    "u.s",
    "u.s.",
    "uk",
    "politics",
    "business",
    "sport",
    "sports",
    "tech",
    "technology",
    "science",
    "health",
    "entertainment",
    "arts",
    "culture",
    "style",
    "travel",
    "opinion",
    "video",
    "videos",
    "live",
    "tv",
    "weather",
    "lifestyle",
    "food",
    "money",
    "markets",
    "more",
    "menu",
    "search",
    "podcasts",
    "photos",
    "local",
    "national",
    "international",
    "economy",
    "education",
    "climate",
    "environment",
    "sections",
    "latest",
    "shop",
    "newsletters",
    "games",
    "books",
    "music",
    "movies",
    "media",
    "life",
    "investigations",
    "magazine",
    "login",
    "subscribe",
    "&",
    "and",
];

const CAPTION_OPENINGS: &[&str] = &[
    "image caption",
    "photo caption",
    "image:",
    "photo:",
    "caption:",
    "picture:",
    "pictured:",
    "photograph:",
    "video caption",
];

const CREDIT_OPENINGS: &[&str] = &[
    "credit:",
    "photo credit",
    "image credit",
    "photo by ",
    "photograph by ",
    "(photo by",
    "©",
    "(c) ",
];

/// "… (Photo by Jane Doe/Getty Images)", "… (AP Photo/Natacha Pisarenko)".
static PHOTO_PARENS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\((?:[a-z]+ )?photos?(?: by |/)[^)]*\)\s*$").expect("static regex")
});

/// "… / Getty Images", "… via Getty Images", "…/AFP / EPA".
static AGENCY_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:/|\bvia)\s*(?:getty images|afp|epa(?:-efe)?|reuters|ap|shutterstock|bloomberg|sipa(?: usa)?|alamy|pool|file|zuma press|nurphoto|anadolu agency)(?: file)?\)?\s*$",
    )
    .expect("static regex")
});

/// An all-caps name and an agency: "JOHN SMITH/AFP", "ANNA DOE/EPA-EFE / Shutterstock".
static CAPS_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^A-Za-z])[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+)+\s*/\s*[A-Z][A-Za-z.\-]*(?:\s*/?\s*[A-Z][A-Za-z.\-]*)*\s*$",
    )
    .expect("static regex")
});

/// Captions and credits are short; a long line ending in "/ Reuters" is a paragraph.
const MAX_FURNITURE_LEN: usize = 300;

/// Browser, cookie and JavaScript banners, ads, calls to subscribe, share buttons.
pub(crate) fn is_banner(line: &str) -> bool {
    if line.len() > MAX_FURNITURE_LEN {
        return false;
    }
    if BANNER_OPENINGS
        .iter()
        .any(|b| starts_with_ignore_case(line, b))
    {
        return true;
    }
    // Every furniture line is short; skip lowercasing paragraphs.
    if line.len() > 40 {
        return false;
    }
    let lower = line.to_lowercase();
    let bare = lower.trim_end_matches(['.', '…', ':', '!', '>', '»', ' ']);
    FURNITURE.contains(&bare)
}

/// A navigation menu: short items between separators, or nothing but section names.
pub(crate) fn is_nav(line: &str) -> bool {
    if line.len() > MAX_FURNITURE_LEN {
        return false;
    }
    let separators = line.matches(['|', '•', '·', '»']).count();
    if separators >= 2 {
        return line
            .split(['|', '•', '·', '»'])
            .all(|item| item.split_whitespace().count() <= 3);
    }
    let words: Vec<String> = line
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    words.len() >= 3 && words.iter().all(|w| NAV_WORDS.contains(&w.as_str()))
}

/// The text of an image caption line ("Image: X" -> "X"), so later repeats can be dropped.
pub(crate) fn caption(line: &str) -> Option<&str> {
    CAPTION_OPENINGS
        .iter()
        .find(|o| starts_with_ignore_case(line, o))
        .map(|o| line[o.len()..].trim_start_matches([':', ' ']).trim())
}

/// Photo credits: "Credit: …", "© …", lines ending in an agency or "(Photo by …)".
pub(crate) fn is_credit(line: &str) -> bool {
    if line.len() > MAX_FURNITURE_LEN {
        return false;
    }
    // The cheap byte tests first: this runs on every line of every text file.
    let slash = line.contains('/');
    CREDIT_OPENINGS
        .iter()
        .any(|o| starts_with_ignore_case(line, o))
        || (line.trim_end().ends_with(')') && PHOTO_PARENS.is_match(line))
        || ((slash || line.contains("via") || line.contains("VIA")) && AGENCY_TAIL.is_match(line))
        || (slash && CAPS_CREDIT.is_match(line))
}

/// ASCII-case-insensitive prefix test that never slices `s` off a char boundary.
fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banners() {
        for (line, want) in [
            (
                "IE 11 is not supported. For an optimal experience visit our site on another browser.",
                true,
            ),
            ("We use cookies to improve your experience.", true),
            ("Please enable JavaScript to view this page.", true),
            ("Advertisement", true),
            ("ADVERTISEMENT", true),
            ("Skip to content", true),
            ("Subscribe to our newsletter", true),
            ("Sign in", true),
            ("Read more »", true),
            ("Read more: Wheat prices tumble after port strike", true),
            ("ALSO READ: Monsoon arrives early in Kerala", true),
            (
                "Copyright 2024 The Associated Press. All rights reserved. This material may not be published.",
                true,
            ),
            ("Our Standards: The Thomson Reuters Trust Principles.", true),
            ("Copyright lawyers said the ruling was narrow.", false),
            ("Leaders Discuss Trade at Summit in Osaka", false),
            ("Subscribers to the service rose 5%.", false),
            ("The advertisement ran on Sunday.", false),
        ] {
            assert_eq!(is_banner(line), want, "{line}");
        }
    }

    #[test]
    fn menus() {
        for (line, want) in [
            ("Home | News | Sport | Business", true),
            ("News • Politics • World Affairs", true),
            ("Home News Sport Business", true),
            ("World U.S. Politics Business Tech", true),
            ("Leaders Discuss Trade at Summit in Osaka", false),
            ("Singer Michael Buble Weds TV Star", false),
            ("Sport", false),
            (
                "He said: yes | no | maybe, and then the long sentence went on and on",
                false,
            ),
        ] {
            assert_eq!(is_nav(line), want, "{line}");
        }
    }

    #[test]
    fn captions_and_credits() {
        assert_eq!(
            caption("Image: Prime Minister X and President Y."),
            Some("Prime Minister X and President Y.")
        );
        assert_eq!(
            caption("Image caption The two leaders met"),
            Some("The two leaders met")
        );
        assert_eq!(caption("PHOTO: x"), Some("x"));
        assert_eq!(caption("Images of the summit were shown"), None);
        for (line, want) in [
            (
                "Prime Minister X and President Y.JOHN SMITH/AFP / Getty Images",
                true,
            ),
            ("Leaders pose for a photo. ANNA DOE/EPA", true),
            ("The leaders met. (Photo by Jane Doe/Getty Images)", true),
            ("Protesters gather. (AP Photo/Natacha Pisarenko)", true),
            ("Credit: Jane Doe", true),
            ("© 2016 Example News", true),
            ("A man walks past. Reuters/File", true),
            ("A man walks past. Jane Doe / Reuters", true),
            (
                "Talks between the U.S./EU negotiators resumed on Monday.",
                false,
            ),
            (
                "He said it was a “BIG DEAL/problem” for everyone involved in it.",
                false,
            ),
            (
                "Officials called it a BIG DEAL/Problem solvers in the area.",
                false,
            ),
            (
                "The talks came hours after the two leaders spoke by phone.",
                false,
            ),
        ] {
            assert_eq!(is_credit(line), want, "{line}");
        }
    }
}
