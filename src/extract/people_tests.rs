//! Table-driven tests for people extraction.

use super::*;

fn names(text: &str) -> Vec<String> {
    extract(text).into_iter().map(|p| p.name).collect()
}

fn mentions(text: &str, name: &str) -> Vec<String> {
    extract(text)
        .into_iter()
        .find(|p| p.name == name)
        .map(|p| {
            p.mentions
                .iter()
                .map(|&(s, e)| text[s..e].to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn finds_canonical_names() {
    let cases: &[(&str, &[&str])] = &[
        ("", &[]),
        ("no names here at all.", &[]),
        (
            "President Barack Obama met Vladimir Putin.",
            &["Barack Obama", "Vladimir Putin"],
        ),
        (
            "Obama, Putin Talk Syria\n\nPresident Barack Obama met Russian President Vladimir Putin. Obama said little.",
            &["Barack Obama", "Vladimir Putin"],
        ),
        ("President Obama spoke. Obama left.", &["Obama"]),
        // A month before a day is a date, even when the month is also a given name.
        ("NEW YORK, Jan 5 (Reuters) - Stocks fell on Friday.", &[]),
        (
            "Prime Minister Jan Peter Balkenende said on Jan 5 that it would work.",
            &["Jan Peter Balkenende"],
        ),
        ("Theresa May spoke on May 5. May said no.", &["Theresa May"]),
        // In a story written in ordinary case, a name seen only in capitals is a headline
        // word; in a story all in capitals, case tells nothing.
        (
            "U.K. MONEY MARKET GIVEN 24 MLN STG ASSISTANCE\n\nThe Bank of England said it \
             had provided the money market with 24 mln stg of assistance this afternoon.",
            &[],
        ),
        (
            "ATT <ATT> GETS 57.3 MLN DLR CONTRACT\n\nAmerican Telephone and Telegraph Co \
             said it won a 57.3 mln dlr contract from the Navy.",
            &[],
        ),
        (
            "TREASURY'S BAKER SEES STABLE DOLLAR\n\nTreasury Secretary James Baker said \
             the dollar had fallen far enough.",
            &["James Baker"],
        ),
        // A capitalised headline that reports someone's words keeps the name.
        (
            "LAWSON SEES NO CHANGE IN POLICY\n\nThe chancellor said policy would not change.",
            &["LAWSON"],
        ),
        (
            "CURRENCIES REFLECT FUNDAMENTALS - BAKER\n\nThe Treasury chief said the currencies \
             now reflect the fundamentals.",
            &["BAKER"],
        ),
        (
            "VOLCKER SAYS FED WILL ACT\n\nFEDERAL RESERVE CHAIRMAN PAUL VOLCKER SAID THE \
             FED WOULD ACT.",
            &["PAUL VOLCKER"],
        ),
        ("Mr. Smith and Mrs. Jones argued.", &["Smith", "Jones"]),
        (
            "Chancellor Angela Merkel of Germany and French President Francois Hollande.",
            &["Angela Merkel", "Francois Hollande"],
        ),
        (
            "Secretary of State John Kerry met Foreign Minister Sergei Lavrov.",
            &["John Kerry", "Sergei Lavrov"],
        ),
        (
            "Kremlin spokesman Dmitry Peskov said it went well, according to Reuters.",
            &["Dmitry Peskov"],
        ),
        (
            "Xi Jinping met Li Keqiang. Xi said so.",
            &["Xi Jinping", "Li Keqiang"],
        ),
        (
            "The White House and Goldman Sachs and the United Nations.",
            &[],
        ),
        (
            "George W. Bush and George Bush and Bush.",
            &["George W. Bush"],
        ),
        (
            "Bashar al-Assad. Assad said. Al-Assad left.",
            &["Bashar al-Assad"],
        ),
        (
            "Prime Minister Theresa May spoke. In May, May left.",
            &["Theresa May"],
        ),
        (
            "Émilie Dupont a parlé à François Hollande.",
            &["Émilie Dupont", "François Hollande"],
        ),
        // The tagger reads any script's capitals: a given name and surname are a name.
        ("Владимир Путин", &["Владимир Путин"]),
    ];
    for (text, want) in cases {
        let mut got = names(text);
        // The headline case lists people in body order; compare as sets there.
        if text.contains("\n\n") {
            got.sort();
        }
        assert_eq!(&got, want, "{text:?}");
    }
}

#[test]
fn surnames_merge_into_full_names() {
    let text = "OBAMA, PUTIN MEET\n\nPresident Barack Obama met Putin. Obama's aide said Barack Obama was tired. \
                Russian President Vladimir Putin left.";
    assert_eq!(
        mentions(text, "Barack Obama"),
        ["OBAMA", "Barack Obama", "Obama", "Barack Obama"]
    );
    assert_eq!(
        mentions(text, "Vladimir Putin"),
        ["PUTIN", "Putin", "Vladimir Putin"]
    );
}

#[test]
fn nearest_full_name_wins_a_shared_surname() {
    let text = "George Bush spoke. Later Jeb Bush arrived. Bush said hello.";
    assert_eq!(mentions(text, "Jeb Bush"), ["Jeb Bush", "Bush"]);
    assert_eq!(mentions(text, "George Bush"), ["George Bush"]);
}

#[test]
fn spans_are_char_boundaries() {
    let texts = [
        "Émile Zola et François Mitterrand. Zola écrit.",
        "Ÿ Ÿ. Mr. Ñandú said",
        "\u{0}Mr.\u{301}",
    ];
    for text in texts {
        for p in extract(text) {
            for (s, e) in p.mentions {
                assert!(text.is_char_boundary(s) && text.is_char_boundary(e) && s < e);
            }
        }
    }
}

#[test]
fn tagger_and_rules_together() {
    let cases: &[(&str, &[&str])] = &[
        // A headline surname reporting speech, with nothing else to go on.
        (
            "VOLCKER SAYS FED REMAINS CONCERNED\n\nBlah blah blah.",
            &["VOLCKER"],
        ),
        ("Poehl says German rates will stay low", &["Poehl"]),
        // A lone surname saying something in the body, with no full name to join.
        (
            "Talks\n\nThe meeting ended on Monday. Putin said on Tuesday that the plan failed.",
            &["Putin"],
        ),
        (
            "Talks\n\nThe talks went on. Scholz told reporters in Berlin he agreed.",
            &["Scholz"],
        ),
        // A name no list knows, after a role, saying something.
        (
            "Catch\n\nThe catch fell. Fisheries official Tavita Leota said the catch was down.",
            &["Tavita Leota"],
        ),
        (
            "Talks\n\nGENEVA (AP) — Swiss mediator Bénédicte Ströhli said the talks would resume.",
            &["Bénédicte Ströhli"],
        ),
        // ...but firms and papers saying something are not people.
        (
            "Orders rose. McDonnell Douglas said it won the contract.",
            &[],
        ),
        ("Prices fell, the newspaper Asahi Shimbun said.", &[]),
        // An unknown one when the sentence goes on about "he" or "she"; not an organisation.
        (
            "Talks\n\nThe talks went on. Kamau said he would not resign.",
            &["Kamau"],
        ),
        (
            "Talks\n\nThe talks went on. Oxfam said on Tuesday that aid was short.",
            &[],
        ),
        (
            "Talks\n\nThe talks went on. Rosneft said it would cut output.",
            &[],
        ),
        // ...nor a plural, a contraction, a firm's short name or a business story's.
        ("Prices fell. Dealers said demand was thin.", &[]),
        ("Prices fell. Congressmen told reporters so.", &[]),
        ("\"We've told analysts,\" a spokesman said.", &[]),
        (
            "Unocal Corp raised prices. Unocal said demand was strong.",
            &[],
        ),
        (
            "Emcore said it completed the sale. The company has 40 staff.",
            &[],
        ),
        // A title cue keeps a name the tagger took for part of an organisation.
        (
            "World Bank President Barber Conable said he was confident.",
            &["Barber Conable"],
        ),
        (
            "British Chancellor of the Exchequer Nigel Lawson spoke.",
            &["Nigel Lawson"],
        ),
        // Companies reporting speech are not people.
        ("Exxon Corp said profits rose.", &[]),
        ("Ryan Homes Inc said it would buy the land.", &[]),
        (
            "FIAT BUYS STAKE\n\nFiat SpA said it bought a stake in Alfieri Maserati SpA.",
            &[],
        ),
        (
            "PIER 1 DECLARES SPLIT\n\nPier 1 Imports Inc said its board declared a split.",
            &[],
        ),
        // A title the tagger took in is dropped; a royal style stays.
        (
            "Chief Justice John Roberts wrote the opinion. Justice Sonia Sotomayor dissented.",
            &["John Roberts", "Sonia Sotomayor"],
        ),
        // A weekday after a surname is not part of the name.
        (
            "House Speaker Jim Wright, a Texas Democrat, backs aid for industries.\n    Wright Thursday renewed his call for import relief for the domestic oil industry.",
            &["Jim Wright"],
        ),
        // The words of a firm's name are not a person, in the headline either.
        (
            "MAGMA LOWERS COPPER PRICE\n\nMagma Copper Co said it cut its cathode price.",
            &[],
        ),
        (
            "The firm's auditor, Peat, Marwick, Mitchell and Co, withdrew its opinion.",
            &[],
        ),
        // ...but a person named apart from the firm that bears the name is a person.
        (
            "Trader Ivan Boesky agreed to pay. Notes of Ivan Boesky and Co will be repaid.",
            &["Ivan Boesky"],
        ),
        (
            "\"It will change the market,\" said Thomas McKiernan, McKiernan and Co chairman.",
            &["Thomas McKiernan"],
        ),
        // Party-and-state tags and a town's state are not people.
        (
            "Sen. Bob Corker, R-Tenn., and Rep. Adam Schiff, D-Calif., spoke.",
            &["Bob Corker", "Adam Schiff"],
        ),
        (
            "Donna Sampson Rawlings, 59, of Ashton, Md., said she had voted.",
            &["Donna Sampson Rawlings"],
        ),
        // A Korean family name that is also a common word, before a hyphenated given name.
        (
            "South Korean President Park Geun-hye said the test was reckless.",
            &["Park Geun-hye"],
        ),
        // A middle initial the tagger opened the name with.
        (
            "Vann R. Newkirk II, a writer for The Atlantic, said the speech was aimed at voters.",
            &["Vann R. Newkirk II"],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(&names(text), want, "{text:?}");
    }
}

#[test]
fn short_forms_join_the_one_full_name_that_holds_them() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Lula speaks\n\nBrazilian President Luiz Inacio Lula da Silva opened the meeting. \
             \"Hunger is a choice,\" Lula said.",
            &["Luiz Inacio Lula da Silva"],
        ),
        (
            "Tariffs\n\nPresident Claudia Sheinbaum Pardo spoke. \"No,\" Sheinbaum said.",
            &["Claudia Sheinbaum Pardo"],
        ),
        (
            "Vote\n\nMarine Le Pen spoke on Monday. \"We will vote against,\" Le Pen said.",
            &["Marine Le Pen"],
        ),
        (
            "Unions\n\nPrime Minister Keir Starmer met union leaders. Sir Keir said: \"We will deliver.\"",
            &["Keir Starmer"],
        ),
        // Two full names hold "Jong": neither takes it.
        (
            "Talks\n\nKim Jong Un met Kim Yo Jong in Pyongyang. Jong said the talks went well.",
            &["Kim Jong Un", "Kim Yo Jong", "Jong"],
        ),
        // A name glued to a headline's verb holds no one; a word opening a longer name
        // must be a given name ("Patriot" is not one of "Patriot Coal").
        (
            "Sheldon Adelson Commits $25 Million for Ads Targeting Clinton.\n\nBillionaire \
             Sheldon Adelson is giving $25 million, Adelson's aides said.",
            &["Sheldon Adelson Commits", "Sheldon Adelson"],
        ),
    ];
    for (text, want) in cases {
        let mut got = names(text);
        got.sort();
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(got, want, "{text}");
    }
    let text = cases[0].0;
    assert_eq!(
        mentions(text, "Luiz Inacio Lula da Silva"),
        vec!["Lula", "Luiz Inacio Lula da Silva", "Lula"]
    );
}

#[test]
fn firms_named_after_a_trade_are_not_people() {
    for text in [
        "Shares of Stuart Pharmaceuticals rose, the company said.",
        "The bid came from Daiwa Securities, dealers said.",
        "Piedmont Aviation agreed to the merger on Monday.",
        "Henkel KGaA said sales rose.",
    ] {
        assert!(names(text).is_empty(), "{text}: {:?}", names(text));
    }
    // A word of trade before a title is not a firm's ending.
    let got = names(
        "Industry Minister Alain Madelin and Telecommunications Minister Gerard Longuet met.",
    );
    assert!(got.contains(&"Alain Madelin".to_string()), "{got:?}");
}
