//! The measures `newsdex eval extract` reports, and the name matching they share: set
//! precision/recall/F1 from true/false positive and false negative counts, accuracy, and the
//! per-document name sets (case folded, a surname-only name merged into the full name with
//! that surname). Pure functions: the readers in `extract_*` build the sets, this scores them.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// True positives, false positives and false negatives, summed over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    /// Scores one document's predicted set against its gold set.
    pub fn of_sets<T: Ord>(predicted: &BTreeSet<T>, gold: &BTreeSet<T>) -> Counts {
        let tp = predicted.intersection(gold).count();
        Counts {
            tp,
            fp: predicted.len() - tp,
            fn_: gold.len() - tp,
        }
    }

    pub fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    /// tp / (tp + fp); 1.0 when nothing was predicted (no false alarm was made).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn); 1.0 when there was nothing to find.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall; 0.0 when both are 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

/// One measured figure: a row of the table, a line of `--json`.
///
/// Set rows have precision, recall and F1. Recall-only rows (Reuters PEOPLE tags, which list
/// only some of the people) leave precision and F1 null. Accuracy rows set `accuracy` and
/// repeat it in `f1` so a reader that only looks at `f1` still sees it; their precision and
/// recall are null. `n` is the number of documents (articles) scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub dataset: String,
    pub field: String,
    pub level: String,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub accuracy: Option<f64>,
    pub n: usize,
}

impl Row {
    pub fn prf(dataset: &str, field: &str, level: &str, c: Counts, n: usize) -> Row {
        Row {
            dataset: dataset.into(),
            field: field.into(),
            level: level.into(),
            precision: Some(c.precision()),
            recall: Some(c.recall()),
            f1: Some(c.f1()),
            accuracy: None,
            n,
        }
    }

    pub fn recall_only(dataset: &str, field: &str, level: &str, c: Counts, n: usize) -> Row {
        Row {
            precision: None,
            f1: None,
            ..Row::prf(dataset, field, level, c, n)
        }
    }

    /// `right` of `n` documents exactly right.
    pub fn accuracy(dataset: &str, field: &str, level: &str, right: usize, n: usize) -> Row {
        let acc = ratio(right, n);
        Row {
            dataset: dataset.into(),
            field: field.into(),
            level: level.into(),
            precision: None,
            recall: None,
            f1: Some(acc),
            accuracy: Some(acc),
            n,
        }
    }
}

/// Per-document precision, recall and F1, macro-averaged: each document counts the same,
/// whatever the size of its gold set (keyphrase papers score this way).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MacroPrf {
    sum: (f64, f64, f64),
    pub docs: usize,
}

impl MacroPrf {
    /// Adds one document's (P, R, F1).
    pub fn add(&mut self, (p, r, f): (f64, f64, f64)) {
        self.sum = (self.sum.0 + p, self.sum.1 + r, self.sum.2 + f);
        self.docs += 1;
    }

    /// The means of P, R and F1; all 0.0 when no document was added.
    pub fn means(&self) -> (f64, f64, f64) {
        if self.docs == 0 {
            return (0.0, 0.0, 0.0);
        }
        let n = self.docs as f64;
        (self.sum.0 / n, self.sum.1 / n, self.sum.2 / n)
    }

    /// A row of the means: F1 is the mean of the per-document F1s, not the harmonic mean of
    /// the mean P and R.
    pub fn row(&self, dataset: &str, field: &str, level: &str) -> Row {
        let (p, r, f) = self.means();
        Row {
            dataset: dataset.into(),
            field: field.into(),
            level: level.into(),
            precision: Some(p),
            recall: Some(r),
            f1: Some(f),
            accuracy: None,
            n: self.docs,
        }
    }
}

/// Folds a name for comparison: lower case, one space between words, no possessive `'s`,
/// no surrounding punctuation.
pub fn fold_name(name: &str) -> String {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w);
            w.to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ")
}

/// The document-level set of names: every name folded, then each one-word name that is the
/// last word of a longer name in the same document dropped ("Reagan" merges into "Ronald
/// Reagan"), so a person counts once however they are written.
pub fn name_set<'a>(names: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    let all: BTreeSet<String> = names
        .into_iter()
        .map(fold_name)
        .filter(|n| !n.is_empty())
        .collect();
    let surnames: BTreeSet<&str> = all
        .iter()
        .filter(|n| n.contains(' '))
        .filter_map(|n| n.rsplit(' ').next())
        .collect();
    all.iter()
        .filter(|n| n.contains(' ') || !surnames.contains(n.as_str()))
        .cloned()
        .collect()
}

/// The surname key of a name: its last word, folded ("James Baker" -> "baker").
pub fn surname(name: &str) -> Option<String> {
    // "Joseph R. Biden Jr." -> "biden": a generational suffix is not the surname.
    const SUFFIXES: [&str; 5] = ["jr", "sr", "ii", "iii", "iv"];
    let folded = fold_name(name);
    let mut words = folded.rsplit(' ');
    let last = words.next()?;
    match words.next() {
        Some(before) if SUFFIXES.contains(&last) => Some(before.to_string()),
        _ => Some(last.to_string()),
    }
}

/// Whether `word` occurs in `text` as a whole word, ignoring case ("baker" in "Mr Baker's").
pub fn has_word(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let lower = text.to_lowercase();
    lower.match_indices(word).any(|(i, m)| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &[&str]) -> BTreeSet<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn counts_give_hand_computed_scores() {
        // predicted {a, b, c}, gold {b, c, d, e}: tp 2, fp 1, fn 2.
        let c = Counts::of_sets(&set(&["a", "b", "c"]), &set(&["b", "c", "d", "e"]));
        assert_eq!(
            c,
            Counts {
                tp: 2,
                fp: 1,
                fn_: 2
            }
        );
        assert!((c.precision() - 2.0 / 3.0).abs() < 1e-12);
        assert!((c.recall() - 0.5).abs() < 1e-12);
        // 2 * (2/3) * (1/2) / (2/3 + 1/2) = (2/3) / (7/6) = 4/7
        assert!((c.f1() - 4.0 / 7.0).abs() < 1e-12);
    }

    #[test]
    fn empty_sets_score_perfect_and_zero_f1_is_safe() {
        let c = Counts::default();
        assert_eq!((c.precision(), c.recall(), c.f1()), (1.0, 1.0, 1.0));
        let miss = Counts {
            tp: 0,
            fp: 3,
            fn_: 2,
        };
        assert_eq!(miss.f1(), 0.0);
        let mut sum = Counts {
            tp: 1,
            fp: 0,
            fn_: 1,
        };
        sum.add(Counts {
            tp: 3,
            fp: 2,
            fn_: 0,
        });
        assert_eq!(
            sum,
            Counts {
                tp: 4,
                fp: 2,
                fn_: 1
            }
        );
    }

    #[test]
    fn accuracy_rows_repeat_accuracy_in_f1() {
        let r = Row::accuracy("d", "dateline", "document", 3, 4);
        assert_eq!(
            (r.accuracy, r.f1, r.precision),
            (Some(0.75), Some(0.75), None)
        );
        assert_eq!(Row::accuracy("d", "f", "l", 0, 0).accuracy, Some(1.0));
    }

    #[test]
    fn macro_averages_give_each_document_the_same_weight() {
        let mut m = MacroPrf::default();
        assert_eq!(m.means(), (0.0, 0.0, 0.0));
        m.add((1.0, 0.5, 2.0 / 3.0));
        m.add((0.0, 0.0, 0.0));
        let (p, r, f) = m.means();
        assert!((p - 0.5).abs() < 1e-12 && (r - 0.25).abs() < 1e-12);
        assert!((f - 1.0 / 3.0).abs() < 1e-12);
        let row = m.row("d", "topics", "keyphrase@10");
        assert_eq!((row.n, row.f1), (2, Some(f)));
    }

    #[test]
    fn name_sets_merge_surnames_into_full_names() {
        let s = name_set(["Ronald Reagan", "Reagan", "REAGAN's", "Gorbachev", "  "]);
        assert_eq!(s, set(&["gorbachev", "ronald reagan"]));
        let two = name_set(["Barack Obama", "Michelle Obama", "Obama"]);
        assert_eq!(two, set(&["barack obama", "michelle obama"]));
    }

    #[test]
    fn surnames_and_whole_words() {
        assert_eq!(surname("James Baker").as_deref(), Some("baker"));
        assert_eq!(surname("Joseph R. Biden Jr.").as_deref(), Some("biden"));
        assert_eq!(surname("Vann R. Newkirk II").as_deref(), Some("newkirk"));
        assert_eq!(surname("Malcolm X").as_deref(), Some("x"));
        assert!(has_word("Treasury Secretary James BAKER's plan", "baker"));
        assert!(!has_word("a bakery", "baker"));
        assert!(!has_word("text", ""));
    }
}
