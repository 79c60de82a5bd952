//! `newsdex index`: formats, the summary, incremental runs, bad input, interruption.

mod common;

use std::io::Write;
use std::time::Duration;

use common::TestEnv;

#[test]
fn indexes_every_format_and_prints_a_json_summary() {
    let env = TestEnv::new().with_sample();
    let s = env.index(&["news"]);
    assert_eq!(s["added"], 5, "{s}");
    for key in ["updated", "removed", "unchanged"] {
        assert_eq!(s[key], 0, "{key}: {s}");
    }
    assert!(s["skipped"].as_array().is_some_and(|a| a.is_empty()), "{s}");
    assert!(s["elapsed_ms"].is_u64());
    let stats = env.run(&["stats", "--json"]).json();
    assert_eq!(stats["articles"], 5);
}

#[test]
fn human_summary_lists_counts() {
    let env = TestEnv::new().with_sample();
    let r = env.run(&["index", "news"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("5 added, 0 updated, 0 removed, 0 unchanged"),
        "{}",
        r.stdout
    );
}

#[test]
fn second_run_reindexes_nothing_then_tracks_changes_and_deletes() {
    let env = TestEnv::new().with_sample();
    env.index(&["news"]);
    let again = env.index(&["news"]);
    assert_eq!(
        (again["added"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(5)),
        "{again}"
    );

    // Change one record of the JSONL file and drop another; delete the HTML file.
    let lines: Vec<&str> = common::WIRE_JSONL.lines().collect();
    let changed = lines[0].replace("would backfire", "would surely backfire");
    std::thread::sleep(Duration::from_millis(20));
    env.write("news/wire.jsonl", format!("{changed}\n{}\n", lines[1]));
    env.remove("news/g7.html");
    let s = env.index(&["news"]);
    assert_eq!(s["updated"], 1, "{s}");
    assert_eq!(s["removed"], 2, "{s}");
    assert_eq!(s["unchanged"], 2, "{s}");
    assert_eq!(s["added"], 0, "{s}");
    assert_eq!(env.run(&["stats", "--json"]).json()["articles"], 3);

    let full = env.index(&["--full", "news"]);
    assert_eq!(full["added"], 3, "{full}");
}

#[test]
fn indexing_the_folder_that_holds_the_index_leaves_the_index_alone() {
    // `newsdex index .` beside the default `./index`: the index's own segment files are
    // neither read as articles nor reported one by one.
    let env = TestEnv::new().with_sample();
    let first = env.index(&["."]);
    assert_eq!(first["added"], 5, "{first}");
    let again = env.index(&["."]);
    assert_eq!(again["unchanged"], 5, "{again}");
    assert_eq!(again["added"], 0, "{again}");
    let skipped = again["skipped"].as_array().cloned().unwrap_or_default();
    assert_eq!(skipped.len(), 1, "{again}");
    assert_eq!(skipped[0]["path"], "index", "{again}");
    assert_eq!(env.run(&["stats", "--json"]).json()["articles"], 5);
}

#[test]
fn a_folder_named_by_its_absolute_path_is_the_same_folder() {
    let env = TestEnv::new().with_sample();
    env.index(&["news"]);
    let absolute = env.path("news");
    let again = env.index(&[absolute.to_str().expect("utf-8 temp path")]);
    assert_eq!(again["unchanged"], 5, "{again}");
    assert_eq!(again["added"], 0, "{again}");
    assert_eq!(env.run(&["stats", "--json"]).json()["articles"], 5);
}

#[test]
fn rss_and_atom_feeds_give_one_article_per_item() {
    let env = TestEnv::new();
    env.write(
        "news/feed.rss",
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Island Times</title>
<item><title>Tonga votes</title><pubDate>Tue, 27 Aug 2024 06:00:00 +1300</pubDate>
<description><![CDATA[<p>NUKU'ALOFA (AP) — Voters went to the polls.</p>]]></description></item>
<item><title>Fiji budget</title><description>SUVA — The budget passed on Friday.</description></item>
</channel></rss>"#,
    );
    env.write(
        "news/wire.xml",
        r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><entry>
<title>Quake strikes</title><published>2024-01-01T16:10:00+09:00</published>
<content type="html">&lt;p&gt;TOKYO — A strong quake struck.&lt;/p&gt;</content></entry></feed>"#,
    );
    let s = env.index(&["news"]);
    assert_eq!(s["added"], 3, "{s}");
    let titles: Vec<String> = env
        .run(&["export"])
        .json_lines()
        .iter()
        .map(|a| a["title"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(!titles.iter().any(|t| t == "Island Times"), "{titles:?}");
    let hit = &env.search(&["voters", "--since", "2024-08-26"]).hits()[0];
    assert_eq!(hit["title"], "Tonga votes");
    assert_eq!(hit["format"], "feed");
}

#[test]
fn indexing_another_folder_keeps_the_first() {
    let env = TestEnv::new().with_sample();
    env.write(
        "more/x.txt",
        "Extra story\n\nA short extra story about a summit.\n",
    );
    env.index(&["news"]);
    let s = env.index(&["more"]);
    assert_eq!(
        (s["added"].as_u64(), s["removed"].as_u64()),
        (Some(1), Some(0)),
        "{s}"
    );
    assert_eq!(env.run(&["stats", "--json"]).json()["articles"], 6);
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

#[test]
fn bad_files_are_reported_and_good_ones_kept() {
    let env = TestEnv::new().with_sample();
    env.write("news/empty.txt", "");
    env.write(
        "news/binary.txt",
        [0u8, 159, 146, 150, 0, 1, 2, 3].repeat(200),
    );
    env.write("news/broken.json", "{\"title\": \"x\", \"body\": ");
    let gz = gzip(common::SYRIA_TXT.repeat(20).as_bytes());
    env.write("news/cut.txt.gz", &gz[..gz.len() / 2]);
    env.write(
        "news/mixed.jsonl",
        "{\"title\": \"Good one\", \"body\": \"First good line about markets.\"}\n{not json\n{\"title\": \"Good two\", \"body\": \"Second good line about trade.\"}\n",
    );
    env.write(
        "news/cut.sgm",
        "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS NEWID=\"1\"><TEXT><TITLE>FIRST STORY</TITLE><BODY>Complete body one.\n</BODY></TEXT></REUTERS>\n<REUTERS NEWID=\"2\"><TEXT><TITLE>SECOND STORY</TITLE><BODY>Body two is cut off here",
    );
    env.write(
        "news/latin1.txt",
        b"Caf\xe9 talks in Z\xfcrich\n\nMinisters met in Z\xfcrich for caf\xe9 diplomacy.\n",
    );
    env.write("news/.hidden.txt", "Hidden\n\nShould never be indexed.\n");
    // JSON Lines saved as .json, its first line bad; gzip with block padding or junk after it.
    env.write(
        "news/lines.json",
        "{\"title\": bad\n{\"title\": \"Good three\", \"body\": \"Third good line about farms.\"}\n",
    );
    let mut padded = gzip(b"Lighthouse restored\n\nVolunteers restored the old lighthouse.\n");
    padded.extend([0u8; 512]);
    env.write("news/padded.txt.gz", &padded);
    let mut junk = gzip(b"Harbour reopened\n\nThe harbour reopened after repairs.\n");
    junk.extend(b"trailing junk");
    env.write("news/junk.txt.gz", &junk);

    let r = env.run(&["index", "--json", "--quiet", "news"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let s = r.json();
    let skipped: Vec<(String, String)> = s["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|v| {
            (
                v["path"].as_str().unwrap_or("").to_string(),
                v["reason"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let reason = |name: &str| {
        skipped
            .iter()
            .find(|(p, _)| p.contains(name))
            .map(|(_, r)| r.to_lowercase())
            .unwrap_or_else(|| panic!("{name} not reported: {skipped:?}"))
    };
    assert!(reason("empty.txt").contains("empty"));
    assert!(reason("binary.txt").contains("binary"));
    assert!(reason("broken.json").contains("json"));
    assert!(reason("cut.txt.gz").contains("gzip"));
    assert!(reason("mixed.jsonl").contains("line 2"));
    assert!(reason("lines.json").contains("line 1"));
    assert!(reason("junk.txt.gz").contains("after the gzip data ignored"));
    assert!(
        !skipped
            .iter()
            .any(|(p, _)| p.contains("hidden") || p.contains("padded"))
    );
    // 5 sample articles + 2 good JSONL lines + 2 SGML records + the Latin-1 text, + the
    // good line of lines.json and the two gzipped texts.
    assert_eq!(s["added"], 13, "{s}");
    for q in ["farms", "lighthouse", "harbour"] {
        assert_eq!(env.search(&[q]).titles().len(), 1, "{q}");
    }
    assert!(
        r.stderr.contains("empty.txt"),
        "warnings go to stderr as they happen: {}",
        r.stderr
    );

    let hit = env.search(&["Zürich"]);
    assert_eq!(hit.titles(), vec!["Café talks in Zürich"]);
    let cut = env.search(&["cut", "off"]);
    assert_eq!(
        cut.titles().len(),
        1,
        "the truncated SGML record is kept: {}",
        cut.stdout
    );
}

#[test]
fn huge_files_are_skipped_with_a_reason() {
    let env = TestEnv::new().with_sample();
    env.write(
        "news/huge.txt",
        format!("Huge\n\n{}", "word ".repeat(300_000)),
    );
    let r = env.run(&["index", "--json", "--quiet", "--max-file-mb", "1", "news"]);
    let s = r.json();
    let skipped = s["skipped"].as_array().expect("skipped");
    assert!(
        skipped.iter().any(
            |v| v["path"].as_str().is_some_and(|p| p.ends_with("huge.txt"))
                && v["reason"].as_str().is_some_and(|r| r.contains("large"))
        ),
        "{s}"
    );
    assert_eq!(s["added"], 5);
}

#[cfg(unix)]
#[test]
fn symlink_loops_do_not_hang() {
    let env = TestEnv::new().with_sample();
    std::os::unix::fs::symlink(env.path("news"), env.path("news/loop")).expect("symlink");
    let s = env.index(&["news"]);
    assert_eq!(s["added"], 5, "{s}");
}

#[test]
fn missing_path_is_reported_not_fatal() {
    let env = TestEnv::new().with_sample();
    let s = env.index(&["news", "nowhere"]);
    assert_eq!(s["added"], 5);
    assert!(s["skipped"].to_string().contains("nowhere"), "{s}");
}

#[test]
fn a_folder_that_is_missing_keeps_its_articles() {
    let env = TestEnv::new().with_sample();
    env.index(&["news"]);
    // Renamed, unmounted or mistyped: not a deletion of every file in it.
    std::fs::rename(env.path("news"), env.path("away")).expect("rename");
    let s = env.index(&["news"]);
    assert_eq!(s["removed"], 0, "{s}");
    assert!(
        s["skipped"]
            .to_string()
            .contains("5 indexed articles are kept"),
        "{s}"
    );
    assert_eq!(env.run(&["stats", "--json"]).json()["articles"], 5);
    std::fs::rename(env.path("away"), env.path("news")).expect("rename back");
    let s = env.index(&["news"]);
    assert_eq!(
        (s["unchanged"].as_u64(), s["removed"].as_u64()),
        (Some(5), Some(0)),
        "{s}"
    );
    // A file removed from a folder that is there is gone, as before.
    let one = std::fs::read_dir(env.path("news"))
        .expect("news")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.is_file())
        .expect("a file");
    std::fs::remove_file(one).expect("rm");
    let s = env.index(&["news"]);
    assert!(s["removed"].as_u64() >= Some(1), "{s}");
}

/// Writes `files` JSONL files of `per_file` articles each under `big/`.
fn big_corpus(env: &TestEnv, files: usize, per_file: usize) {
    for f in 0..files {
        let mut s = String::new();
        for i in 0..per_file {
            s.push_str(&format!(
                "{{\"title\": \"Report {f}-{i} on grain markets\", \"body\": \"Traders in Chicago said wheat prices moved on report {f} {i}. {}\"}}\n",
                "Analysts watched the weather closely. ".repeat(20)
            ));
        }
        env.write(&format!("big/part-{f:04}.jsonl"), s);
    }
}

#[cfg(unix)]
#[test]
fn kill_dash_nine_mid_run_leaves_a_readable_index_that_the_next_run_completes() {
    let env = TestEnv::new();
    big_corpus(&env, 300, 60);
    let mut child = env
        .command(&[
            "index",
            "--quiet",
            "--commit-secs",
            "0",
            "--threads",
            "2",
            "big",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    // Wait for the first commit, then kill without warning.
    for _ in 0..400 {
        std::thread::sleep(Duration::from_millis(25));
        let committed = env.run(&["stats", "--json"]);
        if committed.code == 0 {
            break;
        }
        if child.try_wait().ok().flatten().is_some() {
            break;
        }
    }
    child.kill().expect("kill -9");
    let _ = child.wait();

    let during = env.run(&["search", "--json", "grain"]);
    assert!(
        during.code == 0 || during.code == 1,
        "index must stay readable: {}",
        during.stderr
    );

    let s = env.index(&["big"]);
    assert_eq!(s["skipped"].as_array().map(Vec::len), Some(0), "{s}");
    let stats = env.run(&["stats", "--json"]).json();
    assert_eq!(stats["articles"], 300 * 60, "the rerun completes the index");
}

#[test]
fn search_works_while_an_index_run_is_in_progress() {
    let env = TestEnv::new().with_sample();
    env.index(&["news"]);
    big_corpus(&env, 200, 60);
    let mut child = env
        .command(&["index", "--quiet", "--threads", "1", "big"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    std::thread::sleep(Duration::from_millis(200));
    let r = env.search(&["cease-fire"]);
    let still_running = child.try_wait().ok().flatten().is_none();
    assert_eq!(r.code, 0, "search during indexing: {}", r.stderr);
    assert!(!r.hits().is_empty());
    let status = child.wait().expect("wait");
    assert!(status.success());
    if !still_running {
        eprintln!("note: the index run finished before the search; the overlap was not exercised");
    }
}

#[test]
fn a_second_writer_gets_a_clear_message() {
    let env = TestEnv::new().with_sample();
    env.index(&["news"]);
    big_corpus(&env, 200, 60);
    let mut child = env
        .command(&["index", "--quiet", "--threads", "1", "big"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    std::thread::sleep(Duration::from_millis(300));
    let r = env.run(&["index", "--quiet", "news"]);
    let running = child.try_wait().ok().flatten().is_none();
    let _ = child.wait();
    if running {
        assert_eq!(r.code, 2);
        assert!(r.stderr.contains("another `newsdex index`"), "{}", r.stderr);
    }
}

#[test]
fn gzipped_files_are_read_transparently() {
    let env = TestEnv::new();
    env.write("news/a.jsonl.gz", gzip(common::WIRE_JSONL.as_bytes()));
    let s = env.index(&["news"]);
    assert_eq!(s["added"], 3, "{s}");
}

#[test]
fn reuters_21578_gives_every_article() {
    let Some(dir) = common::shared_data("reuters21578") else {
        return;
    };
    let env = TestEnv::new();
    let r = env.run(&[
        "index",
        "--json",
        "--quiet",
        dir.to_str().unwrap_or_default(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let s = r.json();
    assert_eq!(s["added"], 21_578, "{s}");
    let stats = env.run(&["stats", "--json"]).json();
    assert_eq!(stats["articles"], 21_578);
}

#[cfg(unix)]
#[test]
fn ctrl_c_commits_what_is_done_and_the_rerun_completes() {
    let env = TestEnv::new();
    big_corpus(&env, 300, 60);
    let child = env
        .command(&["index", "--json", "--quiet", "--threads", "1", "big"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    std::thread::sleep(Duration::from_millis(400));
    let _ = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let out = child.wait_with_output().expect("wait");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let summary: serde_json::Value = serde_json::from_str(stdout.trim()).expect("summary JSON");
    if out.status.code() == Some(130) {
        assert_eq!(summary["interrupted"], true);
        let done = summary["added"].as_u64().unwrap_or(0);
        let stats = env.run(&["stats", "--json"]);
        let kept = if stats.code == 0 {
            stats.json()["articles"].as_u64().unwrap_or(0)
        } else {
            0
        };
        assert_eq!(
            kept, done,
            "what the summary reports as added was committed"
        );
    } else {
        eprintln!("note: the run finished before Ctrl-C arrived");
        assert_eq!(out.status.code(), Some(0));
    }
    env.index(&["big"]);
    assert_eq!(env.run(&["stats", "--json"]).json()["articles"], 300 * 60);
}

#[test]
fn an_index_from_another_version_is_refused_then_rebuilt_with_full() {
    use tantivy::schema::{Schema, TEXT};
    let env = TestEnv::new().with_sample();
    // An index with another schema, as an older newsdex would have left it, and a file of
    // the user's beside it.
    let dir = env.path("index");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let mut schema = Schema::builder();
    let body = schema.add_text_field("body", TEXT);
    let old = tantivy::Index::create_in_dir(&dir, schema.build()).expect("old index");
    let mut writer: tantivy::IndexWriter = old.writer_with_num_threads(1, 15_000_000).expect("w");
    writer
        .add_document(tantivy::doc!(body => "an old article"))
        .expect("add");
    writer.commit().expect("commit");
    drop(writer);
    env.write("index/notes.txt", "mine");

    let r = env.run(&["index", "news"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("index --full"), "{}", r.stderr);
    let r = env.search(&["summit"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("another version"), "{}", r.stderr);

    let s = env.index(&["--full", "news"]);
    assert_eq!(s["added"], 5, "{s}");
    let stats = env.run(&["stats", "--json"]).json();
    assert_eq!(stats["articles"], 5);
    assert!(!env.search(&["summit"]).hits().is_empty());
    assert_eq!(
        std::fs::read_to_string(env.path("index/notes.txt")).expect("kept"),
        "mine"
    );
    // And an up-to-date index is kept by --full: only its articles are replaced.
    let s = env.index(&["--full", "news"]);
    assert_eq!(
        (s["added"].as_u64(), s["removed"].as_u64()),
        (Some(5), Some(5)),
        "{s}"
    );
}

#[test]
fn a_damaged_index_is_reported_then_rebuilt_with_full() {
    let env = TestEnv::new().with_sample();
    env.index(&["news"]);
    // Truncated segment files (a disk that lost their ends): tantivy asserts on them.
    let stores: Vec<_> = std::fs::read_dir(env.path("index"))
        .expect("index dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "store"))
        .collect();
    assert!(!stores.is_empty());
    for p in &stores {
        std::fs::write(p, b"tiny").expect("truncate");
    }
    for args in [
        &["search", "summit"][..],
        &["stats"],
        &["export"],
        &["dups"],
        &["index", "news"],
    ] {
        let r = env.run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("damaged"), "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("index --full"), "{args:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{args:?}: {}", r.stderr);
    }
    let s = env.index(&["--full", "news"]);
    assert_eq!(s["added"], 5, "{s}");
    assert!(!env.search(&["summit"]).hits().is_empty());
    // A meta.json that is not JSON: the same.
    std::fs::write(env.path("index/meta.json"), "{").expect("meta");
    let r = env.search(&["summit"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("index --full"), "{}", r.stderr);
    assert_eq!(env.index(&["--full", "news"])["added"], 5);
    assert!(!env.search(&["summit"]).hits().is_empty());
}

/// A full disk: needs a small tmpfs, so it runs only where `mount` is allowed (as root
/// outside a locked-down container) and says so otherwise.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_named_and_the_next_run_completes_the_index() {
    let env = TestEnv::new().with_sample();
    // About 4 MB of text with many distinct words, which no index of it fits in 1 MB.
    for i in 0..400u64 {
        let body: String = (0..800u64)
            .map(|j| {
                format!(
                    "w{:x} ",
                    (i * 7919 + j * 104_729).wrapping_mul(2_654_435_761)
                )
            })
            .collect();
        env.write(
            &format!("news/bulk/{i}.txt"),
            format!("Story {i}\n\n{body}\n"),
        );
    }
    let small = env.path("small");
    std::fs::create_dir_all(&small).expect("mkdir");
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1M", "tmpfs"])
        .arg(&small)
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here to fill a disk");
        return;
    }
    let index = small.join("ix");
    let index = index.to_str().expect("utf-8 path");
    let r = env.run(&["--index", index, "index", "--quiet", "news"]);
    let unmount = || {
        let _ = std::process::Command::new("umount")
            .arg(env.path("small"))
            .status();
    };
    if r.code == 0 {
        unmount();
        panic!("1 MB was enough: {}", r.stdout);
    }
    let said = r.stderr.contains("no space left on the device");
    let stats = env.run(&["--index", index, "stats"]);
    // The full disk's index, moved where there is room, is completed by the next run.
    let moved = env.path("index");
    std::fs::create_dir_all(&moved).expect("mkdir");
    for entry in std::fs::read_dir(small.join("ix"))
        .expect("read index dir")
        .flatten()
    {
        std::fs::copy(entry.path(), moved.join(entry.file_name())).expect("copy");
    }
    unmount();
    assert!(said, "{}", r.stderr);
    assert!(stats.stdout.contains("articles"), "{}", stats.stderr);
    assert!(!stats.stderr.contains("error"), "{}", stats.stderr);
    let s = env.index(&["news"]);
    assert_eq!(s["added"], 405, "{s}");
    assert_eq!(env.run(&["stats", "--json"]).json()["articles"], 405);
}
