//! The organisation's face on every public page: the header with its name, logo and a link
//! back to its website, the footer with the legal links and the contact address, the colours
//! from `templates/mail-style.toml`, the favicon and the logo itself.
//!
//! Pages reach the [`Site`] through a task-local set for each request by [`scope`], not as a
//! parameter: error pages are rendered by `PageError`'s `IntoResponse`, which has no state,
//! and every public page, error pages included, must carry the same legal footer.

use std::sync::{Arc, LazyLock};

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use rundbrief_core::Language;
use rundbrief_render::{Image, Localized, MailStyle, Templates};

use crate::AppState;
use crate::error::PageError;
use crate::extract::PageLang;

/// The icon served when `templates/` has none: a white envelope on blue, 32×32.
const BUILT_IN_FAVICON: &[u8] = include_bytes!("favicon.ico");

/// WCAG 2.1 AA for normal text (1.4.3).
const MIN_CONTRAST: f64 = 4.5;

/// Colours used when the style settings' would not keep AA contrast.
const DEFAULT_ACCENT: &str = "#0b5394";
const DEFAULT_HEADER_BACKGROUND: &str = "#003399";
const DEFAULT_HEADER_TEXT: &str = "#ffffff";

/// What public pages show of the organisation, resolved per page language.
#[derive(Debug, Clone)]
pub struct Site {
    name: Option<String>,
    website: Option<String>,
    logo: Option<Image>,
    logo_alt: Localized,
    imprint: Localized,
    privacy: Localized,
    accessibility: Localized,
    contact_email: Option<String>,
    favicon: Option<Image>,
    chain: Vec<Language>,
    /// The `:root` custom properties the page style sheet uses.
    colours: String,
    /// Why a colour of the style settings was not taken (logged at start).
    pub(crate) colour_warnings: Vec<String>,
}

/// A legal link for one page language: its URL and, when the operator gave one per language
/// and it is another than the page's, the language of the page it leads to (`hreflang`).
pub(crate) struct Link<'a> {
    pub(crate) url: &'a str,
    pub(crate) hreflang: Option<Language>,
}

impl Site {
    pub fn new(templates: &Templates, chain: &[Language]) -> Site {
        let org = &templates.organisation;
        let (colours, colour_warnings) = colours(&templates.style);
        let nonempty = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        Site {
            name: org.name().map(str::to_owned),
            website: nonempty(&org.website),
            logo: templates.logo.clone(),
            logo_alt: org.logo_alt.clone(),
            imprint: org.imprint_url.clone(),
            privacy: org.privacy_url.clone(),
            accessibility: org.accessibility_url.clone(),
            contact_email: nonempty(&org.contact_email),
            favicon: templates.favicon.clone(),
            chain: chain.to_vec(),
            colours,
            colour_warnings,
        }
    }

    /// The site of the current request (see [`scope`]); outside one, a site without any
    /// settings, so that a page never fails for want of it.
    pub(crate) fn current() -> Arc<Site> {
        static BARE: LazyLock<Arc<Site>> =
            LazyLock::new(|| Arc::new(Site::new(&Templates::default(), &[])));
        SITE.try_with(Arc::clone).unwrap_or_else(|_| Arc::clone(&BARE))
    }

    /// The organisation's name for sentences in `lang`, or "the newsletter team" in `lang`.
    pub(crate) fn organisation(&self, lang: Language) -> String {
        match &self.name {
            Some(name) => name.clone(),
            None => crate::views::t(lang, "site-organisation-unnamed"),
        }
    }

    pub(crate) fn website(&self) -> Option<&str> {
        self.website.as_deref()
    }

    pub(crate) fn privacy_link(&self, lang: Language) -> Option<Link<'_>> {
        self.link(&self.privacy, lang)
    }

    fn link<'a>(&'a self, value: &'a Localized, lang: Language) -> Option<Link<'a>> {
        let (url, written_in) = value.resolve(lang, &self.chain)?;
        Some(Link { url, hreflang: written_in.filter(|l| *l != lang) })
    }

    /// The CSS custom properties for the page style sheet.
    pub(crate) fn colours(&self) -> &str {
        &self.colours
    }

    /// The header band: logo (with its alt text) and name, linking to the website.
    pub(crate) fn header(&self, lang: Language) -> Markup {
        let t = |id| crate::views::t(lang, id);
        let name = self.name.clone().unwrap_or_else(|| t("site-newsletter-unnamed"));
        let alt = self.logo_alt.resolve(lang, &self.chain);
        let face = html! {
            @if let Some(logo) = &self.logo {
                @match alt {
                    Some((text, Some(written_in))) if written_in != lang => {
                        img src={ "/organisation/logo?v=" (logo.version) } alt=(text) lang=(written_in.code());
                    }
                    Some((text, _)) => img src={ "/organisation/logo?v=" (logo.version) } alt=(text);,
                    // The name follows as text, so the image needs no alternative of its own.
                    None => img src={ "/organisation/logo?v=" (logo.version) } alt="";,
                }
            }
            span.org-name { (name) }
        };
        html! {
            header.site {
                @match &self.website {
                    Some(url) => a href=(url) { (face) },
                    None => span { (face) },
                }
            }
        }
    }

    /// The footer: imprint, privacy policy, accessibility statement and contact address, each
    /// only when configured (`serve` warns about the missing ones).
    pub(crate) fn footer(&self, lang: Language) -> Markup {
        let t = |id| crate::views::t(lang, id);
        let links = [
            (self.link(&self.imprint, lang), "site-imprint-link"),
            (self.link(&self.privacy, lang), "site-privacy-link"),
            (self.link(&self.accessibility, lang), "site-accessibility-link"),
        ];
        html! {
            footer.site {
                nav aria-label=(t("site-legal-label")) {
                    ul {
                        @for (link, id) in &links {
                            @if let Some(link) = link {
                                li { a href=(link.url) hreflang=[link.hreflang.map(Language::code)] { (t(id)) } }
                            }
                        }
                    }
                }
                @if let Some(email) = &self.contact_email {
                    p { (t("site-contact-label")) ": " a href={ "mailto:" (email) } { (email) } }
                }
            }
        }
    }
}

tokio::task_local! {
    static SITE: Arc<Site>;
}

/// Middleware: makes the state's [`Site`] the one pages of this request are rendered with.
pub async fn scope(State(state): State<AppState>, request: Request, next: Next) -> Response {
    SITE.scope(Arc::clone(&state.site), next.run(request)).await
}

fn image_response(bytes: Arc<[u8]>, content_type: &'static str, cache: &'static str) -> Response {
    let mut response = (StatusCode::OK, axum::body::Bytes::from_owner(bytes)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // An SVG opened on its own is a document of this origin: it must not run script.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; sandbox"),
    );
    response
}

/// `GET /favicon.ico`: the operator's icon, else the built-in one.
pub async fn favicon(State(state): State<AppState>) -> Response {
    let cache = "public, max-age=86400";
    match &state.site.favicon {
        Some(icon) => image_response(Arc::clone(&icon.bytes), icon.content_type, cache),
        None => image_response(Arc::from(BUILT_IN_FAVICON), "image/x-icon", cache),
    }
}

/// `GET /organisation/logo`: the file `logo` names, read at start; 404 without one. Pages
/// link it with `?v=<fingerprint>`, so it may be cached for long.
pub async fn logo(State(state): State<AppState>, page: PageLang) -> Response {
    match &state.site.logo {
        Some(logo) => {
            image_response(Arc::clone(&logo.bytes), logo.content_type, "public, max-age=604800")
        }
        None => PageError::not_found(page.lang).into_response(),
    }
}

/// The page colours from the mail style, each only if it keeps AA contrast: the accent (links,
/// buttons with white text) against white, the header text against the header background.
fn colours(style: &MailStyle) -> (String, Vec<String>) {
    let mut warnings = Vec::new();
    let mut pick = |key: &str, value: &str, against: &str, fallback: &'static str| -> String {
        match contrast(value, against) {
            Some(ratio) if ratio >= MIN_CONTRAST => value.to_owned(),
            Some(ratio) => {
                warnings.push(format!(
                    "{key} = {value} has a contrast of {ratio:.1}:1 against {against} (AA needs 4.5:1); public pages use {fallback}"
                ));
                fallback.to_owned()
            }
            None => {
                warnings.push(format!(
                    "{key} = {value} is not a #rrggbb, #rgb or rgb() colour whose contrast can be checked; public pages use {fallback}"
                ));
                fallback.to_owned()
            }
        }
    };
    let accent = pick("link_color", &style.link_color, "#ffffff", DEFAULT_ACCENT);
    let (header_bg, header_fg) = match contrast(&style.header_text_color, &style.header_background)
    {
        Some(ratio) if ratio >= MIN_CONTRAST => {
            (style.header_background.clone(), style.header_text_color.clone())
        }
        _ => {
            warnings.push(format!(
                "header_text_color = {} on header_background = {} does not reach AA contrast (4.5:1) or cannot be checked; public pages use {DEFAULT_HEADER_TEXT} on {DEFAULT_HEADER_BACKGROUND}",
                style.header_text_color, style.header_background
            ));
            (DEFAULT_HEADER_BACKGROUND.to_owned(), DEFAULT_HEADER_TEXT.to_owned())
        }
    };
    let css = format!(":root{{--accent:{accent};--header-bg:{header_bg};--header-fg:{header_fg}}}");
    (css, warnings)
}

/// The WCAG contrast ratio of two colours, if both can be read.
fn contrast(a: &str, b: &str) -> Option<f64> {
    let (la, lb) = (luminance(a)?, luminance(b)?);
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

/// Relative luminance (WCAG 2.1) of `#rgb`, `#rrggbb` or `rgb(r, g, b)`.
fn luminance(colour: &str) -> Option<f64> {
    let colour = colour.trim().to_ascii_lowercase();
    let rgb: Vec<u8> = if let Some(hex) = colour.strip_prefix('#') {
        let digits: Vec<u8> = hex
            .chars()
            .map(|c| c.to_digit(16).and_then(|d| u8::try_from(d).ok()))
            .collect::<Option<_>>()?;
        match digits.len() {
            3 => digits.iter().map(|d| d * 17).collect(),
            6 => digits.chunks(2).map(|p| p[0] * 16 + p[1]).collect(),
            _ => return None,
        }
    } else {
        let inner = colour.strip_prefix("rgb(")?.strip_suffix(')')?;
        inner.split(',').map(|v| v.trim().parse::<u8>().ok()).collect::<Option<_>>()?
    };
    let [r, g, b] = rgb.as_slice() else { return None };
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    Some(0.2126 * channel(*r) + 0.7152 * channel(*g) + 0.0722 * channel(*b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_is_checked_before_a_colour_is_used() {
        let ratio = contrast("#000", "#ffffff").unwrap_or_default();
        assert!((ratio - 21.0).abs() < 0.01, "{ratio}");
        assert!(contrast("rgb(255, 255, 255)", "#fff").is_some_and(|r| (r - 1.0).abs() < 0.01));
        assert_eq!(contrast("red", "#fff"), None);

        let pale = MailStyle { link_color: "#9ab".into(), ..MailStyle::default() };
        let (css, warnings) = colours(&pale);
        assert!(css.contains("--accent:#0b5394"), "{css}");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let (css, warnings) = colours(&MailStyle::default());
        assert!(css.contains("--accent:#0b57a4"), "{css}");
        assert!(warnings.is_empty(), "{warnings:?}");
    }
}
