//! Training for the name tagger: an averaged perceptron over gold-tagged texts (CoNLL-2003
//! train), the epoch picked on held-out texts (valid), weights averaged and quantised to `i8`.
//! Deterministic: a fixed-seed shuffle, no threads.

use super::*;
use crate::extract::tokens::tokenize;

/// One training text with its gold name spans (byte ranges).
pub(crate) struct Example {
    pub text: String,
    pub names: Vec<(usize, usize, Label)>,
}

/// Gold tags for `toks`: a token starting inside a gold span takes its kind, `B-` on the
/// first token of the span. Tokens the model never scores stay `O`.
pub(crate) fn gold_tags(toks: &[Token], names: &[(usize, usize, Label)]) -> Vec<u8> {
    let mut tags = vec![O; toks.len()];
    for &(s, e, label) in names {
        let mut first = true;
        for (k, t) in toks.iter().enumerate() {
            if t.start >= s && t.start < e {
                tags[k] = if first {
                    label.begin()
                } else {
                    label.begin() + 1
                };
                first = false;
            }
        }
    }
    // What the decoder can produce: unscored tokens are O, and an I- tag after anything but
    // its own kind (a lower-case "of" in "Bank of England", a sentence break) starts anew.
    for i in 0..toks.len() {
        if !scored(&toks[i]) {
            tags[i] = O;
        } else if inside(tags[i]) {
            let prev = prev_tag(&tags, toks, i);
            if prev != tags[i] && prev != tags[i] - 1 {
                tags[i] -= 1;
            }
        }
    }
    tags
}

/// Training settings.
pub(crate) struct TrainConfig {
    pub epochs: usize,
    pub seed: u64,
}

/// What training measured after each epoch on the held-out examples: (epoch, P, R, F1) of
/// exact PER spans, with the averaged, quantised weights.
pub(crate) type Curve = Vec<(usize, f64, f64, f64)>;

/// Trains an averaged perceptron on `train` and keeps the epoch whose averaged weights score
/// best on `held_out` (exact PER spans). Deterministic: the example order is shuffled by a
/// fixed-seed generator.
pub(crate) fn train(train: &[Example], held_out: &[Example], cfg: &TrainConfig) -> (Model, Curve) {
    let tokenized = |ex: &[Example]| -> Vec<(Vec<Token>, Vec<u8>)> {
        ex.iter()
            .map(|e| {
                let toks = tokenize(&e.text);
                let gold = gold_tags(&toks, &e.names);
                (toks, gold)
            })
            .collect()
    };
    let data = tokenized(train);
    let held = tokenized(held_out);
    let size = (1usize << BITS) * NT;
    let mut w = vec![0f32; size];
    let mut u = vec![0f64; size];
    let mut c = 1f64;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = cfg.seed | 1;
    let mut curve = Vec::new();
    let mut best: Option<(f64, Model)> = None;
    let mut feats = [0u64; MAX_FEATS];
    for epoch in 1..=cfg.epochs {
        // Fisher-Yates with xorshift64: the same seed gives the same order.
        for k in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(k, (rng % (k as u64 + 1)) as usize);
        }
        for &d in &order {
            let (toks, gold) = &data[d];
            let text = &train[d].text;
            let mut tags = vec![O; toks.len()];
            let mut memory = Memory::default();
            let mut cx = Context::new(text, toks);
            for i in 0..toks.len() {
                if !scored(&toks[i]) {
                    continue;
                }
                let n = features(&mut cx, i, &tags, &memory, &mut feats);
                let mut s = [0f32; NT];
                for &f in &feats[..n] {
                    let row = (f >> (64 - BITS)) as usize * NT;
                    for (acc, &x) in s.iter_mut().zip(&w[row..row + NT]) {
                        *acc += x;
                    }
                }
                let best_k = legal_best(&s, prev_tag(&tags, toks, i));
                let g = gold[i];
                if best_k != g {
                    for &f in &feats[..n] {
                        let row = (f >> (64 - BITS)) as usize * NT;
                        w[row + usize::from(g)] += 1.0;
                        u[row + usize::from(g)] += c;
                        w[row + usize::from(best_k)] -= 1.0;
                        u[row + usize::from(best_k)] -= c;
                    }
                }
                // Teacher forcing keeps the history features right while learning; the
                // memory holds what the model said, as it will when tagging.
                tags[i] = g;
                memory.note(&toks[i], best_k);
                c += 1.0;
            }
        }
        let model = quantise(&w, &u, c);
        let (p, r, f) = span_scores(&model, held_out, &held);
        curve.push((epoch, p, r, f));
        if best.as_ref().is_none_or(|(bf, _)| f > *bf) {
            best = Some((f, model));
        }
    }
    let model = best.map_or_else(|| quantise(&w, &u, c), |(_, m)| m);
    (model, curve)
}

/// Averaged weights (`w - u / c`), scaled so the 99.99th percentile magnitude maps to 127.
fn quantise(w: &[f32], u: &[f64], c: f64) -> Model {
    let avg: Vec<f32> = w
        .iter()
        .zip(u)
        .map(|(&w, &u)| (f64::from(w) - u / c) as f32)
        .collect();
    let mut mags: Vec<f32> = avg.iter().map(|x| x.abs()).filter(|&x| x > 0.0).collect();
    let top = if mags.is_empty() {
        1.0
    } else {
        let k = (mags.len() as f64 * 0.9999) as usize;
        let k = k.min(mags.len() - 1);
        *mags.select_nth_unstable_by(k, f32::total_cmp).1
    };
    let scale = 127.0 / top.max(f32::MIN_POSITIVE);
    let weights = avg
        .iter()
        .map(|&x| (x * scale).round().clamp(-127.0, 127.0) as i8)
        .collect();
    Model {
        bits: BITS,
        weights,
    }
}

/// Exact-match PER span precision, recall and F1 of `model` on tokenized examples.
fn span_scores(model: &Model, ex: &[Example], toks: &[(Vec<Token>, Vec<u8>)]) -> (f64, f64, f64) {
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    for (e, (t, gold)) in ex.iter().zip(toks) {
        let pred = person_spans(&model.tag(&e.text, t));
        let gold = person_spans(gold);
        tp += pred.iter().filter(|s| gold.contains(s)).count();
        np += pred.len();
        ng += gold.len();
    }
    let p = tp as f64 / np.max(1) as f64;
    let r = tp as f64 / ng.max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}
