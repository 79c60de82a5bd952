//! Table-driven tests for speaker attribution.

use super::*;
use crate::extract::people;

fn speakers(text: &str) -> Vec<String> {
    extract(text, &people::extract(text))
}

#[test]
fn attributes_speech_to_people() {
    let cases: &[(&str, &[&str])] = &[
        ("", &[]),
        (
            "President Barack Obama said the talks were useful.",
            &["Barack Obama"],
        ),
        ("\"It was useful,\" Barack Obama said.", &["Barack Obama"]),
        (
            "\"It was useful,\" said President Barack Obama.",
            &["Barack Obama"],
        ),
        (
            "“It was useful,” said Kremlin spokesman Dmitry Peskov.",
            &["Dmitry Peskov"],
        ),
        (
            "Angela Merkel told reporters that she was hopeful.",
            &["Angela Merkel"],
        ),
        (
            "Angela Merkel later told a press conference it was fine.",
            &["Angela Merkel"],
        ),
        (
            "The plan works, according to Sergei Lavrov.",
            &["Sergei Lavrov"],
        ),
        ("The plan works, according to Reuters.", &[]),
        // The person whose statement, letter or interview it is; not a spokesman's boss.
        (
            "The decision was welcomed, according to a statement from Ursula von der Leyen.",
            &["Ursula von der Leyen"],
        ),
        (
            "The decision was welcomed, according to a spokesman for Ursula von der Leyen.",
            &[],
        ),
        (
            "According to Treasury Secretary Janet Yellen, inflation is too high.",
            &["Janet Yellen"],
        ),
        (
            "WASHINGTON (Reuters) - According to Janet Yellen, inflation is too high.",
            &["Janet Yellen"],
        ),
        ("According to Reuters, Janet Yellen was in Paris.", &[]),
        // Only "according to" opens a sentence capitalised; a capitalised speech verb does not
        // count ("Says" here is part of a headline).
        ("Janet Yellen Says Nothing\n\nThe talks went on.", &[]),
        (
            "Vladimir Putin, who met Obama on Monday, said nothing new.",
            &["Vladimir Putin"],
        ),
        (
            "Dmitry Peskov, the Kremlin spokesman, said it went well.",
            &["Dmitry Peskov"],
        ),
        // A person named inside the apposition is passed over.
        (
            "Rucker Culpepper, who runs Hillary Clinton's campaign in the state, said they were ready.",
            &["Rucker Culpepper"],
        ),
        (
            "President Richard von Weizsaecker arrived on Monday. Weizsaecker, speaking at a reception held for him by President Raul Alfonsin at the city hall, also said no one could overlook the debt.",
            &["Richard von Weizsaecker"],
        ),
        // A party-and-state tag, an age and a home town between the name and the verb.
        (
            "Sen. Bob Corker, R-Tenn., said the bill went too far.",
            &["Bob Corker"],
        ),
        (
            "Donna Sampson Rawlings, 59, of Ashton, Md., said she had voted.",
            &["Donna Sampson Rawlings"],
        ),
        // An adverb between the subject and the verb.
        (
            "Marc H. Morial, the chief executive of the National Urban League, forcefully told the crowd to vote.",
            &["Marc H. Morial"],
        ),
        (
            "Democratic candidate Hillary Clinton has long said she would not raise taxes.",
            &["Hillary Clinton"],
        ),
        (
            "Hillary Clinton chimed in on Twitter, saying the footage was troubling.",
            &["Hillary Clinton"],
        ),
        // A verb joined by "and"/"but" shares the subject that opens the sentence...
        (
            "Donald Trump, her Republican opponent, bemoaned the unrest and said drugs were a factor.",
            &["Donald Trump"],
        ),
        (
            "Vladimir Putin arrived in Beijing on Tuesday and said the talks would be long.",
            &["Vladimir Putin"],
        ),
        (
            "Angela Merkel met Emmanuel Macron in Berlin. She welcomed the deal but said more work was needed.",
            &["Angela Merkel"],
        ),
        // A passive speech verb names its speaker after "by"; the agent of a clause inside
        // the subject is not the speaker.
        (
            "Emmanuel Macron was told by Vladimir Putin that Russia would not retreat.",
            &["Vladimir Putin"],
        ),
        (
            "The lawsuit filed by Jane Doe said the company had ignored warnings.",
            &[],
        ),
        // Those spoken for are not the speakers; a title with "of" is still a title.
        (
            "A spokesperson for Prime Minister Shigeru Ishiba said no decision had been made.",
            &[],
        ),
        (
            "An aide to Senator Chuck Schumer said the vote was delayed. Sources close to \
             Finance Minister Edouard Balladur said revenue rose.",
            &[],
        ),
        (
            "Secretary of State John Kerry said on Monday that talks would resume.",
            &["John Kerry"],
        ),
        (
            "\"Kenya is ready to mediate,\" said Kenya's foreign minister, Musalia Mudavadi.",
            &["Musalia Mudavadi"],
        ),
        (
            "\"We are ready,\" said the foreign minister, Musalia Mudavadi.",
            &["Musalia Mudavadi"],
        ),
        // A relative clause that ends in a name is passed over; an apposition that is a name
        // is the speaker.
        (
            "Acting President Han Duck-soo spoke. President Yoon Suk Yeol was impeached.\n\n\
             Han, who took over after lawmakers voted to impeach Yoon, said he would wait.",
            &["Han Duck-soo"],
        ),
        (
            "The president, Barack Obama, said the talks would go on.",
            &["Barack Obama"],
        ),
        // "she" is the woman her given name shows, before a nearer name of unknown gender.
        (
            "German Foreign Minister Annalena Baerbock met Polish Foreign Minister Radoslaw \
             Sikorski on Monday.\n\n\"We have clear differences,\" she said.",
            &["Annalena Baerbock"],
        ),
        (
            "Deputy Foreign Minister Sergei Ryabkov was quoted by the RIA news agency as saying \
             that Moscow would respond. Olaf Scholz was quoted in an interview as saying little.",
            &["Sergei Ryabkov", "Olaf Scholz"],
        ),
        // Lists of three or more.
        (
            "Joe Biden, Kamala Harris and Chuck Schumer said the bill would pass.",
            &["Chuck Schumer", "Kamala Harris", "Joe Biden"],
        ),
        (
            "Sen. Mike Lee, Sen. Rand Paul and Sen. Ted Cruz said they would object.",
            &["Ted Cruz", "Rand Paul", "Mike Lee"],
        ),
        // A participle after a comma shares it too.
        (
            "Mayor Jane Smith spoke on Monday, saying she was happy with the result.",
            &["Jane Smith"],
        ),
        // ...not an owner of the subject, nor a name inside an opening phrase.
        (
            "Barack Obama's aide arrived in Paris and said the talks would be long.",
            &[],
        ),
        (
            "After talks with Vladimir Putin, the delegation returned and said nothing.",
            &[],
        ),
        // "the senator said": the person last named with that title or role.
        (
            "Sen. Elizabeth Warren pressed the bank's chief.\n\n\"You should resign,\" the senator said.",
            &["Elizabeth Warren"],
        ),
        (
            "Sen. Elizabeth Warren pressed the bank's chief.\n\n\"You should resign,\" said the senator.",
            &["Elizabeth Warren"],
        ),
        (
            "Foreign Minister Sergei Lavrov met John Kerry in Geneva. The minister said the talks were useful.",
            &["Sergei Lavrov"],
        ),
        (
            "John Kerry, the secretary of state, met Sergei Lavrov. The secretary said it went well.",
            &["John Kerry"],
        ),
        // ...not someone else's aide, nor a title no named person had.
        (
            "Senator Richard Lugar has not decided, an aide to the senator said.",
            &[],
        ),
        (
            "Police arrested a man. The spokesman said no one was hurt.",
            &[],
        ),
        (
            "Vice President Joseph R. Biden Jr. sat in the front row.\n\nIt was, the president said, a day of hope.",
            &[],
        ),
        (
            "Talks were held with Nigel Lawson, a Treasury spokesman said.\n    The spokesman said the ministers reviewed their economies.",
            &[],
        ),
        (
            "OFFICIAL SAYS REAGAN OPPOSES TAX\n\nThe idea is bad, said the official, who is an adviser. President Reagan is opposed.",
            &[],
        ),
        // An aside between dashes.
        (
            "John Dickey, the chief executive of Ora Media -- the company that owns the show -- told me it was fine.",
            &["John Dickey"],
        ),
        (
            "Boris Johnson -- looking tired -- said the vote would go ahead.",
            &["Boris Johnson"],
        ),
        (
            "Barack Obama warned that hacking could escalate.",
            &["Barack Obama"],
        ),
        (
            "Barack Obama described the talks as \"candid\".",
            &["Barack Obama"],
        ),
        (
            "Barack Obama said he raised the issue with Vladimir Putin.",
            &["Barack Obama"],
        ),
        ("John Kerry and Sergei Lavrov were unsuccessful.", &[]),
        (
            "John Kerry and Sergei Lavrov said the talks failed.",
            &["Sergei Lavrov", "John Kerry"],
        ),
        (
            "Barack Obama met Vladimir Putin. \"We are not there yet,\" he said.",
            &["Vladimir Putin"],
        ),
        (
            "Barack Obama told reporters the talks were hard. \"We are not there yet,\" he said.",
            &["Barack Obama"],
        ),
        (
            "Dmitry Peskov said it \"went well\". \"Work will go on,\" he reportedly said.",
            &["Dmitry Peskov"],
        ),
        ("\"Tell Vladimir Putin he is wrong,\" he said.", &[]),
        (
            "Obama's spokesman said the meeting went well. Barack Obama left.",
            &[],
        ),
        (
            "Angela Merkel was quoted as saying the deal was dead.",
            &["Angela Merkel"],
        ),
        (
            "Francois Hollande attended. Angela Merkel, speaking in Berlin, said little.",
            &["Angela Merkel"],
        ),
        (
            "Barack Obama said, adding that he told Vladimir Putin he would not back down.",
            &["Barack Obama"],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(&speakers(text), want, "{text:?}");
    }
}

#[test]
fn reads_more_attribution_patterns() {
    let cases: &[(&str, &[&str])] = &[
        // More verbs, from names/speech_verbs.txt.
        (
            "Hillary Clinton cited the figure at the forum.",
            &["Hillary Clinton"],
        ),
        (
            "Donald Trump, insisting the polls were rigged, left.",
            &["Donald Trump"],
        ),
        // "called": with a quote, or calling for or on something.
        (
            "Hillary Clinton called his supporters \"deplorables\".",
            &["Hillary Clinton"],
        ),
        (
            "Barack Obama called for calm in the city.",
            &["Barack Obama"],
        ),
        ("Barack Obama called Vladimir Putin on Friday.", &[]),
        // Transcript labels and dash-signed quotations.
        (
            "The debate went on.\nMike Pence: We will win this election.\n",
            &["Mike Pence"],
        ),
        ("Mike Pence: a profile\n", &[]),
        (
            "\u{201c}He represents everything we are not.\u{201d} \u{2015} Karen Bobadilla.",
            &["Karen Bobadilla"],
        ),
        ("The race \u{2014} Karen Bobadilla in the lead.", &[]),
        (
            "Mr. Grassley and Mr. Leahy said developers had stretched the rules.",
            &["Leahy", "Grassley"],
        ),
        // "she" skips a man the given name shows.
        (
            "Hillary Clinton met Donald Trump. \"It will not work,\" she said.",
            &["Hillary Clinton"],
        ),
        (
            "Donald Trump said it fails. \"It will not,\" she said.",
            &["Donald Trump"],
        ),
        // Passive: spoken of, not speaking.
        ("Hillary Clinton was criticized by her rivals.", &[]),
        ("Hillary Clinton was mentioned in the memo.", &[]),
        ("Hillary Clinton was saying the same.", &["Hillary Clinton"]),
    ];
    for (text, want) in cases {
        assert_eq!(&speakers(text), want, "{text:?}");
    }
}

#[test]
fn speaker_names_are_canonical() {
    let text = "President Barack Obama met Putin. Obama said the meeting was candid.";
    assert_eq!(speakers(text), ["Barack Obama"]);
}

#[test]
fn ignores_people_it_was_not_given() {
    let text = "Barack Obama said so.";
    assert_eq!(extract(text, &[]), Vec::<String>::new());
    let stale = [Person {
        name: "Nobody".into(),
        mentions: vec![(500, 600), (3, 2)],
    }];
    assert_eq!(extract(text, &stale), Vec::<String>::new());
}

/// Scrambled sequences of the words the attribution rules look at (titles, "the", "and",
/// dashes, quotes, firm endings, party tags...) never make people or speakers panic.
#[test]
fn scrambled_text_never_panics() {
    let vocab = [
        "the",
        "The",
        "and",
        "but",
        ",",
        "—",
        "--",
        "said",
        "saying",
        "told",
        "Sen.",
        "Gov.",
        "senator",
        "minister",
        "President",
        "Vice",
        "Barack",
        "Obama",
        "Ivan",
        "Boesky",
        "Co",
        "Inc",
        "AG",
        "R-Tenn.",
        "Md.",
        "of",
        "\"",
        "“",
        "”",
        "(",
        ")",
        ".",
        "\n\n",
        "he",
        "she",
        "He",
        "Park",
        "Geun-hye",
        "Thursday",
        "Vann",
        "R.",
        "II",
        "Jr.",
        "'s",
        "who",
        "&",
        "Mitchell",
        "Marwick",
        "1",
        "59",
        "spokesman",
        "aide",
        "to",
        "a",
        "according",
        "chimed",
        "in",
        "forcefully",
        "long",
        "has",
        "SAYS",
        "OFFICIAL",
        "REAGAN",
        "é",
    ];
    // xorshift64: the same sequence on every run.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..5_000 {
        let mut text = String::new();
        for _ in 0..next() % 40 {
            let r = next();
            text.push_str(vocab[(r % vocab.len() as u64) as usize]);
            if r % 3 != 0 {
                text.push(' ');
            }
        }
        let people = people::extract(&text);
        for name in extract(&text, &people) {
            assert!(people.iter().any(|p| p.name == name), "{text:?}: {name}");
        }
    }
}
