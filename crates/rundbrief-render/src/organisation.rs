//! `templates/organisation.toml`: who sends the newsletter, their legal pages (imprint, privacy
//! policy, accessibility statement), contact address and logo. Public pages and every mail
//! show these, each in the reader's language where the operator gave one per language.

use std::collections::BTreeMap;
use std::path::Path;

use rundbrief_core::Language;
use serde::Deserialize;

use crate::error::RenderError;
use crate::templates::read_toml;

/// A text or URL that is either one for all languages (`key = "…"`) or one per language
/// (`[key]` with `de = "…"`, `en = "…"`), chosen for a reader along the fallback chain.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Localized {
    One(String),
    PerLanguage(BTreeMap<Language, String>),
}

impl Default for Localized {
    fn default() -> Self {
        Localized::One(String::new())
    }
}

impl Localized {
    /// Nothing set (a blank string or an empty table).
    pub fn is_empty(&self) -> bool {
        self.values().all(|v| v.trim().is_empty())
    }

    fn values(&self) -> Box<dyn Iterator<Item = &String> + '_> {
        match self {
            Localized::One(value) => Box::new(std::iter::once(value)),
            Localized::PerLanguage(table) => Box::new(table.values()),
        }
    }

    /// The value for a reader of `lang`: their own, else the first of `chain` the table has,
    /// else any. With it the language it is written in, when the table says so (`None` for a
    /// single value, whose language is not known).
    pub fn resolve(&self, lang: Language, chain: &[Language]) -> Option<(&str, Option<Language>)> {
        match self {
            Localized::One(value) if value.trim().is_empty() => None,
            Localized::One(value) => Some((value.as_str(), None)),
            Localized::PerLanguage(table) => std::iter::once(&lang)
                .chain(chain)
                .find_map(|l| table.get_key_value(l))
                .or_else(|| table.iter().next())
                .map(|(l, v)| (v.as_str(), Some(*l))),
        }
    }

    /// The value for a reader of `lang` (see [`Localized::resolve`]).
    pub fn get(&self, lang: Language, chain: &[Language]) -> Option<&str> {
        self.resolve(lang, chain).map(|(value, _)| value)
    }
}

/// The legal links every public page and mail must offer, by their key in the file; what
/// `serve` warns about and the dashboard lists when one is missing.
pub const LEGAL_KEYS: [&str; 4] =
    ["imprint_url", "privacy_url", "accessibility_url", "contact_email"];

/// Who sends the newsletter: shown in the mail header and the imprint, on the public pages,
/// and the `List-Id`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Organisation {
    /// Empty when not configured: pages and mails then say "the newsletter" in the reader's
    /// language instead of putting the product's name in the organisation's place.
    pub name: String,
    /// Postal address, one line each.
    pub address: Vec<String>,
    /// Further imprint lines (responsible person, register, contact), one line each.
    pub imprint: Vec<String>,
    /// http(s) URL the name in the header links to; empty for none.
    pub website: String,
    /// The `List-Id` identifier (RFC 2919), e.g. `newsletter.example.org`.
    pub list_id: String,
    /// The imprint (§ 5 DDG), one URL or one per language.
    pub imprint_url: Localized,
    /// The privacy policy (GDPR Art. 13).
    pub privacy_url: Localized,
    /// The accessibility statement (BITV 2.0 § 7 for public bodies).
    pub accessibility_url: Localized,
    /// Where readers write to; shown on every public page.
    pub contact_email: String,
    /// A PNG, JPEG, GIF, WebP or SVG file in `templates/`, shown in the header of public pages.
    pub logo: String,
    /// The logo's text alternative; empty means the organisation's name.
    pub logo_alt: Localized,
}

impl Default for Organisation {
    fn default() -> Self {
        Organisation {
            name: String::new(),
            address: Vec::new(),
            imprint: Vec::new(),
            website: String::new(),
            list_id: "newsletter.localhost".to_owned(),
            imprint_url: Localized::default(),
            privacy_url: Localized::default(),
            accessibility_url: Localized::default(),
            contact_email: String::new(),
            logo: String::new(),
            logo_alt: Localized::default(),
        }
    }
}

fn is_web_url(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

impl Organisation {
    pub fn load(path: &Path) -> Result<Organisation, RenderError> {
        let Some(mut org) = read_toml::<Organisation>(path)? else {
            return Ok(Organisation::default());
        };
        org.name = org.name.trim().to_owned();
        org.check().map_err(|(key, problem)| RenderError::TemplateValue {
            path: path.to_path_buf(),
            key,
            problem,
        })?;
        Ok(org)
    }

    /// The configured name, if any.
    pub fn name(&self) -> Option<&str> {
        Some(self.name.as_str()).filter(|n| !n.is_empty())
    }

    /// The legal links that are not set, by their key (see [`LEGAL_KEYS`]).
    pub fn missing_legal_links(&self) -> Vec<&'static str> {
        let set = [
            !self.imprint_url.is_empty(),
            !self.privacy_url.is_empty(),
            !self.accessibility_url.is_empty(),
            !self.contact_email.trim().is_empty(),
        ];
        LEGAL_KEYS.into_iter().zip(set).filter(|(_, set)| !set).map(|(key, _)| key).collect()
    }

    fn check(&self) -> Result<(), (String, &'static str)> {
        if !self.website.is_empty() && !is_web_url(&self.website) {
            return Err(("website".into(), "must start with https:// or http://"));
        }
        let urls = [
            ("imprint_url", &self.imprint_url),
            ("privacy_url", &self.privacy_url),
            ("accessibility_url", &self.accessibility_url),
        ];
        for (key, value) in urls {
            match value {
                Localized::One(url) if !url.is_empty() && !is_web_url(url) => {
                    return Err((key.into(), "must start with https:// or http://"));
                }
                Localized::PerLanguage(table) => {
                    if let Some((lang, _)) = table.iter().find(|(_, url)| !is_web_url(url)) {
                        return Err((
                            format!("{key}.{lang}"),
                            "must start with https:// or http://",
                        ));
                    }
                }
                Localized::One(_) => {}
            }
        }
        let email = self.contact_email.trim();
        let plausible = email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !email.chars().any(char::is_whitespace)
        });
        if !email.is_empty() && !plausible {
            return Err((
                "contact_email".into(),
                "must be an e-mail address like info@example.org",
            ));
        }
        if !self.logo.is_empty() && crate::assets::image_type(&self.logo).is_none() {
            return Err((
                "logo".into(),
                "must be the name of a .png, .jpg, .jpeg, .gif, .webp or .svg file in templates/",
            ));
        }
        let list_id_ok = !self.list_id.is_empty()
            && self
                .list_id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
        if !list_id_ok {
            return Err((
                "list_id".into(),
                "must be a non-empty dotted name of ASCII letters, digits, '.', '-' and '_'",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Organisation {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn a_url_is_one_string_or_a_table_by_language() {
        let org = parse(
            "imprint_url = \"https://example.org/imprint\"\n\
             [privacy_url]\nde = \"https://example.org/datenschutz\"\nen = \"https://example.org/privacy\"\n",
        );
        let chain = [Language::De, Language::En];
        assert_eq!(
            org.imprint_url.resolve(Language::Hu, &chain),
            Some(("https://example.org/imprint", None))
        );
        assert_eq!(
            org.privacy_url.resolve(Language::En, &chain),
            Some(("https://example.org/privacy", Some(Language::En)))
        );
        assert_eq!(
            org.privacy_url.resolve(Language::Ro, &chain),
            Some(("https://example.org/datenschutz", Some(Language::De)))
        );
        assert_eq!(
            org.privacy_url.resolve(Language::Ro, &[Language::En]),
            Some(("https://example.org/privacy", Some(Language::En)))
        );
        assert_eq!(org.missing_legal_links(), vec!["accessibility_url", "contact_email"]);
    }

    #[test]
    fn bad_values_name_their_key() {
        let bad = parse("[privacy_url]\nde = \"ftp://example.org\"\n");
        assert_eq!(bad.check().unwrap_err().0, "privacy_url.de");
        assert_eq!(parse("contact_email = \"nobody\"").check().unwrap_err().0, "contact_email");
        assert_eq!(parse("logo = \"../secret.key\"").check().unwrap_err().0, "logo");
        assert!(toml::from_str::<Organisation>("[privacy_url]\nxx = \"https://x.org\"\n").is_err());
    }
}
