//! Whole articles out of an open index: one by id (`show`), all of them (`export`), and the
//! counts `stats` prints.

use super::*;

impl NewsIndex {
    /// One article by its id, or by the id its source gave when that is unique.
    pub fn get(&self, id: &str) -> Result<Option<Article>> {
        let searcher = self.reader.searcher();
        for field in [self.fields.id, self.fields.source_id] {
            let q = TermQuery::new(Term::from_field_text(field, id), IndexRecordOption::Basic);
            let docs = searcher.search(&q, &TopDocs::with_limit(2).order_by_score())?;
            if docs.len() == 1 {
                return Ok(Some(self.load(&searcher, docs[0].1)?));
            }
            if docs.len() > 1 && field == self.fields.source_id {
                return Err(Error::Invalid(format!(
                    "source id '{id}' is shared by several articles; use the full id"
                )));
            }
        }
        Ok(None)
    }

    /// Calls `f` for every live article, segment by segment.
    pub fn for_each_article(&self, mut f: impl FnMut(Article) -> Result<bool>) -> Result<()> {
        let searcher = self.reader.searcher();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            for doc in segment.doc_ids_alive() {
                let article = self.load(&searcher, DocAddress::new(ord as u32, doc))?;
                if !f(article)? {
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    pub fn stats(&self) -> Result<Stats> {
        let searcher = self.reader.searcher();
        let facets = searcher.search(&AllQuery, &facet_collector())?;
        let mut first: Option<DateTime> = None;
        let mut last: Option<DateTime> = None;
        for segment in searcher.segment_readers() {
            let col = segment.fast_fields().date(schema::DATE)?;
            for doc in segment.doc_ids_alive() {
                if let Some(d) = col.first(doc) {
                    first = Some(first.map_or(d, |f| f.min(d)));
                    last = Some(last.map_or(d, |l| l.max(d)));
                }
            }
        }
        Ok(Stats {
            articles: searcher.num_docs(),
            first_date: first.map(|d| rfc3339(d.into_utc())),
            last_date: last.map(|d| rfc3339(d.into_utc())),
            top: facets,
        })
    }
}
