//! The frame of every editor page: a skip link, the header with navigation, language choice
//! and sign-out, and the page title as the only `h1`. Styles are inline (no external requests,
//! works offline); the layout reflows from 320 px (WCAG 1.4.10) to desktop; long words and Markdown
//! break rather than widen the page.

use axum::http::StatusCode;
use axum::response::{IntoResponse as _, Response};
use maud::{Markup, html};
use rundbrief_core::Language;
use rundbrief_i18n::{Arg, Locales};

use super::guard::CurrentUser;
use super::lang::OFFERED;
use super::{csrf, role_text_id};
use crate::views;

const STYLE: &str = "\
*{box-sizing:border-box}\
body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1a1a1a;background:#f3f4f6}\
a{color:#0b5394}\
:focus-visible{outline:3px solid #f9a825;outline-offset:2px}\
.skip{position:absolute;left:-10000px;top:0}\
.skip:focus{left:1rem;top:.5rem;background:#fff;color:#0b5394;padding:.5rem 1rem;z-index:10}\
header.top{background:#0b3d6b;color:#fff;padding:.6rem 1.25rem;display:flex;flex-wrap:wrap;gap:.5rem 2rem;align-items:center}\
header.top a{color:#fff}\
.brand{font-weight:700;font-size:1.15rem;text-decoration:none}\
header.top ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}\
header.top a[aria-current]{font-weight:700;text-decoration:none;border-bottom:3px solid #fff}\
.account{margin-left:auto;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center;font-size:.9rem}\
.account form{margin:0}\
.account button{margin:0;padding:.3rem .8rem;background:#fff;color:#0b3d6b}\
main{max-width:64rem;margin:0 auto;padding:1rem 1.25rem 3rem}\
main.narrow{max-width:30rem}\
h1{font-size:1.6rem;line-height:1.25;margin:.75rem 0 1rem}\
h2{font-size:1.15rem;margin:0 0 .75rem}\
label{display:block;font-weight:600;margin:1rem 0 .3rem}\
input[type=email],input[type=password],input[type=text]{width:100%;padding:.6rem;font:inherit;border:1px solid #767676;border-radius:4px;background:#fff}\
input[aria-invalid=true]{border:2px solid #a4161a}\
button{font:inherit;font-weight:600;padding:.7rem 1.4rem;margin-top:1.25rem;border:0;border-radius:4px;background:#0b5394;color:#fff;cursor:pointer}\
.hint{color:#555;font-size:.9rem;margin:.25rem 0}\
.error{color:#a4161a;font-weight:600;margin:.25rem 0}\
.notice{background:#e7f1e9;border-left:4px solid #2e7d32;padding:.75rem}\
.alert{background:#fbeaea;border-left:4px solid #a4161a;padding:.75rem}\
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,22rem),1fr));gap:1rem}\
.card{background:#fff;border:1px solid #d0d4da;border-radius:6px;padding:1rem;margin:0}\
svg.chart{width:100%;height:auto;display:block}\
input[type=search],select{width:100%;padding:.6rem;font:inherit;border:1px solid #767676;border-radius:4px;background:#fff;color:inherit}\
input[type=checkbox]{width:1.15rem;height:1.15rem;margin:.2rem 0 0;flex:none}\
fieldset{border:1px solid #d0d4da;border-radius:6px;margin:1.25rem 0 0;padding:.25rem 1rem .75rem;background:#fff}\
fieldset.plain{border:0;margin:0;padding:0;background:none;min-width:0}\
legend{font-weight:600;padding:0 .25rem}\
label.check{display:flex;gap:.6rem;align-items:flex-start;font-weight:400;margin:.5rem 0}\
.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,11rem),1fr));gap:0 1rem;align-items:end;background:#fff;border:1px solid #d0d4da;border-radius:6px;padding:0 1rem 1rem;margin-bottom:1rem}\
.filters .wide{grid-column:1/-1}\
.actions{display:flex;flex-wrap:wrap;gap:.75rem 1.25rem;align-items:center;margin:1.25rem 0 0}\
.actions button{margin:0}\
a.button{display:inline-block;font-weight:600;padding:.6rem 1.2rem;border-radius:4px;background:#0b5394;color:#fff;text-decoration:none}\
button.danger,a.button.danger{background:#a4161a}\
button:disabled{background:#767676;cursor:not-allowed}\
.table-wrap{overflow-x:auto;background:#fff;border:1px solid #d0d4da;border-radius:6px;margin:0 0 1rem}\
table{border-collapse:collapse;width:100%}\
caption{text-align:left;font-weight:600;padding:.6rem .75rem}\
th,td{text-align:left;padding:.5rem .75rem;border-top:1px solid #e3e6ea;vertical-align:top}\
thead th{background:#eef1f5;white-space:nowrap}\
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\
td.wrap{overflow-wrap:anywhere;min-width:12rem}\
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1.25rem;background:#fff;padding:1rem;border:1px solid #d0d4da;border-radius:6px;margin:0 0 1.5rem}\
dl.facts dt{font-weight:600}\
dl.facts dd{margin:0;overflow-wrap:anywhere}\
.pager{display:flex;flex-wrap:wrap;justify-content:space-between;gap:1rem;margin:1rem 0}\
main>h2{margin-top:1.75rem}\
.card.growth{margin-top:1rem}\
ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;margin:.75rem 0}\
summary{cursor:pointer;margin:.5rem 0;font-weight:600}\
pre{white-space:pre-wrap;overflow-wrap:anywhere}\
dd,td,th,p,li,label,legend{overflow-wrap:break-word}\
@media (max-width:40rem){dl.facts{grid-template-columns:1fr;gap:.1rem}dl.facts dd{margin-bottom:.5rem}header.top{padding:.6rem 1rem}.account{margin-left:0}main{padding:.75rem 1rem 2rem}}";

pub fn t(lang: Language, id: &str) -> String {
    Locales::embedded().text(lang, id, &[])
}

pub fn t_args(lang: Language, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    Locales::embedded().text(lang, id, args)
}

/// A text with `$count`, the number grouped as the UI's language writes it (12.345 in German).
/// Fluent picks the plural form from the number but prints it without grouping (fluent-rs
/// formats no numbers), so the digits it printed are swapped for `numbers::count`.
pub fn t_count(lang: Language, id: &str, n: i64) -> String {
    let text = t_args(lang, id, &[("count", Arg::Num(n))]);
    if n.abs() < 1000 {
        return text;
    }
    text.replacen(&n.to_string(), &super::numbers::count(lang, n), 1)
}

/// Which navigation entry the page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Dashboard,
    Issues,
    Subscribers,
    Lists,
    Tokens,
    Accounts,
    Audit,
    None,
}

/// The header's navigation: where each entry leads, the section it marks as current, its text.
/// Each account sees only the entries its role may open (by the route table).
const NAVIGATION: [(&str, Section, &str); 7] = [
    ("/admin", Section::Dashboard, "admin-nav-dashboard"),
    ("/admin/issues", Section::Issues, "admin-nav-issues"),
    ("/admin/subscribers", Section::Subscribers, "admin-nav-subscribers"),
    ("/admin/lists", Section::Lists, "admin-nav-lists"),
    ("/admin/tokens", Section::Tokens, "admin-nav-tokens"),
    ("/admin/accounts", Section::Accounts, "admin-nav-accounts"),
    ("/admin/audit", Section::Audit, "admin-nav-audit"),
];

/// A whole editor page. Without `user` (sign-in, setup) the header shows no navigation.
pub fn page(
    lang: Language,
    title: &str,
    user: Option<&CurrentUser>,
    section: Section,
    content: Markup,
) -> Markup {
    let body = html! {
        a.skip href="#content" { (t(lang, "admin-skip-link")) }
        header.top {
            a.brand href="/admin" { "Rundbrief" }
            @if let Some(current) = user {
                nav aria-label=(t(lang, "admin-nav-label")) {
                    ul {
                        @for (href, entry, text_id) in NAVIGATION {
                            @if super::may_open(&current.user, href) {
                                li {
                                    a href=(href) aria-current=[(section == entry).then_some("page")] {
                                        (t(lang, text_id))
                                    }
                                }
                            }
                        }
                    }
                }
            }
            div.account {
                nav aria-label=(t(lang, "admin-language-label")) {
                    ul {
                        @for other in OFFERED {
                            li {
                                a href={ "?lang=" (other.code()) } lang=(other.code()) hreflang=(other.code())
                                    aria-current=[(other == lang).then_some("true")] { (other.native_name()) }
                            }
                        }
                    }
                }
                @if let Some(current) = user {
                    span {
                        (t_args(lang, "admin-signed-in-as", &[
                            ("email", Arg::Str(current.user.email.as_str())),
                            ("role", Arg::Str(&t(lang, role_text_id(current.user.role)))),
                        ]))
                    }
                    a href="/admin/account/two-factor" { (t(lang, "admin-2fa-title")) }
                    form method="post" action="/admin/logout" {
                        (csrf::hidden(&current.csrf))
                        button type="submit" { (t(lang, "admin-logout")) }
                    }
                }
            }
        }
        main #content class=[user.is_none().then_some("narrow")] tabindex="-1" {
            h1 { (title) }
            (content)
        }
    };
    let head = html! { meta name="robots" content="noindex"; };
    views::document(lang, head, &format!("{title} – Rundbrief"), STYLE, body)
}

/// A table column's head: the id of its text, and whether the column holds numbers, which
/// align right.
pub enum Column {
    Text(&'static str),
    Num(&'static str),
}

/// The `thead` of a table.
pub fn column_heads(lang: Language, columns: &[Column]) -> Markup {
    html! {
        thead { tr {
            @for column in columns {
                @match column {
                    Column::Text(id) => th scope="col" { (t(lang, id)) },
                    Column::Num(id) => th.num scope="col" { (t(lang, id)) },
                }
            }
        } }
    }
}

/// One of the editor UI's scripts, which only enhance a page (the one exception: uploading an
/// import file), sent so that the CSP's `script-src 'self'` and `nosniff` accept it.
pub fn script(body: &'static str) -> Response {
    use axum::http::{HeaderValue, header};
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

pub fn respond(lang: Language, status: StatusCode, markup: Markup) -> Response {
    views::page_response(lang, status, markup, false)
}

/// An error page from the ids `<prefix>-title` and `<prefix>-text`.
pub fn error(lang: Language, status: StatusCode, prefix: &str) -> Response {
    let title = t(lang, &format!("{prefix}-title"));
    let content = html! {
        p { (t(lang, &format!("{prefix}-text"))) }
        p { a href="/admin" { (t(lang, "admin-back-link")) } }
    };
    respond(lang, status, page(lang, &title, None, Section::None, content))
}
