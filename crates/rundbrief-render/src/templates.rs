//! What an operator may change without recompiling: the organisation block and imprint
//! (`templates/organisation.toml`) and the colours and fonts of the mail
//! (`templates/mail-style.toml`). Structure stays in the maud layout; these are values only.
//!
//! A missing file means the compiled-in defaults; a file that is present but wrong is an
//! error, so a typo is noticed at start-up instead of in a sent mail.

use std::path::{Path, PathBuf};

use rundbrief_core::Language;
use serde::Deserialize;

use crate::assets::{Image, load_image};
use crate::error::RenderError;
pub use crate::organisation::Organisation;

pub const ORGANISATION_FILE: &str = "organisation.toml";
pub const STYLE_FILE: &str = "mail-style.toml";
/// Favicons looked for in `templates/`, in this order.
pub const FAVICON_FILES: [&str; 2] = ["favicon.ico", "favicon.png"];

/// Everything loaded from `templates/`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Templates {
    pub organisation: Organisation,
    pub style: MailStyle,
    /// The file `organisation.logo` names, read at start.
    pub logo: Option<Image>,
    /// `favicon.ico` or `favicon.png` when present.
    pub favicon: Option<Image>,
    /// The chain along which per-language values (`[privacy_url] de = …`) are chosen for a
    /// reader whose own language has none; the instance's `fallback_languages`.
    pub fallback_languages: Vec<Language>,
    /// The instance's public address, without a trailing slash: uploaded images
    /// (`![alt](/media/…)`) are linked under it, since mail clients resolve nothing relative.
    /// Empty until [`Templates::with_media_base`]; then they stay relative.
    pub media_base: String,
}

impl Templates {
    /// The file of the organisation block, for messages that name it.
    pub const ORGANISATION_FILE: &str = ORGANISATION_FILE;

    /// Reads `organisation.toml`, `mail-style.toml`, the logo and the favicon from `dir`, each
    /// falling back to the defaults when absent (a logo that is named must be there).
    pub fn load(dir: &Path) -> Result<Templates, RenderError> {
        let organisation = Organisation::load(&dir.join(ORGANISATION_FILE))?;
        let logo = match organisation.logo.as_str() {
            "" => None,
            file => load_image(dir, file, "logo", true)?,
        };
        let mut favicon = None;
        for file in FAVICON_FILES {
            favicon = load_image(dir, file, "favicon", false)?;
            if favicon.is_some() {
                break;
            }
        }
        let style = MailStyle::load(&dir.join(STYLE_FILE))?;
        Ok(Templates {
            organisation,
            style,
            logo,
            favicon,
            fallback_languages: Vec::new(),
            media_base: String::new(),
        })
    }

    /// Sets the chain per-language values fall back along.
    #[must_use]
    pub fn with_fallback(mut self, chain: &[Language]) -> Templates {
        self.fallback_languages = chain.to_vec();
        self
    }

    /// Sets the public address uploaded images are linked under.
    #[must_use]
    pub fn with_media_base(mut self, public_url: &str) -> Templates {
        self.media_base = public_url.trim_end_matches('/').to_owned();
        self
    }
}

/// Colours and fonts of the mail, as CSS values for the layout's inline styles.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MailStyle {
    pub font_family: String,
    pub font_size: String,
    pub line_height: String,
    pub text_color: String,
    pub muted_color: String,
    pub link_color: String,
    pub page_background: String,
    pub content_background: String,
    pub header_background: String,
    pub header_text_color: String,
    pub border_color: String,
    pub code_background: String,
}

impl Default for MailStyle {
    fn default() -> Self {
        // System fonts only: a mail must not load web fonts. Colours meet WCAG AA on white.
        MailStyle {
            font_family: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
                .to_owned(),
            font_size: "16px".to_owned(),
            line_height: "1.5".to_owned(),
            text_color: "#1f2328".to_owned(),
            muted_color: "#57606a".to_owned(),
            link_color: "#0b57a4".to_owned(),
            page_background: "#f3f4f6".to_owned(),
            content_background: "#ffffff".to_owned(),
            header_background: "#003399".to_owned(),
            header_text_color: "#ffffff".to_owned(),
            border_color: "#d0d7de".to_owned(),
            code_background: "#f6f8fa".to_owned(),
        }
    }
}

impl MailStyle {
    pub fn load(path: &Path) -> Result<MailStyle, RenderError> {
        let Some(style) = read_toml::<MailStyle>(path)? else {
            return Ok(MailStyle::default());
        };
        for (key, value) in style.values() {
            if let Some(problem) = css_value_problem(value) {
                return Err(RenderError::TemplateValue {
                    path: path.to_path_buf(),
                    key: key.to_owned(),
                    problem,
                });
            }
        }
        Ok(style)
    }

    fn values(&self) -> [(&'static str, &str); 12] {
        [
            ("font_family", &self.font_family),
            ("font_size", &self.font_size),
            ("line_height", &self.line_height),
            ("text_color", &self.text_color),
            ("muted_color", &self.muted_color),
            ("link_color", &self.link_color),
            ("page_background", &self.page_background),
            ("content_background", &self.content_background),
            ("header_background", &self.header_background),
            ("header_text_color", &self.header_text_color),
            ("border_color", &self.border_color),
            ("code_background", &self.code_background),
        ]
    }
}

/// Values are pasted into `style` attributes, so one must not be able to end its declaration
/// (`;`, `:`), open a block, or load anything (`url(`, `@import`); colours, lengths, font
/// lists and `rgb(…)` need none of that.
fn css_value_problem(value: &str) -> Option<&'static str> {
    if value.trim().is_empty() {
        return Some("must not be empty");
    }
    let allowed = |c: char| {
        c.is_ascii_alphanumeric()
            || matches!(c, ' ' | '#' | ',' | '.' | '-' | '\'' | '%' | '(' | ')')
    };
    if !value.chars().all(allowed) {
        return Some("may only contain letters, digits, spaces and # , . - ' % ( )");
    }
    let lower = value.to_ascii_lowercase();
    if lower.contains("url(") || lower.contains("expression(") || lower.contains("image(") {
        return Some("must not load anything (url(), image(), expression())");
    }
    None
}

/// `Ok(None)` when the file does not exist.
pub(crate) fn read_toml<T: serde::de::DeserializeOwned>(
    path: &Path,
) -> Result<Option<T>, RenderError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(RenderError::TemplateRead { path: PathBuf::from(path), source });
        }
    };
    toml::from_str(&text).map(Some).map_err(|source| RenderError::TemplateParse {
        path: PathBuf::from(path),
        source: Box::new(source),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates")
    }

    #[test]
    fn shipped_templates_load() {
        let t = Templates::load(&shipped()).unwrap();
        assert!(t.organisation.name().is_some());
        assert!(t.organisation.missing_legal_links().is_empty());
        assert!(!t.organisation.imprint.is_empty());
    }

    #[test]
    fn missing_files_give_defaults() {
        let t = Templates::load(Path::new("/nonexistent/rundbrief/templates")).unwrap();
        assert_eq!(t, Templates::default());
    }

    #[test]
    fn css_injection_is_refused() {
        assert!(css_value_problem("#fff").is_none());
        assert!(css_value_problem("rgb(1, 2, 3)").is_none());
        assert!(css_value_problem("red;background:url(http://x)").is_some());
        assert!(css_value_problem("url(http)").is_some());
        assert!(css_value_problem("\"x\"").is_some());
    }
}
