//! The API of `intl_pluralrules` 7 that `fluent-bundle` uses, answered by ICU4X's `icu_plurals`.
//!
//! Why: the rules generated into `intl_pluralrules` 7.0.2 (CLDR 37, the latest release) drop the
//! modulus where a rule compares a remainder with a range, so `n % 10 = 2..9` is tested as
//! `n = 2..9`. Lithuanian 22–29 then came out `other` instead of `few` (and 111 `one`), Latvian
//! 111–119 `other` instead of `zero`, Romanian 102–119 `other` instead of `few`, Maltese 103–119
//! `other` instead of `few`/`many`; and CLDR 42 gave Maltese a `two`. `icu_plurals` carries current
//! CLDR data and evaluates the rules as written. `rundbrief-i18n` pins the categories its messages
//! depend on (`plural_tests.rs`).
//!
//! Only what `fluent-bundle` 0.16 calls is here: [`PluralRules::get_locales`],
//! [`PluralRules::create`], [`PluralRules::select`], [`PluralRules::get_locale`], the two enums and
//! [`operands::PluralOperands`].

pub mod operands;

use std::sync::OnceLock;

use icu_plurals::{PluralRuleType as IcuType, PluralRulesOptions};
use unic_langid::LanguageIdentifier;

use crate::operands::PluralOperands;

/// A CLDR plural category.
#[derive(Debug, Eq, PartialEq, Clone, Copy, Hash)]
pub enum PluralCategory {
    ZERO,
    ONE,
    TWO,
    FEW,
    MANY,
    OTHER,
}

/// Cardinal ("3 hours") or ordinal ("the 3rd") rules.
#[derive(Debug, Copy, Clone, Hash, PartialEq, Eq)]
pub enum PluralRuleType {
    ORDINAL,
    CARDINAL,
}

/// The languages offered to `fluent-bundle`'s negotiation: the 24 official EU languages, the
/// only ones Rundbrief builds bundles for. Anything else negotiates to English.
const LANGUAGES: [&str; 24] = [
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv",
    "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
];

/// The plural rules of one language and type.
pub struct PluralRules {
    locale: LanguageIdentifier,
    rules: icu_plurals::PluralRules,
}

impl PluralRules {
    /// Builds the rules for `langid`; fails for a language without CLDR plural data.
    pub fn create<L: Into<LanguageIdentifier>>(
        langid: L,
        prt: PluralRuleType,
    ) -> Result<Self, &'static str> {
        let locale: LanguageIdentifier = langid.into();
        let icu_locale = icu_locale_core::Locale::try_from_str(&locale.to_string())
            .map_err(|_| "unknown locale")?;
        let mut options = PluralRulesOptions::default();
        options.rule_type = Some(match prt {
            PluralRuleType::CARDINAL => IcuType::Cardinal,
            PluralRuleType::ORDINAL => IcuType::Ordinal,
        });
        let rules = icu_plurals::PluralRules::try_new((&icu_locale).into(), options)
            .map_err(|_| "no plural rules for this locale")?;
        Ok(Self { locale, rules })
    }

    /// The category of `input`.
    pub fn select<N: TryInto<PluralOperands>>(
        &self,
        input: N,
    ) -> Result<PluralCategory, &'static str> {
        let operands: PluralOperands = input.try_into().map_err(|_| "argument error")?;
        let decimal = fixed_decimal::Decimal::try_from_str(&operands.to_decimal_string())
            .map_err(|_| "argument error")?;
        Ok(match self.rules.category_for(&decimal) {
            icu_plurals::PluralCategory::Zero => PluralCategory::ZERO,
            icu_plurals::PluralCategory::One => PluralCategory::ONE,
            icu_plurals::PluralCategory::Two => PluralCategory::TWO,
            icu_plurals::PluralCategory::Few => PluralCategory::FEW,
            icu_plurals::PluralCategory::Many => PluralCategory::MANY,
            icu_plurals::PluralCategory::Other => PluralCategory::OTHER,
        })
    }

    /// The languages rules can be created for (both types have the same list).
    pub fn get_locales(_prt: PluralRuleType) -> Vec<LanguageIdentifier> {
        static PARSED: OnceLock<Vec<LanguageIdentifier>> = OnceLock::new();
        PARSED
            .get_or_init(|| LANGUAGES.iter().filter_map(|code| code.parse().ok()).collect())
            .clone()
    }

    /// The language the rules were created for.
    pub fn get_locale(&self) -> &LanguageIdentifier {
        &self.locale
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(code: &str) -> PluralRules {
        let langid: LanguageIdentifier = code.parse().expect("valid language code");
        PluralRules::create(langid, PluralRuleType::CARDINAL).expect("rules exist")
    }

    #[test]
    fn remainders_in_ranges_count() {
        assert_eq!(rules("lt").select(22), Ok(PluralCategory::FEW));
        assert_eq!(rules("lt").select(111), Ok(PluralCategory::OTHER));
        assert_eq!(rules("lv").select(115), Ok(PluralCategory::ZERO));
        assert_eq!(rules("ro").select(102), Ok(PluralCategory::FEW));
        assert_eq!(rules("mt").select(2), Ok(PluralCategory::TWO));
        assert_eq!(rules("mt").select(105), Ok(PluralCategory::FEW));
        assert_eq!(rules("mt").select(113), Ok(PluralCategory::MANY));
    }

    #[test]
    fn fractions_keep_their_digits() {
        // English: "1.0 hours" is `other`, "1 hour" is `one` (the v operand).
        assert_eq!(rules("en").select("1.0"), Ok(PluralCategory::OTHER));
        assert_eq!(rules("en").select(1), Ok(PluralCategory::ONE));
        assert_eq!(rules("lt").select(1.5), Ok(PluralCategory::MANY));
    }

    #[test]
    fn every_eu_language_has_rules() {
        for language in PluralRules::get_locales(PluralRuleType::CARDINAL) {
            assert!(PluralRules::create(language, PluralRuleType::CARDINAL).is_ok());
        }
        assert_eq!(PluralRules::get_locales(PluralRuleType::ORDINAL).len(), 24);
    }
}
