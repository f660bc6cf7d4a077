//! The public pages as maud templates: one layout (valid HTML5, `lang`/`dir`, inline CSS that
//! works on small screens, no external resources) and one function per page. Every visible
//! text comes from Fluent; values are escaped by maud.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use rundbrief_app::lists::list_name_in;
use rundbrief_app::{AUDIENCES, FieldError};
use rundbrief_core::Language;
use rundbrief_core::model::MailingList;
use rundbrief_i18n::{Arg, Locales};

use crate::error::PageError;
use crate::extract::LANG_COOKIE;
use crate::site::Site;

pub(crate) const STYLE: &str = "\
*{box-sizing:border-box}\
body{margin:0;font:17px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1a1a1a;background:#f5f6f8}\
main,nav.langs,footer.site{max-width:40rem;margin:0 auto;padding:1rem 1.25rem;background:#fff}\
main{padding-bottom:3rem;min-height:60vh}\
main:focus{outline:none}\
.skip-link{position:absolute;left:-10000px;top:0;background:#fff;color:var(--accent);padding:.5rem 1rem;z-index:1}\
.skip-link:focus{left:.5rem;top:.5rem}\
header.site{background:var(--header-bg);color:var(--header-fg)}\
header.site>a,header.site>span{display:flex;align-items:center;gap:.75rem;max-width:40rem;margin:0 auto;padding:.9rem 1.25rem;color:var(--header-fg);font-weight:700;font-size:1.15rem;text-decoration:none;overflow-wrap:anywhere}\
header.site>a:hover .org-name,header.site>a:focus .org-name{text-decoration:underline}\
header.site img{max-height:3rem;max-width:12rem;height:auto;background:#fff;padding:.2rem}\
footer.site{border-top:1px solid #ddd;font-size:.95rem;padding-bottom:2rem}\
footer.site ul{list-style:none;margin:0 0 .5rem;padding:0;display:flex;flex-wrap:wrap;gap:.2rem 1.2rem}\
footer.site p{margin:.3rem 0;overflow-wrap:anywhere}\
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}\
label,legend{display:block;font-weight:600;margin:1rem 0 .3rem}\
input[type=email],input[type=text],select{width:100%;padding:.6rem;font:inherit;border:1px solid #767676;border-radius:4px}\
fieldset{border:0;padding:0;margin:0}\
legend{padding:0}\
.check{display:flex;gap:.6rem;align-items:flex-start;font-weight:400;margin:.5rem 0}\
.check input{width:1.3rem;height:1.3rem;flex:none;margin-top:.15rem}\
button{font:inherit;font-weight:600;padding:.75rem 1.5rem;margin-top:1.25rem;border:0;border-radius:4px;background:var(--accent);color:#fff;cursor:pointer}\
button.danger{background:#a4161a}\
.hint{color:#555;font-size:.95rem;margin:.2rem 0}\
.error{color:#a4161a;font-weight:600}\
.notice{background:#e7f1e9;border-left:4px solid #2e7d32;padding:.75rem}\
.alert{background:#fbeaea;border-left:4px solid #a4161a;padding:.75rem}\
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}\
nav.langs{font-size:.9rem;border-bottom:1px solid #ddd;padding-bottom:.5rem}\
nav.langs ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2rem .8rem}\
nav.langs a{color:var(--accent)}\
nav.langs a[aria-current]{font-weight:700;color:#1a1a1a;text-decoration:none}\
a{color:var(--accent)}\
section{margin-top:2.5rem;border-top:1px solid #ddd;padding-top:1rem}\
table{border-collapse:collapse;width:100%;table-layout:fixed}\
th,td{text-align:left;vertical-align:top;padding:.35rem .4rem;border-top:1px solid #ddd;overflow-wrap:anywhere}";

/// The content security policy of every page: no scripts, no external anything.
pub(crate) const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; \
form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

pub(crate) fn t(lang: Language, id: &str) -> String {
    Locales::embedded().text(lang, id, &[])
}

pub(crate) fn t_org(lang: Language, id: &str, organisation: &str) -> String {
    Locales::embedded().text(lang, id, &[("organisation", Arg::Str(organisation))])
}

/// The HTML response with the headers every page carries. Pages reached through personal
/// links must not leak the link through `Referer` or caches.
pub fn page_response(
    lang: Language,
    status: StatusCode,
    markup: Markup,
    set_lang_cookie: bool,
) -> Response {
    page_response_with(lang, status, markup, set_lang_cookie, HeaderValue::from_static(CSP))
}

/// [`page_response`] under another content security policy: the sign-up pages', which may
/// run the proof-of-work script, post to a thank-you page elsewhere or, framed, be framed
/// (`embed.rs`).
pub(crate) fn page_response_with(
    lang: Language,
    status: StatusCode,
    markup: Markup,
    set_lang_cookie: bool,
    csp: HeaderValue,
) -> Response {
    let mut response = (status, markup.into_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
    if set_lang_cookie {
        let cookie =
            format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code());
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            headers.insert(header::SET_COOKIE, value);
        }
    }
    response
}

/// The HTML document every page is: its language, the head all pages share (with `head` for
/// what only some need), the title, the style sheet and the body.
pub(crate) fn document(
    lang: Language,
    head: Markup,
    title: &str,
    style: &str,
    body: Markup,
) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.code()) dir="ltr" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                (head)
                title { (title) }
                style { (PreEscaped(style)) }
            }
            body { (body) }
        }
    }
}

/// Every public page: the skip link first (past the 24 language links), the organisation's
/// header, the language links, the page itself in `main#main`, and the footer with the legal
/// links, all from the request's [`Site`].
pub(crate) fn layout(lang: Language, title: &str, content: Markup) -> Markup {
    layout_with(lang, title, html! { (title) }, html! {}, content)
}

/// [`layout`] with a heading that may carry its own `lang` and more in the head (the
/// archive's alternates, canonical URL and Open Graph tags).
pub(crate) fn layout_with(
    lang: Language,
    title: &str,
    heading: Markup,
    more_head: Markup,
    content: Markup,
) -> Markup {
    let site = Site::current();
    let body = html! {
        a.skip-link href="#main" { (t(lang, "site-skip-link")) }
        (site.header(lang))
        nav.langs aria-label=(t(lang, "site-language-label")) {
            ul {
                @for other in Language::ALL {
                    li {
                        @if other == lang {
                            a href={ "?lang=" (other.code()) } lang=(other.code()) hreflang=(other.code()) aria-current="page" { (other.native_name()) }
                        } @else {
                            a href={ "?lang=" (other.code()) } lang=(other.code()) hreflang=(other.code()) { (other.native_name()) }
                        }
                    }
                }
            }
        }
        main #main tabindex="-1" {
            h1 { (heading) }
            (content)
        }
        (site.footer(lang))
    };
    let head = html! { link rel="icon" href="/favicon.ico"; (more_head) };
    document(lang, head, title, &format!("{}{STYLE}", site.colours()), body)
}

/// A list's name along the fallback chain; in another language than the page, marked so.
fn topic_name(list: &MailingList, lang: Language, chain: &[Language]) -> Markup {
    let (name, written_in) = list_name_in(list, lang, chain);
    html! { span lang=[written_in.map(Language::code)] { (name) } }
}

/// The way back to the organisation's website, for the pages that end a visit.
fn back_to_website(lang: Language) -> Markup {
    let site = Site::current();
    html! {
        @if let Some(url) = site.website() {
            p { a href=(url) { (t(lang, "site-back-to-website")) } }
        }
    }
}

/// What the sign-up form shows: empty, or what was submitted with the errors found.
#[derive(Debug, Default)]
pub struct SubscribeForm {
    pub email: String,
    pub name: String,
    pub language: Option<Language>,
    pub topics: Vec<String>,
    pub region: String,
    pub audience: String,
    pub consent: bool,
    pub errors: Vec<FieldError>,
}

impl SubscribeForm {
    fn error(&self, field: &str) -> Option<&FieldError> {
        self.errors.iter().find(|e| e.field == field)
    }
}

fn field_error(lang: Language, error: Option<&FieldError>, id: &str) -> Markup {
    html! {
        @if let Some(error) = error {
            p.error id=(id) { (t(lang, error.message_id)) }
        }
    }
}

/// `aria-invalid` and `aria-describedby` of a field (or group) whose error is `{field}-error`.
fn invalid(errors: &[FieldError], field: &str) -> (Option<&'static str>, Option<String>) {
    match errors.iter().any(|e| e.field == field) {
        true => (Some("true"), Some(format!("{field}-error"))),
        false => (None, None),
    }
}

/// Above a form with errors: what went wrong, each linked to its field (`targets` maps a field
/// to the id of the control to land on, when it is not the field's name). The summary takes
/// the focus by `autofocus` (it has `tabindex=-1`), so a screen reader reads it at once and
/// the keyboard starts there, without script.
fn error_summary(lang: Language, errors: &[FieldError], targets: &[(&str, &str)]) -> Markup {
    html! {
        @if !errors.is_empty() {
            div.alert #error-summary role="alert" tabindex="-1" autofocus {
                p { (t(lang, "error-form-summary")) }
                ul {
                    @for error in errors {
                        @let target = targets.iter().find(|(f, _)| *f == error.field).map_or(error.field.as_str(), |(_, id)| *id);
                        li { a href={ "#" (target) } { (t(lang, error.message_id)) } }
                    }
                }
            }
        }
    }
}

pub fn subscribe_page(
    lang: Language,
    settings: &rundbrief_app::Settings,
    lists: &[MailingList],
    form: &SubscribeForm,
    target: &FormTarget<'_>,
) -> Markup {
    let organisation = Site::current().organisation(lang);
    let content = html! {
        p { (t_org(lang, "subscribe-intro", &organisation)) }
        (subscribe_form(lang, settings, lists, form, target))
    };
    layout(lang, &t(lang, "subscribe-title"), content)
}

/// Where the sign-up form posts (`/subscribe`, or `/subscribe/embed` from the framed page) and
/// whether it carries a proof of work, which `/subscribe/pow.js` solves.
pub struct FormTarget<'a> {
    pub action: &'a str,
    pub pow: bool,
}

/// The sign-up form with its error summary, as the full page and the framed one show it.
pub(crate) fn subscribe_form(
    lang: Language,
    settings: &rundbrief_app::Settings,
    lists: &[MailingList],
    form: &SubscribeForm,
    target: &FormTarget<'_>,
) -> Markup {
    let site = Site::current();
    let organisation = site.organisation(lang);
    let (organisation, regions) = (organisation.as_str(), settings.regions.as_slice());
    let chain = settings.fallback_languages.as_slice();
    let chosen_language = form.language.unwrap_or(lang);
    let errors = form.errors.as_slice();
    // Groups of boxes are reached through their first box.
    let first_topic = lists.first().map(|l| format!("topic-{}", l.id)).unwrap_or_default();
    let first_audience = AUDIENCES.first().map(|a| format!("audience-{a}")).unwrap_or_default();
    let pow = target.pow.then(|| crate::embed::pow_attributes(lang));
    html! {
        (error_summary(lang, &form.errors, &[("topics", &first_topic), ("audience", &first_audience), ("pow", "pow-error")]))
        form method="post" action=(target.action) data-rundbrief-pow=[pow.as_ref().map(|p| p.challenge)]
            data-pow-working=[pow.as_ref().map(|p| p.working.as_str())] data-pow-done=[pow.as_ref().map(|p| p.done.as_str())]
            data-pow-failed=[pow.as_ref().map(|p| p.failed.as_str())] {
            input type="hidden" name="lang" value=(lang.code());
            label for="email" { (t(lang, "subscribe-email-label")) }
            @let (bad, why) = invalid(errors, "email");
            input #email type="email" name="email" required autocomplete="email" inputmode="email" maxlength="320" value=(form.email)
                aria-invalid=[bad] aria-describedby=[why];
            (field_error(lang, form.error("email"), "email-error"))
            label for="name" { (t(lang, "subscribe-name-label")) }
            @let (bad, why) = invalid(errors, "name");
            input #name type="text" name="name" autocomplete="name" maxlength="200" value=(form.name) aria-invalid=[bad] aria-describedby=[why];
            (field_error(lang, form.error("name"), "name-error"))
            label for="language" { (t(lang, "subscribe-language-label")) }
            @let (bad, why) = invalid(errors, "language");
            select #language name="language" aria-invalid=[bad] aria-describedby=[why] {
                @for option in Language::ALL {
                    option value=(option.code()) lang=(option.code()) selected[option == chosen_language] { (option.native_name()) }
                }
            }
            (field_error(lang, form.error("language"), "language-error"))
            @if !lists.is_empty() {
                @let (bad, why) = invalid(errors, "topics");
                fieldset {
                    legend { (t(lang, "subscribe-topics-legend")) }
                    p.hint { (t(lang, "subscribe-topics-hint")) }
                    @for list in lists {
                        @let id = format!("topic-{}", list.id);
                        @let value = list.id.to_string();
                        label.check for=(id) {
                            input #(id) type="checkbox" name="topics" value=(value) checked[form.topics.contains(&value)] aria-invalid=[bad] aria-describedby=[why.as_deref()];
                            (topic_name(list, lang, chain))
                        }
                    }
                    (field_error(lang, form.error("topics"), "topics-error"))
                }
            }
            @if !regions.is_empty() {
                label for="region" { (t(lang, "subscribe-region-label")) }
                @let (bad, why) = invalid(errors, "region");
                select #region name="region" aria-invalid=[bad] aria-describedby=[why] {
                    option value="" { (t(lang, "subscribe-region-none")) }
                    @for region in regions {
                        option value=(region) selected[*region == form.region] { (region) }
                    }
                }
                (field_error(lang, form.error("region"), "region-error"))
            }
            @let (bad, why) = invalid(errors, "audience");
            fieldset {
                legend { (t(lang, "subscribe-audience-label")) }
                @for audience in AUDIENCES {
                    @let id = format!("audience-{audience}");
                    label.check for=(id) {
                        input #(id) type="radio" name="audience" value=(audience) checked[form.audience == audience] aria-invalid=[bad] aria-describedby=[why.as_deref()];
                        span { (t(lang, &format!("subscribe-audience-{audience}"))) }
                    }
                }
                (field_error(lang, form.error("audience"), "audience-error"))
            }
            div.hp aria-hidden="true" {
                label for="website" { (t(lang, "subscribe-honeypot-label")) }
                input #website type="text" name="website" tabindex="-1" autocomplete="off";
            }
            label.check for="consent" {
                @let (bad, why) = invalid(errors, "consent");
                input #consent type="checkbox" name="consent" value="yes" required checked[form.consent]
                    aria-invalid=[bad] aria-describedby=[why];
                span { (t_org(lang, rundbrief_app::CONSENT_TEXT_VERSION, organisation)) }
            }
            (field_error(lang, form.error("consent"), "consent-error"))
            @match site.privacy_link(lang) {
                Some(link) => p.hint { a href=(link.url) hreflang=[link.hreflang.map(Language::code)] { (t(lang, "subscribe-privacy-note")) } },
                None => p.hint { (t(lang, "subscribe-privacy-note")) },
            }
            @if pow.is_some() {
                (crate::embed::pow_status(lang, form.error("pow")))
            }
            button type="submit" { (t(lang, "subscribe-submit")) }
        }
        @if pow.is_some() {
            script src="/subscribe/pow.js" defer {}
        }
    }
}

pub fn check_inbox_page(lang: Language, email: &str) -> Markup {
    let text =
        Locales::embedded().text(lang, "subscribe-check-inbox-text", &[("email", Arg::Str(email))]);
    let content = html! {
        p.notice role="status" { (text) }
        p { (t(lang, "subscribe-check-inbox-spam")) }
    };
    layout(lang, &t(lang, "subscribe-check-inbox-title"), content)
}

/// The page of a confirmation link: one button that posts to the link itself (the form has no
/// `action`, so the token and any `?lang=` stay as they are). Works without script.
pub fn confirm_page(lang: Language) -> Markup {
    let content = html! {
        p { (t(lang, "confirm-page-text")) }
        form method="post" {
            button type="submit" { (t(lang, "confirm-page-button")) }
        }
        p.hint { (t(lang, "confirm-page-ignore")) }
    };
    layout(lang, &t(lang, "confirm-page-title"), content)
}

pub fn confirmed_page(lang: Language) -> Markup {
    let content = html! {
        p.notice role="status" { (t(lang, "confirm-success-text")) }
        (back_to_website(lang))
    };
    layout(lang, &t(lang, "confirm-success-title"), content)
}

pub fn unsubscribe_page(lang: Language, preferences_path: &str) -> Markup {
    let content = html! {
        p { (t(lang, "unsubscribe-question")) }
        form method="post" {
            button type="submit" { (t(lang, "unsubscribe-button")) }
        }
        p { a href=(preferences_path) { (t(lang, "unsubscribe-preferences-link")) } }
    };
    layout(lang, &t(lang, "unsubscribe-title"), content)
}

pub fn unsubscribed_page(lang: Language) -> Markup {
    let content = html! {
        p.notice role="status" { (t(lang, "unsubscribe-done-text")) }
        p { a href={ "/subscribe?lang=" (lang.code()) } { (t(lang, "unsubscribe-resubscribe-link")) } }
        (back_to_website(lang))
    };
    layout(lang, &t(lang, "unsubscribe-done-title"), content)
}

pub struct PreferencesView<'a> {
    pub name: &'a str,
    pub language: Language,
    pub lists: &'a [MailingList],
    pub subscribed: &'a [String],
    pub saved: bool,
    pub errors: &'a [FieldError],
    /// The fallback chain that picks a list's name when it has none in `lang`.
    pub chain: &'a [Language],
    /// Off the list: the page says so and offers to subscribe again.
    pub unsubscribed: bool,
    /// The page with the subscriber's own data.
    pub data_path: &'a str,
}

pub fn preferences_page(lang: Language, view: &PreferencesView<'_>) -> Markup {
    let error = |field: &str| view.errors.iter().find(|e| e.field == field);
    let first_topic = view.lists.first().map(|l| format!("topic-{}", l.id)).unwrap_or_default();
    let content = html! {
        @if view.saved {
            p.notice role="status" { (t(lang, "preferences-saved")) }
        }
        @if view.unsubscribed {
            (crate::views_self_service::unsubscribed_notice(lang))
        }
        (error_summary(lang, view.errors, &[("topics", &first_topic)]))
        p { (t(lang, "preferences-intro")) }
        form method="post" {
            input type="hidden" name="action" value="save";
            label for="name" { (t(lang, "subscribe-name-label")) }
            @let (bad, why) = invalid(view.errors, "name");
            input #name type="text" name="name" autocomplete="name" maxlength="200" value=(view.name) aria-invalid=[bad] aria-describedby=[why];
            (field_error(lang, error("name"), "name-error"))
            label for="language" { (t(lang, "subscribe-language-label")) }
            @let (bad, why) = invalid(view.errors, "language");
            select #language name="language" aria-invalid=[bad] aria-describedby=[why] {
                @for option in Language::ALL {
                    option value=(option.code()) lang=(option.code()) selected[option == view.language] { (option.native_name()) }
                }
            }
            (field_error(lang, error("language"), "language-error"))
            @if !view.lists.is_empty() {
                @let (bad, why) = invalid(view.errors, "topics");
                fieldset {
                    legend { (t(lang, "subscribe-topics-legend")) }
                    @for list in view.lists {
                        @let id = format!("topic-{}", list.id);
                        @let value = list.id.to_string();
                        label.check for=(id) {
                            input #(id) type="checkbox" name="topics" value=(value) checked[view.subscribed.contains(&value)] aria-invalid=[bad] aria-describedby=[why.as_deref()];
                            (topic_name(list, lang, view.chain))
                        }
                    }
                    (field_error(lang, error("topics"), "topics-error"))
                }
            }
            button type="submit" { (t(lang, "preferences-save")) }
        }
        p { a href=(view.data_path) { (t(lang, "data-link")) } }
        section {
            h2 { (t(lang, "preferences-delete-title")) }
            p { (t(lang, "preferences-delete-warning")) }
            form method="post" {
                input type="hidden" name="action" value="erase";
                button.danger type="submit" { (t(lang, "preferences-delete-button")) }
            }
        }
    };
    layout(lang, &t(lang, "preferences-title"), content)
}

pub fn erased_page(lang: Language) -> Markup {
    let content = html! { p.notice role="status" { (t(lang, "preferences-erased-text")) } };
    layout(lang, &t(lang, "preferences-erased-title"), content)
}

pub fn error_page(error: &PageError) -> Markup {
    let lang = error.lang;
    let content = html! {
        p { (t(lang, error.text_id)) }
        @if error.offer_new_link {
            form method="post" action="/subscribe/resend" {
                input type="hidden" name="lang" value=(lang.code());
                label for="email" { (t(lang, "subscribe-email-label")) }
                input #email type="email" name="email" required autocomplete="email" maxlength="320";
                button type="submit" { (t(lang, "confirm-resend-button")) }
            }
        }
        p { a href={ "/subscribe?lang=" (lang.code()) } { (t(lang, "error-home-link")) } }
    };
    layout(lang, &t(lang, error.title_id), content)
}
