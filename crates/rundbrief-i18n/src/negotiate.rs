//! Choosing the language of a public page from what the request says.

use rundbrief_core::Language;

/// Headers longer than this are cut: real browsers send a handful of tags, and the limit keeps
/// a hostile header from costing more than a few microseconds.
const MAX_ITEMS: usize = 32;
/// The longest tag worth parsing (BCP 47 tags in practice stay far below this).
const MAX_TAG_LEN: usize = 64;

/// The language of a public page: `?lang=` if it names one of the 24, else the cookie, else
/// the best entry of `Accept-Language` (by q-value, then order), else `default`.
///
/// Tags with a region (`de-AT`, `pt_BR`) count as their language. `*`, unknown languages,
/// malformed entries and entries with `q=0` are skipped. Never panics, whatever the input.
pub fn negotiate(
    query: Option<&str>,
    cookie: Option<&str>,
    accept_language: Option<&str>,
    default: Language,
) -> Language {
    negotiate_among(query, cookie, accept_language, &Language::ALL, default)
}

/// [`negotiate`] limited to the languages in `offered` (the editor UI exists in German and
/// English only): a query, cookie or `Accept-Language` entry naming another language is
/// skipped as if it were unknown, so `pl, en;q=0.8` gives English.
pub fn negotiate_among(
    query: Option<&str>,
    cookie: Option<&str>,
    accept_language: Option<&str>,
    offered: &[Language],
    default: Language,
) -> Language {
    let offered_tag = |tag: &str| parse_tag(tag).filter(|lang| offered.contains(lang));
    query
        .and_then(offered_tag)
        .or_else(|| cookie.and_then(offered_tag))
        .or_else(|| accept_language.and_then(|header| from_accept_language(header, offered)))
        .unwrap_or(default)
}

fn parse_tag(tag: &str) -> Option<Language> {
    let tag = tag.trim();
    if tag.is_empty() || tag.len() > MAX_TAG_LEN {
        return None;
    }
    Language::parse(tag).ok()
}

/// The first entry with the highest q-value among those naming one of `offered`.
fn from_accept_language(header: &str, offered: &[Language]) -> Option<Language> {
    let mut best: Option<(u16, Language)> = None;
    for item in header.split(',').take(MAX_ITEMS) {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or_default().trim();
        if tag == "*" {
            continue;
        }
        let mut quality = Some(1000);
        for param in parts {
            if let Some((key, value)) = param.split_once('=')
                && key.trim().eq_ignore_ascii_case("q")
            {
                quality = parse_quality(value.trim());
            }
        }
        // A malformed q-value makes the whole entry untrustworthy; q=0 means "not this one".
        let Some(quality) = quality.filter(|q| *q > 0) else {
            continue;
        };
        let Some(lang) = parse_tag(tag).filter(|lang| offered.contains(lang)) else {
            continue;
        };
        // Strictly greater: among equal q-values the earlier entry wins.
        if best.is_none_or(|(q, _)| quality > q) {
            best = Some((quality, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

/// A q-value in thousandths (RFC 9110 allows three decimals), or `None` if it is not a
/// number between 0 and 1.
fn parse_quality(value: &str) -> Option<u16> {
    if value.is_empty() || value.len() > 8 {
        return None;
    }
    let q: f32 = value.parse().ok()?;
    if !(0.0..=1.0).contains(&q) {
        // Also refuses NaN; "inf" is out of range anyway.
        return None;
    }
    // In 0..=1000 after the range check, so the cast cannot truncate.
    Some((q * 1000.0).round() as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(header: &str) -> Language {
        negotiate(None, None, Some(header), Language::De)
    }

    #[test]
    fn negotiation_among_offered_languages_skips_the_others() {
        let editor = [Language::De, Language::En];
        let among = |q, c, a| negotiate_among(q, c, a, &editor, Language::De);
        assert_eq!(among(None, None, Some("pl, en;q=0.8, de;q=0.5")), Language::En);
        assert_eq!(among(None, None, Some("fr, it")), Language::De);
        assert_eq!(among(Some("pl"), Some("en"), None), Language::En);
        assert_eq!(among(Some("en-GB"), Some("de"), Some("de")), Language::En);
        assert_eq!(among(None, None, None), Language::De);
    }

    #[test]
    fn query_wins_over_cookie_and_header() {
        assert_eq!(negotiate(Some("pl"), Some("fr"), Some("it"), Language::De), Language::Pl);
        assert_eq!(negotiate(Some("PT_br"), None, None, Language::De), Language::Pt);
    }

    #[test]
    fn invalid_query_falls_through_to_cookie_then_header_then_default() {
        assert_eq!(negotiate(Some("xx"), Some("fr"), Some("it"), Language::De), Language::Fr);
        assert_eq!(negotiate(Some(""), Some("klingon"), Some("it"), Language::De), Language::It);
        assert_eq!(
            negotiate(Some("zh"), Some("ja"), Some("ru, uk;q=0.5"), Language::En),
            Language::En
        );
        assert_eq!(negotiate(None, None, None, Language::De), Language::De);
    }

    #[test]
    fn accept_language_honours_order_and_q_values() {
        assert_eq!(accept("ro-RO,ro;q=0.9"), Language::Ro);
        assert_eq!(accept("en;q=0.1, fr"), Language::Fr);
        assert_eq!(accept("bg;q=0.5, el;q=0.8, lt;q=0.8"), Language::El);
        assert_eq!(accept("sk, cs"), Language::Sk);
        assert_eq!(accept("hu-HU;q=1.0, en-GB;q=0.7"), Language::Hu);
        assert_eq!(accept("  mt ;  Q = 0.3 , ga;q=0.2"), Language::Mt);
    }

    #[test]
    fn unknown_star_junk_and_zero_are_skipped() {
        assert_eq!(accept("*, sv;q=0.1"), Language::Sv);
        assert_eq!(accept("zh-CN, ru;q=0.9, lv;q=0.1"), Language::Lv);
        assert_eq!(accept("fi;q=0, et;q=0.2"), Language::Et);
        assert_eq!(accept("fi;q=0.000, *"), Language::De);
        assert_eq!(accept("da;q=abc, nl;q=0.5"), Language::Nl);
        assert_eq!(accept("es;q=2, pt;q=0.4"), Language::Pt);
        assert_eq!(accept("hr;q=NaN, sl;q=-1, sl-SI;q=0.3"), Language::Sl);
        assert_eq!(accept("de-, en"), Language::En);
        assert_eq!(accept(""), Language::De);
        assert_eq!(accept(",,,;;;==="), Language::De);
    }

    #[test]
    fn never_panics_on_hostile_headers() {
        let long = "x".repeat(100_000);
        let many = "zz;q=0.5,".repeat(10_000);
        let samples = [
            long.as_str(),
            many.as_str(),
            "é;q=0.5, ü-ß, 日本語",
            "\u{0}\u{ffff};q=\u{1F600}",
            ";q=1",
            "q=0.5",
            "en;q=",
            "en;q=1e-3",
            "en;q=inf",
            "en;;;q=0.5;;",
            "-",
            "_",
            "de-AT-x-private-very-long-tag-1234567890",
        ];
        for sample in samples {
            let _ = negotiate(Some(sample), Some(sample), Some(sample), Language::De);
        }
        assert_eq!(accept("en;q=1e-3"), Language::En);
    }
}
