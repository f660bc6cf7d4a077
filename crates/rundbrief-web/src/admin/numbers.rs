//! Numbers in the editor UI's language: `12.345` and `0,1` in German, `12,345` and `0.1` in
//! English (CLDR's decimal and grouping symbols). The one place the editor UI formats
//! numbers; `issues.js` formats the values of the progress events the same way with
//! `Intl.NumberFormat` and the page's `lang`.
//!
//! A function of its own rather than `icu_decimal`: the editor UI speaks German and English
//! only, and two pairs of symbols do not need a locale data crate.

use rundbrief_core::Language;

/// The decimal and the grouping separator of `lang`.
fn symbols(lang: Language) -> (char, char) {
    match lang {
        // English, Irish and Maltese write 12,345.6; the other EU languages a decimal comma.
        Language::En | Language::Ga | Language::Mt => ('.', ','),
        _ => (',', '.'),
    }
}

/// A whole number with grouping: `12.345` (de), `12,345` (en).
pub fn count(lang: Language, n: i64) -> String {
    let (_, group) = symbols(lang);
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(digit);
    }
    out
}

/// A rate with one decimal: `0,1` (de), `1.234,5` (en: `1,234.5`).
pub fn decimal(lang: Language, x: f64) -> String {
    let (decimal, _) = symbols(lang);
    let tenths = if x.is_finite() { (x * 10.0).round() } else { 0.0 };
    // Rates are far below i64's range; the cast cannot wrap for any real sending rate.
    #[allow(clippy::cast_possible_truncation)]
    let tenths = tenths as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let whole = count(lang, (tenths / 10).abs());
    format!("{sign}{whole}{decimal}{}", (tenths % 10).abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_groups_with_dots_and_writes_a_decimal_comma() {
        assert_eq!(count(Language::De, 0), "0");
        assert_eq!(count(Language::De, 999), "999");
        assert_eq!(count(Language::De, 1000), "1.000");
        assert_eq!(count(Language::De, 1_234_567), "1.234.567");
        assert_eq!(count(Language::De, -12_345), "-12.345");
        assert_eq!(decimal(Language::De, 0.1), "0,1");
        assert_eq!(decimal(Language::De, 0.04), "0,0");
        assert_eq!(decimal(Language::De, 12345.67), "12.345,7");
    }

    #[test]
    fn counts_in_texts_are_grouped_too() {
        use crate::admin::layout::t_count;
        let german = t_count(Language::De, "admin-dashboard-total", 12_345);
        assert!(german.contains("12.345"), "{german}");
        let english = t_count(Language::En, "admin-dashboard-total", 1_234_567);
        assert!(english.contains("1,234,567"), "{english}");
        let small = t_count(Language::De, "admin-dashboard-total", 999);
        assert!(small.contains("999"), "{small}");
    }

    #[test]
    fn english_groups_with_commas_and_writes_a_decimal_point() {
        assert_eq!(count(Language::En, 1_234_567), "1,234,567");
        assert_eq!(decimal(Language::En, 0.1), "0.1");
        assert_eq!(decimal(Language::En, 2.0), "2.0");
        assert_eq!(decimal(Language::En, f64::NAN), "0.0");
    }
}
