//! Request extractors shared by the pages and the API: the page language, who is asking, and
//! form bodies parsed without ever failing on odd bytes.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::HeaderMap;
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE, USER_AGENT};
use axum::http::request::Parts;
use rundbrief_app::RequestMeta;
use rundbrief_core::Language;

use crate::AppState;

/// The cookie that remembers a language chosen with `?lang=`.
pub const LANG_COOKIE: &str = "rb_lang";
/// User agents are kept as consent evidence; nobody needs more of one than this.
const MAX_USER_AGENT_CHARS: usize = 512;

/// The language of a public page, negotiated from `?lang=`, the cookie, `Accept-Language` and
/// the instance default, in that order.
#[derive(Debug, Clone, Copy)]
pub struct PageLang {
    pub lang: Language,
    /// `?lang=` named a language: the response remembers it in the cookie.
    pub from_query: bool,
    /// The reader chose explicitly (query or cookie), so it beats what we know otherwise.
    pub explicit: bool,
}

impl PageLang {
    /// The language of a page about one reader: theirs, unless the visitor chose one.
    pub fn or_reader(&self, reader: Language) -> Language {
        if self.explicit { self.lang } else { reader }
    }
}

impl FromRequestParts<AppState> for PageLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let query = query_param(parts.uri.query(), "lang").and_then(|v| Language::parse(&v).ok());
        let cookie = cookie(&parts.headers, LANG_COOKIE).and_then(|v| Language::parse(&v).ok());
        let accept = parts.headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
        let default = state.app.settings().default_language;
        let lang = query
            .or(cookie)
            .unwrap_or_else(|| rundbrief_i18n::negotiate(None, None, accept, default));
        Ok(PageLang { lang, from_query: query.is_some(), explicit: query.or(cookie).is_some() })
    }
}

/// Who sent the request, for consent records and rate limits: the TCP peer, or behind a
/// trusted proxy the client it names (`proxy.rs`).
#[derive(Debug, Clone)]
pub struct Client {
    pub ip: Option<IpAddr>,
    pub meta: RequestMeta,
}

impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        // The router puts the trusted proxies in; without them the peer is the client.
        let ip = peer.map(|peer| match parts.extensions.get::<crate::proxy::TrustedProxies>() {
            Some(trusted) => trusted.client_ip(peer, &parts.headers),
            None => peer,
        });
        let user_agent = parts.headers.get(USER_AGENT).map(|v| {
            String::from_utf8_lossy(v.as_bytes())
                .chars()
                .filter(|c| !c.is_control())
                .take(MAX_USER_AGENT_CHARS)
                .collect::<String>()
        });
        let meta = RequestMeta { ip: ip.map(|ip| ip.to_string()), user_agent };
        Ok(Client { ip, meta })
    }
}

pub fn query_param(query: Option<&str>, name: &str) -> Option<String> {
    form_urlencoded::parse(query?.as_bytes()).find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get_all(COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|header| {
        header.split(';').find_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            (key.trim() == name).then(|| value.trim().to_owned())
        })
    })
}

/// An `application/x-www-form-urlencoded` body as its pairs; repeated names stay repeated.
pub struct FormFields(pub Vec<(String, String)>);

impl FormFields {
    pub fn parse(body: &[u8]) -> Self {
        Self(form_urlencoded::parse(body).map(|(k, v)| (k.into_owned(), v.into_owned())).collect())
    }

    /// The first value of `name`, or empty.
    pub fn get(&self, name: &str) -> String {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
    }
}

/// The whole body, read as [`Bytes`] are (same limits, same refusals), then parsed.
impl<S: Send + Sync> FromRequest<S> for FormFields {
    type Rejection = BytesRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, BytesRejection> {
        let body = Bytes::from_request(request, state).await?;
        Ok(Self::parse(&body))
    }
}

/// Whether the request says its body is a URL-encoded form.
pub fn is_urlencoded(headers: &HeaderMap) -> bool {
    headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/x-www-form-urlencoded"))
}

/// The id types a path can name, and what a 404 calls a missing one.
pub trait RowId {
    const WHAT: &'static str;
    fn from_row(id: i64) -> Self;
}

impl RowId for rundbrief_core::IssueId {
    const WHAT: &'static str = "issue";
    fn from_row(id: i64) -> Self {
        Self(id)
    }
}

impl RowId for rundbrief_core::ListId {
    const WHAT: &'static str = "list";
    fn from_row(id: i64) -> Self {
        Self(id)
    }
}

impl RowId for rundbrief_core::SubscriberId {
    const WHAT: &'static str = "subscriber";
    fn from_row(id: i64) -> Self {
        Self(id)
    }
}

impl RowId for rundbrief_core::ApiTokenId {
    const WHAT: &'static str = "API token";
    fn from_row(id: i64) -> Self {
        Self(id)
    }
}

/// Largest id a path or body may name: 2^53 - 1, so that every JSON parser reads it exactly
/// (the OpenAPI document says the same).
pub const MAX_ROW_ID: i64 = (1 << 53) - 1;

/// A row id as a path spells it: a positive decimal integer up to [`MAX_ROW_ID`].
pub fn row_id(raw: &str) -> Option<i64> {
    raw.parse().ok().filter(|id| (1..=MAX_ROW_ID).contains(id))
}

/// The signed token of a link in a mail (`/confirm/{token}`, `/unsubscribe/{token}`,
/// `/preferences/{token}`). A path that cannot even be decoded is the not-found page in the
/// reader's language; whether the token is genuine is the use case's to say.
pub struct LinkToken(pub String);

impl FromRequestParts<AppState> for LinkToken {
    type Rejection = axum::response::Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, axum::response::Response> {
        use axum::response::IntoResponse as _;
        let path = axum::extract::Path::<String>::from_request_parts(parts, state).await;
        let Ok(page_lang) = PageLang::from_request_parts(parts, state).await;
        match path {
            // A test mail's (or a preview's) link names no subscriber: whatever the route
            // would do, the page says it was a test and nothing changes.
            Ok(axum::extract::Path(token)) => match state.app.test_link_language(&token) {
                Some(reader) => Err(crate::public::test_mail_page(page_lang, reader)),
                None => Ok(Self(token)),
            },
            Err(_) => Err(link_not_found(parts, page_lang.lang).into_response()),
        }
    }
}

/// A broken confirmation link offers a new one; other links only say they lead nowhere.
fn link_not_found(parts: &Parts, lang: Language) -> crate::PageError {
    if parts.uri.path().starts_with("/confirm/") {
        crate::PageError::invalid_confirm_link(lang, axum::http::StatusCode::NOT_FOUND)
    } else {
        crate::PageError::not_found(lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_and_query_parameters_are_found() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, "a=1; rb_lang=pl ; b=2".parse().expect("header"));
        assert_eq!(cookie(&headers, "rb_lang").as_deref(), Some("pl"));
        assert_eq!(cookie(&headers, "c"), None);
        assert_eq!(query_param(Some("x=1&lang=ro"), "lang").as_deref(), Some("ro"));
        assert_eq!(query_param(None, "lang"), None);
    }

    #[test]
    fn forms_keep_repeated_fields_and_survive_junk() {
        let form = FormFields::parse(b"topics=1&topics=2&email=a%40b.c&%FF=%FE");
        assert_eq!(form.all("topics"), ["1", "2"]);
        assert_eq!(form.get("email"), "a@b.c");
        assert_eq!(form.get("missing"), "");
    }
}
