//! A small fd-style test environment: a temp dir per test, files written into it, and the real
//! `newsdex` binary run inside it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Every stdout line parsed as JSON.
    pub fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
            .collect()
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(self.stdout.trim())
            .unwrap_or_else(|e| panic!("bad JSON {:?}: {e}\nstderr: {}", self.stdout, self.stderr))
    }

    /// The `hit` lines of a `search --json`.
    pub fn hits(&self) -> Vec<Value> {
        self.json_lines()
            .into_iter()
            .filter(|v| v["type"] == "hit")
            .collect()
    }

    /// Titles of the hits, in rank order.
    pub fn titles(&self) -> Vec<String> {
        self.hits()
            .iter()
            .map(|h| h["title"].as_str().unwrap_or("").to_string())
            .collect()
    }
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_newsdex")
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> &Self {
        let p = self.path(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, content).expect("write");
        self
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).expect("remove");
    }

    /// A command for the binary, run in the test dir with a clean environment.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(bin());
        c.current_dir(self.dir.path())
            .env_remove("NEWSDEX_INDEX")
            .env("NO_COLOR", "1")
            .args(args);
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command(args).output().expect("run newsdex"))
    }

    /// `newsdex index --json PATHS`; panics unless it succeeds.
    pub fn index(&self, paths: &[&str]) -> Value {
        let mut args = vec!["index", "--json", "--quiet"];
        args.extend_from_slice(paths);
        let r = self.run(&args);
        assert_eq!(r.code, 0, "index failed: {}", r.stderr);
        r.json()
    }

    pub fn search(&self, args: &[&str]) -> Run {
        let mut all = vec!["search", "--json"];
        all.extend_from_slice(args);
        self.run(&all)
    }
}

/// The shared data folder beside the checkout, when present.
pub fn shared_data(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: {} not found", p.display());
        None
    }
}

pub const SYRIA_TXT: &str = "Leaders Back Syria Cease-fire Plan at G-20 in Hangzhou

HANGZHOU, China (Reuters) - Leaders at the G-20 summit in Hangzhou backed a plan for a Syria cease-fire on Monday, hours after talks between Washington and Moscow stalled.

\"We have narrowed the gaps, but we are not there yet,\" President Barack Obama told reporters after meeting Russian President Vladimir Putin on the sidelines.

Secretary of State John Kerry and Foreign Minister Sergei Lavrov met twice without a deal.

\"The next days will tell,\" Obama said.
";

pub const WIRE_JSONL: &str = r#"{"id": "b-1", "title": "Putin warns West over new sanctions", "body": "MOSCOW (AP) — Russian President Vladimir Putin warned on Tuesday that new Western sanctions would backfire. \"Pressure has never worked with Russia and it will not work now,\" Putin told reporters at the Kremlin. Officials in Brussels declined to comment.", "date": "2019-03-05", "source": "AP", "people": ["Vladimir Putin"], "topics": ["sanctions"]}
{"id": "b-2", "title": "Gaza ceasefire holds for a third day", "body": "GAZA CITY (AP) — A ceasefire between Israel and Hamas held for a third day on Monday as aid trucks crossed into the territory. Egyptian mediators said talks would resume.", "date": "2021-05-24", "source": "AP"}
{"id": "b-3", "title": "OPEC ministers meet in Vienna on output", "body": "VIENNA, March 14 - OPEC oil ministers met in Vienna on Thursday to weigh deeper output cuts. \"The market needs balance,\" said Saudi Energy Minister Khalid al-Falih.", "date": "2019-03-14", "source": "Reuters"}
"#;

pub const G7_HTML: &str = r#"<!DOCTYPE html>
<html><head><title>Group of Seven leaders meet in Hiroshima | World Desk</title>
<meta property="og:title" content="Group of Seven leaders meet in Hiroshima">
<meta property="article:published_time" content="2023-05-20T08:00:00Z">
<script>var tracking = "cease-fire";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> Subscribe now</nav>
<div class="newsletter-signup">Sign up for our daily briefing</div>
<article><h1>Group of Seven leaders meet in Hiroshima</h1>
<p>HIROSHIMA, Japan (Reuters) - Leaders of the Group of Seven opened their summit in Hiroshima on Saturday with talks on Ukraine and economic security.</p>
<p>"Our unity is our strength," Japanese Prime Minister Fumio Kishida told a news conference.</p>
</article>
<footer>Copyright World Desk. All rights reserved.</footer></body></html>
"#;

impl TestEnv {
    /// Three small files in three formats under `news/`.
    pub fn with_sample(self) -> TestEnv {
        self.write("news/syria.txt", SYRIA_TXT);
        self.write("news/wire.jsonl", WIRE_JSONL);
        self.write("news/g7.html", G7_HTML);
        self
    }
}
