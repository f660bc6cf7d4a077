//! Accounts in the editor UI (issue 22), black-box on the real binary over HTTP, on SQLite and
//! PostgreSQL: an administrator changes an editor's role (to translator with languages, a
//! bad language code refused with 422; to viewer, after which the same change the editor
//! could make is 403), disables the account (its open session ends at once and signing in
//! is refused with the right password) and enables it again; the last active administrator
//! can be neither demoted nor disabled (409 with the reason), and can be once a second one
//! exists; an editor gets 403 for every account change. The editor UI follows the language
//! an account chose with the language switch, on another device too, before the browser's
//! Accept-Language, and only for that account.
#![allow(clippy::unwrap_used)]

use rundbrief_testkit::admin::{AdminSession, PASSWORD, create_ok, csrf_of};
use rundbrief_testkit::{Backend, TestApp, TestDb};

const BIN: &str = env!("CARGO_BIN_EXE_rundbrief");
/// A change an editor may make and a viewer may not: deleting a variant of an issue that does
/// not exist reaches the handler (404) for an editor and never gets there for a viewer (403).
const EDITOR_CHANGE: &str = "/admin/issues/999999/variants/de/delete";

/// The account id in the row of `email` on the accounts page.
fn account_id(page: &str, email: &str) -> String {
    let row = &page[page.find(email).unwrap_or_else(|| panic!("{email} listed: {page}"))..];
    let action = &row[row.find("/admin/accounts/").unwrap() + "/admin/accounts/".len()..];
    action[..action.find('/').unwrap()].to_owned()
}

fn login_status(app: &TestApp, email: &str) -> u16 {
    let mut browser = AdminSession::new(app);
    let token = csrf_of(&browser.page("/admin/login"));
    let response =
        browser.post_with(&token, "/admin/login", &[("email", email), ("password", PASSWORD)]);
    response.status
}

fn administrators_change_roles_and_disable_but_never_the_last_admin(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = TestApp::spawn(BIN, &db, &[]);
    create_ok(&app, "admin@example.org", "admin");
    create_ok(&app, "editor@example.org", "editor");
    let mut admin = AdminSession::new(&app).sign_in("admin@example.org");
    let mut editor = AdminSession::new(&app).sign_in("editor@example.org");
    let page = admin.page("/admin/accounts");
    let csrf = csrf_of(&page);
    let admin_id = account_id(&page, "admin@example.org");
    let editor_id = account_id(&page, "editor@example.org");
    let editor_csrf = csrf_of(&editor.page("/admin"));

    // An editor may not touch accounts.
    let refused =
        editor.post_with(&editor_csrf, &format!("/admin/accounts/{admin_id}/disable"), &[]);
    assert_eq!(refused.status, 403, "{}", refused.text());
    assert_eq!(
        editor.post_with(&editor_csrf, EDITOR_CHANGE, &[]).status,
        404,
        "an editor's change"
    );

    // The only administrator stays one, and stays active.
    let role = format!("/admin/accounts/{admin_id}/role");
    let demote = admin.post_with(&csrf, &role, &[("role", "editor"), ("languages", "")]);
    assert_eq!(demote.status, 409, "{}", demote.text());
    assert!(demote.text().contains("letzte aktive Administrationskonto"), "{}", demote.text());
    let disable = admin.post_with(&csrf, &format!("/admin/accounts/{admin_id}/disable"), &[]);
    assert_eq!(disable.status, 409, "{}", disable.text());
    assert_eq!(admin.get("/admin/accounts").status, 200, "still an administrator");

    // A translator needs valid languages; with them the row shows them.
    let editor_role = format!("/admin/accounts/{editor_id}/role");
    let bad =
        admin.post_with(&csrf, &editor_role, &[("role", "translator"), ("languages", "pl,xx")]);
    assert_eq!(bad.status, 422, "{}", bad.text());
    let none = admin.post_with(&csrf, &editor_role, &[("role", "translator"), ("languages", "")]);
    assert_eq!(none.status, 422, "{}", none.text());
    let unknown = admin.post_with(&csrf, &editor_role, &[("role", "owner"), ("languages", "")]);
    assert_eq!(unknown.status, 422, "{}", unknown.text());
    let ok =
        admin.post_with(&csrf, &editor_role, &[("role", "translator"), ("languages", "pl,ro")]);
    assert_eq!(ok.status, 303, "{}", ok.text());
    assert_eq!(ok.header("location"), Some("/admin/accounts?changed=1"));
    let page = admin.page("/admin/accounts?changed=1");
    assert!(page.contains("Das Konto wurde geändert."), "{page}");
    let row = &page[page.find("editor@example.org").unwrap()..];
    assert!(row[..row.find("</tr>").unwrap()].contains("(pl)"), "{row}");

    // Demoted to viewer, the same session is refused the change it could make before.
    let viewer = admin.post_with(&csrf, &editor_role, &[("role", "viewer"), ("languages", "")]);
    assert_eq!(viewer.status, 303, "{}", viewer.text());
    assert_eq!(editor.post_with(&editor_csrf, EDITOR_CHANGE, &[]).status, 403, "now a viewer");
    assert_eq!(editor.get("/admin").status, 200, "still signed in, reading");

    // Disabled: the session ends at once, and the right password no longer signs in.
    let off = admin.post_with(&csrf, &format!("/admin/accounts/{editor_id}/disable"), &[]);
    assert_eq!(off.status, 303, "{}", off.text());
    let gone = editor.get("/admin");
    assert_eq!(gone.status, 303, "signed out: {}", gone.text());
    assert_eq!(gone.header("location"), Some("/admin/login"));
    assert_eq!(login_status(&app, "editor@example.org"), 401, "disabled accounts cannot sign in");
    assert!(admin.page("/admin/accounts").contains("deaktiviert seit"));
    let log = app.log();
    assert!(log.contains("sign-in refused: account disabled"), "{log}");
    assert!(!log.contains("editor@example.org"), "logs name ids, not addresses");

    // Enabled again, the account signs in.
    let on = admin.post_with(&csrf, &format!("/admin/accounts/{editor_id}/enable"), &[]);
    assert_eq!(on.status, 303, "{}", on.text());
    assert_eq!(login_status(&app, "editor@example.org"), 303);

    // With a second administrator, the first may step down; then the second is the last.
    let promote = admin.post_with(&csrf, &editor_role, &[("role", "admin"), ("languages", "")]);
    assert_eq!(promote.status, 303, "{}", promote.text());
    let step_down = admin.post_with(&csrf, &role, &[("role", "viewer"), ("languages", "")]);
    assert_eq!(step_down.status, 303, "{}", step_down.text());
    assert_eq!(admin.get("/admin/accounts").status, 403, "a viewer now");
    let mut second = AdminSession::new(&app).sign_in("editor@example.org");
    let csrf = csrf_of(&second.page("/admin/accounts"));
    let last = second.post_with(&csrf, &format!("/admin/accounts/{editor_id}/disable"), &[]);
    assert_eq!(last.status, 409, "{}", last.text());
}

/// The language of the page's `<html lang>`.
fn page_lang(page: &str) -> &str {
    let start = page.find("<html lang=\"").unwrap() + "<html lang=\"".len();
    &page[start..start + 2]
}

fn the_editor_ui_follows_the_account_language(backend: Backend) {
    let Some(db) = TestDb::new(backend) else { return };
    let app = TestApp::spawn(BIN, &db, &[]);
    create_ok(&app, "admin@example.org", "admin");
    create_ok(&app, "editor@example.org", "editor");
    let german = |email| {
        AdminSession::new(&app).with_header("accept-language", "de-DE,de;q=0.9").sign_in(email)
    };

    let mut laptop = german("editor@example.org");
    let page = laptop.page("/admin");
    assert_eq!(page_lang(&page), "de", "the browser decides before a choice");
    assert!(page.contains("Abmelden"));
    let page = laptop.page("/admin?lang=en");
    assert_eq!(page_lang(&page), "en");

    // Another device, with a German browser and no cookie: the account's choice holds,
    // including on a refusal.
    let mut phone = german("editor@example.org");
    let page = phone.page("/admin");
    assert_eq!(page_lang(&page), "en", "{page}");
    assert!(page.contains("Sign out"), "{page}");
    let refused = phone.get("/admin/accounts");
    assert_eq!(refused.status, 403);
    assert_eq!(page_lang(&refused.text()), "en");
    let mut admin = german("admin@example.org");
    assert_eq!(page_lang(&admin.page("/admin")), "de", "another account keeps its own");

    // Switching back is saved the same way.
    assert_eq!(page_lang(&phone.page("/admin?lang=de")), "de");
    assert_eq!(page_lang(&german("editor@example.org").page("/admin")), "de");
    assert!(app.log().contains("editor UI language chosen"));
}

rundbrief_testkit::on_both_backends!(
    administrators_change_roles_and_disable_but_never_the_last_admin,
    the_editor_ui_follows_the_account_language,
);
