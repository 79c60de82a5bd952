//! `newsdex bench` end to end on a tiny generated Reuters corpus: the run completes, the JSON
//! record reads back into the report type, and the counts add up. Times are not checked: the
//! machine running the tests is shared and noisy.

mod common;

use common::TestEnv;
use newsdex::bench::BenchReport;

const RECORDS: &str = r#"<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="1">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TOPICS><D>crude</D></TOPICS><PLACES><D>usa</D></PLACES><PEOPLE></PEOPLE><ORGS></ORGS>
<TEXT>&#2;
<TITLE>OIL PRICES RISE ON OPEC OUTPUT TALK</TITLE>
<DATELINE>    LONDON, Feb 26 - </DATELINE><BODY>Oil prices rose on talk that OPEC would hold
output steady, traders said.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5545" NEWID="2">
<DATE>27-FEB-1987 10:00:00.00</DATE>
<TOPICS><D>coffee</D></TOPICS><PLACES><D>brazil</D></PLACES><PEOPLE></PEOPLE><ORGS></ORGS>
<TEXT>&#2;
<TITLE>COFFEE QUOTA TALKS RESUME</TITLE>
<DATELINE>    LONDON, Feb 27 - </DATELINE><BODY>Coffee producers resumed talks on export
quotas in London, delegates said.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5546" NEWID="3">
<DATE>2-MAR-1987 09:30:00.00</DATE>
<TOPICS><D>interest</D></TOPICS><PLACES><D>japan</D></PLACES><PEOPLE></PEOPLE><ORGS></ORGS>
<TEXT>&#2;
<TITLE>JAPAN INTEREST RATES UNCHANGED</TITLE>
<DATELINE>    TOKYO, March 2 - </DATELINE><BODY>The Bank of Japan left interest rates
unchanged and said oil prices were stable.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
"#;

const QUERIES: &str =
    "# tiny list\noil prices\n\"interest rates\"\ncoffee ; --topic coffee ; --facets\n";

#[test]
fn bench_runs_on_a_tiny_corpus_and_reports_json() {
    let env = TestEnv::new();
    env.write("data/reut2-000.sgm", RECORDS);
    env.write("queries.txt", QUERIES);
    let r = env.run(&[
        "bench",
        "--data",
        "data",
        "--scale",
        "2",
        "--work",
        "work",
        "--threads",
        "1",
        "--memory-mb",
        "32",
        "--queries",
        "queries.txt",
        "--rounds",
        "1",
        "--runs",
        "1",
        "--scaling",
        "2",
        "--json",
    ]);
    assert_eq!(r.code, 0, "bench failed: {}", r.stderr);
    let report: BenchReport = serde_json::from_str(r.stdout.trim())
        .unwrap_or_else(|e| panic!("bad JSON {:?}: {e}", r.stdout));

    assert_eq!(report.threads, 1);
    assert_eq!(report.probe_query, "oil prices");
    let scales: Vec<usize> = report.scales.iter().map(|s| s.scale).collect();
    assert_eq!(scales, [1, 2]);
    for s in &report.scales {
        assert_eq!(s.corpus.articles, 3 * s.scale as u64);
        assert!(s.corpus.text_bytes > 100);
        assert!(s.newsdex.index_per_text > 0.0 && s.baseline.index_per_text > 0.0);
        assert_eq!(s.queries.plain.queries, 2);
        assert_eq!(s.queries.filtered.queries, 1);
        let oil = &s.queries.per_query[0];
        assert_eq!(oil.query, "oil prices");
        // Both engines find both oil stories in every copy.
        assert_eq!(
            (oil.newsdex_hits, oil.baseline_hits),
            (2 * s.scale, 2 * s.scale)
        );
        assert_eq!(s.whole_process.runs, 1);
    }
    let inc = report.incremental.as_ref().expect("incremental run");
    assert_eq!(inc.articles_unchanged, 6);
    assert!(!report.micro.is_empty());
    assert_eq!(
        report.scaling.iter().map(|p| p.threads).collect::<Vec<_>>(),
        [1, 2]
    );
    match report.ripgrep.status.as_str() {
        "rg not found, skipped" => assert!(report.ripgrep.per_scale.is_empty()),
        _ => {
            let x2 = &report.ripgrep.per_scale[1];
            assert_eq!(x2.times.files_scanned, 6);
            assert_eq!(x2.times.files_matched, 4);
        }
    }
    assert!(report.targets.iter().any(|t| t.name.contains("index size")));
    // The corpus was written into the work folder, never beside the data.
    assert!(env.path("work/corpus/copy-01/reut2-000.sgm").is_file());
    assert!(!env.path("data/copy-00").exists());
}

#[test]
fn bench_refuses_a_missing_data_folder() {
    let env = TestEnv::new();
    let r = env.run(&["bench", "--data", "nope", "--work", "work"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("nope"), "{}", r.stderr);
}
