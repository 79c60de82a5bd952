//! The query language, parsed into a small tree before anything touches tantivy.
//!
//! Words, "quoted phrases" (with an optional `~N` slop), AND/OR/NOT (upper case) or `&&`/`||`,
//! `+word`/`-word`, parentheses, and `field:value` for the metadata fields. It is lenient about
//! what people really type: apostrophes (`Obama's`) are part of words, a stray `-` between
//! spaces is ignored, and an unknown `field:` prefix is searched as text. Only unbalanced
//! quotes and parentheses are errors, and the error points at the column.

use crate::error::{Error, Result};

/// Fields a user may name with `field:value`.
pub const QUERY_FIELDS: &[&str] = &[
    "title", "body", "text", "person", "people", "speaker", "speakers", "summit", "summits",
    "topic", "topics", "dateline", "source", "place", "places", "org", "orgs", "author", "authors",
];

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Word {
        field: Option<String>,
        text: String,
    },
    Phrase {
        field: Option<String>,
        text: String,
        slop: u32,
    },
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
    /// `+x`: required even inside an OR.
    Must(Box<Node>),
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(Option<String>, String),
    Phrase(Option<String>, String, u32),
    And,
    Or,
    Not,
    Plus,
    Minus,
    Open(usize),
    Close(usize),
}

fn error_at(query: &str, byte: usize, what: &str) -> Error {
    let column = query[..byte].chars().count();
    Error::Query(format!(
        "{what} at column {}\n  {query}\n  {}^",
        column + 1,
        " ".repeat(column)
    ))
}

fn lex(q: &str) -> Result<Vec<Tok>> {
    let mut toks = Vec::new();
    let chars: Vec<(usize, char)> = q.char_indices().collect();
    let mut i = 0;
    let at = |i: usize| chars.get(i).map_or(q.len(), |c| c.0);
    while i < chars.len() {
        let (pos, c) = chars[i];
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                toks.push(Tok::Open(pos));
                i += 1;
            }
            ')' => {
                toks.push(Tok::Close(pos));
                i += 1;
            }
            '"' | '“' | '”' => {
                let (text, next) = read_phrase(q, &chars, i)?;
                let (slop, next) = read_slop(&chars, next);
                toks.push(Tok::Phrase(None, text, slop));
                i = next;
            }
            '+' | '-' if chars.get(i + 1).is_some_and(|n| !n.1.is_whitespace()) => {
                toks.push(if c == '+' { Tok::Plus } else { Tok::Minus });
                i += 1;
            }
            _ => {
                let start = i;
                while i < chars.len()
                    && !chars[i].1.is_whitespace()
                    && !"()\"“”".contains(chars[i].1)
                {
                    i += 1;
                }
                let word = &q[pos..at(i)];
                if let Some((field, value)) = split_field(word) {
                    let field = Some(field.to_ascii_lowercase());
                    if value.is_empty() && chars.get(i).is_some_and(|c| matches!(c.1, '"' | '“'))
                    {
                        let (text, next) = read_phrase(q, &chars, i)?;
                        let (slop, next) = read_slop(&chars, next);
                        toks.push(Tok::Phrase(field, text, slop));
                        i = next;
                    } else if !value.is_empty() {
                        toks.push(Tok::Word(field, value.to_string()));
                    }
                    continue;
                }
                match word {
                    "AND" | "&&" => toks.push(Tok::And),
                    "OR" | "||" => toks.push(Tok::Or),
                    "NOT" => toks.push(Tok::Not),
                    _ if word.chars().any(char::is_alphanumeric) => {
                        toks.push(Tok::Word(None, word.to_string()))
                    }
                    // Stray punctuation ("cease - fire", "&") carries no meaning.
                    _ => {}
                }
                debug_assert!(i > start);
            }
        }
    }
    Ok(toks)
}

fn split_field(word: &str) -> Option<(&str, &str)> {
    let (field, value) = word.split_once(':')?;
    QUERY_FIELDS
        .iter()
        .any(|f| f.eq_ignore_ascii_case(field))
        .then_some((field, value))
}

fn read_phrase(q: &str, chars: &[(usize, char)], open: usize) -> Result<(String, usize)> {
    let mut j = open + 1;
    while j < chars.len() && !matches!(chars[j].1, '"' | '“' | '”') {
        j += 1;
    }
    if j >= chars.len() {
        return Err(error_at(q, chars[open].0, "unclosed quote"));
    }
    let start = chars[open].0 + chars[open].1.len_utf8();
    Ok((q[start..chars[j].0].to_string(), j + 1))
}

fn read_slop(chars: &[(usize, char)], mut i: usize) -> (u32, usize) {
    if chars.get(i).is_some_and(|c| c.1 == '~') {
        let mut n: u32 = 0;
        let mut j = i + 1;
        while let Some(d) = chars.get(j).and_then(|c| c.1.to_digit(10)) {
            n = n.saturating_mul(10).saturating_add(d);
            j += 1;
        }
        if j > i + 1 {
            return (n.min(100), j);
        }
        i = j;
    }
    (0, i)
}

struct Parser<'a> {
    query: &'a str,
    toks: Vec<Tok>,
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    fn or_expr(&mut self) -> Result<Option<Node>> {
        let mut alts = Vec::new();
        if let Some(n) = self.and_expr()? {
            alts.push(n);
        }
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            if let Some(n) = self.and_expr()? {
                alts.push(n);
            }
        }
        Ok(match alts.len() {
            0 => None,
            1 => alts.pop(),
            _ => Some(Node::Or(alts)),
        })
    }

    fn and_expr(&mut self) -> Result<Option<Node>> {
        let mut parts = Vec::new();
        loop {
            match self.peek() {
                None | Some(Tok::Or) | Some(Tok::Close(_)) => break,
                Some(Tok::And) => self.pos += 1,
                _ => {
                    if let Some(n) = self.unary()? {
                        parts.push(n);
                    }
                }
            }
        }
        Ok(match parts.len() {
            0 => None,
            1 => parts.pop(),
            _ => Some(Node::And(parts)),
        })
    }

    fn unary(&mut self) -> Result<Option<Node>> {
        let Some(tok) = self.toks.get(self.pos).cloned() else {
            return Ok(None);
        };
        self.pos += 1;
        Ok(match tok {
            Tok::Not | Tok::Minus => self.unary()?.map(|n| Node::Not(Box::new(n))),
            Tok::Plus => self.unary()?.map(|n| Node::Must(Box::new(n))),
            Tok::Word(field, text) => Some(Node::Word { field, text }),
            Tok::Phrase(field, text, slop) => Some(Node::Phrase { field, text, slop }),
            Tok::Open(at) => {
                let inner = self.or_expr()?;
                match self.peek() {
                    Some(Tok::Close(_)) => self.pos += 1,
                    _ => return Err(error_at(self.query, at, "unclosed parenthesis")),
                }
                inner
            }
            Tok::Close(at) => return Err(error_at(self.query, at, "unmatched ')'")),
            Tok::And | Tok::Or => None,
        })
    }
}

/// Parses a query. `Ok(None)` means there was nothing to search for (empty or punctuation).
pub fn parse(query: &str) -> Result<Option<Node>> {
    let toks = lex(query)?;
    let mut p = Parser {
        query,
        toks,
        pos: 0,
    };
    let node = p.or_expr()?;
    if let Some(Tok::Close(at)) = p.peek() {
        return Err(error_at(query, *at, "unmatched ')'"));
    }
    Ok(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str) -> Node {
        Node::Word {
            field: None,
            text: text.into(),
        }
    }

    #[test]
    fn words_are_anded() {
        assert_eq!(
            parse("Syria cease-fire").unwrap(),
            Some(Node::And(vec![w("Syria"), w("cease-fire")]))
        );
    }

    #[test]
    fn operators_and_groups() {
        let n = parse("(Obama OR Putin) AND NOT Trump").unwrap();
        assert_eq!(
            n,
            Some(Node::And(vec![
                Node::Or(vec![w("Obama"), w("Putin")]),
                Node::Not(Box::new(w("Trump"))),
            ]))
        );
        assert_eq!(
            parse("+a -b").unwrap(),
            Some(Node::And(vec![
                Node::Must(Box::new(w("a"))),
                Node::Not(Box::new(w("b")))
            ]))
        );
    }

    #[test]
    fn phrases_fields_and_slop() {
        assert_eq!(
            parse("speaker:putin \"cease fire\"~2 title:\"G-20 summit\"").unwrap(),
            Some(Node::And(vec![
                Node::Word {
                    field: Some("speaker".into()),
                    text: "putin".into()
                },
                Node::Phrase {
                    field: None,
                    text: "cease fire".into(),
                    slop: 2
                },
                Node::Phrase {
                    field: Some("title".into()),
                    text: "G-20 summit".into(),
                    slop: 0
                },
            ]))
        );
    }

    #[test]
    fn what_people_type_is_not_an_error() {
        assert_eq!(parse("Obama's").unwrap(), Some(w("Obama's")));
        assert_eq!(
            parse("cease - fire").unwrap(),
            Some(Node::And(vec![w("cease"), w("fire")]))
        );
        assert_eq!(
            parse("-putin").unwrap(),
            Some(Node::Not(Box::new(w("putin"))))
        );
        assert_eq!(parse("foo:bar").unwrap(), Some(w("foo:bar")));
        assert_eq!(parse("").unwrap(), None);
        assert_eq!(parse(" - ").unwrap(), None);
        assert_eq!(parse("AND OR").unwrap(), None);
    }

    #[test]
    fn malformed_queries_point_at_the_problem() {
        let e = parse("Syria \"cease fire").unwrap_err().to_string();
        assert!(e.contains("unclosed quote at column 7"), "{e}");
        let e = parse("(a b").unwrap_err().to_string();
        assert!(e.contains("unclosed parenthesis at column 1"), "{e}");
        let e = parse("a b)").unwrap_err().to_string();
        assert!(e.contains("unmatched ')' at column 4"), "{e}");
    }
}
