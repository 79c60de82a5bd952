//! One page of results: folding the copies of a story into its best hit ([`dedup`],
//! [`stories`]) until the page holds `limit` stories, then loading the hits with their
//! snippets and the ids of their copies. Ranking is `mod.rs`'s; this file only pages.

use super::*;

/// The tokens of a field's first value (an article's text is its field's first value).
fn first_value(tokens: &[feedback::Token]) -> impl Iterator<Item = (&str, usize, usize)> {
    tokens
        .iter()
        .filter(|t| t.value == 0)
        .map(|t| (t.text.as_str(), t.from, t.to))
}

impl NewsIndex {
    /// One page of stories: `limit` groups after skipping `offset`, each a best hit and the
    /// near-duplicates folded into it, best first. `fetch(offset, limit, stories)` ranks the
    /// candidates; with `stories` it may fold same-fingerprint copies as it collects (see
    /// [`Ranking::copies`]). Collapsing fetches more candidates than the page shows, and more
    /// again until the page is full or the matches run out, so a page still shows `limit`
    /// distinct stories.
    pub(super) fn page(
        &self,
        offset: usize,
        limit: usize,
        collapse: bool,
        mut fetch: impl FnMut(usize, usize, bool) -> Result<Ranking>,
    ) -> Result<(Ranking, Vec<Vec<DocAddress>>)> {
        // No page holds more than the index has: a limit or offset near usize::MAX would
        // otherwise size the collectors' buffers.
        let all = usize::try_from(self.reader.searcher().num_docs()).unwrap_or(usize::MAX);
        let (offset, limit) = (offset.min(all), limit.min(all));
        if !collapse || limit == 0 {
            let ranking = fetch(offset, limit, false)?;
            let copies = vec![Vec::new(); ranking.docs.len()];
            return Ok((ranking, copies));
        }
        let searcher = self.reader.searcher();
        let fps = dedup::Fingerprints::new(&searcher)?;
        let mut shingles: HashMap<DocAddress, dedup::ShingleSet> = HashMap::new();
        let want = offset.saturating_add(limit);
        // Exact copies fold while collecting; the spare is for near copies and fetchers
        // that do not fold.
        let mut n = want.saturating_add(want / 2).saturating_add(10);
        loop {
            let mut ranking = fetch(0, n, true)?;
            let docs = &ranking.docs;
            let order: Vec<usize> = (0..docs.len()).collect();
            let groups = dedup::collapse(
                &order,
                |i| fps.get(docs[i].1),
                dedup::THRESHOLD,
                |i, j| {
                    let (a, b) = (docs[i].1, docs[j].1);
                    // The same fingerprint: the same story without reading the text (on
                    // Reuters-21578 every such pair also passes the shingle check).
                    if fps.get(a) == fps.get(b) {
                        return Ok(true);
                    }
                    for addr in [a, b] {
                        if let std::collections::hash_map::Entry::Vacant(e) = shingles.entry(addr) {
                            let art = self.load(&searcher, addr)?;
                            e.insert(dedup::ShingleSet::of(&art.title, &art.body));
                        }
                    }
                    let (sa, sb) = (&shingles[&a], &shingles[&b]);
                    Ok(sa.resemblance(sb) >= dedup::MIN_RESEMBLANCE)
                },
            )?;
            let exhausted = docs.len() < n || n >= ranking.total_hits;
            if groups.len() >= want || exhausted {
                let folded = |i: usize| ranking.copies.get(i).cloned().unwrap_or_default();
                let page: Vec<_> = groups.into_iter().skip(offset).take(limit).collect();
                let copies = page
                    .iter()
                    .map(|g| {
                        let mut all = folded(g.best);
                        for &m in &g.copies {
                            all.push(docs[m]);
                            all.extend(folded(m));
                        }
                        all.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                        all.into_iter().map(|(_, a)| a).collect()
                    })
                    .collect();
                ranking.docs = page.iter().map(|g| docs[g.best]).collect();
                ranking.copies = Vec::new();
                return Ok((ranking, copies));
            }
            // Enough candidates for the page at the share of copies seen so far, with a
            // quarter to spare, and at least twice as many: one more ranking pass, seldom two.
            let estimate = n.saturating_mul(want).saturating_mul(5) / (4 * groups.len().max(1));
            n = estimate.max(n.saturating_mul(2));
        }
    }

    /// Loads the articles of a page and makes their snippets from `query`'s terms (the lede
    /// when it reports none); names the first `ids` copies of each (all with None).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn hits(
        &self,
        ranking: Ranking,
        copies: Vec<Vec<DocAddress>>,
        query: &dyn Query,
        offset: usize,
        snippet_chars: usize,
        seen: &HashMap<DocAddress, feedback::Analysed>,
        ids: Option<usize>,
    ) -> Result<SearchResults> {
        let searcher = self.reader.searcher();
        let body_terms = snippet::query_terms(query, self.fields.body);
        let title_terms = snippet::query_terms(query, self.fields.title);
        let mut analyzer = self.text_analyzer()?;
        let chars = if snippet_chars == 0 {
            snippet::SNIPPET_CHARS
        } else {
            snippet_chars
        };
        let mut id_of = stored::Ids::new(&searcher, &self.fields);
        let mut hits = Vec::with_capacity(ranking.docs.len());
        for (i, ((score, addr), copies)) in ranking.docs.into_iter().zip(copies).enumerate() {
            let (article, snippet, title_matches) = match seen.get(&addr) {
                // Read and analysed already by the feedback pass.
                Some(doc) => {
                    let article = stored::to_article(&doc.doc, &self.fields);
                    let body = snippet::matches_in(first_value(&doc.body), &body_terms);
                    let title = snippet::matches_in(first_value(&doc.title), &title_terms);
                    let snippet = snippet::around(&article.body, &body, chars);
                    (article, snippet, title)
                }
                None => {
                    let article = self.load(&searcher, addr)?;
                    let snippet = snippet::make(&article.body, &body_terms, &mut analyzer, chars);
                    let title = snippet::matches(&article.title, &title_terms, &mut analyzer);
                    (article, snippet, title)
                }
            };
            let title_highlights = title_matches.into_iter().map(|(a, b)| [a, b]).collect();
            let similar_count = copies.len();
            let similar = copies
                .into_iter()
                .take(ids.unwrap_or(usize::MAX))
                .map(|a| id_of.of(a))
                .collect::<Result<Vec<_>>>()?;
            hits.push(Hit {
                rank: offset + i + 1,
                score,
                article,
                snippet,
                title_highlights,
                similar,
                similar_count,
            });
        }
        Ok(SearchResults {
            hits,
            total_hits: ranking.total_hits,
            facets: ranking.facets,
            relaxed: ranking.relaxed,
        })
    }
}
