//! Publication dates as news sources write them, turned into UTC: RFC 3339 and its looser ISO
//! cousins, RFC 2822, "September 5, 2016" and friends, Reuters' "26-FEB-1987 15:01:01.79",
//! and Unix timestamps.
//!
//! Hand-written rather than a list of `time` format descriptions: real feeds mix separators,
//! abbreviations ("Sept."), am/pm and zone names, and trying dozens of patterns per article
//! would be both slower and still miss combinations. Every token must be understood, so a
//! sentence that merely contains a date is not mistaken for one.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use super::date_tokens::{Cursor, ampm, is_weekday, month_from};

/// Parses a date or date-time; times without a zone are taken as UTC, and the result is in UTC.
/// Returns `None` unless the whole string is a date (leading "Published:"-style labels aside).
pub fn parse_date(s: &str) -> Option<OffsetDateTime> {
    let s = strip_label(s.trim());
    if s.is_empty() {
        return None;
    }
    let b = s.as_bytes();
    if b.iter().all(u8::is_ascii_digit) {
        return match b.len() {
            8 => ymd(
                num(&s[0..4])?,
                num(&s[4..6])?,
                num(&s[6..8])?,
                Time::MIDNIGHT,
                0,
            ),
            // GDELT and log stamps: 202403051402, 20240305140200.
            14 => compact_stamp(s),
            12 => compact_stamp(s).or_else(|| from_unix(s.parse::<i64>().ok()? as f64)),
            9..=13 => from_unix(s.parse::<i64>().ok()? as f64),
            _ => None,
        };
    }
    if b.len() >= 8 && b[..4].iter().all(u8::is_ascii_digit) && matches!(b[4], b'-' | b'/') {
        return iso(s);
    }
    if let Some((dt, rest)) = reuters_prefix(s)
        && rest.trim().is_empty()
    {
        return Some(dt);
    }
    words(s)
}

/// A Unix timestamp in seconds, or in milliseconds when it is too large to be seconds (JSON
/// feeds use both).
pub fn from_unix(value: f64) -> Option<OffsetDateTime> {
    if !value.is_finite() {
        return None;
    }
    // 1e11 seconds is the year 5138: anything larger is milliseconds.
    let secs = if value.abs() >= 1e11 {
        value / 1000.0
    } else {
        value
    };
    if secs.abs() >= 1e12 {
        return None;
    }
    let whole = secs.floor();
    let nanos = ((secs - whole) * 1e9) as i128;
    OffsetDateTime::from_unix_timestamp_nanos(whole as i128 * 1_000_000_000 + nanos).ok()
}

/// Reuters-21578 `<DATE>` values: "26-FEB-1987 15:01:01.79". Lenient on purpose: some carry
/// trailing junk ("&#9;&#9;&#9;C T", "# date added by ...") and one has a three-digit hour;
/// the day is still worth keeping, so a bad time falls back to midnight.
pub fn parse_reuters(s: &str) -> Option<OffsetDateTime> {
    reuters_prefix(s.trim()).map(|(dt, _)| dt)
}

fn reuters_prefix(s: &str) -> Option<(OffsetDateTime, &str)> {
    let mut c = Cursor::new(s);
    let day = c.digits(1, 2)?;
    c.eat(b'-').then_some(())?;
    let month = month_from(c.alphas()?)?;
    c.eat(b'-').then_some(())?;
    let year = c.digits(4, 4)?;
    c.skip_ws();
    let save = c.pos;
    let time = match c.clock() {
        Some(t) if c.at_end() || c.peek().is_some_and(|b| !b.is_ascii_digit()) => t,
        _ => {
            c.pos = save;
            Time::MIDNIGHT
        }
    };
    let dt = ymd(year, month as u32, day, time, 0)?;
    Some((dt, c.rest()))
}

/// "2016-09-05", "2016-09-05 10:00:00", "2016-09-05T10:00:00.123+02:00", "2016/09/05T10:00Z",
/// "2016-09-05T10:00:00+0200", "2016-09-05 10:00:00 UTC".
fn iso(s: &str) -> Option<OffsetDateTime> {
    let mut c = Cursor::new(s);
    let year = c.digits(4, 4)?;
    let sep = c.next()?;
    let month = c.digits(1, 2)?;
    c.eat(sep).then_some(())?;
    let day = c.digits(1, 2)?;
    if c.at_end() {
        return ymd(year, month, day, Time::MIDNIGHT, 0);
    }
    if !(c.eat(b'T') || c.eat(b't') || c.eat(b' ')) {
        return None;
    }
    let time = c.clock()?;
    c.skip_ws();
    let offset = if c.at_end() { 0 } else { c.zone()? };
    c.at_end().then_some(())?;
    ymd(year, month, day, time, offset)
}

/// Dates written in words: "Mon, 05 Sep 2016 10:00:00 GMT", "September 5, 2016",
/// "Sept. 5, 2016, 10:00 AM EDT", "5 September 2016", "Monday 5th of September 2016".
fn words(s: &str) -> Option<OffsetDateTime> {
    let (mut year, mut month, mut day) = (None, None, None);
    let (mut time, mut offset, mut pm) = (None, 0i32, None::<bool>);
    let mut weekday_seen = false;
    for raw in s.split(|c: char| c.is_whitespace() || c == ',') {
        let tok = raw.trim_matches(|c| c == '(' || c == ')');
        if tok.is_empty() || tok.eq_ignore_ascii_case("of") || tok.eq_ignore_ascii_case("at") {
            continue;
        }
        if let Some(m) = ampm(tok) {
            pm = Some(m);
            continue;
        }
        let bare = tok.trim_end_matches('.');
        if month.is_none()
            && let Some(m) = month_from(bare)
        {
            month = Some(m as u32);
            continue;
        }
        if !weekday_seen && is_weekday(bare) {
            weekday_seen = true;
            continue;
        }
        if tok.contains(':') && time.is_none() {
            // "10:00am" glues the meridiem on.
            let lower = tok.to_ascii_lowercase();
            let (clock, meridiem) = match lower.strip_suffix("am").or(lower.strip_suffix("a.m.")) {
                Some(c) => (c.to_string(), Some(false)),
                None => match lower.strip_suffix("pm").or(lower.strip_suffix("p.m.")) {
                    Some(c) => (c.to_string(), Some(true)),
                    None => (lower, None),
                },
            };
            let mut c = Cursor::new(&clock);
            let t = c.clock()?;
            c.at_end().then_some(())?;
            time = Some(t);
            if meridiem.is_some() {
                pm = meridiem;
            }
            continue;
        }
        let digits = bare.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            let suffix = &bare[digits.len()..];
            let ordinal = matches!(
                suffix.to_ascii_lowercase().as_str(),
                "" | "st" | "nd" | "rd" | "th"
            );
            if !ordinal {
                return None;
            }
            if digits.len() == 4 && suffix.is_empty() && year.is_none() {
                year = num(digits);
            } else if digits.len() <= 2 && day.is_none() {
                day = num(digits);
            } else {
                return None;
            }
            continue;
        }
        if time.is_some() || tok.starts_with(['+', '-']) || tok.len() <= 4 {
            let mut c = Cursor::new(tok);
            if let Some(z) = c.zone()
                && c.at_end()
            {
                offset = z;
                continue;
            }
        }
        return None;
    }
    let mut t = time.unwrap_or(Time::MIDNIGHT);
    if let Some(pm) = pm {
        let h = t.hour();
        if h == 0 || h > 12 {
            return None;
        }
        let h = match (pm, h) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
        t = t.replace_hour(h).ok()?;
    }
    ymd(year?, month?, day?, t, offset)
}

/// Drops labels scraped pages put before a date.
fn strip_label(s: &str) -> &str {
    const LABELS: [&str; 8] = [
        "last updated",
        "published on",
        "updated on",
        "posted on",
        "published",
        "updated",
        "posted",
        "date",
    ];
    for label in LABELS {
        let head = s.get(..label.len()).unwrap_or("");
        let next = s.as_bytes().get(label.len()).copied();
        if head.eq_ignore_ascii_case(label)
            && next.is_some_and(|b| b == b':' || b.is_ascii_whitespace())
        {
            let rest = s[label.len()..].trim_start();
            let rest = rest.strip_prefix(':').unwrap_or(rest);
            return rest.trim_start();
        }
    }
    s
}

fn ymd(year: u32, month: u32, day: u32, time: Time, offset_secs: i32) -> Option<OffsetDateTime> {
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    let date =
        Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?).ok()?;
    let offset = UtcOffset::from_whole_seconds(offset_secs).ok()?;
    Some(
        PrimitiveDateTime::new(date, time)
            .assume_offset(offset)
            .to_offset(UtcOffset::UTC),
    )
}

/// "YYYYMMDDhhmm[ss]", all digits, in the years 1900-2099.
fn compact_stamp(s: &str) -> Option<OffsetDateTime> {
    if !(s.starts_with("19") || s.starts_with("20")) {
        return None;
    }
    let second = if s.len() == 14 { num(&s[12..14])? } else { 0 };
    let time = Time::from_hms(
        u8::try_from(num(&s[8..10])?).ok()?,
        u8::try_from(num(&s[10..12])?).ok()?,
        u8::try_from(second).ok()?,
    )
    .ok()?;
    ymd(num(&s[0..4])?, num(&s[4..6])?, num(&s[6..8])?, time, 0)
}

fn num(s: &str) -> Option<u32> {
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn parses_the_formats_news_sources_use() {
        let cases = [
            ("2016-09-05T10:00:00Z", datetime!(2016-09-05 10:00:00 UTC)),
            (
                "2016-09-05T10:00:00+02:00",
                datetime!(2016-09-05 08:00:00 UTC),
            ),
            (
                "2016-09-05T10:00:00.250-0500",
                datetime!(2016-09-05 15:00:00.25 UTC),
            ),
            ("2016-09-05T10:00", datetime!(2016-09-05 10:00:00 UTC)),
            ("2016-09-05", datetime!(2016-09-05 00:00:00 UTC)),
            ("2016/09/05", datetime!(2016-09-05 00:00:00 UTC)),
            ("2016-09-05 10:00:00", datetime!(2016-09-05 10:00:00 UTC)),
            (
                "2016-09-05 10:00:00 UTC",
                datetime!(2016-09-05 10:00:00 UTC),
            ),
            (
                "Mon, 05 Sep 2016 10:00:00 GMT",
                datetime!(2016-09-05 10:00:00 UTC),
            ),
            (
                "Mon, 05 Sep 2016 10:00:00 +0100",
                datetime!(2016-09-05 09:00:00 UTC),
            ),
            (
                "5 Sep 2016 10:00:00 EDT",
                datetime!(2016-09-05 14:00:00 UTC),
            ),
            ("September 5, 2016", datetime!(2016-09-05 00:00:00 UTC)),
            ("Sep 5, 2016", datetime!(2016-09-05 00:00:00 UTC)),
            (
                "Sept. 5, 2016, 10:30 PM UTC",
                datetime!(2016-09-05 22:30:00 UTC),
            ),
            ("Sept. 5, 2016 12:15am", datetime!(2016-09-05 00:15:00 UTC)),
            ("5 September 2016", datetime!(2016-09-05 00:00:00 UTC)),
            (
                "Monday 5th of September 2016",
                datetime!(2016-09-05 00:00:00 UTC),
            ),
            (
                "Published: September 5, 2016",
                datetime!(2016-09-05 00:00:00 UTC),
            ),
            ("Updated 2016-09-05", datetime!(2016-09-05 00:00:00 UTC)),
            (
                "26-FEB-1987 15:01:01.79",
                datetime!(1987-02-26 15:01:01.79 UTC),
            ),
            ("1473069600", datetime!(2016-09-05 10:00:00 UTC)),
            ("1473069600000", datetime!(2016-09-05 10:00:00 UTC)),
            ("20160905", datetime!(2016-09-05 00:00:00 UTC)),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input), Some(want), "{input}");
        }
    }

    #[test]
    fn rejects_what_is_not_just_a_date() {
        for input in [
            "",
            "   ",
            "hello",
            "September 2016",
            "He said on September 5, 2016 that",
            "2016-13-05",
            "2016-02-30",
            "2016-09-05T25:00",
            "Feb 30, 2016",
            "5 people",
            "2016-09-05T10:00:00 nonsense",
            "12345",
            "Mayor 5, 2016",
            "13:00 PM Sep 5 2016",
            "ééé 5 2016",
        ] {
            assert_eq!(parse_date(input), None, "{input:?}");
        }
    }

    #[test]
    fn reuters_dates_tolerate_junk_and_bad_times() {
        let cases = [
            (
                "26-FEB-1987 15:01:01.79",
                Some(datetime!(1987-02-26 15:01:01.79 UTC)),
            ),
            (
                " 5-MAR-1987 09:23:34.62",
                Some(datetime!(1987-03-05 09:23:34.62 UTC)),
            ),
            (
                "19-OCT-1987 15:37:05.9",
                Some(datetime!(1987-10-19 15:37:05.9 UTC)),
            ),
            (
                "2-MAR-1987 16:54:38.01\t\t\tC T",
                Some(datetime!(1987-03-02 16:54:38.01 UTC)),
            ),
            (
                "5-APR-1987 01:53:30.00    # date added by S Finch",
                Some(datetime!(1987-04-05 01:53:30 UTC)),
            ),
            (
                "31-MAR-1987 605:12:19.12",
                Some(datetime!(1987-03-31 00:00:00 UTC)),
            ),
            (
                "9-MAR-1987  04:58:41.12",
                Some(datetime!(1987-03-09 04:58:41.12 UTC)),
            ),
            ("FEB 1987", None),
            ("31-FEB-1987 10:00:00.00", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_reuters(input), want, "{input:?}");
        }
    }

    #[test]
    fn unix_seconds_and_milliseconds() {
        assert_eq!(from_unix(0.0), Some(datetime!(1970-01-01 00:00:00 UTC)));
        assert_eq!(
            from_unix(1473069600.5),
            Some(datetime!(2016-09-05 10:00:00.5 UTC))
        );
        assert_eq!(
            from_unix(1473069600000.0),
            Some(datetime!(2016-09-05 10:00:00 UTC))
        );
        assert_eq!(from_unix(f64::NAN), None);
        assert_eq!(from_unix(1e300), None);
    }
}
