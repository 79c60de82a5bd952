//! `newsdex search`, `show`, `stats`, `export`: queries, filters, output, exit codes.

mod common;

use common::TestEnv;
use serde_json::Value;

fn sample() -> TestEnv {
    let env = TestEnv::new().with_sample();
    env.index(&["news"]);
    env
}

#[test]
fn every_cease_fire_spelling_finds_every_spelling() {
    let env = sample();
    for q in ["cease-fire", "ceasefire", "cease fire", "Cease-Fire"] {
        let mut t = env.search(&[q]).titles();
        t.sort();
        assert_eq!(
            t,
            vec![
                "Gaza ceasefire holds for a third day",
                "Leaders Back Syria Cease-fire Plan at G-20 in Hangzhou"
            ],
            "query {q:?}"
        );
    }
    let phrase = env.search(&["\"Syria cease fire\""]);
    assert_eq!(phrase.titles().len(), 1, "{}", phrase.stdout);
}

#[test]
fn a_compound_typed_as_one_word_finds_it_written_as_two() {
    let env = TestEnv::new();
    env.write(
        "news/cairo.txt",
        "Gaza talks\n\nCAIRO (Reuters) - Mediators pushed for a Gaza cease fire on Monday.\n",
    );
    env.write(
        "news/deal.txt",
        "Board backs bid\n\nThe board backed the takeover of the port operator.\n",
    );
    env.write(
        "news/plan.txt",
        "Investor plan\n\nThe investor will take over the port operator next year.\n",
    );
    env.index(&["news"]);
    assert_eq!(env.search(&["ceasefire"]).titles(), ["Gaza talks"]);
    assert_eq!(env.search(&["Gaza ceasefire"]).titles(), ["Gaza talks"]);
    let mut t = env.search(&["takeovers"]).titles();
    t.sort();
    assert_eq!(t, ["Board backs bid", "Investor plan"]);
}

#[test]
fn quoted_phrases_match_every_spelling_of_a_compound() {
    let env = TestEnv::new();
    env.write(
        "n/hyphen.txt",
        "Talks resume\n\nThe cease-fire talks resumed on Monday. The e-mail system failed. \
         The G-7 summit opened.\n",
    );
    env.write(
        "n/joined.txt",
        "Other talks\n\nThe ceasefire talks resumed on Friday. The email system failed. \
         The G7 summit opened.\n",
    );
    env.write(
        "n/spaced.txt",
        "Third talks\n\nThe cease fire talks resumed on Sunday. A president spoke.\n",
    );
    env.index(&["n"]);
    for q in [
        "\"ceasefire talks\"",
        "\"cease-fire talks\"",
        "\"cease fire talks\"",
    ] {
        let mut t = env.search(&[q]).titles();
        t.sort();
        assert_eq!(t, vec!["Other talks", "Talks resume", "Third talks"], "{q}");
    }
    for q in [
        "\"email system\"",
        "\"the G7 summit opened\"",
        "\"G-7 summit\"",
    ] {
        let mut t = env.search(&[q]).titles();
        t.sort();
        assert_eq!(t, vec!["Other talks", "Talks resume"], "{q}");
    }
    // Words next to each other only in another order, or apart, are no phrase.
    assert!(env.search(&["\"talks ceasefire\""]).titles().is_empty());
    assert!(env.search(&["\"president talks\""]).titles().is_empty());
}

#[test]
fn summit_cop_alone_finds_every_climate_conference() {
    let env = TestEnv::new();
    env.write(
        "n/baku.txt",
        "Climate deal\n\nBAKU (Reuters) - Ministers at Cop29 in Baku failed to agree on \
         climate finance on Friday.\n",
    );
    env.write(
        "n/dubai.txt",
        "Dubai talks\n\nDUBAI (Reuters) - Delegates at COP28 in Dubai agreed on a text.\n",
    );
    env.write(
        "n/police.txt",
        "Cop story\n\nNEW YORK - A cop was hurt on Friday, police said.\n",
    );
    env.index(&["n"]);
    let mut all = env.search(&["--summit", "COP"]).titles();
    all.sort();
    assert_eq!(all, vec!["Climate deal", "Dubai talks"]);
    assert_eq!(
        env.search(&["--summit", "cop 29"]).titles(),
        vec!["Climate deal"]
    );
}

#[test]
fn g20_spellings_match_in_text_and_filter() {
    let env = sample();
    for q in ["G20", "g-20"] {
        assert_eq!(env.search(&[q]).titles().len(), 1, "query {q}");
    }
    for s in ["G20", "g-20", "Group of 20", "group of twenty"] {
        let r = env.search(&["--summit", s]);
        assert_eq!(
            r.titles(),
            vec!["Leaders Back Syria Cease-fire Plan at G-20 in Hangzhou"],
            "--summit {s}"
        );
    }
    let g7 = env.search(&["--summit", "G7"]);
    assert_eq!(
        g7.titles(),
        vec!["Group of Seven leaders meet in Hiroshima"]
    );
}

#[test]
fn speaker_filter_excludes_articles_that_only_mention() {
    let env = sample();
    let speaker = env.search(&["--speaker", "Putin"]);
    assert_eq!(
        speaker.titles(),
        vec!["Putin warns West over new sanctions"]
    );
    let mut person = env.search(&["--person", "putin"]).titles();
    person.sort();
    assert_eq!(
        person,
        vec![
            "Leaders Back Syria Cease-fire Plan at G-20 in Hangzhou",
            "Putin warns West over new sanctions"
        ]
    );
    // The plural of each filter, as the fields are named, is the same filter.
    let mut people = env.search(&["--people", "putin"]).titles();
    people.sort();
    assert_eq!(people, person);
    assert_eq!(
        env.search(&["--speakers", "Putin"]).titles(),
        speaker.titles()
    );
    let obama = env.search(&["--speaker", "obama"]);
    assert_eq!(
        obama.titles(),
        vec!["Leaders Back Syria Cease-fire Plan at G-20 in Hangzhou"]
    );
}

#[test]
fn person_filters_find_other_spellings_of_a_name() {
    let env = TestEnv::new();
    env.write(
        "news/kyiv.txt",
        "Kyiv talks\n\nUkrainian President Volodymyr Zelenskiy said on Tuesday that the talks \
         would go on.\n",
    );
    env.write(
        "news/ap.txt",
        "Envoy visit\n\nPresident Volodymyr Zelenskyy met the envoy on Monday. \"We are ready,\" \
         Zelenskyy said.\n",
    );
    env.write(
        "news/ankara.txt",
        "Ankara\n\nTurkish President Tayyip Erdogan said on Friday that the talks would resume.\n",
    );
    env.write(
        "news/senate.txt",
        "Senate vote\n\nSenator Bernie Saunders said on Monday the bill would pass.\n",
    );
    env.index(&["news"]);
    let titles = |args: &[&str]| {
        let mut t = env.search(args).titles();
        t.sort();
        t
    };
    assert_eq!(
        titles(&["--person", "Zelensky"]),
        ["Envoy visit", "Kyiv talks"]
    );
    assert_eq!(
        titles(&["--speaker", "Volodymyr Zelensky"]),
        ["Envoy visit", "Kyiv talks"]
    );
    assert_eq!(titles(&["--speaker", "Recep Tayyip Erdogan"]), ["Ankara"]);
    // Same skeleton, another name; another person of the same family.
    assert!(titles(&["--person", "Sanders"]).is_empty());
    assert!(titles(&["--person", "Zelenska"]).is_empty());
}

#[test]
fn british_and_american_spellings_find_each_other() {
    let env = TestEnv::new();
    env.write(
        "news/uk.txt",
        "Budget rise\n\nThe defence budget will rise, the organisation said. Labour leaders \
         met at the city centre.\n",
    );
    env.write(
        "news/us.txt",
        "Pentagon plan\n\nThe defense budget will rise, the organization said. Labor leaders \
         met downtown.\n",
    );
    env.index(&["news"]);
    for q in [
        "defense",
        "defence",
        "organizations",
        "organisation",
        "labor",
        "Labour leaders",
    ] {
        assert_eq!(env.search(&[q]).hits().len(), 2, "{q}");
    }
    assert_eq!(env.search(&["city center"]).titles(), ["Budget rise"]);
    let hit = &env.search(&["defense"]).hits()[1];
    let snippet = hit["snippet"]["text"].as_str().unwrap_or_default();
    assert!(snippet.contains("defence"), "{hit}");
}

#[test]
fn the_agency_in_the_dateline_is_the_source() {
    let env = TestEnv::new();
    env.write(
        "news/kyiv.txt",
        "Sirens in Kyiv\n\nKYIV, Ukraine (AP) — Sirens sounded across the city on Monday.\n",
    );
    env.write(
        "news/brussels.txt",
        "Ministers meet\n\nBRUSSELS, March 21 (Reuters) - Ministers met on Friday.\n",
    );
    env.write(
        "news/ankara.txt",
        "Talks begin\n\nANKARA, Nov 22 (Anadolu Agency) - Turkish officials said talks would \
         begin.\n",
    );
    env.write(
        "news/tokyo.jsonl",
        "{\"title\": \"Quake\", \"body\": \"TOKYO (Reuters) - A quake struck.\", \
         \"source\": {\"name\": \"Associated Press\"}}\n",
    );
    env.index(&["news"]);
    let titles = |args: &[&str]| {
        let mut t = env.search(args).titles();
        t.sort();
        t
    };
    // The file's own source wins over the credit.
    assert_eq!(titles(&["--source", "AP"]), ["Quake", "Sirens in Kyiv"]);
    assert_eq!(
        titles(&["--source", "Associated Press"]),
        ["Quake", "Sirens in Kyiv"]
    );
    assert_eq!(titles(&["--source", "reuters"]), ["Ministers meet"]);
    assert_eq!(titles(&["--dateline", "Ankara"]), ["Talks begin"]);
    let talks = &env.search(&["--source", "Anadolu Agency"]).hits()[0];
    assert_eq!(talks["people"], serde_json::json!([]), "{talks}");
}

#[test]
fn filters_combine_and_repeat() {
    let env = sample();
    let r = env.search(&["--dateline", "moscow", "--source", "ap"]);
    assert_eq!(r.titles(), vec!["Putin warns West over new sanctions"]);
    let none = env.search(&["--person", "putin", "--person", "kishida"]);
    assert_eq!(none.code, 1);
    let topic = env.search(&["--topic", "sanctions"]);
    assert!(
        topic
            .titles()
            .contains(&"Putin warns West over new sanctions".to_string())
    );
    let dates = env.search(&["--since", "2019-03-01", "--until", "2019-03-10"]);
    assert_eq!(dates.titles(), vec!["Putin warns West over new sanctions"]);
    let day = env.search(&["--since", "2019-03-14", "--until", "2019-03-14"]);
    assert_eq!(
        day.titles(),
        vec!["OPEC ministers meet in Vienna on output"]
    );
}

#[test]
fn query_syntax_fields_and_operators() {
    let env = sample();
    assert_eq!(
        env.search(&["speaker:putin"]).titles(),
        vec!["Putin warns West over new sanctions"]
    );
    assert_eq!(
        env.search(&["title:vienna"]).titles(),
        vec!["OPEC ministers meet in Vienna on output"]
    );
    let or = env.search(&["Hiroshima OR Vienna"]);
    assert_eq!(or.titles().len(), 2);
    let not = env.search(&["ceasefire", "-Gaza"]);
    assert_eq!(
        not.titles(),
        vec!["Leaders Back Syria Cease-fire Plan at G-20 in Hangzhou"]
    );
    // An argument that opens with the exclusion reads as it would after `--`.
    for args in [
        &["-Gaza ceasefire"][..],
        &["--", "-Gaza ceasefire"],
        &["ceasefire", "-\"Gaza ceasefire\""],
    ] {
        assert_eq!(env.search(args).titles(), not.titles(), "{args:?}");
    }
    let apostrophe = env.search(&["Obama's"]);
    assert_eq!(apostrophe.code, 0, "{}", apostrophe.stderr);
    let stray = env.search(&["cease", "-", "fire"]);
    assert_eq!(stray.titles().len(), 2);
    let unknown_field = env.search(&["foo:bar"]);
    assert_eq!(unknown_field.code, 1, "{}", unknown_field.stderr);
}

#[test]
fn control_characters_in_articles_never_reach_the_terminal() {
    let env = TestEnv::new();
    env.write(
        "news/esc.jsonl",
        "{\"title\": \"Harbour \\u001b[2Jstrike ends\", \"body\": \"Dock workers at the harbour \\u001b]0;pwned\\u0007ended their strike on Monday.\\u009b\"}\n",
    );
    env.index(&["news"]);
    for args in [&["search", "harbour strike"][..], &["export"]] {
        let r = env.run(args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(r.stdout.contains("strike"), "{args:?}: {}", r.stdout);
        assert!(
            !r.stdout.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?}: {:?}",
            r.stdout
        );
    }
}

#[test]
fn malformed_query_is_an_error_that_points_at_it() {
    let env = sample();
    let r = env.search(&["Syria \"cease fire"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unclosed quote at column 7"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("panicked"));
    let bad_date = env.search(&["--since", "March 2019"]);
    assert_eq!(bad_date.code, 2);
    assert!(
        bad_date.stderr.contains("YYYY-MM-DD"),
        "{}",
        bad_date.stderr
    );
    let nothing = env.run(&["search"]);
    assert_eq!(nothing.code, 2);
    // An empty filter value (an unset shell variable) is refused, not answered with nothing.
    for args in [&["--speaker", ""][..], &["summit", "--person", " - "]] {
        let r = env.search(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("no letters or digits"), "{}", r.stderr);
    }
}

#[test]
fn json_hits_have_every_key_and_valid_highlights() {
    let env = sample();
    let r = env.search(&["Putin"]);
    assert_eq!(r.code, 0);
    let lines = r.json_lines();
    let summary = lines.last().expect("summary");
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["total_hits"], 2);
    for h in r.hits() {
        for key in [
            "rank",
            "score",
            "id",
            "source_id",
            "path",
            "title",
            "date",
            "dateline",
            "source",
            "people",
            "speakers",
            "summits",
            "topics",
            "places",
            "snippet",
        ] {
            assert!(h.get(key).is_some(), "missing {key} in {h}");
        }
        let text = h["snippet"]["text"].as_str().expect("text");
        let marks = h["snippet"]["highlights"].as_array().expect("highlights");
        assert!(!marks.is_empty(), "{h}");
        for m in marks {
            let (a, b) = (
                m[0].as_u64().unwrap_or(0) as usize,
                m[1].as_u64().unwrap_or(0) as usize,
            );
            assert_eq!(
                text.get(a..b).map(str::to_lowercase).as_deref(),
                Some("putin"),
                "{h}"
            );
        }
    }
    let first = &r.hits()[0];
    assert_eq!(first["source_id"], "b-1");
    assert_eq!(first["date"], "2019-03-05T00:00:00Z");
}

#[test]
fn facets_count_over_all_matches_not_just_the_page() {
    let env = sample();
    let r = env.search(&["--facets", "--limit", "1", "--person", "putin"]);
    let facets: Vec<Value> = r
        .json_lines()
        .into_iter()
        .filter(|v| v["type"] == "facets")
        .collect();
    assert_eq!(facets.len(), 1, "{}", r.stdout);
    let people = facets[0]["people"].as_array().expect("people");
    let putin = people
        .iter()
        .find(|p| p["value"] == "Vladimir Putin")
        .expect("putin counted");
    assert_eq!(putin["count"], 2);
    assert_eq!(r.hits().len(), 1);
}

#[test]
fn filter_only_search_lists_matches_with_a_lede() {
    let env = sample();
    let r = env.search(&["--summit", "G7"]);
    let h = &r.hits()[0];
    assert!(
        h["snippet"]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("HIROSHIMA")),
        "{h}"
    );
}

#[test]
fn sort_by_date_and_paging() {
    let env = sample();
    let r = env.search(&["--sort", "date", "--source", "ap"]);
    assert_eq!(
        r.titles(),
        vec![
            "Gaza ceasefire holds for a third day",
            "Putin warns West over new sanctions"
        ]
    );
    let page2 = env.search(&[
        "--sort", "date", "--source", "ap", "--limit", "1", "--offset", "1",
    ]);
    assert_eq!(page2.titles(), vec!["Putin warns West over new sanctions"]);
    assert_eq!(page2.hits()[0]["rank"], 2);
}

#[test]
fn text_output_shows_metadata_and_marks_matches() {
    let env = sample();
    let r = env.run(&["search", "Putin", "--speaker", "putin"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("1. Putin warns West over new sanctions"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("2019-03-05 · Moscow"), "{}", r.stdout);
    assert!(r.stdout.contains("[Putin]"), "{}", r.stdout);
    assert!(
        r.stdout.contains("speakers: Vladimir Putin"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains('\x1b'), "no colour when piped");
}

#[test]
fn exit_codes() {
    let env = sample();
    assert_eq!(env.run(&["search", "Hiroshima"]).code, 0);
    assert_eq!(env.run(&["search", "zanzibar"]).code, 1);
    assert_eq!(
        env.run(&["search", "--index", "missing-index", "x"]).code,
        2
    );
}

#[cfg(unix)]
#[test]
fn piping_into_head_is_not_an_error() {
    let env = TestEnv::new();
    let mut s = String::new();
    for i in 0..400 {
        s.push_str(&format!("{{\"title\": \"Market story {i}\", \"body\": \"Stocks rose on trade hopes in story {i}.\"}}\n"));
    }
    env.write("m/a.jsonl", s);
    env.index(&["m"]);
    let out = std::process::Command::new("sh")
        .current_dir(env.dir.path())
        .arg("-c")
        .arg(format!(
            "'{}' search stocks --limit 400 | head -n 1; exit ${{PIPESTATUS:-0}}",
            common::bin()
        ))
        .output()
        .expect("sh");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("error"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn show_stats_and_export() {
    let env = sample();
    let show = env.run(&["show", "--json", "news/wire.jsonl#0"]);
    assert_eq!(show.code, 0, "{}", show.stderr);
    let a = show.json();
    assert_eq!(a["title"], "Putin warns West over new sanctions");
    assert!(a["body"].as_str().is_some_and(|b| b.contains("Kremlin")));
    let by_source_id = env.run(&["show", "b-2"]);
    assert!(
        by_source_id.stdout.contains("Gaza ceasefire holds"),
        "{}",
        by_source_id.stdout
    );
    assert_eq!(env.run(&["show", "nope"]).code, 1);

    let stats = env.run(&["stats", "--json"]).json();
    assert_eq!(stats["articles"], 5);
    assert!(
        stats["first_date"]
            .as_str()
            .is_some_and(|d| d.starts_with("2016") || d.starts_with("2019"))
    );
    let text_stats = env.run(&["stats"]);
    assert!(
        text_stats.stdout.starts_with("5 articles"),
        "{}",
        text_stats.stdout
    );

    let export = env.run(&["export"]);
    let rows = export.json_lines();
    assert_eq!(rows.len(), 5);
    for row in rows {
        assert!(row["body"].is_string() && row["id"].is_string() && row["speakers"].is_array());
    }
}

#[test]
fn index_env_var_and_flag_choose_the_index() {
    let env = TestEnv::new().with_sample();
    let r = env
        .command(&["index", "--quiet", "news"])
        .env("NEWSDEX_INDEX", "elsewhere")
        .output()
        .expect("run");
    assert!(r.status.success());
    assert!(env.path("elsewhere/meta.json").exists());
    assert_eq!(
        env.run(&["search", "--index", "elsewhere", "Hiroshima"])
            .code,
        0
    );
}

#[test]
fn first_search_builds_the_default_index_from_corpus() {
    let env = TestEnv::new();
    env.write("corpus/syria.txt", common::SYRIA_TXT);
    let r = env.run(&["search", "Syria cease-fire"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("building it from ./corpus"),
        "{}",
        r.stderr
    );
    assert!(env.path("index/meta.json").exists());
}

#[test]
fn json_summary_carries_spelling_suggestions() {
    let env = sample();
    let r = env.search(&["Kishidda"]);
    let summary = r.json_lines().pop().expect("summary line");
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["did_you_mean"], "Kishida", "{summary}");
    let ok = env
        .search(&["Hiroshima"])
        .json_lines()
        .pop()
        .expect("summary line");
    assert!(ok["did_you_mean"].is_null(), "{ok}");
    assert_eq!(ok["relaxed"], false);
    // A number is never "corrected" to one a digit away.
    let env = TestEnv::new();
    env.write(
        "news/quake.txt",
        "Quake\n\nThe 2022 earthquake damaged the port.\n",
    );
    env.index(&["news"]);
    let year = env
        .search(&["earthquake", "2023"])
        .json_lines()
        .pop()
        .expect("summary");
    assert!(year["did_you_mean"].is_null(), "{year}");
}

#[test]
fn extreme_limits_offsets_and_dates_are_answered() {
    let env = sample();
    let huge = "18446744073709551615";
    for args in [
        &["summit", "--limit", huge][..],
        &["summit", "--offset", huge],
        &["summit", "--offset", "9223372036854775807", "--no-collapse"],
        &["summit", "--limit", huge, "--no-collapse"],
        &["--until", "9999-12-31"],
        &["summit", "--since", "0001-01-01", "--until", "9999-12-31"],
    ] {
        let r = env.search(args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{args:?}: {}", r.stderr);
    }
    let all = env.search(&["summit", "--limit", huge]).hits().len();
    assert!(all >= 2, "{all}");
    assert!(env.search(&["summit", "--offset", huge]).hits().is_empty());
    // The last day there is keeps every dated article, as a far-off day does.
    assert_eq!(
        env.search(&["--until", "9999-12-31"]).titles(),
        env.search(&["--until", "9000-01-01"]).titles()
    );
    let id = env.search(&["summit"]).hits()[0]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let r = env.run(&["similar", &id, "--offset", huge]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = env.run(&["search", "summit", "--offset", "1000"]);
    assert!(page.stdout.contains("none on this page"), "{}", page.stdout);
}
