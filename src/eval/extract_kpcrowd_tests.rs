//! Tests for the 500N-KPCrowd reader, normaliser, F1@10 scoring and TF-IDF baseline.

use super::*;
use std::path::PathBuf;

fn set(keys: &[&str]) -> HashSet<String> {
    keys.iter().map(|s| s.to_string()).collect()
}

#[test]
fn reads_title_body_and_gold_from_crlf_text() {
    let d = parse_doc(
        "x-1".into(),
        "Leaders meet in Minsk\r\nThe Minsk agreement holds.\r\nSecond line.\r\n",
        "Minsk agreement\r\nleaders\r\n\r\n",
    );
    assert_eq!(d.title, "Leaders meet in Minsk");
    assert_eq!(d.body, "The Minsk agreement holds.\nSecond line.");
    assert_eq!(d.gold, vec!["Minsk agreement", "leaders"]);
    let empty = parse_doc("e".into(), "", "");
    assert_eq!((empty.title.as_str(), empty.body.as_str()), ("", ""));
    assert!(empty.gold.is_empty());
}

#[test]
fn normalises_case_punctuation_possessives_and_stems() {
    let mut n = Normaliser::default();
    assert_eq!(n.key("Syria Cease-fire"), n.key("syria ceasefire"));
    assert_eq!(n.key("Obama's"), n.key("Obamas"));
    assert_eq!(n.key("U.S. talks"), "us talk");
    assert_eq!(n.key("cyber warfare"), n.key("Cyber  WARFARE"));
    assert_eq!(n.key("agreements"), n.key("agreement"));
    assert_eq!(n.key(" — "), "");
    assert_ne!(n.key("Minsk agreement"), n.key("Minsk"));
    // Deduplicated after normalising, order kept, empty keys dropped.
    assert_eq!(
        n.keys(["Talks", "talk", "--", "Minsk"]),
        vec!["talk".to_string(), "minsk".to_string()]
    );
}

#[test]
fn f1_at_10_by_hand() {
    let gold = set(&["a", "b", "c", "d"]);
    // 2 hits of 4 predicted: P 0.5, R 0.5, F1 0.5.
    let got = score_doc(&["a".into(), "x".into(), "b".into(), "y".into()], &gold);
    assert_eq!(got, (0.5, 0.5, 0.5));
    // Only the first 10 distinct count: the hit at position 12 is ignored.
    let mut many: Vec<String> = (0..11).map(|i| format!("w{i}")).collect();
    many.insert(1, "w0".into());
    many.push("a".into());
    let (p, r, f) = score_doc(&many, &gold);
    assert_eq!((p, r, f), (0.0, 0.0, 0.0));
    // Nothing predicted: P 1 by convention, R 0, F1 0.
    assert_eq!(score_doc(&[], &gold), (1.0, 0.0, 0.0));
    // 1 hit of 1 predicted against 4 gold: F1 = 2 * 1 * 0.25 / 1.25 = 0.4.
    let (_, _, f) = score_doc(&["c".into()], &gold);
    assert!((f - 0.4).abs() < 1e-12);
}

#[test]
fn baseline_candidates_respect_stop_words_and_punctuation() {
    let c = candidates("The Minsk agreement, signed in 2015, was broken.\nCyber warfare");
    for want in [
        "Minsk",
        "Minsk agreement",
        "agreement",
        "signed",
        "broken",
        "Cyber warfare",
    ] {
        assert!(c.iter().any(|x| x == want), "missing {want:?} in {c:?}");
    }
    for bad in [
        "The Minsk",
        "agreement signed",
        "signed in",
        "broken Cyber",
        "2015",
    ] {
        assert!(!c.iter().any(|x| x == bad), "{bad:?} in {c:?}");
    }
    // A stop word may sit inside a phrase, never at its ends.
    let c = candidates("Bank of America fell");
    assert!(c.iter().any(|x| x == "Bank of America"), "{c:?}");
    assert!(
        !c.iter().any(|x| x == "Bank of" || x == "of America"),
        "{c:?}"
    );
    assert!(candidates("").is_empty() && candidates("-- 12 ...").is_empty());
}

fn doc(id: &str, text: &str) -> Doc {
    parse_doc(id.into(), text, "")
}

#[test]
fn baseline_prefers_frequent_rare_words() {
    let train = vec![
        doc("1", "Markets\nStocks rose and markets rallied."),
        doc("2", "Markets\nStocks fell as markets slid."),
        doc("3", "Weather\nRain fell on markets."),
    ];
    let mut n = Normaliser::default();
    let df = DocFreq::of(&train, &mut n);
    assert_eq!(df.docs, 3);
    assert_eq!(df.df.get("market"), Some(&3));
    let d = doc(
        "t",
        "Ceasefire\nThe ceasefire held. Markets rose. The ceasefire was fragile.",
    );
    let top = tfidf_top(&d, &df, false, &mut n);
    assert_eq!(top.first().map(String::as_str), Some("ceasefir"), "{top:?}");
    assert!(top.len() <= TOP_K);
    let pos = |k: &str| top.iter().position(|x| x == k);
    assert!(pos("market") > pos("rose"), "{top:?}");
    // Leaving a train document out of its own df changes its idf.
    assert!(df.idf("rain", true) > df.idf("rain", false));
}

fn data_dir() -> PathBuf {
    std::env::var_os("NEWSDEX_DATA").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"),
        PathBuf::from,
    )
}

/// The tuning harness: train (and test, as the report gives it) scored as `eval extract` does.
/// Prints the figures; skips when the data is absent.
#[test]
fn kpcrowd_train_split_for_tuning() {
    let dir = data_dir().join("500n_kpcrowd");
    if !dir.join("train").is_dir() {
        eprintln!("skipping: {} not found", dir.join("train").display());
        return;
    }
    let train = read_split(&dir.join("train")).expect("KPCrowd train reads");
    assert_eq!(train.len(), 450);
    assert!(
        train
            .iter()
            .all(|d| !d.title.is_empty() && !d.gold.is_empty())
    );
    let mut n = Normaliser::default();
    let df = DocFreq::of(&train, &mut n);
    let (ours, base) = evaluate_split(&train, &df, true, "500n-kpcrowd-train", &mut n);
    eprintln!("{ours:?}\n{base:?}");
    let f = |r: &Row| r.f1.unwrap_or(0.0);
    eprintln!("ratio ours / TF-IDF: {:.3}", f(&ours) / f(&base));
    assert!(f(&base) > 0.05, "the baseline finds gold phrases: {base:?}");
}
