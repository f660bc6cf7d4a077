//! Plural categories: the numbers that intl_pluralrules 7.0.2 put in the wrong CLDR category
//! (lt 22–29, 32–39; lv 111–119; ro 102–119; mt 2, 103–119) must select the right variant, in a
//! message of our own making and in every shipped message with a count. The categories expected
//! here are the CLDR rules written out by hand, independent of the library that evaluates them
//! (`crates/intl-pluralrules-icu`, which `[patch.crates-io]` puts under fluent-bundle).

use rundbrief_core::Language;

use crate::Locales;

/// CLDR (v48) cardinal rules for integers, as published in the plural-rules chart.
fn expected_category(lang: Language, n: i64) -> &'static str {
    let (n10, n100) = (n % 10, n % 100);
    let teen = (11..=19).contains(&n100);
    match lang {
        Language::Lt if n10 == 1 && !teen => "one",
        Language::Lt if (2..=9).contains(&n10) && !teen => "few",
        Language::Lv if n10 == 0 || teen => "zero",
        Language::Lv if n10 == 1 && n100 != 11 => "one",
        Language::Ro if n == 1 => "one",
        // 101 ore, 120 de ore: Romanian drops "de" below 20 in the last two digits.
        Language::Ro if n == 0 || (1..=19).contains(&n100) => "few",
        Language::Mt if n == 1 => "one",
        Language::Mt if n == 2 => "two",
        Language::Mt if n == 0 || (3..=10).contains(&n100) => "few",
        Language::Mt if teen => "many",
        _ => "other",
    }
}

/// The numbers the review found misplaced, with neighbours of every category around them.
fn samples(lang: Language) -> Vec<i64> {
    let mut numbers: Vec<i64> = match lang {
        Language::Lt => (22..=29).chain(32..=39).chain([1, 10, 11, 21, 48, 111, 112]).collect(),
        Language::Lv => (111..=119).chain([0, 1, 2, 10, 11, 21, 48, 101, 110, 120]).collect(),
        Language::Ro => (102..=119).chain([0, 1, 2, 19, 20, 48, 101, 120]).collect(),
        Language::Mt => (103..=119).chain([0, 1, 2, 3, 10, 11, 19, 20, 48, 102, 120]).collect(),
        _ => Vec::new(),
    };
    numbers.sort_unstable();
    numbers
}

const LANGUAGES: [Language; 4] = [Language::Lt, Language::Lv, Language::Ro, Language::Mt];

#[test]
fn fluent_selects_the_cldr_category_of_each_sample_number() {
    let probe = "category = { $n ->\n    [zero] zero\n    [one] one\n    [two] two\n    [few] few\n    [many] many\n   *[other] other\n}\n";
    for lang in LANGUAGES {
        let locales = Locales::from_sources(std::iter::once((
            lang.code().to_owned(),
            "probe.ftl".to_owned(),
            probe.to_owned(),
        )));
        for n in samples(lang) {
            let got = locales.text(lang, "category", &[("n", n.into())]);
            assert_eq!(got, expected_category(lang, n), "{} {n}", lang.code());
        }
    }
}

/// Every shipped message with a count: the variant chosen for each sample number is the one for
/// its CLDR category (the text for a number equals the text for another number of the same
/// category, digits aside, and differs from the other categories' where the file has them).
#[test]
fn messages_with_a_count_use_the_variant_of_the_category() {
    let locales = Locales::embedded();
    let english = locales.langs.get(&Language::En).expect("locales/en is embedded");
    let numeric = ["hours", "count", "n"];
    let mut checked = 0;
    for (file, info) in &english.files {
        if file == "admin.ftl" {
            continue;
        }
        for (id, variables) in &info.variables {
            let Some(variable) = variables.iter().find(|v| numeric.contains(&v.as_str())) else {
                continue;
            };
            for lang in LANGUAGES {
                let render = |n: i64| {
                    let args: Vec<(&str, crate::Arg<'_>)> = variables
                        .iter()
                        .map(|v| {
                            let arg = if v == variable { n.into() } else { "X".into() };
                            (v.as_str(), arg)
                        })
                        .collect();
                    locales.text(lang, id, &args).replace(|c: char| c.is_ascii_digit(), "")
                };
                let mut by_category: std::collections::BTreeMap<&str, (i64, String)> =
                    std::collections::BTreeMap::new();
                for n in samples(lang) {
                    let category = expected_category(lang, n);
                    let text = render(n);
                    let (first, first_text) =
                        by_category.entry(category).or_insert((n, text.clone()));
                    assert_eq!(
                        &text,
                        first_text,
                        "{}: {id} for {n} differs from {first} (both {category})",
                        lang.code()
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 0, "no message with a count found");
}

/// The confirmation link's expiry, word for word where the categories differ.
#[test]
fn the_expiry_sentence_for_the_misplaced_numbers() {
    let locales = Locales::embedded();
    let expiry = |lang: Language, hours: i64| {
        locales.text(lang, "confirm-mail-expiry", &[("hours", hours.into())])
    };
    assert_eq!(expiry(Language::Lt, 22), "Nuoroda galioja 22 valandas.");
    assert_eq!(expiry(Language::Lt, 39), "Nuoroda galioja 39 valandas.");
    assert_eq!(expiry(Language::Lt, 48), "Nuoroda galioja 48 valandas.");
    assert_eq!(expiry(Language::Lt, 21), "Nuoroda galioja 21 valandą.");
    assert_eq!(expiry(Language::Lt, 111), "Nuoroda galioja 111 valandų.");
    assert_eq!(expiry(Language::Ro, 105), "Linkul este valabil 105 ore.");
    assert_eq!(expiry(Language::Ro, 120), "Linkul este valabil 120 de ore.");
    assert_eq!(expiry(Language::Mt, 2), "Il-link huwa validu għal sagħtejn.");
    assert_eq!(expiry(Language::Mt, 105), "Il-link huwa validu għal 105 sigħat.");
    assert_eq!(expiry(Language::Mt, 113), "Il-link huwa validu għal 113-il siegħa.");
    assert_eq!(expiry(Language::Mt, 48), "Il-link huwa validu għal 48 siegħa.");
    assert_eq!(expiry(Language::Lv, 115), "Saite ir derīga 115 stundas.");
    assert_eq!(expiry(Language::Lv, 21), "Saite ir derīga 21 stundu.");
}
