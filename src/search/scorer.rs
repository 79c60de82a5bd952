//! The per-segment scorer behind [`super::rank::RankedQuery`]: walks the matcher's documents
//! and, for each, reads the concepts' postings (seeking forward only, as the matcher does) to
//! compute BM25F, the soft-AND factor and the proximity bonus described in [`super::rank`].
//!
//! Top-k collection prunes (MaxScore, per document): a concept adds at most
//! weight × IDF × (k1 + 1), so once the concepts scored so far plus the most the remaining
//! ones could add cannot beat the k-th best score, the document is dropped without reading
//! the rest of its postings. Concepts are summed in the query's order, so a document that
//! is kept gets exactly the score it would get unpruned. With feedback, the query's own words
//! come first and the thirty feedback words, each worth little, are rarely read at all.
//!
//! The threshold can start above nothing: a query with a [`super::rank::RankedQuery::floor`]
//! (a score k known matches reach) prunes from the first document. And since the walk visits
//! every match, it can count them on the way (`RankedQuery::counting`), which saves the
//! feedback pass's query a separate counting pass. The walk can also record the matches
//! (`RankedQuery::recording`), so that the final query, whose matcher is the same, scores
//! that list instead of walking the matcher's unions and intersections again (`replaying`).
//!
//! A match outside the query's feedback window ([`super::rank::FeedbackWindow`]) is scored on
//! the query's own concepts alone, and not read at all once the threshold is past what such a
//! match can reach. For a query that is a plain conjunction of its words
//! (`RankedQuery::conjunction`), the walk finds the matches itself, leaping between the
//! words' cursors ([`super::cursors`]) instead of walking the matcher.

use tantivy::fastfield::AliveBitSet;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::Scorer;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED};

use super::cursors::{ConceptCursor, FieldCursor, Scratch, SpellingCursor, Words, count};
use super::rank::{FieldModel, FieldSpellings, Params, RankedWeight, TermSpelling};

/// Fields whose positions feed the proximity bonus: title and body (indexes into the model's
/// field list). The dateline is too short to say anything about nearness.
const PROXIMITY_FIELDS: [usize; 2] = [0, 1];

pub(super) struct RankedScorer {
    matcher: Box<dyn Scorer>,
    boost: Score,
    params: Params,
    fields: Vec<FieldModel>,
    norms: Vec<FieldNormReader>,
    concepts: Vec<ConceptCursor>,
    words: Words,
    total_weight: f32,
    /// Scratch: positions of each concept in each field for the current document.
    positions: Vec<Vec<Vec<u32>>>,
    scratch: Scratch,
    pairs: Vec<f32>,
    events: Vec<(u32, usize)>,
    /// Per concept: the most the concepts after it can add (before the boost), slightly
    /// rounded up; empty when the model cannot be pruned (soft AND, proximity).
    rest: Vec<f32>,
    /// The feedback window's documents in this segment (sorted), when there is a window:
    /// a document outside it is scored on the first `own` concepts alone.
    window: Option<Vec<DocId>>,
    own: usize,
    /// The most a document outside the window scores (see [`super::rank::FeedbackWindow`]).
    cap: Score,
    /// As `rest`, counting the first `own` concepts only.
    rest_own: Vec<f32>,
    /// The summed weight of the first `own` concepts (soft AND outside the window).
    own_weight: f32,
}

impl RankedScorer {
    pub(super) fn new(
        w: &RankedWeight,
        reader: &SegmentReader,
        matcher: Box<dyn Scorer>,
        boost: Score,
    ) -> tantivy::Result<RankedScorer> {
        let mut norms = Vec::new();
        for f in &w.fields {
            norms.push(reader.get_fieldnorms_reader(f.field)?);
        }
        let proximity = w.params.proximity > 0.0;
        let mut concepts = Vec::new();
        let mut words = Words::default();
        for c in &w.concepts {
            let mut per_field = Vec::new();
            for FieldSpellings {
                field: fi,
                spellings,
            } in &c.per_field
            {
                let inverted = reader.inverted_index(w.fields[*fi].field)?;
                let positions =
                    proximity || spellings.len() > 1 || spellings.iter().any(|s| s.terms.len() > 1);
                let option = if positions {
                    IndexRecordOption::WithFreqsAndPositions
                } else {
                    IndexRecordOption::WithFreqs
                };
                if !positions
                    && let [TermSpelling { terms, .. }] = &spellings[..]
                    && let [(_, term)] = &terms[..]
                {
                    if let Some(p) = inverted.read_postings(term, option)? {
                        per_field.push((*fi, FieldCursor::Word(words.push(p))));
                    }
                    continue;
                }
                let mut cursors = Vec::new();
                'spelling: for TermSpelling { terms, slop } in spellings {
                    let mut postings = Vec::new();
                    for (offset, term) in terms {
                        match inverted.read_postings(term, option)? {
                            Some(p) => postings.push((*offset, p)),
                            None => continue 'spelling,
                        }
                    }
                    cursors.push(SpellingCursor {
                        terms: postings,
                        slop: *slop,
                    });
                }
                if !cursors.is_empty() {
                    per_field.push((*fi, FieldCursor::Spellings(cursors)));
                }
            }
            concepts.push(ConceptCursor {
                idf: c.idf,
                weight: c.weight,
                per_field,
            });
        }
        let n = concepts.len();
        let k1 = w.params.k1;
        let prunable = w.params.coord <= 0.0 && w.params.proximity <= 0.0;
        let (window, own, cap) = match &w.window {
            Some(win) if win.own < n => (
                Some(
                    win.docs
                        .get(&reader.segment_id())
                        .cloned()
                        .unwrap_or_default(),
                ),
                win.own,
                win.cap,
            ),
            _ => (None, n, Score::INFINITY),
        };
        // Computed from the last concept back; the margin covers float rounding, so a
        // document is dropped only when it surely cannot reach the threshold.
        let rest_of = |concepts: &[ConceptCursor]| -> Vec<f32> {
            if !prunable {
                return Vec::new();
            }
            let mut after = 0.0f32;
            let mut rest = vec![0.0; concepts.len()];
            for (ci, c) in concepts.iter().enumerate().rev() {
                rest[ci] = after * 1.0001 + 1e-6;
                if !c.per_field.is_empty() {
                    after += (c.weight * c.idf * (k1 + 1.0)).max(0.0);
                }
            }
            rest
        };
        let rest = rest_of(&concepts);
        let rest_own = rest_of(&concepts[..own]);
        let weight_of = |concepts: &[super::rank::ConceptModel]| {
            concepts
                .iter()
                .map(|c| c.weight)
                .sum::<f32>()
                .max(f32::MIN_POSITIVE)
        };
        Ok(RankedScorer {
            matcher,
            boost,
            params: w.params,
            norms,
            total_weight: weight_of(&w.concepts),
            own_weight: weight_of(&w.concepts[..own]),
            positions: vec![vec![Vec::new(); w.fields.len()]; n],
            fields: w.fields.clone(),
            concepts,
            words,
            scratch: Scratch::default(),
            pairs: vec![0.0; n * n],
            events: Vec::new(),
            rest,
            window,
            own,
            cap,
            rest_own,
        })
    }

    fn length_factor(&self, field: usize, doc: DocId) -> f32 {
        let f = &self.fields[field];
        let len = self.norms[field].fieldnorm(doc) as f32;
        1.0 - f.b + f.b * len / f.avg_len
    }

    /// BM25TP: for each pair of different concepts, Σ 1/d² over their occurrences within the
    /// window, saturated like a term frequency and weighted by the rarer concept's IDF.
    fn proximity(&mut self, doc: DocId, n: usize) -> f32 {
        let window = self.params.window.max(1);
        let k1 = self.params.k1;
        let mut bonus = 0.0;
        let mut events = std::mem::take(&mut self.events);
        for field in PROXIMITY_FIELDS {
            events.clear();
            for (ci, per_field) in self.positions.iter().enumerate().take(n) {
                events.extend(per_field[field].iter().map(|&p| (p, ci)));
            }
            if events.len() < 2 {
                continue;
            }
            events.sort_unstable();
            self.pairs.iter_mut().for_each(|x| *x = 0.0);
            for i in 0..events.len() {
                let (p, a) = events[i];
                for &(q, b) in events[i + 1..].iter().take_while(|e| e.0 - p <= window) {
                    if a != b && q > p {
                        let d = (q - p) as f32;
                        self.pairs[a.min(b) * n + a.max(b)] += 1.0 / (d * d);
                    }
                }
            }
            let norm = k1 * self.length_factor(field, doc);
            let weight = self.fields[field].weight;
            for a in 0..n {
                for b in a + 1..n {
                    let tpi = self.pairs[a * n + b];
                    if tpi > 0.0 {
                        let idf = self.concepts[a].idf.min(self.concepts[b].idf);
                        bonus += weight * idf * tpi * (k1 + 1.0) / (norm + tpi);
                    }
                }
            }
        }
        self.events = events;
        bonus
    }

    /// The score of `doc`, or None when pruning shows it cannot exceed `threshold` (pass
    /// `Score::NEG_INFINITY` for the score in every case).
    fn compute(&mut self, doc: DocId, threshold: Score) -> Option<Score> {
        // In units before the boost; a boost of zero or less is not pruned.
        let limit = if self.boost > 0.0 && !self.rest.is_empty() {
            threshold / self.boost
        } else {
            Score::NEG_INFINITY
        };
        let proximity = self.params.proximity > 0.0;
        let k1 = self.params.k1;
        // Outside the feedback window, only the query's own concepts count.
        let full = self
            .window
            .as_ref()
            .is_none_or(|w| w.binary_search(&doc).is_ok());
        let (n, rest, total_weight) = if full {
            (self.concepts.len(), &self.rest, self.total_weight)
        } else {
            if limit >= self.cap {
                return None;
            }
            (self.own, &self.rest_own, self.own_weight)
        };
        // Each field's weight over its length normalisation, for this document, computed
        // when first needed (NaN until then). The model has three fields: title, body,
        // dateline.
        let mut scale = [f32::NAN; 3];
        let mut score = 0.0;
        let mut matched = 0.0;
        for (ci, c) in self.concepts[..n].iter_mut().enumerate() {
            let mut tf = 0.0;
            for (field, cursor) in c.per_field.iter_mut() {
                let n = match cursor {
                    FieldCursor::Word(i) => {
                        // Positions are only read for proximity.
                        if proximity {
                            self.positions[ci][*field].clear();
                        }
                        self.words.freq(*i, doc)
                    }
                    FieldCursor::Spellings(spellings) => count(
                        spellings,
                        doc,
                        proximity,
                        &mut self.positions[ci][*field],
                        &mut self.scratch,
                    ),
                };
                // Adding 0 × scale leaves `tf` as it is (it is never -0), so a field without
                // the concept needs no scale.
                if n > 0 {
                    let f = *field;
                    if scale[f].is_nan() {
                        let fm = &self.fields[f];
                        let len = self.norms[f].fieldnorm(doc) as f32;
                        scale[f] = fm.weight / (1.0 - fm.b + fm.b * len / fm.avg_len);
                    }
                    tf += scale[f] * n as f32;
                }
            }
            if proximity {
                // Fields without this concept keep positions from an earlier document.
                for (field, list) in self.positions[ci].iter_mut().enumerate() {
                    if !c.per_field.iter().any(|(f, _)| *f == field) {
                        list.clear();
                    }
                }
            }
            if tf > 0.0 {
                score += c.weight * c.idf * tf * (k1 + 1.0) / (k1 + tf);
                matched += c.weight;
            }
            if limit > Score::NEG_INFINITY && score + rest[ci] <= limit {
                return None;
            }
        }
        if self.params.coord > 0.0 {
            score *= (matched / total_weight).powf(self.params.coord);
        }
        if proximity {
            score += self.params.proximity * self.proximity(doc, n);
        }
        Some(score * self.boost)
    }

    /// Replaces the matcher (built with none, to see first whether it is needed).
    pub(super) fn set_matcher(&mut self, matcher: Box<dyn Scorer>) {
        self.matcher = matcher;
    }

    /// For a conjunction of the query's own concepts: per own concept, its one-word cursors
    /// (one per field it is in), rarest concept first; None when some concept is spelt more
    /// than one way or as a phrase in a field (its cursors are then not plain words), or when
    /// a field of the model is weighted zero (the matcher still matches there).
    pub(super) fn conjunction_groups(&self) -> Option<Vec<Vec<usize>>> {
        if self.own == 0 || self.fields.iter().any(|f| f.weight <= 0.0) {
            return None;
        }
        let mut groups = Vec::with_capacity(self.own);
        for c in &self.concepts[..self.own] {
            let mut group = Vec::with_capacity(c.per_field.len());
            for (_, cursor) in &c.per_field {
                match cursor {
                    FieldCursor::Word(i) => group.push(*i),
                    FieldCursor::Spellings(_) => return None,
                }
            }
            groups.push(group);
        }
        let cost = |g: &Vec<usize>| -> u64 {
            g.iter()
                .filter_map(|&i| self.words.postings.get(i))
                .map(|p| u64::from(p.doc_freq()))
                .sum()
        };
        groups.sort_by_key(cost);
        Some(groups)
    }

    /// The first document at or after `target` that has every group's concept (any of the
    /// group's words): each concept's cursors leap to the largest document any other concept
    /// is at, until all agree.
    fn next_conjunction(&mut self, groups: &[Vec<usize>], target: DocId) -> DocId {
        let mut doc = target;
        'candidate: loop {
            for group in groups {
                let mut first = TERMINATED;
                for &i in group {
                    first = first.min(self.words.seek(i, doc));
                }
                if first == TERMINATED {
                    return TERMINATED;
                }
                if first > doc {
                    doc = first;
                    continue 'candidate;
                }
            }
            return doc;
        }
    }

    /// Calls `callback` with each document whose score exceeds the threshold, which the
    /// callback raises as it goes (top-k collection); see the module docs. The matches come
    /// from the matcher, or with `groups` (see [`RankedScorer::conjunction_groups`]) from the
    /// scoring cursors themselves: the same documents in the same order, and the postings
    /// each is found in are already at it when it is scored. With `count` (the segment's
    /// deleted documents, if any), returns how many live documents matched. With `record`,
    /// every match is also appended to it (see [`super::rank::MatchLog`]).
    pub(super) fn for_each_pruning(
        &mut self,
        groups: Option<&[Vec<usize>]>,
        mut threshold: Score,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
        count: Option<Option<&AliveBitSet>>,
        mut record: Option<&mut Vec<DocId>>,
    ) -> usize {
        let mut walked = 0;
        let mut doc = match groups {
            Some(groups) => self.next_conjunction(groups, 0),
            None => self.matcher.doc(),
        };
        while doc != TERMINATED {
            match count {
                Some(Some(alive)) => walked += usize::from(alive.is_alive(doc)),
                Some(None) => walked += 1,
                None => {}
            }
            if let Some(r) = record.as_deref_mut() {
                r.push(doc);
            }
            self.visit(doc, &mut threshold, callback);
            doc = match groups {
                Some(groups) => self.next_conjunction(groups, doc + 1),
                None => self.matcher.advance(),
            };
        }
        walked
    }

    /// As [`RankedScorer::for_each_pruning`] over `docs`, the matcher's documents in this
    /// segment as recorded by an earlier walk: the same documents in the same order, so the
    /// same calls, without walking the matcher again.
    pub(super) fn for_each_pruning_in(
        &mut self,
        docs: &[DocId],
        mut threshold: Score,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) {
        for &doc in docs {
            self.visit(doc, &mut threshold, callback);
        }
    }

    fn visit(
        &mut self,
        doc: DocId,
        threshold: &mut Score,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) {
        if let Some(score) = self.compute(doc, *threshold)
            && score > *threshold
        {
            *threshold = callback(doc, score);
        }
    }
}

impl DocSet for RankedScorer {
    fn advance(&mut self) -> DocId {
        self.matcher.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.matcher.seek(target)
    }

    fn doc(&self) -> DocId {
        self.matcher.doc()
    }

    fn size_hint(&self) -> u32 {
        self.matcher.size_hint()
    }
}

impl Scorer for RankedScorer {
    fn score(&mut self) -> Score {
        let doc = self.matcher.doc();
        self.compute(doc, Score::NEG_INFINITY)
            .expect("no threshold, no pruning")
    }
}
