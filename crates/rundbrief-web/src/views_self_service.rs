//! The pages a subscriber reaches from their preferences link besides the form itself: the
//! second step of "delete all my data", and their own data (GDPR Art. 15) as a readable page
//! in their language, beside the JSON download.

use maud::{Markup, html};
use rundbrief_app::self_service::PersonalData;
use rundbrief_core::Language;

use crate::views::{layout, t};

/// "Delete all my data" asks once more: only this page's button erases.
pub fn erase_confirm_page(lang: Language, preferences_path: &str) -> Markup {
    let content = html! {
        p { (t(lang, "erase-confirm-text")) }
        form method="post" action=(preferences_path) {
            input type="hidden" name="action" value="erase";
            input type="hidden" name="confirm" value="yes";
            button.danger type="submit" { (t(lang, "erase-confirm-button")) }
        }
        p { a href=(preferences_path) { (t(lang, "erase-confirm-cancel")) } }
    };
    layout(lang, &t(lang, "erase-confirm-title"), content)
}

/// The notice on the preferences and unsubscribe pages of someone who unsubscribed, with the
/// way back in (a new sign-up with double opt-in).
pub fn unsubscribed_notice(lang: Language) -> Markup {
    html! {
        p.notice role="status" { (t(lang, "unsubscribed-status-text")) }
        p { a href={ "/subscribe?lang=" (lang.code()) } { (t(lang, "unsubscribe-resubscribe-link")) } }
    }
}

fn action_label(lang: Language, event: &str) -> String {
    match event {
        "signup" | "confirm" | "preferences" | "unsubscribe" | "import" | "erase" | "bounce"
        | "complaint" | "suppression_lifted" => t(lang, &format!("data-action-{event}")),
        other => other.to_owned(),
    }
}

fn or_none(lang: Language, value: Option<&str>) -> String {
    value.map(str::to_owned).unwrap_or_else(|| t(lang, "data-none"))
}

/// The subscriber's own data. Values they typed and texts in another language than the page
/// carry no guessable language, except the consent texts, whose language is recorded.
pub fn data_page(lang: Language, data: &PersonalData, json_path: &str) -> Markup {
    let p = &data.profile;
    let content = html! {
        p { (t(lang, "data-intro")) }
        p { a href=(json_path) download { (t(lang, "data-download")) } }
        h2 { (t(lang, "data-profile-heading")) }
        dl {
            dt { (t(lang, "subscribe-email-label")) }
            dd { (or_none(lang, p.email.as_deref())) }
            dt { (t(lang, "subscribe-name-label")) }
            dd { (or_none(lang, p.name.as_deref())) }
            dt { (t(lang, "subscribe-language-label")) }
            dd lang=(p.language.code()) { (p.language.native_name()) }
            dt { (t(lang, "subscribe-region-label")) }
            dd { (or_none(lang, p.region.as_deref())) }
            dt { (t(lang, "data-signed-up")) }
            dd { time datetime=(p.created_at) { (p.created_at) } }
            dt { (t(lang, "subscribe-topics-legend")) }
            dd {
                @if data.lists.is_empty() { (t(lang, "data-none")) }
                @else {
                    ul { @for list in &data.lists { li { (list.name) } } }
                }
            }
        }
        h2 { (t(lang, "data-consent-heading")) }
        table {
            thead { tr {
                th scope="col" { (t(lang, "data-consent-when")) }
                th scope="col" { (t(lang, "data-consent-action")) }
                th scope="col" { (t(lang, "data-consent-version")) }
            } }
            tbody {
                @for event in &data.consent {
                    tr {
                        td { time datetime=(event.time) { (event.time) } }
                        td { (action_label(lang, &event.event)) }
                        td {
                            @if let Some(version) = &event.text_version { code { (version) } }
                            @if let (Some(text), Some(shown_in)) = (&event.text, event.language) {
                                p lang=(shown_in.code()) { (text) }
                            }
                        }
                    }
                }
            }
        }
        h2 { (t(lang, "data-deliveries-heading")) }
        @if data.sent_issues.is_empty() {
            p { (t(lang, "data-deliveries-none")) }
        } @else {
            table {
                thead { tr {
                    th scope="col" { (t(lang, "data-delivery-issue")) }
                    th scope="col" { (t(lang, "data-delivery-sent")) }
                } }
                tbody {
                    @for sent in &data.sent_issues {
                        tr {
                            td { (sent.title) }
                            td { time datetime=(sent.sent_at) { (sent.sent_at) } }
                        }
                    }
                }
            }
        }
    };
    layout(lang, &t(lang, "data-title"), content)
}
