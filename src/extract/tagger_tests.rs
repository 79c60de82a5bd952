use super::*;
use crate::extract::tokens::tokenize;

/// A span of `text` by its words: the byte range of the first occurrence of `name`.
fn named(text: &str, name: &str, label: Label) -> (usize, usize, Label) {
    let s = text.find(name).unwrap_or(0);
    (s, s + name.len(), label)
}

fn example(text: &str, names: &[(&str, Label)]) -> Example {
    Example {
        text: text.to_string(),
        names: names.iter().map(|&(n, l)| named(text, n, l)).collect(),
    }
}

/// The PER names `model` finds in `text`.
fn people_in(model: &Model, text: &str) -> Vec<String> {
    let toks = tokenize(text);
    person_spans(&model.tag(text, &toks))
        .into_iter()
        .map(|(s, e)| text[toks[s].start..toks[e - 1].end].to_string())
        .collect()
}

fn synthetic() -> Vec<Example> {
    let people = [
        "Anna Kowalczyk",
        "Boris Petrenko",
        "Carla Mendes",
        "Dieter Vogt",
        "Elena Rossi",
        "Farid Haddad",
    ];
    let firms = ["Acme Corp", "Globex Ltd", "Initech Inc"];
    let towns = ["Springfield", "Riverton", "Lakeside"];
    let mut out = Vec::new();
    for (k, p) in people.iter().enumerate() {
        let f = firms[k % firms.len()];
        let t = towns[k % towns.len()];
        let text = format!("{p} said on Monday that {f} would open a plant in {t}.");
        out.push(example(
            &text,
            &[(p, Label::Per), (f, Label::Org), (t, Label::Loc)],
        ));
        let text = format!("Shares of {f} rose after {p} joined the board in {t}.");
        out.push(example(
            &text,
            &[(f, Label::Org), (p, Label::Per), (t, Label::Loc)],
        ));
    }
    out
}

#[test]
fn gold_tags_follow_the_decoder() {
    let text = "Bank of England chief Mervyn King spoke.";
    let toks = tokenize(text);
    let tags = gold_tags(
        &toks,
        &[
            named(text, "Bank of England", Label::Org),
            named(text, "Mervyn King", Label::Per),
        ],
    );
    let names: Vec<&str> = tags.iter().map(|&t| TAGS[usize::from(t)]).collect();
    // "of" is never scored, so "England" opens a new span the decoder can produce.
    assert_eq!(
        names,
        ["B-ORG", "O", "B-ORG", "O", "B-PER", "I-PER", "O", "O"]
    );
}

#[test]
fn learns_a_tiny_synthetic_set() {
    let data = synthetic();
    let cfg = TrainConfig { epochs: 5, seed: 7 };
    let (model, curve) = train(&data, &data, &cfg);
    let best = curve.iter().map(|c| c.3).fold(0.0, f64::max);
    assert!(best > 0.99, "training set F1 {best}: {curve:?}");
    assert_eq!(
        people_in(
            &model,
            "Dieter Vogt said on Monday that Acme Corp would open a plant."
        ),
        ["Dieter Vogt"]
    );
}

#[test]
fn training_is_deterministic_and_models_round_trip() {
    let data = synthetic();
    let cfg = TrainConfig {
        epochs: 3,
        seed: 11,
    };
    let (a, _) = train(&data, &data, &cfg);
    let (b, _) = train(&data, &data, &cfg);
    let (bytes_a, bytes_b) = (a.to_bytes(), b.to_bytes());
    let (Ok(bytes_a), Ok(bytes_b)) = (bytes_a, bytes_b) else {
        panic!("serialising failed");
    };
    assert_eq!(bytes_a, bytes_b);
    let Ok(back) = Model::from_bytes(&bytes_a) else {
        panic!("reading back failed");
    };
    assert_eq!(back.bits, a.bits);
    assert!(
        back.weights == a.weights,
        "weights differ after a round trip"
    );
}

#[test]
fn bad_model_files_are_errors_not_panics() {
    assert!(matches!(Model::from_bytes(b""), Err(ModelError::Magic)));
    assert!(Model::from_bytes(b"NDXTAG1\0garbage").is_err());
    let data = synthetic();
    let cfg = TrainConfig { epochs: 1, seed: 1 };
    let Ok(bytes) = train(&data, &data, &cfg).0.to_bytes() else {
        panic!("serialising failed");
    };
    // Cut inside the compressed stream: a truncated file is reported.
    assert!(Model::from_bytes(&bytes[..bytes.len() / 2]).is_err());
}

#[test]
fn shipped_model_loads_and_tags_people() {
    let Some(model) = &*MODEL else {
        panic!("the shipped model does not load")
    };
    // Sentences written for this test, not from any training set.
    let cases = [
        (
            "Finance minister Olga Brandt told reporters in Oslo that talks would resume.",
            vec!["Olga Brandt"],
        ),
        (
            "The deal was signed by Marcus Feldman, chief executive of Halvorsen Shipping.",
            vec!["Marcus Feldman"],
        ),
        (
            "Toyota Motor Corp said sales in Europe rose 4 percent.",
            vec![],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(people_in(model, text), want, "{text}");
    }
}

#[test]
fn person_spans_read_bio() {
    let tags = [O, B_PER, I_PER, O, I_PER, B_PER, B_PER, I_PER, 3];
    assert_eq!(person_spans(&tags), [(1, 3), (4, 5), (5, 6), (6, 8)]);
    assert!(other_name(3) && other_name(8) && !other_name(B_PER) && !other_name(O));
}

#[test]
fn shipped_model_load_time() {
    let started = std::time::Instant::now();
    let model = Model::from_bytes(MODEL_BYTES);
    eprintln!(
        "model: {} bytes compressed, unpacked in {:.2} ms",
        MODEL_BYTES.len(),
        started.elapsed().as_secs_f64() * 1e3
    );
    assert!(model.is_ok());
}

/// CPU time of the tagger beside the whole of `enrich`, on Reuters-21578 bodies (dev only):
/// `NEWSDEX_DATA=../shared/data cargo test --release --lib extract::tagger::tests::cost -- --ignored --nocapture`.
#[test]
#[ignore]
fn cost() {
    use crate::extract::timing_tests::{cpu_now, reuters_bodies, reuters_dir};
    let bodies = reuters_bodies();
    if bodies.is_empty() {
        eprintln!("skipping: no Reuters-21578 files under {}", reuters_dir());
        return;
    }
    let Some(model) = &*MODEL else {
        panic!("the shipped model does not load")
    };
    let cpu = || cpu_now().as_secs_f64();
    let bytes: usize = bodies.iter().map(String::len).sum();
    let toks: Vec<Vec<Token>> = bodies.iter().map(|b| tokenize(b)).collect();
    let (mut tag_s, mut enrich_s) = (f64::MAX, f64::MAX);
    for _ in 0..3 {
        let t0 = cpu();
        let mut n = 0usize;
        for (b, t) in bodies.iter().zip(&toks) {
            n += model.tag(b, t).len();
        }
        tag_s = tag_s.min(cpu() - t0);
        assert!(n > 0);
        let t0 = cpu();
        for b in &bodies {
            let mut a = crate::article::Article {
                body: b.clone(),
                ..Default::default()
            };
            crate::extract::enrich(&mut a);
        }
        enrich_s = enrich_s.min(cpu() - t0);
    }
    let mb = bytes as f64 / 1e6;
    eprintln!(
        "tagger {:.3}s ({:.1} MB/s), enrich with tagger {:.3}s ({:.1} MB/s): tagger {:.0}% of enrich",
        tag_s,
        mb / tag_s,
        enrich_s,
        mb / enrich_s,
        100.0 * tag_s / enrich_s
    );
}

#[test]
fn scores_match_the_plain_sum() {
    let Some(model) = &*MODEL else {
        panic!("the shipped model does not load")
    };
    let plain = |feats: &[u64]| {
        let mut s = [0i32; NT];
        for &f in feats {
            let row = (f >> (64 - model.bits)) as usize * NT;
            for (acc, &w) in s.iter_mut().zip(&model.weights[row..row + NT]) {
                *acc += i32::from(w);
            }
        }
        s
    };
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut feats = [0u64; MAX_FEATS];
    for round in 0..2000 {
        for f in feats.iter_mut() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            *f = seed;
        }
        // The last rows, where the wide read would run off the table.
        feats[round % MAX_FEATS] = u64::MAX - round as u64;
        let n = round % (MAX_FEATS + 1);
        assert_eq!(model.scores(&feats[..n]), plain(&feats[..n]));
    }
}
