//! The language of the editor UI: German or English, from `?lang=`, then the signed-in
//! account's chosen language (the guard puts it into the request as [`AccountLanguage`]),
//! then the cookie that remembers a choice, then `Accept-Language`, then German (the
//! editors' language).

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::request::Parts;
use rundbrief_core::Language;

use crate::extract::{cookie, query_param};

/// Apart from the public pages' cookie: an editor reading in English need not see the sign-up
/// form in English too.
pub const LANG_COOKIE: &str = "rb_admin_lang";
pub const OFFERED: [Language; 2] = [Language::De, Language::En];

/// The editor UI language the signed-in account chose, set by the guard.
#[derive(Debug, Clone, Copy)]
pub struct AccountLanguage(pub Language);

#[derive(Debug, Clone, Copy)]
pub struct AdminLang {
    pub lang: Language,
    /// `?lang=` named an offered language: the response remembers it.
    pub from_query: bool,
}

impl AdminLang {
    pub fn from_parts(parts: &Parts) -> Self {
        let query = query_param(parts.uri.query(), "lang");
        let cookie = cookie(&parts.headers, LANG_COOKIE);
        let accept = parts.headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
        let offered = |tag: &Option<String>| {
            tag.as_deref()
                .and_then(|t| Language::parse(t).ok())
                .filter(|lang| OFFERED.contains(lang))
        };
        let from_query = offered(&query).is_some();
        let account = parts
            .extensions
            .get::<AccountLanguage>()
            .map(|AccountLanguage(lang)| lang.code().to_owned())
            .filter(|_| !from_query);
        let lang = rundbrief_i18n::negotiate_among(
            query.as_deref(),
            account.as_deref().or(cookie.as_deref()),
            accept,
            &OFFERED,
            Language::De,
        );
        Self { lang, from_query }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for AdminLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(Self::from_parts(parts))
    }
}
