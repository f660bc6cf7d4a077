//! The web version of a variant for the public archive (issue 23): the same Markdown,
//! sanitiser and placeholders as the mail, but nobody's data. Every placeholder is filled with
//! neutral text: the name with the variant's `mail-name-fallback`, the address with
//! `archive-neutral-email`, the personal links with a public URL the caller gives (the sign-up
//! page). No token, name or address can reach a page or a feed, because none is an input.

use rundbrief_core::Language;
use rundbrief_i18n::Locales;

use crate::error::{RenderError, SourceField};
use crate::layout::Footer;
use crate::markdown;
use crate::placeholder::Sentinels;
use crate::prepared::VariantSource;
use crate::sanitize;
use crate::template::{Constants, Template, Values};
use crate::templates::Templates;

/// One variant as a web page shows it to a visitor of some language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebVersion {
    /// The language the content is written in.
    pub language: Language,
    /// The subject, placeholders filled, as plain text (the caller escapes it).
    pub subject: String,
    /// The preheader, as plain text; may be empty.
    pub preheader: String,
    /// The sanitised content as HTML, without the mail's frame and footer.
    pub content_html: String,
    /// In the visitor's language, when the content is in another one (the mail's note).
    pub fallback_note: Option<String>,
}

/// Renders `source` for a visitor whose language is `visitor`; `neutral_url` stands in for
/// the unsubscribe and preferences links. Fails only on an unknown placeholder, which a ready
/// variant never has.
pub fn web_version(
    templates: &Templates,
    locales: &Locales,
    source: &VariantSource<'_>,
    visitor: Language,
    neutral_url: &str,
) -> Result<WebVersion, RenderError> {
    let name = locales.text(source.language, "mail-name-fallback", &[]);
    let email = locales.text(source.language, "archive-neutral-email", &[]);
    let inputs = [source.subject, source.preheader, source.markdown, &name, &email, neutral_url];
    let sentinels = Sentinels::choose(&inputs);
    let subject = sentinels.substitute(source.subject, SourceField::Subject)?;
    let preheader = sentinels.substitute(source.preheader, SourceField::Preheader)?;
    let body = sentinels.keep_autolinks(&sentinels.substitute(source.markdown, SourceField::Body)?);
    // No inline styles: the page's own style sheet sets the content.
    let html = markdown::to_unsafe_html(&body, &templates.media_base);
    let content = sanitize::sanitize(&html, &[], &sentinels);

    let constants = Constants { language: visitor.native_name() };
    let values = Values {
        name: &name,
        email: &email,
        unsubscribe_url: neutral_url,
        preferences_url: neutral_url,
    };
    let fill = |template: Template| {
        let mut out = String::new();
        template.render_into(&values, &mut out);
        out
    };
    let footer = Footer::new(locales, templates, source.language, visitor);
    Ok(WebVersion {
        language: source.language,
        subject: fill(Template::header(&subject, &sentinels, &constants)),
        preheader: fill(Template::header(&preheader, &sentinels, &constants)),
        content_html: fill(Template::html(&content, &sentinels, &constants)),
        fallback_note: footer.fallback_note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_neutral_text() {
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../templates"));
        let templates = Templates::load(dir).unwrap();
        let source = VariantSource {
            language: Language::De,
            subject: "Neues für {{ name }}",
            preheader: "An {{ email }}",
            markdown: "Hallo {{ name }} ({{ email }}), [abmelden]({{ unsubscribe_url }}) in {{ language }}",
        };
        let web = web_version(
            &templates,
            Locales::embedded(),
            &source,
            Language::Hu,
            "https://n.example/subscribe",
        )
        .unwrap();
        let name = Locales::embedded().text(Language::De, "mail-name-fallback", &[]);
        assert_eq!(web.subject, format!("Neues für {name}"));
        assert!(
            web.content_html.contains("href=\"https://n.example/subscribe\""),
            "{}",
            web.content_html
        );
        assert!(web.content_html.contains("Magyar"), "{}", web.content_html);
        assert!(!web.content_html.contains("{{"), "{}", web.content_html);
        let note = web.fallback_note.unwrap();
        assert!(note.contains("Deutsch"), "{note}");
    }
}
