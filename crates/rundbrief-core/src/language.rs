//! The 24 official languages of the European Union, the only languages Rundbrief publishes in.
//!
//! A [`Language`] is always one of those 24, so locale bundles, issue variants and subscriber
//! preferences can rely on it without re-checking. Parsing is lenient about the *shape* of the
//! input (case, region subtags, `_` instead of `-`) because values arrive from query strings,
//! cookies, CSV imports and old configuration files, but strict about *which* language it is.

use std::str::FromStr;

/// One of the 24 official EU languages, identified by its ISO 639-1 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    Bg,
    Cs,
    Da,
    De,
    El,
    En,
    Es,
    Et,
    Fi,
    Fr,
    Ga,
    Hr,
    Hu,
    It,
    Lt,
    Lv,
    Mt,
    Nl,
    Pl,
    Pt,
    Ro,
    Sk,
    Sl,
    Sv,
}

rejected_input_error!(
    /// The input was not recognisable as one of the 24 official EU languages.
    LanguageError,
    "{input:?} is not one of the 24 official EU languages (expected a code such as \"de\", \"en\" or \"pt-BR\")"
);

impl Language {
    /// All languages, sorted by code; also the order of the derived `Ord`.
    pub const ALL: [Language; 24] = [
        Language::Bg,
        Language::Cs,
        Language::Da,
        Language::De,
        Language::El,
        Language::En,
        Language::Es,
        Language::Et,
        Language::Fi,
        Language::Fr,
        Language::Ga,
        Language::Hr,
        Language::Hu,
        Language::It,
        Language::Lt,
        Language::Lv,
        Language::Mt,
        Language::Nl,
        Language::Pl,
        Language::Pt,
        Language::Ro,
        Language::Sk,
        Language::Sl,
        Language::Sv,
    ];

    /// The lower-case ISO 639-1 code, e.g. `"de"`; also the directory name under `locales/`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Bg => "bg",
            Language::Cs => "cs",
            Language::Da => "da",
            Language::De => "de",
            Language::El => "el",
            Language::En => "en",
            Language::Es => "es",
            Language::Et => "et",
            Language::Fi => "fi",
            Language::Fr => "fr",
            Language::Ga => "ga",
            Language::Hr => "hr",
            Language::Hu => "hu",
            Language::It => "it",
            Language::Lt => "lt",
            Language::Lv => "lv",
            Language::Mt => "mt",
            Language::Nl => "nl",
            Language::Pl => "pl",
            Language::Pt => "pt",
            Language::Ro => "ro",
            Language::Sk => "sk",
            Language::Sl => "sl",
            Language::Sv => "sv",
        }
    }

    /// The language's name in itself, capitalised as at the start of a menu entry, so that a
    /// reader who does not understand the current page can still find their own language.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::Bg => "Български",
            Language::Cs => "Čeština",
            Language::Da => "Dansk",
            Language::De => "Deutsch",
            Language::El => "Ελληνικά",
            Language::En => "English",
            Language::Es => "Español",
            Language::Et => "Eesti",
            Language::Fi => "Suomi",
            Language::Fr => "Français",
            Language::Ga => "Gaeilge",
            Language::Hr => "Hrvatski",
            Language::Hu => "Magyar",
            Language::It => "Italiano",
            Language::Lt => "Lietuvių",
            Language::Lv => "Latviešu",
            Language::Mt => "Malti",
            Language::Nl => "Nederlands",
            Language::Pl => "Polski",
            Language::Pt => "Português",
            Language::Ro => "Română",
            Language::Sk => "Slovenčina",
            Language::Sl => "Slovenščina",
            Language::Sv => "Svenska",
        }
    }

    /// The English name, for logs, the CLI and operator-facing configuration errors.
    pub fn english_name(self) -> &'static str {
        match self {
            Language::Bg => "Bulgarian",
            Language::Cs => "Czech",
            Language::Da => "Danish",
            Language::De => "German",
            Language::El => "Greek",
            Language::En => "English",
            Language::Es => "Spanish",
            Language::Et => "Estonian",
            Language::Fi => "Finnish",
            Language::Fr => "French",
            Language::Ga => "Irish",
            Language::Hr => "Croatian",
            Language::Hu => "Hungarian",
            Language::It => "Italian",
            Language::Lt => "Lithuanian",
            Language::Lv => "Latvian",
            Language::Mt => "Maltese",
            Language::Nl => "Dutch",
            Language::Pl => "Polish",
            Language::Pt => "Portuguese",
            Language::Ro => "Romanian",
            Language::Sk => "Slovak",
            Language::Sl => "Slovenian",
            Language::Sv => "Swedish",
        }
    }

    /// Parses a bare code (`"de"`) or a language tag (`"de-AT"`, `"pt_BR"`), ignoring case and
    /// surrounding whitespace. Only the primary subtag decides the language: Rundbrief keeps
    /// one variant per language, so `de-AT` and `de-CH` readers both get German.
    pub fn parse(s: &str) -> Result<Self, LanguageError> {
        let trimmed = s.trim();
        let (primary, rest) = match trimmed.find(['-', '_']) {
            Some(at) => (&trimmed[..at], Some(&trimmed[at + 1..])),
            None => (trimmed, None),
        };
        if let Some(rest) = rest {
            // The remaining subtags are ignored, but must still look like subtags; otherwise
            // "de-" or "de-!!" would silently pass as German.
            let well_formed = rest.split(['-', '_']).all(|subtag| {
                (1..=8).contains(&subtag.len()) && subtag.bytes().all(|b| b.is_ascii_alphanumeric())
            });
            if !well_formed {
                return Err(LanguageError::new(s));
            }
        }
        Self::from_code(primary).ok_or_else(|| LanguageError::new(s))
    }

    fn from_code(code: &str) -> Option<Self> {
        let bytes = code.as_bytes();
        if bytes.len() != 2 || !bytes.iter().all(u8::is_ascii_alphabetic) {
            return None;
        }
        let lower = [bytes[0].to_ascii_lowercase(), bytes[1].to_ascii_lowercase()];
        Self::ALL.into_iter().find(|language| language.code().as_bytes() == lower)
    }
}

impl FromStr for Language {
    type Err = LanguageError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

text_form!(Language, code, "a language code of one of the 24 official EU languages");

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn all_is_sorted_by_code_unique_and_complete() {
        let codes: Vec<&str> = Language::ALL.iter().map(|l| l.code()).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted, "ALL must be sorted by code without duplicates");
        assert_eq!(
            codes.join(" "),
            "bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv"
        );
    }

    #[test]
    fn derived_ord_matches_code_order() {
        let mut shuffled = Language::ALL;
        shuffled.reverse();
        shuffled.sort();
        assert_eq!(shuffled, Language::ALL);
        assert!(Language::De < Language::En);
    }

    #[test]
    fn codes_are_two_lowercase_ascii_letters() {
        for language in Language::ALL {
            let code = language.code();
            assert_eq!(code.len(), 2, "{language:?}");
            assert!(code.bytes().all(|b| b.is_ascii_lowercase()), "{language:?}");
        }
    }

    #[test]
    fn every_code_round_trips_through_parse_and_display() {
        for language in Language::ALL {
            assert_eq!(Language::parse(language.code()), Ok(language));
            assert_eq!(language.to_string().parse::<Language>(), Ok(language));
            assert_eq!(Language::parse(&language.code().to_ascii_uppercase()), Ok(language));
        }
    }

    #[test]
    fn native_and_english_names_for_samples() {
        // Scripts and diacritics that are easy to get wrong, and English names that are not
        // the country's adjective.
        let samples = [
            (Language::De, "Deutsch", "German"),
            (Language::En, "English", "English"),
            (Language::Pl, "Polski", "Polish"),
            (Language::El, "Ελληνικά", "Greek"),
            (Language::Bg, "Български", "Bulgarian"),
            (Language::Ga, "Gaeilge", "Irish"),
            (Language::Mt, "Malti", "Maltese"),
            (Language::Cs, "Čeština", "Czech"),
            (Language::Sl, "Slovenščina", "Slovenian"),
            (Language::Sk, "Slovenčina", "Slovak"),
            (Language::Nl, "Nederlands", "Dutch"),
        ];
        for (language, native, english) in samples {
            assert_eq!(language.native_name(), native, "{language:?}");
            assert_eq!(language.english_name(), english, "{language:?}");
        }
    }

    #[test]
    fn names_are_distinct_and_capitalised() {
        let natives: HashSet<&str> = Language::ALL.iter().map(|l| l.native_name()).collect();
        let englishes: HashSet<&str> = Language::ALL.iter().map(|l| l.english_name()).collect();
        assert_eq!(natives.len(), 24);
        assert_eq!(englishes.len(), 24);
        for language in Language::ALL {
            for name in [language.native_name(), language.english_name()] {
                let first = name.chars().next();
                assert!(
                    first.is_some_and(char::is_uppercase),
                    "{language:?}: {name:?} should start with a capital letter"
                );
            }
        }
    }

    #[test]
    fn parse_accepts_tags_case_and_whitespace_variants() {
        let cases = [
            ("de", Language::De),
            ("DE", Language::De),
            ("De", Language::De),
            ("de-AT", Language::De),
            ("de_at", Language::De),
            ("DE-at", Language::De),
            ("  de-CH\t", Language::De),
            ("\nen\n", Language::En),
            ("en-GB", Language::En),
            ("pt-BR", Language::Pt),
            ("pt_br", Language::Pt),
            ("hr-Latn-HR", Language::Hr),
            ("el-Grek-GR", Language::El),
            ("es-419", Language::Es),
            ("ga-IE", Language::Ga),
            ("sv-FI", Language::Sv),
        ];
        for (input, expected) in cases {
            assert_eq!(Language::parse(input), Ok(expected), "input {input:?}");
            assert_eq!(input.parse::<Language>(), Ok(expected), "input {input:?}");
        }
    }

    #[test]
    fn parse_rejects_everything_else() {
        let rejected = [
            "",
            " ",
            "xx",
            "tr",
            "no",
            "ru",
            "uk",
            "english",
            "English",
            "Deutsch",
            "d",
            "e",
            "de-",
            "-de",
            "de_",
            "_de",
            "de--at",
            "de-at-",
            "deu",
            "ger",
            "de at",
            "de.at",
            "de-!!",
            "de-toolongsubtag",
            "dé",
            "ελ",
            "de\0",
            "d-e",
            "-",
            "de-AT de",
        ];
        for input in rejected {
            let err = Language::parse(input).expect_err(input);
            assert_eq!(err.input(), input);
            assert!(input.parse::<Language>().is_err(), "input {input:?}");
        }
    }

    #[test]
    fn error_message_names_input_and_explains() {
        let err = Language::parse("tr").expect_err("Turkish is not an EU language");
        let message = err.to_string();
        assert!(message.starts_with("\"tr\" is not one of the 24 official EU languages"));
        assert!(message.contains("\"de\""), "should give an example: {message}");

        let empty = Language::parse("").expect_err("empty").to_string();
        assert!(empty.starts_with("\"\" is not one of the 24 official EU languages"));
    }

    #[test]
    fn error_message_escapes_and_shortens_hostile_input() {
        let err = Language::parse("x\ny").expect_err("junk");
        assert!(!err.to_string().contains('\n'), "newline must be escaped");

        let long = "ä".repeat(10_000);
        let err = Language::parse(&long).expect_err("junk");
        assert!(err.to_string().len() < 300);
        assert!(err.input().ends_with('…'));
    }

    #[test]
    fn serde_uses_the_code() {
        let json = serde_json::to_string(&Language::Pt).expect("serialise");
        assert_eq!(json, "\"pt\"");
        let list = serde_json::to_string(&[Language::Bg, Language::Sv]).expect("serialise");
        assert_eq!(list, r#"["bg","sv"]"#);

        let back: Language = serde_json::from_str("\"pt\"").expect("deserialise");
        assert_eq!(back, Language::Pt);
        let tagged: Language = serde_json::from_str("\"pt-BR\"").expect("deserialise");
        assert_eq!(tagged, Language::Pt);
        let owned: Language = serde_json::from_value(serde_json::Value::String("FR".into()))
            .expect("deserialise owned string");
        assert_eq!(owned, Language::Fr);
    }

    #[test]
    fn serde_rejects_unknown_and_non_strings() {
        let err = serde_json::from_str::<Language>("\"tr\"").expect_err("not EU");
        assert!(err.to_string().contains("not one of the 24 official EU languages"), "{err}");
        assert!(serde_json::from_str::<Language>("42").is_err());
        assert!(serde_json::from_str::<Language>("null").is_err());
    }
}
