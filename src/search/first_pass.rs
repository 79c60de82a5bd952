//! The feedback pass: a request's first ranking, which counts and records its matches, reads
//! its best articles back and picks the feedback words (see [`feedback`]) that the final
//! query adds, scored within the rescoring window ([`rank::FeedbackWindow`]).

use super::*;

/// A request's ranked query, and what its feedback pass learnt on the way.
pub(super) struct FirstPass {
    pub(super) query: RankedQuery,
    /// The number of matches, when the first pass counted them.
    pub(super) counted: Option<usize>,
    /// As [`Prepared::known`].
    pub(super) known: Known,
    /// As [`Prepared::seen`].
    pub(super) seen: HashMap<DocAddress, feedback::Analysed>,
}

/// Scores that a request's final query gives some of its matches, best first: a page can
/// start pruning from them (see [`RankedQuery::floor`]). Only a page ranked by plain top-k
/// uses them (a page of stories does not), so scoring the first pass's hits again with the
/// final query waits until one asks.
pub(super) enum Known {
    Scores(Vec<f32>),
    /// The first pass's hits and the number of matches, scored again when first asked for.
    Later {
        top: Vec<(f32, DocAddress)>,
        matches: usize,
        scores: std::sync::OnceLock<Vec<f32>>,
    },
}

/// True when a request's matcher is exactly "every concept, in any of its fields": plain
/// words (no field prefixes, phrases, OR, NOT or `+`), all required, no filters, no typo
/// spellings, and one concept per word (none merged or dropped). See
/// [`RankedQuery::conjunction`].
fn plain_conjunction(req: &SearchRequest, concepts: usize) -> bool {
    if !req.filters.is_empty() || req.mode != MatchMode::All || req.fuzzy {
        return false;
    }
    let word = |n: &syntax::Node| matches!(n, syntax::Node::Word { field: None, .. });
    let words = match syntax::parse(&req.query) {
        Ok(Some(n)) if word(&n) => 1,
        Ok(Some(syntax::Node::And(children))) if children.iter().all(word) => children.len(),
        _ => return false,
    };
    words == concepts
}

/// From how many matches on it pays to score the feedback pass's hits again to start pruning
/// from (measured with callgrind on Reuters ×5: a loss at 400 matches, a gain from 3,000).
const RESCORE_MIN_MATCHES: usize = 1000;

/// The rescoring window of a query whose first pass's best matches are `best` (all of
/// them, best first), whose own concepts weighed `own_weights` there and which the final
/// query weighs as the first of `mixed` (see [`rank::FeedbackWindow`]).
fn feedback_window(
    searcher: &tantivy::Searcher,
    best: &[(f32, DocAddress)],
    own_weights: &[f32],
    mixed: &[concept::Concept],
) -> rank::FeedbackWindow {
    let mut docs: HashMap<_, Vec<tantivy::DocId>> = HashMap::new();
    for (_, addr) in best {
        let segment = searcher.segment_reader(addr.segment_ord).segment_id();
        docs.entry(segment).or_default().push(addr.doc_id);
    }
    for list in docs.values_mut() {
        list.sort_unstable();
    }
    // A match outside scored at most the window's last first-pass score, and the final
    // query weighs each own concept at most `ratio` times as much; the margin covers float
    // rounding.
    let last = best.last().map_or(f32::INFINITY, |t| t.0);
    let ratio = own_weights
        .iter()
        .zip(mixed)
        .map(|(&w, c)| if w > 0.0 { c.weight / w } else { f32::INFINITY })
        .fold(1.0f32, f32::max);
    let cap = (last * ratio).max(0.0) * 1.0001 + 1e-6;
    rank::FeedbackWindow {
        own: own_weights.len(),
        docs,
        cap: if cap.is_nan() { f32::INFINITY } else { cap },
    }
}

impl NewsIndex {
    /// The ranked query with feedback words from a first pass, when feedback is on. The first
    /// pass walks every match, so it also counts them; and its hits, scored again by the final
    /// query, give a score that the final top k reaches (see [`Prepared::known`]).
    pub(super) fn ranked_query(&self, req: &SearchRequest) -> Result<FirstPass> {
        let params = self.params;
        let (matcher, concepts) = self.plan(req)?;
        let mut first =
            RankedQuery::new(matcher.box_clone(), concepts.clone(), self.fields, params);
        if plain_conjunction(req, concepts.len()) {
            first = first.conjunction();
        }
        let fb = params.feedback;
        if fb.docs == 0 || concepts.is_empty() || req.sort != Sort::Relevance {
            return Ok(FirstPass {
                query: first,
                counted: None,
                known: Known::Scores(Vec::new()),
                seen: HashMap::new(),
            });
        }
        let searcher = self.reader.searcher();
        let counter = Arc::new(AtomicUsize::new(0));
        // The first pass records its matches; the final query, with the same matcher, walks
        // them again without the matcher.
        let log = Arc::new(rank::MatchLog::default());
        // The first pass's best matches: the feedback documents, and the rescoring window.
        let window_len = if fb.window == 0 {
            0
        } else {
            fb.window.max(fb.docs)
        };
        let best = searcher.search(
            &first
                .clone()
                .counting(Arc::clone(&counter))
                .recording(Arc::clone(&log)),
            &TopDocs::with_limit(window_len.max(fb.docs)).order_by_score(),
        )?;
        let top = best[..best.len().min(fb.docs)].to_vec();
        let first = first.replaying(Arc::clone(&log));
        let matches = counter.load(AtomicOrdering::Relaxed);
        let counted = Some(matches);
        let mut analyzer = self.text_analyzer()?;
        let mut seen = HashMap::new();
        for &(_, addr) in &top {
            let doc = feedback::analyse(&searcher, &self.fields, &mut analyzer, addr)?;
            seen.insert(addr, doc);
        }
        let analysed: Vec<(f32, &feedback::Analysed)> = top
            .iter()
            .filter_map(|(s, a)| seen.get(a).map(|d| (*s, d)))
            .collect();
        let extra = feedback::expansion(&searcher, &self.fields, &concepts, &analysed, fb)?;
        if extra.is_empty() {
            return Ok(FirstPass {
                query: first,
                counted,
                known: Known::Scores(top.iter().map(|t| t.0).collect()),
                seen,
            });
        }
        let own_weights: Vec<f32> = concepts.iter().map(|c| c.weight).collect();
        let mixed = feedback::mix(concepts, extra);
        let mut query =
            RankedQuery::new(matcher, mixed.clone(), self.fields, params).replaying(log);
        // Every match is in a window as large as the matches: none is needed then.
        if window_len > 0 && best.len() >= window_len {
            let window = feedback_window(&searcher, &best, &own_weights, &mixed);
            query = query.windowed(Arc::new(window));
        }
        let known = Known::Later {
            top,
            matches,
            scores: std::sync::OnceLock::new(),
        };
        Ok(FirstPass {
            query,
            counted,
            known,
            seen,
        })
    }

    /// [`Prepared::known`], scoring the first pass's hits again if it comes to that.
    pub(super) fn known<'k>(&self, known: &'k Known, query: &RankedQuery) -> Result<&'k [f32]> {
        match known {
            Known::Scores(s) => Ok(s),
            Known::Later {
                top,
                matches,
                scores,
            } => {
                if let Some(s) = scores.get() {
                    return Ok(s);
                }
                let s = self.known_scores(&self.reader.searcher(), query, top, *matches)?;
                Ok(scores.get_or_init(|| s))
            }
        }
    }

    /// Scores that the final `query` gives at least, best first, to the first pass's `top`
    /// hits, for a query with `matches` matches. Feedback only adds to a score (its words and
    /// weights are non-negative), so the first-pass scores are such scores, for free; with
    /// many matches, scoring the hits again with the final query gives higher ones, which
    /// prune more than a scorer per segment costs. Soft AND scales a score by the share of
    /// the query matched, which feedback lowers: there only scoring again gives them.
    fn known_scores(
        &self,
        searcher: &tantivy::Searcher,
        query: &RankedQuery,
        top: &[(f32, DocAddress)],
        matches: usize,
    ) -> Result<Vec<f32>> {
        let mut known: Vec<f32> = if matches >= RESCORE_MIN_MATCHES || self.params.coord > 0.0 {
            let addrs: Vec<DocAddress> = top.iter().map(|t| t.1).collect();
            query
                .scores_of(searcher, &addrs)?
                .into_iter()
                .flatten()
                .collect()
        } else {
            top.iter().map(|t| t.0).collect()
        };
        known.sort_by(|a, b| b.total_cmp(a));
        Ok(known)
    }
}
