//! Glue: turns the parsed command line into validated configs, runs the library, owns progress
//! bars and stderr messages, and decides the exit code (0 found, 1 nothing found, 2 error).

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use time::Date;

use crate::cli::{
    Cli, Command, DupsArgs, EvalCommand, IndexArgs, SearchArgs, ShowArgs, SimilarArgs, SortArg,
    StatsArgs,
};
use crate::corpus::Skipped;
use crate::indexer::{self, IndexConfig, IndexSummary, Progress};
use crate::output::{json, text};
use crate::search::{Filters, MatchMode, NewsIndex, SearchRequest, SimilarRequest, Sort};

pub const EXIT_FOUND: i32 = 0;
pub const EXIT_NOT_FOUND: i32 = 1;

const DEFAULT_INDEX: &str = "index";
const DEFAULT_CORPUS: &str = "corpus";

fn index_dir(cli: &Cli) -> PathBuf {
    cli.index
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX))
}

fn text_style() -> text::Style {
    text::Style {
        color: io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

pub fn run(cli: Cli) -> Result<i32> {
    let dir = index_dir(&cli);
    match &cli.command {
        Command::Index(args) => index(args, &dir),
        Command::Search(args) => search(args, &dir, cli.index.is_none()),
        Command::Similar(args) => similar(args, &dir),
        Command::Dups(args) => dups(args, &dir),
        Command::Show(args) => show(args, &dir),
        Command::Stats(args) => stats(args, &dir),
        Command::Export => export(&dir),
        Command::Eval(EvalCommand::Extract(args)) => crate::eval::extract::run(args),
        Command::Eval(EvalCommand::Relevance(args)) => crate::eval::relevance::run(args, &dir),
        Command::Bench(args) => crate::bench::run(args),
        Command::BenchChild(args) => crate::bench::child::run(args),
        Command::TrainTagger(args) => train_tagger(args),
    }
}

/// `newsdex train-tagger`: CoNLL-2003 train -> model file, the epoch chosen on valid.
fn train_tagger(args: &crate::cli::TrainTaggerArgs) -> Result<i32> {
    use crate::eval::extract_conll::{entities, parse, text_of};
    use crate::extract::tagger::{self, Example, Label, TrainConfig};
    let read = |name: &str| -> Result<Vec<Example>> {
        let path = args.conll.join(name);
        let data = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        Ok(parse(&data)
            .iter()
            .map(|d| {
                let (text, spans) = text_of(&d.sentences);
                let mut names = Vec::new();
                for kind in ["PER", "ORG", "LOC", "MISC"] {
                    let Some(label) = Label::parse(kind) else {
                        continue;
                    };
                    for (s, e) in entities(&d.sentences, kind) {
                        names.push((spans[s].0, spans[e - 1].1, label));
                    }
                }
                Example { text, names }
            })
            .collect())
    };
    let (train, valid) = (read("train.txt")?, read("valid.txt")?);
    let started = Instant::now();
    let cfg = TrainConfig {
        epochs: args.epochs,
        seed: args.seed,
    };
    let (model, curve) = tagger::train(&train, &valid, &cfg);
    for (epoch, p, r, f) in &curve {
        eprintln!("epoch {epoch:2}: valid PER spans P {p:.3} R {r:.3} F1 {f:.3}");
    }
    let bytes = model.to_bytes()?;
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "wrote {} ({} bytes) in {:.1}s",
        args.out.display(),
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(EXIT_FOUND)
}

/// Progress on stderr: an indicatif bar on a TTY, plain lines every few seconds otherwise.
struct Reporter {
    bar: Option<ProgressBar>,
    quiet: bool,
    started: Instant,
    files: AtomicU64,
    articles: AtomicU64,
    bytes: AtomicU64,
    total_files: AtomicU64,
    last_line: Mutex<Instant>,
}

impl Reporter {
    fn new(quiet: bool) -> Self {
        let bar = (!quiet && io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new(0);
            let style = ProgressStyle::with_template(
                "{bar:30} {pos}/{len} files · {msg} · {binary_bytes_per_sec} · ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Reporter {
            bar,
            quiet,
            started: Instant::now(),
            files: AtomicU64::new(0),
            articles: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
            total_files: AtomicU64::new(0),
            last_line: Mutex::new(Instant::now()),
        }
    }

    fn line(&self) -> String {
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        let bytes = self.bytes.load(Ordering::Relaxed);
        format!(
            "indexed {}/{} files, {} articles, {:.1} MB/s",
            self.files.load(Ordering::Relaxed),
            self.total_files.load(Ordering::Relaxed),
            self.articles.load(Ordering::Relaxed),
            bytes as f64 / 1e6 / secs
        )
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Progress for Reporter {
    fn begin(&self, files: u64, bytes: u64) {
        self.total_files.store(files, Ordering::Relaxed);
        if let Some(bar) = &self.bar {
            bar.set_length(files);
            bar.set_message("0 articles");
        } else if !self.quiet && files > 0 {
            eprintln!("indexing {files} files ({:.1} MB)", bytes as f64 / 1e6);
        }
    }

    fn file_done(&self, bytes: u64, articles: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
        let total = self.articles.fetch_add(articles, Ordering::Relaxed) + articles;
        if let Some(bar) = &self.bar {
            bar.inc(1);
            bar.inc_length(0);
            bar.set_message(format!("{total} articles"));
        } else if !self.quiet
            && let Ok(mut last) = self.last_line.lock()
            && last.elapsed() >= Duration::from_secs(2)
        {
            *last = Instant::now();
            eprintln!("{}", self.line());
        }
    }

    fn skipped(&self, s: &Skipped) {
        let msg = format!("warning: skipped {}: {}", s.path, s.reason);
        match &self.bar {
            Some(bar) => bar.println(msg),
            None => eprintln!("{msg}"),
        }
    }
}

fn print_index_summary(out: &mut impl Write, s: &IndexSummary) -> io::Result<()> {
    writeln!(
        out,
        "{} added, {} updated, {} removed, {} unchanged; {} files read ({:.1} MB) in {:.2} s",
        s.added,
        s.updated,
        s.removed,
        s.unchanged,
        s.files_read,
        s.bytes_read as f64 / 1e6,
        s.elapsed_ms as f64 / 1000.0
    )?;
    if !s.skipped.is_empty() {
        writeln!(out, "skipped {}:", s.skipped.len())?;
        for sk in &s.skipped {
            writeln!(out, "  {}: {}", sk.path, sk.reason)?;
        }
    }
    Ok(())
}

fn index_config(args: &IndexArgs, dir: &Path) -> Result<IndexConfig> {
    if args.memory_mb < 16 {
        bail!("--memory-mb must be at least 16");
    }
    Ok(IndexConfig {
        roots: if args.paths.is_empty() {
            vec![PathBuf::from(DEFAULT_CORPUS)]
        } else {
            match std::env::current_dir() {
                Ok(cwd) => args
                    .paths
                    .iter()
                    .map(|p| crate::corpus::root_spelling(p, &cwd))
                    .collect(),
                Err(_) => args.paths.clone(),
            }
        },
        index_dir: dir.to_path_buf(),
        full: args.full,
        memory_bytes: args.memory_mb.saturating_mul(1_000_000),
        threads: args.threads,
        max_file_bytes: args.max_file_mb.saturating_mul(1024 * 1024),
        commit_interval: Duration::from_secs(args.commit_secs),
        stop: Arc::new(AtomicBool::new(false)),
    })
}

/// The first Ctrl-C stops the run after the file in hand and commits; a second one exits at
/// once (the index is still at its last commit).
fn stop_on_ctrl_c(stop: &Arc<AtomicBool>) {
    let stop = Arc::clone(stop);
    // Fails only when a handler is already installed (a second run in one process).
    let _ = ctrlc::set_handler(move || {
        if stop.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!("\ninterrupted: committing what is indexed so far (Ctrl-C again to quit now)");
    });
}

const EXIT_INTERRUPTED: i32 = 130;

/// Whether the device holding `dir` is full: a 1 MB file cannot be written there. Asked
/// after a failed run only (a failed segment write leaves its partial files behind, so the
/// device is still full then).
fn out_of_space(dir: &Path) -> bool {
    let probe = dir.join(".newsdex-space-check");
    let written = std::fs::File::create(&probe)
        .and_then(|mut f| f.write_all(&vec![0u8; 1 << 20]).and_then(|()| f.sync_all()));
    let _ = std::fs::remove_file(&probe);
    matches!(written, Err(e) if matches!(e.kind(), io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded))
}

fn index(args: &IndexArgs, dir: &Path) -> Result<i32> {
    let cfg = index_config(args, dir)?;
    stop_on_ctrl_c(&cfg.stop);
    let reporter = Reporter::new(args.quiet);
    let summary = match indexer::run(&cfg, &reporter) {
        Ok(summary) => summary,
        // tantivy reports a full disk as "An index writer was killed", with no cause.
        Err(e) if out_of_space(dir) => {
            return Err(anyhow::Error::new(e).context(format!(
                "indexing into {}: no space left on the device that holds it; the index \
                 keeps its last commit: free some space and run `newsdex index` again to \
                 complete it",
                dir.display()
            )));
        }
        Err(e) => {
            return Err(anyhow::Error::new(e).context(format!("indexing into {}", dir.display())));
        }
    };
    reporter.finish();
    let mut out = io::stdout().lock();
    if args.json {
        let v = serde_json::json!({
            "added": summary.added,
            "updated": summary.updated,
            "removed": summary.removed,
            "unchanged": summary.unchanged,
            "skipped": summary.skipped,
            "elapsed_ms": summary.elapsed_ms,
            "files_read": summary.files_read,
            "bytes_read": summary.bytes_read,
            "stages": summary.stages,
            "interrupted": summary.interrupted,
        });
        writeln!(out, "{v}")?;
    } else {
        print_index_summary(&mut out, &summary)?;
    }
    if summary.interrupted {
        eprintln!("the run was interrupted; run the same command again to complete the index");
        return Ok(EXIT_INTERRUPTED);
    }
    Ok(EXIT_FOUND)
}

fn parse_day(flag: &str, value: &Option<String>) -> Result<Option<Date>> {
    let Some(v) = value else { return Ok(None) };
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    // The parse error repeats itself down its source chain; one line of it is enough.
    Date::parse(v.trim(), &fmt)
        .map(Some)
        .map_err(|e| anyhow::anyhow!("{flag} {v:?}: expected a date as YYYY-MM-DD ({e})"))
}

/// A filter value with no letter or digit (`--speaker ''`) can match nothing: most likely an
/// unset shell variable, so it is refused rather than answered with "no matching articles".
fn check_filter_values(filters: &Filters) -> Result<()> {
    for (name, values) in filters.by_name() {
        if let Some(v) = values
            .iter()
            .find(|v| !v.chars().any(char::is_alphanumeric))
        {
            bail!("--{name} {v:?}: the value has no letters or digits to match");
        }
    }
    Ok(())
}

fn search_request(args: &SearchArgs) -> Result<SearchRequest> {
    let filters = Filters {
        person: args.person.clone(),
        speaker: args.speaker.clone(),
        summit: args.summit.clone(),
        topic: args.topic.clone(),
        dateline: args.dateline.clone(),
        source: args.source.clone(),
        since: parse_day("--since", &args.since)?,
        until: parse_day("--until", &args.until)?,
    };
    check_filter_values(&filters)?;
    if let (Some(a), Some(b)) = (filters.since, filters.until)
        && a > b
    {
        bail!("--since {a} is after --until {b}: no article can match");
    }
    let query = args.query.join(" ");
    if query.trim().is_empty() && filters.is_empty() {
        bail!("give a query or at least one filter (see `newsdex search --help`)");
    }
    Ok(SearchRequest {
        query,
        filters,
        limit: args.limit,
        offset: args.offset,
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Date,
        },
        facets: args.facets,
        snippet_chars: 0,
        mode: if args.any {
            MatchMode::Any
        } else {
            MatchMode::All
        },
        fuzzy: args.fuzzy,
        collapse: !args.no_collapse,
        // The terminal names a few copies; JSON names them all.
        similar_ids: (!args.json).then_some(text::SIMILAR_SHOWN),
    })
}

/// Opens the index; for a search on the default index that does not exist yet, builds it
/// from ./corpus first.
fn open_for_search(dir: &Path, may_build: bool) -> Result<NewsIndex> {
    if may_build && !dir.join("meta.json").exists() && Path::new(DEFAULT_CORPUS).is_dir() {
        eprintln!(
            "no index at {}: building it from ./{DEFAULT_CORPUS} first",
            dir.display()
        );
        let args = IndexArgs {
            paths: vec![],
            full: false,
            json: false,
            threads: 0,
            memory_mb: 256,
            max_file_mb: 256,
            commit_secs: 30,
            quiet: false,
        };
        let cfg = index_config(&args, dir)?;
        let reporter = Reporter::new(false);
        let summary =
            indexer::run(&cfg, &reporter).with_context(|| format!("building {}", dir.display()))?;
        reporter.finish();
        print_index_summary(&mut io::stderr(), &summary)?;
    }
    NewsIndex::open(dir).with_context(|| format!("opening {}", dir.display()))
}

fn search(args: &SearchArgs, dir: &Path, default_dir: bool) -> Result<i32> {
    let req = search_request(args)?;
    let index = open_for_search(dir, default_dir)?;
    let results = index.search(&req)?;
    if results.relaxed {
        eprintln!("no article has all of the words; showing those with the most of them");
    }
    let did_you_mean = if !req.fuzzy && !req.query.trim().is_empty() {
        index.suggest(&req.query)?
    } else {
        None
    };
    if let Some(better) = &did_you_mean {
        eprintln!("did you mean: {better}  (or search with --fuzzy)");
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    if args.json {
        for h in &results.hits {
            json::hit(&mut out, h)?;
        }
        if let Some(f) = &results.facets {
            json::facets(&mut out, f)?;
        }
        json::summary(
            &mut out,
            &json::Summary {
                total_hits: results.total_hits,
                shown: results.hits.len(),
                relaxed: results.relaxed,
                did_you_mean: did_you_mean.clone(),
            },
        )?;
    } else {
        let style = text_style();
        if let Some(f) = &results.facets {
            text::facets(&mut out, f, style)?;
        }
        for h in &results.hits {
            text::hit(&mut out, h, style)?;
        }
        text::summary(&mut out, results.total_hits, req.offset, results.hits.len())?;
    }
    out.flush()?;
    Ok(if results.total_hits > 0 {
        EXIT_FOUND
    } else {
        EXIT_NOT_FOUND
    })
}

fn similar(args: &SimilarArgs, dir: &Path) -> Result<i32> {
    let index = NewsIndex::open(dir).with_context(|| format!("opening {}", dir.display()))?;
    let req = SimilarRequest {
        limit: args.limit,
        offset: args.offset,
        collapse: !args.no_collapse,
        similar_ids: (!args.json).then_some(text::SIMILAR_SHOWN),
    };
    let Some(results) = index.similar(&args.id, &req)? else {
        eprintln!("no article with id {:?}", args.id);
        return Ok(EXIT_NOT_FOUND);
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    if args.json {
        for h in &results.hits {
            json::hit(&mut out, h)?;
        }
        json::summary(
            &mut out,
            &json::Summary {
                total_hits: results.total_hits,
                shown: results.hits.len(),
                relaxed: false,
                did_you_mean: None,
            },
        )?;
    } else {
        let style = text_style();
        for h in &results.hits {
            text::hit(&mut out, h, style)?;
        }
        text::summary(&mut out, results.total_hits, req.offset, results.hits.len())?;
    }
    out.flush()?;
    // As `search`: found when anything matches, whichever page was asked for.
    Ok(if results.total_hits > 0 {
        EXIT_FOUND
    } else {
        EXIT_NOT_FOUND
    })
}

fn dups(args: &DupsArgs, dir: &Path) -> Result<i32> {
    if args.threshold > 32 {
        bail!(
            "--threshold {}: at most 32 bits (unrelated articles differ in about 32)",
            args.threshold
        );
    }
    let index = NewsIndex::open(dir).with_context(|| format!("opening {}", dir.display()))?;
    let pairs = index.near_duplicates(args.threshold, !args.unverified)?;
    let articles = index.num_articles();
    let mut out = io::BufWriter::new(io::stdout().lock());
    for (a, b, d) in &pairs {
        if args.json {
            json::pair(&mut out, a, b, *d)?;
        } else {
            text::pair(&mut out, a, b, *d, text_style())?;
        }
    }
    if args.json {
        json::dups_summary(&mut out, &pairs, articles, args.threshold)?;
    } else {
        text::dups_summary(&mut out, &pairs, articles, args.threshold)?;
    }
    out.flush()?;
    Ok(if pairs.is_empty() {
        EXIT_NOT_FOUND
    } else {
        EXIT_FOUND
    })
}

fn show(args: &ShowArgs, dir: &Path) -> Result<i32> {
    let index = NewsIndex::open(dir).with_context(|| format!("opening {}", dir.display()))?;
    let Some(article) = index.get(&args.id)? else {
        eprintln!("no article with id {:?}", args.id);
        return Ok(EXIT_NOT_FOUND);
    };
    let mut out = io::stdout().lock();
    if args.json {
        json::article(&mut out, &article)?;
    } else {
        text::article(&mut out, &article, text_style())?;
    }
    Ok(EXIT_FOUND)
}

fn stats(args: &StatsArgs, dir: &Path) -> Result<i32> {
    let index = NewsIndex::open(dir).with_context(|| format!("opening {}", dir.display()))?;
    let s = index.stats()?;
    let mut out = io::stdout().lock();
    if args.json {
        json::stats(&mut out, &s)?;
    } else {
        text::stats(&mut out, &s, text_style())?;
    }
    Ok(if s.articles > 0 {
        EXIT_FOUND
    } else {
        EXIT_NOT_FOUND
    })
}

fn export(dir: &Path) -> Result<i32> {
    let index = NewsIndex::open(dir).with_context(|| format!("opening {}", dir.display()))?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut n = 0u64;
    index.for_each_article(|a| {
        n += 1;
        json::article(&mut out, &a).map_err(|source| crate::Error::Io {
            path: PathBuf::from("<stdout>"),
            source,
        })?;
        Ok(true)
    })?;
    out.flush()?;
    Ok(if n > 0 { EXIT_FOUND } else { EXIT_NOT_FOUND })
}

/// True when the error is a closed stdout (`newsdex search … | head`), which is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<crate::Error>().is_some_and(|ne| {
                matches!(ne, crate::Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
            })
    })
}
