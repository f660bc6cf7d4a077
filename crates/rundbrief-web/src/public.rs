//! The public pages: sign-up, confirmation, unsubscribe and preferences.
//!
//! Links in mails carry signed tokens (see `rundbrief_core::token`); a page reached through one
//! speaks the subscriber's language unless the reader chose another with `?lang=` or the
//! cookie. The responses to the sign-up form never depend on whether the address was known.
//! Opening a link changes nothing where a scanner could do harm: the confirmation and the
//! unsubscribe pages ask with a button, and only its POST acts.

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use rundbrief_app::{AppError, PreferencesUpdate, SignupForm};
use rundbrief_core::pow::Solution;
use rundbrief_core::{Language, SubscriberStatus};
use rundbrief_i18n::{Arg, Locales};

use crate::AppState;
use crate::embed;
use crate::error::PageError;
use crate::extract::{Client, FormFields, LinkToken, PageLang, is_urlencoded};
use crate::views::{self, FormTarget, PreferencesView, SubscribeForm};
use crate::views_self_service;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/subscribe") }))
        .route("/subscribe", get(subscribe_form).post(subscribe_submit))
        .route("/subscribe/resend", post(resend))
        .route("/confirm/{token}", get(confirm_form).post(confirm_submit))
        .route("/unsubscribe/{token}", get(unsubscribe_form).post(unsubscribe_submit))
        .route("/preferences/{token}", get(preferences_form).post(preferences_submit))
        .route("/preferences/{token}/data", get(data_page))
        .route("/preferences/{token}/export.json", get(data_export))
}

/// The fallback for every unknown path outside the API.
pub async fn not_found(page: PageLang) -> Response {
    PageError::not_found(page.lang).into_response()
}

/// The form body, or the page explaining why there is none.
fn form_body(
    lang: Language,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<FormFields, PageError> {
    let body = body.map_err(|rejection| PageError::bad_request(lang, rejection.status()))?;
    if !is_urlencoded(headers) {
        return Err(PageError::bad_request(lang, StatusCode::UNSUPPORTED_MEDIA_TYPE));
    }
    Ok(FormFields::parse(&body))
}

fn page(lang: Language, page: PageLang, markup: maud::Markup) -> Response {
    views::page_response(lang, StatusCode::OK, markup, page.from_query && page.lang == lang)
}

async fn subscribe_form(State(state): State<AppState>, lang: PageLang) -> Response {
    let form = SubscribeForm::default();
    render_subscribe(&state, lang, lang.lang, StatusCode::OK, &form, Surface::Page).await
}

/// Where the sign-up form is shown: the full page, or the compact one other sites frame
/// (`embed.rs`), each answering its own posts in its own frame and policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Surface {
    Page,
    Embed,
}

pub(crate) async fn render_subscribe(
    state: &AppState,
    page_lang: PageLang,
    lang: Language,
    status: StatusCode,
    form: &SubscribeForm,
    surface: Surface,
) -> Response {
    let lists = match state.app.public_lists().await {
        Ok(lists) => lists,
        Err(error) => return PageError::from_app(lang, error).into_response(),
    };
    let settings = state.app.settings();
    let set_cookie = page_lang.from_query && page_lang.lang == lang;
    let pow = state.signup.pow.is_some();
    match surface {
        Surface::Page => {
            let target = FormTarget { action: "/subscribe", pow };
            let markup = views::subscribe_page(lang, settings, &lists, form, &target);
            views::page_response_with(lang, status, markup, set_cookie, state.signup.page_policy())
        }
        Surface::Embed => {
            let target = FormTarget { action: "/subscribe/embed", pow };
            let form = views::subscribe_form(lang, settings, &lists, form, &target);
            let markup = embed::compact(lang, &views::t(lang, "subscribe-title"), form);
            embed::respond(state, lang, status, markup)
        }
    }
}

/// A form post that counts against the client's limit: its fields, the language it was shown
/// in (so the answer stays in that language) and the address typed in. A post from a page of
/// another site that is not allowed to embed the form is refused first (`embed.rs`). The
/// embed form's handler takes the rejection itself, to answer it under the embed policy.
pub(crate) struct LimitedForm {
    page_lang: PageLang,
    client: Client,
    fields: FormFields,
    pub(crate) lang: Language,
    email: String,
}

impl FromRequest<AppState> for LimitedForm {
    type Rejection = PageError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, PageError> {
        let (mut parts, body) = request.into_parts();
        let Ok(page_lang) = PageLang::from_request_parts(&mut parts, state).await;
        let Ok(client) = Client::from_request_parts(&mut parts, state).await;
        let headers = parts.headers.clone();
        let body = Bytes::from_request(Request::from_parts(parts, body), state).await;
        let fields = form_body(page_lang.lang, &headers, body)?;
        let lang = Language::parse(&fields.get("lang")).unwrap_or(page_lang.lang);
        if state.signup.foreign_post(&headers, &state.app.settings().public_url) {
            tracing::info!("form post from a page not allowed to embed the form refused");
            return Err(PageError::bad_request(lang, StatusCode::FORBIDDEN));
        }
        if let Err(wait) = state.form_limit.check(client.ip) {
            tracing::info!("form rate limit hit");
            return Err(PageError::rate_limited(lang, wait));
        }
        let email = fields.get("email").trim().chars().take(320).collect();
        Ok(Self { page_lang, client, fields, lang, email })
    }
}

async fn subscribe_submit(
    State(state): State<AppState>,
    form: LimitedForm,
) -> Result<Response, PageError> {
    submit(&state, form, Surface::Page).await
}

/// A sign-up from either form: the proof of work first when it is on (spent even when the
/// form then has errors, as the page fetches a new challenge anyway), then the sign-up; the
/// answer is the thank-you page when one is set, else the check-inbox page.
pub(crate) async fn submit(
    state: &AppState,
    form: LimitedForm,
    surface: Surface,
) -> Result<Response, PageError> {
    let LimitedForm { page_lang, client, fields, lang, email } = form;
    let consent = !fields.get("consent").is_empty();
    let signup = SignupForm {
        email: email.clone(),
        name: fields.get("name"),
        language: fields.get("language"),
        topics: fields.all("topics"),
        region: fields.get("region"),
        audience: fields.get("audience"),
        consent,
        honeypot: fields.get("website"),
        page_language: Some(lang),
        meta: client.meta,
    };
    let proof = match state.signup.pow {
        Some(_) => {
            let solution = Solution {
                salt: fields.get("pow_salt"),
                number: fields.get("pow_number"),
                signature: fields.get("pow_signature"),
            };
            state.app.spend_pow(&solution).await
        }
        None => Ok(()),
    };
    let outcome = match proof {
        Ok(()) => state.app.signup(signup).await.map(|_| ()),
        Err(error) => Err(error),
    };
    match outcome {
        Ok(()) => Ok(signed_up(state, surface, lang, &email)),
        Err(AppError::Invalid(errors)) => {
            let form = SubscribeForm {
                email,
                name: fields.get("name"),
                language: Language::parse(&fields.get("language")).ok(),
                topics: fields.all("topics"),
                region: fields.get("region"),
                audience: fields.get("audience"),
                consent,
                errors,
            };
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(render_subscribe(state, page_lang, lang, status, &form, surface).await)
        }
        Err(error) => Err(PageError::from_app(lang, error)),
    }
}

/// After a sign-up: the configured thank-you page (checked at start to lie on the instance or
/// an allowed origin), else the check-inbox page of the form's surface.
fn signed_up(state: &AppState, surface: Surface, lang: Language, email: &str) -> Response {
    if let Some(url) = &state.signup.thanks_url {
        let mut response = Redirect::to(url).into_response();
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return response;
    }
    match surface {
        Surface::Page => views::page_response_with(
            lang,
            StatusCode::OK,
            views::check_inbox_page(lang, email),
            false,
            state.signup.page_policy(),
        ),
        Surface::Embed => {
            let text = Locales::embedded().text(
                lang,
                "subscribe-check-inbox-text",
                &[("email", Arg::Str(email))],
            );
            let content = maud::html! {
                p.notice role="status" { (text) }
                p { (views::t(lang, "subscribe-check-inbox-spam")) }
            };
            let title = views::t(lang, "subscribe-check-inbox-title");
            embed::respond(state, lang, StatusCode::OK, embed::compact(lang, &title, content))
        }
    }
}

async fn resend(
    State(state): State<AppState>,
    LimitedForm { lang, email, .. }: LimitedForm,
) -> Result<Response, PageError> {
    match state.app.resend_confirmation(&email).await {
        Ok(()) => Ok(views::page_response(
            lang,
            StatusCode::OK,
            views::check_inbox_page(lang, &email),
            false,
        )),
        Err(AppError::Invalid(_)) => {
            Err(PageError::invalid_confirm_link(lang, StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(error) => Err(PageError::from_app(lang, error)),
    }
}

/// The page a confirmation link opens: one button that confirms. Opening the link changes
/// nothing, so mail security scanners that follow every link cannot complete the double
/// opt-in; only the button's POST does. An already confirmed subscriber sees the success page.
async fn confirm_form(
    State(state): State<AppState>,
    page_lang: PageLang,
    LinkToken(token): LinkToken,
) -> Result<Response, PageError> {
    let lang = page_lang.lang;
    match state.app.confirm_target(&token).await {
        Ok(target) => {
            let lang = page_lang.or_reader(target.language);
            let markup = if target.status == SubscriberStatus::Active {
                views::confirmed_page(lang)
            } else {
                views::confirm_page(lang)
            };
            Ok(page(lang, page_lang, markup))
        }
        Err(error) => Err(confirm_error(lang, error)),
    }
}

/// The button of the confirmation page: activates the subscription and records the consent.
/// The signed link is the capability, so no further token is needed; repeating is harmless.
async fn confirm_submit(
    State(state): State<AppState>,
    page_lang: PageLang,
    client: Client,
    LinkToken(token): LinkToken,
) -> Result<Response, PageError> {
    let lang = page_lang.lang;
    match state.app.confirm(&token, client.meta).await {
        Ok(subscriber) => {
            let lang = page_lang.or_reader(subscriber.language);
            Ok(page(lang, page_lang, views::confirmed_page(lang)))
        }
        Err(error) => Err(confirm_error(lang, error)),
    }
}

/// A confirmation link that does not work: 404 (forged, or naming nobody who could confirm)
/// or 410 (expired), both offering a new link.
fn confirm_error(lang: Language, error: AppError) -> PageError {
    match error {
        AppError::BadToken | AppError::NotFound(_) => {
            PageError::invalid_confirm_link(lang, StatusCode::NOT_FOUND)
        }
        AppError::ExpiredToken => PageError::invalid_confirm_link(lang, StatusCode::GONE),
        error => PageError::from_app(lang, error),
    }
}

async fn unsubscribe_form(
    State(state): State<AppState>,
    page_lang: PageLang,
    LinkToken(token): LinkToken,
) -> Result<Response, PageError> {
    let target = state
        .app
        .unsubscribe_target(&token)
        .await
        .map_err(|e| PageError::from_app(page_lang.lang, e))?;
    let lang = page_lang.or_reader(target.language);
    // Someone already off the list is told so and offered the way back, not asked again.
    if !matches!(target.status, SubscriberStatus::Active | SubscriberStatus::Pending) {
        return Ok(page(lang, page_lang, views::unsubscribed_page(lang)));
    }
    let markup = views::unsubscribe_page(lang, &state.app.preferences_path(target.id));
    Ok(page(lang, page_lang, markup))
}

/// Whether a POST is the RFC 8058 one-click request of a mail client: the body
/// `List-Unsubscribe=One-Click`, URL-encoded or as multipart form data.
fn is_one_click(body: &[u8]) -> bool {
    let form = FormFields::parse(body);
    if form.0.iter().any(|(k, v)| k == "List-Unsubscribe" && v == "One-Click") {
        return true;
    }
    let text = String::from_utf8_lossy(body);
    text.contains("name=\"List-Unsubscribe\"") && text.contains("One-Click")
}

async fn unsubscribe_submit(
    State(state): State<AppState>,
    page_lang: PageLang,
    client: Client,
    LinkToken(token): LinkToken,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = body.unwrap_or_default();
    let one_click = is_one_click(&body);
    let outcome = state.app.unsubscribe(&token, client.meta).await;
    if one_click {
        // Mail clients read only the status; no page, no cookie, no CSRF token.
        return match outcome {
            Ok(_) => StatusCode::OK.into_response(),
            Err(AppError::BadToken | AppError::ExpiredToken | AppError::NotFound(_)) => {
                StatusCode::NOT_FOUND.into_response()
            }
            Err(error) => PageError::from_app(page_lang.lang, error).status.into_response(),
        };
    }
    match outcome {
        Ok(target) => {
            let lang = page_lang.or_reader(target.language);
            page(lang, page_lang, views::unsubscribed_page(lang))
        }
        Err(error) => PageError::from_app(page_lang.lang, error).into_response(),
    }
}

async fn preferences_form(
    State(state): State<AppState>,
    page_lang: PageLang,
    LinkToken(token): LinkToken,
) -> Result<Response, PageError> {
    let prefs =
        state.app.preferences(&token).await.map_err(|e| PageError::from_app(page_lang.lang, e))?;
    let lang = page_lang.or_reader(prefs.subscriber.language);
    Ok(page(lang, page_lang, render_preferences(&state, lang, &prefs, false, &[])))
}

fn render_preferences(
    state: &AppState,
    lang: Language,
    prefs: &rundbrief_app::Preferences,
    saved: bool,
    errors: &[rundbrief_app::FieldError],
) -> maud::Markup {
    let subscribed: Vec<String> = prefs.subscribed.iter().map(|id| id.to_string()).collect();
    let data_path = format!("{}/data", state.app.preferences_path(prefs.subscriber.id));
    views::preferences_page(
        lang,
        &PreferencesView {
            name: prefs.subscriber.name.as_deref().unwrap_or_default(),
            language: prefs.subscriber.language,
            lists: &prefs.lists,
            subscribed: &subscribed,
            saved,
            errors,
            chain: &state.app.settings().fallback_languages,
            unsubscribed: !matches!(
                prefs.subscriber.status,
                SubscriberStatus::Active | SubscriberStatus::Pending
            ),
            data_path: &data_path,
        },
    )
}

async fn preferences_submit(
    State(state): State<AppState>,
    page_lang: PageLang,
    client: Client,
    headers: HeaderMap,
    LinkToken(token): LinkToken,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, PageError> {
    let lang = page_lang.lang;
    let fields = form_body(lang, &headers, body)?;
    if fields.get("action") == "erase" {
        let current =
            state.app.preferences(&token).await.map_err(|e| PageError::from_app(lang, e))?;
        let lang = page_lang.or_reader(current.subscriber.language);
        // The first press only asks once more; the second page's button carries the confirm.
        if fields.get("confirm") != "yes" {
            let path = state.app.preferences_path(current.subscriber.id);
            return Ok(page(lang, page_lang, views_self_service::erase_confirm_page(lang, &path)));
        }
        state
            .app
            .erase_by_token(&token, client.meta)
            .await
            .map_err(|e| PageError::from_app(lang, e))?;
        return Ok(page(lang, page_lang, views::erased_page(lang)));
    }
    let update = PreferencesUpdate {
        name: fields.get("name"),
        language: fields.get("language"),
        topics: fields.all("topics"),
        meta: client.meta,
    };
    match state.app.update_preferences(&token, update).await {
        Ok(prefs) => {
            let lang = page_lang.or_reader(prefs.subscriber.language);
            Ok(page(lang, page_lang, render_preferences(&state, lang, &prefs, true, &[])))
        }
        Err(AppError::Invalid(errors)) => {
            let prefs =
                state.app.preferences(&token).await.map_err(|e| PageError::from_app(lang, e))?;
            let markup = render_preferences(&state, lang, &prefs, false, &errors);
            Ok(views::page_response(lang, StatusCode::UNPROCESSABLE_ENTITY, markup, false))
        }
        Err(error) => Err(PageError::from_app(lang, error)),
    }
}

/// The subscriber's own data as a page in their language (GDPR Art. 15).
async fn data_page(
    State(state): State<AppState>,
    page_lang: PageLang,
    LinkToken(token): LinkToken,
) -> Result<Response, PageError> {
    let data = state
        .app
        .personal_data(&token)
        .await
        .map_err(|e| PageError::from_app(page_lang.lang, e))?;
    let lang = page_lang.or_reader(data.profile.language);
    let json_path = format!(
        "{}/export.json",
        state.app.preferences_path(rundbrief_core::SubscriberId(data.profile.id))
    );
    Ok(page(lang, page_lang, views_self_service::data_page(lang, &data, &json_path)))
}

/// The same data as a JSON download (GDPR Art. 20), private to the link's holder.
async fn data_export(
    State(state): State<AppState>,
    page_lang: PageLang,
    LinkToken(token): LinkToken,
) -> Result<Response, PageError> {
    let data = state
        .app
        .personal_data(&token)
        .await
        .map_err(|e| PageError::from_app(page_lang.lang, e))?;
    let body = serde_json::to_vec_pretty(&data)
        .map_err(|e| PageError::from_app(page_lang.lang, AppError::Internal(e.to_string())))?;
    let disposition = format!("attachment; filename=\"newsletter-data-{}.json\"", data.profile.id);
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_owned()),
            (header::REFERRER_POLICY, "no-referrer".to_owned()),
        ],
        body,
    )
        .into_response())
}

/// What a test mail's (or a preview's) unsubscribe or preferences link opens, in the reader
/// language of the test unless the reader chose one: it was a test, nothing changed. A mail
/// client's one-click POST gets the same 200.
pub(crate) fn test_mail_page(page_lang: PageLang, reader: Language) -> Response {
    let lang = page_lang.or_reader(reader);
    let content =
        maud::html! { p.notice #test-mail role="status" { (views::t(lang, "test-mail-text")) } };
    page(lang, page_lang, views::layout(lang, &views::t(lang, "test-mail-title"), content))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_click_bodies_are_recognised_in_both_encodings() {
        assert!(is_one_click(b"List-Unsubscribe=One-Click"));
        assert!(is_one_click(
            b"--b\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--b--\r\n"
        ));
        assert!(!is_one_click(b""));
        assert!(!is_one_click(b"List-Unsubscribe=Other"));
    }
}
