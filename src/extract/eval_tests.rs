//! A check against the seed article outside the repo (skipped with a message when absent).
//! Scores on the tuning splits (CoNLL-2003 valid, PolNeAR dev) live beside the evaluation
//! command's readers in `crate::eval`, so tuning and reporting use one definition.

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/seed/obama-putin-g20-hangzhou.txt"
);

#[test]
fn seed_article_people_speakers_and_summit() {
    let Ok(raw) = std::fs::read_to_string(SEED) else {
        eprintln!("skipping: {SEED} not found");
        return;
    };
    // Line 1 is a browser banner, the next non-empty line the title, the rest the body.
    let mut lines = raw.lines().filter(|l| !l.trim().is_empty());
    lines.next();
    let title = lines.next().unwrap_or_default().to_string();
    let body = raw
        .split_once(title.as_str())
        .map_or("", |(_, b)| b)
        .to_string();
    let mut a = crate::article::Article {
        title,
        body,
        ..Default::default()
    };
    a.date = Some(time::macros::datetime!(2016-09-05 12:00 UTC));
    super::enrich(&mut a);
    eprintln!(
        "people: {:?}\nspeakers: {:?}\nsummits: {:?}\ntopics: {:?}",
        a.people, a.speakers, a.summits, a.topics
    );
    for want in [
        "Barack Obama",
        "Vladimir Putin",
        "John Kerry",
        "Sergei Lavrov",
        "Dmitry Peskov",
        "Francois Hollande",
        "Angela Merkel",
    ] {
        assert!(
            a.people.iter().any(|p| p == want),
            "missing person {want}: {:?}",
            a.people
        );
    }
    assert_eq!(a.speakers, ["Barack Obama", "Dmitry Peskov"]);
    assert_eq!(a.summits, ["G20 Hangzhou 2016"]);
}
