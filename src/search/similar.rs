//! More-like-this and near-duplicate pairs over an open index: `newsdex similar` and
//! `newsdex dups`.

use super::*;

impl NewsIndex {
    /// Articles most like the one with id `id` (more-like-this over title and body), the
    /// article itself left out; None when no article has that id. `total_hits` counts every
    /// article that shares a chosen term, however weakly.
    pub fn similar(&self, id: &str, req: &SimilarRequest) -> Result<Option<SearchResults>> {
        let Some(article) = self.get(id)? else {
            return Ok(None);
        };
        let mlt = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(2)
            .with_max_doc_frequency(self.num_articles().div_ceil(4).max(2))
            .with_min_term_frequency(1)
            .with_max_query_terms(30)
            .with_min_word_length(2)
            .with_boost_factor(1.0)
            .with_document_fields(vec![
                (
                    self.fields.title,
                    vec![OwnedValue::Str(article.title.clone())],
                ),
                (
                    self.fields.body,
                    vec![OwnedValue::Str(article.body.clone())],
                ),
            ]);
        let itself = TermQuery::new(
            Term::from_field_text(self.fields.id, &article.id),
            IndexRecordOption::Basic,
        );
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(mlt) as Box<dyn Query>),
            (Occur::MustNot, Box::new(itself)),
        ]);
        let searcher = self.reader.searcher();
        let (ranking, copies) = self.page(
            req.offset,
            req.limit,
            req.collapse,
            |offset, limit, fold| {
                let (total_hits, docs, copies) = if fold && offset == 0 {
                    let found = stories::StoryTop::new(limit);
                    let (total_hits, found) = searcher.search(&query, &(Count, found))?;
                    let (docs, copies) = stories::split(found);
                    (total_hits, docs, copies)
                } else {
                    let top = TopDocs::with_limit(limit.max(1))
                        .and_offset(offset)
                        .order_by_score();
                    let (total_hits, docs) = searcher.search(&query, &(Count, top))?;
                    (total_hits, docs, Vec::new())
                };
                Ok(Ranking {
                    total_hits,
                    docs: docs.into_iter().take(limit).collect(),
                    copies,
                    facets: None,
                    relaxed: false,
                })
            },
        )?;
        self.hits(
            ranking,
            copies,
            &query,
            req.offset,
            0,
            &HashMap::new(),
            req.similar_ids,
        )
        .map(Some)
    }

    /// Every pair of articles whose fingerprints are within `threshold` bits, closest first,
    /// with the distance.
    /// With `verify`, only pairs that also share [`dedup::MIN_RESEMBLANCE`] of their shingles.
    pub fn near_duplicates(
        &self,
        threshold: u32,
        verify: bool,
    ) -> Result<Vec<(Article, Article, u32)>> {
        let searcher = self.reader.searcher();
        let fps = dedup::Fingerprints::new(&searcher)?;
        let mut addrs = Vec::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            addrs.extend(
                segment
                    .doc_ids_alive()
                    .map(|doc| DocAddress::new(ord as u32, doc)),
            );
        }
        let prints: Vec<u64> = addrs.iter().map(|&a| fps.get(a)).collect();
        let mut pairs = dedup::near_pairs(&prints, threshold);
        pairs.sort_by_key(|&(i, j, d)| (d, i, j));
        let mut loaded: HashMap<usize, (Article, Vec<u64>)> = HashMap::new();
        let mut out = Vec::new();
        for (i, j, d) in pairs {
            for k in [i, j] {
                if let std::collections::hash_map::Entry::Vacant(e) = loaded.entry(k) {
                    let art = self.load(&searcher, addrs[k])?;
                    let sh = simhash::shingles(&art.title, &art.body);
                    e.insert((art, sh));
                }
            }
            let (a, sa) = &loaded[&i];
            let (b, sb) = &loaded[&j];
            if !verify || simhash::resemblance(sa, sb) >= dedup::MIN_RESEMBLANCE {
                out.push((a.clone(), b.clone(), d));
            }
        }
        Ok(out)
    }
}
