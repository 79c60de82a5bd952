//! Metadata filters (`--person`, `--summit`, `--since`…): every value must match, and none
//! changes the order of the hits.

use std::ops::Bound;

use tantivy::query::{EmptyQuery, Occur, Query, RangeQuery};
use tantivy::schema::Field;
use tantivy::{DateTime, Term};
use time::{Date, OffsetDateTime, Time};

use crate::search::query::QueryBuilder;

/// Metadata filters; every value must match.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub person: Vec<String>,
    pub speaker: Vec<String>,
    pub summit: Vec<String>,
    pub topic: Vec<String>,
    pub dateline: Vec<String>,
    pub source: Vec<String>,
    pub since: Option<Date>,
    pub until: Option<Date>,
}

impl Filters {
    /// The value lists with the name of their flag (`person` for `--person`), in flag order.
    pub fn by_name(&self) -> [(&'static str, &Vec<String>); 6] {
        [
            ("person", &self.person),
            ("speaker", &self.speaker),
            ("summit", &self.summit),
            ("topic", &self.topic),
            ("dateline", &self.dateline),
            ("source", &self.source),
        ]
    }

    pub fn is_empty(&self) -> bool {
        self.person.is_empty()
            && self.speaker.is_empty()
            && self.summit.is_empty()
            && self.topic.is_empty()
            && self.dateline.is_empty()
            && self.source.is_empty()
            && self.since.is_none()
            && self.until.is_none()
    }
}

impl QueryBuilder<'_> {
    pub(super) fn filter_clauses(&self, filters: &Filters) -> Vec<(Occur, Box<dyn Query>)> {
        let f = self.fields;
        // The field of each list of `Filters::by_name`, in its order.
        let fields: [Field; 6] = [
            f.people, f.speakers, f.summits, f.topics, f.dateline, f.source,
        ];
        let mut out = Vec::new();
        for ((name, values), field) in filters.by_name().into_iter().zip(fields) {
            for v in values {
                // A filter with no searchable words cannot match anything.
                let q = self
                    .field_match(field, name, v, 0)
                    .unwrap_or_else(|| Box::new(EmptyQuery));
                out.push((Occur::Must, q));
            }
        }
        if filters.since.is_some() || filters.until.is_some() {
            let term = |d: Date, t: Time| {
                Term::from_field_date(f.date, DateTime::from_utc(OffsetDateTime::new_utc(d, t)))
            };
            let lower = filters.since.map_or(Bound::Unbounded, |d| {
                Bound::Included(term(d, Time::MIDNIGHT))
            });
            // Up to the end of the day; the last day there is has no next day to stop before.
            let upper = filters
                .until
                .map_or(Bound::Unbounded, |d| match d.next_day() {
                    Some(next) => Bound::Excluded(term(next, Time::MIDNIGHT)),
                    None => Bound::Included(term(d, Time::MAX)),
                });
            out.push((
                Occur::Must,
                Box::new(RangeQuery::new(lower, upper)) as Box<dyn Query>,
            ));
        }
        out
    }
}
