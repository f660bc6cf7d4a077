//! Tests of the shipped `locales/` files (the embedded copy), so CI fails on any gap.

use std::collections::BTreeMap;

use rundbrief_core::Language;

use crate::locales::fluent_args;
use crate::{Arg, Locales};

/// Representative values for every variable the shipped messages use. Several values for a
/// variable exercise every branch of its select (plural categories, empty name).
fn samples(variable: &str) -> Option<Vec<Arg<'static>>> {
    let strings = |values: &[&'static str]| values.iter().map(|v| Arg::Str(v)).collect();
    Some(match variable {
        "organisation" => strings(&["Servicestelle EU-Zuwanderung"]),
        "name" => strings(&["Ana Popescu", "", "  "]),
        "requested" => strings(&["Polski"]),
        "used" => strings(&["Deutsch"]),
        "email" => strings(&["ana@example.org"]),
        "role" => strings(&["editor"]),
        // The editor's subscriber, list and dashboard pages.
        "subscriber" => strings(&["ana@example.org", "Gelöschtes Abonnement Nr. 7"]),
        "status" => strings(&["Aktiv"]),
        "list" => strings(&["Arbeit und Beruf"]),
        "month" => strings(&["2025-03"]),
        // The dashboard's bounce warnings: an issue's title and a rate.
        "issue" => strings(&["Dezember"]),
        "rate" => strings(&["1,00 %"]),
        // The consent text page: a text version's id.
        "version" => strings(&["subscribe-consent-v2"]),
        // The schedule form's zone and a wall time in it.
        "zone" => strings(&["Europe/Berlin"]),
        "time" => strings(&["2027-03-28 02:30"]),
        "id" | "new" | "confirmed" | "left" | "delivered" | "failed" | "n" => {
            [0, 1, 2, 1000].into_iter().map(Arg::Num).collect()
        }
        // Revisions and stale translations: a language's name, revision numbers.
        "language" | "base" => strings(&["Polski"]),
        "token" => strings(&["CRM"]),
        "from" => strings(&["1", "–"]),
        "revision" | "to" => [1, 2].into_iter().map(Arg::Num).collect(),
        "min" => [12].into_iter().map(Arg::Num).collect(),
        // Image uploads: the size limit in MB, an image's pixels.
        "mb" | "width" | "height" | "megapixels" => {
            [1, 5, 4000].into_iter().map(Arg::Num).collect()
        }
        // The embed page's proof of work: the largest number the browser may have to try.
        "difficulty" => [1000, 50000].into_iter().map(Arg::Num).collect(),
        "count" => [0, 1, 2, 5, 21, 1000].into_iter().map(Arg::Num).collect(),
        "hours" => [0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 19, 21, 22, 25, 48, 100, 101, 102, 111]
            .into_iter()
            .map(Arg::Num)
            .collect(),
        _ => return None,
    })
}

#[test]
fn embedded_locales_are_complete() {
    let problems = Locales::embedded().check();
    let report: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(report.is_empty(), "locale problems:\n{}", report.join("\n"));
}

#[test]
fn the_editor_texts_exist_in_german_and_english() {
    let locales = Locales::embedded();
    for lang in [Language::De, Language::En] {
        let files = &locales.langs.get(&lang).expect("embedded").files;
        assert!(files.contains_key("admin.ftl"), "{}/admin.ftl is missing", lang.code());
    }
    assert_eq!(locales.text(Language::De, "admin-login-title", &[]), "Anmelden");
    assert_eq!(locales.text(Language::En, "admin-login-title", &[]), "Sign in");
}

#[test]
fn every_message_renders_in_every_language_without_errors() {
    let locales = Locales::embedded();
    let english = locales.langs.get(&Language::En).expect("locales/en is embedded");
    let mut failures = Vec::new();
    let mut rendered = 0;
    for (file, info) in &english.files {
        // The editor UI exists in German and English only; the completeness check holds the
        // other files to all 24.
        let languages: &[Language] =
            if file == "admin.ftl" { &[Language::De, Language::En] } else { &Language::ALL };
        for (id, variables) in &info.variables {
            // One argument set with the first sample of each variable, then one per other
            // sample, varying one variable at a time.
            let mut base: BTreeMap<&str, Arg<'static>> = BTreeMap::new();
            let mut variations = Vec::new();
            for variable in variables {
                let Some(values) = samples(variable) else {
                    panic!("{id} uses ${variable}: add sample values for it to this test");
                };
                base.insert(variable, values[0]);
                for value in &values[1..] {
                    variations.push((variable.as_str(), *value));
                }
            }
            let mut sets = vec![base.clone()];
            for (variable, value) in variations {
                let mut set = base.clone();
                set.insert(variable, value);
                sets.push(set);
            }
            for &lang in languages {
                for set in &sets {
                    let args: Vec<(&str, Arg<'_>)> = set.iter().map(|(k, v)| (*k, *v)).collect();
                    let Some((text, errors)) = locales.format(lang, id, &fluent_args(&args)) else {
                        failures.push(format!("{}: {id} is missing", lang.code()));
                        continue;
                    };
                    rendered += 1;
                    if !errors.is_empty() {
                        failures.push(format!("{}: {id} with {args:?}: {errors:?}", lang.code()));
                    }
                    let looks_broken = text.trim().is_empty()
                        || text.contains('{')
                        || text.contains("  ")
                        || text.contains(" ,")
                        || text.contains('\u{2068}');
                    if looks_broken {
                        failures.push(format!("{}: {id} with {args:?} gave {text:?}", lang.code()));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(rendered > 24 * 40, "only {rendered} renderings: are the files there?");
}

/// Guards against a file being an English copy: a few words (say "E-Mail") may coincide, a
/// whole file may not.
#[test]
fn translations_are_not_english_copies() {
    let locales = Locales::embedded();
    let english = locales.langs.get(&Language::En).expect("locales/en is embedded");
    let no_args = fluent_args(&[]);
    for lang in Language::ALL.into_iter().filter(|l| *l != Language::En) {
        for (file, info) in &english.files {
            let mut same = Vec::new();
            for id in info.variables.keys() {
                let ours = locales.format(lang, id, &no_args).map(|(t, _)| t);
                let theirs = locales.format(Language::En, id, &no_args).map(|(t, _)| t);
                if ours.is_some() && ours == theirs {
                    same.push(id.as_str());
                }
            }
            assert!(
                same.len() * 10 <= info.variables.len(),
                "{}/{file}: {} of {} messages equal English: {same:?}",
                lang.code(),
                same.len(),
                info.variables.len()
            );
        }
    }
}

/// The expiry sentence must change its noun with the number where the language does.
#[test]
fn expiry_uses_plural_forms() {
    let locales = Locales::embedded();
    // In these languages the noun after 1 and after 48 has the same form (Irish "uair",
    // Hungarian "óra", Maltese "siegħa", Dutch "uur"), so only the number differs.
    let same_noun = [Language::Ga, Language::Hu, Language::Mt, Language::Nl];
    for lang in Language::ALL {
        let expiry = |hours: i64| {
            let text = locales.text(lang, "confirm-mail-expiry", &[("hours", hours.into())]);
            text.replace(char::is_numeric, "#")
        };
        assert!(
            locales.text(lang, "confirm-mail-expiry", &[("hours", 48.into())]).contains("48"),
            "{}",
            lang.code()
        );
        if !same_noun.contains(&lang) {
            assert_ne!(expiry(1), expiry(48), "{}", lang.code());
        }
    }
    let polish =
        |hours: i64| locales.text(Language::Pl, "confirm-mail-expiry", &[("hours", hours.into())]);
    assert!(polish(1).contains("1 godzinę"), "{}", polish(1));
    assert!(polish(2).contains("2 godziny"), "{}", polish(2));
    assert!(polish(48).contains("48 godzin"), "{}", polish(48));
    let lithuanian =
        |hours: i64| locales.text(Language::Lt, "confirm-mail-expiry", &[("hours", hours.into())]);
    assert!(lithuanian(21).contains("21 valandą"), "{}", lithuanian(21));
    assert!(lithuanian(48).contains("48 valandas"), "{}", lithuanian(48));
}

#[test]
fn mail_layout_ids_exist() {
    // The mail layout in rundbrief-render uses exactly these ids.
    let ids = [
        "mail-footer-why",
        "mail-footer-unsubscribe",
        "mail-footer-preferences",
        "mail-footer-imprint",
        "mail-fallback-note",
        "mail-name-fallback",
        "mail-footer-privacy",
        "mail-sender-unnamed",
        "mail-footer-why-unnamed",
        "confirm-mail-subject",
        "confirm-mail-greeting",
        "confirm-mail-body",
        "confirm-mail-button",
        "confirm-mail-expiry",
        "confirm-mail-ignore",
    ];
    let locales = Locales::embedded();
    for lang in Language::ALL {
        for id in ids {
            assert!(locales.has(lang, id), "{}: {id}", lang.code());
        }
    }
    assert_eq!(locales.text(Language::De, "mail-footer-imprint", &[]), "Impressum");
}

/// The consent text of new sign-ups is the proof of what a person agreed to: every language
/// must have it, by name, whatever the general completeness check allows. Old versions stay so
/// the admin can show what older records refer to.
#[test]
fn every_language_has_every_consent_text_version() {
    let locales = Locales::embedded();
    for lang in Language::ALL {
        for id in ["subscribe-consent-v1", "subscribe-consent-v2"] {
            assert!(locales.has(lang, id), "locales/{}/public.ftl lacks {id}", lang.code());
            let text = locales.text(lang, id, &[("organisation", Arg::Str("Einrichtung X"))]);
            assert!(
                text.contains("Einrichtung X"),
                "{}: {id} does not name the organisation",
                lang.code()
            );
        }
    }
}
