//! Actions on the subscriber list's current filter (add to a list, remove from a list,
//! unsubscribe, erase): the list page offers them ([`form`]), `GET /admin/subscribers/bulk`
//! asks with the count, `POST` applies them through `rundbrief_app::bulk`. The filter travels
//! in the query string, the same one the list page has, so the confirmation counts exactly
//! what the action reaches.

use axum::extract::RawQuery;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use rundbrief_app::bulk::BulkAction;
use rundbrief_app::lists::list_name;
use rundbrief_app::{AppError, RequestMeta};
use rundbrief_core::Language;
use rundbrief_core::model::MailingList;
use rundbrief_i18n::Arg;

use super::confirm::{self, Confirm};
use super::form::failure;
use super::guard::Context;
use super::layout::{Section, t, t_args};
use super::numbers;
use crate::extract::{Client, query_param};

const FILTER_KEYS: [&str; 6] = ["q", "status", "language", "list", "region", "audience"];

/// The filter's own pairs of a query string, without paging and the action's fields.
fn filter_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
        .filter(|(k, v)| FILTER_KEYS.contains(&k.as_ref()) && !v.trim().is_empty())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn with_query(path: &str, pairs: &[(String, String)]) -> String {
    let query = form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
    if query.is_empty() { path.to_owned() } else { format!("{path}?{query}") }
}

/// Below the list: the actions on everyone the filter matches, each asking first.
pub(super) fn form(
    lang: Language,
    raw: Option<&str>,
    lists: &[MailingList],
    chain: &[Language],
) -> Markup {
    html! {
        form #bulk method="get" action="/admin/subscribers/bulk" {
            fieldset {
                legend { (t(lang, "admin-bulk-legend")) }
                p.hint { (t(lang, "admin-bulk-hint")) }
                @for (key, value) in filter_pairs(raw) {
                    input type="hidden" name=(key) value=(value);
                }
                label for="bulk-action" { (t(lang, "admin-bulk-action")) }
                select #bulk-action name="action" {
                    // Without lists there is nothing to add to or remove from.
                    @for action in ["add", "remove", "unsubscribe", "erase"].into_iter().skip(if lists.is_empty() { 2 } else { 0 }) {
                        option value=(action) { (t(lang, &format!("admin-bulk-action-{action}"))) }
                    }
                }
                @if !lists.is_empty() {
                    label for="bulk-target" { (t(lang, "admin-bulk-target")) }
                    select #bulk-target name="target" {
                        @for list in lists {
                            option value=(list.id.0) { (list_name(list, lang, chain)) }
                        }
                    }
                }
                div.actions { button type="submit" { (t(lang, "admin-bulk-submit")) } }
            }
        }
    }
}

/// The action a query string names, with its list when it has one.
async fn action_of(
    context: &Context,
    raw: Option<&str>,
) -> Result<(BulkAction, Option<String>), AppError> {
    let action = query_param(raw, "action").unwrap_or_default();
    let target = query_param(raw, "target").unwrap_or_default();
    let action =
        BulkAction::parse(&action, &target).ok_or(AppError::NotFound("subscriber action"))?;
    let name = match action.list() {
        Some(id) => {
            let list = context.admin.web.app.list(id).await?;
            let chain = &context.admin.web.app.settings().fallback_languages;
            Some(list_name(&list, context.lang, chain).to_owned())
        }
        None => None,
    };
    Ok((action, name))
}

pub(crate) async fn confirm_page(context: Context, RawQuery(raw): RawQuery) -> Response {
    let lang = context.lang;
    let (action, list) = match action_of(&context, raw.as_deref()).await {
        Ok(found) => found,
        Err(error) => return failure(lang, error, "reading a subscriber action"),
    };
    let filter = super::subscribers::filter_of(raw.as_deref());
    let count = match context.admin.web.app.count_filtered(&filter).await {
        Ok(count) => count,
        Err(error) => return failure(lang, error, "counting subscribers"),
    };
    let n = i64::try_from(count).unwrap_or(i64::MAX);
    let formatted = numbers::count(lang, n);
    let list = list.unwrap_or_default();
    let args = [("n", Arg::Num(n)), ("count", Arg::Str(&formatted)), ("list", Arg::Str(&list))];
    let kind = action.as_str();
    let pairs = filter_pairs(raw.as_deref());
    let back = with_query("/admin/subscribers", &pairs);
    let mut all = pairs.clone();
    all.push(("action".into(), kind.into()));
    if let Some(id) = action.list() {
        all.push(("target".into(), id.0.to_string()));
    }
    let confirm = Confirm {
        title: t_args(lang, &format!("admin-bulk-confirm-{kind}"), &args),
        section: Section::Subscribers,
        explanation: html! {
            p #bulk-count { (t_args(lang, &format!("admin-bulk-explain-{kind}"), &args)) }
        },
        action: with_query("/admin/subscribers/bulk", &all),
        submit_id: "admin-bulk-confirm-submit",
        back: &back,
    };
    confirm::page(lang, &context.current, confirm)
}

pub(crate) async fn apply(context: Context, client: Client, RawQuery(raw): RawQuery) -> Response {
    let lang = context.lang;
    let (action, _) = match action_of(&context, raw.as_deref()).await {
        Ok(found) => found,
        Err(error) => return failure(lang, error, "reading a subscriber action"),
    };
    let filter = super::subscribers::filter_of(raw.as_deref());
    let meta = RequestMeta { ip: client.meta.ip, user_agent: client.meta.user_agent };
    let app = &context.admin.web.app;
    match app.apply_to_filtered(context.current.actor(), &filter, action, meta).await {
        Ok(count) => {
            tracing::info!(count, action = action.as_str(), user = %context.current.user.id, "subscriber action applied");
            let mut pairs = filter_pairs(raw.as_deref());
            pairs.push(("applied".into(), count.to_string()));
            Redirect::to(&with_query("/admin/subscribers", &pairs)).into_response()
        }
        Err(error) => failure(lang, error, "applying a subscriber action"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_confirmation_names_the_count_in_the_ui_language() {
        for (lang, expected) in [
            (Language::De, "1.234 Abonnements abbestellen?"),
            (Language::En, "Unsubscribe 1,234 subscribers?"),
        ] {
            let formatted = numbers::count(lang, 1234);
            let args = [("n", Arg::Num(1234)), ("count", Arg::Str(&formatted))];
            assert_eq!(t_args(lang, "admin-bulk-confirm-unsubscribe", &args), expected);
        }
        let one = [("n", Arg::Num(1)), ("count", Arg::Str("1")), ("list", Arg::Str("News"))];
        assert_eq!(
            t_args(Language::En, "admin-bulk-confirm-add", &one),
            "Add 1 subscriber to “News”?"
        );
    }

    #[test]
    fn the_filter_travels_without_paging_or_the_action() {
        let raw = "q=m%C3%BCller&status=active&after=40&action=erase&target=3&list=2&region=";
        let pairs = filter_pairs(Some(raw));
        let keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["q", "status", "list"]);
        assert_eq!(
            with_query("/admin/subscribers", &pairs),
            "/admin/subscribers?q=m%C3%BCller&status=active&list=2"
        );
        assert_eq!(with_query("/admin/subscribers", &[]), "/admin/subscribers");
    }
}
