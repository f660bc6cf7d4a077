//! The sign-up form for other websites (issue 23): what an editor copies into the
//! organisation's site. Either a frame of `/subscribe/embed`, or a plain HTML form with this
//! instance's public lists and languages filled in, in the language chosen here, posting to
//! `/subscribe` (with the proof-of-work script when that is on). Both work only from the
//! origins of `RUNDBRIEF_EMBED_ORIGINS` (`embed.rs`), which the page names.

use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{Markup, html};
use rundbrief_app::lists::list_name;
use rundbrief_core::Language;
use rundbrief_core::model::MailingList;
use rundbrief_i18n::{Arg, Locales};

use super::form::failure;
use super::guard::Context;
use super::layout::{self, Section, t, t_args};
use crate::embed::{CHALLENGE_PATH, SignupSettings, pow_attributes};
use crate::extract::query_param;

/// A public text in the snippet's language.
fn public_text(lang: Language, id: &str) -> String {
    Locales::embedded().text(lang, id, &[])
}

/// `GET /admin/embed?form_lang=..`: the settings that decide where the form may be used, and
/// the two snippets in the chosen language.
pub(crate) async fn page(
    Context { admin, lang, current }: Context,
    RawQuery(raw): RawQuery,
) -> Response {
    let form_lang = query_param(raw.as_deref(), "form_lang")
        .and_then(|code| Language::parse(&code).ok())
        .unwrap_or(lang);
    let lists = match admin.web.app.public_lists().await {
        Ok(lists) => lists,
        Err(error) => return failure(lang, error, "listing lists for the sign-up snippet"),
    };
    let settings = admin.web.app.settings();
    let base = settings.public_url.trim_end_matches('/');
    let organisation = settings.organisation_in(form_lang);
    let signup = &admin.web.signup;
    let frame = frame_snippet(base, form_lang);
    let form =
        form_snippet(base, form_lang, &lists, &settings.fallback_languages, &organisation, signup);
    let content = html! {
        p { (t(lang, "admin-embed-intro")) }
        h2 { (t(lang, "admin-embed-settings")) }
        dl {
            dt { (t(lang, "admin-embed-origins")) }
            @if signup.embed_origins.is_empty() {
                dd #embed-origins { (t(lang, "admin-embed-origins-none")) }
            } @else {
                dd #embed-origins { @for origin in &signup.embed_origins { code { (origin) } " " } }
            }
            dt { (t(lang, "admin-embed-thanks")) }
            dd { @match &signup.thanks_url {
                Some(url) => code { (url) },
                None => (t(lang, "admin-embed-thanks-none")),
            } }
            dt { (t(lang, "admin-embed-pow")) }
            dd #embed-pow { @match signup.pow {
                Some(difficulty) => (t_args(lang, "admin-embed-pow-on", &[("difficulty", Arg::Str(&super::numbers::count(lang, i64::try_from(difficulty).unwrap_or(i64::MAX))))])),
                None => (t(lang, "admin-embed-pow-off")),
            } }
        }
        form.filters method="get" action="/admin/embed" {
            label for="form_lang" { (t(lang, "admin-embed-language")) }
            select #form_lang name="form_lang" {
                @for l in Language::ALL {
                    option value=(l.code()) lang=(l.code()) selected[l == form_lang] { (l.native_name()) }
                }
            }
            button type="submit" { (t(lang, "admin-embed-show")) }
        }
        h2 { (t(lang, "admin-embed-frame-title")) }
        p { (t(lang, "admin-embed-frame-text")) }
        label for="snippet-frame" { (t(lang, "admin-embed-copy")) }
        textarea #snippet-frame readonly rows="4" cols="80" { (frame) }
        h2 { (t(lang, "admin-embed-form-title")) }
        p { (t(lang, "admin-embed-form-text")) }
        label for="snippet-form" { (t(lang, "admin-embed-copy")) }
        textarea #snippet-form readonly rows="24" cols="80" { (form) }
    };
    let title = t(lang, "admin-embed-title");
    layout::respond(
        lang,
        StatusCode::OK,
        layout::page(lang, &title, Some(&current), Section::Lists, content),
    )
}

/// The frame: the compact form, as wide as its place and tall enough for the topics.
fn frame_snippet(base: &str, lang: Language) -> String {
    let title = public_text(lang, "subscribe-title");
    html! {
        iframe src={ (base) "/subscribe/embed?lang=" (lang.code()) } title=(title) lang=(lang.code())
            style="width:100%;max-width:40rem;height:60rem;border:0" loading="lazy" {}
    }
    .into_string()
}

/// The form as plain HTML: ids prefixed so they do not clash with the site's own, styles
/// left to the site, the honeypot moved out of sight by an inline style.
fn form_snippet(
    base: &str,
    lang: Language,
    lists: &[MailingList],
    chain: &[Language],
    organisation: &str,
    signup: &SignupSettings,
) -> String {
    let tx = |id: &str| public_text(lang, id);
    let consent = Locales::embedded().text(
        lang,
        rundbrief_app::CONSENT_TEXT_VERSION,
        &[("organisation", Arg::Str(organisation))],
    );
    let pow = signup.pow.map(|_| pow_attributes(lang));
    let challenge = pow.as_ref().map(|_| format!("{base}{CHALLENGE_PATH}"));
    let markup: Markup = html! {
        form method="post" action={ (base) "/subscribe" } lang=(lang.code())
            data-rundbrief-pow=[challenge]
            data-pow-working=[pow.as_ref().map(|p| p.working.as_str())]
            data-pow-done=[pow.as_ref().map(|p| p.done.as_str())]
            data-pow-failed=[pow.as_ref().map(|p| p.failed.as_str())] {
            "\n"
            input type="hidden" name="lang" value=(lang.code());
            "\n"
            p { label for="rb-email" { (tx("subscribe-email-label")) } br; input #rb-email type="email" name="email" required autocomplete="email" maxlength="320"; }
            "\n"
            p { label for="rb-name" { (tx("subscribe-name-label")) } br; input #rb-name type="text" name="name" autocomplete="name" maxlength="200"; }
            "\n"
            p {
                label for="rb-language" { (tx("subscribe-language-label")) } br;
                select #rb-language name="language" {
                    @for option in Language::ALL {
                        option value=(option.code()) lang=(option.code()) selected[option == lang] { (option.native_name()) }
                    }
                }
            }
            "\n"
            @if !lists.is_empty() {
                fieldset {
                    legend { (tx("subscribe-topics-legend")) }
                    @for list in lists {
                        "\n"
                        label { input type="checkbox" name="topics" value=(list.id.0); " " (list_name(list, lang, chain)) } br;
                    }
                }
                "\n"
            }
            div style="position:absolute;left:-10000px" aria-hidden="true" {
                label for="rb-website" { (tx("subscribe-honeypot-label")) }
                input #rb-website type="text" name="website" tabindex="-1" autocomplete="off";
            }
            "\n"
            p { label { input type="checkbox" name="consent" value="yes" required; " " (consent) } }
            "\n"
            @if pow.is_some() {
                p data-rundbrief-pow-status role="status" {}
                noscript { p { (tx("subscribe-pow-noscript")) } }
                "\n"
            }
            p { button type="submit" { (tx("subscribe-submit")) } }
            "\n"
        }
        @if pow.is_some() {
            "\n"
            script src={ (base) "/subscribe/pow.js" } defer {}
        }
    };
    markup.into_string()
}
