//! Language values as old systems and spreadsheets write them: codes (`pl`), locales (`pl-PL`,
//! `pl_PL`), and names in the language itself, in English and in German (`Polski`, `Polish`,
//! `Polnisch`). The names in the language itself and in English are those of
//! `rundbrief_core::Language`; the locale files carry no language names of their own.

use rundbrief_core::Language;

/// German names, as a German spreadsheet has them.
const GERMAN: [(Language, &str); 24] = [
    (Language::Bg, "Bulgarisch"),
    (Language::Cs, "Tschechisch"),
    (Language::Da, "Dänisch"),
    (Language::De, "Deutsch"),
    (Language::El, "Griechisch"),
    (Language::En, "Englisch"),
    (Language::Es, "Spanisch"),
    (Language::Et, "Estnisch"),
    (Language::Fi, "Finnisch"),
    (Language::Fr, "Französisch"),
    (Language::Ga, "Irisch"),
    (Language::Hr, "Kroatisch"),
    (Language::Hu, "Ungarisch"),
    (Language::It, "Italienisch"),
    (Language::Lt, "Litauisch"),
    (Language::Lv, "Lettisch"),
    (Language::Mt, "Maltesisch"),
    (Language::Nl, "Niederländisch"),
    (Language::Pl, "Polnisch"),
    (Language::Pt, "Portugiesisch"),
    (Language::Ro, "Rumänisch"),
    (Language::Sk, "Slowakisch"),
    (Language::Sl, "Slowenisch"),
    (Language::Sv, "Schwedisch"),
];

/// The language `value` names, or `None` when it names none of the 24.
pub fn parse_language(value: &str) -> Option<Language> {
    let value = value.trim();
    if let Ok(language) = Language::parse(value) {
        return Some(language);
    }
    let wanted = value.to_lowercase();
    Language::ALL.into_iter().find(|language| {
        let german = GERMAN.iter().find(|(l, _)| l == language).map(|(_, name)| *name);
        [Some(language.native_name()), Some(language.english_name()), german]
            .into_iter()
            .flatten()
            .any(|name| name.to_lowercase() == wanted)
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn codes_locales_and_names_name_the_language() {
        for value in ["pl", "PL", "pl-PL", "pl_PL", "Polnisch", "polski", "Polish", " Polski "] {
            assert_eq!(parse_language(value), Some(Language::Pl), "{value}");
        }
        assert_eq!(parse_language("Ελληνικά"), Some(Language::El));
        assert_eq!(parse_language("Französisch"), Some(Language::Fr));
        assert_eq!(parse_language("Klingonisch"), None);
        assert_eq!(parse_language("xx"), None);
    }

    #[test]
    fn every_language_has_a_german_name() {
        for language in Language::ALL {
            assert!(GERMAN.iter().any(|(l, _)| *l == language), "{language:?}");
        }
    }
}
