//! The sign-up form on other sites (issue 23): `/subscribe/embed`, a compact form that the
//! origins of `RUNDBRIEF_EMBED_ORIGINS` may frame, the HTML snippet the editor UI offers
//! (`admin/embed.rs`), both posting to the instance, and the optional proof of work against
//! bots (`RUNDBRIEF_SIGNUP_POW`, after ALTCHA: `rundbrief_core::pow`), served as a challenge
//! (`/subscribe/challenge`) and solved by `/subscribe/pow.js` in the browser.
//!
//! **Who may post the form.** The sign-up has no session, so there is nothing a forged post
//! could ride on; what a foreign page could do is make its visitors' browsers post sign-ups,
//! each from another address, past the per-client rate limit. So a browser's post from another
//! page is refused with 403 unless that page is on an allowed embed origin: browsers say where
//! a post comes from in `Sec-Fetch-Site` (`same-origin` for our own pages) and name the page's
//! origin in `Origin`, which must then be this instance (its public URL or the host the request
//! reached) or an allowed origin. Our pages send `Referrer-Policy: no-referrer`, under which
//! browsers post with `Origin: null`, so `null` passes only with `same-origin` (or from a
//! browser too old for `Sec-Fetch-Site`). A post with neither header is no browser's
//! cross-site post (a script): the rate limits, the honeypot and, when on, the proof of work
//! stand against those. A signed form token instead would not fit the snippet, which is static
//! HTML pasted into another site and would carry one token for ever. An allowed site that
//! itself sends `Referrer-Policy: no-referrer` makes its visitors' browsers hide its origin,
//! and its posts are refused: the snippet needs a policy that sends the origin (the default).
//!
//! **Framing.** Every page keeps `frame-ancestors 'none'`; only the embed page (and its answers
//! to its own form) names the allowed origins instead. The thank-you URL must lie on an allowed
//! origin or the instance, so the form is no open redirect.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::{Markup, html};
use rundbrief_app::FieldError;
use rundbrief_core::Language;

use crate::AppState;
use crate::error::PageError;
use crate::extract::PageLang;
use crate::public::{self, LimitedForm, Surface};
use crate::site::Site;
use crate::views::{self, SubscribeForm, t};

/// The default largest secret number of a challenge: about 25,000 SHA-256 hashes on average,
/// well under a second in a browser, a cost per sign-up for whoever sends thousands.
pub const DEFAULT_POW_DIFFICULTY: u64 = 50_000;

/// The script that solves the challenge, served from the instance so that the page's CSP
/// (`script-src 'self'`) allows it and no inline script is needed.
const POW_SCRIPT: &str = include_str!("pow.js");

/// Where the browser gets a challenge.
pub const CHALLENGE_PATH: &str = "/subscribe/challenge";

/// How sign-ups may arrive: from which other sites, to which thank-you page, with or without
/// a proof of work. The default allows no other site and asks no proof.
#[derive(Debug, Clone, Default)]
pub struct SignupSettings {
    /// Origins (`https://example.org`, normalised) that may frame the embed page and post the
    /// form (`RUNDBRIEF_EMBED_ORIGINS`).
    pub embed_origins: Vec<String>,
    /// Where a successful sign-up goes instead of the check-inbox page
    /// (`RUNDBRIEF_SIGNUP_THANKS_URL`).
    pub thanks_url: Option<String>,
    /// The largest secret number of a challenge when the proof of work is on
    /// (`RUNDBRIEF_SIGNUP_POW`, `RUNDBRIEF_SIGNUP_POW_DIFFICULTY`).
    pub pow: Option<u64>,
}

impl SignupSettings {
    /// Checks the settings as the configuration gives them; each error names its variable.
    /// `public_url` is the instance's, when set: a thank-you URL may lie there too.
    pub fn new(
        origins: &[String],
        thanks_url: Option<&str>,
        pow: Option<u64>,
        public_url: Option<&str>,
    ) -> Result<Self, String> {
        let embed_origins = origins
            .iter()
            .map(|origin| {
                parse_origin(origin).ok_or_else(|| {
                    format!(
                        "RUNDBRIEF_EMBED_ORIGINS: '{origin}' is not an origin like https://example.org (scheme, host and port only)"
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let thanks_url = thanks_url.map(str::trim).filter(|u| !u.is_empty()).map(str::to_owned);
        if let Some(url) = &thanks_url {
            let instance = public_url.and_then(origin_of);
            let local = url.starts_with('/') && !url.starts_with("//") && !url.starts_with("/\\");
            let allowed = origin_of(url)
                .is_some_and(|o| embed_origins.contains(&o) || instance.as_ref() == Some(&o));
            if url.chars().any(|c| c.is_control() || c.is_whitespace()) || !(local || allowed) {
                return Err(format!(
                    "RUNDBRIEF_SIGNUP_THANKS_URL: '{url}' must be a path on this instance (/thanks) or a URL on RUNDBRIEF_PUBLIC_URL or an origin of RUNDBRIEF_EMBED_ORIGINS"
                ));
            }
        }
        if pow == Some(0) {
            return Err("RUNDBRIEF_SIGNUP_POW_DIFFICULTY: must be at least 1".into());
        }
        Ok(Self { embed_origins, thanks_url, pow })
    }

    /// The policy of the sign-up page and its answers: the base policy, plus the proof-of-work
    /// script and its challenge, plus the thank-you page as a target of the form's redirect.
    fn policy(&self, frame_ancestors: &str) -> HeaderValue {
        let mut policy = String::from(
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'",
        );
        if let Some(origin) = self.thanks_url.as_deref().and_then(origin_of) {
            policy.push(' ');
            policy.push_str(&origin);
        }
        if self.pow.is_some() {
            policy.push_str("; script-src 'self'; connect-src 'self'");
        }
        policy.push_str("; base-uri 'none'; frame-ancestors ");
        policy.push_str(frame_ancestors);
        // Origins are checked at start (no spaces, quotes or semicolons), so this is a value.
        HeaderValue::from_str(&policy).unwrap_or(HeaderValue::from_static(views::CSP))
    }

    /// The sign-up page's policy: framed by nobody.
    pub(crate) fn page_policy(&self) -> HeaderValue {
        self.policy("'none'")
    }

    /// The embed page's policy: framed by the allowed origins only (`'none'` without any).
    pub fn embed_policy(&self) -> HeaderValue {
        match self.embed_origins.is_empty() {
            true => self.policy("'none'"),
            false => self.policy(&self.embed_origins.join(" ")),
        }
    }

    /// Whether a form post must be refused for where it comes from (see the module's text).
    pub(crate) fn foreign_post(&self, headers: &HeaderMap, public_url: &str) -> bool {
        let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
        // Our own pages (and an address typed in): the browser says so whatever it hides.
        if matches!(fetch_site, Some("same-origin" | "none")) {
            return false;
        }
        // Pages under `Referrer-Policy: no-referrer`, ours included, post with `Origin: null`,
        // so `null` says nothing by itself: from another page (Sec-Fetch-Site) it is refused,
        // from an old browser or a script without Sec-Fetch-Site it passes like no Origin.
        let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok());
        let Some(origin) = origin.filter(|o| *o != "null") else { return fetch_site.is_some() };
        let Some(origin) = parse_origin(origin) else { return true };
        if self.embed_origins.contains(&origin) || origin_of(public_url) == Some(origin.clone()) {
            return false;
        }
        // The host the request reached, as the browser wrote it: the instance under another name
        // than its public URL (a test, a first run on the listen address).
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
        let authority = origin.split_once("://").map(|(_, authority)| authority);
        !(host.is_some() && host.map(str::to_ascii_lowercase).as_deref() == authority)
    }
}

/// `scheme://host[:port]` of an origin as browsers write it (lower case, no default port), or
/// `None` for anything else: a path, a wildcard, a quote or a separator of the CSP.
pub fn parse_origin(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches('/').to_ascii_lowercase();
    let (scheme, authority) = text.split_once("://")?;
    if !matches!(scheme, "http" | "https") || authority.is_empty() {
        return None;
    }
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']');
    if !authority.chars().all(ok) {
        return None;
    }
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    let authority = authority.strip_suffix(default_port).unwrap_or(authority);
    if let Some((_, port)) = authority.rsplit_once(':').filter(|_| !authority.ends_with(']'))
        && (port.is_empty() || !port.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    Some(format!("{scheme}://{authority}"))
}

/// The origin of an absolute http(s) URL.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    parse_origin(&format!("{scheme}://{}", &rest[..end]))
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/subscribe/embed", get(embed_form).post(embed_submit))
        .route(CHALLENGE_PATH, get(challenge))
        .route("/subscribe/pow.js", get(pow_script))
}

async fn embed_form(State(state): State<AppState>, page_lang: PageLang) -> Response {
    let form = SubscribeForm::default();
    public::render_subscribe(
        &state,
        page_lang,
        page_lang.lang,
        StatusCode::OK,
        &form,
        Surface::Embed,
    )
    .await
}

/// The rejections of the form's extractor (the rate limit, a post from a page not allowed to
/// embed the form, an unreadable body) are taken here rather than answered by the extractor,
/// whose full error page carries `frame-ancestors 'none'` and so is blocked inside the frame.
async fn embed_submit(
    State(state): State<AppState>,
    form: Result<LimitedForm, PageError>,
) -> Response {
    let form = match form {
        Ok(form) => form,
        Err(error) => return framed_error(&state, error),
    };
    match public::submit(&state, form, Surface::Embed).await {
        Ok(response) => response,
        Err(error) => framed_error(&state, error),
    }
}

/// An error the form cannot show (the rate limit, a refused post, an outage) as a compact
/// page under the embed policy, so the frame shows it; the full error page would be refused
/// there.
fn framed_error(state: &AppState, error: PageError) -> Response {
    let lang = error.lang;
    let content = html! {
        p.alert role="alert" { (t(lang, error.text_id)) }
        p { a href={ "/subscribe/embed?lang=" (lang.code()) } { (t(lang, "error-home-link")) } }
    };
    let markup = compact(lang, &t(lang, error.title_id), content);
    let mut response = respond(state, lang, error.status, markup);
    if let Some(wait) = error.retry_after
        && let Ok(value) = HeaderValue::from_str(&wait.as_secs().max(1).to_string())
    {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// A page of the embed form under its own policy.
pub(crate) fn respond(
    state: &AppState,
    lang: Language,
    status: StatusCode,
    markup: Markup,
) -> Response {
    views::page_response_with(lang, status, markup, false, state.signup.embed_policy())
}

/// A page for a frame: no header, language links or footer (the site around it has them),
/// the organisation's colours, the same form styles.
pub(crate) fn compact(lang: Language, title: &str, content: Markup) -> Markup {
    let site = Site::current();
    let style = format!(
        "{}{}main{{max-width:none;min-height:0;padding:.5rem 1rem 1rem}}body{{background:#fff}}",
        site.colours(),
        views::STYLE
    );
    let body = html! { main #main { h1 { (title) } (content) } };
    views::document(lang, html! {}, title, &style, body)
}

/// The data attributes and texts of a form with a proof of work, in the page's language.
pub struct PowAttributes {
    pub challenge: &'static str,
    pub working: String,
    pub done: String,
    pub failed: String,
}

pub(crate) fn pow_attributes(lang: Language) -> PowAttributes {
    PowAttributes {
        challenge: CHALLENGE_PATH,
        working: t(lang, "subscribe-pow-working"),
        done: t(lang, "subscribe-pow-done"),
        failed: t(lang, "subscribe-pow-failed"),
    }
}

/// Above the button of a form with a proof of work: why it was refused, what the script is
/// doing, and without script what is needed.
pub(crate) fn pow_status(lang: Language, error: Option<&FieldError>) -> Markup {
    html! {
        @if let Some(error) = error {
            p.error #pow-error { (t(lang, error.message_id)) }
        }
        p.hint #pow-status role="status" data-rundbrief-pow-status {}
        noscript { p.alert { (t(lang, "subscribe-pow-noscript")) } }
    }
}

/// `GET /subscribe/challenge`: a fresh challenge as JSON (404 while the proof of work is off).
/// An allowed origin may fetch it from its own page (the snippet's script).
async fn challenge(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(max_number) = state.signup.pow else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut response = axum::Json(state.app.pow_challenge(max_number)).into_response();
    let out = response.headers_mut();
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    out.insert(header::VARY, HeaderValue::from_static("Origin"));
    let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()).and_then(parse_origin);
    if let Some(origin) = origin.filter(|o| state.signup.embed_origins.contains(o))
        && let Ok(value) = HeaderValue::from_str(&origin)
    {
        out.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
    }
    response
}

async fn pow_script() -> Response {
    let mut response = POW_SCRIPT.into_response();
    let headers = response.headers_mut();
    headers
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_normalised_and_anything_else_refused() {
        assert_eq!(parse_origin("https://Example.org/").as_deref(), Some("https://example.org"));
        assert_eq!(parse_origin("https://example.org:443").as_deref(), Some("https://example.org"));
        assert_eq!(parse_origin("http://127.0.0.1:8081").as_deref(), Some("http://127.0.0.1:8081"));
        for bad in [
            "*",
            "'self'",
            "example.org",
            "https://a.org/path",
            "ftp://a.org",
            "https://a.org; script-src *",
            "https://a.org:",
            "https://a.org:x",
            "null",
        ] {
            assert_eq!(parse_origin(bad), None, "{bad}");
        }
        assert_eq!(origin_of("https://a.org/thanks?x=1").as_deref(), Some("https://a.org"));
    }

    #[test]
    fn the_thank_you_page_is_on_an_allowed_origin_or_the_instance() {
        let origins = vec!["https://www.example.org".to_owned()];
        let ok = |url: &str| {
            SignupSettings::new(&origins, Some(url), None, Some("https://news.example.org")).is_ok()
        };
        assert!(ok("https://www.example.org/danke"));
        assert!(ok("https://news.example.org/thanks"));
        assert!(ok("/thanks"));
        assert!(!ok("https://evil.example/"));
        assert!(!ok("//evil.example/"));
        assert!(!ok("https://www.example.org.evil.example/"));
        assert!(SignupSettings::new(&["*".into()], None, None, None).is_err());
        assert!(SignupSettings::new(&[], None, Some(0), None).is_err());
    }

    #[test]
    fn only_the_embed_policy_names_the_origins() {
        let origins = vec!["https://www.example.org".to_owned(), "http://127.0.0.1:9".to_owned()];
        let settings = SignupSettings::new(&origins, None, Some(10), None).unwrap();
        let embed = settings.embed_policy();
        assert!(
            embed
                .to_str()
                .unwrap()
                .ends_with("frame-ancestors https://www.example.org http://127.0.0.1:9")
        );
        assert!(embed.to_str().unwrap().contains("script-src 'self'; connect-src 'self'"));
        assert!(settings.page_policy().to_str().unwrap().ends_with("frame-ancestors 'none'"));
        assert!(
            SignupSettings::default()
                .embed_policy()
                .to_str()
                .unwrap()
                .ends_with("frame-ancestors 'none'")
        );
    }

    #[test]
    fn posts_from_other_pages_are_refused() {
        let settings =
            SignupSettings::new(&["https://www.example.org".to_owned()], None, None, None).unwrap();
        let post_from = |origin: Option<&str>, host: &str, site: Option<&str>| {
            let mut headers = HeaderMap::new();
            headers.insert(header::HOST, HeaderValue::from_str(host).unwrap());
            if let Some(origin) = origin {
                headers.insert(header::ORIGIN, HeaderValue::from_str(origin).unwrap());
            }
            if let Some(site) = site {
                headers.insert("sec-fetch-site", HeaderValue::from_str(site).unwrap());
            }
            settings.foreign_post(&headers, "https://news.example.org")
        };
        let post = |origin: Option<&str>, host: &str| post_from(origin, host, Some("cross-site"));
        assert!(!post(Some("https://news.example.org"), "news.example.org"));
        assert!(!post(Some("https://www.example.org"), "news.example.org"));
        assert!(!post(Some("http://127.0.0.1:8080"), "127.0.0.1:8080"), "the host reached");
        assert!(post(Some("https://evil.example"), "news.example.org"));
        assert!(post(Some("null"), "news.example.org"), "another page hiding where it is");
        assert!(post(None, "news.example.org"), "the same without Origin");
        assert!(post(Some("http://127.0.0.1:8081"), "127.0.0.1:8080"));
        // Our own pages post with Origin null (no-referrer), which Sec-Fetch-Site vouches for.
        assert!(!post_from(Some("null"), "news.example.org", Some("same-origin")));
        assert!(!post_from(Some("null"), "news.example.org", None), "no Sec-Fetch-Site: old");
        assert!(!post_from(None, "news.example.org", None), "a script, not a browser");
        assert!(post_from(Some("https://evil.example"), "news.example.org", None));
    }
}
