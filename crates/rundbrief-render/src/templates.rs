//! What an operator may change without recompiling: the organisation block and imprint
//! (`templates/organisation.toml`) and the colours and fonts of the mail
//! (`templates/mail-style.toml`). Structure stays in the maud layout; these are values only.
//!
//! A missing file means the compiled-in defaults; a file that is present but wrong is an
//! error, so a typo is noticed at start-up instead of in a sent mail.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::RenderError;

pub const ORGANISATION_FILE: &str = "organisation.toml";
pub const STYLE_FILE: &str = "mail-style.toml";

/// Everything loaded from `templates/`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Templates {
    pub organisation: Organisation,
    pub style: MailStyle,
}

impl Templates {
    /// Reads `organisation.toml` and `mail-style.toml` from `dir`, each falling back to the
    /// defaults when absent.
    pub fn load(dir: &Path) -> Result<Templates, RenderError> {
        Ok(Templates {
            organisation: Organisation::load(&dir.join(ORGANISATION_FILE))?,
            style: MailStyle::load(&dir.join(STYLE_FILE))?,
        })
    }
}

/// Who sends the newsletter: shown in the mail header and the imprint, and the `List-Id`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Organisation {
    pub name: String,
    /// Postal address, one line each.
    pub address: Vec<String>,
    /// Further imprint lines (responsible person, register, contact), one line each.
    pub imprint: Vec<String>,
    /// http(s) URL the name in the header links to; empty for none.
    pub website: String,
    /// The `List-Id` identifier (RFC 2919), e.g. `newsletter.example.org`.
    pub list_id: String,
}

impl Default for Organisation {
    fn default() -> Self {
        Organisation {
            name: "Rundbrief".to_owned(),
            address: Vec::new(),
            imprint: Vec::new(),
            website: String::new(),
            list_id: "newsletter.localhost".to_owned(),
        }
    }
}

impl Organisation {
    pub fn load(path: &Path) -> Result<Organisation, RenderError> {
        let Some(org) = read_toml::<Organisation>(path)? else {
            return Ok(Organisation::default());
        };
        let invalid = |key: &str, problem| RenderError::TemplateValue {
            path: path.to_path_buf(),
            key: key.to_owned(),
            problem,
        };
        if org.name.trim().is_empty() {
            return Err(invalid("name", "must not be empty"));
        }
        let web_url = org.website.starts_with("https://") || org.website.starts_with("http://");
        if !org.website.is_empty() && !web_url {
            return Err(invalid("website", "must start with https:// or http://"));
        }
        if org.list_id.is_empty()
            || !org
                .list_id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        {
            return Err(invalid(
                "list_id",
                "must be a non-empty dotted name of ASCII letters, digits, '.', '-' and '_'",
            ));
        }
        Ok(org)
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
fn read_toml<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Option<T>, RenderError> {
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
        assert!(!t.organisation.name.is_empty());
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
