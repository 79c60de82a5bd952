//! Ranking and matching on small indexes in RAM: which articles match in each mode, and the
//! order BM25F, proximity, soft AND and feedback give them.

use tantivy::{Index, TantivyDocument};

use super::rank::Params;
use super::{MatchMode, NewsIndex, SearchRequest};
use crate::article::Article;
use crate::indexer;
use crate::schema::{self, Fields};

/// An index in RAM holding articles given as (title, body); ids are `a0`, `a1`, …
fn index(articles: &[(&str, &str)]) -> NewsIndex {
    let index = Index::create_in_ram(schema::build_schema());
    crate::analysis::register(index.tokenizers());
    let fields = Fields::new(&index.schema()).expect("fields");
    let mut writer = index
        .writer_with_num_threads::<TantivyDocument>(1, 20_000_000)
        .expect("writer");
    for (i, (title, body)) in articles.iter().enumerate() {
        let a = Article {
            id: format!("a{i}"),
            title: title.to_string(),
            body: body.to_string(),
            ..Default::default()
        };
        writer
            .add_document(indexer::to_document(&a, &fields, 0, 0))
            .expect("add");
    }
    writer.commit().expect("commit");
    NewsIndex::from_index(index).expect("open")
}

fn ids(ix: &NewsIndex, query: &str, mode: MatchMode) -> Vec<String> {
    let req = SearchRequest {
        query: query.into(),
        limit: 10,
        mode,
        ..Default::default()
    };
    let ranking = ix.rank(&req).expect("search");
    ranking
        .docs
        .iter()
        .map(|(_, a)| ix.article_at(*a).expect("stored").id)
        .collect()
}

fn with(ix: &mut NewsIndex, spec: &str) {
    ix.set_rank_params(Params::default().with(spec).expect("params"));
}

#[test]
fn all_words_by_default_any_word_on_request() {
    let ix = index(&[
        ("", "opec cut oil output"),
        ("", "oil prices rose"),
        ("", "football results"),
    ]);
    assert_eq!(ids(&ix, "opec oil", MatchMode::All), vec!["a0"]);
    let any = ids(&ix, "opec oil", MatchMode::Any);
    assert_eq!(any, vec!["a0", "a1"], "more of the words first");
}

#[test]
fn nothing_with_every_word_relaxes_to_any() {
    let ix = index(&[("", "opec cut oil output"), ("", "football results")]);
    let req = SearchRequest {
        query: "opec football".into(),
        limit: 10,
        ..Default::default()
    };
    let r = ix.rank(&req).expect("search");
    assert!(r.relaxed);
    assert_eq!(r.total_hits, 2);
    let single = SearchRequest {
        query: "cricket".into(),
        limit: 10,
        ..Default::default()
    };
    assert!(!ix.rank(&single).expect("search").relaxed);
}

#[test]
fn a_title_match_outweighs_the_same_match_in_the_body() {
    let ix = index(&[
        (
            "Market report",
            "sanctions were discussed among many other things today",
        ),
        (
            "Sanctions",
            "were discussed among many other things today and more",
        ),
    ]);
    assert_eq!(ids(&ix, "sanctions", MatchMode::All), vec!["a1", "a0"]);
}

#[test]
fn bm25f_saturates_title_and_body_together() {
    // Summing a BM25 per field, the title+body article would win twice over; BM25F counts
    // its occurrences in one saturation, so the article saying it five times keeps up.
    let mut ix = index(&[
        ("Tariffs", "tariffs"),
        ("", "tariffs tariffs tariffs tariffs tariffs"),
    ]);
    with(&mut ix, "title_weight=1,b=0");
    let req = SearchRequest {
        query: "tariffs".into(),
        limit: 10,
        ..Default::default()
    };
    let r = ix.rank(&req).expect("search");
    assert_eq!(r.docs.len(), 2);
    assert!(r.docs[1].0 > 0.5 * r.docs[0].0, "{:?}", r.docs);
}

#[test]
fn proximity_prefers_words_side_by_side() {
    let body_near = "central bank raised rates filler filler filler filler filler filler";
    let body_far = "central filler filler filler filler filler filler bank raised rates";
    let mut ix = index(&[("", body_far), ("", body_near)]);
    with(&mut ix, "fb_docs=0");
    let off = ix
        .rank(&SearchRequest {
            query: "central bank".into(),
            limit: 10,
            ..Default::default()
        })
        .expect("search");
    assert_eq!(
        off.docs[0].0, off.docs[1].0,
        "same counts, same length: a tie"
    );
    with(&mut ix, "fb_docs=0,proximity=1");
    assert_eq!(ids(&ix, "central bank", MatchMode::All), vec!["a1", "a0"]);
}

#[test]
fn soft_and_ranks_more_words_above_more_repeats() {
    let mut ix = index(&[
        ("", "wheat wheat wheat wheat wheat wheat trade"),
        ("", "wheat canada deal trade"),
    ]);
    with(&mut ix, "fb_docs=0,coord=2");
    assert_eq!(ids(&ix, "wheat canada", MatchMode::Any)[0], "a1");
}

#[test]
fn abbreviations_and_names_find_each_other() {
    let ix = index(&[
        ("", "The United Nations voted on Monday"),
        ("", "The U.N. voted again"),
        ("", "United fans and nations"),
    ]);
    let mut un = ids(&ix, "U.N.", MatchMode::All);
    un.sort();
    assert_eq!(un, vec!["a0", "a1"]);
    let spelled = ids(&ix, "United Nations", MatchMode::All);
    assert!(spelled.contains(&"a1".to_string()), "{spelled:?}");
    let italian = index(&[("", "Italy votes"), ("", "Spain votes")]);
    assert_eq!(ids(&italian, "Italian votes", MatchMode::All), vec!["a0"]);
}

#[test]
fn questions_lose_their_function_words() {
    let ix = index(&[
        ("", "the hot line between Washington and Moscow"),
        ("", "what a day"),
    ]);
    assert_eq!(ids(&ix, "what is the hot line", MatchMode::Any), vec!["a0"]);
    let strict = ix
        .rank(&SearchRequest {
            query: "what hot line".into(),
            limit: 10,
            ..Default::default()
        })
        .expect("search");
    assert!(strict.relaxed, "every typed word is required when all are");
    let only = ix.rank(&SearchRequest {
        query: "what about".into(),
        limit: 10,
        mode: MatchMode::Any,
        ..Default::default()
    });
    assert!(
        only.is_ok(),
        "a query of function words only still searches them"
    );
}

#[test]
fn filters_and_not_do_not_change_the_matching_rule() {
    let ix = index(&[("", "oil output"), ("", "oil prices"), ("", "gas prices")]);
    assert_eq!(ids(&ix, "oil -prices", MatchMode::Any), vec!["a0"]);
    assert_eq!(ids(&ix, "prices +gas", MatchMode::Any), vec!["a2"]);
}

#[test]
fn feedback_reorders_without_adding_matches() {
    let mut ix = index(&[
        ("", "coup in saigon as generals seize power from diem"),
        ("", "the generals met in saigon"),
        ("", "diem family flees after the generals take saigon"),
        ("", "weather report"),
        ("", "football results"),
        ("", "stock market report"),
        ("", "gold prices"),
        ("", "wheat harvest"),
        ("", "film review"),
        ("", "art auction"),
        ("", "car sales"),
    ]);
    let without = {
        with(&mut ix, "fb_docs=0");
        ids(&ix, "coup diem", MatchMode::Any)
    };
    with(&mut ix, "");
    let with_fb = ids(&ix, "coup diem", MatchMode::Any);
    assert_eq!(without.len(), with_fb.len(), "{without:?} {with_fb:?}");
    assert_eq!(with_fb[0], "a0");
}

#[test]
fn unknown_constants_are_an_error() {
    assert!(Params::default().with("k1=0.9,fb_docs=0").is_ok());
    assert!(
        Params::default()
            .with("k3=1")
            .unwrap_err()
            .contains("unknown")
    );
    assert!(Params::default().with("k1").is_err());
    assert!(Params::default().with("k1=x").is_err());
}

#[test]
fn did_you_mean_fixes_rare_words_only() {
    let ix = index(&[
        ("Merkel meets Macron", "Angela Merkel said sanctions stay"),
        ("Merkel again", "Merkel spoke"),
        ("", "Merkel and sanctions"),
    ]);
    assert_eq!(
        ix.suggest("Merkle sanctions").expect("suggest").as_deref(),
        Some("Merkel sanctions")
    );
    assert_eq!(
        ix.suggest("merkle").expect("suggest").as_deref(),
        Some("merkel")
    );
    assert_eq!(ix.suggest("Merkel sanctions").expect("suggest"), None);
    assert_eq!(ix.suggest("xyzzy").expect("suggest"), None, "nothing close");
}

#[test]
fn fuzzy_matches_and_highlights_typos() {
    let ix = index(&[
        ("Obama speaks", "President Obama spoke on Monday"),
        ("", "weather"),
    ]);
    let req = SearchRequest {
        query: "Obamma".into(),
        limit: 10,
        fuzzy: true,
        ..Default::default()
    };
    let r = ix.search(&req).expect("search");
    assert_eq!(r.total_hits, 1);
    let s = &r.hits[0].snippet;
    let marked: Vec<&str> = s.highlights.iter().map(|[a, b]| &s.text[*a..*b]).collect();
    assert_eq!(marked, vec!["Obama"]);
    assert!(!r.hits[0].title_highlights.is_empty());
    let strict = SearchRequest {
        fuzzy: false,
        ..req
    };
    assert_eq!(ix.search(&strict).expect("search").total_hits, 0);
}

/// Many articles that share the query words with different extra words, so that the
/// feedback words and their bounds decide which are dropped early; some with titles too,
/// with words spelt several ways ("U.N.", "United Nations"; "Italy", "Italian"), so that
/// concepts read from several fields and spellings take part.
fn viet_nam_index() -> NewsIndex {
    let words = [
        "saigon", "regime", "buddhist", "monks", "army", "coup", "diem", "hue",
    ];
    let bodies: Vec<String> = (0..120)
        .map(|i| {
            let extra: Vec<&str> = (0..(i % 7))
                .map(|j| words[(i * 3 + j * 5) % words.len()])
                .collect();
            format!(
                "south viet nam government {} {}",
                extra.join(" "),
                "and ".repeat(i % 11)
            )
        })
        .collect();
    let mut articles: Vec<(&str, &str)> = bodies.iter().map(|b| ("", b.as_str())).collect();
    let titles = [
        "Saigon cease-fire",
        "U.N. army in Hue",
        "United Nations and monks",
        "Italy and the U.N.",
    ];
    for (i, a) in articles.iter_mut().enumerate().filter(|(i, _)| i % 3 == 0) {
        a.0 = titles[(i / 3) % titles.len()];
    }
    index(&articles)
}

/// The top `k` of `q` with pruning, checked against the top `k` without (in a tuple,
/// `TopDocs` is fed every scored match); returns the number of matches and the top `k`.
fn pruned_top_k(
    searcher: &tantivy::Searcher,
    q: &super::rank::RankedQuery,
    k: usize,
    what: &str,
) -> (usize, Vec<(tantivy::Score, tantivy::DocAddress)>) {
    use tantivy::collector::{Count, TopDocs};
    let pruned = searcher
        .search(q, &TopDocs::with_limit(k).order_by_score())
        .expect("pruned");
    let (n, all) = searcher
        .search(q, &(Count, TopDocs::with_limit(k).order_by_score()))
        .expect("unpruned");
    assert_eq!(pruned, all, "{what}");
    (n, all)
}

#[test]
fn pruned_top_k_is_the_unpruned_top_k() {
    use tantivy::collector::TopDocs;
    let mut ix = viet_nam_index();
    let searcher = ix.searcher();
    // Plain, soft AND (which feedback lowers, so the floor comes from scoring again),
    // proximity (positions of every concept in one document), and feedback windows smaller
    // than the matches (documents outside scored on the query's own words, and passed over
    // once the k-th best score is beyond what they can reach).
    for spec in [
        "",
        "coord=0.5",
        "proximity=0.3",
        "fb_window=12",
        "fb_window=3",
        "fb_window=12,coord=0.5",
        "fb_window=12,proximity=0.3",
    ] {
        with(&mut ix, spec);
        for query in [
            "viet nam government",
            "south government",
            // Plain words, all required: the first pass finds the matches with its scoring
            // cursors instead of the matcher (`RankedQuery::conjunction`); counted below
            // against the matcher's own count.
            "saigon army",
            "government monks hue",
            "coup",
            "saigon OR army",
            "government ceasefire",
            "U.N. government",
            "Italian \"viet nam\" army",
        ] {
            for mode in [MatchMode::All, MatchMode::Any] {
                let req = SearchRequest {
                    query: query.into(),
                    limit: 10,
                    mode,
                    ..Default::default()
                };
                let first = ix.ranked_query(&req).expect("query");
                let q = first.query;
                for k in [1, 3, 10, 13, 16, 20, 50] {
                    let what = format!("{spec:?} {query:?} {mode:?} k = {k}");
                    let (n, all) = pruned_top_k(&searcher, &q, k, &what);
                    // The feedback pass counted the matches on the way.
                    assert_eq!(first.counted, Some(n), "{query:?} {mode:?}");
                    // Starting from a score k known matches reach changes nothing.
                    let known = ix.known(&first.known, &q).expect("known");
                    if let Some(&kth) = known.get(k - 1) {
                        let floored = searcher
                            .search(
                                &q.clone().floor(kth - kth.abs() * 1e-5 - 1e-6),
                                &TopDocs::with_limit(k).order_by_score(),
                            )
                            .expect("floored");
                        assert_eq!(floored, all, "{query:?} {mode:?} k = {k}, floor");
                    }
                }
            }
        }
    }
}

#[test]
fn the_window_bound_allows_for_feedback_on_query_words() {
    // "coup" is rare enough (under a tenth of the articles) to come back as a feedback word
    // and add to its own weight: a match outside the window can then score more than the
    // first pass gave it, and the bound on what such a match reaches must allow for it.
    let bodies: Vec<String> = (0..220)
        .map(|i| {
            if i % 11 == 0 {
                format!(
                    "{} in saigon {} generals {}",
                    "coup ".repeat(1 + i % 4),
                    "army ".repeat(i % 3),
                    "and the ".repeat(i % 5)
                )
            } else {
                format!(
                    "market report number {} with {} news",
                    i,
                    "more ".repeat(i % 6)
                )
            }
        })
        .collect();
    let articles: Vec<(&str, &str)> = bodies.iter().map(|b| ("", b.as_str())).collect();
    let mut ix = index(&articles);
    let searcher = ix.searcher();
    with(&mut ix, "fb_window=10,fb_docs=10");
    let req = SearchRequest {
        query: "coup".into(),
        ..Default::default()
    };
    let q = ix.ranked_query(&req).expect("query").query;
    for k in 1..=20 {
        let (n, _) = pruned_top_k(&searcher, &q, k, &format!("k = {k}"));
        assert_eq!(n, 20);
    }
}

#[test]
fn feedback_words_count_inside_the_window_only() {
    use tantivy::collector::TopDocs;
    use tantivy::{DocAddress, Score};
    let mut ix = viet_nam_index();
    let searcher = ix.searcher();
    let scores = |ix: &NewsIndex, query: &str| -> Vec<(Score, DocAddress)> {
        let req = SearchRequest {
            query: query.into(),
            mode: MatchMode::Any,
            ..Default::default()
        };
        let q = ix.ranked_query(&req).expect("query").query;
        let mut all = searcher
            .search(&q, &TopDocs::with_limit(1000).order_by_score())
            .expect("search");
        all.sort_by_key(|t| t.1);
        all
    };
    for query in ["south government", "saigon army diem"] {
        with(&mut ix, "fb_docs=0");
        let mut first = scores(&ix, query);
        with(&mut ix, "fb_window=0");
        let full = scores(&ix, query);
        with(&mut ix, "fb_window=10");
        let windowed = scores(&ix, query);
        assert!(full.len() > 20, "{query:?}: {} matches", full.len());
        assert_eq!(full.len(), windowed.len(), "{query:?}: the same matches");
        assert_eq!(first.len(), full.len());
        // The window: the first pass's ten best.
        first.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let window: Vec<DocAddress> = first.iter().take(10).map(|t| t.1).collect();
        let mut lower = 0;
        for ((f, addr), (w, _)) in full.iter().zip(&windowed) {
            let first_score = first.iter().find(|t| t.1 == *addr).map(|t| t.0);
            if window.contains(addr) {
                assert_eq!(
                    f, w,
                    "{query:?} {addr:?}: inside the window, every word counts"
                );
            } else {
                // Outside, feedback words do not count: between the first pass's score
                // and the full one.
                assert!(*w <= *f + 1e-4, "{query:?} {addr:?}: {w} > {f}");
                assert!(
                    first_score.is_some_and(|s| s <= *w + 1e-4),
                    "{query:?} {addr:?}"
                );
                lower += usize::from(*w < *f - 1e-4);
            }
        }
        assert!(
            lower > 0,
            "{query:?}: feedback words changed no score outside the window"
        );
    }
}

#[test]
fn collapsed_pages_are_the_full_ranking_folded() {
    // Stories of varying length, each filed one to four times word for word (the same
    // fingerprint), so that folding copies while collecting, the floor from the first
    // pass's stories and the page loop all take part.
    let words = [
        "saigon", "regime", "buddhist", "monks", "army", "coup", "diem", "hue", "rice", "delta",
        "protest", "embassy",
    ];
    let mut bodies = Vec::new();
    for story in 0..60usize {
        let extra: Vec<&str> = (0..(story % 9))
            .map(|j| words[(story * 5 + j * 7) % words.len()])
            .collect();
        // A word of its own after every word keeps stories from being near copies.
        let body: String = format!(
            "south viet nam government {} {}",
            extra.join(" "),
            "and ".repeat(story % 13)
        )
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| format!("{w} q{story}x{i} "))
        .collect();
        for _ in 0..=(story * 7 % 4) {
            bodies.push(body.clone());
        }
    }
    let articles: Vec<(&str, &str)> = bodies.iter().map(|b| ("", b.as_str())).collect();
    let ix = index(&articles);
    let body_of = |id: &str| {
        let i: usize = id.trim_start_matches('a').parse().expect("id");
        bodies[i].clone()
    };
    for query in ["viet nam government", "saigon OR army", "government coup"] {
        let all = ix
            .search(&SearchRequest {
                query: query.into(),
                limit: 1000,
                collapse: false,
                ..Default::default()
            })
            .expect("all");
        // Fold the full ranking by text (copies here are word for word): first copy wins.
        let mut stories: Vec<(String, Vec<String>)> = Vec::new();
        for h in &all.hits {
            let body = body_of(&h.article.id);
            match stories.iter_mut().find(|(b, _)| *b == body) {
                Some((_, ids)) => ids.push(h.article.id.clone()),
                None => stories.push((body, vec![h.article.id.clone()])),
            }
        }
        for (offset, limit) in [(0, 1), (0, 5), (0, 10), (3, 4), (10, 10)] {
            let page = ix
                .search(&SearchRequest {
                    query: query.into(),
                    offset,
                    limit,
                    collapse: true,
                    ..Default::default()
                })
                .expect("page");
            let want: Vec<&(String, Vec<String>)> =
                stories.iter().skip(offset).take(limit).collect();
            assert_eq!(page.hits.len(), want.len(), "{query:?} {offset}+{limit}");
            for (hit, (_, ids)) in page.hits.iter().zip(want) {
                assert_eq!(hit.article.id, ids[0], "{query:?} {offset}+{limit}");
                let mut copies = hit.similar.clone();
                copies.sort();
                let mut rest = ids[1..].to_vec();
                rest.sort();
                assert_eq!(copies, rest, "{query:?} {offset}+{limit}: copies");
                assert_eq!(hit.similar_count, rest.len());
            }
        }
    }
}
