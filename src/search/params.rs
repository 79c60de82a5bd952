//! The ranking's constants ([`Params`]): BM25's, the field weights, soft AND, proximity and
//! pseudo-relevance feedback, with the defaults measured on TIME and a way to replace some
//! of them for measuring (`--rank`).

use super::feedback::Feedback;

/// The ranking constants. README.md ("How good is the ranking?") records what each is worth
/// on TIME; BM25's k1 and b keep their textbook values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// BM25 term-frequency saturation.
    pub k1: f32,
    /// Length normalisation of the body (0 = none, 1 = full).
    pub b: f32,
    /// Length normalisation of the title.
    pub title_b: f32,
    /// How many body occurrences one title occurrence is worth.
    pub title_weight: f32,
    /// How many body occurrences one dateline occurrence is worth.
    pub dateline_weight: f32,
    /// Exponent on the share of concepts a document has (0 = plain OR). Off: it cost 0.06 MAP
    /// on TIME's sentence-long queries, where many words are incidental.
    pub coord: f32,
    /// Weight of the proximity bonus (0 = off; measured, no gain on TIME).
    pub proximity: f32,
    /// Largest distance, in positions, at which two words count as near.
    pub window: u32,
    /// Pseudo-relevance feedback (RM3).
    pub feedback: Feedback,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            k1: 1.2,
            b: 0.75,
            title_b: 0.75,
            title_weight: 2.0,
            dateline_weight: 1.0,
            coord: 0.0,
            proximity: 0.0,
            window: 8,
            feedback: Feedback {
                docs: 10,
                terms: 30,
                original_weight: 0.6,
                window: 1000,
            },
        }
    }
}

impl Params {
    /// These constants with some replaced: `k1=0.9,fb_docs=0` (for measuring each step).
    pub fn with(mut self, spec: &str) -> Result<Params, String> {
        for kv in spec.split(',').map(str::trim).filter(|kv| !kv.is_empty()) {
            let (k, v) = kv
                .split_once('=')
                .ok_or_else(|| format!("{kv:?}: expected name=value"))?;
            let v: f32 = v
                .trim()
                .parse()
                .map_err(|_| format!("{kv:?}: {v:?} is not a number"))?;
            if !v.is_finite() || v < 0.0 {
                return Err(format!("{kv:?}: expected a finite number, 0 or more"));
            }
            let count = || v.max(0.0) as usize;
            match k.trim() {
                "k1" => self.k1 = v,
                "b" => self.b = v,
                "title_b" => self.title_b = v,
                "title_weight" => self.title_weight = v,
                "dateline_weight" => self.dateline_weight = v,
                "coord" => self.coord = v,
                "proximity" => self.proximity = v,
                "window" => self.window = count() as u32,
                "fb_docs" => self.feedback.docs = count(),
                "fb_terms" => self.feedback.terms = count(),
                "fb_weight" => self.feedback.original_weight = v,
                "fb_window" => self.feedback.window = count(),
                other => {
                    return Err(format!(
                        "unknown ranking constant {other:?} (k1, b, title_b, title_weight, \
                         dateline_weight, coord, proximity, window, fb_docs, fb_terms, fb_weight, \
                         fb_window)"
                    ));
                }
            }
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_are_replaced_and_bad_values_refused() {
        let p = Params::default().with("k1=0.9, b=0.4,fb_docs=0").unwrap();
        assert_eq!((p.k1, p.b, p.feedback.docs), (0.9, 0.4, 0));
        for bad in ["k1=NaN", "b=inf", "k1=-1", "k1", "k1=x", "nope=1"] {
            let err = Params::default().with(bad).unwrap_err();
            assert!(err.contains(bad.split('=').next().unwrap()), "{bad}: {err}");
        }
    }
}
