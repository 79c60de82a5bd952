//! The small pieces dates are made of: month, weekday and zone names, and a byte cursor over
//! digits, clocks and offsets. `date` assembles them into whole formats.

use time::{Month, Time};

pub(crate) fn month_from(word: &str) -> Option<Month> {
    const NAMES: [(&str, Month); 12] = [
        ("january", Month::January),
        ("february", Month::February),
        ("march", Month::March),
        ("april", Month::April),
        ("may", Month::May),
        ("june", Month::June),
        ("july", Month::July),
        ("august", Month::August),
        ("september", Month::September),
        ("october", Month::October),
        ("november", Month::November),
        ("december", Month::December),
    ];
    if word.len() < 3 || !word.is_ascii() {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    if lower == "sept" {
        return Some(Month::September);
    }
    NAMES
        .iter()
        .find(|(name, _)| {
            if lower.len() == 3 {
                name.starts_with(&lower)
            } else {
                *name == lower
            }
        })
        .map(|&(_, m)| m)
}

pub(super) fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let lower = word.to_ascii_lowercase();
    DAYS.iter()
        .any(|d| *d == lower || (lower.len() >= 3 && lower.len() <= 4 && d.starts_with(&lower)))
}

pub(super) fn ampm(tok: &str) -> Option<bool> {
    match tok.to_ascii_lowercase().as_str() {
        "am" | "a.m." | "a.m" => Some(false),
        "pm" | "p.m." | "p.m" => Some(true),
        _ => None,
    }
}

/// Zone names news pages print, in seconds east of UTC.
fn named_zone(name: &str) -> Option<i32> {
    let hours = match name.to_ascii_uppercase().as_str() {
        "Z" | "UT" | "UTC" | "GMT" | "WET" => 0,
        "BST" | "CET" | "WEST" => 1,
        "CEST" | "EET" => 2,
        "EEST" | "MSK" => 3,
        "JST" | "KST" => 9,
        "AEST" => 10,
        "EST" | "CDT" => -5,
        "EDT" => -4,
        "CST" | "MDT" => -6,
        "MST" | "PDT" => -7,
        "PST" => -8,
        _ => return None,
    };
    Some(hours * 3600)
}

/// A byte cursor over ASCII date syntax; every step fails softly so no input can panic.
pub(super) struct Cursor<'a> {
    b: &'a [u8],
    s: &'a str,
    pub(super) pos: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(s: &'a str) -> Self {
        Cursor {
            b: s.as_bytes(),
            s,
            pos: 0,
        }
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    pub(super) fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Some(b)
    }

    pub(super) fn eat(&mut self, want: u8) -> bool {
        if self.peek() == Some(want) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    pub(super) fn at_end(&self) -> bool {
        self.pos >= self.b.len()
    }

    pub(super) fn rest(&self) -> &'a str {
        self.s.get(self.pos..).unwrap_or("")
    }

    pub(super) fn skip_ws(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    pub(super) fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.pos;
        while self.pos - start < max && self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        let n = self.pos - start;
        if n < min {
            return None;
        }
        // A longer run than `max` is not this field ("115:22" is not an hour).
        if self.peek().is_some_and(|b| b.is_ascii_digit()) {
            return None;
        }
        self.s.get(start..self.pos)?.parse().ok()
    }

    /// Exactly `n` digits, whatever follows ("+0200" packs hours and minutes together).
    pub(super) fn fixed(&mut self, n: usize) -> Option<u32> {
        let field = self.s.get(self.pos..self.pos + n)?;
        if !field.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        self.pos += n;
        field.parse().ok()
    }

    pub(super) fn alphas(&mut self) -> Option<&'a str> {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
            self.pos += 1;
        }
        (self.pos > start).then(|| &self.s[start..self.pos])
    }

    /// "10:00", "10:00:00", "10:00:00.123", "10:00:00,5".
    pub(super) fn clock(&mut self) -> Option<Time> {
        let h = self.digits(1, 2)?;
        self.eat(b':').then_some(())?;
        let m = self.digits(2, 2)?;
        let mut s = 0;
        let mut nanos = 0u32;
        if self.eat(b':') {
            s = self.digits(2, 2)?;
            if self.peek() == Some(b'.') || self.peek() == Some(b',') {
                self.pos += 1;
                let start = self.pos;
                while self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    self.pos += 1;
                }
                let frac = self.s.get(start..self.pos)?;
                let frac = frac.get(..frac.len().min(9))?;
                if !frac.is_empty() {
                    nanos = frac.parse::<u32>().ok()? * 10u32.pow(9 - frac.len() as u32);
                }
            }
        }
        // Leap seconds ("23:59:60") exist in feeds; clamp rather than drop the date.
        let s = s.min(59);
        Time::from_hms_nano(u8::try_from(h).ok()?, u8::try_from(m).ok()?, s as u8, nanos).ok()
    }

    /// "Z", "+02:00", "+0200", "+02", "-05:30", "UTC", "GMT", "EDT"; seconds east of UTC.
    pub(super) fn zone(&mut self) -> Option<i32> {
        let sign = match self.peek()? {
            b'+' => 1,
            b'-' => -1,
            _ => {
                let name = self.alphas()?;
                return named_zone(name);
            }
        };
        self.pos += 1;
        let h = self.fixed(2)? as i32;
        self.eat(b':');
        let m = if self.at_end() {
            0
        } else {
            self.fixed(2)? as i32
        };
        if h > 23 || m > 59 {
            return None;
        }
        Some(sign * (h * 3600 + m * 60))
    }
}
