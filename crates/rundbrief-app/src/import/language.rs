//! Language values as old systems and spreadsheets write them: codes (`pl`), locales (`pl-PL`,
//! `pl_PL`), and the name of the language in any of the 24 EU languages (`Polski`, `Polish`,
//! `Polnisch`, `polonais`, `lengyel`, `πολωνικά`, `Pollakk`, …).
//!
//! The names come from `language_names.tsv`, CLDR's language display names for the 24 languages
//! in each of the 24 (576 names). They are data rather than code so that a newer CLDR can be
//! pasted in without touching this file; the names in the language itself and in English agree
//! with those of `rundbrief_core::Language`, which the tests check.

use std::collections::HashMap;
use std::sync::LazyLock;

use rundbrief_core::Language;

/// CLDR's names, one row per language, one column per language the name is written in.
const NAMES_TSV: &str = include_str!("language_names.tsv");

/// Lower-cased name → language, built once because the import looks up every row.
static BY_NAME: LazyLock<HashMap<String, Language>> = LazyLock::new(|| by_name(NAMES_TSV));

/// The language `value` names, or `None` when it names none of the 24.
pub fn parse_language(value: &str) -> Option<Language> {
    let value = value.trim();
    if let Ok(language) = Language::parse(value) {
        return Some(language);
    }
    BY_NAME.get(&value.to_lowercase()).copied()
}

/// The `(language, name)` pairs of the table, skipping comments and the column header.
fn names(tsv: &str) -> impl Iterator<Item = (Language, &str)> {
    tsv.lines().filter(|line| !line.starts_with('#')).skip(1).flat_map(|line| {
        let mut fields = line.split('\t');
        // A row whose code is not one of the 24 can only come from an edit of the file; the
        // tests count all 576 names, so such a row fails them instead of the import.
        let language = fields.next().and_then(|code| Language::parse(code).ok());
        fields.filter_map(move |name| Some((language?, name.trim())))
    })
}

/// The lookup map. Matching is case-insensitive (Unicode lower case) but not accent-insensitive:
/// folding accents would make names of different languages collide. A name that would stand
/// for two languages is left out rather than resolved to either, so an import never guesses; in
/// the CLDR table as shipped no name does (a test checks that), and the same name for one
/// language in several languages ("italiano" in Italian, Spanish and Portuguese) is fine.
fn by_name(tsv: &str) -> HashMap<String, Language> {
    let mut map: HashMap<String, Option<Language>> = HashMap::new();
    for (language, name) in names(tsv) {
        map.entry(name.to_lowercase())
            .and_modify(|known| {
                if *known != Some(language) {
                    *known = None;
                }
            })
            .or_insert(Some(language));
    }
    map.into_iter().filter_map(|(name, language)| Some((name, language?))).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_locales_and_names_name_the_language() {
        for value in ["pl", "PL", "pl-PL", "pl_PL", "Polnisch", "polski", "Polish", " Polski "] {
            assert_eq!(parse_language(value), Some(Language::Pl), "{value}");
        }
        assert_eq!(parse_language("Ελληνικά"), Some(Language::El));
        assert_eq!(parse_language("Französisch"), Some(Language::Fr));
        assert_eq!(parse_language("Klingonisch"), None);
        assert_eq!(parse_language("xx"), None);
        assert_eq!(parse_language(""), None);
    }

    #[test]
    fn names_in_other_eu_languages_name_the_language() {
        // Three or more names per language, each from a different language, in mixed case.
        let samples: [(Language, [&str; 3]); 24] = [
            (Language::Bg, ["bulgare", "Bulgáiris", "bolgár"]),
            (Language::Cs, ["чешки", "tchèque", "ČEŠKI"]),
            (Language::Da, ["dánština", "Danese", "Daniż"]),
            (Language::De, ["deutsch", "allemand", "Γερμανικά"]),
            (Language::El, ["řečtina", "görög", "Gréigis"]),
            (Language::En, ["Englisch", "Béarla", "angļu"]),
            (Language::Es, ["испански", "Spanjol", "hiszpański"]),
            (Language::Et, ["viro", "igauņu", "estonien"]),
            (Language::Fi, ["suomių", "Φινλανδικά", "Fionlainnis"]),
            (Language::Fr, ["ranska", "prancūzų", "francuski"]),
            (Language::Ga, ["irlandais", "airių", "Iers"]),
            (Language::Hr, ["horvaadi", "Cróitis", "хърватски"]),
            (Language::Hu, ["maďarština", "unkari", "vengrų"]),
            (Language::It, ["olasz", "Taljan", "italiensk"]),
            (Language::Lt, ["leedu", "Liotuáinis", "litván"]),
            (Language::Lv, ["läti", "Laitvis", "lettone"]),
            (Language::Mt, ["Malti", "maltais", "малтийски"]),
            (Language::Nl, ["néerlandais", "hollanti", "Ollainnis"]),
            (Language::Pl, ["polonais", "polacco", "lengyel"]),
            (Language::Pt, ["portugais", "Portaingéilis", "Πορτογαλικά"]),
            (Language::Ro, ["roumain", "rumunjski", "Rumen"]),
            (Language::Sk, ["slovenština", "szlovák", "Slovakk"]),
            (Language::Sl, ["slovinština", "szlovén", "slovène"]),
            (Language::Sv, ["ruotsi", "zviedru", "Żvediż"]),
        ];
        for (language, values) in samples {
            for value in values {
                assert_eq!(parse_language(value), Some(language), "{value}");
            }
        }
        assert_eq!(parse_language("πολωνικά"), Some(Language::Pl));
        assert_eq!(parse_language("полски"), Some(Language::Pl));
        assert_eq!(parse_language("Polainnis"), Some(Language::Pl));
        assert_eq!(parse_language("Pollakk"), Some(Language::Pl));
    }

    #[test]
    fn every_name_in_the_table_names_its_language() {
        let names: Vec<(Language, &str)> = names(NAMES_TSV).collect();
        assert_eq!(names.len(), 24 * 24);
        for language in Language::ALL {
            assert_eq!(names.iter().filter(|(l, _)| *l == language).count(), 24, "{language:?}");
        }
        for (language, name) in names {
            assert!(!name.is_empty(), "{language:?}");
            assert_eq!(parse_language(name), Some(language), "{name}");
            assert_eq!(parse_language(&name.to_uppercase()), Some(language), "{name}");
        }
    }

    #[test]
    fn no_name_stands_for_two_languages() {
        let mut seen: HashMap<String, Language> = HashMap::new();
        for (language, name) in names(NAMES_TSV) {
            let earlier = seen.insert(name.to_lowercase(), language).unwrap_or(language);
            assert_eq!(earlier, language, "{name}");
        }
        // Nothing was left out of the map for being ambiguous.
        assert_eq!(BY_NAME.len(), seen.len());
    }

    #[test]
    fn an_ambiguous_name_is_left_out() {
        let map = by_name("code\tde\tfr\nsk\tSlowakisch\tslovaque\nsl\tslowakisch\tslovène\n");
        assert_eq!(map.get("slowakisch"), None);
        assert_eq!(map.get("slovaque"), Some(&Language::Sk));
        assert_eq!(map.get("slovène"), Some(&Language::Sl));
    }

    #[test]
    fn the_core_names_and_codes_agree_with_the_table() {
        let codes: HashSet<Language> = names(NAMES_TSV).map(|(l, _)| l).collect();
        assert_eq!(codes.len(), 24);
        for language in Language::ALL {
            for name in [language.native_name(), language.english_name()] {
                assert_eq!(BY_NAME.get(&name.to_lowercase()), Some(&language), "{name}");
            }
        }
    }
}
