//! The command line: commands and flags, with help text in doc comments. Nothing here runs;
//! `app` turns these into validated configs.

use std::path::PathBuf;

use std::ffi::OsString;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Flags of `search` that take a value: the word after them is never a query word.
const SEARCH_VALUE_FLAGS: &[&str] = &[
    "--person",
    "--speaker",
    "--summit",
    "--topic",
    "--dateline",
    "--source",
    "--since",
    "--until",
    "--limit",
    "-n",
    "--offset",
    "--sort",
    "--index",
    "--snippet-chars",
];

/// Lets people exclude words the way they type them: `newsdex search ceasefire -Gaza`. An
/// argument after `search` that starts with `-` and is not one of its flags is handed to the
/// query syntax as typed (behind a space, so that clap does not take it for an unknown flag):
/// `-Gaza`, `'-Gaza ceasefire'` and `'-"cease fire"'` read as they would after `--`.
/// Everything after `--` is left alone.
pub fn rewrite_exclusions(args: impl IntoIterator<Item = OsString>) -> Vec<OsString> {
    let mut out: Vec<OsString> = Vec::new();
    let mut in_search = false;
    let mut after_value_flag = false;
    let mut rest_literal = false;
    for arg in args {
        let text = arg.to_str().map(str::to_string);
        match text {
            Some(t) if !rest_literal && in_search && !after_value_flag && is_exclusion(&t) => {
                out.push(format!(" {t}").into());
                continue;
            }
            Some(t) => {
                if t == "--" {
                    rest_literal = true;
                }
                if !in_search && t == "search" {
                    in_search = true;
                }
                after_value_flag = SEARCH_VALUE_FLAGS.contains(&t.as_str());
            }
            None => after_value_flag = false,
        }
        out.push(arg);
    }
    out
}

fn is_exclusion(arg: &str) -> bool {
    let Some(rest) = arg.strip_prefix('-') else {
        return false;
    };
    let Some(first) = rest.chars().next() else {
        return false;
    };
    if first == '-' || first.is_ascii_digit() {
        return false;
    }
    // Short flags of `search`: -n N (or -nN), -h.
    let short_flag =
        rest == "h" || (rest.starts_with('n') && rest[1..].chars().all(|c| c.is_ascii_digit()));
    !short_flag
}

/// Full-text search for news: index a folder of articles (text, HTML, JSON, JSON Lines,
/// Reuters SGML, gzipped or not) and search it with filters for who is quoted, who is
/// mentioned, summits, datelines, topics and dates.
#[derive(Debug, Parser)]
#[command(name = "newsdex", version, about, max_term_width = 100)]
pub struct Cli {
    /// Index directory [default: ./index, or $NEWSDEX_INDEX]
    #[arg(long, global = true, env = "NEWSDEX_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index (or update) folders of articles.
    ///
    /// Incremental: unchanged files are skipped, changed files re-indexed, deleted files'
    /// articles removed. Bad files are reported and skipped; the run goes on.
    Index(IndexArgs),
    /// Search the index.
    ///
    /// Query syntax: words (all must match), "a phrase", "a phrase"~2 (words within 2 of each
    /// other), OR, AND, NOT, -word, +word, (groups), and field:value for title, person, speaker,
    /// summit, topic, dateline, source, place, org, author. `-word` may stand anywhere:
    /// `newsdex search ceasefire -Gaza`.
    Search(SearchArgs),
    /// Articles most like one article (more-like-this), with the same output as search.
    Similar(SimilarArgs),
    /// List pairs of near-duplicate articles (copies of one story), closest first.
    Dups(DupsArgs),
    /// Show one article in full, with its metadata.
    Show(ShowArgs),
    /// Article count, date range, and the most frequent people, speakers, summits, topics
    /// and datelines.
    Stats(StatsArgs),
    /// Every article with all its fields, as JSON Lines on stdout.
    Export,
    /// Measure quality: extraction against gold data, ranking against relevance judgments.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Benchmark indexing and search against raw tantivy on Reuters-21578, in one run.
    Bench(BenchArgs),
    /// Internal to `newsdex bench`: one indexing run measured in its own process.
    #[command(name = "bench-child", hide = true)]
    BenchChild(BenchChildArgs),
    /// Maintainers: train the person tagger on CoNLL-2003 (`train.txt`; the epoch is picked
    /// on `valid.txt`) and write the model file that is compiled in.
    #[command(name = "train-tagger", hide = true)]
    TrainTagger(TrainTaggerArgs),
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Score people, speakers, datelines, summits and topics against gold sets.
    Extract(EvalExtractArgs),
    /// Score ranking (MAP, P@10, nDCG@10, R@100) against TREC relevance judgments, beside
    /// plain BM25 on the same index.
    Relevance(EvalRelevanceArgs),
}

#[derive(Debug, Args)]
pub struct EvalExtractArgs {
    /// Folder holding the gold sets (conll2003/, reuters21578/, polnear/, bbc/, 500n_kpcrowd/).
    #[arg(long, value_name = "DIR", default_value = "../shared/data")]
    pub data: PathBuf,
    /// Your own gold file: JSON Lines with `text` (or `path`) and the expected `people`,
    /// `speakers`, `summits`, `dateline` and `topics`.
    #[arg(long, value_name = "FILE")]
    pub gold: Option<PathBuf>,
    /// JSON Lines output, one row per measured figure.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EvalRelevanceArgs {
    /// Topics: one `id<TAB>query` per line.
    #[arg(long, value_name = "FILE")]
    pub topics: PathBuf,
    /// TREC qrels: `qid 0 docid grade` per line.
    #[arg(long, value_name = "FILE")]
    pub qrels: PathBuf,
    /// Index a SMART-layout collection (`*TEXT N` records) into a temporary index first; the
    /// number after `*TEXT` is the docid.
    #[arg(long, value_name = "FILE")]
    pub smart: Option<PathBuf>,
    /// The field that holds the qrels docid: `id` (default) or `source_id`.
    #[arg(long, value_name = "FIELD", default_value = "id")]
    pub docid_field: String,
    /// Write a TREC run file.
    #[arg(long, value_name = "OUT")]
    pub run: Option<PathBuf>,
    /// Print figures for each query too.
    #[arg(long)]
    pub per_query: bool,
    /// One JSON object: map, p_10, ndcg_10, recall_100, and `baseline` with the same keys.
    #[arg(long)]
    pub json: bool,
    /// Replace ranking constants, to measure what each is worth: `fb_docs=0` (no feedback),
    /// `k1=0.9,b=0.4`, `proximity=0.2`, `title_weight=3`, `coord=1`, `fb_terms=10`,
    /// `fb_window=0` (feedback words scored for every match, not only the first 1,000).
    #[arg(long, value_name = "NAME=VALUE,…")]
    pub rank: Option<String>,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Folder with the Reuters-21578 .sgm.gz files.
    #[arg(
        long,
        value_name = "DIR",
        default_value = "../shared/data/reuters21578"
    )]
    pub data: PathBuf,
    /// Scale factor for the large corpus (copies with rewritten ids and dates).
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub scale: usize,
    /// Work folder for the generated corpus and indexes [default: a temporary folder]
    #[arg(long, value_name = "DIR")]
    pub work: Option<PathBuf>,
    /// Indexing threads (both systems) [default: one per core]
    #[arg(long, value_name = "N", default_value_t = 0, hide_default_value = true)]
    pub threads: usize,
    /// Also measure indexing throughput at 1, 2, 4, … up to this many threads.
    #[arg(long, value_name = "N")]
    pub scaling: Option<usize>,
    /// Index writer memory budget for both systems, in MB.
    #[arg(long, value_name = "MB", default_value_t = 256)]
    pub memory_mb: usize,
    /// Query list, one per line (format: see bench/queries.txt) [default: bench/queries.txt]
    #[arg(long, value_name = "FILE")]
    pub queries: Option<PathBuf>,
    /// Index each corpus this many times with each system, alternating, and keep each
    /// system's fastest run (a shared machine is noisy).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub repeat: usize,
    /// Timed rounds over the query list, after two warm-up rounds.
    #[arg(long, value_name = "N", default_value_t = 10, hide = true)]
    pub rounds: usize,
    /// Timed runs of the whole `newsdex search` process.
    #[arg(long, value_name = "N", default_value_t = 20, hide = true)]
    pub runs: usize,
    /// Print the JSON record only.
    #[arg(long)]
    pub json: bool,
}

/// Which system a `bench-child` run indexes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BenchSystem {
    Newsdex,
    Baseline,
}

#[derive(Debug, Args)]
pub struct BenchChildArgs {
    #[arg(long, value_enum)]
    pub system: BenchSystem,
    #[arg(long, value_name = "DIR")]
    pub corpus: PathBuf,
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub threads: usize,
    #[arg(long, value_name = "MB", default_value_t = 256)]
    pub memory_mb: usize,
    /// Update the existing index instead of building it afresh (newsdex only).
    #[arg(long)]
    pub incremental: bool,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or folders to index [default: ./corpus]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Rebuild from scratch instead of updating.
    #[arg(long)]
    pub full: bool,
    /// Print the summary as one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
    /// Worker threads for parsing and extraction; tantivy's writer gets one thread per four
    /// workers [default: one per core]
    #[arg(long, value_name = "N", default_value_t = 0, hide_default_value = true)]
    pub threads: usize,
    /// Memory budget of the index writer, in MB.
    #[arg(long, value_name = "MB", default_value_t = 256)]
    pub memory_mb: usize,
    /// Skip files larger than this (after decompression), in MB.
    #[arg(long, value_name = "MB", default_value_t = 256)]
    pub max_file_mb: u64,
    /// Commit at least this often, in seconds, so an interrupted run keeps its work.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub commit_secs: u64,
    /// No progress output on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Relevance,
    Date,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query; several words are joined with spaces. May be empty when a filter is given.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    /// Only articles that mention this person ("putin" finds "Vladimir Putin").
    #[arg(long, value_name = "NAME", visible_alias = "people")]
    pub person: Vec<String>,
    /// Only articles that quote this person.
    #[arg(long, value_name = "NAME", visible_alias = "speakers")]
    pub speaker: Vec<String>,
    /// Only articles about this summit or meeting (G20, "Group of 20", g-20, NATO, COP26…).
    #[arg(long, value_name = "NAME", visible_alias = "summits")]
    pub summit: Vec<String>,
    /// Only articles with this topic, tag or key phrase.
    #[arg(long, value_name = "TOPIC", visible_alias = "topics")]
    pub topic: Vec<String>,
    /// Only articles with this dateline place ("beirut").
    #[arg(long, value_name = "PLACE")]
    pub dateline: Vec<String>,
    /// Only articles from this source or publisher.
    #[arg(long, value_name = "SOURCE")]
    pub source: Vec<String>,
    /// Only articles dated on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Only articles dated on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,
    /// How many hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Skip this many hits first (for paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// JSON Lines output: hits, then facets (with --facets), then a summary line.
    #[arg(long)]
    pub json: bool,
    /// Count the top people, speakers, summits, topics and datelines over all matches.
    #[arg(long)]
    pub facets: bool,
    /// Match articles with any of the words, not only those with all of them (for questions
    /// and descriptions); articles with more of the words still rank first.
    #[arg(long)]
    pub any: bool,
    /// Tolerate typos: each word also matches indexed words one edit away (two for words of
    /// eight letters or more), and those are highlighted too.
    #[arg(long)]
    pub fuzzy: bool,
    /// List near-duplicates (copies of one story) as hits of their own instead of folding
    /// them into the best-ranked copy as "+N similar".
    #[arg(long)]
    pub no_collapse: bool,
}

#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// Article id (as printed by search), or the id its source gave.
    pub id: String,
    /// How many hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Skip this many hits first (for paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// JSON Lines output: hits, then a summary line.
    #[arg(long)]
    pub json: bool,
    /// List near-duplicates as hits of their own instead of folding them into "+N similar".
    #[arg(long)]
    pub no_collapse: bool,
}

#[derive(Debug, Args)]
pub struct DupsArgs {
    /// Most fingerprint bits (of 64) two articles may differ in to count as copies.
    #[arg(long, value_name = "BITS", default_value_t = crate::search::dedup::THRESHOLD)]
    pub threshold: u32,
    /// Every pair within --threshold bits, without the check that the two share at least half
    /// of their three-word shingles (to measure the fingerprint alone).
    #[arg(long)]
    pub unverified: bool,
    /// JSON Lines output: one `pair` line per pair, then a summary line.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Article id (as printed by search), or the id its source gave.
    pub id: String,
    /// Print as one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print as one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(args: &[&str]) -> Vec<String> {
        rewrite_exclusions(args.iter().map(OsString::from))
            .into_iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn exclusions_become_not_and_flags_stay() {
        assert_eq!(
            rewrite(&[
                "newsdex",
                "search",
                "ceasefire",
                "-Gaza",
                "--json",
                "-n",
                "5",
                "-n3"
            ]),
            vec![
                "newsdex",
                "search",
                "ceasefire",
                " -Gaza",
                "--json",
                "-n",
                "5",
                "-n3"
            ]
        );
        assert_eq!(
            rewrite(&[
                "newsdex",
                "search",
                "-\"cease fire\" talks",
                "--person",
                "-x"
            ]),
            vec![
                "newsdex",
                "search",
                " -\"cease fire\" talks",
                "--person",
                "-x"
            ]
        );
        assert_eq!(
            rewrite(&["newsdex", "index", "-q"]),
            vec!["newsdex", "index", "-q"]
        );
        assert_eq!(
            rewrite(&["newsdex", "search", "--", "-x"]),
            vec!["newsdex", "search", "--", "-x"]
        );
    }
}

#[derive(Debug, Args)]
pub struct TrainTaggerArgs {
    /// Folder holding CoNLL-2003 `train.txt` and `valid.txt`.
    #[arg(long, value_name = "DIR", default_value = "../shared/data/conll2003")]
    pub conll: PathBuf,
    /// Where to write the model.
    #[arg(
        long,
        value_name = "FILE",
        default_value = "src/extract/model/person-tagger.bin"
    )]
    pub out: PathBuf,
    /// Passes over the training set; the best one on valid is kept.
    #[arg(long, value_name = "N", default_value_t = 12)]
    pub epochs: usize,
    /// Seed of the example order.
    #[arg(long, value_name = "N", default_value_t = 2003)]
    pub seed: u64,
}
